package org.galvani.session;

import static org.galvani.config.InvalidConfigurationException.requireInRange;

/**
 * The numbers the control thread needs from a validated, authorised prescription, in controller
 * units. Built off the control thread (from a validated prescription) and handed over with the ARM
 * command; immutable, so safe to publish through the command inbox.
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
            throw new org.galvani.config.InvalidConfigurationException("plan.durationNs",
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
            throw new org.galvani.config.InvalidConfigurationException("plan.reverseAtHalfTime",
                "plan.reverseAtHalfTime = true needs a session of at least 10 min, got " +
                durationNs / 60_000_000_000.0 + " min");
        }
    }
}
