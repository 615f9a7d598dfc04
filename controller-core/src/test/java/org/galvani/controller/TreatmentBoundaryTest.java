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
 * {@link Treatment}'s decisions at their exact boundaries (the companion of {@link TreatmentTest}, which runs its
 * timelines): the contact limits, the settle time and the probe interval counted to the tick, half time, the end
 * by time, by dose (with the ramp down's charge at the plan's duty) and at the maker's bound, the zero-current
 * threshold of the polarity swap, the remaining-time estimate, and what arming and ending a session reset. The
 * test plays the controller's part, as {@link TreatmentTest} does.
 */
class TreatmentBoundaryTest extends TreatmentFixture
{
    private static SessionPlan timed(final long durationNs)
    {
        return TestPlans.standard().targetUa(2_000).durationNs(durationNs).conclude();
    }

    /** Counts treatment ticks without progress (the timer alone). */
    private void count(final long ticks)
    {
        for (long t = 0; t < ticks; t++)
        {
            treatment.countTick(SessionState.TREATING);
        }
    }

    /**
     * Runs a contact check at a fixed reading (the 50 µA test current is reached after 50 ramp steps at 1 mA/s);
     * returns the index of the progress call that judged and its event in {@code fired[0]}.
     */
    private long judge(final SessionEvent cause, final double measuredUa, final double electrodeMv,
        final SessionEvent[] fired)
    {
        treatment.entered(SessionState.RAMP_UP, cause);
        for (long call = 0; call < 10_000; call++)
        {
            final SessionEvent event = treatment.progress(SessionState.RAMP_UP, measuredUa, electrodeMv);
            ramp.advance();
            if (event != null)
            {
                assertTrue(treatment.contactJudged());
                fired[0] = event;
                return call;
            }
            assertFalse(treatment.contactJudged(), "judged only in the tick that fires");
        }
        throw new AssertionError("never judged");
    }

    @Test
    @DisplayName("SR-6 the contact limits are inclusive: exactly the maximum or the minimum impedance is a contact; judged in the settle time's last tick")
    void contactLimitsAndSettleTime()
    {
        final SessionPlan plan = timed(60 * TestPlans.SECOND_NS);
        arm(plan);
        final SessionEvent[] fired = new SessionEvent[1];
        // 2,500 mV at 50 µA is exactly the 50 kΩ maximum
        final long call = judge(SessionEvent.START, 50.0, 2_500.0, fired);
        assertEquals(SessionEvent.CONTACT_OK, fired[0]);
        assertEquals(50 + ctx.ticks(ctx.contactSettleNs()), call,
            "50 steps to the test current, then exactly the settle time (" + ctx.ticks(ctx.contactSettleNs()) + " ticks)");
        assertEquals(50_000, treatment.contactOhm());
        assertEquals(50_000, treatment.contactLimitOhm());
        assertEquals(2_000, ramp.goalUa(), "on to the target");
        assertTrue(treatment.checkingContactBeforeStart(), "until the controller fires CONTACT_OK");
        treatment.entered(SessionState.RAMP_UP, SessionEvent.CONTACT_OK);
        assertFalse(treatment.checkingContactBeforeStart(), "past the check: ramping to the target");

        arm(plan);
        ramp.dropToZero();
        judge(SessionEvent.START, 50.0, 2_500.001, fired);
        assertEquals(SessionEvent.CONTACT_REFUSED, fired[0], "just above the maximum");
        assertEquals(50_000, treatment.contactLimitOhm());

        arm(plan);
        ramp.dropToZero();
        judge(SessionEvent.START, 50.0, 15.0, fired); // exactly the 300 Ω minimum
        assertEquals(SessionEvent.CONTACT_OK, fired[0]);
        arm(plan);
        ramp.dropToZero();
        judge(SessionEvent.START, 50.0, 14.999, fired);
        assertEquals(SessionEvent.TRIP, fired[0], "just below the minimum: a short");
        assertEquals(300, treatment.contactLimitOhm());
    }

    @Test
    @DisplayName("SR-6 a probe's contact check that finds no contact is a CONTACT_LOST (hold off again), not a refused start")
    void probeCheckIsNotAStart()
    {
        arm(timed(60 * TestPlans.SECOND_NS));
        final SessionEvent[] fired = new SessionEvent[1];
        treatment.entered(SessionState.RAMP_UP, SessionEvent.CONTACT_PROBE);
        assertFalse(treatment.checkingContactBeforeStart(), "a probe is not a START's check");
        ramp.dropToZero();
        judge(SessionEvent.CONTACT_PROBE, 50.0, 3_000.0, fired);
        assertEquals(SessionEvent.CONTACT_LOST, fired[0]);
        treatment.entered(SessionState.RAMP_UP, SessionEvent.START);
        assertTrue(treatment.checkingContactBeforeStart());
        treatment.entered(SessionState.RAMP_UP, SessionEvent.CONTACT_OK);
        assertFalse(treatment.checkingContactBeforeStart());
    }

    @Test
    @DisplayName("SR-6 after a contact loss the probe fires in exactly the probe interval's last tick; after a pause or a degraded contact never")
    void probeInterval()
    {
        arm(timed(60 * TestPlans.SECOND_NS));
        final long interval = ctx.ticks(ctx.contactProbeIntervalNs());
        assertEquals(1_000, interval);
        treatment.entered(SessionState.HOLD_OFF, SessionEvent.CONTACT_LOST);
        for (long t = 1; t < interval; t++)
        {
            assertNull(treatment.progress(SessionState.HOLD_OFF, 0, 0), "no probe in tick " + t);
        }
        assertEquals(SessionEvent.CONTACT_PROBE, treatment.progress(SessionState.HOLD_OFF, 0, 0));
        for (final SessionEvent cause : new SessionEvent[] {SessionEvent.PAUSE, SessionEvent.CONTACT_DEGRADED})
        {
            treatment.entered(SessionState.HOLD_OFF, cause);
            for (long t = 0; t < 3 * interval; t++)
            {
                assertNull(treatment.progress(SessionState.HOLD_OFF, 0, 0), cause + ": the operator resumes");
            }
        }
    }

    @Test
    @DisplayName("SR-11 HALF_TIME fires in the tick the counted time reaches exactly half the duration, and once a session; a new session reverses again")
    void halfTimeExactly()
    {
        final SessionPlan plan = timed(10 * TestPlans.MINUTE_NS).toBuilder().reverseAtHalfTime(true).conclude();
        arm(plan);
        final long half = 5 * TestPlans.MINUTE_NS / PERIOD_NS;
        count(half - 1);
        assertNull(treatment.progress(SessionState.TREATING, 2_000, 6_000), "one tick before half time");
        count(1);
        assertEquals(SessionEvent.HALF_TIME, treatment.progress(SessionState.TREATING, 2_000, 6_000));
        count(1);
        assertNull(treatment.progress(SessionState.TREATING, 2_000, 6_000), "once");

        // the switch: ramp to zero, swap at zero current, back to the target
        treatment.entered(SessionState.POLARITY_SWITCH, SessionEvent.HALF_TIME);
        assertEquals(1_001, swap(), "1,000 ticks to ramp 1 mA down at 1 mA/s, swapped in the next (at zero)");
        assertTrue(treatment.polarityReversed());
        ramp.rate(1e9);
        assertNull(treatment.progress(SessionState.POLARITY_SWITCH, 0, 0));
        ramp.advance();
        assertEquals(SessionEvent.SWITCH_DONE, treatment.progress(SessionState.POLARITY_SWITCH, 2_000, 6_000));

        // a new session: the polarity back to the plan's, half time and the switch armed again
        arm(plan);
        assertFalse(treatment.polarityReversed());
        assertEquals(0, treatment.elapsedNs());
        count(half);
        assertEquals(SessionEvent.HALF_TIME, treatment.progress(SessionState.TREATING, 2_000, 6_000));
        treatment.entered(SessionState.POLARITY_SWITCH, SessionEvent.HALF_TIME);
        ramp.rate(1_000);
        ramp.goal(2_000);
        for (int t = 0; t < 2_000; t++)
        {
            ramp.advance();
        }
        assertNull(treatment.progress(SessionState.POLARITY_SWITCH, 2_000, 6_000));
        assertFalse(treatment.polarityReversed(), "the second session's switch starts by ramping down again");
        assertEquals(0.0, ramp.goalUa());
    }

    /** Ramps the switch down at the plan's rate from 1 mA; returns the ticks until the polarity swapped. */
    private int swap()
    {
        ramp.rate(1_000);
        ramp.goal(1_000);
        for (int t = 0; t < 1_000; t++)
        {
            ramp.advance();
        }
        int ticks = 0;
        final boolean before = treatment.polarityReversed();
        while (treatment.polarityReversed() == before && ticks < 10_000)
        {
            assertNull(treatment.progress(SessionState.POLARITY_SWITCH, ramp.setpointUa(), 0));
            ramp.advance();
            ticks++;
        }
        return ticks;
    }

    @Test
    @DisplayName("a session that starts reversed swaps back to normal polarity at half time")
    void reversedStartSwapsToNormal()
    {
        arm(timed(10 * TestPlans.MINUTE_NS).toBuilder().startReversed(true).reverseAtHalfTime(true).conclude());
        assertTrue(treatment.polarityReversed());
        treatment.entered(SessionState.POLARITY_SWITCH, SessionEvent.HALF_TIME);
        swap();
        assertFalse(treatment.polarityReversed());
    }

    @Test
    @DisplayName("SR-2 the polarity swaps only at a zero setpoint and a current at most the idle leak")
    void swapThreshold()
    {
        arm(timed(10 * TestPlans.MINUTE_NS).toBuilder().reverseAtHalfTime(true).conclude());
        final double leak = ctx.monitorLimits().idleLeakUa();
        treatment.entered(SessionState.POLARITY_SWITCH, SessionEvent.HALF_TIME);
        assertNull(treatment.progress(SessionState.POLARITY_SWITCH, leak + 0.001, 0));
        assertFalse(treatment.polarityReversed(), "current still flowing");
        ramp.rate(1_000);
        ramp.goal(1.0);
        ramp.advance();
        assertNull(treatment.progress(SessionState.POLARITY_SWITCH, 0, 0));
        assertFalse(treatment.polarityReversed(), "the setpoint not yet at zero");
        ramp.advance();
        assertEquals(0.0, ramp.setpointUa());
        assertNull(treatment.progress(SessionState.POLARITY_SWITCH, leak, 0));
        assertTrue(treatment.polarityReversed(), "exactly the idle leak is zero current");
    }

    @Test
    @DisplayName("SR-11 a dose-ended session ends when the dose delivered plus the ramp down's charge at the plan's duty reaches the prescription exactly")
    void doseEndAtTheExactCharge()
    {
        // 1 mA at 50 % duty ramping down at 1 mA/s (0.5 mA/s average): 0.5² / (2 × 0.5) mA·s = 250 µC
        final SessionPlan plan = TestPlans.standard().targetUa(1_000).doseTargetUc(1_250).dutyPermille(500).conclude();
        arm(plan);
        ramp.rate(1e9);
        ramp.goal(1_000);
        ramp.advance();
        assertEquals(250.0, DoseMeter.rampDownChargeUc(500, 500));
        dose.restore(999.999, 0);
        assertNull(treatment.progress(SessionState.TREATING, 1_000, 3_000), "0.001 µC short");
        dose.restore(500, 500);
        assertEquals(SessionEvent.END_REACHED, treatment.progress(SessionState.TREATING, 1_000, 3_000),
            "1,000 µC delivered (both polarities) + 250 µC to come");
        assertEquals(0, treatment.timeClamps());
    }

    @Test
    @DisplayName("SR-17 a dose-ended session: DOSE_LENGTHENED only after the prescribed duration (not at it), SESSION_TIME_LIMIT and the end exactly at the maker's bound, not when the dose completes there")
    void doseEndedBounds()
    {
        final long duration = 1_000;
        final long bound = 1_500;
        final SessionPlan plan = TestPlans.standard().targetUa(1_000).doseTargetUc(1e6).durationNs(duration * PERIOD_NS)
            .maxSessionNs(bound * PERIOD_NS).conclude();
        arm(plan);
        count(duration);
        assertNull(treatment.progress(SessionState.TREATING, 1_000, 3_000));
        assertEquals(0, treatment.timeClamps(), "exactly the prescribed duration is not lengthened");
        count(1);
        assertNull(treatment.progress(SessionState.TREATING, 1_000, 3_000));
        assertEquals(Clamp.DOSE_LENGTHENED.bit(), treatment.timeClamps());
        count(bound - duration - 2);
        assertNull(treatment.progress(SessionState.TREATING, 1_000, 3_000), "one tick before the bound");
        count(1);
        assertEquals(SessionEvent.END_REACHED, treatment.progress(SessionState.TREATING, 1_000, 3_000));
        assertEquals(Clamp.DOSE_LENGTHENED.bit() | Clamp.SESSION_TIME_LIMIT.bit(), treatment.timeClamps());
        assertEquals(0, treatment.remainingNs(1_000), "nothing left at the bound");

        // the dose completing exactly at the bound is a complete dose, not a bounded session
        arm(plan);
        assertEquals(0, treatment.timeClamps(), "a new session starts without the old clamps");
        count(bound);
        dose.restore(1e6, 0);
        assertEquals(SessionEvent.END_REACHED, treatment.progress(SessionState.TREATING, 1_000, 3_000));
        assertEquals(0, treatment.timeClamps() & Clamp.SESSION_TIME_LIMIT.bit());

        // without a prescribed duration nothing is lengthened
        arm(plan.toBuilder().durationNs(0).conclude());
        count(bound - 1);
        assertNull(treatment.progress(SessionState.TREATING, 1_000, 3_000));
        assertEquals(0, treatment.timeClamps());
    }

    @Test
    @DisplayName("SR-11 the end is also reached while ramping to the target (RAMP_UP) and during the polarity switch")
    void endReachedOutsideTreating()
    {
        arm(timed(TestPlans.SECOND_NS));
        treatment.entered(SessionState.RAMP_UP, SessionEvent.CONTACT_OK);
        count(999);
        assertNull(treatment.progress(SessionState.RAMP_UP, 0, 0));
        treatment.countTick(SessionState.RAMP_UP);
        assertEquals(TestPlans.SECOND_NS, treatment.elapsedNs(), "RAMP_UP to the target counts");
        assertEquals(SessionEvent.END_REACHED, treatment.progress(SessionState.RAMP_UP, 0, 0));
        treatment.entered(SessionState.POLARITY_SWITCH, SessionEvent.HALF_TIME);
        assertEquals(SessionEvent.END_REACHED, treatment.progress(SessionState.POLARITY_SWITCH, 0, 0));
        treatment.entered(SessionState.RAMP_DOWN, SessionEvent.END_REACHED);
        ramp.rate(1_000);
        ramp.goal(2.0);
        ramp.advance();
        assertNull(treatment.progress(SessionState.RAMP_DOWN, 1, 0), "setpoint still 1 µA");
        assertEquals(0.0, ramp.goalUa());
        ramp.advance();
        assertEquals(SessionEvent.RAMP_DOWN_DONE, treatment.progress(SessionState.RAMP_DOWN, 0, 0));
        treatment.countTick(SessionState.RAMP_DOWN);
        treatment.countTick(SessionState.ARMED);
        treatment.countTick(SessionState.COMPLETE);
        assertEquals(TestPlans.SECOND_NS, treatment.elapsedNs(), "the ramp down and the other states do not count");
        assertNull(treatment.progress(SessionState.COMPLETE, 0, 0));
    }

    @Test
    @DisplayName("the remaining time: by the clock for time-ended plans (never negative); for dose-ended ones at the larger of the average and the target × duty, within the maker's bound; 0 once the dose is complete")
    void remainingTime()
    {
        assertEquals(0, treatment.remainingNs(1_000), "no plan");
        arm(timed(TestPlans.SECOND_NS));
        count(400);
        assertEquals(600 * PERIOD_NS, treatment.remainingNs(0));
        count(700);
        assertEquals(0, treatment.remainingNs(0), "past the duration: 0, not negative");

        // 1 mA·min at 50 % duty of 1 mA (0.5 mA average): 120 s; the bound 100 s
        final long bound = 100 * TestPlans.SECOND_NS;
        arm(TestPlans.standard().targetUa(1_000).doseTargetUc(DoseMeter.UC_PER_MA_MIN).dutyPermille(500)
            .maxSessionNs(bound).conclude());
        assertEquals(bound, treatment.remainingNs(0), "120 s by the dose, capped at the bound");
        assertEquals(60 * TestPlans.SECOND_NS, treatment.remainingNs(1_000), "at a 1 mA average: 60 s");
        dose.restore(30_000, 0);
        count(10_000);
        assertEquals(60 * TestPlans.SECOND_NS, treatment.remainingNs(0), "half the dose left at 0.5 mA: 60 s");
        assertEquals(15 * TestPlans.SECOND_NS, treatment.remainingNs(2_000));
        count(80_000);
        assertEquals(10 * TestPlans.SECOND_NS, treatment.remainingNs(0), "the bound is 10 s away");
        dose.restore(70_000, 0);
        assertEquals(0, treatment.remainingNs(0), "past the dose: 0");
        titration.clear();
        assertEquals(0, treatment.remainingNs(0), "the dose complete and no current asked: 0, not the time to the bound");
        dose.restore(0, 0);
        assertEquals(10 * TestPlans.SECOND_NS, treatment.remainingNs(0), "no current at all: the bound");
        count(20_000);
        assertEquals(0, treatment.remainingNs(0), "past the bound: 0, not negative");
    }

    @Test
    @DisplayName("end() forgets the session: no plan, no time, no clamps, continuous duty, no contact check in progress")
    void endForgets()
    {
        arm(TestPlans.standard().targetUa(1_000).doseTargetUc(1e6).durationNs(PERIOD_NS).maxSessionNs(10 * PERIOD_NS)
            .dutyPermille(300).conclude());
        assertEquals(300, treatment.dutyPermille());
        treatment.entered(SessionState.RAMP_UP, SessionEvent.CONTACT_OK);
        count(20);
        treatment.progress(SessionState.TREATING, 0, 0);
        assertTrue(treatment.timeClamps() != 0);
        treatment.end();
        assertNull(treatment.plan());
        assertEquals(0, treatment.elapsedNs());
        assertEquals(0, treatment.timeClamps());
        assertEquals(1_000, treatment.dutyPermille());
        assertTrue(treatment.checkingContactBeforeStart(), "no ramp to a target in progress");
        treatment.countTick(SessionState.RAMP_UP);
        assertEquals(0, treatment.elapsedNs(), "RAMP_UP of the next session counts only once its contact is judged");
        assertEquals(0, treatment.remainingNs(1_000));
    }
}
