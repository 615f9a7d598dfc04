package org.galvani.screening;

import static org.galvani.screening.ScreeningFixtures.PATIENT;
import static org.galvani.screening.ScreeningFixtures.evaluate;
import static org.galvani.screening.ScreeningFixtures.screening;
import static org.galvani.screening.ScreeningFixtures.signed;
import static org.galvani.screening.ScreeningFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.galvani.authority.TestKeys;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.session.ScreeningDecision;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScreeningEvaluatorTest
{
    /** The conditions the default policy blocks unless overridden, each with a placement where it does. */
    static Stream<Condition> overridable()
    {
        return Stream.of(Condition.METAL_IMPLANT_IN_PATH, Condition.EPILEPSY, Condition.HEART_CONDITION,
            Condition.PREGNANCY, Condition.IMPAIRED_SENSATION, Condition.THROMBOSIS, Condition.YOUNG_CHILD,
            Condition.DRUG_ALLERGY);
    }

    private static void assertBlockedBy(final ScreeningResult result, final Condition condition, final String ruleId)
    {
        assertFalse(result.armable(), result.summary());
        final ConditionOutcome outcome = result.outcome(condition);
        assertEquals(Disposition.BLOCKED, outcome.disposition(), result.summary());
        assertEquals(ruleId, outcome.rule().id());
        assertTrue(result.summary().contains(condition.name()) && result.summary().contains(ruleId), result.summary());
        final ScreeningDecision decision = result.toDecision();
        assertFalse(decision.armable());
        assertEquals(result.summary(), decision.summary());
    }

    @Test
    @DisplayName("SR-1 a screening with no condition is armable and says so")
    void clear()
    {
        final ScreeningResult result = evaluate(screening(Placement.HANDS));
        assertTrue(result.armable());
        assertTrue(result.outcomes().isEmpty());
        assertEquals("SR-1 screening of patient P-0042, placement HANDS: armable, no contraindication present",
            result.summary());
        assertEquals(new ScreeningDecision(true, result.summary()), result.toDecision());
    }

    @ParameterizedTest
    @EnumSource(Placement.class)
    @DisplayName("SR-1 an implanted electronic device blocks at every placement (rule SR-1.R1)")
    void pacemakerBlocks(final Placement placement)
    {
        assertBlockedBy(evaluate(screening(placement, Condition.IMPLANTED_ELECTRONIC_DEVICE)),
            Condition.IMPLANTED_ELECTRONIC_DEVICE, "SR-1.R1");
    }

    @ParameterizedTest
    @EnumSource(Placement.class)
    @DisplayName("SR-1 a pacemaker is never armable, even with a validly signed override, which is refused")
    void pacemakerOverrideRefused(final Placement placement)
    {
        final Condition ied = Condition.IMPLANTED_ELECTRONIC_DEVICE;
        final ScreeningResult result = evaluate(screening(placement, Set.of(ied), Set.of(ied),
            List.of(valid(placement, ied))));
        assertBlockedBy(result, ied, "SR-1.R1");
        assertTrue(result.summary().contains("override by dr-ada refused: an absolute block cannot be overridden"),
            result.summary());
        assertNull(result.outcome(ied).clinicianId());
    }

    @Test
    @DisplayName("SR-1 heart condition with electrodes across the chest is an absolute block (rule SR-1.R2)")
    void heartAcrossChest()
    {
        final Condition heart = Condition.HEART_CONDITION;
        final Condition placementCondition = Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD;
        final ScreeningResult result = evaluate(screening(Placement.ACROSS_CHEST, Set.of(heart), Set.of(),
            List.of(valid(Placement.ACROSS_CHEST, heart), valid(Placement.ACROSS_CHEST, placementCondition))));
        assertBlockedBy(result, heart, "SR-1.R2");
        assertTrue(result.summary().contains("refused: an absolute block cannot be overridden"));
        assertEquals(Disposition.OVERRIDDEN, result.outcome(placementCondition).disposition());
    }

    @ParameterizedTest
    @EnumSource(value = Placement.class, names = {"HANDS", "HAND_AND_FOOT", "AXILLAE", "ACROSS_CHEST", "ACROSS_HEAD"})
    @DisplayName("SR-1 heart condition with any current path across the chest or head is an absolute block")
    void heartPathAcrossChestOrHead(final Placement placement)
    {
        assertTrue(placement.pathCrossesChestOrHead());
        assertBlockedBy(evaluate(screening(placement, Set.of(Condition.HEART_CONDITION), Set.of(),
            List.of(valid(placement, Condition.HEART_CONDITION)))), Condition.HEART_CONDITION, "SR-1.R2");
    }

    @ParameterizedTest
    @EnumSource(value = Placement.class, names = {"FEET", "LIMB_LOCAL", "TRUNK_LOCAL"})
    @DisplayName("SR-1 heart condition with a path away from chest and head can be overridden (rule SR-1.R3)")
    void heartElsewhere(final Placement placement)
    {
        assertBlockedBy(evaluate(screening(placement, Condition.HEART_CONDITION)), Condition.HEART_CONDITION,
            "SR-1.R3");
        final ScreeningResult result = evaluate(screening(placement, Set.of(Condition.HEART_CONDITION), Set.of(),
            List.of(valid(placement, Condition.HEART_CONDITION))));
        assertTrue(result.armable(), result.summary());
    }

    @ParameterizedTest
    @EnumSource(value = Placement.class, names = {"ACROSS_CHEST", "ACROSS_HEAD"})
    @DisplayName("SR-1 electrodes across the chest or head block unless overridden (rule SR-1.R11)")
    void placementAcrossChestOrHead(final Placement placement)
    {
        final Condition derived = Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD;
        assertBlockedBy(evaluate(screening(placement)), derived, "SR-1.R11");
        final ScreeningResult result = evaluate(screening(placement, Set.of(), Set.of(),
            List.of(valid(placement, derived))));
        assertTrue(result.armable(), result.summary());
        assertTrue(result.summary().contains("overridden: PLACEMENT_ACROSS_CHEST_OR_HEAD"), result.summary());
    }

    @ParameterizedTest
    @MethodSource("overridable")
    @DisplayName("SR-1 each overridable condition blocks without an override and names its rule")
    void overridableBlocks(final Condition condition)
    {
        final ScreeningResult result = evaluate(screening(Placement.FEET, condition));
        assertBlockedBy(result, condition, InterlockPolicy.defaults().ruleFor(condition, Placement.FEET).id());
        assertEquals(InterlockAction.BLOCK_UNLESS_OVERRIDDEN, result.outcome(condition).rule().action());
        assertTrue(result.summary().contains("no clinician override"), result.summary());
    }

    @ParameterizedTest
    @MethodSource("overridable")
    @DisplayName("SR-1 SR-16 each overridable condition passes with a valid override; the summary names who and why")
    void overridablePasses(final Condition condition)
    {
        final ScreeningResult result = evaluate(screening(Placement.FEET, Set.of(condition), Set.of(),
            List.of(valid(Placement.FEET, condition))));
        assertTrue(result.armable(), result.summary());
        final ConditionOutcome outcome = result.outcome(condition);
        assertEquals(Disposition.OVERRIDDEN, outcome.disposition());
        assertEquals(TestKeys.ADA, outcome.clinicianId());
        assertEquals("benefit outweighs risk, reviewed", outcome.reason());
        assertTrue(result.summary().contains(condition.name() + " [" + condition.code() + "] by rule " +
            outcome.rule().id()) && result.summary().contains("overridden by dr-ada"), result.summary());
        assertTrue(result.toDecision().armable());
    }

    @ParameterizedTest
    @MethodSource("overridable")
    @DisplayName("SR-1 SR-16 an override signed with an untrusted key stays blocked and says why")
    void unknownClinician(final Condition condition)
    {
        final ClinicianOverride override = signed(TestKeys.MALLORY, TestKeys.MALLORY, PATIENT, Placement.FEET,
            condition, "trust me");
        final ScreeningResult result = evaluate(screening(Placement.FEET, Set.of(condition), Set.of(),
            List.of(override)));
        assertBlockedBy(result, condition, InterlockPolicy.defaults().ruleFor(condition, Placement.FEET).id());
        assertTrue(result.summary().contains("override by dr-mallory refused") &&
            result.summary().contains("not in the trusted"), result.summary());
    }

    @ParameterizedTest
    @MethodSource("overridable")
    @DisplayName("SR-1 SR-16 a forged override (signed by another key, or tampered) stays blocked")
    void forged(final Condition condition)
    {
        final List<ClinicianOverride> forgeries = List.of(
            // Mallory signs in Ada's name.
            signed(TestKeys.MALLORY, TestKeys.ADA, PATIENT, Placement.FEET, condition, "reviewed"),
            // Ada's signature for another patient.
            signed(TestKeys.ADA, TestKeys.ADA, "P-0043", Placement.FEET, condition, "reviewed"),
            // Ada's signature for another placement.
            signed(TestKeys.ADA, TestKeys.ADA, PATIENT, Placement.HANDS, condition, "reviewed"),
            // Ada's signature for another condition, pasted onto this one.
            ScreeningFixtures.override(condition, TestKeys.ADA, "reviewed", signed(TestKeys.ADA, TestKeys.ADA, PATIENT,
                Placement.FEET, condition == Condition.EPILEPSY ? Condition.PREGNANCY : Condition.EPILEPSY,
                "reviewed").signature()),
            // Reason edited after signing.
            ScreeningFixtures.override(condition, TestKeys.ADA, "reviewed!", valid(Placement.FEET, condition).signature()),
            // Malformed and truncated signatures.
            ScreeningFixtures.override(condition, TestKeys.ADA, "reviewed", "not base64 at all"),
            ScreeningFixtures.override(condition, TestKeys.ADA, "reviewed", "AAAA"));
        for (final ClinicianOverride forgery : forgeries)
        {
            final ScreeningResult result = evaluate(screening(Placement.FEET, Set.of(condition), Set.of(),
                List.of(forgery)));
            assertBlockedBy(result, condition, InterlockPolicy.defaults().ruleFor(condition, Placement.FEET).id());
            assertTrue(result.summary().contains("override by dr-ada refused"), result.summary());
        }
    }

    @ParameterizedTest
    @MethodSource("overridable")
    @DisplayName("SR-1 an override with a blank reason cannot be made, so the condition stays blocked")
    void blankReason(final Condition condition)
    {
        for (final String reason : new String[] {"", "   ", "\t", null})
        {
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                () -> signed(TestKeys.ADA, TestKeys.ADA, PATIENT, Placement.FEET, condition, reason));
            assertEquals("reason", ex.field());
        }
        assertFalse(evaluate(screening(Placement.FEET, condition)).armable());
    }

    @Test
    @DisplayName("SR-1 cuts and scratches block until acknowledged; the acknowledgement is in the summary")
    void advisory()
    {
        final Condition cuts = Condition.CUTS_OR_SCRATCHES;
        final ScreeningResult unacknowledged = evaluate(screening(Placement.HANDS, cuts));
        assertBlockedBy(unacknowledged, cuts, "SR-1.R12");
        assertTrue(unacknowledged.summary().contains("not acknowledged") &&
            unacknowledged.summary().contains("petroleum jelly"), unacknowledged.summary());

        final ScreeningResult acknowledged = evaluate(screening(Placement.HANDS, Set.of(cuts), Set.of(cuts),
            List.of()));
        assertTrue(acknowledged.armable(), acknowledged.summary());
        assertEquals(Disposition.ACKNOWLEDGED, acknowledged.outcome(cuts).disposition());
        assertTrue(acknowledged.summary().contains("acknowledged: CUTS_OR_SCRATCHES"), acknowledged.summary());
    }

    @Test
    @DisplayName("SR-1 an override does not replace the advisory acknowledgement, nor an acknowledgement an override")
    void noSubstitutes()
    {
        final Condition cuts = Condition.CUTS_OR_SCRATCHES;
        final ScreeningResult overriddenCuts = evaluate(screening(Placement.HANDS, Set.of(cuts), Set.of(),
            List.of(valid(Placement.HANDS, cuts))));
        assertBlockedBy(overriddenCuts, cuts, "SR-1.R12");

        final ScreeningResult acknowledgedEpilepsy = evaluate(screening(Placement.FEET, Set.of(Condition.EPILEPSY),
            Set.of(Condition.EPILEPSY), List.of()));
        assertBlockedBy(acknowledgedEpilepsy, Condition.EPILEPSY, "SR-1.R5");
    }

    @Test
    @DisplayName("SR-1 with several blocks the summary names every blocking condition and its rule")
    void severalBlocks()
    {
        final ScreeningResult result = evaluate(screening(Placement.ACROSS_CHEST, Set.of(Condition.EPILEPSY,
            Condition.IMPLANTED_ELECTRONIC_DEVICE, Condition.PREGNANCY, Condition.CUTS_OR_SCRATCHES), Set.of(),
            List.of(valid(Placement.ACROSS_CHEST, Condition.PREGNANCY))));
        assertFalse(result.armable());
        assertEquals(4, result.blocking().size());
        for (final String expected : new String[] {"IMPLANTED_ELECTRONIC_DEVICE [IED] by rule SR-1.R1",
            "EPILEPSY [EPILEPSY] by rule SR-1.R5", "CUTS_OR_SCRATCHES [SKIN-BREAKS] by rule SR-1.R12",
            "PLACEMENT_ACROSS_CHEST_OR_HEAD [PLACEMENT] by rule SR-1.R11", "overridden: PREGNANCY"})
        {
            assertTrue(result.summary().contains(expected), expected + " in " + result.summary());
        }
        assertFalse(result.summary().contains("\n"));
    }

    @Test
    @DisplayName("SR-1 a tightened policy applies: epilepsy raised to an absolute block refuses the override")
    void tightenedPolicy()
    {
        final InterlockPolicy policy = InterlockPolicy.defaults().tighten(new InterlockRule("ACME-1",
            Condition.EPILEPSY, null, InterlockAction.ABSOLUTE_BLOCK, "our device is not tested for epilepsy"));
        final ScreeningResult result = ScreeningEvaluator.evaluate(screening(Placement.FEET,
            Set.of(Condition.EPILEPSY), Set.of(), List.of(valid(Placement.FEET, Condition.EPILEPSY))), policy,
            TestKeys.authoriser(), ScreeningFixtures.SESSION);
        assertBlockedBy(result, Condition.EPILEPSY, "ACME-1");
    }

    @Test
    @DisplayName("SR-1 the screening and its result are frozen: unmodifiable sets and lists, defensive copies")
    void frozen()
    {
        final Set<Condition> conditions = new java.util.HashSet<>(Set.of(Condition.CUTS_OR_SCRATCHES));
        final List<ClinicianOverride> overrides = new java.util.ArrayList<>();
        final Screening screening = screening(Placement.HANDS, conditions, Set.of(), overrides);
        conditions.add(Condition.EPILEPSY);
        overrides.add(valid(Placement.HANDS, Condition.CUTS_OR_SCRATCHES));
        assertEquals(Set.of(Condition.CUTS_OR_SCRATCHES), screening.conditions());
        assertTrue(screening.overrides().isEmpty());
        final ScreeningResult result = evaluate(screening);
        assertThrows(UnsupportedOperationException.class, () -> screening.conditions().add(Condition.EPILEPSY));
        assertThrows(UnsupportedOperationException.class, () -> screening.acknowledged().add(Condition.EPILEPSY));
        assertThrows(UnsupportedOperationException.class, () -> screening.presentConditions().clear());
        assertThrows(UnsupportedOperationException.class, () -> result.outcomes().clear());
        assertThrows(UnsupportedOperationException.class, () -> result.blocking().clear());
    }

    @Test
    @DisplayName("SR-1 inconsistent screenings are rejected naming the field")
    void inconsistent()
    {
        assertEquals("acknowledged", assertThrows(InvalidConfigurationException.class, () -> screening(Placement.HANDS,
            Set.of(), Set.of(Condition.CUTS_OR_SCRATCHES), List.of())).field());
        assertEquals("overrides[0].condition", assertThrows(InvalidConfigurationException.class,
            () -> screening(Placement.HANDS, Set.of(), Set.of(), List.of(valid(Placement.HANDS, Condition.EPILEPSY))))
            .field());
        assertEquals("overrides[1].condition", assertThrows(InvalidConfigurationException.class,
            () -> screening(Placement.FEET, Set.of(Condition.EPILEPSY), Set.of(), List.of(
                valid(Placement.FEET, Condition.EPILEPSY), valid(Placement.FEET, Condition.EPILEPSY)))).field());
        assertEquals("overrides[0].condition", assertThrows(InvalidConfigurationException.class,
            () -> screening(Placement.HANDS, Set.of(), Set.of(), List.of(valid(Placement.HANDS,
                Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD)))).field());
        assertEquals("conditions", assertThrows(InvalidConfigurationException.class, () -> screening(
            Placement.ACROSS_CHEST, Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD)).field());
        assertEquals("patientId", assertThrows(InvalidConfigurationException.class,
            () -> new Screening(" ", Placement.HANDS, Set.of(), Set.of(), List.of())).field());
        assertEquals("patientId", assertThrows(InvalidConfigurationException.class,
            () -> new Screening("P\n1", Placement.HANDS, Set.of(), Set.of(), List.of())).field());
        assertEquals("placement", assertThrows(InvalidConfigurationException.class,
            () -> new Screening("P", null, Set.of(), Set.of(), List.of())).field());
        assertEquals("conditions", assertThrows(InvalidConfigurationException.class,
            () -> new Screening("P", Placement.HANDS, null, Set.of(), List.of())).field());
    }
}
