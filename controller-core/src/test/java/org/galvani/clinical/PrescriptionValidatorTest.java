package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import org.galvani.authority.AuthorisationResult;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.session.Clamp;
import org.galvani.session.SessionPlan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Validation of prescriptions against protocols and device limits, and the plans derived from them.
 */
class PrescriptionValidatorTest
{
    private static final AuthorisationResult SIGNED = AuthorisationResult.verified("demo-clinician");
    private static final AuthorisationResult UNSIGNED =
        AuthorisationResult.refused("demo-clinician", "prescription is not signed");
    private static final double NS_PER_MIN = 60e9;

    private final DeviceLimits device = DeviceLimits.defaults();
    private final PrescriptionValidator validator = new PrescriptionValidator(device, ProtocolCatalogue.builtIn());

    private SessionPlan plan(final Rx rx)
    {
        return validator.validate(rx.build(), SIGNED);
    }

    private InvalidConfigurationException rejected(final Rx base, final Consumer<Rx> change, final String field)
    {
        change.accept(base);
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class, () -> plan(base));
        assertEquals(field, ex.field(), ex.getMessage());
        assertTrue(ex.getMessage().startsWith(field), ex.getMessage());
        return ex;
    }

    @Test
    @DisplayName("hyperhidrosis hands: titration 2 → 18 mA, 20 min, reversal at half time (SR-3, SR-4)")
    void handsPlan()
    {
        final SessionPlan plan = plan(Rx.hands());
        assertTrue(plan.authorised());
        assertEquals(2_000.0, plan.startUa());
        assertEquals(18_000.0, plan.capUa());
        assertEquals(1_000.0, plan.stepUa());
        assertEquals(500.0, plan.rampRateUaPerS());
        assertEquals(20 * 60_000_000_000L, plan.durationNs());
        assertEquals(plan.durationNs(), plan.maxSessionNs());
        assertEquals(0.0, plan.doseTargetUc());
        assertEquals(19_000.0, plan.tripLevelUa());
        assertEquals(35_000.0, plan.densityLimitUa(), "0.5 mA/cm² × 120 cm² = 60 mA, bounded by the 35 mA hard stop");
        assertEquals(18.0 * 20 * 1.02 * 60_000, plan.doseTripUc(), 1e-6);
        assertFalse(plan.startReversed());
        assertTrue(plan.reverseAtHalfTime());
        assertEquals(1000, plan.dutyPermille());
        assertEquals(50.0, plan.contactTestUa());
        assertEquals(50_000.0, plan.contactMaxOhm());
        assertEquals(300.0, plan.contactMinOhm());
        assertEquals(0, plan.validationClamps());
    }

    @Test
    @DisplayName("hyperhidrosis axillae: pulsed 500 ‰, protocol defaults for start, step and ramp")
    void axillaePlan()
    {
        final SessionPlan plan = plan(Rx.axillae());
        assertEquals(1_000.0, plan.startUa());
        assertEquals(3_000.0, plan.capUa());
        assertEquals(500.0, plan.stepUa());
        assertEquals(200.0, plan.rampRateUaPerS());
        assertEquals(500, plan.dutyPermille());
        assertEquals(3_000.0, plan.peakLimitUa());
        assertEquals(4_000.0, plan.tripLevelUa());
    }

    @Test
    @DisplayName("SR-11 SR-17 dexamethasone: 4 mA, 40 mA·min, dose trip +2 %, session up to 1.5 × 10 min, cathode")
    void dexamethasonePlan()
    {
        final SessionPlan plan = plan(Rx.dexamethasone());
        assertEquals(4_000.0, plan.startUa());
        assertEquals(4_000.0, plan.capUa());
        assertEquals(0L, plan.durationNs());
        assertEquals(40.0 * 60_000, plan.doseTargetUc());
        assertEquals(40.0 * 1.02 * 60_000, plan.doseTripUc(), 1e-6);
        assertEquals(Math.round(15 * NS_PER_MIN), plan.maxSessionNs());
        assertEquals(5_000.0, plan.tripLevelUa());
        assertEquals(5_000.0, plan.densityLimitUa());
        assertTrue(plan.startReversed(), "dexamethasone is delivered from the cathode");
        assertEquals(100.0, plan.rampRateUaPerS());
    }

    @Test
    @DisplayName("SR-16 oncology: prescribed current and dose, authorised only with a verified signature")
    void oncologyPlan()
    {
        final SessionPlan plan = plan(Rx.oncology());
        assertEquals(2_000.0, plan.capUa());
        assertEquals(60.0 * 60_000, plan.doseTargetUc());
        assertFalse(plan.startReversed());
        assertTrue(plan.authorised());
        assertFalse(validator.validate(Rx.oncology().build(), UNSIGNED).authorised());
        final PrescriptionValidator lenient = new PrescriptionValidator(device, ProtocolCatalogue.builtIn(),
            AuthorisationPolicy.MANDATORY_PROTOCOLS_ONLY);
        assertFalse(lenient.validate(Rx.oncology().build(), UNSIGNED).authorised(), "oncology never unauthorised");
    }

    @Test
    @DisplayName("SR-16 default policy: every prescription must be authorised; the lenient policy is opt-in")
    void authorisationPolicy()
    {
        assertFalse(validator.validate(Rx.hands().build(), UNSIGNED).authorised());
        assertFalse(validator.validate(Rx.hands().build(), null).authorised());
        final PrescriptionValidator lenient = new PrescriptionValidator(device, ProtocolCatalogue.builtIn(),
            AuthorisationPolicy.MANDATORY_PROTOCOLS_ONLY);
        assertTrue(lenient.validate(Rx.hands().build(), UNSIGNED).authorised());
    }

    @Test
    @DisplayName("SR-4 SR-17 hands: a cap above density × area is clamped and recorded as DENSITY_CAP")
    void densityClampRecorded()
    {
        final Rx rx = Rx.hands();
        rx.electrodeAreaCm2 = 20.0;
        final SessionPlan plan = plan(rx);
        assertEquals(9_500.0, plan.capUa(), 1e-9, "0.5 mA/cm² × 20 cm² less the 5 % density margin");
        assertEquals(Clamp.DENSITY_CAP.bit(), plan.validationClamps());
        assertEquals(10_000.0, plan.densityLimitUa(), 1e-9, "the monitor trips at the full 0.5 mA/cm²");
        assertEquals(10_500.0, plan.tripLevelUa(), 1e-9);
    }

    @Test
    @DisplayName("SR-4 the density ceiling: 4 mA on 8 cm² (exactly 0.5 mA/cm², the trip level) is refused; " +
        "the highest accepted target sits the margin below the monitor's density trip")
    void densityCeilingHasMargin()
    {
        final InvalidConfigurationException ex = rejected(Rx.dexamethasone(), rx -> rx.electrodeAreaCm2 = 8.0,
            "prescription.targetCurrentMa");
        assertTrue(ex.getMessage().contains("allowed 0.1 .. 3.8 mA"), ex.getMessage());
        assertTrue(ex.getMessage().contains("densityTripMarginPercent 5.0 %"), ex.getMessage());
        final Rx atCeiling = Rx.dexamethasone();
        atCeiling.electrodeAreaCm2 = 8.0;
        atCeiling.targetCurrentMa = 3.8;
        final SessionPlan plan = plan(atCeiling);
        assertEquals(3_800.0, plan.capUa(), 1e-9);
        assertEquals(4_000.0, plan.densityLimitUa(), 1e-9);
        assertTrue(plan.capUa() <= plan.densityLimitUa() * 0.95 + 1e-9, "the cap sits 5 % below the density trip");
    }

    @Test
    @DisplayName("SR-4 dexamethasone: a target above density × area is rejected, never clamped")
    void densityRejectedForDrug()
    {
        final InvalidConfigurationException ex = rejected(Rx.dexamethasone(), rx -> rx.electrodeAreaCm2 = 6.0,
            "prescription.targetCurrentMa");
        assertTrue(ex.getMessage().contains("allowed 0.1 .. 2.85 mA"), ex.getMessage());
        assertTrue(ex.getMessage().contains("SR-4 current density"), ex.getMessage());
    }

    @Test
    @DisplayName("hyperhidrosis sessions last 20 .. 40 min (practice and the default catalogue): a 10-min session is refused")
    void hyperhidrosisLength()
    {
        for (final java.util.function.Supplier<Rx> protocol : List.<java.util.function.Supplier<Rx>>of(Rx::hands, Rx::axillae))
        {
            InvalidConfigurationException ex = rejected(protocol.get(), rx -> rx.durationMin = 10.0, "prescription.durationMin");
            assertTrue(ex.getMessage().contains("allowed 20.0 .. 40.0 min"), ex.getMessage());
            ex = rejected(protocol.get(), rx -> rx.durationMin = 19.9, "prescription.durationMin");
            assertTrue(ex.getMessage().contains("minDurationMin"), ex.getMessage());
            rejected(protocol.get(), rx -> rx.durationMin = 40.1, "prescription.durationMin");
            final Rx twenty = protocol.get();
            twenty.durationMin = 20.0;
            assertEquals(Math.round(20 * NS_PER_MIN), plan(twenty).durationNs());
            final Rx forty = protocol.get();
            forty.durationMin = 40.0;
            assertEquals(Math.round(40 * NS_PER_MIN), plan(forty).durationNs());
        }
    }

    @Test
    @DisplayName("SR-3 the current cap names the tighter of protocol and device limit")
    void currentCapNamesLimit()
    {
        InvalidConfigurationException ex = rejected(Rx.hands(), rx -> rx.capCurrentMa = 45.0,
            "prescription.capCurrentMa");
        assertEquals("prescription.capCurrentMa = 45.0 is out of range: allowed 0.1 .. 30.0 mA " +
            "(protocol hyperhidrosis-hands maxCurrentMa and device limit maxPrescribableCurrentMa)", ex.getMessage());
        ex = rejected(Rx.dexamethasone(), rx -> rx.targetCurrentMa = 5.0, "prescription.targetCurrentMa");
        assertTrue(ex.getMessage().endsWith("(protocol sports-injury-dexamethasone maxCurrentMa and SR-21 drug " +
            "dexamethasone maxCurrentMa)"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-3 trip level is cap + margin, never above the device absolute limit")
    void tripLevelBoundedByAbsolute()
    {
        final DeviceLimits tight = new DeviceLimits(30.0, 30.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 200,
            1000.0, 50.0, 50_000.0, 300.0);
        final Rx rx = Rx.hands();
        rx.capCurrentMa = 30.0;
        final SessionPlan plan = new PrescriptionValidator(tight, ProtocolCatalogue.builtIn())
            .validate(rx.build(), SIGNED);
        assertEquals(30_000.0, plan.tripLevelUa());
    }

    @Test
    @DisplayName("reversal at half time on a session shorter than 10 min is rejected")
    void reversalNeedsTenMinutes()
    {
        // built-in hyperhidrosis protocols start at 10 min anyway
        rejected(Rx.hands(), rx -> rx.durationMin = 9.5, "prescription.durationMin");
        // a protocol that allows shorter sessions still refuses the reversal below 10 min
        final Protocol h = ProtocolCatalogue.builtIn().get(ProtocolId.HYPERHIDROSIS_HANDS_FEET);
        final Protocol shortSessions = new Protocol(h.id(), true, h.minCurrentMa(), h.maxCurrentMa(),
            h.defaultCurrentMa(), h.defaultStartMa(), h.defaultStepMa(), h.rampRateMaPerS(), 5.0, h.maxDurationMin(),
            h.defaultDurationMin(), false, false, 0.0, 0.0, true, true, false, Polarity.NORMAL, null, true, false,
            false);
        final PrescriptionValidator v = new PrescriptionValidator(device,
            ProtocolCatalogue.builtIn().replacedForTest(shortSessions));
        final Rx rx = Rx.hands();
        rx.durationMin = 9.99;
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> v.validate(rx.build(), SIGNED));
        assertEquals("prescription.reverseAtHalfTime", ex.field());
        assertTrue(ex.getMessage().contains("at least 10.0 min, got 9.99 min"), ex.getMessage());
        rx.reverseAtHalfTime = false;
        assertFalse(v.validate(rx.build(), SIGNED).reverseAtHalfTime());
        rx.durationMin = 10.0;
        rx.reverseAtHalfTime = true;
        assertTrue(v.validate(rx.build(), SIGNED).reverseAtHalfTime());
        // protocols without reversal refuse it whatever the duration
        rejected(Rx.dexamethasone(), r ->
        {
            r.durationMin = 20.0;
            r.reverseAtHalfTime = true;
        }, "prescription.reverseAtHalfTime");
    }

    @Test
    @DisplayName("dexamethasone polarity is fixed: NORMAL or a cationic charge is rejected")
    void dexamethasonePolarityFixed()
    {
        InvalidConfigurationException ex = rejected(Rx.dexamethasone(), rx ->
        {
            rx.drugCharge = null;
            rx.polarity = Polarity.NORMAL;
        }, "prescription.polarity");
        assertTrue(ex.getMessage().contains("allowed only REVERSED (SR-21 drug dexamethasone is ANIONIC"),
            ex.getMessage());
        rejected(Rx.dexamethasone(), rx -> rx.drugCharge = DrugCharge.CATIONIC, "prescription.drugCharge");
        rejected(Rx.dexamethasone(), rx -> rx.polarity = Polarity.NORMAL, "prescription.polarity");
        final Rx byDefault = Rx.dexamethasone();
        byDefault.drugCharge = null;
        assertTrue(plan(byDefault).startReversed());
    }

    @Test
    @DisplayName("protocol rules: oncology has no titration, needs a polarity and a dose; hyperhidrosis has no dose")
    void protocolRules()
    {
        rejected(Rx.oncology(), rx ->
        {
            rx.mode = CurrentMode.TITRATION;
            rx.targetCurrentMa = null;
            rx.capCurrentMa = 2.0;
        }, "prescription.mode");
        rejected(Rx.oncology(), rx -> rx.drug = null, "prescription.drug");
        rejected(Rx.oncology(), rx -> rx.doseMaMin = null, "prescription.doseMaMin");
        rejected(Rx.oncology(), rx -> rx.targetCurrentMa = null, "prescription.targetCurrentMa");
        rejected(Rx.hands(), rx -> rx.doseMaMin = 100.0, "prescription.doseMaMin");
        rejected(Rx.hands(), rx -> rx.targetCurrentMa = 10.0, "prescription.targetCurrentMa");
        rejected(Rx.dexamethasone(), rx -> rx.capCurrentMa = 4.0, "prescription.capCurrentMa");
        rejected(Rx.dexamethasone(), rx -> rx.dutyPermille = 500, "prescription.dutyPermille");
        rejected(Rx.hands(), rx -> rx.pulseFrequencyHz = 100.0, "prescription.pulseFrequencyHz");
        rejected(Rx.hands(), rx -> rx.startCurrentMa = 20.0, "prescription.startCurrentMa");
    }

    @Test
    @DisplayName("SR-11 dexamethasone dose above the 80 mA·min electrode maximum is rejected")
    void doseAboveElectrodeMax()
    {
        final InvalidConfigurationException ex = rejected(Rx.dexamethasone(), rx -> rx.doseMaMin = 81.0,
            "prescription.doseMaMin");
        assertTrue(ex.getMessage().contains("protocol sports-injury-dexamethasone maxDoseMaMin"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-17 dose-ended with a duration: session may lengthen by the maker factor; undeliverable dose rejected")
    void doseLengthening()
    {
        final Rx rx = Rx.dexamethasone();
        rx.targetCurrentMa = 2.0;
        rx.durationMin = 20.0;
        final SessionPlan plan = plan(rx);
        assertEquals(Math.round(20 * NS_PER_MIN), plan.durationNs());
        assertEquals(Math.round(30 * NS_PER_MIN), plan.maxSessionNs());
        final InvalidConfigurationException ex = rejected(Rx.dexamethasone(), r ->
        {
            r.targetCurrentMa = 1.0;
            r.durationMin = 20.0;
        }, "prescription.doseMaMin");
        assertTrue(ex.getMessage().contains("maxDoseLengtheningFactor"), ex.getMessage());
        rejected(Rx.dexamethasone(), r ->
        {
            r.mode = CurrentMode.TITRATION;
            r.targetCurrentMa = null;
        }, "prescription.durationMin");
    }

    @Test
    @DisplayName("SR-11 a time-ended session that could exceed the device dose cap is rejected")
    void timeEndedDoseCap()
    {
        final DeviceLimits small = new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 300.0, 60.0, 1.5, 1.0, 2.0, 200,
            1000.0, 50.0, 50_000.0, 300.0);
        final Rx rx = Rx.hands();
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> new PrescriptionValidator(small, ProtocolCatalogue.builtIn()).validate(rx.build(), SIGNED));
        assertEquals("prescription.durationMin", ex.field());
        assertTrue(ex.getMessage().contains("device limit doseCapMaMin"), ex.getMessage());
    }

    @Test
    @DisplayName("every device limit a prescription can meet is named in the rejection")
    void everyDeviceLimitNamed()
    {
        final DeviceLimits d = new DeviceLimits(20.0, 15.0, 60.0, 0.5, 0.3, 1200.0, 30.0, 1.5, 1.0, 2.0, 400,
            200.0, 50.0, 50_000.0, 300.0);
        final PrescriptionValidator v = new PrescriptionValidator(d, ProtocolCatalogue.builtIn());
        expect(v, Rx.hands(), rx -> rx.capCurrentMa = 16.0, "device limit maxPrescribableCurrentMa");
        expect(v, Rx.hands(), rx ->
        {
            rx.capCurrentMa = 10.0;
            rx.rampRateMaPerS = 0.4;
        }, "device limit maxRampRateMaPerS");
        expect(v, Rx.hands(), rx ->
        {
            rx.capCurrentMa = 10.0;
            rx.durationMin = 35.0;
        }, "device limit maxSessionMin");
        expect(v, Rx.axillae(), rx -> rx.dutyPermille = 300, "device limit minDutyPermille");
        expect(v, Rx.axillae(), rx -> rx.pulseFrequencyHz = 500.0, "device limit maxPulseFrequencyHz");
        expect(v, Rx.dexamethasone(), rx -> rx.electrodeAreaCm2 = 7.0, "maxCurrentDensityMaPerCm2");
        final DeviceLimits slow = new DeviceLimits(20.0, 15.0, 60.0, 0.5, 0.05, 50.0, 30.0, 1.5, 1.0, 2.0, 400,
            200.0, 50.0, 50_000.0, 300.0);
        final PrescriptionValidator s = new PrescriptionValidator(slow, ProtocolCatalogue.builtIn());
        expect(s, Rx.axillae(), rx -> rx.rampRateMaPerS = 0.1, "device limit maxRampRateMaPerS");
        expect(v, Rx.axillae(), rx -> rx.rampRateMaPerS = 0.25, "protocol hyperhidrosis-axillae rampRateMaPerS");
        expect(s, Rx.oncology(), rx -> rx.doseMaMin = 51.0, "device limit doseCapMaMin");
    }

    private static void expect(
        final PrescriptionValidator v, final Rx rx, final Consumer<Rx> change, final String limit)
    {
        change.accept(rx);
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> v.validate(rx.build(), SIGNED));
        assertTrue(ex.getMessage().contains(limit), ex.getMessage());
        assertTrue(ex.getMessage().startsWith(ex.field() + " "), ex.getMessage());
    }

    @Test
    @DisplayName("hostile numbers: NaN, ±Infinity, negative and huge values name the field")
    void hostileNumbers()
    {
        for (final double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0,
            1e300})
        {
            rejected(Rx.hands(), rx -> rx.capCurrentMa = bad, "prescription.capCurrentMa");
            rejected(Rx.hands(), rx -> rx.startCurrentMa = bad, "prescription.startCurrentMa");
            rejected(Rx.hands(), rx -> rx.stepCurrentMa = bad, "prescription.stepCurrentMa");
            rejected(Rx.hands(), rx -> rx.rampRateMaPerS = bad, "prescription.rampRateMaPerS");
            rejected(Rx.hands(), rx -> rx.durationMin = bad, "prescription.durationMin");
            rejected(Rx.hands(), rx -> rx.electrodeAreaCm2 = bad, "prescription.electrodeAreaCm2");
            rejected(Rx.dexamethasone(), rx -> rx.targetCurrentMa = bad, "prescription.targetCurrentMa");
            rejected(Rx.dexamethasone(), rx -> rx.doseMaMin = bad, "prescription.doseMaMin");
            rejected(Rx.axillae(), rx -> rx.pulseFrequencyHz = bad, "prescription.pulseFrequencyHz");
        }
        rejected(Rx.axillae(), rx -> rx.dutyPermille = -1, "prescription.dutyPermille");
        rejected(Rx.axillae(), rx -> rx.dutyPermille = 1001, "prescription.dutyPermille");
    }

    @Test
    @DisplayName("required fields and identifiers name the field")
    void requiredFields()
    {
        final Rx rx = Rx.hands();
        rx.electrodeAreaCm2 = null;
        assertEquals("prescription.electrodeAreaCm2",
            assertThrows(InvalidConfigurationException.class, rx::build).field());
        final Rx blank = Rx.hands();
        blank.issuedBy = " ";
        assertEquals("prescription.issuedBy", assertThrows(InvalidConfigurationException.class, blank::build).field());
        final Rx noMode = Rx.hands();
        noMode.mode = null;
        assertEquals("prescription.mode", assertThrows(InvalidConfigurationException.class, noMode::build).field());
    }
}
