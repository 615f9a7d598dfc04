package org.galvani.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.hal.jna.SimChannel;
import org.galvani.hal.jna.SimFault;
import org.galvani.safety.TripCause;
import org.galvani.safety.Verdict;
import org.galvani.testing.TestPlans;
import org.galvani.session.RejectReason;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SR-15 on every scenario of the protocol and safety tests: each session is recorded on the native sim with a
 * journal sink that keeps every tick record and event, then pushed into a {@link Replayer}, which must reproduce
 * every decision bit for bit. The teeth: a tampered recording is reported at the right tick and field.
 */
class ScenarioReplayTest
{
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final String SEED_1 = "seed=1, watchdog_ms=0";

    /** One recorded scenario: how the sim is configured and how the session is driven. */
    private record Scenario(String name, String simConfig, Consumer<SimRecording> drive,
        Consumer<SimRecording> check)
    {
    }

    private static Named<Scenario> scenario(final String name, final String simConfig,
        final Consumer<SimRecording> drive, final Consumer<SimRecording> check)
    {
        return Named.of("SR-15 replay: " + name, new Scenario(name, simConfig, drive, check));
    }

    private static void arm(final SimRecording s, final SessionPlan plan)
    {
        s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "no contraindication"));
        s.send(SessionEvent.ARM, 0, plan);
        assertEquals(SessionState.ARMED, s.controller.state());
    }

    /** A session treating at 10 mA; returns the sim step of the latest sample. */
    private static long treating(final SimRecording s)
    {
        arm(s, TestPlans.standard().targetUa(10_000).durationNs(5 * MINUTE_NS).conclude());
        s.send(SessionEvent.START, 0, null);
        s.until(SessionState.TREATING, 20_000);
        s.ticks(500);
        assertEquals(SessionState.TREATING, s.controller.state());
        return s.controller.sample().sequence();
    }

    /** Drives a treating session into a fault, then a few hundred ticks of FAULT. */
    private static Consumer<SimRecording> tripAfter(final Consumer<SimRecording> inject)
    {
        return s ->
        {
            treating(s);
            inject.accept(s);
            s.until(SessionState.FAULT, 3_000);
            s.ticks(300);
        };
    }

    private static Consumer<SimRecording> trips(final TripCause cause)
    {
        return s ->
        {
            assertEquals(SessionState.FAULT, s.controller.state());
            assertEquals(cause, s.controller.lastTrip().cause());
        };
    }

    private static Consumer<SimRecording> ends(final SessionState state)
    {
        return s -> assertEquals(state, s.controller.state());
    }

    static Stream<Named<Scenario>> scenarios()
    {
        return Stream.of(sessionScenarios(), tripScenarios(), commandScenarios()).flatMap(group -> group);
    }

    /** Sessions that run as prescribed: to their end, through a hold-off, a reversal, pulses, titration, a pause. */
    private static Stream<Named<Scenario>> sessionScenarios()
    {
        return Stream.of(
            scenario("dexamethasone 40 mA·min to COMPLETE", "seed=11, watchdog_ms=0", s ->
            {
                arm(s, TestPlans.standard().targetUa(4_000).doseTargetUc(40 * 60_000.0).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.COMPLETE, 12 * 60_000);
            }, ends(SessionState.COMPLETE)),
            scenario("hand out of the water", "seed=5, watchdog_ms=0", s ->
            {
                arm(s, TestPlans.standard().targetUa(10_000).durationNs(2 * MINUTE_NS).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.TREATING, 20_000);
                s.ticks(2_000);
                s.sim.inject(SimFault.OPEN_CIRCUIT, null, s.controller.sample().sequence() + 10, 3_000, 0);
                s.until(SessionState.HOLD_OFF, 100);
                s.ticks(1_500);
                s.until(SessionState.TREATING, 20_000);
                s.ticks(1_000);
            }, s ->
            {
                assertEquals(SessionState.TREATING, s.controller.state());
                assertTrue(s.ticks().stream().anyMatch(r -> r.verdict == Verdict.HOLD_OFF), "held off");
            }),
            scenario("polarity reversal at half time (10 min)", "seed=9, watchdog_ms=0", s ->
            {
                arm(s, TestPlans.standard().targetUa(8_000).durationNs(10 * MINUTE_NS).reverseAtHalfTime(true)
                    .conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.COMPLETE, 11 * 60_000);
            }, s ->
            {
                assertEquals(SessionState.COMPLETE, s.controller.state());
                assertTrue(s.ticks().stream().anyMatch(r -> r.command.polarityReversed()), "reversed");
            }),
            scenario("pulsed mode", "seed=4, watchdog_ms=0", s ->
            {
                arm(s, TestPlans.standard().targetUa(6_000).durationNs(MINUTE_NS).dutyPermille(500).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.TREATING, 20_000);
                s.ticks(1_000);
            }, s -> assertEquals(500, s.controller.command().dutyPermille())),
            scenario("titration with clamp", "seed=2, watchdog_ms=0", s ->
            {
                // the standard plan with a 5 mA cap, 1 mA steps, a 2 mA/s ramp and an 8 mA trip level
                arm(s, TestPlans.standard().targetUa(2_000).durationNs(5 * MINUTE_NS).maxSessionNs(5 * MINUTE_NS)
                    .builder().prescriptionId("titration").capUa(5_000).stepUa(1_000).rampRateUaPerS(2_000)
                    .tripLevelUa(8_000).peakLimitUa(8_000).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.TREATING, 20_000);
                s.send(SessionEvent.ADJUST, 2, null);
                s.send(SessionEvent.ADJUST, 5, null);
                s.ticks(3_000);
                s.send(SessionEvent.ADJUST, -1, null);
                s.ticks(500);
            }, s -> assertTrue(s.events().stream().anyMatch(e -> e.type == EventType.CLAMPS_CHANGED), "clamped")),
            scenario("compliance-limited current released by a load drop", "seed=8, watchdog_ms=0, " +
                "r_series_ohm=9500, r_skin_initial_ohm=2500, r_skin_final_ohm=2500", s ->
            {
                arm(s, TestPlans.standard().targetUa(8_000).durationNs(3 * MINUTE_NS).conclude());
                s.send(SessionEvent.START, 0, null);
                s.ticks(12_000);
                s.sim.inject(SimFault.LOAD_STEP, null, s.controller.sample().sequence() + 2, -1, -9_000);
                s.ticks(10_000);
            }, ends(SessionState.TREATING)),
            scenario("operator pause and resume", "seed=6, watchdog_ms=0", s ->
            {
                arm(s, TestPlans.standard().targetUa(6_000).durationNs(2 * MINUTE_NS).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.TREATING, 20_000);
                s.send(SessionEvent.PAUSE, 0, null);
                s.ticks(5_000);
                s.send(SessionEvent.RESUME, 0, null);
                s.until(SessionState.TREATING, 20_000);
            }, ends(SessionState.TREATING)),
            scenario("dose lengthening", "seed=12, watchdog_ms=0", s ->
            {
                arm(s, TestPlans.doseWithBounds().durationNs(30_000_000_000L).maxSessionNs(90_000_000_000L).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.COMPLETE, 120_000);
            }, ends(SessionState.COMPLETE)),
            scenario("session time bound", "seed=12, watchdog_ms=0", s ->
            {
                arm(s, TestPlans.doseWithBounds().durationNs(30_000_000_000L).maxSessionNs(40_000_000_000L).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.COMPLETE, 120_000);
            }, ends(SessionState.COMPLETE)));
    }

    /** A treating session driven into each trip cause. */
    private static Stream<Named<Scenario>> tripScenarios()
    {
        return Stream.of(
            scenario("overcurrent trip", SEED_1, tripAfter(s ->
            {
                final long step = s.controller.sample().sequence();
                s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_A, step + 5, -1, 10_500);
                s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_B, step + 5, -1, 10_500);
            }), trips(TripCause.OVERCURRENT)),
            scenario("current density trip", SEED_1, s ->
            {
                s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
                s.send(SessionEvent.ARM, 0, TestPlans.densityLimited());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.TREATING, 20_000);
                final long step = s.controller.sample().sequence();
                s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_A, step + 3, -1, 1_500);
                s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_B, step + 3, -1, 1_500);
                s.until(SessionState.FAULT, 100);
                s.ticks(300);
            }, trips(TripCause.CURRENT_DENSITY)),
            scenario("compliance voltage trip", SEED_1, tripAfter(s -> s.sim.inject(SimFault.ADC_OFFSET,
                SimChannel.ELECTRODE_V, s.controller.sample().sequence() + 3, -1, 8_200)),
                trips(TripCause.COMPLIANCE_VOLTAGE)),
            scenario("short circuit trip", SEED_1, tripAfter(s -> s.sim.inject(SimFault.SHORT, null,
                s.controller.sample().sequence() + 3, -1, 5)), trips(TripCause.SHORT_CIRCUIT)),
            scenario("channel disagreement trip", SEED_1, tripAfter(s -> s.sim.inject(SimFault.CHANNEL_DISAGREE, null,
                s.controller.sample().sequence() + 3, -1, 0.8)), trips(TripCause.CHANNEL_DISAGREEMENT)),
            scenario("ADC rail trip", SEED_1, tripAfter(s -> s.sim.inject(SimFault.ADC_OUT_OF_RANGE,
                SimChannel.CURRENT_B, s.controller.sample().sequence() + 3, -1, 1)), trips(TripCause.ADC_OUT_OF_RANGE)),
            scenario("DAC stuck trip", SEED_1, tripAfter(s ->
            {
                s.sim.inject(SimFault.DAC_STUCK, null, s.controller.sample().sequence() + 3, -1, 0);
                s.send(SessionEvent.STOP, 0, null);
            }), trips(TripCause.DAC_READBACK)),
            scenario("driver error trip", SEED_1, tripAfter(s -> s.sim.inject(SimFault.DRIVER_ERROR, null,
                s.controller.sample().sequence() + 3, 50, -6)), trips(TripCause.DRIVER_ERROR)),
            scenario("tick overrun trip", SEED_1, tripAfter(s -> s.tickAfterLong(50_000_000L)),
                trips(TripCause.TICK_OVERRUN)),
            scenario("pause between ticks trip", SEED_1, tripAfter(s -> s.tickLate(40_000_000L)),
                trips(TripCause.TICK_OVERRUN)),
            scenario("consecutive late ticks trip", SEED_1, tripAfter(s ->
            {
                for (int i = 0; i < 100 && s.controller.state() != SessionState.FAULT; i++)
                {
                    s.tickLate(800_000L);
                }
            }), trips(TripCause.LATE_TICKS)),
            scenario("journal failure trip", SEED_1, tripAfter(s ->
            {
                s.refuseFromTick = s.controller.tick();
                s.tick();
            }), trips(TripCause.JOURNAL_FAILURE)));
    }

    /** Latched stops and their resets, command order, refused contact checks, screenings and prescriptions. */
    private static Stream<Named<Scenario>> commandScenarios()
    {
        return Stream.of(
            scenario("e-stop with refused and authorised resets", SEED_1, s ->
            {
                treating(s);
                s.send(SessionEvent.E_STOP, 0, null);
                s.send(SessionEvent.START, 0, null);
                s.send(SessionEvent.RESUME, 0, null);
                s.send(SessionEvent.RESET, 0, new ResetAuthorisation("mallory", "let me", false));
                s.send(SessionEvent.RESET, 0, new ResetAuthorisation("dr-a", " ", true));
                s.send(SessionEvent.RESET, 0, new ResetAuthorisation("dr-a", "patient asked to stop; checked", true));
                s.ticks(100);
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.TREATING, 20_000);
            }, s ->
            {
                assertEquals(SessionState.TREATING, s.controller.state());
                assertTrue(s.events().stream().anyMatch(e -> e.type == EventType.COMMAND_REJECTED &&
                    e.code == RejectReason.RESET_NOT_AUTHORISED.code()), "a refused reset");
            }),
            scenario("e-stop sent after other commands in one tick: drained first (SR-12), replayed in that order",
                SEED_1, s ->
                {
                    treating(s);
                    s.inbox.send(SessionEvent.ADJUST, 2, null);
                    s.inbox.send(SessionEvent.PAUSE, 0, null);
                    s.inbox.send(SessionEvent.E_STOP, 0, null);
                    s.tick();
                    s.ticks(100);
                }, s ->
                {
                    assertEquals(SessionState.E_STOP, s.controller.state());
                    assertTrue(s.events().stream().anyMatch(e -> e.type == EventType.COMMAND_REJECTED &&
                        e.sessionEvent == SessionEvent.ADJUST.code() && e.code == RejectReason.LATCHED.code()),
                        "the ADJUST sent before the e-stop is drained after it, and refused");
                }),
            scenario("contact check refused: no water", SEED_1, s ->
            {
                s.sim.inject(SimFault.OPEN_CIRCUIT, null, 0, -1, 0);
                arm(s, TestPlans.standard().targetUa(10_000).durationNs(5 * MINUTE_NS).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.ARMED, 2_000);
                s.ticks(200);
            }, ends(SessionState.ARMED)),
            scenario("contact check refused: dry skin", "seed=1, watchdog_ms=0, r_skin_initial_ohm=80000, " +
                "r_skin_final_ohm=80000", s ->
            {
                arm(s, TestPlans.standard().targetUa(10_000).durationNs(5 * MINUTE_NS).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.ARMED, 2_000);
                s.ticks(200);
            }, s ->
            {
                assertEquals(SessionState.ARMED, s.controller.state());
                assertTrue(s.events().stream().anyMatch(e -> e.type == EventType.CONTACT_CHECK), "checked");
            }),
            scenario("contact check short", SEED_1, s ->
            {
                s.sim.inject(SimFault.SHORT, null, 0, -1, 50);
                arm(s, TestPlans.standard().targetUa(10_000).durationNs(5 * MINUTE_NS).conclude());
                s.send(SessionEvent.START, 0, null);
                s.until(SessionState.FAULT, 2_000);
                s.ticks(200);
            }, trips(TripCause.CONTACT_CHECK_SHORT)),
            scenario("a blocked screening and a barrage of commands", SEED_1, s ->
            {
                s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(false, "IMPLANTED_ELECTRONIC_DEVICE: block"));
                final SessionEvent[] barrage = {SessionEvent.ARM, SessionEvent.START, SessionEvent.RESUME,
                    SessionEvent.ADJUST, SessionEvent.PAUSE, SessionEvent.STOP, SessionEvent.RESET};
                for (int round = 0; round < 20; round++)
                {
                    for (final SessionEvent e : barrage)
                    {
                        s.send(e, 3, TestPlans.standard().targetUa(10_000).durationNs(MINUTE_NS).conclude());
                    }
                }
                s.ticks(1_000);
            }, ends(SessionState.IDLE)),
            scenario("an unauthorised prescription refused at ARM", SEED_1, s ->
            {
                s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
                s.send(SessionEvent.ARM, 0, SessionPlan.builder()
                    .prescriptionId("forged")
                    .startUa(4_000)
                    .capUa(4_000)
                    .stepUa(500)
                    .rampRateUaPerS(1_000)
                    .durationNs(MINUTE_NS)
                    .maxSessionNs(MINUTE_NS)
                    .tripLevelUa(6_000)
                    .densityLimitUa(8_000)
                    .doseTripUc(1e12)
                    .peakLimitUa(6_000)
                    .contactTestUa(50)
                    .contactMaxOhm(50_000)
                    .contactMinOhm(300)
                    .conclude());
                s.ticks(100);
            }, ends(SessionState.SCREENED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recordedScenarioReplaysBitForBit(final Scenario scenario)
    {
        try (SimRecording s = new SimRecording(scenario.simConfig()))
        {
            scenario.drive().accept(s);
            scenario.check().accept(s);
            final ReplayReport report = s.replay().report();
            System.out.println(scenario.name() + ": " + report);
            assertTrue(report.reproduced(), report.toString());
            assertEquals(s.ticks().size(), report.ticksReplayed());
            assertEquals(s.events().size(), report.eventsCompared());
        }
    }

    // ---- teeth ---------------------------------------------------------------------------------------------

    /** Hand out of the water, re-ramp, a titration step: a short session with commands, a hold-off and a trip. */
    private static SimRecording recorded()
    {
        final SimRecording s = new SimRecording("seed=5, watchdog_ms=0");
        arm(s, TestPlans.standard().targetUa(10_000).durationNs(2 * MINUTE_NS).conclude());
        s.send(SessionEvent.START, 0, null);
        s.until(SessionState.TREATING, 20_000);
        s.send(SessionEvent.ADJUST, -2, null);
        s.ticks(2_000);
        s.sim.inject(SimFault.OPEN_CIRCUIT, null, s.controller.sample().sequence() + 10, 3_000, 0);
        s.ticks(6_000);
        s.sim.inject(SimFault.CHANNEL_DISAGREE, null, s.controller.sample().sequence() + 3, -1, 0.8);
        s.ticks(500);
        assertNull(s.replay().divergence(), "the untampered recording replays");
        return s;
    }

    private static TickRecord treatingTick(final SimRecording s, final int after)
    {
        return s.ticks().stream().filter(r -> r.stateAfter == SessionState.TREATING.code() && r.tick > after)
            .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("SR-15 replay teeth: a recorded sample code changed at tick N → divergence at a tick ≥ N in a named field")
    void tamperedSampleIsReported()
    {
        try (SimRecording s = recorded())
        {
            final TickRecord victim = treatingTick(s, 0);
            final int before = victim.sample.currentBRaw();
            victim.sample.set(victim.sample.currentARaw(), before + 25, victim.sample.electrodeVoltageRaw(),
                victim.sample.supplyVoltageRaw(), victim.sample.dacReadbackRaw(), victim.sample.statusBits(),
                victim.sample.sequence());
            final Divergence d = s.replay().divergence();
            System.out.println("tampered sample at tick " + victim.tick + ": " + d);
            assertNotNull(d, "a tampered sample is reported");
            assertTrue(d.tick() >= victim.tick, d.toString());
            assertTrue(Replayer.compareOrder().contains(d.field().replaceAll("\\[\\d+]\\..*", "[i]")), d.field());
        }
    }

    @Test
    @DisplayName("SR-15 replay teeth: a recorded sample return code changed at tick N → divergence at N (verdict)")
    void tamperedSampleCodeIsReported()
    {
        try (SimRecording s = recorded())
        {
            final TickRecord victim = treatingTick(s, 0);
            victim.sampleResult = -6;
            final Divergence d = s.replay().divergence();
            System.out.println("tampered sample code at tick " + victim.tick + ": " + d);
            assertNotNull(d);
            assertEquals(victim.tick, d.tick());
            assertEquals("stateAfter", d.field());
        }
    }

    @Test
    @DisplayName("SR-15 replay teeth: a recorded DAC code changed at tick N → divergence exactly at N, field command.dacCode")
    void tamperedDecisionIsReported()
    {
        try (SimRecording s = recorded())
        {
            final TickRecord victim = treatingTick(s, 0);
            final int original = victim.command.dacCode();
            victim.command.set(original - 3, victim.command.polarityReversed(), victim.command.outputEnabled(),
                victim.command.dutyPermille());
            final Replayer replayer = s.replay();
            final Divergence d = replayer.divergence();
            System.out.println("tampered DAC code: " + d + "; " + replayer.report());
            assertNotNull(d);
            assertEquals(victim.tick, d.tick());
            assertEquals("command.dacCode", d.field());
            assertEquals(Integer.toString(original - 3), d.recordedValue());
            assertEquals(Integer.toString(original), d.replayedValue());
            assertEquals(victim.tick + 1, replayer.report().ticksReplayed(), "replay stops comparing after it");
        }
    }

    @Test
    @DisplayName("SR-15 replay teeth: a recorded command event dropped from the journal → divergence")
    void droppedCommandIsReported()
    {
        try (SimRecording s = recorded())
        {
            final ControllerEvent adjust = s.events().stream().filter(e -> e.type == EventType.COMMAND_ACCEPTED &&
                e.sessionEvent == SessionEvent.ADJUST.code()).findFirst().orElseThrow();
            assertTrue(s.entries.remove(adjust));
            final Divergence d = s.replay().divergence();
            System.out.println("dropped ADJUST at tick " + adjust.tick + ": " + d);
            assertNotNull(d);
            assertEquals(adjust.tick, d.tick());
        }
    }

    @Test
    @DisplayName("SR-15 replay teeth: a recorded event dropped (a STATE_CHANGED) → divergence naming the missing event")
    void droppedEventIsReported()
    {
        try (SimRecording s = recorded())
        {
            final List<ControllerEvent> changes = s.events().stream()
                .filter(e -> e.type == EventType.STATE_CHANGED).toList();
            final ControllerEvent victim = changes.get(changes.size() - 1);
            assertTrue(s.entries.remove(victim));
            final Divergence d = s.replay().divergence();
            System.out.println("dropped STATE_CHANGED at tick " + victim.tick + ": " + d);
            assertNotNull(d);
            assertEquals(victim.tick, d.tick());
            assertTrue(d.field().startsWith("events["), d.field());
        }
    }
}
