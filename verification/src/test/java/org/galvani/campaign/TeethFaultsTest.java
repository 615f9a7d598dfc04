package org.galvani.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;

import org.galvani.controller.TickRecord;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalStatus;
import org.galvani.hal.binding.HalBinding;
import org.galvani.hal.jna.SimDriver;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.Verdict;
import org.galvani.session.SessionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The opt-in faults that give the mutation run's survivors a fault that reaches them (issue 12,
 * docs/qa-campaign.md "Teeth"): an actuate-only driver error (C06), an electrode-voltage reading offset past the
 * compliance limit or the rail (M05, M15) and a journal that refuses writes (C07); the real controller breaks no
 * property under them, and the property checker's new P2 demands (a TRIP verdict, not only the output off) flag a
 * controller that leaves them unanswered.
 */
class TeethFaultsTest
{
    private static final List<FaultKind> KINDS = List.of(FaultKind.ACTUATE_ERROR, FaultKind.ELECTRODE_OFFSET,
        FaultKind.CURRENT_STUCK, FaultKind.JOURNAL_REFUSAL, FaultKind.LOAD_STEP, FaultKind.ADC_OUT_OF_RANGE);

    private static TrialRunner runner;

    @BeforeAll
    static void open()
    {
        runner = new TrialRunner(TrialRunner.defaultBaseDir());
    }

    @AfterAll
    static void close()
    {
        runner.close();
    }

    @Test
    @DisplayName("SR-5 SR-7 SR-13 SR-14: actuate errors, electrode-voltage offsets and journal refusals, drawn by the generators, break no property")
    void generatedTeethFaults()
    {
        final CoverageMatrix coverage = new CoverageMatrix();
        final List<String> failures = new ArrayList<>();
        final int[] index = {0};
        qt().withFixedSeed(20_261_212L).withExamples(30).withShrinkCycles(0)
            .forAll(Generators.trials(KINDS, false)).checkAssert(trial ->
            {
                final int i = index[0]++;
                final TrialResult result = runner.run(trial, false, null, i % 3 == 0);
                coverage.add(result.coverage());
                for (final Violation violation : result.violations())
                {
                    if (!violation.explained())
                    {
                        failures.add("trial " + i + ": " + violation + "\n    " + trial);
                    }
                }
            });
        System.out.println(coverage.render(KINDS));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        for (final FaultKind kind : List.of(FaultKind.ACTUATE_ERROR, FaultKind.ELECTRODE_OFFSET, FaultKind.CURRENT_STUCK,
            FaultKind.JOURNAL_REFUSAL))
        {
            long drawn = 0;
            for (final SessionState state : SessionState.values())
            {
                drawn += coverage.count(kind, state);
            }
            assertTrue(drawn > 0, kind + " was drawn: " + coverage.render(KINDS));
        }
    }

    @Test
    @DisplayName("the opt-in kinds render and parse; electrode-offset and current-stuck are ADC faults on fixed channels for galvani simulate")
    void specs()
    {
        final FaultSchedule schedule = FaultSchedule.parse(
            "actuate-error@2500+3:-5;electrode-offset@2600+40:-25000;current-stuck@2650+9:0;journal-refusal@2700+2:0");
        assertEquals("actuate-error@2500+3:-5;electrode-offset@2600+40:-25000;current-stuck@2650+9:0;" +
            "journal-refusal@2700+2:0", schedule.toSpecs());
        assertEquals("--fault actuate-error@2500+3:-5 --fault adc-offset@2600+40:-25000/electrode-v " +
            "--fault adc-stuck@2650+9:0/current-a --fault adc-stuck@2650+9:0/current-b", schedule.simulateArguments());
        assertTrue(schedule.contains(FaultKind.JOURNAL_REFUSAL));
        assertTrue(!FaultKind.defaults().contains(FaultKind.JOURNAL_REFUSAL) &&
            FaultKind.all().containsAll(List.of(FaultKind.values())) &&
            FaultKind.all().subList(0, FaultKind.defaults().size()).equals(FaultKind.defaults()),
            "defaults unchanged (published reproducers stay valid), all() = defaults then the opt-in kinds");
    }

    @Test
    @DisplayName("SR-13 SR-14: an actuate-only error and a refused journal write in treatment trip the controller, which the checker demands")
    void pinnedRefusalAndActuateError()
    {
        final Trial trial = Campaign.trial(SafetyPropertiesTest.SEED, 3, FaultKind.defaults())
            .withSchedule(FaultSchedule.parse("actuate-error@2600+2:-5;journal-refusal@4000+3:0;" +
                "electrode-offset@5000+30:24000;current-stuck@6000+400:0"));
        final TrialResult result = runner.run(trial, false, null, true);
        assertEquals(List.of(), result.violations().stream().filter(v -> !v.explained()).toList());
        assertEquals(trial.ticks(), result.ticks());
    }

    @Test
    @DisplayName("P2 demands a TRIP verdict, not only the output off: watchdog bit, rail with the output off, refused journal write, welded relay while idle")
    void checkerDemandsTheTrip()
    {
        final Trial trial = Campaign.trial(SafetyPropertiesTest.SEED, 3, FaultKind.defaults());
        try (SimDriver sim = HalBinding.configured().openSim(trial.fullSimConfig()))
        {
            final HalInfo info = sim.info();
            final MonitorLimits limits = TrialRunner.context().conclude().monitorLimits();
            final int supply = (int)Math.round(50_000 / info.supplyMvPerLsb());

            assertEquals(List.of("P2"), violationsOf(info, limits, trial, supply, HalStatus.WATCHDOG_TRIPPED, 0, false));
            assertEquals(List.of("P2"), violationsOf(info, limits, trial, supply, 0, info.adcMaxCode(), false));
            assertEquals(List.of("P2"), violationsOf(info, limits, trial, supply, HalStatus.OUTPUT_ENABLED, 0, false));
            assertEquals(List.of("P2"), violationsOf(info, limits, trial, supply, 0, 0, true));
            assertEquals(List.of(), violationsOf(info, limits, trial, supply, 0, 0, false), "a quiet idle tick is fine");
        }
    }

    /** Three idle ticks with the output off and a verdict OK, each with that status, electrode code and journal refusal. */
    private static List<String> violationsOf(final HalInfo info, final MonitorLimits limits, final Trial trial,
        final int supplyCode, final int status, final int electrodeCode, final boolean refused)
    {
        final List<Violation> violations = new ArrayList<>();
        final PropertyChecker checker = new PropertyChecker(trial, info, limits, violations, Generators.PERIOD_NS);
        final TickObserver events = new TickObserver();
        final org.galvani.hal.jna.SimTruth truth = new org.galvani.hal.jna.SimTruth();
        for (int tick = 0; tick < 3; tick++)
        {
            final TickRecord r = new TickRecord();
            r.tick = tick;
            r.stateBefore = SessionState.IDLE.code();
            r.stateAfter = SessionState.IDLE.code();
            r.verdict = Verdict.OK;
            r.sample.set(0, 0, electrodeCode, supplyCode, 0, status, tick);
            r.command.safe();
            events.clear();
            events.journalRefused = refused;
            checker.afterTick(r, events, truth, 0, 0);
        }
        return violations.stream().map(v -> v.property().name().equals("TRIP_AND_LATCH") ? "P2" : v.property().name())
            .toList();
    }
}
