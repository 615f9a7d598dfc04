package org.galvani.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.galvani.command.CommandInbox;
import org.galvani.controller.AgentSessionDriver;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerAgent;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.ControllerStatus;
import org.galvani.controller.JournalSink;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TickRecord;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.hal.jna.SimTruth;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.TripCause;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionState;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The controller on its own thread (Agrona {@code AgentRunner}) and the agent's scheduling and defect
 * handling driven by hand with a settable clock.
 */
class ControllerAgentTest
{
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final ScreeningDecision CLEAR = new ScreeningDecision(true, "clear");

    @Test
    @DisplayName("on a real thread at 1 kHz: commands from another thread, status without locks, never more ticks than deadlines, output off on close")
    void runsOnItsOwnThread() throws InterruptedException
    {
        // Timing bounds relaxed: this checks threading, not the jitter of a shared test machine (SR-9 timing
        // trips are tested by hand in SafetyScenarioTest, and the jitter is measured by LoopJitterHarness).
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(1_000_000L)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, 1_000_000L).withTiming(900_000_000L, 900_000_000L, 1))
            .idleStrategy(new SleepingIdleStrategy(50_000));
        final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
        final StatusPublisher publisher = new StatusPublisher();
        try (JnaSimDriver sim = JnaSimDriver.open("seed=3"))
        {
            final Controller controller = new Controller(ctx, sim, inbox, JournalSink.NONE, publisher);
            final ControllerAgent agent = new ControllerAgent(controller);
            final long startNs = System.nanoTime();
            final AgentRunner runner = new AgentRunner(ctx.idleStrategy(), Throwable::printStackTrace, null, agent);
            AgentRunner.startOnThread(runner);
            final AgentSessionDriver operator = new AgentSessionDriver(inbox, publisher);
            operator.postBegin(CLEAR, TestPlans.standard().targetUa(5_000).durationNs(MINUTE_NS).conclude());
            operator.awaitState(SessionState.RAMP_UP, 10_000_000_000L);
            final ControllerStatus status = new ControllerStatus();
            Thread.sleep(500);
            runner.close();
            final long elapsedNs = System.nanoTime() - startNs;
            assertEquals(SessionState.RAMP_UP, publisher.read(status).state(), status.toString());
            assertTrue(status.setpointUa() > 0, "the ramp ran on the control thread");
            assertTrue(agent.ticks() > 100, "ticks: " + agent.ticks());
            assertTrue(agent.ticks() <= elapsedNs / 1_000_000L + 1, "never more ticks than deadlines: " + agent.ticks());
            final SimTruth truth = new SimTruth();
            sim.truth(truth);
            assertFalse(truth.outputOn(), "closing the agent opened the output");
        }
    }

    @Test
    @DisplayName("deadline scheduling: a tick runs only when its deadline has passed; lateness and the previous duration reach the controller")
    void deadlineScheduling()
    {
        final CachedNanoClock clock = new CachedNanoClock();
        final ControllerContext ctx = SimSession.context(1_000_000L).nanoClock(clock);
        try (SimSession s = new SimSession("seed=3, watchdog_ms=0", ctx))
        {
            final ControllerAgent agent = new ControllerAgent(s.controller);
            clock.update(10_000_000L);
            assertEquals(1, agent.doWork(), "the first call starts the schedule");
            assertEquals(0, agent.doWork(), "not due yet");
            clock.update(10_999_999L);
            assertEquals(0, agent.doWork(), "still not due");
            clock.update(11_000_300L);
            assertEquals(1, agent.doWork());
            assertEquals(300L, s.controller.record().latenessNs);
            assertEquals(11_000_000L, s.controller.record().scheduledNs);
            clock.update(25_000_000L); // a 14 ms pause: missed deadlines are skipped and counted, not run in a burst
            assertEquals(1, agent.doWork());
            assertEquals(0, agent.doWork());
            assertEquals(13L, agent.missedDeadlines(), "deadlines 13 ms .. 25 ms were missed");
            clock.update(26_000_000L);
            assertEquals(1, agent.doWork(), "the schedule resumes at the next future deadline");
        }
    }

    @Test
    @DisplayName("SR-13 a defect inside the tick: output forced off at once, then a latched INTERNAL_ERROR trip")
    void defectInTheTick()
    {
        final CachedNanoClock clock = new CachedNanoClock();
        final ControllerContext ctx = SimSession.context(1_000_000L).nanoClock(clock);
        final AtomicInteger explodeAt = new AtomicInteger(-1);
        final StatusPublisher publisher = new StatusPublisher();
        final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
        try (JnaSimDriver sim = JnaSimDriver.open("seed=3, watchdog_ms=0"))
        {
            final Controller controller = new Controller(ctx, sim, inbox, new JournalSink()
            {
                @Override
                public boolean onTick(final TickRecord record)
                {
                    if (record.tick == explodeAt.get())
                    {
                        throw new IllegalStateException("defect");
                    }
                    return true;
                }

                @Override
                public boolean onEvent(final ControllerEvent event)
                {
                    return true;
                }
            }, publisher);
            final ControllerAgent agent = new ControllerAgent(controller);
            new AgentSessionDriver(inbox, publisher)
                .postBegin(CLEAR, TestPlans.standard().targetUa(5_000).durationNs(MINUTE_NS).conclude());
            long now = 0;
            for (int i = 0; i < 3_000; i++)
            {
                clock.update(now += 1_000_000L);
                agent.doWork();
            }
            assertTrue(controller.command().outputEnabled());
            explodeAt.set((int)controller.tick());
            clock.update(now += 1_000_000L);
            assertThrows(IllegalStateException.class, agent::doWork);
            final SimTruth truth = new SimTruth();
            sim.truth(truth);
            assertFalse(truth.outputOn(), "output forced off by the agent");
            clock.update(now += 1_000_000L);
            agent.doWork();
            assertEquals(SessionState.FAULT, controller.state());
            assertEquals(TripCause.INTERNAL_ERROR, controller.lastTrip().cause());
        }
    }

    @Test
    @DisplayName("SR-9 the Java side stalls: the driver's watchdog opens the output by itself; the next tick trips WATCHDOG")
    void watchdogWhenTheJavaSideStalls() throws InterruptedException
    {
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(1_000_000L)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, 1_000_000L));
        try (SimSession s = new SimSession("seed=3, watchdog_ms=50", ctx))
        {
            s.begin(TestPlans.standard().targetUa(5_000).durationNs(MINUTE_NS)
                .conclude(), 20_000); // by hand, well within 50 ms a tick
            final SimTruth truth = new SimTruth();
            s.sim.truth(truth);
            assertTrue(truth.outputOn());
            Thread.sleep(300); // the control thread stalls (a JVM pause, a hung call)
            s.sim.truth(truth);
            assertFalse(truth.outputOn(), "the driver opened the output by itself");
            s.tick();
            assertEquals(SessionState.FAULT, s.controller.state());
            assertEquals(TripCause.WATCHDOG, s.controller.lastTrip().cause());
            assertFalse(s.controller.command().outputEnabled());
        }
    }
}
