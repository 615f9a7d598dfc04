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
        final String proto = "protocol " + protocol.cliName() + " ";
        int clamps = 0;
        final Drug drug = drug(rx, protocol);
        if (protocol.clinicOnly() && device.homeUse())
        {
            throw fail(P + "protocol", P + "protocol = " + protocol.cliName() + " is not allowed: the protocol is " +
                "clinic-only and this device is for home use (device limit homeUse)");
        }

        // SR-4: the density cap over the electrode area.
        final double areaCm2 = range(P + "electrodeAreaCm2", rx.electrodeAreaCm2(), MIN_AREA_CM2, MAX_AREA_CM2,
            "cm²", "electrode area plausibility bound");
        // The monitor trips at the full density; a prescription may reach it less the margin (SR-4).
        final double densityTripMa = device.maxCurrentDensityMaPerCm2() * areaCm2;
        // to the nA, so that 0.475 mA/cm² × 6 cm² reads 2.85 mA in a message, not 2.8499999999999996
        final double densityCapMa = Math.floor(device.prescribableDensityMaPerCm2() * areaCm2 * 1e6 + 1e-3) / 1e6;
        Bound densityBound = new Bound(densityCapMa, "SR-4 current density: device limit " +
            "maxCurrentDensityMaPerCm2 " + device.maxCurrentDensityMaPerCm2() + " mA/cm² less densityTripMarginPercent " +
            device.densityTripMarginPercent() + " % × electrodeAreaCm2 " + areaCm2 + " cm²");
        if (drug != null)
        {
            densityBound = densityBound.tighterUpper(new Bound(
                Math.floor(drug.maxDensityMaPerCm2() * areaCm2 * 1e6 + 1e-3) / 1e6, "SR-21 drug " + drug.id() +
                " maxDensityMaPerCm2 " + drug.maxDensityMaPerCm2() + " mA/cm² × electrodeAreaCm2 " + areaCm2 + " cm²"));
        }
        final double densityCapMa2 = densityBound.value();

        final Bound minCurrent = new Bound(protocol.minCurrentMa(), proto + "minCurrentMa");
        Bound maxCurrent = new Bound(protocol.maxCurrentMa(), proto + "maxCurrentMa")
            .tighterUpper(new Bound(device.maxPrescribableCurrentMa(), "device limit maxPrescribableCurrentMa"));
        if (drug != null)
        {
            maxCurrent = maxCurrent.tighterUpper(new Bound(drug.maxCurrentMa(), "SR-21 drug " + drug.id() +
                " maxCurrentMa"));
        }

        // Current: TARGET or TITRATION.
        double capMa;
        double startMa;
        double stepMa;
        final String capField;
        if (rx.mode() == CurrentMode.TARGET)
        {
            forbid(rx.startCurrentMa(), "startCurrentMa", "TITRATION only; mode is TARGET");
            forbid(rx.capCurrentMa(), "capCurrentMa", "TITRATION only; mode is TARGET");
            capField = P + "targetCurrentMa";
            capMa = range(capField, orDefault(rx.targetCurrentMa(), protocol.defaultCurrentMa(), capField, proto),
                minCurrent, maxCurrent, "mA");
            startMa = capMa;
            stepMa = rx.stepCurrentMa() == null ? Math.min(protocol.defaultStepMa(), capMa) :
                range(P + "stepCurrentMa", rx.stepCurrentMa(), 0.01, capMa, "mA", "prescription targetCurrentMa");
        }
        else
        {
            if (!protocol.titrationAllowed())
            {
                throw fail(P + "mode", P + "mode = TITRATION is not allowed: " + proto +
                    "prescribes a fixed current (allowed: TARGET)");
            }
            forbid(rx.targetCurrentMa(), "targetCurrentMa", "TARGET only; mode is TITRATION");
            capField = P + "capCurrentMa";
            capMa = range(capField, orDefault(rx.capCurrentMa(), protocol.defaultCurrentMa(), capField, proto),
                minCurrent, maxCurrent, "mA");
            startMa = rx.startCurrentMa() == null ? Math.min(protocol.defaultStartMa(), capMa) :
                range(P + "startCurrentMa", rx.startCurrentMa(), 0.0, capMa, "mA", "prescription capCurrentMa");
            stepMa = rx.stepCurrentMa() == null ? Math.min(protocol.defaultStepMa(), capMa) :
                range(P + "stepCurrentMa", rx.stepCurrentMa(), 0.01, capMa, "mA", "prescription capCurrentMa");
        }
        if (capMa > densityCapMa2)
        {
            if (!protocol.densityClampAllowed() || densityCapMa2 < protocol.minCurrentMa())
            {
                range(capField, capMa, minCurrent, densityBound, "mA");
            }
            capMa = densityCapMa2;
            startMa = Math.min(startMa, capMa);
            stepMa = Math.min(stepMa, capMa);
            clamps |= Clamp.DENSITY_CAP.bit();
        }

        // SR-10: ramp rate.
        final Bound maxRamp = new Bound(protocol.rampRateMaPerS(), proto + "rampRateMaPerS")
            .tighterUpper(new Bound(device.maxRampRateMaPerS(), "device limit maxRampRateMaPerS"));
        final double rampMaPerS = rx.rampRateMaPerS() == null ? maxRamp.value() :
            range(P + "rampRateMaPerS", rx.rampRateMaPerS(), new Bound(0.01, "controller bound"), maxRamp, "mA/s");

        // Duration and dose (SR-11, SR-17).
        final Bound maxDuration = new Bound(protocol.maxDurationMin(), proto + "maxDurationMin")
            .tighterUpper(new Bound(device.maxSessionMin(), "device limit maxSessionMin"));
        final Bound minDuration = new Bound(protocol.minDurationMin(), proto + "minDurationMin");
        double doseMaMin = 0.0;
        if (rx.doseMaMin() != null || protocol.doseRequired())
        {
            if (!protocol.doseAllowed())
            {
                throw fail(P + "doseMaMin", P + "doseMaMin = " + rx.doseMaMin() + " is not allowed: " + proto +
                    "is time-ended (give durationMin only)");
            }
            Bound maxDose = new Bound(protocol.maxDoseMaMin(), proto + "maxDoseMaMin")
                .tighterUpper(new Bound(device.doseCapMaMin(), "device limit doseCapMaMin"));
            Bound minDose = new Bound(0.1, "controller bound");
            if (drug != null)
            {
                maxDose = maxDose.tighterUpper(new Bound(drug.maxDoseMaMin(), "SR-21 drug " + drug.id() +
                    " maxDoseMaMin"));
                minDose = minDose.tighterLower(new Bound(drug.minDoseMaMin(), "SR-21 drug " + drug.id() +
                    " minDoseMaMin"));
            }
            doseMaMin = range(P + "doseMaMin",
                orDefault(rx.doseMaMin(), protocol.defaultDoseMaMin(), P + "doseMaMin", proto),
                minDose, maxDose, "mA·min");
        }
        final Double durationGiven = rx.durationMin() != null ? rx.durationMin() :
            protocol.defaultDurationMin() > 0.0 ? Double.valueOf(protocol.defaultDurationMin()) : null;
        final double durationMin;
        final double maxSessionMin;
        if (doseMaMin == 0.0)
        {
            Checks.present(P + "durationMin", durationGiven, "a time-ended session needs durationMin (" + proto +
                "has no default)");
            durationMin = range(P + "durationMin", durationGiven, minDuration, maxDuration, "min");
            maxSessionMin = durationMin;
            final double possibleMaMin = capMa * durationMin;
            if (possibleMaMin > device.doseCapMaMin())
            {
                throw fail(P + "durationMin", P + "durationMin = " + durationMin + " min at " + capField + " " +
                    capMa + " mA could deliver " + possibleMaMin + " mA·min: allowed up to " + device.doseCapMaMin() +
                    " mA·min (SR-11 device limit doseCapMaMin)");
            }
        }
        else if (durationGiven != null)
        {
            durationMin = range(P + "durationMin", durationGiven, minDuration, maxDuration, "min");
            maxSessionMin = Math.min(durationMin * device.maxDoseLengtheningFactor(), device.maxSessionMin());
            final double deliverableMaMin = capMa * maxSessionMin;
            if (doseMaMin > deliverableMaMin)
            {
                throw fail(P + "doseMaMin", P + "doseMaMin = " + doseMaMin + " cannot be delivered: allowed up to " +
                    deliverableMaMin + " mA·min (" + capField + " " + capMa + " mA × durationMin " + durationMin +
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
            final double nominalMin = doseMaMin / capMa;
            range(P + "doseMaMin", doseMaMin, 0.1, capMa * maxDuration.value(), "mA·min",
                "nominal time doseMaMin / " + capField + " must not exceed " + maxDuration.source() + " " +
                maxDuration.value() + " min");
            durationMin = 0.0;
            maxSessionMin = Math.min(nominalMin * device.maxDoseLengtheningFactor(), device.maxSessionMin());
        }
        final long durationNs = Math.round(durationMin * NS_PER_MIN);
        final long maxSessionNs = Math.max(durationNs, Math.round(maxSessionMin * NS_PER_MIN));

        final double overshoot = 1.0 + device.doseOvershootPercent() / 100.0;
        final double doseTargetUc = doseMaMin * UC_PER_MA_MIN;
        final double doseTripMaMin = doseMaMin > 0.0 ?
            Math.min(doseMaMin * overshoot, device.doseCapMaMin()) :
            Math.min(capMa * durationMin * overshoot, device.doseCapMaMin());

        // Polarity: from the drug's charge when a drug is named (SR-21), else from drugCharge.
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
            fromCharge != null ? fromCharge : protocol.defaultPolarity();
        Checks.present(P + "polarity", polarity, proto + "needs polarity or drugCharge");
        if (protocol.fixedPolarity() != null && polarity != protocol.fixedPolarity())
        {
            final String field = rx.polarity() != null ? P + "polarity" : P + "drugCharge";
            final Object value = rx.polarity() != null ? rx.polarity() : rx.drugCharge();
            throw fail(field, field + " = " + value + " is not allowed: allowed only polarity " +
                protocol.fixedPolarity() + " (" + proto + "fixedPolarity: the drug's charge fixes the polarity)");
        }

        // Reversal at half time.
        if (rx.reverseAtHalfTime())
        {
            if (!protocol.reversalAllowed())
            {
                throw fail(P + "reverseAtHalfTime", P + "reverseAtHalfTime = true is not allowed: " + proto +
                    "has reversalAllowed = false");
            }
            if (durationMin < MIN_REVERSAL_SESSION_MIN)
            {
                throw fail(P + "reverseAtHalfTime", P + "reverseAtHalfTime = true needs durationMin of at least " +
                    MIN_REVERSAL_SESSION_MIN + " min, got " + durationMin + " min");
            }
        }

        // Pulsed mode: an advised protocol is pulsed unless the prescription says continuous (1000) explicitly.
        final int dutyPermille = rx.dutyPermille() != null ? rx.dutyPermille() :
            protocol.pulsedAdvised() && protocol.pulsedAllowed() ? Math.max(ADVISED_DUTY_PERMILLE,
                device.minDutyPermille()) : 1000;
        if (dutyPermille != 1000 && drug != null && !drug.pulsedAllowed())
        {
            throw fail(P + "dutyPermille", P + "dutyPermille = " + dutyPermille + " is not allowed: allowed only " +
                "1000 (continuous; SR-21 drug " + drug.id() + " has pulsedAllowed = false)");
        }
        if (dutyPermille != 1000 && !protocol.pulsedAllowed())
        {
            throw fail(P + "dutyPermille", P + "dutyPermille = " + dutyPermille + " is not allowed: allowed only " +
                "1000 (continuous; " + proto + "has pulsedAllowed = false)");
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

        // SR-3 trip level, never above the device's absolute limit.
        final double tripMa = Math.min(capMa + device.overcurrentTripMarginMa(), device.absoluteCurrentMa());
        final double densityLimitMa = Math.min(densityTripMa, device.absoluteCurrentMa());

        // SR-16 authorisation.
        final boolean verified = authorisation != null && authorisation.verified();
        final boolean authorised = verified ||
            (policy == AuthorisationPolicy.MANDATORY_PROTOCOLS_ONLY && !protocol.authorisationMandatory());

        return new SessionPlan(
            rx.prescriptionId(),
            authorised,
            startMa * 1000.0,
            capMa * 1000.0,
            stepMa * 1000.0,
            rampMaPerS * 1000.0,
            durationNs,
            doseTargetUc,
            maxSessionNs,
            tripMa * 1000.0,
            densityLimitMa * 1000.0,
            doseTripMaMin * UC_PER_MA_MIN,
            polarity == Polarity.REVERSED,
            rx.reverseAtHalfTime(),
            dutyPermille,
            capMa * 1000.0,
            device.contactTestCurrentUa(),
            device.contactOpenOhm(),
            device.contactShortOhm(),
            clamps);
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
