package org.galvani.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.galvani.command.CommandInbox;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.testing.FakeLoadDriver;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link AgentSessionDriver}: a session driven from the operator's thread while a {@link ControllerAgent} runs the
 * controller on a real thread (Agrona {@link AgentRunner}), over the pure-Java {@link FakeLoadDriver}.
 */
class AgentSessionDriverTest
{
    private static final ScreeningDecision CLEAR = new ScreeningDecision(true, "clear");
    private static final long SECONDS_10 = 10_000_000_000L;
    private static final SessionPlan PLAN = TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS)
        .conclude();

    private final ControllerContext ctx = new ControllerContext().tickPeriodNs(1_000_000L)
        // a shared test machine: this checks the hand-over between threads, not SR-9's timing
        .monitorLimits(MonitorLimits.defaults(35_000, 60_000, 1_000_000L).withTiming(900_000_000L, 900_000_000L, 1))
        .idleStrategy(new SleepingIdleStrategy(50_000));
    private final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
    private final StatusPublisher publisher = new StatusPublisher();
    private final Controller controller = new Controller(ctx, new FakeLoadDriver(3_000), inbox, JournalSink.NONE,
        publisher);
    private final AgentSessionDriver operator = new AgentSessionDriver(inbox, publisher);
    private AgentRunner runner;

    private void startAgent()
    {
        runner = new AgentRunner(ctx.idleStrategy(), Throwable::printStackTrace, null, new ControllerAgent(controller));
        AgentRunner.startOnThread(runner);
    }

    @AfterEach
    void stopAgent()
    {
        if (runner != null)
        {
            runner.close();
        }
    }

    @Test
    @DisplayName("arm waits for the control thread to arm; START then reaches TREATING on the control thread")
    void armThenStart()
    {
        startAgent();
        assertTrue(operator.arm(CLEAR, PLAN, SECONDS_10), operator.status().toString());
        assertEquals(SessionState.ARMED, operator.status().state());
        final long start = operator.post(SessionEvent.START, 0, null);
        assertTrue(operator.awaitDrained(start, SECONDS_10), "START accepted");
        assertTrue(operator.awaitState(SessionState.TREATING, SECONDS_10), operator.status().toString());
        assertTrue(operator.status().setpointUa() > 0, "the ramp ran on the control thread");
    }

    @Test
    @DisplayName("a blocking screening: arm says not armed as soon as the ARM is drained, long before its timeout")
    void refusedArmReturnsWhenDrained()
    {
        startAgent();
        final long startNs = System.nanoTime();
        assertFalse(operator.arm(new ScreeningDecision(false, "pacemaker"), PLAN, 60 * SECONDS_10));
        assertTrue(System.nanoTime() - startNs < SECONDS_10, "returned when the ARM was rejected, not at the timeout");
        assertEquals(SessionState.IDLE, operator.status().state());
        assertTrue(operator.status().lastRejectedCommandId() > 0, "the ARM was rejected");
    }

    @Test
    @DisplayName("posted before the agent starts, SCREEN, ARM and START are drained by its first tick")
    void postBeginBeforeTheAgentStarts()
    {
        final long start = operator.postBegin(CLEAR, PLAN);
        assertFalse(operator.awaitDrained(start, 20_000_000L), "nothing drains without a running agent");
        startAgent();
        assertTrue(operator.awaitDrained(start, SECONDS_10), "START accepted");
        assertTrue(operator.awaitState(SessionState.TREATING, SECONDS_10), operator.status().toString());
    }

    @Test
    @DisplayName("post returns the id the control thread reports for the command; awaitState returns as soon as the state is reached")
    void commandIdsAndPromptStateWait()
    {
        startAgent();
        assertTrue(operator.arm(CLEAR, PLAN, SECONDS_10), operator.status().toString());
        final long startNs = System.nanoTime();
        assertTrue(operator.awaitState(SessionState.ARMED, 60 * SECONDS_10), "already ARMED");
        assertTrue(System.nanoTime() - startNs < SECONDS_10, "returned when the state was seen, not at the timeout");
        final long start = operator.post(SessionEvent.START, 0, null);
        assertTrue(operator.awaitDrained(start, SECONDS_10), "START accepted");
        assertEquals(start, operator.status().lastAcceptedCommandId(), "post returns the id the controller accepts");
    }

    @Test
    @DisplayName("awaitState for a state that is not reached returns false at its timeout")
    void awaitStateTimesOut()
    {
        startAgent();
        final long startNs = System.nanoTime();
        assertFalse(operator.awaitState(SessionState.TREATING, 20_000_000L), operator.status().toString());
        assertTrue(System.nanoTime() - startNs >= 20_000_000L, "waited the whole timeout");
        assertEquals(SessionState.IDLE, operator.status().state());
    }

    @Test
    @DisplayName("a full inbox is an error naming the command not sent, as with the hand driver")
    void fullInboxIsReported()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () ->
        {
            for (int i = 0; i < 100_000; i++)
            {
                operator.post(SessionEvent.ADJUST, 1, null);
            }
        });
        assertTrue(ex.getMessage().contains("ADJUST"), ex.getMessage());
    }
}
