package org.galvani.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.galvani.session.SessionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The safety properties P1 … P7 (docs/qa-campaign.md) as a bounded QuickTheories property over whole trials
 * through the real stack — controller, JNA, native sim, Chronicle journal, verify, replay — with a fixed
 * seed, so CI stays within minutes; {@code galvani campaign} is the long form. Known findings (controller
 * defects the campaign found, reported, not fixed here) are pinned by their own tests below, which assert
 * that their shrunk counter-examples still reproduce: when a fix lands they fail and become regression tests.
 */
class SafetyPropertiesTest
{
    /** Fixed seed of the CI run (printed). */
    static final long SEED = 20_261_105L;
    /** Trials of the CI run. */
    static final int TRIES = 300;

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
    @DisplayName("SR-1..SR-17 P1..P7 hold for 300 generated trials (fixed seed) through controller + JNA + sim + journal")
    void propertiesHold()
    {
        System.out.println("SafetyPropertiesTest seed " + SEED + ", " + TRIES + " trials");
        final CoverageMatrix coverage = new CoverageMatrix();
        final List<String> failures = new ArrayList<>();
        final long[] ticks = {0};
        final int[] index = {0};
        final long startNs = System.nanoTime();
        qt().withFixedSeed(SEED).withExamples(TRIES).withShrinkCycles(0)
            .forAll(Generators.trials(FaultKind.defaults(), false)).checkAssert(trial ->
            {
                final int i = index[0]++;
                final TrialResult first = runner.run(trial, i >= 20, null);
                final TrialResult result = Campaign.confirmAllocation(runner, trial, first);
                if (result != first)
                {
                    System.out.println("trial " + i + ": " + first.allocatedBytes() + " bytes allocated in the first " +
                        "run only (JIT), none in the second");
                }
                coverage.add(result.coverage());
                ticks[0] += result.ticks();
                for (final Violation violation : result.violations())
                {
                    if (!violation.explained())
                    {
                        failures.add("trial " + i + ": " + violation + "\n    " + trial);
                    }
                }
            });
        System.out.printf("%d trials, %d ticks in %.1f s%n%s", TRIES, ticks[0], (System.nanoTime() - startNs) / 1e9,
            coverage.render(FaultKind.defaults()));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(coverage.filledCells(FaultKind.defaults()) > 40, "coverage " + coverage.render(FaultKind.defaults()));
        long atTreating = 0;
        for (final FaultKind kind : FaultKind.values())
        {
            atTreating += coverage.count(kind, SessionState.RAMP_UP) + coverage.count(kind, SessionState.TREATING);
        }
        assertTrue(atTreating > 0, "faults reach the output states");
    }

    @Test
    @DisplayName("SR-2 SR-3 SR-12 P1 P2: a trial with faults and commands, journal kept, verifies and replays")
    void keptJournal() throws Exception
    {
        final Trial trial = Campaign.trial(SEED, 3, FaultKind.defaults()).withSchedule(FaultSchedule.parse(
            "adc-offset@2500+inf:10500/current-a;adc-offset@2500+inf:10500/current-b;late-ticks@100+10:900"));
        final Path dir = Files.createTempDirectory(TrialRunner.defaultBaseDir(), "galvani-kept-");
        final TrialResult result = runner.run(trial, false, dir);
        assertEquals(List.of(), result.violations().stream().filter(v -> !v.explained()).toList());
        assertEquals(trial.ticks(), result.ticks());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    @DisplayName("teeth: a schedule the campaign found shrinks to a 1-minimal counter-example through the real stack")
    void shrinksARealFailure()
    {
        final Campaign.Failure failure = KnownFindings.shrinkTransientLoadStep(runner);
        assertTrue(failure.shrunk().oneMinimal(), failure.shrunk().toString());
        assertTrue(failure.shrunk().schedule().size() <= 2, failure.shrunk().schedule().toString());
        assertTrue(failure.shrunkViolations().stream().anyMatch(v -> v.property() == Property.RAMP_RATE),
            failure.shrunkViolations().toString());
    }

    @Test
    @DisplayName("finding F1 residual (SR-10): a 1-ms load transient at compliance — the current comes back at the output stage's own lag, no higher than before the transient (ProtocolSessionTest#loadTransientAtCompliance); P3 flags the recovery and marks it as known finding F1, nothing else")
    void knownFindingTransientLoadStep()
    {
        final Trial trial = KnownFindings.transientLoadStepTrial();
        final TrialResult result = runner.run(trial, false, null);
        assertTrue(result.violations().stream().anyMatch(v -> v.property() == Property.RAMP_RATE &&
            v.message().startsWith("true current rose") && v.knownFinding() == KnownFinding.F1_LOAD_RECOVERY),
            "F1 no longer reproduces, or no longer under its exact conditions — fixed? make this a regression " +
            "test that asserts no violation: " + result.violations());
        assertEquals(List.of(), result.unexplained());
        assertFalse(result.passed(), "a known finding still counts as a violation of the trial");
    }
}
