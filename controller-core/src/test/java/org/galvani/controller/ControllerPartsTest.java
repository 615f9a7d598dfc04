package org.galvani.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.galvani.command.CommandInbox;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.control.PidGains;
import org.galvani.hal.HalCommand;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HardwareDriver;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.TripCause;
import org.galvani.safety.TripRecord;
import org.galvani.session.Clamp;
import org.galvani.session.RejectReason;
import org.galvani.session.SessionState;
import org.galvani.testing.FakeLoadDriver;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The controller package's small parts on their own — the overrun tracker (SR-9's input), the journal tee
 * (SR-14), the event codes, the context's validation and the real-time agent's schedule — each at its exact
 * boundaries. Written from PIT's survivors and uncovered mutants of {@code org.galvani.controller}
 * (docs/qa-campaign.md).
 */
class ControllerPartsTest
{
    private static final long PERIOD_NS = 1_000_000L;

    @Test
    @DisplayName("SR-9 the overrun tracker: last and longest duration, and only a tick strictly longer than the threshold is an overrun")
    void overrunTracker()
    {
        final OverrunTracker tracker = new OverrunTracker(1_000);
        assertEquals(1_000, tracker.thresholdNs());
        tracker.record(5_000, 5_400);
        assertEquals(400, tracker.lastDurationNs());
        assertEquals(400, tracker.longestNs());
        assertEquals(0, tracker.overrunCount());
        tracker.record(10_000, 11_000);
        assertEquals(1_000, tracker.longestNs());
        assertEquals(0, tracker.overrunCount(), "exactly the threshold is not an overrun");
        tracker.record(20_000, 21_001);
        assertEquals(1_001, tracker.longestNs());
        assertEquals(1, tracker.overrunCount());
        tracker.record(30_000, 30_200);
        assertEquals(200, tracker.lastDurationNs());
        assertEquals(1_001, tracker.longestNs(), "a shorter tick keeps the longest");
        tracker.record(40_000, 41_001);
        assertEquals(1_001, tracker.longestNs(), "an equal tick keeps the longest");
        assertEquals(2, tracker.overrunCount());
    }

    /** A sink that answers as told and counts what it was handed. */
    private static final class CountingSink implements JournalSink
    {
        final boolean stores;
        int ticks;
        int events;

        CountingSink(final boolean stores)
        {
            this.stores = stores;
        }

        @Override
        public boolean onTick(final TickRecord record)
        {
            ticks++;
            return stores;
        }

        @Override
        public boolean onEvent(final ControllerEvent event)
        {
            events++;
            return stores;
        }
    }

    @Test
    @DisplayName("SR-14 the journal tee: both sinks are always called, and a record is stored only when both stored it")
    void teeJournalSink()
    {
        final TickRecord record = new TickRecord();
        final ControllerEvent event = new ControllerEvent();
        for (final boolean first : new boolean[] {true, false})
        {
            for (final boolean second : new boolean[] {true, false})
            {
                final CountingSink a = new CountingSink(first);
                final CountingSink b = new CountingSink(second);
                final TeeJournalSink tee = new TeeJournalSink(a, b);
                assertEquals(first && second, tee.onTick(record), first + " " + second);
                assertEquals(first && second, tee.onEvent(event), first + " " + second);
                assertEquals(1, a.ticks);
                assertEquals(1, b.ticks, "the second sink is called even when the first failed");
                assertEquals(1, a.events);
                assertEquals(1, b.events);
            }
        }
        final ControllerEvent copy = new ControllerEvent();
        assertSame(event, event.reset(EventType.TRIP, 9), "reset chains");
        assertSame(copy, copy.copyFrom(event), "copyFrom chains");
        assertEquals(EventType.TRIP, copy.type);
        assertEquals(9, copy.tick);
        final TickRecord recordCopy = new TickRecord();
        assertSame(recordCopy, recordCopy.copyFrom(record));
        assertTrue(JournalSink.NONE.onTick(record));
        assertTrue(JournalSink.NONE.onEvent(event));
    }

    @Test
    @DisplayName("event type codes are distinct, round-trip, and an unknown code is refused")
    void eventTypeCodes()
    {
        final EventType[] types = EventType.values();
        for (int i = 0; i < types.length; i++)
        {
            assertEquals(i, types[i].code());
            assertSame(types[i], EventType.fromCode(types[i].code()));
        }
        assertEquals(10, EventType.SKIN_CHECKED.code(), "journaled codes are stable");
        assertThrows(IllegalArgumentException.class, () -> EventType.fromCode(-1));
        assertThrows(IllegalArgumentException.class, () -> EventType.fromCode(types.length));
    }

    @Test
    @DisplayName("the context: each bound and rule refused with the field named, the defaults filled in, frozen once concluded")
    void contextValidation()
    {
        final MonitorLimits limits = MonitorLimits.defaults(35_000, 60_000, PERIOD_NS);
        assertRefused("controller.monitorLimits", () -> new ControllerContext().tickPeriodNs(PERIOD_NS).conclude());
        assertRefused("controller.tickPeriodNs", () -> new ControllerContext().tickPeriodNs(49_999).monitorLimits(limits).conclude());
        assertRefused("controller.contactSettleNs",
            () -> TestPlans.context().contactSettleNs(10 * PERIOD_NS - 1).conclude());
        new ControllerContext().tickPeriodNs(PERIOD_NS).monitorLimits(limits).contactSettleNs(10 * PERIOD_NS).conclude();
        assertRefused("controller.inboxCapacityBytes", () -> TestPlans.context().inboxCapacityBytes(3_072).conclude());
        assertRefused("monitor.overrunTripNs", () -> new ControllerContext().tickPeriodNs(PERIOD_NS)
            .monitorLimits(limits.withTiming(PERIOD_NS - 1, PERIOD_NS / 2, 3)).conclude());
        new ControllerContext().tickPeriodNs(PERIOD_NS).monitorLimits(limits.withTiming(PERIOD_NS, PERIOD_NS / 2, 3))
            .conclude();

        final PidGains gains = PidGains.defaults(FakeLoadDriver.INFO);
        final NoOpIdleStrategy idle = new NoOpIdleStrategy();
        final NanoClock clock = () -> 42L;
        final ControllerContext ctx = TestPlans.context().pidGains(gains).contactSettleNs(20_000_000L)
            .contactProbeIntervalNs(200_000_000L).complianceClampTicks(7).commandsPerTick(5).inboxCapacityBytes(2_048)
            .idleStrategy(idle).nanoClock(clock);
        assertSame(ctx, ctx.conclude());
        assertSame(ctx, ctx.conclude(), "concluding twice is harmless");
        assertEquals(PERIOD_NS, ctx.tickPeriodNs());
        assertNotNull(ctx.monitorLimits());
        assertSame(gains, ctx.pidGains());
        assertEquals(20_000_000L, ctx.contactSettleNs());
        assertEquals(200_000_000L, ctx.contactProbeIntervalNs());
        assertEquals(7, ctx.complianceClampTicks());
        assertEquals(5, ctx.commandsPerTick());
        assertEquals(2_048, ctx.inboxCapacityBytes());
        assertSame(idle, ctx.idleStrategy());
        assertSame(clock, ctx.nanoClock());
        assertThrows(IllegalStateException.class, () -> ctx.tickPeriodNs(2 * PERIOD_NS));
        assertThrows(IllegalStateException.class, () -> ctx.monitorLimits(limits));
        assertThrows(IllegalStateException.class, () -> ctx.pidGains(gains));
        assertThrows(IllegalStateException.class, () -> ctx.contactSettleNs(20_000_000L));
        assertThrows(IllegalStateException.class, () -> ctx.contactProbeIntervalNs(200_000_000L));
        assertThrows(IllegalStateException.class, () -> ctx.complianceClampTicks(7));
        assertThrows(IllegalStateException.class, () -> ctx.commandsPerTick(5));
        assertThrows(IllegalStateException.class, () -> ctx.inboxCapacityBytes(2_048));
        assertThrows(IllegalStateException.class, () -> ctx.idleStrategy(idle));
        assertThrows(IllegalStateException.class, () -> ctx.nanoClock(clock));

        final ControllerContext defaults = TestPlans.context().conclude();
        assertTrue(defaults.idleStrategy() instanceof BusySpinIdleStrategy, "default idle strategy: busy spin");
        assertSame(SystemNanoClock.INSTANCE, defaults.nanoClock());
        assertEquals(1, defaults.ticks(0), "at least one tick");
        assertEquals(1, defaults.ticks(1));
        assertEquals(1, defaults.ticks(PERIOD_NS));
        assertEquals(2, defaults.ticks(PERIOD_NS + 1), "rounded up");
        assertEquals(3, defaults.ticks(3 * PERIOD_NS));
    }

    private static void assertRefused(final String field, final org.junit.jupiter.api.function.Executable build)
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class, build);
        assertEquals(field, ex.field());
    }

    @Test
    @DisplayName("SR-9 TickTiming: a negative duration or lateness is refused naming the field; handDriven zeroes all four")
    void tickTiming()
    {
        final TickTiming timing = new TickTiming().scheduledNs(1).actualNs(2).lastTickDurationNs(3).latenessNs(4);
        assertSame(timing, timing.conclude());
        assertEquals("TickTiming{scheduledNs=1, actualNs=2, lastTickDurationNs=3, latenessNs=4}", timing.toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TickTiming().lastTickDurationNs(-1).conclude())
            .getMessage().startsWith("lastTickDurationNs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TickTiming().latenessNs(-1).conclude())
            .getMessage().startsWith("latenessNs"));
        new TickTiming().lastTickDurationNs(0).latenessNs(0).conclude();
        timing.handDriven();
        assertEquals(0, timing.scheduledNs() + timing.actualNs() + timing.lastTickDurationNs() + timing.latenessNs());
    }

    /** A clock that returns the readings it is given, in order. */
    private static final class ScriptedClock implements NanoClock
    {
        final ArrayDeque<Long> readings = new ArrayDeque<>();

        ScriptedClock then(final long... ns)
        {
            for (final long n : ns)
            {
                readings.add(n);
            }
            return this;
        }

        @Override
        public long nanoTime()
        {
            return readings.remove();
        }
    }

    /** The fake load, made to throw from sample() once when told. */
    private static final class ThrowingDriver implements HardwareDriver
    {
        final FakeLoadDriver load = new FakeLoadDriver(3_000);
        boolean throwNext;
        boolean lastOutputEnabled = true;

        @Override
        public HalInfo info()
        {
            return load.info();
        }

        @Override
        public int sample(final HalSample into)
        {
            if (throwNext)
            {
                throwNext = false;
                throw new IllegalStateException("defect");
            }
            return load.sample(into);
        }

        @Override
        public int actuate(final HalCommand command)
        {
            lastOutputEnabled = command.outputEnabled();
            return load.actuate(command);
        }

        @Override
        public int kick()
        {
            return load.kick();
        }

        @Override
        public String describeError(final int code)
        {
            return load.describeError(code);
        }

        @Override
        public void close()
        {
            load.close();
        }
    }

    private static int work(final ControllerAgent agent, final ScriptedClock clock, final long... readings)
    {
        clock.then(readings);
        final int ticked = agent.doWork();
        assertTrue(clock.readings.isEmpty(), "every scripted reading used");
        return ticked;
    }

    @Test
    @DisplayName("SR-9 SR-13 the agent's schedule: first tick at once, none before the deadline, lateness and duration measured, a late tick skips whole periods, a defect forces the output off and rethrows")
    void agentSchedule()
    {
        final ScriptedClock clock = new ScriptedClock();
        // timing limits far above the durations scripted here: the schedule is under test, not SR-9's trip
        final ControllerContext ctx = TestPlans.context()
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, PERIOD_NS).withTiming(100_000_000L, 50_000_000L, 3))
            .nanoClock(clock);
        final ThrowingDriver driver = new ThrowingDriver();
        final Controller controller = new Controller(ctx, driver, new CommandInbox(ctx.conclude().inboxCapacityBytes()),
            JournalSink.NONE, new StatusPublisher());
        final ControllerAgent agent = new ControllerAgent(controller);
        assertEquals("galvani-control", agent.roleName());

        assertEquals(1, work(agent, clock, 10_000_000L, 10_200_000L), "the first call ticks at once");
        assertEquals(1, agent.ticks());
        assertEquals(1, controller.tick());
        assertEquals(0, agent.lastLatenessNs());
        assertEquals(200_000, agent.lastDurationNs());
        assertEquals(200_000, controller.overrun().lastDurationNs());

        assertEquals(0, work(agent, clock, 10_999_999L), "before the deadline: no tick");
        assertEquals(1, agent.ticks());

        assertEquals(1, work(agent, clock, 11_300_000L, 11_400_000L));
        assertEquals(300_000, agent.lastLatenessNs());
        assertEquals(100_000, agent.lastDurationNs());
        assertEquals(0, agent.missedDeadlines());

        // exactly at the deadline it ticks; it ends 3.5 ms later: 2.5 periods behind the next deadline, 3 skipped
        assertEquals(1, work(agent, clock, 12_000_000L, 15_500_000L));
        assertEquals(0, agent.lastLatenessNs());
        assertEquals(3_500_000, agent.lastDurationNs());
        assertEquals(3, agent.missedDeadlines());
        assertEquals(0, work(agent, clock, 15_999_999L), "the next deadline is 16 ms");
        // ends exactly one period behind the next deadline (17 ms): nothing skipped
        assertEquals(1, work(agent, clock, 16_000_000L, 18_000_000L));
        assertEquals(3, agent.missedDeadlines());
        assertEquals(1, work(agent, clock, 18_000_000L, 18_100_000L));
        assertEquals(1_000_000, agent.lastLatenessNs(), "due at 17 ms, started at 18 ms");
        assertEquals(3_500_000, controller.overrun().longestNs());
        assertEquals(5, agent.ticks());

        driver.throwNext = true;
        final long tickBefore = controller.tick();
        assertThrows(IllegalStateException.class, () -> work(agent, clock, 19_000_000L, 19_050_000L));
        assertFalse(driver.lastOutputEnabled, "forced safe");
        assertEquals(6, agent.ticks(), "the failed tick counts");
        assertEquals(tickBefore + 1, controller.tick(), "the failed tick consumed its index");
        assertEquals(1, work(agent, clock, 20_000_000L, 20_100_000L));
        assertEquals(SessionState.FAULT, controller.state());
        assertEquals(TripCause.INTERNAL_ERROR, controller.lastTrip().cause());

        driver.lastOutputEnabled = true;
        agent.onClose();
        assertFalse(driver.lastOutputEnabled, "closing the agent opens the output");
    }

    /** A status source whose every figure is distinct, so a field published or read into the wrong slot shows. */
    private static final class DistinctSource implements StatusSource
    {
        final TripRecord trip = new TripRecord();

        DistinctSource()
        {
            trip.set(TripCause.OVERCURRENT, 17, 18.5, 19.5);
        }

        @Override
        public long tick()
        {
            return 1;
        }

        @Override
        public int stateCode()
        {
            return SessionState.TREATING.code();
        }

        @Override
        public int activeClamps()
        {
            return Clamp.TITRATION_CAP.bit();
        }

        @Override
        public double measuredUa()
        {
            return 3.5;
        }

        @Override
        public double averageUa()
        {
            return 4.5;
        }

        @Override
        public double setpointUa()
        {
            return 5.5;
        }

        @Override
        public double targetUa()
        {
            return 6.5;
        }

        @Override
        public double capUa()
        {
            return 7.5;
        }

        @Override
        public double doseNormalUc()
        {
            return 60_000.0;
        }

        @Override
        public double doseReversedUc()
        {
            return 120_000.0;
        }

        @Override
        public double doseTargetUc()
        {
            return 10.5;
        }

        @Override
        public long treatmentElapsedNs()
        {
            return 11_000_000L;
        }

        @Override
        public long treatmentRemainingNs()
        {
            return 12;
        }

        @Override
        public TripRecord lastTrip()
        {
            return trip;
        }

        @Override
        public int lastRejectReasonCode()
        {
            return RejectReason.ILLEGAL_IN_STATE.code();
        }

        @Override
        public long lastRejectedCommandId()
        {
            return 14;
        }

        @Override
        public long lastAcceptedCommandId()
        {
            return 15;
        }

        @Override
        public boolean polarityReversed()
        {
            return true;
        }

        @Override
        public int dutyPermille()
        {
            return 16;
        }

        @Override
        public long longestTickNs()
        {
            return 20;
        }

        @Override
        public long overrunCount()
        {
            return 21;
        }
    }

    @Test
    @DisplayName("the status board: every published figure reads back in its own field, and the one-line summary shows them")
    void statusRoundTrip()
    {
        final StatusPublisher publisher = new StatusPublisher();
        final ControllerStatus status = publisher.read(new ControllerStatus());
        assertEquals(0, status.tick(), "nothing published: zeros");
        publisher.publish(new DistinctSource());
        publisher.read(status);
        assertEquals(1, status.tick());
        assertEquals(SessionState.TREATING, status.state());
        assertEquals(Clamp.TITRATION_CAP.bit(), status.activeClamps());
        assertEquals(Clamp.describe(Clamp.TITRATION_CAP.bit()), status.activeClampReasons());
        assertEquals(3.5, status.currentUa());
        assertEquals(4.5, status.averageUa());
        assertEquals(5.5, status.setpointUa());
        assertEquals(6.5, status.targetUa());
        assertEquals(7.5, status.capUa());
        assertEquals(60_000.0, status.doseNormalUc());
        assertEquals(120_000.0, status.doseReversedUc());
        assertEquals(3.0, status.doseMaMin(), 1e-12, "(60,000 + 120,000) µC = 3 mA·min");
        assertEquals(10.5, status.doseTargetUc());
        assertEquals(11_000_000L, status.treatmentElapsedNs());
        assertEquals(12, status.treatmentRemainingNs());
        assertEquals(TripCause.OVERCURRENT, status.lastTripCause());
        assertEquals(17, status.lastTripTick());
        assertEquals(18.5, status.lastTripMeasured());
        assertEquals(19.5, status.lastTripLimit());
        assertEquals(RejectReason.ILLEGAL_IN_STATE, status.lastRejectReason());
        assertEquals(14, status.lastRejectedCommandId());
        assertEquals(15, status.lastAcceptedCommandId());
        assertTrue(status.polarityReversed());
        assertEquals(16, status.dutyPermille());
        assertEquals(20, status.longestTickNs());
        assertEquals(21, status.overrunCount());
        final String line = status.toString();
        for (final String part : new String[] {"tick=1 ", "state=TREATING", "I=4uA", "setpoint=6uA", "target=7uA",
            "elapsed=11ms", "lastTrip=OVERCURRENT", "lastReject=ILLEGAL_IN_STATE"})
        {
            assertTrue(line.contains(part), part + " in " + line);
        }
        assertTrue(line.contains("dose=" + String.format("%.3f", 3.0) + "mA.min"), line);
    }

    @Test
    @DisplayName("the session driver: ticks(n) runs exactly n ticks, until() returns the ticks used or the budget, begin() reports whether TREATING was reached")
    void sessionDriver()
    {
        final ControllerContext ctx = TestPlans.context();
        final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
        final SessionDriver session = new SessionDriver(
            new Controller(ctx, new FakeLoadDriver(3_000), inbox, JournalSink.NONE, new StatusPublisher()), inbox);
        session.ticks(3);
        assertEquals(3, session.controller().tick());
        assertEquals(0, session.until(SessionState.IDLE, 10), "already there: no tick");
        assertEquals(3, session.controller().tick());
        assertEquals(5, session.until(SessionState.TREATING, 5), "never reached: the whole budget");
        assertEquals(8, session.controller().tick());
        assertFalse(session.begin(new org.galvani.session.ScreeningDecision(true, "clear"),
            TestPlans.standard().targetUa(2_000).durationNs(5 * TestPlans.SECOND_NS).conclude(), 1), "one tick after START is not enough to reach TREATING");
        assertTrue(session.until(SessionState.TREATING, 20_000) < 20_000);
        assertEquals(SessionState.TREATING, session.controller().state());
    }
}
