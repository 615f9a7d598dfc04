package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.galvani.authority.AuthorisationResult;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.galvani.session.Clamp;
import org.galvani.session.SessionPlan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PrescriptionValidator} at its edges (PIT survivors in clinical, docs/qa-campaign.md "PIT"): the density
 * clamp exactly at the cap and at the protocol's minimum; a dose exactly deliverable in the lengthened session and the
 * next one not; a time-ended session exactly at the device dose cap; each operand of the polarity, duty and drug rules
 * alone; a missing value with and without a protocol default. Protocols that no built-in one can express (a fixed
 * polarity without a drug, a pulsed-advised protocol that forbids pulses) are made with
 * {@link ProtocolCatalogue#replacedForTest}.
 */
class PrescriptionEdgeTest
{
    private static final AuthorisationResult SIGNED = AuthorisationResult.verified("demo-clinician");
    private static final double NS_PER_MIN = 60e9;
    private static final DeviceLimits CLINIC = DeviceLimits.defaults();

    private static SessionPlan plan(final Rx rx)
    {
        return plan(CLINIC, ProtocolCatalogue.builtIn(), rx);
    }

    private static SessionPlan plan(final DeviceLimits device, final ProtocolCatalogue catalogue, final Rx rx)
    {
        return new PrescriptionValidator(device, catalogue).validate(rx.build(), SIGNED);
    }

    private static Rx with(final Rx rx, final Consumer<Rx> change)
    {
        change.accept(rx);
        return rx;
    }

    private static InvalidConfigurationException refused(final Rx rx, final String field)
    {
        return refused(CLINIC, ProtocolCatalogue.builtIn(), rx, field);
    }

    private static InvalidConfigurationException refused(final DeviceLimits device, final ProtocolCatalogue catalogue,
        final Rx rx, final String field)
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> plan(device, catalogue, rx));
        assertEquals(field, ex.field(), ex.getMessage());
        return ex;
    }

    /** The hands protocol with other polarity, duration or current rules (argument order of {@link Protocol}). */
    private static ProtocolCatalogue hands(final double minCurrentMa, final double minDurationMin,
        final Polarity defaultPolarity, final Polarity fixedPolarity)
    {
        return ProtocolCatalogue.builtIn().replacedForTest(new Protocol(ProtocolId.HYPERHIDROSIS_HANDS_FEET,
            true, minCurrentMa, 30.0, 15.0, 2.0, 1.0, 0.5,
            minDurationMin, 40.0, 20.0,
            false, false, 0.0, 0.0,
            true, true, false,
            defaultPolarity, fixedPolarity,
            true, false, false));
    }

    @Test
    @DisplayName("SR-4 SR-17 a cap exactly at the density cap is not clamped; above it is clamped with start and step, and recorded")
    void densityClampExactly()
    {
        // 0.475 mA/cm² (0.5 less the 5 % margin) × 10 cm² = 4.75 mA
        final SessionPlan at = plan(with(Rx.hands(), rx ->
        {
            rx.electrodeAreaCm2 = 10.0;
            rx.capCurrentMa = 4.75;
        }));
        assertEquals(4_750.0, at.capUa(), 1e-9);
        assertEquals(0, at.validationClamps(), "exactly at the cap: nothing clamped");
        final SessionPlan above = plan(with(Rx.hands(), rx ->
        {
            rx.electrodeAreaCm2 = 10.0;
            rx.capCurrentMa = 10.0;
            rx.startCurrentMa = 6.0;
            rx.stepCurrentMa = 5.0;
        }));
        assertEquals(4_750.0, above.capUa(), 1e-9);
        assertEquals(4_750.0, above.startUa(), 1e-9, "the start never above the clamped cap");
        assertEquals(4_750.0, above.stepUa(), 1e-9, "the step never above the clamped cap");
        assertEquals(Clamp.DENSITY_CAP.bit(), above.validationClamps());
        assertEquals(5_000.0, above.densityLimitUa(), 1e-9, "the monitor trips at the full density");
    }

    @Test
    @DisplayName("SR-4 a density cap exactly at the protocol's minimum current is a clamp; below it the prescription is refused")
    void densityCapAtTheProtocolMinimum()
    {
        // a 20 % margin: 0.4 mA/cm²; a protocol whose lowest current is 1.0 mA
        final DeviceLimits margin20 = new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 200,
            1000.0, 50.0, 50_000.0, 300.0, 20.0, false);
        final ProtocolCatalogue min1 = hands(1.0, 20.0, Polarity.NORMAL, null);
        final SessionPlan clamped = plan(margin20, min1, with(Rx.hands(), rx -> rx.electrodeAreaCm2 = 2.5));
        assertEquals(1_000.0, clamped.capUa(), 1e-9, "0.4 mA/cm² × 2.5 cm² = 1.0 mA, the protocol's minimum");
        assertEquals(Clamp.DENSITY_CAP.bit(), clamped.validationClamps());
        final InvalidConfigurationException below = refused(margin20, min1,
            with(Rx.hands(), rx -> rx.electrodeAreaCm2 = 2.4), "prescription.capCurrentMa");
        assertTrue(below.getMessage().startsWith("prescription.capCurrentMa = 18.0 is out of range: allowed 1.0 .. " +
            "0.96 mA (SR-4 current density: device limit maxCurrentDensityMaPerCm2 0.5 mA/cm² less " +
            "densityTripMarginPercent 20.0 %"), below.getMessage());
    }

    @Test
    @DisplayName("SR-11 SR-17 a dose exactly deliverable in durationMin × the lengthening factor is accepted; more is refused; the session never exceeds maxSessionMin")
    void doseDeliverableExactly()
    {
        // 4 mA × 10 min × 1.5 = 60 mA·min
        final SessionPlan at = plan(with(Rx.dexamethasone(), rx ->
        {
            rx.durationMin = 10.0;
            rx.doseMaMin = 60.0;
        }));
        assertEquals(Math.round(10 * NS_PER_MIN), at.durationNs());
        assertEquals(Math.round(15 * NS_PER_MIN), at.maxSessionNs());
        final InvalidConfigurationException above = refused(with(Rx.dexamethasone(), rx ->
        {
            rx.durationMin = 10.0;
            rx.doseMaMin = 60.5;
        }), "prescription.doseMaMin");
        assertEquals("prescription.doseMaMin = 60.5 cannot be delivered: allowed up to 60.0 mA·min " +
            "(prescription.targetCurrentMa 4.0 mA × durationMin 10.0 × device limit maxDoseLengtheningFactor 1.5, at " +
            "most device limit maxSessionMin)", above.getMessage());
        // 50 min × 1.5 = 75 min: the device's 60 min bound the session
        assertEquals(Math.round(60 * NS_PER_MIN), plan(with(Rx.dexamethasone(), rx -> rx.durationMin = 50.0))
            .maxSessionNs());
    }

    @Test
    @DisplayName("SR-11 SR-17 dose-ended without a duration: a nominal time exactly the longest session is accepted, longer is refused")
    void nominalTimeExactly()
    {
        // 60 mA·min at 1 mA is 60 min, the protocol's and the device's longest session
        final SessionPlan at = plan(with(Rx.dexamethasone(), rx ->
        {
            rx.targetCurrentMa = 1.0;
            rx.doseMaMin = 60.0;
        }));
        assertEquals(0L, at.durationNs());
        assertEquals(Math.round(60 * NS_PER_MIN), at.maxSessionNs(), "60 min × 1.5, at most the device's 60 min");
        final InvalidConfigurationException above = refused(with(Rx.dexamethasone(), rx ->
        {
            rx.targetCurrentMa = 1.0;
            rx.doseMaMin = 61.0;
        }), "prescription.doseMaMin");
        assertEquals("prescription.doseMaMin = 61.0 is out of range: allowed 0.1 .. 60.0 mA·min (nominal time " +
            "doseMaMin / prescription.targetCurrentMa must not exceed protocol sports-injury-dexamethasone " +
            "maxDurationMin and device limit maxSessionMin 60.0 min)", above.getMessage());
    }

    @Test
    @DisplayName("SR-11 a time-ended session that could deliver exactly the device dose cap is accepted, its dose trip at the cap; more is refused")
    void timeEndedDoseCapExactly()
    {
        final DeviceLimits cap600 = new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 600.0, 60.0, 1.5, 1.0, 2.0, 200,
            1000.0, 50.0, 50_000.0, 300.0);
        final SessionPlan at = plan(cap600, ProtocolCatalogue.builtIn(), with(Rx.hands(), rx ->
        {
            rx.capCurrentMa = 15.0;
            rx.durationMin = 40.0;
        }));
        assertEquals(Math.round(40 * NS_PER_MIN), at.durationNs());
        assertEquals(600.0 * 60_000.0, at.doseTripUc(), 1e-6, "15 mA × 40 min × 1.02 is above the cap: the cap");
        final InvalidConfigurationException above = refused(cap600, ProtocolCatalogue.builtIn(), with(Rx.hands(), rx ->
        {
            rx.capCurrentMa = 15.5;
            rx.durationMin = 40.0;
        }), "prescription.durationMin");
        assertEquals("prescription.durationMin = 40.0 min at prescription.capCurrentMa 15.5 mA could deliver 620.0 " +
            "mA·min: allowed up to 600.0 mA·min (SR-11 device limit doseCapMaMin)", above.getMessage());
    }

    @Test
    @DisplayName("a missing current or dose takes the protocol's default; with none (0) the prescription must give it, naming the field")
    void defaults()
    {
        assertEquals(15_000.0, plan(with(Rx.hands(), rx -> rx.capCurrentMa = null)).capUa(), 1e-9);
        assertEquals(Math.round(20 * NS_PER_MIN), plan(with(Rx.hands(), rx -> rx.durationMin = null)).durationNs());
        assertEquals(40.0 * 60_000.0, plan(with(Rx.dexamethasone(), rx -> rx.doseMaMin = null)).doseTargetUc(), 1e-6);
        assertEquals("prescription.targetCurrentMa is missing: protocol oncology has no default, the prescription must " +
            "give it", refused(with(Rx.oncology(), rx -> rx.targetCurrentMa = null), "prescription.targetCurrentMa")
            .getMessage());
        assertEquals("prescription.doseMaMin is missing: protocol oncology has no default, the prescription must give " +
            "it", refused(with(Rx.oncology(), rx -> rx.doseMaMin = null), "prescription.doseMaMin").getMessage());
        assertEquals("prescription.doseMaMin = 10.0 is not allowed: protocol hyperhidrosis-hands is time-ended " +
            "(give durationMin only)", refused(with(Rx.hands(), rx -> rx.doseMaMin = 10.0), "prescription.doseMaMin")
            .getMessage());
        // the drug's minimum dose is the tighter lower bound, inclusive
        assertEquals(10.0 * 60_000.0, plan(with(Rx.dexamethasone(), rx -> rx.doseMaMin = 10.0)).doseTargetUc(), 1e-6);
        assertTrue(refused(with(Rx.dexamethasone(), rx -> rx.doseMaMin = 9.9), "prescription.doseMaMin").getMessage()
            .contains("allowed 10.0 .. 80.0 mA·min (lower bound: SR-21 drug dexamethasone minDoseMaMin)"));
    }

    @Test
    @DisplayName("TARGET mode: a titration field (start or cap) is refused naming it; a given step is kept, a missing one is the protocol's, at most the target")
    void targetModeFields()
    {
        assertEquals("prescription.capCurrentMa = 3.0 is not allowed: TITRATION only; mode is TARGET",
            refused(with(Rx.dexamethasone(), rx -> rx.capCurrentMa = 3.0), "prescription.capCurrentMa").getMessage());
        assertEquals("prescription.startCurrentMa = 1.0 is not allowed: TITRATION only; mode is TARGET",
            refused(with(Rx.dexamethasone(), rx -> rx.startCurrentMa = 1.0), "prescription.startCurrentMa")
                .getMessage());
        assertEquals(200.0, plan(with(Rx.dexamethasone(), rx -> rx.stepCurrentMa = 0.2)).stepUa(), 1e-9);
        assertEquals(500.0, plan(Rx.dexamethasone()).stepUa(), 1e-9, "the protocol's 0.5 mA step");
        assertEquals(300.0, plan(with(Rx.dexamethasone(), rx ->
        {
            rx.targetCurrentMa = 0.3;
            rx.doseMaMin = 15.0;
        })).stepUa(), 1e-9,
            "the protocol's step, at most the target");
    }

    @Test
    @DisplayName("SR-11 a dose under a protocol without a drug is bounded by the controller's 0.1 mA·min and the protocol's maximum only")
    void doseWithoutADrug()
    {
        // a tap-water protocol that allows a dose (no built-in one does): no drug bound applies
        final ProtocolCatalogue dosed = ProtocolCatalogue.builtIn().replacedForTest(new Protocol(
            ProtocolId.HYPERHIDROSIS_HANDS_FEET, true, 0.1, 30.0, 15.0, 2.0, 1.0, 0.5, 20.0, 40.0, 20.0, false, true,
            0.0, 100.0, true, true, false, Polarity.NORMAL, null, true, false, false));
        assertEquals(0.1 * 60_000.0, plan(CLINIC, dosed, with(Rx.hands(), rx -> rx.doseMaMin = 0.1)).doseTargetUc(),
            1e-6);
        assertEquals(100.0 * 60_000.0, plan(CLINIC, dosed, with(Rx.hands(), rx -> rx.doseMaMin = 100.0))
            .doseTargetUc(), 1e-6);
        assertEquals("prescription.doseMaMin = 100.5 is out of range: allowed 0.1 .. 100.0 mA·min (protocol " +
            "hyperhidrosis-hands maxDoseMaMin)", refused(CLINIC, dosed, with(Rx.hands(), rx -> rx.doseMaMin = 100.5),
            "prescription.doseMaMin").getMessage());
    }

    @Test
    @DisplayName("polarity: from drugCharge without a drug, from the prescription alone, each contradiction named by its field")
    void polarityOperands()
    {
        assertTrue(plan(with(Rx.hands(), rx -> rx.drugCharge = DrugCharge.ANIONIC)).startReversed());
        assertFalse(plan(with(Rx.hands(), rx -> rx.drugCharge = DrugCharge.CATIONIC)).startReversed());
        assertTrue(plan(with(Rx.hands(), rx -> rx.polarity = Polarity.REVERSED)).startReversed(), "no charge: as given");
        assertFalse(plan(Rx.hands()).startReversed(), "neither: the protocol's default");
        assertTrue(plan(with(Rx.hands(), rx ->
        {
            rx.polarity = Polarity.REVERSED;
            rx.drugCharge = DrugCharge.ANIONIC;
        })).startReversed(), "polarity and charge agree");
        assertFalse(plan(with(Rx.oncology(), rx -> rx.polarity = Polarity.NORMAL)).startReversed(),
            "cisplatin and drugCharge CATIONIC agree with NORMAL");
        assertEquals("prescription.polarity = NORMAL is not allowed: allowed only REVERSED (prescription.drugCharge = " +
            "ANIONIC: like charges repel, the drug leaves the electrode of its own sign)",
            refused(with(Rx.hands(), rx ->
            {
                rx.polarity = Polarity.NORMAL;
                rx.drugCharge = DrugCharge.ANIONIC;
            }), "prescription.polarity").getMessage());
        assertEquals("prescription.drugCharge = ANIONIC contradicts the drug: cisplatin is CATIONIC (SR-21 drug " +
            "catalogue)", refused(with(Rx.oncology(), rx -> rx.drugCharge = DrugCharge.ANIONIC),
            "prescription.drugCharge").getMessage());
    }

    @Test
    @DisplayName("a protocol's fixed polarity: a contradicting polarity or charge is refused naming the field given; a missing polarity is named")
    void fixedAndMissingPolarity()
    {
        final ProtocolCatalogue fixed = hands(0.1, 20.0, Polarity.NORMAL, Polarity.NORMAL);
        assertFalse(plan(CLINIC, fixed, with(Rx.hands(), rx -> rx.polarity = Polarity.NORMAL)).startReversed());
        assertEquals("prescription.polarity = REVERSED is not allowed: allowed only polarity NORMAL (protocol " +
            "hyperhidrosis-hands fixedPolarity: the drug's charge fixes the polarity)", refused(CLINIC, fixed,
            with(Rx.hands(), rx -> rx.polarity = Polarity.REVERSED), "prescription.polarity").getMessage());
        assertEquals("prescription.drugCharge = ANIONIC is not allowed: allowed only polarity NORMAL (protocol " +
            "hyperhidrosis-hands fixedPolarity: the drug's charge fixes the polarity)", refused(CLINIC, fixed,
            with(Rx.hands(), rx -> rx.drugCharge = DrugCharge.ANIONIC), "prescription.drugCharge").getMessage());
        final ProtocolCatalogue free = hands(0.1, 20.0, null, null);
        assertEquals("prescription.polarity is missing: protocol hyperhidrosis-hands needs polarity or drugCharge",
            refused(CLINIC, free, Rx.hands(), "prescription.polarity").getMessage());
        assertTrue(plan(CLINIC, free, with(Rx.hands(), rx -> rx.drugCharge = DrugCharge.ANIONIC)).startReversed());
    }

    @Test
    @DisplayName("reversal at half time: a session of exactly 10 min may reverse, a shorter one may not")
    void reversalAtExactlyTenMinutes()
    {
        final ProtocolCatalogue short1 = hands(0.1, 1.0, Polarity.NORMAL, null);
        final double tenMin = PrescriptionValidator.MIN_REVERSAL_SESSION_MIN;
        assertEquals(10.0, tenMin);
        assertTrue(plan(CLINIC, short1, with(Rx.hands(), rx -> rx.durationMin = tenMin)).reverseAtHalfTime());
        assertEquals("prescription.reverseAtHalfTime = true needs durationMin of at least 10.0 min, got 9.5 min",
            refused(CLINIC, short1, with(Rx.hands(), rx -> rx.durationMin = 9.5), "prescription.reverseAtHalfTime")
                .getMessage());
        assertFalse(plan(CLINIC, short1, with(Rx.hands(), rx ->
        {
            rx.durationMin = 9.5;
            rx.reverseAtHalfTime = false;
        })).reverseAtHalfTime(), "no reversal: any length");
    }

    @Test
    @DisplayName("SR-21 pulsed mode: the advised default only where pulses are allowed, never below the device minimum; the drug's and the protocol's rule each alone")
    void dutyOperands()
    {
        assertEquals(1000, plan(with(Rx.oncology(), rx -> rx.dutyPermille = 1000)).dutyPermille(),
            "continuous is always allowed, even for a drug that forbids pulses");
        final DeviceLimits min600 = new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 600,
            1000.0, 50.0, 50_000.0, 300.0);
        assertEquals(600, plan(min600, ProtocolCatalogue.builtIn(), with(Rx.axillae(), rx ->
        {
            rx.dutyPermille = null;
            rx.pulseFrequencyHz = null;
        })).dutyPermille(), "the advised 500 ‰ raised to the device's minimum duty");
        assertEquals(1000, plan(with(Rx.hands(), rx -> rx.dutyPermille = null)).dutyPermille(),
            "pulses allowed but not advised: continuous");
        final ProtocolCatalogue advisedNotAllowed = ProtocolCatalogue.builtIn().replacedForTest(new Protocol(
            ProtocolId.HYPERHIDROSIS_AXILLAE, true, 0.1, 5.0, 3.0, 1.0, 0.5, 0.2, 20.0, 40.0, 20.0, false, false, 0.0,
            0.0, true, false, true, Polarity.NORMAL, null, true, false, false));
        assertEquals(1000, plan(CLINIC, advisedNotAllowed, with(Rx.axillae(), rx ->
        {
            rx.dutyPermille = null;
            rx.pulseFrequencyHz = null;
        })).dutyPermille(), "advised but not allowed: continuous");
        assertEquals("prescription.dutyPermille = 500 is not allowed: allowed only 1000 (continuous; protocol " +
            "hyperhidrosis-axillae has pulsedAllowed = false)", refused(CLINIC, advisedNotAllowed,
            with(Rx.axillae(), rx -> rx.pulseFrequencyHz = null), "prescription.dutyPermille").getMessage());

        // a maker's drug that allows pulses, under a protocol that does not: the protocol's rule alone refuses
        final DrugCatalogue drugs = DrugCatalogue.builtIn().apply(StrictJson.bind(StrictJson.tree(("{\"drugs\": [" +
            "{\"drug\": \"ketoprofen\", \"name\": \"ketoprofen\", \"charge\": \"ANIONIC\", \"protocols\": " +
            "[\"sports-injury\"], \"maxCurrentMa\": 3.0, \"maxDensityMaPerCm2\": 0.3, \"minDoseMaMin\": 10.0, " +
            "\"maxDoseMaMin\": 40.0, \"clinicOnly\": false, \"pulsedAllowed\": true, \"source\": \"KX-12\"}]}")
            .getBytes(StandardCharsets.UTF_8), "drugs"), DrugTightening.File.class, "drugs"), CLINIC);
        final PrescriptionValidator withKetoprofen = new PrescriptionValidator(CLINIC, ProtocolCatalogue.builtIn(),
            AuthorisationPolicy.EVERY_PRESCRIPTION, drugs);
        final Rx keto = with(Rx.dexamethasone(), rx ->
        {
            rx.protocol = ProtocolId.SPORTS_INJURY;
            rx.drug = "ketoprofen";
            rx.drugCharge = null;
            rx.targetCurrentMa = 3.0;
            rx.doseMaMin = 20.0;
        });
        assertTrue(withKetoprofen.validate(keto.build(), SIGNED).startReversed(), "anionic: from the cathode");
        keto.dutyPermille = 500;
        final InvalidConfigurationException pulsed = assertThrows(InvalidConfigurationException.class,
            () -> withKetoprofen.validate(keto.build(), SIGNED));
        assertEquals("prescription.dutyPermille = 500 is not allowed: allowed only 1000 (continuous; protocol " +
            "sports-injury has pulsedAllowed = false)", pulsed.getMessage());
        assertEquals("prescription.dutyPermille = 500 is not allowed: allowed only 1000 (continuous; SR-21 drug " +
            "cisplatin has pulsedAllowed = false)", refused(with(Rx.oncology(), rx -> rx.dutyPermille = 500),
            "prescription.dutyPermille").getMessage());
    }

    @Test
    @DisplayName("pulsed mode bounds: the device's minimum duty and 1 Hz .. maxPulseFrequencyHz inclusive; a frequency with continuous current refused")
    void pulseBounds()
    {
        assertEquals(200, plan(with(Rx.axillae(), rx -> rx.dutyPermille = 200)).dutyPermille());
        assertTrue(refused(with(Rx.axillae(), rx -> rx.dutyPermille = 199), "prescription.dutyPermille").getMessage()
            .contains("allowed 200 .. 1000 ‰ (device limit minDutyPermille)"));
        assertEquals(500, plan(with(Rx.axillae(), rx -> rx.pulseFrequencyHz = 1.0)).dutyPermille());
        assertEquals(500, plan(with(Rx.axillae(), rx -> rx.pulseFrequencyHz = CLINIC.maxPulseFrequencyHz()))
            .dutyPermille());
        assertTrue(refused(with(Rx.axillae(), rx -> rx.pulseFrequencyHz = 0.5), "prescription.pulseFrequencyHz")
            .getMessage().contains("device limit maxPulseFrequencyHz"));
        assertEquals("prescription.pulseFrequencyHz = 100.0 is only for pulsed mode: set dutyPermille below 1000 or " +
            "omit it", refused(with(Rx.hands(), rx -> rx.pulseFrequencyHz = 100.0), "prescription.pulseFrequencyHz")
            .getMessage());
    }

    @Test
    @DisplayName("SR-21 a drug protocol without a drug names an example drug of that protocol")
    void missingDrug()
    {
        assertEquals("prescription.drug is missing: protocol oncology needs a drug of the catalogue (SR-21), e.g. " +
            "cisplatin", refused(with(Rx.oncology(), rx -> rx.drug = null), "prescription.drug").getMessage());
        assertEquals("prescription.drug is missing: protocol sports-injury needs a drug of the catalogue (SR-21), e.g. " +
            "lidocaine", refused(with(Rx.dexamethasone(), rx ->
            {
                rx.protocol = ProtocolId.SPORTS_INJURY;
                rx.drugCharge = null;
            }), "prescription.drug").getMessage());
        assertTrue(refused(with(Rx.dexamethasone(), rx -> rx.doseMaMin = 85.0), "prescription.doseMaMin").getMessage()
            .contains("maxDoseMaMin"), "the dexamethasone protocol implies its drug");
    }

    @Test
    @DisplayName("SR-4 the monitor's density limit is density × area, never above the device's absolute current")
    void densityLimitAtMostAbsolute()
    {
        // 0.5 mA/cm² × 100 cm² = 50 mA > 35 mA absolute
        assertEquals(35_000.0, plan(with(Rx.hands(), rx -> rx.electrodeAreaCm2 = 100.0)).densityLimitUa(), 1e-9);
        assertEquals(30_000.0, plan(with(Rx.hands(), rx -> rx.electrodeAreaCm2 = 60.0)).densityLimitUa(), 1e-9);
    }
}
