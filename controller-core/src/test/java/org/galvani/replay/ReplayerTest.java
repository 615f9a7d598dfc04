package org.galvani.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TickRecord;
import org.galvani.controller.TickTiming;
import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalSample;
import org.galvani.journal.SessionHeader;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.TripCause;
import org.galvani.safety.Verdict;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.testing.FakeLoadDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-15 unit tests of the replay engine with a hand-built driver: a session recorded on a {@link FakeLoadDriver}
 * replays without divergence, and a tampered recording is reported at the right tick and field.
 */
class ReplayerTest
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final int TICKS = 30_000;
    private static final long ERROR_TICK = 20_000;

    /** A command sent before a tick. */
    private record Sent(long beforeTick, SessionEvent event, int arg, Object attachment)
    {
    }

    private static ControllerContext context()
    {
        return new ControllerContext().tickPeriodNs(1_000_000L)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, 1_000_000L)).conclude();
    }

    private static SessionPlan plan()
    {
        return SessionPlan.builder()
            .prescriptionId("replay-unit")
            .authorised(true)
            .startUa(2_000)
            .capUa(5_000)
            .stepUa(1_000)
            .rampRateUaPerS(2_000)
            .durationNs(60 * SECOND_NS)
            .maxSessionNs(60 * SECOND_NS)
            .tripLevelUa(8_000)
            .densityLimitUa(30_000)
            .doseTripUc(1e12)
            .peakLimitUa(8_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
    }

    private static final List<Sent> SCRIPT = List.of(
        new Sent(0, SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear")),
        new Sent(1, SessionEvent.ARM, 0, plan()),
        new Sent(2, SessionEvent.START, 0, null),
        new Sent(2, SessionEvent.ADJUST, 1, null), // drained in the tick of START, after it: accepted in RAMP_UP
        new Sent(6_000, SessionEvent.ADJUST, 2, null),
        new Sent(7_000, SessionEvent.ADJUST, 5, null),
        new Sent(9_000, SessionEvent.ADJUST, -1, null),
        new Sent(ERROR_TICK + 100, SessionEvent.RESET, 0, new ResetAuthorisation("mallory", "let me", false)),
        new Sent(ERROR_TICK + 200, SessionEvent.RESET, 0, new ResetAuthorisation("dr-a", "checked", true)),
        new Sent(ERROR_TICK + 210, SessionEvent.START, 0, null));

    /** The recorded session and its header. */
    private record Recorded(Recording recording, SessionHeader header)
    {
    }

    /** Titration, a clamp, a hand out of the water, a late tick, a sample error trip, refused and accepted resets. */
    private static Recorded record(final long refuseJournalFromTick)
    {
        final ControllerContext ctx = context();
        final FakeLoadDriver driver = new FakeLoadDriver(3_000).openCircuit(12_000, 1_500)
            .sampleErrorAt(ERROR_TICK, HalErrorCode.IO);
        final Recording recording = new Recording();
        recording.refuseFromTick = refuseJournalFromTick;
        final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
        final Controller controller = new Controller(ctx, driver, inbox, recording, new StatusPublisher());
        final TickTiming timing = new TickTiming();
        int next = 0;
        for (long t = 0; t < TICKS; t++)
        {
            while (next < SCRIPT.size() && SCRIPT.get(next).beforeTick() == t)
            {
                final Sent sent = SCRIPT.get(next++);
                inbox.send(sent.event(), sent.arg(), sent.attachment());
            }
            final boolean late = t == 10_000;
            controller.tick(timing.scheduledNs(t * 1_000_000L).actualNs(t * 1_000_000L + 20_000L)
                .lastTickDurationNs(late ? 3_000_000L : 150_000L).latenessNs(late ? 700_000L : 20_000L));
        }
        return new Recorded(recording, SessionHeader.of("unit-device", ctx, driver.info()));
    }

    private static TickRecord tick(final Recording recording, final long index)
    {
        return recording.ticks().get((int)index);
    }

    @Test
    @DisplayName("SR-15 a session recorded on a hand-built driver replays with every decision and event reproduced bit for bit")
    void roundTripReproducesEveryDecision()
    {
        final Recorded recorded = record(Long.MAX_VALUE);
        final List<TickRecord> ticks = recorded.recording().ticks();
        assertTrue(ticks.stream().anyMatch(r -> r.stateAfter == SessionState.TREATING.code()), "treats");
        assertTrue(ticks.stream().anyMatch(r -> r.verdict == Verdict.HOLD_OFF), "holds off");
        assertTrue(ticks.stream().anyMatch(r -> r.verdict == Verdict.TRIP), "trips");
        assertTrue(ticks.stream().anyMatch(r -> r.activeClamps != 0), "clamps");
        assertTrue(recorded.recording().events().stream().anyMatch(e -> e.type == EventType.COMMAND_REJECTED),
            "a refused command");
        assertTrue(recorded.recording().events().stream().anyMatch(e -> e.type == EventType.FAULT_RESET),
            "an authorised reset");
        assertEquals(SessionState.TREATING.code(), ticks.get(TICKS - 1).stateAfter, "treats again after the reset");

        final Replayer replayer = new Replayer(recorded.header());
        assertNull(recorded.recording().pushInto(replayer));
        final ReplayReport report = replayer.report();
        assertTrue(report.reproduced(), report.toString());
        assertEquals(TICKS, report.ticksReplayed());
        assertEquals(recorded.recording().events().size(), report.eventsCompared());
        assertEquals(0, report.ticksNotCompared());
        assertTrue(report.ticksPerSecond() > 0);
        assertEquals(SessionState.TREATING, replayer.controller().state());
    }

    @Test
    @DisplayName("SR-15 the replay driver serves the recorded sample and return codes once per tick, and the recorded HalInfo")
    void replayDriverServesRecordedInputs()
    {
        final ReplayDriver driver = new ReplayDriver(FakeLoadDriver.INFO);
        assertEquals(FakeLoadDriver.INFO, driver.info());
        final HalSample into = new HalSample();
        assertEquals(ReplayDriver.NOT_FED, driver.sample(into), "nothing fed yet");

        final TickRecord recorded = new TickRecord();
        recorded.sample.set(11, 12, 13, 14, 15, 16, 17);
        recorded.sampleResult = HalErrorCode.RANGE;
        recorded.actuateResult = HalErrorCode.INJECTED;
        driver.feed(recorded);
        assertEquals(HalErrorCode.RANGE, driver.sample(into));
        assertEquals(recorded.sample.toString(), into.toString(), "the recorded block, even with an error code");
        assertEquals(HalErrorCode.INJECTED, driver.actuate(new HalCommand()));
        assertEquals(ReplayDriver.NOT_FED, driver.sample(into), "a second sample in one tick is not served");
        assertEquals(2, driver.samplesServed());
        assertEquals(1, driver.actuationsServed());
        assertEquals(HalErrorCode.OK, driver.kick());

        driver.feed(new HalSample().set(1, 2, 3, 4, 5, 6, 7), HalErrorCode.OK, HalErrorCode.OK);
        assertEquals(HalErrorCode.OK, driver.sample(into));
        assertEquals(1, into.currentARaw());
        assertEquals(7, into.sequence());
        assertEquals(1, driver.samplesServed());
        assertThrows(IllegalArgumentException.class, () -> new ReplayDriver(null));
    }

    @Test
    @DisplayName("SR-15 a tampered decision (the DAC code at tick N) is reported at exactly N, field command.dacCode, once")
    void tamperedDecisionReportedAtItsTick()
    {
        final Recorded recorded = record(Long.MAX_VALUE);
        final long n = 8_000;
        final TickRecord victim = tick(recorded.recording(), n);
        final int original = victim.command.dacCode();
        assertTrue(original > 0, "the tampered tick drives current");
        victim.command.set(original + 1, victim.command.polarityReversed(), victim.command.outputEnabled(),
            victim.command.dutyPermille());

        final Replayer replayer = new Replayer(recorded.header());
        final Divergence d = recorded.recording().pushInto(replayer);
        assertNotNull(d);
        System.out.println("tampered DAC code: " + d);
        assertEquals(n, d.tick());
        assertEquals("command.dacCode", d.field());
        assertEquals(Integer.toString(original + 1), d.recordedValue());
        assertEquals(Integer.toString(original), d.replayedValue());
        final ReplayReport report = replayer.report();
        assertEquals(d, report.divergence());
        assertEquals(n + 1, report.ticksReplayed());
        assertEquals(TICKS - n - 1, report.ticksNotCompared());
        assertFalse(report.reproduced());
    }

    @Test
    @DisplayName("SR-15 a tampered input (a sample's current code at tick N) is reported at a tick ≥ N in a named field")
    void tamperedSampleReported()
    {
        final Recorded recorded = record(Long.MAX_VALUE);
        final long n = 8_500;
        final HalSample s = tick(recorded.recording(), n).sample;
        s.set(s.currentARaw() + 40, s.currentBRaw(), s.electrodeVoltageRaw(), s.supplyVoltageRaw(),
            s.dacReadbackRaw(), s.statusBits(), s.sequence());

        final Divergence d = recorded.recording().pushInto(new Replayer(recorded.header()));
        assertNotNull(d);
        System.out.println("tampered sample: " + d);
        assertTrue(d.tick() >= n, d.toString());
        assertFalse(d.field().isBlank());
        assertTrue(Replayer.compareOrder().contains(d.field().replaceAll("\\[\\d+]\\..*", "[i]")), d.field());
    }

    @Test
    @DisplayName("SR-15 a recorded command removed from the journal is reported as a divergence at its tick")
    void droppedCommandReported()
    {
        final Recorded recorded = record(Long.MAX_VALUE);
        final ControllerEvent adjust = recorded.recording().events().stream()
            .filter(e -> e.type == EventType.COMMAND_ACCEPTED && e.sessionEvent == SessionEvent.ADJUST.code())
            .findFirst().orElseThrow();
        recorded.recording().entries.remove(adjust);

        final Divergence d = recorded.recording().pushInto(new Replayer(recorded.header()));
        assertNotNull(d);
        System.out.println("dropped command: " + d);
        assertEquals(adjust.tick, d.tick());
        assertEquals("targetUa", d.field());
    }

    @Test
    @DisplayName("SR-15 a tampered event (the measured value of a HOLD_OFF) is reported in that event's field")
    void tamperedEventReported()
    {
        final Recorded recorded = record(Long.MAX_VALUE);
        final ControllerEvent holdOff = recorded.recording().events().stream()
            .filter(e -> e.type == EventType.HOLD_OFF).findFirst().orElseThrow();
        holdOff.measured = Math.nextUp(holdOff.measured);

        final Divergence d = recorded.recording().pushInto(new Replayer(recorded.header()));
        assertNotNull(d);
        System.out.println("tampered event: " + d);
        assertEquals(holdOff.tick, d.tick());
        assertTrue(d.field().matches("events\\[\\d+]\\.measured"), d.field());
        assertTrue(d.recordedValue().contains("HOLD_OFF"), d.recordedValue());
    }

    @Test
    @DisplayName("SR-15 doubles are compared bit for bit (one ulp of targetUa diverges); diagnostics at float32 precision")
    void comparisonPrecision()
    {
        final Recorded recorded = record(Long.MAX_VALUE);
        final long n = 9_500;
        final TickRecord victim = tick(recorded.recording(), n);
        victim.pTerm = victim.pTerm + Math.ulp(victim.pTerm); // below float32 resolution: journal rounding
        victim.loadOhm = Math.nextDown(victim.loadOhm);
        final Replayer tolerant = new Replayer(recorded.header());
        if (Replayer.DIAGNOSTICS_AS_FLOAT32)
        {
            assertNull(recorded.recording().pushInto(tolerant), "float32 rounding of a diagnostic is not a divergence");
        }
        victim.targetUa = Math.nextUp(victim.targetUa);
        final Divergence d = recorded.recording().pushInto(new Replayer(recorded.header()));
        assertNotNull(d);
        System.out.println("one ulp: " + d);
        assertEquals(n, d.tick());
        assertEquals("targetUa", d.field());
        assertTrue(d.recordedValue().contains("(0x"), "raw bits shown: " + d.recordedValue());
    }

    @Test
    @DisplayName("SR-14 SR-15 a journal that refused writes is a replayed input: the JOURNAL_FAILURE trip replays")
    void journalRefusalReplays()
    {
        final long refuseFrom = 8_200;
        final Recorded recorded = record(refuseFrom);
        final TickRecord next = tick(recorded.recording(), refuseFrom + 1);
        assertEquals(Verdict.TRIP, next.verdict);
        assertEquals(TripCause.JOURNAL_FAILURE.code(), next.tripCause);
        assertNull(recorded.recording().pushInto(new Replayer(recorded.header())));

        // without the refusal, the replayed controller does not trip: reported at the trip tick
        recorded.recording().refuseFromTick = Long.MAX_VALUE;
        final Divergence d = recorded.recording().pushInto(new Replayer(recorded.header()));
        assertNotNull(d);
        assertEquals(refuseFrom + 1, d.tick());
        assertEquals("stateAfter", d.field());
    }

    @Test
    @DisplayName("SR-15 a replayed controller never reads a clock; a recording that starts mid-session is a divergence at tick 0")
    void recordingMustStartAtTheSessionStart()
    {
        final Recorded recorded = record(Long.MAX_VALUE);
        final Replayer replayer = new Replayer(recorded.header());
        assertThrows(IllegalStateException.class, () -> replayer.controller().context().nanoClock().nanoTime());
        final Divergence d = replayer.onRecordedTick(tick(recorded.recording(), 5));
        assertNotNull(d);
        assertEquals(0, d.tick());
        assertEquals("tick", d.field());
        assertNull(replayer.onRecordedTick(tick(recorded.recording(), 6)), "reported once");
        assertEquals(1, replayer.report().ticksNotCompared());
    }
}
