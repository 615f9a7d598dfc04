package org.galvani.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TickRecord;
import org.galvani.controller.TickTiming;
import org.galvani.hal.HalSample;
import org.galvani.hal.HardwareDriver;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.hal.jna.SimChannel;
import org.galvani.hal.jna.SimFault;
import org.galvani.journal.SessionHeader;
import org.galvani.replay.Divergence;
import org.galvani.replay.Replayer;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-15 at the controller's level: a session recorded on the native sim (inputs: raw samples, driver
 * return codes, timing, commands; outputs: every decision) is replayed through a fresh controller fed
 * only the recorded inputs, and every decision must be reproduced bit for bit. The replay runs through the
 * replay engine ({@link Replayer}), pushed the recorded header, events and tick records as a journal reader
 * would; {@code galvani replay} does the same from Chronicle Queue files.
 */
class ReplayDeterminismTest
{
    private static final long MINUTE_NS = 60_000_000_000L;

    /** One tick's inputs and decisions, copied. */
    private record Tick(int sampleResult, int ia, int ib, int ve, int vs, int rb, int status, long seq, long duration,
        long lateness, int actuateResult, int stateAfter, int verdict, int tripCause, int clamps, long target,
        long setpoint, long p, long i, long d, long ff, int dac, boolean reversed, boolean enabled, int duty,
        long doseNormal, long doseReversed, long elapsed)
    {
        static Tick of(final TickRecord r)
        {
            final HalSample s = r.sample;
            return new Tick(r.sampleResult, s.currentARaw(), s.currentBRaw(), s.electrodeVoltageRaw(),
                s.supplyVoltageRaw(), s.dacReadbackRaw(), s.statusBits(), s.sequence(), r.lastTickDurationNs,
                r.latenessNs, r.actuateResult, r.stateAfter, r.verdict, r.tripCause, r.activeClamps, bits(r.targetUa),
                bits(r.setpointUa), bits(r.pTerm), bits(r.iTerm), bits(r.dTerm), bits(r.ffTerm), r.command.dacCode(),
                r.command.polarityReversed(), r.command.outputEnabled(), r.command.dutyPermille(),
                bits(r.doseNormalUc), bits(r.doseReversedUc), r.treatmentElapsedNs);
        }

        private static long bits(final double value)
        {
            return Double.doubleToRawLongBits(value);
        }
    }

    /** A command sent before a tick. */
    private record Sent(long beforeTick, SessionEvent event, int arg, Object attachment)
    {
    }

    /** Keeps a copy of every tick record and event, in journal order (allocates: tests only). */
    private static final class RecordingSink implements JournalSink
    {
        private final List<Object> entries = new ArrayList<>();
        private final List<Tick> ticks = new ArrayList<>();

        @Override
        public boolean onTick(final TickRecord record)
        {
            entries.add(new TickRecord().copyFrom(record));
            ticks.add(Tick.of(record));
            return true;
        }

        @Override
        public boolean onEvent(final ControllerEvent event)
        {
            entries.add(new ControllerEvent().copyFrom(event));
            return true;
        }
    }

    @Test
    @DisplayName("SR-15 replaying a session's recorded inputs reproduces every decision bit for bit (titration, contact loss, a late tick, a trip, a reset, reversed polarity)")
    void replayReproducesEveryDecision()
    {
        final ControllerContext ctx = SimSession.context(1_000_000L).conclude();
        final SessionPlan plan = SessionPlan.builder()
            .prescriptionId("replay")
            .authorised(true)
            .startUa(4_000)
            .capUa(12_000)
            .stepUa(1_000)
            .rampRateUaPerS(2_000)
            .durationNs(2 * MINUTE_NS)
            .maxSessionNs(2 * MINUTE_NS)
            .tripLevelUa(15_000)
            .densityLimitUa(30_000)
            .doseTripUc(1e12)
            .startReversed(true)
            .peakLimitUa(15_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
        final List<Sent> script = List.of(
            new Sent(0, SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear")),
            new Sent(1, SessionEvent.ARM, 0, plan),
            new Sent(2, SessionEvent.START, 0, null),
            new Sent(12_000, SessionEvent.ADJUST, 3, null),
            new Sent(40_000, SessionEvent.ADJUST, -2, null),
            new Sent(90_000, SessionEvent.RESET, 0, new org.galvani.session.ResetAuthorisation("dr-a", "checked", true)),
            new Sent(90_010, SessionEvent.START, 0, null));
        final long ticks = 140_000;

        final RecordingSink recording = new RecordingSink();
        final SessionHeader header;
        try (JnaSimDriver sim = JnaSimDriver.open("seed=31, watchdog_ms=0"))
        {
            header = SessionHeader.of("test-device", ctx, sim.info());
            sim.inject(SimFault.OPEN_CIRCUIT, null, 25_000, 1_500, 0);
            sim.inject(SimFault.CHANNEL_DISAGREE, null, 70_000, 100, 0.7);
            sim.inject(SimFault.ADC_NOISY, SimChannel.CURRENT_A, 100_000, 5_000, 3);
            run(ctx, sim, script, ticks, recording);
        }
        final List<Tick> recorded = recording.ticks;
        assertTrue(recorded.stream().anyMatch(t -> t.verdict() == 2), "the recording includes a trip");
        assertTrue(recorded.stream().anyMatch(t -> t.verdict() == 1), "the recording includes a hold-off");
        assertTrue(recorded.stream().anyMatch(Tick::reversed), "the recording drives reversed polarity");

        // The replay engine is fed only the journal: the header, the events (commands re-sent from them) and
        // the tick records (samples, return codes, timing). It compares every decision itself; the test also
        // compares its own copy of each replayed tick, inputs included.
        final Replayer replayer = new Replayer(header);
        final List<Tick> replayed = new ArrayList<>();
        for (final Object entry : recording.entries)
        {
            if (entry instanceof ControllerEvent e)
            {
                replayer.onRecordedEvent(e);
                continue;
            }
            final Divergence divergence = replayer.onRecordedTick((TickRecord)entry);
            assertNull(divergence, () -> "first divergence: " + divergence);
            replayed.add(Tick.of(replayer.controller().record()));
        }
        assertEquals(recorded.size(), replayed.size());
        assertEquals(recorded.size(), replayer.report().ticksReplayed());
        for (int t = 0; t < recorded.size(); t++)
        {
            assertEquals(recorded.get(t), replayed.get(t), "first divergent tick: " + t);
        }
    }

    private static void run(
        final ControllerContext ctx, final HardwareDriver driver, final List<Sent> script, final long ticks,
        final JournalSink journal)
    {
        final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
        final SessionDriver session = new SessionDriver(
            new Controller(ctx, driver, inbox, journal, new StatusPublisher()), inbox);
        final TickTiming timing = new TickTiming();
        int next = 0;
        for (long t = 0; t < ticks; t++)
        {
            while (next < script.size() && script.get(next).beforeTick() == t)
            {
                final Sent sent = script.get(next++);
                session.post(sent.event(), sent.arg(), sent.attachment());
            }
            // a late tick in the middle: timing is an input too, and is replayed
            final boolean late = t == 60_000;
            session.tick(timing.lastTickDurationNs(late ? 3_000_000L : 0).latenessNs(late ? 700_000L : 0));
        }
    }
}
