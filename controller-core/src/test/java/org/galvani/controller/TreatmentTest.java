package org.galvani.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.galvani.control.DoseMeter;
import org.galvani.session.Clamp;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Treatment} on its own, with the real ramp, titration and dose meter it steers and no driver: the
 * treatment timer, the end by time and by dose, the half-time reversal and the pre-ramp contact check.
 * The test plays the controller's part (arms, tells it the states, advances the ramp, meters the dose).
 */
class TreatmentTest extends TreatmentFixture
{
    private static final long MINUTE_TICKS = 60_000;

    /** One tick in a state at a steady current: progress, ramp, dose, timer; returns the event. */
    private SessionEvent tick(final SessionState state, final double currentUa)
    {
        final SessionEvent fired = treatment.progress(state, currentUa, currentUa * 3.0 / 1000);
        ramp.advance();
        dose.accumulate(currentUa, false);
        treatment.countTick(state);
        return fired;
    }

    @Test
    @DisplayName("SR-11 a time-ended session fires END_REACHED in the tick its counted time reaches the duration")
    void timeEndedAtDuration()
    {
        arm(TestPlans.standard().targetUa(2_000).durationNs(2 * TestPlans.SECOND_NS).conclude());
        for (int t = 0; t < 2_000; t++)
        {
            assertNull(tick(SessionState.TREATING, 2_000), "no end before the duration, tick " + t);
        }
        assertEquals(SessionEvent.END_REACHED, tick(SessionState.TREATING, 2_000));
        assertEquals(0, treatment.remainingNs(2_000));
    }

    @Test
    @DisplayName("the treatment timer runs while current is delivered and stops in HOLD_OFF and during the contact check")
    void timerRunsOnlyWhileDelivering()
    {
        arm(TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS).conclude());
        treatment.entered(SessionState.RAMP_UP, SessionEvent.START);
        treatment.countTick(SessionState.RAMP_UP);
        assertEquals(0, treatment.elapsedNs(), "the pre-ramp contact check is not treatment time");
        treatment.countTick(SessionState.TREATING);
        treatment.countTick(SessionState.POLARITY_SWITCH);
        assertEquals(2 * PERIOD_NS, treatment.elapsedNs());
        treatment.countTick(SessionState.HOLD_OFF);
        treatment.countTick(SessionState.FAULT);
        assertEquals(2 * PERIOD_NS, treatment.elapsedNs(), "paused while no current is delivered");
        assertEquals(60 * TestPlans.SECOND_NS - 2 * PERIOD_NS, treatment.remainingNs(2_000));
    }

    @Test
    @DisplayName("SR-11 SR-17 a dose-ended session lengthens past its nominal time (DOSE_LENGTHENED) and ends at the maker's bound (SESSION_TIME_LIMIT)")
    void doseEndedLengthensThenStopsAtTheBound()
    {
        // 1 mA for a 2 mA·min dose would need 2 min; nominal 1 min, bound 1.5 min
        arm(TestPlans.standard().targetUa(1_000).durationNs(MINUTE_TICKS * PERIOD_NS)
            .doseTargetUc(2 * DoseMeter.UC_PER_MA_MIN).maxSessionNs(MINUTE_TICKS * PERIOD_NS * 3 / 2).conclude());
        SessionEvent fired = null;
        long ticks = 0;
        while (fired == null && ticks++ < 3 * MINUTE_TICKS)
        {
            fired = tick(SessionState.TREATING, 1_000);
        }
        assertEquals(SessionEvent.END_REACHED, fired);
        assertEquals(MINUTE_TICKS * 3 / 2, ticks, 1, "ended at the bound, not at the dose");
        assertTrue((treatment.timeClamps() & Clamp.DOSE_LENGTHENED.bit()) != 0, "lengthening shown");
        assertTrue((treatment.timeClamps() & Clamp.SESSION_TIME_LIMIT.bit()) != 0, "the bound shown");
    }

    @Test
    @DisplayName("SR-11 a dose-ended session starts its ramp down when the charge still to come completes the dose")
    void doseEndedAtTheDose()
    {
        arm(TestPlans.standard().targetUa(1_000).doseTargetUc(0.5 * DoseMeter.UC_PER_MA_MIN)
            .maxSessionNs(10 * MINUTE_TICKS * PERIOD_NS).conclude());
        SessionEvent fired = null;
        long ticks = 0;
        while (fired == null && ticks++ < MINUTE_TICKS)
        {
            fired = tick(SessionState.TREATING, 1_000);
        }
        assertEquals(SessionEvent.END_REACHED, fired);
        assertTrue(ticks < MINUTE_TICKS / 2 && ticks > MINUTE_TICKS / 2 - 2_000,
            "30 s of 1 mA less the ramp down's share, took " + ticks + " ticks");
        assertEquals(0, treatment.timeClamps(), "neither lengthened nor bounded");
    }

    @Test
    @DisplayName("a reversal session fires HALF_TIME once, at half its duration, and swaps the polarity only at zero current")
    void halfTimeReversal()
    {
        final SessionPlan base = TestPlans.standard().targetUa(2_000).durationNs(10 * MINUTE_TICKS * PERIOD_NS)
            .conclude();
        arm(base.toBuilder().reverseAtHalfTime(true).conclude());
        long halfTimes = 0;
        for (long t = 0; t < 5 * MINUTE_TICKS + 10; t++)
        {
            if (tick(SessionState.TREATING, 2_000) == SessionEvent.HALF_TIME)
            {
                halfTimes++;
                assertEquals(5 * MINUTE_TICKS * PERIOD_NS, treatment.elapsedNs(), 2 * PERIOD_NS);
            }
        }
        assertEquals(1, halfTimes);
        treatment.entered(SessionState.POLARITY_SWITCH, SessionEvent.HALF_TIME);
        assertFalse(treatment.polarityReversed());
        tick(SessionState.POLARITY_SWITCH, 2_000);
        assertFalse(treatment.polarityReversed(), "never swapped under load");
        for (int t = 0; t < 10_000 && !treatment.polarityReversed(); t++)
        {
            tick(SessionState.POLARITY_SWITCH, ramp.setpointUa());
        }
        assertTrue(treatment.polarityReversed(), "swapped once the current is at zero");
        assertEquals(0.0, ramp.setpointUa());
    }

    @Test
    @DisplayName("SR-6 the pre-ramp contact check: too high an impedance refuses the start, too low trips, in range goes on to the target")
    void contactCheck()
    {
        assertEquals(SessionEvent.CONTACT_REFUSED, judgedContact(60_000.0));
        assertEquals(SessionEvent.TRIP, judgedContact(100.0));
        assertEquals(SessionEvent.CONTACT_OK, judgedContact(3_000.0));
        assertEquals(2_000, ramp.goalUa(), "after CONTACT_OK the ramp heads for the target");
    }

    /** Runs a START's contact check on a load of the given impedance; returns the verdict event. */
    private SessionEvent judgedContact(final double loadOhm)
    {
        arm(TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS).conclude());
        assertTrue(treatment.entered(SessionState.RAMP_UP, SessionEvent.START), "a START begins a contact check");
        for (int t = 0; t < 10_000; t++)
        {
            final double currentUa = ramp.setpointUa();
            final SessionEvent fired = treatment.progress(SessionState.RAMP_UP, currentUa, currentUa * loadOhm / 1000);
            ramp.advance();
            if (fired != null)
            {
                assertTrue(treatment.contactJudged());
                assertEquals(loadOhm, treatment.contactOhm(), loadOhm * 0.01);
                return fired;
            }
        }
        throw new AssertionError("the contact was never judged");
    }
}
