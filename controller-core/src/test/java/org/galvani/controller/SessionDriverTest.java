package org.galvani.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.galvani.command.CommandInbox;
import org.galvani.safety.TripCause;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.galvani.testing.FakeLoadDriver;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionDriver} — the one hand driver of a session shared by {@code galvani simulate}, the benchmarks
 * and the tests — and the named tick inputs {@link TickTiming}, over the pure-Java {@link FakeLoadDriver}.
 */
class SessionDriverTest
{
    private static final ScreeningDecision CLEAR = new ScreeningDecision(true, "clear");

    private static SessionDriver driver()
    {
        final ControllerContext ctx = TestPlans.context();
        final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
        return new SessionDriver(
            new Controller(ctx, new FakeLoadDriver(3_000), inbox, JournalSink.NONE, new StatusPublisher()), inbox);
    }

    @Test
    @DisplayName("arm: SCREEN and ARM one tick each reach ARMED; a blocking screening is refused and arm says so")
    void armReportsWhetherArmed()
    {
        final SessionDriver armed = driver();
        assertTrue(armed.arm(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(TestPlans.SECOND_NS).conclude()));
        assertEquals(SessionState.ARMED, armed.controller().state());
        assertEquals(2, armed.controller().tick(), "one tick per command");

        final SessionDriver refused = driver();
        assertFalse(refused.arm(new ScreeningDecision(false, "pacemaker"), TestPlans.standard().targetUa(2_000)
            .durationNs(TestPlans.SECOND_NS).conclude()));
        assertEquals(SessionState.IDLE, refused.controller().state());
    }

    @Test
    @DisplayName("post queues without a tick; postBegin's three commands are drained together by the next tick")
    void postQueuesForTheNextTick()
    {
        final SessionDriver session = driver();
        session.postBegin(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS).conclude());
        assertEquals(0, session.controller().tick(), "no tick run by posting");
        assertEquals(SessionState.IDLE, session.controller().state());
        session.tick();
        assertEquals(SessionState.RAMP_UP, session.controller().state(), "SCREEN, ARM and START drained in one tick");
        session.until(SessionState.TREATING, 10_000);
        assertEquals(SessionState.TREATING, session.controller().state());
    }

    @Test
    @DisplayName("a full inbox is an error the hand driver reports, naming the command not sent")
    void fullInboxIsReported()
    {
        final SessionDriver session = driver();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                session.post(SessionEvent.ADJUST, 1, null);
            }
        });
        assertTrue(ex.getMessage().contains("ADJUST"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-9 named tick inputs reach the monitor and the record: a long previous tick trips TICK_OVERRUN")
    void tickTimingReachesTheMonitorAndTheRecord()
    {
        final SessionDriver session = driver();
        assertTrue(session.begin(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS)
            .conclude(), 10_000));
        session.tick(new TickTiming().scheduledNs(7_000_000L).actualNs(7_000_300L).latenessNs(300L).conclude());
        final TickRecord on = session.controller().record();
        assertEquals(7_000_000L, on.scheduledNs);
        assertEquals(7_000_300L, on.actualNs);
        assertEquals(300L, on.latenessNs);
        assertEquals(SessionState.TREATING, session.controller().state(), "300 ns late is on time");

        session.tick(new TickTiming().lastTickDurationNs(50_000_000L).conclude());
        assertEquals(50_000_000L, session.controller().record().lastTickDurationNs);
        assertEquals(TripCause.TICK_OVERRUN, session.controller().lastTrip().cause());
        assertFalse(session.controller().command().outputEnabled());
    }

    @Test
    @DisplayName("TickTiming.conclude refuses a negative duration or lateness, naming the field; handDriven is all zeros")
    void tickTimingConcludeChecksDurations()
    {
        final IllegalArgumentException duration = assertThrows(IllegalArgumentException.class,
            () -> new TickTiming().lastTickDurationNs(-1).conclude());
        assertTrue(duration.getMessage().startsWith("lastTickDurationNs"), duration.getMessage());
        final IllegalArgumentException lateness = assertThrows(IllegalArgumentException.class,
            () -> new TickTiming().latenessNs(-5).conclude());
        assertTrue(lateness.getMessage().startsWith("latenessNs"), lateness.getMessage());

        final TickTiming timing = new TickTiming().scheduledNs(1).actualNs(2).lastTickDurationNs(3).latenessNs(4)
            .handDriven();
        assertEquals(0, timing.scheduledNs() + timing.actualNs() + timing.lastTickDurationNs() + timing.latenessNs());
    }
}
