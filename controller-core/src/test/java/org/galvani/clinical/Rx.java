package org.galvani.clinical;

/**
 * Test builder for {@link Prescription} (mutable, test thread only).
 */
final class Rx
{
    String prescriptionId = "RX-TEST-1";
    String patientId = "PATIENT-1";
    String issuedBy = "demo-clinician";
    ProtocolId protocol;
    CurrentMode mode;
    Double targetCurrentMa;
    Double startCurrentMa;
    Double capCurrentMa;
    Double stepCurrentMa;
    Double rampRateMaPerS;
    Double durationMin;
    Double doseMaMin;
    Double electrodeAreaCm2;
    Polarity polarity;
    DrugCharge drugCharge;
    Boolean reverseAtHalfTime;
    Integer dutyPermille;
    Double pulseFrequencyHz;
    String drug;

    /** Hands/feet, titration 2 → 18 mA, 20 min, 120 cm², reversal at half time. */
    static Rx hands()
    {
        final Rx rx = new Rx();
        rx.protocol = ProtocolId.HYPERHIDROSIS_HANDS_FEET;
        rx.mode = CurrentMode.TITRATION;
        rx.startCurrentMa = 2.0;
        rx.capCurrentMa = 18.0;
        rx.durationMin = 20.0;
        rx.electrodeAreaCm2 = 120.0;
        rx.reverseAtHalfTime = true;
        return rx;
    }

    /** Axillae, titration to 3 mA, pulsed 500 ‰ at 100 Hz, 20 min, 40 cm². */
    static Rx axillae()
    {
        final Rx rx = new Rx();
        rx.protocol = ProtocolId.HYPERHIDROSIS_AXILLAE;
        rx.mode = CurrentMode.TITRATION;
        rx.capCurrentMa = 3.0;
        rx.durationMin = 20.0;
        rx.electrodeAreaCm2 = 40.0;
        rx.dutyPermille = 500;
        rx.pulseFrequencyHz = 100.0;
        return rx;
    }

    /** Dexamethasone, 4 mA target, 40 mA·min, 10 cm², anionic. */
    static Rx dexamethasone()
    {
        final Rx rx = new Rx();
        rx.protocol = ProtocolId.SPORTS_INJURY_DEXAMETHASONE;
        rx.mode = CurrentMode.TARGET;
        rx.targetCurrentMa = 4.0;
        rx.doseMaMin = 40.0;
        rx.electrodeAreaCm2 = 10.0;
        rx.drugCharge = DrugCharge.ANIONIC;
        return rx;
    }

    /** Oncology, 2 mA target, 60 mA·min, 8 cm², cationic drug. */
    static Rx oncology()
    {
        final Rx rx = new Rx();
        rx.protocol = ProtocolId.ONCOLOGY;
        rx.mode = CurrentMode.TARGET;
        rx.targetCurrentMa = 2.0;
        rx.doseMaMin = 60.0;
        rx.electrodeAreaCm2 = 8.0;
        rx.drugCharge = DrugCharge.CATIONIC;
        rx.drug = "cisplatin";
        return rx;
    }

    Prescription build()
    {
        return new Prescription(prescriptionId, patientId, issuedBy, protocol, mode, targetCurrentMa, startCurrentMa,
            capCurrentMa, stepCurrentMa, rampRateMaPerS, durationMin, doseMaMin, electrodeAreaCm2, polarity, drugCharge,
            reverseAtHalfTime, dutyPermille, pulseFrequencyHz, drug);
    }
}
