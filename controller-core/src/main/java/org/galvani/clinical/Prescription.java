package org.galvani.clinical;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A prescription as written by the clinician, before validation: the fields of the {@code "prescription"}
 * object of a prescription file. Optional fields are null when absent (the protocol's default applies).
 * The constructor checks only that the required fields are present and the identifiers are sane;
 * every number is checked against the protocol and the device limits by {@link PrescriptionValidator},
 * which produces the {@link org.galvani.session.SessionPlan}. Immutable and thread-safe.
 *
 * @param prescriptionId    identifier of this prescription (journal), required.
 * @param patientId         pseudonymous patient identifier, required.
 * @param issuedBy          clinician id who issued it; must equal the signing clinician (SR-16), required.
 * @param protocol          which protocol, required.
 * @param mode              TARGET or TITRATION, required.
 * @param targetCurrentMa   TARGET: the fixed current (null = the protocol default, if any).
 * @param startCurrentMa    TITRATION: the first level (null = the protocol default).
 * @param capCurrentMa      TITRATION: the highest level "until tingling" (null = the protocol default).
 * @param stepCurrentMa     titration step (null = the protocol default).
 * @param rampRateMaPerS    soft-start / ramp-down rate (null = the protocol's rate).
 * @param durationMin       session time (time-ended), or nominal time (dose-ended); null = protocol default.
 * @param doseMaMin         dose in mA·min for dose-ended sessions (null = protocol default, if any).
 * @param electrodeAreaCm2  active electrode area, for the current density limit (SR-4), required.
 * @param polarity          polarity of the active electrode (null = from drugCharge or the protocol default).
 * @param drugCharge        charge of the drug ion, which sets the polarity (null = none given).
 * @param reverseAtHalfTime swap polarity at half time (sessions of at least 10 min, where the protocol allows);
 *                          null (absent) = false.
 * @param dutyPermille      pulse duty; null or 1000 = continuous.
 * @param pulseFrequencyHz  pulse frequency, pulsed mode only (null = the device's own).
 * @param drug              the drug, an id of the {@link DrugCatalogue} (SR-21): required under the generic drug
 *                          protocols (sports-injury, oncology), implied (dexamethasone) under
 *                          sports-injury-dexamethasone, forbidden under the tap-water protocols; signed with the
 *                          rest, so journaled in the session header and shown in the report.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Prescription(
    String prescriptionId,
    String patientId,
    String issuedBy,
    ProtocolId protocol,
    CurrentMode mode,
    Double targetCurrentMa,
    Double startCurrentMa,
    Double capCurrentMa,
    Double stepCurrentMa,
    Double rampRateMaPerS,
    Double durationMin,
    Double doseMaMin,
    Double electrodeAreaCm2,
    Polarity polarity,
    DrugCharge drugCharge,
    Boolean reverseAtHalfTime,
    Integer dutyPermille,
    Double pulseFrequencyHz,
    String drug)
{
    /**
     * Checks the required fields and identifiers.
     */
    public Prescription
    {
        Checks.id("prescription.prescriptionId", prescriptionId);
        Checks.id("prescription.patientId", patientId);
        Checks.id("prescription.issuedBy", issuedBy);
        Checks.present("prescription.protocol", protocol, "name the protocol, e.g. hyperhidrosis-hands");
        Checks.present("prescription.mode", mode, "TARGET or TITRATION");
        Checks.present("prescription.electrodeAreaCm2", electrodeAreaCm2,
            "the active electrode area sets the current density limit (SR-4)");
        reverseAtHalfTime = Boolean.TRUE.equals(reverseAtHalfTime);
    }
}
