package org.galvani.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The session vocabulary as journaled and shown: every code round-trips and an unknown one is refused (a journal
 * from another version must not be misread), the latched states are exactly FAULT and E_STOP (SR-12), clamp
 * masks are described with their reasons (SR-17), the outcome's dose tolerance is inclusive (SR-23), a plan needs
 * a duration or a dose, and the state machine's table is rendered whole (docs/state-machine.md).
 * Written from PIT's survivors of the {@code session} package (docs/qa-campaign.md).
 */
class SessionCodesTest
{
    @Test
    @DisplayName("state, event and reject-reason codes are distinct, round-trip, and an unknown code is refused")
    void codesRoundTrip()
    {
        roundTrip(SessionState.values(), SessionState::code, SessionState::fromCode);
        roundTrip(SessionEvent.values(), SessionEvent::code, SessionEvent::fromCode);
        roundTrip(RejectReason.values(), RejectReason::code, RejectReason::fromCode);
        for (final RejectReason reason : RejectReason.values())
        {
            assertFalse(reason.description().isBlank(), reason + " has a description");
        }
        for (final SessionOutcome outcome : SessionOutcome.values())
        {
            assertFalse(outcome.meaning().isBlank(), outcome + " has a meaning");
        }
    }

    private static <T> void roundTrip(final T[] values, final ToIntFunction<T> code, final IntFunction<T> fromCode)
    {
        final Set<Integer> seen = new HashSet<>();
        int max = -1;
        for (final T value : values)
        {
            final int c = code.applyAsInt(value);
            assertTrue(seen.add(c), value + " has its own code " + c);
            assertSame(value, fromCode.apply(c));
            max = Math.max(max, c);
        }
        final int above = max + 1;
        assertThrows(IllegalArgumentException.class, () -> fromCode.apply(-1));
        assertThrows(IllegalArgumentException.class, () -> fromCode.apply(above));
    }

    @Test
    @DisplayName("SR-12: only FAULT and E_STOP are latched")
    void latchedStates()
    {
        for (final SessionState state : SessionState.values())
        {
            assertEquals(state == SessionState.FAULT || state == SessionState.E_STOP, state.latched(), state.name());
        }
    }

    @Test
    @DisplayName("SR-17: a clamp mask is described clamp by clamp with its reason, none as 'none'")
    void clampDescriptions()
    {
        assertEquals("none", Clamp.describe(0));
        assertEquals("DENSITY_CAP (current density limit over the electrode area)", Clamp.describe(Clamp.DENSITY_CAP.bit()));
        assertEquals("TITRATION_CAP (operator titration above the prescription cap), PEAK_LIMIT (pulse peak current limit)",
            Clamp.describe(Clamp.TITRATION_CAP.bit() | Clamp.PEAK_LIMIT.bit()));
        final Set<String> reasons = new HashSet<>();
        for (final Clamp clamp : Clamp.values())
        {
            assertTrue(reasons.add(clamp.reason()) && !clamp.reason().isBlank(), clamp + " has its own reason");
        }
    }

    @Test
    @DisplayName("SR-23: exactly the prescribed dose less the tolerance, or exactly the prescribed time, is COMPLETE")
    void outcomeBoundsAreInclusive()
    {
        final double target = 2_400.0;
        final double lowest = target * (1.0 - SessionOutcome.DOSE_TOLERANCE);
        assertEquals(SessionOutcome.COMPLETE, SessionOutcome.classify(SessionState.COMPLETE, false, lowest, 0, target, 0));
        assertEquals(SessionOutcome.INCOMPLETE_DOSE,
            SessionOutcome.classify(SessionState.COMPLETE, false, Math.nextDown(lowest), 0, target, 0));
        assertEquals(SessionOutcome.COMPLETE,
            SessionOutcome.classify(SessionState.COMPLETE, false, 0, 60_000_000_000L, 0, 60_000_000_000L));
        assertEquals(SessionOutcome.STOPPED_BY_OPERATOR,
            SessionOutcome.classify(SessionState.COMPLETE, true, 0, 59_999_999_999L, 0, 60_000_000_000L));
    }

    @Test
    @DisplayName("a plan needs a duration or a dose; a reversal needs a 10-minute session, and the refusal says how long it was")
    void planNeedsDurationOrDose()
    {
        final InvalidConfigurationException neither = assertThrows(InvalidConfigurationException.class,
            () -> plan(0L, 0.0, false));
        assertTrue(neither.getMessage().contains("both 0"), neither.getMessage());
        assertEquals(0L, plan(0L, 500.0, false).durationNs(), "dose only");
        assertEquals(0.0, plan(60_000_000_000L, 0.0, false).doseTargetUc(), "time only");
        final InvalidConfigurationException reversal = assertThrows(InvalidConfigurationException.class,
            () -> plan(300_000_000_000L, 0.0, true));
        assertTrue(reversal.getMessage().contains("got 5.0 min"), reversal.getMessage());
    }

    private static SessionPlan plan(final long durationNs, final double doseUc, final boolean reverse)
    {
        return SessionPlanBuilderTest.complete()
            .durationNs(durationNs)
            .doseTargetUc(doseUc)
            .maxSessionNs(1_200_000_000_000L)
            .reverseAtHalfTime(reverse)
            .conclude();
    }

    @Test
    @DisplayName("the state machine's table is rendered whole: header, the ALWAYS rows of E_STOP and TRIP")
    void transitionTableRendered()
    {
        final String table = TransitionTable.toMarkdown();
        assertTrue(table.startsWith("| from | event | guard | to |\n|---|---|---|---|\n"), table);
        assertTrue(table.endsWith("| any | E_STOP | ALWAYS | E_STOP |\n| any but E_STOP | TRIP | ALWAYS | FAULT |\n"), table);
        assertTrue(table.lines().count() > 20, table);
    }
}
