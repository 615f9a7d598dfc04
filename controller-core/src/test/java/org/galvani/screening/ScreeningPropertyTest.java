package org.galvani.screening;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.galvani.authority.Ed25519Authoriser;
import org.galvani.authority.TestKeys;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * SR-1 as a property over every combination of conditions, placements, acknowledgements, overrides
 * (valid, forged, untrusted, malformed, for another patient, for another session's prescription, expired: SR-19)
 * and maker tightenings.
 */
class ScreeningPropertyTest
{
    private static final Condition[] CONDITIONS = Condition.values();
    private static final int OVERRIDE_KINDS = 8;
    private static final int NONE = 0;
    private static final int VALID = 1;
    private static final int FORGED_IN_ADAS_NAME = 2;
    private static final int UNTRUSTED = 3;
    private static final int MALFORMED = 4;
    private static final int OTHER_PATIENT = 5;
    /** SR-19: validly signed, but for another session's prescription. */
    private static final int OTHER_PRESCRIPTION = 6;
    /** SR-19: validly signed, but expired at the session's start. */
    private static final int EXPIRED = 7;

    private static final Ed25519Authoriser AUTHORISER = TestKeys.authoriser();

    @Test
    @DisplayName("SR-1 armable iff every present condition is allowed, acknowledged-advisory or validly overridden; " +
        "never with an absolute block; the summary names every block and its rule")
    void armableOnlyWhenEveryConditionIsCleared()
    {
        final Gen<Placement> placements = Generate.enumValues(Placement.class);
        final Gen<Integer> conditionMasks = integers().between(0, (1 << CONDITIONS.length) - 1);
        final Gen<List<Integer>> overrideKinds = lists().of(integers().between(0, OVERRIDE_KINDS - 1))
            .ofSize(CONDITIONS.length);
        // low 11 bits: acknowledgements; high part: 0..10 raise a condition to ABSOLUTE_BLOCK, else no tightening.
        final Gen<Integer> ackAndTightening = integers().between(0, 20 * 2048 - 1);
        qt().withExamples(400).forAll(placements, conditionMasks, overrideKinds, ackAndTightening)
            .checkAssert(ScreeningPropertyTest::check);
    }

    private static void check(
        final Placement placement, final Integer conditionMask, final List<Integer> kinds,
            final Integer ackAndTightening)
    {
        final InterlockPolicy policy = policy(ackAndTightening >>> 11);
        final Set<Condition> conditions = EnumSet.noneOf(Condition.class);
        final Set<Condition> acknowledged = EnumSet.noneOf(Condition.class);
        for (final Condition condition : CONDITIONS)
        {
            if (!condition.derived() && (conditionMask & (1 << condition.ordinal())) != 0)
            {
                conditions.add(condition);
                if ((ackAndTightening & (1 << condition.ordinal())) != 0)
                {
                    acknowledged.add(condition);
                }
            }
        }
        final Set<Condition> present = EnumSet.noneOf(Condition.class);
        present.addAll(conditions);
        if (placement.electrodesOnChestOrHead())
        {
            present.add(Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD);
        }
        final List<ClinicianOverride> overrides = new ArrayList<>();
        for (final Condition condition : present)
        {
            final ClinicianOverride override = override(kinds.get(condition.ordinal()), placement, condition);
            if (override != null)
            {
                overrides.add(override);
            }
        }
        final Screening screening = ScreeningFixtures.screening(placement, conditions, acknowledged, overrides);
        final ScreeningResult result = ScreeningEvaluator.evaluate(screening, policy, AUTHORISER, ScreeningFixtures.SESSION);

        boolean expectArmable = true;
        for (final Condition condition : present)
        {
            final InterlockRule rule = policy.ruleFor(condition, placement);
            final int kind = kinds.get(condition.ordinal());
            final boolean cleared = rule.action() == InterlockAction.ALLOW ||
                rule.action() == InterlockAction.ADVISORY_ACKNOWLEDGE && acknowledged.contains(condition) ||
                rule.action() == InterlockAction.BLOCK_UNLESS_OVERRIDDEN && kind == VALID;
            final ConditionOutcome outcome = result.outcome(condition);
            require(outcome != null, "no outcome for " + condition, result);
            require(outcome.rule().equals(rule), "wrong rule for " + condition, result);
            require(outcome.blocks() != cleared, condition + " cleared=" + cleared, result);
            if (!cleared)
            {
                expectArmable = false;
                require(result.summary().contains(condition.name() + " [" + condition.code() + "] by rule " +
                    rule.id() + " "), "summary must name " + condition + " and " + rule.id(), result);
            }
            if (outcome.disposition() == Disposition.OVERRIDDEN)
            {
                require(kind == VALID && rule.action() == InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
                    "overridden without a valid override on an overridable rule: " + condition, result);
                require(result.summary().contains("overridden by " + TestKeys.ADA), "summary names overrider", result);
            }
            if (rule.action() == InterlockAction.ABSOLUTE_BLOCK)
            {
                require(!result.armable(), "armable with an absolute block on " + condition, result);
            }
        }
        require(result.outcomes().size() == present.size(), "one outcome per present condition", result);
        require(result.armable() == expectArmable, "armable=" + result.armable(), result);
        require(result.toDecision().armable() == expectArmable, "decision", result);
        // Independent of the policy object: the defaults that no maker can loosen.
        if (present.contains(Condition.IMPLANTED_ELECTRONIC_DEVICE) ||
            present.contains(Condition.HEART_CONDITION) && placement.pathCrossesChestOrHead())
        {
            require(!result.armable(), "armable despite an implanted device or a heart condition across chest/head",
                result);
        }
    }

    private static InterlockPolicy policy(final int tightening)
    {
        if (tightening >= CONDITIONS.length)
        {
            return InterlockPolicy.defaults();
        }
        return InterlockPolicy.defaults().tighten(new InterlockRule("MAKER-1", CONDITIONS[tightening], null,
            InterlockAction.ABSOLUTE_BLOCK, "property test tightening"));
    }

    private static ClinicianOverride override(final int kind, final Placement placement, final Condition condition)
    {
        final String patient = ScreeningFixtures.PATIENT;
        final String reason = "reviewed by the clinic";
        switch (kind)
        {
            case VALID:
                return ScreeningFixtures.signed(TestKeys.ADA, TestKeys.ADA, patient, placement, condition, reason);
            case FORGED_IN_ADAS_NAME:
                return ScreeningFixtures.signed(TestKeys.MALLORY, TestKeys.ADA, patient, placement, condition, reason);
            case UNTRUSTED:
                return ScreeningFixtures.signed(TestKeys.MALLORY, TestKeys.MALLORY, patient, placement, condition,
                    reason);
            case MALFORMED:
                return ScreeningFixtures.override(condition, TestKeys.ADA, reason, "@@not-base64@@");
            case OTHER_PATIENT:
                return ScreeningFixtures.signed(TestKeys.ADA, TestKeys.ADA, "P-9999", placement, condition, reason);
            case OTHER_PRESCRIPTION:
                return ScreeningFixtures.signed(TestKeys.ADA, TestKeys.ADA, patient, "RX-EARLIER",
                    ScreeningFixtures.EXPIRES, placement, condition, reason);
            case EXPIRED:
                return ScreeningFixtures.signed(TestKeys.ADA, TestKeys.ADA, patient, ScreeningFixtures.PRESCRIPTION,
                    ScreeningFixtures.SESSION_START, placement, condition, reason);
            case NONE:
            default:
                return null;
        }
    }

    private static void require(final boolean condition, final String message, final ScreeningResult result)
    {
        if (!condition)
        {
            throw new AssertionError(message + " | " + result.summary());
        }
    }
}
