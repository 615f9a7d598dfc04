package org.galvani.clinical;

import static org.galvani.clinical.Checks.range;

import org.galvani.config.InvalidConfigurationException;

/**
 * One clinical protocol's defaults and bounds (docs/prescriptions.md), as built in or as tightened by the
 * maker ({@link ProtocolCatalogue#tighten}). A prescription is validated against its protocol and the
 * device limits, whichever is tighter ({@link PrescriptionValidator}). Immutable and thread-safe.
 *
 * <p>A value of 0 for {@code defaultCurrentMa}, {@code defaultDurationMin} or {@code defaultDoseMaMin}
 * means "no default: the prescription must give it" (when the prescription needs it at all).
 *
 * @param id                     which protocol.
 * @param titrationAllowed       whether {@link CurrentMode#TITRATION} is allowed (else TARGET only).
 * @param minCurrentMa           lowest target or titration cap.
 * @param maxCurrentMa           highest target or titration cap (also bounded by the device limits).
 * @param defaultCurrentMa       target (TARGET) or cap (TITRATION) when the prescription gives none; 0 = none.
 * @param defaultStartMa         titration start level when the prescription gives none.
 * @param defaultStepMa          titration step when the prescription gives none.
 * @param rampRateMaPerS         default and fastest soft-start / ramp-down rate (SR-10).
 * @param minDurationMin         shortest session (nominal time for dose-ended sessions).
 * @param maxDurationMin         longest session before dose lengthening (also bounded by the device).
 * @param defaultDurationMin     session time when the prescription gives none; 0 = none.
 * @param doseRequired           whether the session is dose-ended and needs a dose.
 * @param doseAllowed            whether a dose may be prescribed at all.
 * @param defaultDoseMaMin       dose when the prescription gives none; 0 = none.
 * @param maxDoseMaMin           highest dose (e.g. the electrode's capacity); 0 when no dose is allowed.
 * @param reversalAllowed        whether polarity reversal at half time is allowed (sessions ≥ 10 min).
 * @param pulsedAllowed          whether pulsed mode is allowed.
 * @param pulsedAdvised          whether pulsed mode is advised (informational: sensitive skin, children).
 * @param defaultPolarity        polarity when the prescription gives none; null = the prescription must.
 * @param fixedPolarity          polarity every prescription must use (drug charge); null = free.
 * @param densityClampAllowed    whether a cap above the density limit is clamped (recorded as
 *                               {@code Clamp.DENSITY_CAP}, SR-17) rather than rejected.
 * @param authorisationMandatory whether the protocol can never run without a verified signature (SR-16).
 * @param clinicOnly             whether the protocol is for clinic use only (informational).
 */
public record Protocol(
    ProtocolId id,
    boolean titrationAllowed,
    double minCurrentMa,
    double maxCurrentMa,
    double defaultCurrentMa,
    double defaultStartMa,
    double defaultStepMa,
    double rampRateMaPerS,
    double minDurationMin,
    double maxDurationMin,
    double defaultDurationMin,
    boolean doseRequired,
    boolean doseAllowed,
    double defaultDoseMaMin,
    double maxDoseMaMin,
    boolean reversalAllowed,
    boolean pulsedAllowed,
    boolean pulsedAdvised,
    Polarity defaultPolarity,
    Polarity fixedPolarity,
    boolean densityClampAllowed,
    boolean authorisationMandatory,
    boolean clinicOnly)
{
    private static final String BOUND = "controller bound";

    /**
     * Checks the protocol's internal consistency.
     */
    public Protocol
    {
        if (id == null)
        {
            throw new InvalidConfigurationException("protocols.protocol", "protocols.protocol is missing");
        }
        final String p = "protocols." + id.cliName() + ".";
        range(p + "minCurrentMa", minCurrentMa, 0.01, 50.0, "mA", BOUND);
        range(p + "maxCurrentMa", maxCurrentMa, minCurrentMa, 50.0, "mA", "minCurrentMa and controller bound");
        if (defaultCurrentMa != 0.0)
        {
            range(p + "defaultCurrentMa", defaultCurrentMa, minCurrentMa, maxCurrentMa, "mA",
                "protocol minCurrentMa .. maxCurrentMa; 0 = none");
        }
        range(p + "defaultStartMa", defaultStartMa, 0.0, maxCurrentMa, "mA", "protocol maxCurrentMa");
        range(p + "defaultStepMa", defaultStepMa, 0.01, maxCurrentMa, "mA", "protocol maxCurrentMa");
        range(p + "rampRateMaPerS", rampRateMaPerS, 0.01, 5.0, "mA/s", BOUND);
        range(p + "minDurationMin", minDurationMin, 0.5, 120.0, "min", BOUND);
        range(p + "maxDurationMin", maxDurationMin, minDurationMin, 120.0, "min", "minDurationMin and controller bound");
        if (defaultDurationMin != 0.0)
        {
            range(p + "defaultDurationMin", defaultDurationMin, minDurationMin, maxDurationMin, "min",
                "protocol minDurationMin .. maxDurationMin; 0 = none");
        }
        if (doseRequired && !doseAllowed)
        {
            throw new InvalidConfigurationException(p + "doseAllowed",
                p + "doseAllowed = false contradicts doseRequired = true");
        }
        range(p + "maxDoseMaMin", maxDoseMaMin, doseAllowed ? 0.1 : 0.0, doseAllowed ? 3000.0 : 0.0, "mA·min",
            doseAllowed ? BOUND : "0 when doseAllowed = false");
        if (defaultDoseMaMin != 0.0)
        {
            range(p + "defaultDoseMaMin", defaultDoseMaMin, 0.1, maxDoseMaMin, "mA·min",
                "protocol maxDoseMaMin; 0 = none");
        }
        if (fixedPolarity != null && defaultPolarity != fixedPolarity)
        {
            throw new InvalidConfigurationException(p + "defaultPolarity", p + "defaultPolarity = " +
                defaultPolarity + " contradicts fixedPolarity = " + fixedPolarity);
        }
    }

    /**
     * @return the name used in files and on the command line.
     */
    public String cliName()
    {
        return id.cliName();
    }
}
