package org.galvani.session;

import static org.galvani.config.InvalidConfigurationException.requireInRange;

import org.galvani.config.InvalidConfigurationException;

/**
 * The numbers the control thread needs from a validated, authorised prescription, in controller
 * units. Built off the control thread (from a validated prescription) and handed over with the ARM
 * command; immutable, so safe to publish through the command inbox. Build one by name with {@link #builder()}
 * (every safety value named, {@link Builder#conclude()} refuses one left unset).
 *
 * @param prescriptionId         identifier of the prescription (journal).
 * @param authorised             whether the prescription's authorisation verified (SR-16).
 * @param startUa                first titration level (TITRATION), or the target (TARGET).
 * @param capUa                  highest level the operator may titrate to (SR-16, SR-17).
 * @param stepUa                 one titration step.
 * @param rampRateUaPerS         soft-start / ramp-down rate (SR-10).
 * @param durationNs             prescribed treatment time; 0 when dose-ended only.
 * @param doseTargetUc           prescribed dose in µC (1 mA·min = 60,000 µC); 0 when time-ended only.
 * @param maxSessionNs           longest treatment time including permitted dose lengthening (SR-17).
 * @param tripLevelUa            SR-3 trip level.
 * @param densityLimitUa         SR-4 average current allowed over the electrode area.
 * @param doseTripUc             SR-11 dose bound above which delivery trips.
 * @param startReversed          whether the session starts with reversed polarity.
 * @param reverseAtHalfTime      whether the polarity is swapped at half time (sessions of 10 min and more).
 * @param dutyPermille           pulse duty, 1000 = continuous.
 * @param peakLimitUa            highest peak current in pulsed mode.
 * @param contactTestUa          pre-ramp contact test current.
 * @param contactMaxOhm          contact impedance above which start is refused (dry skin, no water).
 * @param contactMinOhm          contact impedance below which the load is a short (TRIP).
 * @param validationClamps       {@link Clamp} bits the prescription validator applied (e.g. DENSITY_CAP),
 *                               active for the whole session and shown in status (SR-17).
 */
public record SessionPlan(
    String prescriptionId,
    boolean authorised,
    double startUa,
    double capUa,
    double stepUa,
    double rampRateUaPerS,
    long durationNs,
    double doseTargetUc,
    long maxSessionNs,
    double tripLevelUa,
    double densityLimitUa,
    double doseTripUc,
    boolean startReversed,
    boolean reverseAtHalfTime,
    int dutyPermille,
    double peakLimitUa,
    double contactTestUa,
    double contactMaxOhm,
    double contactMinOhm,
    int validationClamps)
{
    /** Shortest session for which a polarity reversal is allowed (docs/prescriptions.md, Protocols). */
    public static final long MIN_REVERSAL_SESSION_NS = 10L * 60 * 1_000_000_000L;

    /**
     * Validates the plan's internal consistency (the prescription validator has already checked it
     * against device limits and the protocol).
     */
    public SessionPlan
    {
        requireInRange("plan.capUa", capUa, 1.0, 50_000.0, "µA");
        requireInRange("plan.startUa", startUa, 0.0, capUa, "µA");
        requireInRange("plan.stepUa", stepUa, 1.0, capUa, "µA");
        requireInRange("plan.rampRateUaPerS", rampRateUaPerS, 1.0, 5_000.0, "µA/s");
        requireInRange("plan.durationNs", durationNs, 0L, maxSessionNs, "ns");
        requireInRange("plan.doseTargetUc", doseTargetUc, 0.0, doseTripUc, "µC");
        if (durationNs == 0 && doseTargetUc == 0)
        {
            throw new InvalidConfigurationException("plan.durationNs",
                "plan.durationNs and plan.doseTargetUc are both 0: a session needs a duration, a dose or both");
        }
        requireInRange("plan.tripLevelUa", tripLevelUa, capUa, 50_000.0, "µA");
        requireInRange("plan.densityLimitUa", densityLimitUa, 1.0, 50_000.0, "µA");
        requireInRange("plan.dutyPermille", dutyPermille, 1, 1000, "‰");
        requireInRange("plan.peakLimitUa", peakLimitUa, 1.0, tripLevelUa, "µA");
        requireInRange("plan.contactTestUa", contactTestUa, 5.0, 500.0, "µA");
        requireInRange("plan.contactMinOhm", contactMinOhm, 1.0, 10_000.0, "Ω");
        requireInRange("plan.contactMaxOhm", contactMaxOhm, contactMinOhm, 10_000_000.0, "Ω");
        if (reverseAtHalfTime && durationNs < MIN_REVERSAL_SESSION_NS)
        {
            throw new InvalidConfigurationException("plan.reverseAtHalfTime",
                "plan.reverseAtHalfTime = true needs a session of at least 10 min, got " +
                durationNs / 60_000_000_000.0 + " min");
        }
    }

    /**
     * @return a builder that names every field; {@link Builder#conclude()} validates.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return a builder holding this plan's values, to derive a variant by name.
     */
    public Builder toBuilder()
    {
        return new Builder()
            .prescriptionId(prescriptionId)
            .authorised(authorised)
            .startUa(startUa)
            .capUa(capUa)
            .stepUa(stepUa)
            .rampRateUaPerS(rampRateUaPerS)
            .durationNs(durationNs)
            .doseTargetUc(doseTargetUc)
            .maxSessionNs(maxSessionNs)
            .tripLevelUa(tripLevelUa)
            .densityLimitUa(densityLimitUa)
            .doseTripUc(doseTripUc)
            .startReversed(startReversed)
            .reverseAtHalfTime(reverseAtHalfTime)
            .dutyPermille(dutyPermille)
            .peakLimitUa(peakLimitUa)
            .contactTestUa(contactTestUa)
            .contactMaxOhm(contactMaxOhm)
            .contactMinOhm(contactMinOhm)
            .validationClamps(validationClamps);
    }

    /**
     * A {@link SessionPlan} by named fields, in the manner of Aeron's contexts: every value is set by its
     * name, so a trip level and a density limit cannot swap places unnoticed, and {@link #conclude()} refuses
     * a plan whose safety values (currents, rates, limits, bounds, contact thresholds, prescription id) were
     * not all set, then runs the plan's own range checks. Defaults exist only where the safe choice is
     * obvious: not authorised, no duration and no dose (one of them must be set), normal polarity, no
     * reversal, continuous output, no validation clamps.
     *
     * <p>Threading: one set-up thread. Allocation: the plan, in {@link #conclude()}; never on the control
     * thread.
     */
    public static final class Builder
    {
        private static final long UNSET = Long.MIN_VALUE;

        private String prescriptionId;
        private boolean authorised;
        private double startUa = Double.NaN;
        private double capUa = Double.NaN;
        private double stepUa = Double.NaN;
        private double rampRateUaPerS = Double.NaN;
        private long durationNs;
        private double doseTargetUc;
        private long maxSessionNs = UNSET;
        private double tripLevelUa = Double.NaN;
        private double densityLimitUa = Double.NaN;
        private double doseTripUc = Double.NaN;
        private boolean startReversed;
        private boolean reverseAtHalfTime;
        private int dutyPermille = 1000;
        private double peakLimitUa = Double.NaN;
        private double contactTestUa = Double.NaN;
        private double contactMaxOhm = Double.NaN;
        private double contactMinOhm = Double.NaN;
        private int validationClamps;

        private Builder()
        {
        }

        /**
         * @param prescriptionId identifier of the prescription (journal).
         * @return this.
         */
        public Builder prescriptionId(final String prescriptionId)
        {
            this.prescriptionId = prescriptionId;
            return this;
        }

        /**
         * @param authorised whether the prescription's authorisation verified (SR-16); default false.
         * @return this.
         */
        public Builder authorised(final boolean authorised)
        {
            this.authorised = authorised;
            return this;
        }

        /**
         * @param startUa first titration level (TITRATION), or the target (TARGET), µA.
         * @return this.
         */
        public Builder startUa(final double startUa)
        {
            this.startUa = startUa;
            return this;
        }

        /**
         * @param capUa highest level the operator may titrate to (SR-16, SR-17), µA.
         * @return this.
         */
        public Builder capUa(final double capUa)
        {
            this.capUa = capUa;
            return this;
        }

        /**
         * @param stepUa one titration step, µA.
         * @return this.
         */
        public Builder stepUa(final double stepUa)
        {
            this.stepUa = stepUa;
            return this;
        }

        /**
         * @param rampRateUaPerS soft-start / ramp-down rate (SR-10), µA/s.
         * @return this.
         */
        public Builder rampRateUaPerS(final double rampRateUaPerS)
        {
            this.rampRateUaPerS = rampRateUaPerS;
            return this;
        }

        /**
         * @param durationNs prescribed treatment time; default 0 (dose-ended only).
         * @return this.
         */
        public Builder durationNs(final long durationNs)
        {
            this.durationNs = durationNs;
            return this;
        }

        /**
         * @param doseTargetUc prescribed dose in µC; default 0 (time-ended only).
         * @return this.
         */
        public Builder doseTargetUc(final double doseTargetUc)
        {
            this.doseTargetUc = doseTargetUc;
            return this;
        }

        /**
         * @param maxSessionNs longest treatment time including permitted dose lengthening (SR-17).
         * @return this.
         */
        public Builder maxSessionNs(final long maxSessionNs)
        {
            this.maxSessionNs = maxSessionNs;
            return this;
        }

        /**
         * @param tripLevelUa SR-3 trip level, µA.
         * @return this.
         */
        public Builder tripLevelUa(final double tripLevelUa)
        {
            this.tripLevelUa = tripLevelUa;
            return this;
        }

        /**
         * @param densityLimitUa SR-4 average current allowed over the electrode area, µA.
         * @return this.
         */
        public Builder densityLimitUa(final double densityLimitUa)
        {
            this.densityLimitUa = densityLimitUa;
            return this;
        }

        /**
         * @param doseTripUc SR-11 dose bound above which delivery trips, µC.
         * @return this.
         */
        public Builder doseTripUc(final double doseTripUc)
        {
            this.doseTripUc = doseTripUc;
            return this;
        }

        /**
         * @param startReversed whether the session starts with reversed polarity; default false.
         * @return this.
         */
        public Builder startReversed(final boolean startReversed)
        {
            this.startReversed = startReversed;
            return this;
        }

        /**
         * @param reverseAtHalfTime whether the polarity is swapped at half time; default false.
         * @return this.
         */
        public Builder reverseAtHalfTime(final boolean reverseAtHalfTime)
        {
            this.reverseAtHalfTime = reverseAtHalfTime;
            return this;
        }

        /**
         * @param dutyPermille pulse duty; default 1000 (continuous).
         * @return this.
         */
        public Builder dutyPermille(final int dutyPermille)
        {
            this.dutyPermille = dutyPermille;
            return this;
        }

        /**
         * @param peakLimitUa highest peak current in pulsed mode, µA.
         * @return this.
         */
        public Builder peakLimitUa(final double peakLimitUa)
        {
            this.peakLimitUa = peakLimitUa;
            return this;
        }

        /**
         * @param contactTestUa pre-ramp contact test current, µA.
         * @return this.
         */
        public Builder contactTestUa(final double contactTestUa)
        {
            this.contactTestUa = contactTestUa;
            return this;
        }

        /**
         * @param contactMaxOhm contact impedance above which start is refused, Ω.
         * @return this.
         */
        public Builder contactMaxOhm(final double contactMaxOhm)
        {
            this.contactMaxOhm = contactMaxOhm;
            return this;
        }

        /**
         * @param contactMinOhm contact impedance below which the load is a short (TRIP), Ω.
         * @return this.
         */
        public Builder contactMinOhm(final double contactMinOhm)
        {
            this.contactMinOhm = contactMinOhm;
            return this;
        }

        /**
         * @param validationClamps {@link Clamp} bits the prescription validator applied; default 0.
         * @return this.
         */
        public Builder validationClamps(final int validationClamps)
        {
            this.validationClamps = validationClamps;
            return this;
        }

        /**
         * Checks that every safety value was set, then builds the plan, which checks the ranges.
         *
         * @return the plan.
         * @throws InvalidConfigurationException naming the first value not set or out of range.
         */
        public SessionPlan conclude()
        {
            if (prescriptionId == null)
            {
                throw notSet("prescriptionId");
            }
            requireSet("startUa", startUa);
            requireSet("capUa", capUa);
            requireSet("stepUa", stepUa);
            requireSet("rampRateUaPerS", rampRateUaPerS);
            if (maxSessionNs == UNSET)
            {
                throw notSet("maxSessionNs");
            }
            requireSet("tripLevelUa", tripLevelUa);
            requireSet("densityLimitUa", densityLimitUa);
            requireSet("doseTripUc", doseTripUc);
            requireSet("peakLimitUa", peakLimitUa);
            requireSet("contactTestUa", contactTestUa);
            requireSet("contactMaxOhm", contactMaxOhm);
            requireSet("contactMinOhm", contactMinOhm);
            return new SessionPlan(prescriptionId, authorised, startUa, capUa, stepUa, rampRateUaPerS, durationNs,
                doseTargetUc, maxSessionNs, tripLevelUa, densityLimitUa, doseTripUc, startReversed, reverseAtHalfTime,
                dutyPermille, peakLimitUa, contactTestUa, contactMaxOhm, contactMinOhm, validationClamps);
        }

        private static void requireSet(final String field, final double value)
        {
            if (Double.isNaN(value))
            {
                throw notSet(field);
            }
        }

        private static InvalidConfigurationException notSet(final String field)
        {
            return new InvalidConfigurationException("plan." + field,
                "plan." + field + " is not set: a session plan names every safety value");
        }
    }
}
