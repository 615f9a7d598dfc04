package org.galvani.clinical;

import static org.galvani.clinical.Checks.fail;
import static org.galvani.clinical.Checks.range;

import org.galvani.authority.AuthorisationResult;
import org.galvani.clinical.Checks.Bound;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.session.Clamp;
import org.galvani.session.SessionPlan;

/**
 * Validates a {@link Prescription} against its {@link Protocol} and the {@link DeviceLimits} and produces
 * the {@link SessionPlan} the controller arms with. A prescription can never exceed either: every
 * violation throws {@link InvalidConfigurationException} naming the field, the value, the allowed range
 * and the limit that sets it. The only adjustment ever made is the density cap (SR-4) for protocols that
 * allow it, recorded as {@link Clamp#DENSITY_CAP} in {@link SessionPlan#validationClamps()} (SR-17).
 *
 * <p>Plan derivation (controller units: µA, ns, µC; 1 mA·min = 60,000 µC):
 * <ul>
 *   <li>density trip (SR-4) = maxCurrentDensityMaPerCm2 × electrodeAreaCm2 ({@code densityLimitUa}, or the
 *       device absolute limit if lower); the density cap a prescription may reach is that trip level less
 *       {@code densityTripMarginPercent} (default 5 %), so a session held at its cap never trips by design;</li>
 *   <li>trip level (SR-3) = cap + overcurrentTripMarginMa, never above absoluteCurrentMa;</li>
 *   <li>dose trip (SR-11) = dose × (1 + doseOvershootPercent / 100), never above doseCapMaMin; for
 *       time-ended sessions: cap × duration × (1 + doseOvershootPercent / 100), never above doseCapMaMin;</li>
 *   <li>maxSessionNs (SR-17) = nominal time × maxDoseLengtheningFactor for dose-ended sessions (never above
 *       maxSessionMin), the duration for time-ended sessions;</li>
 *   <li>peak limit = cap (in pulsed mode the titrated level is the pulse amplitude);</li>
 *   <li>contact test current and impedance limits from the device limits (SR-6).</li>
 * </ul>
 *
 * <p>Threading: immutable and thread-safe; run on the loader's or UI thread, never on the control thread.
 */
public final class PrescriptionValidator
{
    /** Plausibility bounds of an electrode's active area (cm²). */
    public static final double MIN_AREA_CM2 = 0.5;
    /** Plausibility bounds of an electrode's active area (cm²). */
    public static final double MAX_AREA_CM2 = 2000.0;
    /** Shortest session for a polarity reversal at half time (docs/prescriptions.md, Protocols), in minutes. */
    public static final double MIN_REVERSAL_SESSION_MIN = SessionPlan.MIN_REVERSAL_SESSION_NS / 60e9;

    private static final double UC_PER_MA_MIN = 60_000.0;
    private static final double NS_PER_MIN = 60e9;
    private static final String P = "prescription.";
    /** Duty of a protocol whose pulsed mode is advised when the prescription gives none (‰). */
    private static final int ADVISED_DUTY_PERMILLE = 500;

    private final DeviceLimits device;
    private final ProtocolCatalogue catalogue;
    private final AuthorisationPolicy policy;
    private final DrugCatalogue drugs;

    /**
     * @param device    the device limits.
     * @param catalogue the (possibly tightened) protocols.
     * @param policy    which prescriptions need a verified signature.
     * @param drugs     the (possibly extended or tightened) drug catalogue (SR-21).
     */
    public PrescriptionValidator(
        final DeviceLimits device, final ProtocolCatalogue catalogue, final AuthorisationPolicy policy,
        final DrugCatalogue drugs)
    {
        this.device = device;
        this.catalogue = catalogue;
        this.policy = policy;
        this.drugs = drugs;
    }

    /**
     * @param device    the device limits.
     * @param catalogue the (possibly tightened) protocols.
     * @param policy    which prescriptions need a verified signature; {@link AuthorisationPolicy#EVERY_PRESCRIPTION}
     *                  is the default.
     */
    public PrescriptionValidator(
        final DeviceLimits device, final ProtocolCatalogue catalogue, final AuthorisationPolicy policy)
    {
        this(device, catalogue, policy, DrugCatalogue.builtIn());
    }

    /**
     * A validator with the default policy (every prescription must be authorised).
     *
     * @param device    the device limits.
     * @param catalogue the protocols.
     */
    public PrescriptionValidator(final DeviceLimits device, final ProtocolCatalogue catalogue)
    {
        this(device, catalogue, AuthorisationPolicy.EVERY_PRESCRIPTION);
    }

    /**
     * @param signed a prescription read from a file with its signature's verification result.
     * @return the plan.
     * @throws InvalidConfigurationException naming field, value, allowed range and limit.
     */
    public SessionPlan validate(final SignedPrescription signed)
    {
        return validate(signed.prescription(), signed.authorisation());
    }

    /**
     * Validates and derives the plan.
     *
     * @param rx            the prescription.
     * @param authorisation the verification result of its signature (SR-16).
     * @return the plan; {@code authorised} is false when the policy needs a signature that did not verify.
     * @throws InvalidConfigurationException naming field, value, allowed range and limit.
     */
    public SessionPlan validate(final Prescription rx, final AuthorisationResult authorisation)
    {
        final Protocol protocol = catalogue.get(rx.protocol());
        final Derivation d = new Derivation(rx, protocol, drug(rx, protocol));
        if (protocol.clinicOnly() && device.homeUse())
        {
            throw fail(P + "protocol", P + "protocol = " + protocol.cliName() + " is not allowed: the protocol is " +
                "clinic-only and this device is for home use (device limit homeUse)");
        }
        current(d);
        d.rampMaPerS = rampRate(d);
        d.doseMaMin = dose(d);
        duration(d);
        d.polarity = polarity(d);
        checkReversal(d);
        d.dutyPermille = duty(d);
        return plan(d, authorisation);
    }

    /**
     * What {@link #validate} has derived so far, one step after another in SRS order; one per call, never shared.
     */
    private static final class Derivation
    {
        final Prescription rx;
        final Protocol protocol;
        /** "protocol NAME ", the source of the protocol's bounds in messages. */
        final String proto;
        /** The named drug (SR-21), or null. */
        final Drug drug;
        double areaCm2;
        /** The current at which the monitor trips for density over the electrode area (SR-4). */
        double densityTripMa;
        /** The prescription's field that holds the cap: targetCurrentMa (TARGET) or capCurrentMa (TITRATION). */
        String capField;
        double capMa;
        double startMa;
        double stepMa;
        int clamps;
        double rampMaPerS;
        double doseMaMin;
        double durationMin;
        double maxSessionMin;
        Polarity polarity;
        int dutyPermille;

        Derivation(final Prescription rx, final Protocol protocol, final Drug drug)
        {
            this.rx = rx;
            this.protocol = protocol;
            this.proto = "protocol " + protocol.cliName() + " ";
            this.drug = drug;
        }
    }

    /** SR-4: the density cap over the electrode area, tightened by the drug's (SR-21). */
    private Bound densityBound(final Derivation d)
    {
        d.areaCm2 = range(P + "electrodeAreaCm2", d.rx.electrodeAreaCm2(), MIN_AREA_CM2, MAX_AREA_CM2,
            "cm²", "electrode area plausibility bound");
        // The monitor trips at the full density; a prescription may reach it less the margin (SR-4).
        d.densityTripMa = device.maxCurrentDensityMaPerCm2() * d.areaCm2;
        // to the nA, so that 0.475 mA/cm² × 6 cm² reads 2.85 mA in a message, not 2.8499999999999996
        final double densityCapMa = Math.floor(device.prescribableDensityMaPerCm2() * d.areaCm2 * 1e6 + 1e-3) / 1e6;
        final Bound densityBound = new Bound(densityCapMa, "SR-4 current density: device limit " +
            "maxCurrentDensityMaPerCm2 " + device.maxCurrentDensityMaPerCm2() + " mA/cm² less densityTripMarginPercent " +
            device.densityTripMarginPercent() + " % × electrodeAreaCm2 " + d.areaCm2 + " cm²");
        if (d.drug == null)
        {
            return densityBound;
        }
        return densityBound.tighterUpper(new Bound(
            Math.floor(d.drug.maxDensityMaPerCm2() * d.areaCm2 * 1e6 + 1e-3) / 1e6, "SR-21 drug " + d.drug.id() +
            " maxDensityMaPerCm2 " + d.drug.maxDensityMaPerCm2() + " mA/cm² × electrodeAreaCm2 " + d.areaCm2 + " cm²"));
    }

    /** The current: TARGET or TITRATION within the protocol's, the device's and the drug's bounds, then SR-4. */
    private void current(final Derivation d)
    {
        final Bound densityBound = densityBound(d);
        final double densityCapMa = densityBound.value();
        final Bound minCurrent = new Bound(d.protocol.minCurrentMa(), d.proto + "minCurrentMa");
        Bound maxCurrent = new Bound(d.protocol.maxCurrentMa(), d.proto + "maxCurrentMa")
            .tighterUpper(new Bound(device.maxPrescribableCurrentMa(), "device limit maxPrescribableCurrentMa"));
        if (d.drug != null)
        {
            maxCurrent = maxCurrent.tighterUpper(new Bound(d.drug.maxCurrentMa(), "SR-21 drug " + d.drug.id() +
                " maxCurrentMa"));
        }
        if (d.rx.mode() == CurrentMode.TARGET)
        {
            targetCurrent(d, minCurrent, maxCurrent);
        }
        else
        {
            titratedCurrent(d, minCurrent, maxCurrent);
        }
        if (d.capMa > densityCapMa)
        {
            if (!d.protocol.densityClampAllowed() || densityCapMa < d.protocol.minCurrentMa())
            {
                range(d.capField, d.capMa, minCurrent, densityBound, "mA");
            }
            d.capMa = densityCapMa;
            d.startMa = Math.min(d.startMa, d.capMa);
            d.stepMa = Math.min(d.stepMa, d.capMa);
            d.clamps |= Clamp.DENSITY_CAP.bit();
        }
    }

    private void targetCurrent(final Derivation d, final Bound minCurrent, final Bound maxCurrent)
    {
        final Prescription rx = d.rx;
        forbid(rx.startCurrentMa(), "startCurrentMa", "TITRATION only; mode is TARGET");
        forbid(rx.capCurrentMa(), "capCurrentMa", "TITRATION only; mode is TARGET");
        d.capField = P + "targetCurrentMa";
        d.capMa = range(d.capField, orDefault(rx.targetCurrentMa(), d.protocol.defaultCurrentMa(), d.capField,
            d.proto), minCurrent, maxCurrent, "mA");
        d.startMa = d.capMa;
        d.stepMa = rx.stepCurrentMa() == null ? Math.min(d.protocol.defaultStepMa(), d.capMa) :
            range(P + "stepCurrentMa", rx.stepCurrentMa(), 0.01, d.capMa, "mA", "prescription targetCurrentMa");
    }

    private void titratedCurrent(final Derivation d, final Bound minCurrent, final Bound maxCurrent)
    {
        final Prescription rx = d.rx;
        if (!d.protocol.titrationAllowed())
        {
            throw fail(P + "mode", P + "mode = TITRATION is not allowed: " + d.proto +
                "prescribes a fixed current (allowed: TARGET)");
        }
        forbid(rx.targetCurrentMa(), "targetCurrentMa", "TARGET only; mode is TITRATION");
        d.capField = P + "capCurrentMa";
        d.capMa = range(d.capField, orDefault(rx.capCurrentMa(), d.protocol.defaultCurrentMa(), d.capField, d.proto),
            minCurrent, maxCurrent, "mA");
        d.startMa = rx.startCurrentMa() == null ? Math.min(d.protocol.defaultStartMa(), d.capMa) :
            range(P + "startCurrentMa", rx.startCurrentMa(), 0.0, d.capMa, "mA", "prescription capCurrentMa");
        d.stepMa = rx.stepCurrentMa() == null ? Math.min(d.protocol.defaultStepMa(), d.capMa) :
            range(P + "stepCurrentMa", rx.stepCurrentMa(), 0.01, d.capMa, "mA", "prescription capCurrentMa");
    }

    /** SR-10: the ramp rate. */
    private double rampRate(final Derivation d)
    {
        final Bound maxRamp = new Bound(d.protocol.rampRateMaPerS(), d.proto + "rampRateMaPerS")
            .tighterUpper(new Bound(device.maxRampRateMaPerS(), "device limit maxRampRateMaPerS"));
        return d.rx.rampRateMaPerS() == null ? maxRamp.value() :
            range(P + "rampRateMaPerS", d.rx.rampRateMaPerS(), new Bound(0.01, "controller bound"), maxRamp, "mA/s");
    }

    /** SR-11, SR-21: the dose, 0 when the session is time-ended. */
    private double dose(final Derivation d)
    {
        final Prescription rx = d.rx;
        if (rx.doseMaMin() == null && !d.protocol.doseRequired())
        {
            return 0.0;
        }
        if (!d.protocol.doseAllowed())
        {
            throw fail(P + "doseMaMin", P + "doseMaMin = " + rx.doseMaMin() + " is not allowed: " + d.proto +
                "is time-ended (give durationMin only)");
        }
        Bound maxDose = new Bound(d.protocol.maxDoseMaMin(), d.proto + "maxDoseMaMin")
            .tighterUpper(new Bound(device.doseCapMaMin(), "device limit doseCapMaMin"));
        Bound minDose = new Bound(0.1, "controller bound");
        if (d.drug != null)
        {
            maxDose = maxDose.tighterUpper(new Bound(d.drug.maxDoseMaMin(), "SR-21 drug " + d.drug.id() +
                " maxDoseMaMin"));
            minDose = minDose.tighterLower(new Bound(d.drug.minDoseMaMin(), "SR-21 drug " + d.drug.id() +
                " minDoseMaMin"));
        }
        return range(P + "doseMaMin", orDefault(rx.doseMaMin(), d.protocol.defaultDoseMaMin(), P + "doseMaMin",
            d.proto), minDose, maxDose, "mA·min");
    }

    /** SR-11, SR-17: the treatment time and the longest session, time-ended or dose-ended. */
    private void duration(final Derivation d)
    {
        final Prescription rx = d.rx;
        final Bound maxDuration = new Bound(d.protocol.maxDurationMin(), d.proto + "maxDurationMin")
            .tighterUpper(new Bound(device.maxSessionMin(), "device limit maxSessionMin"));
        final Bound minDuration = new Bound(d.protocol.minDurationMin(), d.proto + "minDurationMin");
        final Double durationGiven = rx.durationMin() != null ? rx.durationMin() :
            d.protocol.defaultDurationMin() > 0.0 ? Double.valueOf(d.protocol.defaultDurationMin()) : null;
        if (d.doseMaMin == 0.0)
        {
            Checks.present(P + "durationMin", durationGiven, "a time-ended session needs durationMin (" + d.proto +
                "has no default)");
            d.durationMin = range(P + "durationMin", durationGiven, minDuration, maxDuration, "min");
            d.maxSessionMin = d.durationMin;
            final double possibleMaMin = d.capMa * d.durationMin;
            if (possibleMaMin > device.doseCapMaMin())
            {
                throw fail(P + "durationMin", P + "durationMin = " + d.durationMin + " min at " + d.capField + " " +
                    d.capMa + " mA could deliver " + possibleMaMin + " mA·min: allowed up to " + device.doseCapMaMin() +
                    " mA·min (SR-11 device limit doseCapMaMin)");
            }
        }
        else if (durationGiven != null)
        {
            d.durationMin = range(P + "durationMin", durationGiven, minDuration, maxDuration, "min");
            d.maxSessionMin = Math.min(d.durationMin * device.maxDoseLengtheningFactor(), device.maxSessionMin());
            final double deliverableMaMin = d.capMa * d.maxSessionMin;
            if (d.doseMaMin > deliverableMaMin)
            {
                throw fail(P + "doseMaMin", P + "doseMaMin = " + d.doseMaMin + " cannot be delivered: allowed up to " +
                    deliverableMaMin + " mA·min (" + d.capField + " " + d.capMa + " mA × durationMin " + d.durationMin +
                    " × device limit maxDoseLengtheningFactor " + device.maxDoseLengtheningFactor() +
                    ", at most device limit maxSessionMin)");
            }
        }
        else
        {
            if (rx.mode() == CurrentMode.TITRATION)
            {
                throw fail(P + "durationMin", P + "durationMin is missing: a dose-ended TITRATION session needs " +
                    "durationMin as its nominal time (the titrated current is not known in advance)");
            }
            final double nominalMin = d.doseMaMin / d.capMa;
            range(P + "doseMaMin", d.doseMaMin, 0.1, d.capMa * maxDuration.value(), "mA·min",
                "nominal time doseMaMin / " + d.capField + " must not exceed " + maxDuration.source() + " " +
                maxDuration.value() + " min");
            d.durationMin = 0.0;
            d.maxSessionMin = Math.min(nominalMin * device.maxDoseLengtheningFactor(), device.maxSessionMin());
        }
    }

    /** The polarity: from the drug's charge when a drug is named (SR-21), else from drugCharge. */
    private static Polarity polarity(final Derivation d)
    {
        final Prescription rx = d.rx;
        final Drug drug = d.drug;
        if (drug != null && rx.drugCharge() != null && rx.drugCharge() != drug.charge())
        {
            throw fail(P + "drugCharge", P + "drugCharge = " + rx.drugCharge() + " contradicts the drug: " +
                drug.id() + " is " + drug.charge() + " (SR-21 drug catalogue)");
        }
        final Polarity fromCharge = drug != null ? drug.polarity() :
            rx.drugCharge() == null ? null : rx.drugCharge().polarity();
        if (rx.polarity() != null && fromCharge != null && rx.polarity() != fromCharge)
        {
            throw fail(P + "polarity", P + "polarity = " + rx.polarity() + " is not allowed: allowed only " +
                fromCharge + " (" + (drug != null ? "SR-21 drug " + drug.id() + " is " + drug.charge() :
                "prescription.drugCharge = " + rx.drugCharge()) + ": like charges repel, the drug leaves the electrode " +
                "of its own sign)");
        }
        final Polarity polarity = rx.polarity() != null ? rx.polarity() :
            fromCharge != null ? fromCharge : d.protocol.defaultPolarity();
        Checks.present(P + "polarity", polarity, d.proto + "needs polarity or drugCharge");
        if (d.protocol.fixedPolarity() != null && polarity != d.protocol.fixedPolarity())
        {
            final String field = rx.polarity() != null ? P + "polarity" : P + "drugCharge";
            final Object value = rx.polarity() != null ? rx.polarity() : rx.drugCharge();
            throw fail(field, field + " = " + value + " is not allowed: allowed only polarity " +
                d.protocol.fixedPolarity() + " (" + d.proto + "fixedPolarity: the drug's charge fixes the polarity)");
        }
        return polarity;
    }

    /** Reversal at half time: allowed by the protocol, and only in sessions long enough. */
    private static void checkReversal(final Derivation d)
    {
        if (!d.rx.reverseAtHalfTime())
        {
            return;
        }
        if (!d.protocol.reversalAllowed())
        {
            throw fail(P + "reverseAtHalfTime", P + "reverseAtHalfTime = true is not allowed: " + d.proto +
                "has reversalAllowed = false");
        }
        if (d.durationMin < MIN_REVERSAL_SESSION_MIN)
        {
            throw fail(P + "reverseAtHalfTime", P + "reverseAtHalfTime = true needs durationMin of at least " +
                MIN_REVERSAL_SESSION_MIN + " min, got " + d.durationMin + " min");
        }
    }

    /** Pulsed mode: an advised protocol is pulsed unless the prescription says continuous (1000) explicitly. */
    private int duty(final Derivation d)
    {
        final Prescription rx = d.rx;
        final int dutyPermille = rx.dutyPermille() != null ? rx.dutyPermille() :
            d.protocol.pulsedAdvised() && d.protocol.pulsedAllowed() ? Math.max(ADVISED_DUTY_PERMILLE,
                device.minDutyPermille()) : 1000;
        if (dutyPermille != 1000 && d.drug != null && !d.drug.pulsedAllowed())
        {
            throw fail(P + "dutyPermille", P + "dutyPermille = " + dutyPermille + " is not allowed: allowed only " +
                "1000 (continuous; SR-21 drug " + d.drug.id() + " has pulsedAllowed = false)");
        }
        if (dutyPermille != 1000 && !d.protocol.pulsedAllowed())
        {
            throw fail(P + "dutyPermille", P + "dutyPermille = " + dutyPermille + " is not allowed: allowed only " +
                "1000 (continuous; " + d.proto + "has pulsedAllowed = false)");
        }
        range(P + "dutyPermille", dutyPermille, device.minDutyPermille(), 1000, "‰", "device limit minDutyPermille");
        if (rx.pulseFrequencyHz() != null)
        {
            if (dutyPermille == 1000)
            {
                throw fail(P + "pulseFrequencyHz", P + "pulseFrequencyHz = " + rx.pulseFrequencyHz() +
                    " is only for pulsed mode: set dutyPermille below 1000 or omit it");
            }
            range(P + "pulseFrequencyHz", rx.pulseFrequencyHz(), 1.0, device.maxPulseFrequencyHz(), "Hz",
                "device limit maxPulseFrequencyHz");
        }
        return dutyPermille;
    }

    /** The plan: the derived values in the controller's units, with the SR-3 and SR-11 trip levels and SR-16. */
    private SessionPlan plan(final Derivation d, final AuthorisationResult authorisation)
    {
        final long durationNs = Math.round(d.durationMin * NS_PER_MIN);
        final long maxSessionNs = Math.max(durationNs, Math.round(d.maxSessionMin * NS_PER_MIN));
        final double overshoot = 1.0 + device.doseOvershootPercent() / 100.0;
        final double doseTripMaMin = d.doseMaMin > 0.0 ?
            Math.min(d.doseMaMin * overshoot, device.doseCapMaMin()) :
            Math.min(d.capMa * d.durationMin * overshoot, device.doseCapMaMin());
        // SR-3 trip level, never above the device's absolute limit.
        final double tripMa = Math.min(d.capMa + device.overcurrentTripMarginMa(), device.absoluteCurrentMa());
        final double densityLimitMa = Math.min(d.densityTripMa, device.absoluteCurrentMa());
        // SR-16 authorisation.
        final boolean verified = authorisation != null && authorisation.verified();
        final boolean authorised = verified ||
            (policy == AuthorisationPolicy.MANDATORY_PROTOCOLS_ONLY && !d.protocol.authorisationMandatory());
        return SessionPlan.builder()
            .prescriptionId(d.rx.prescriptionId())
            .authorised(authorised)
            .startUa(d.startMa * 1000.0)
            .capUa(d.capMa * 1000.0)
            .stepUa(d.stepMa * 1000.0)
            .rampRateUaPerS(d.rampMaPerS * 1000.0)
            .durationNs(durationNs)
            .doseTargetUc(d.doseMaMin * UC_PER_MA_MIN)
            .maxSessionNs(maxSessionNs)
            .tripLevelUa(tripMa * 1000.0)
            .densityLimitUa(densityLimitMa * 1000.0)
            .doseTripUc(doseTripMaMin * UC_PER_MA_MIN)
            .startReversed(d.polarity == Polarity.REVERSED)
            .reverseAtHalfTime(d.rx.reverseAtHalfTime())
            .dutyPermille(d.dutyPermille)
            .peakLimitUa(d.capMa * 1000.0)
            .contactTestUa(device.contactTestCurrentUa())
            .contactMaxOhm(device.contactOpenOhm())
            .contactMinOhm(device.contactShortOhm())
            .validationClamps(d.clamps)
            .conclude();
    }

    private Drug drug(final Prescription rx, final Protocol protocol)
    {
        final ProtocolId id = protocol.id();
        if (rx.drug() == null)
        {
            if (id.drugRequired())
            {
                throw fail(P + "drug", P + "drug is missing: protocol " + id.cliName() + " needs a drug of the " +
                    "catalogue (SR-21), e.g. " + (id == ProtocolId.ONCOLOGY ? "cisplatin" : "lidocaine"));
            }
            return id == ProtocolId.SPORTS_INJURY_DEXAMETHASONE ? drugs.get("dexamethasone") : null;
        }
        if (!id.drugAllowed())
        {
            throw fail(P + "drug", P + "drug = " + rx.drug() + " is not allowed: protocol " + id.cliName() +
                " is tap water, no drug");
        }
        final Drug drug = drugs.get(rx.drug());
        if (!drug.protocols().contains(id))
        {
            throw fail(P + "drug", P + "drug = " + rx.drug() + " is not allowed under protocol " + id.cliName() +
                ": allowed under " + drug.protocols().stream().map(ProtocolId::cliName).toList() + " (SR-21 drug catalogue)");
        }
        if (drug.clinicOnly() && device.homeUse())
        {
            throw fail(P + "drug", P + "drug = " + rx.drug() + " is not allowed: the drug is clinic-only and this " +
                "device is for home use (device limit homeUse; SR-21)");
        }
        return drug;
    }

    private static void forbid(final Double value, final String field, final String why)
    {
        if (value != null)
        {
            throw fail(P + field, P + field + " = " + value + " is not allowed: " + why);
        }
    }

    private static double orDefault(final Double value, final double protocolDefault, final String field,
        final String proto)
    {
        if (value != null)
        {
            return value;
        }
        if (protocolDefault > 0.0)
        {
            return protocolDefault;
        }
        throw fail(field, field + " is missing: " + proto + "has no default, the prescription must give it");
    }
}
