package org.galvani.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.ArrayList;
import java.util.List;

import org.galvani.session.SessionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The native-driver faults in the campaign: a bus that stalls inside the driver's calls for several watchdog
 * periods (the watchdog races the stalled writer: its safe state must win, ADR-10) and a relay welded closed
 * (the drive must still be taken away, SR-2/SR-18), drawn by the campaign's generators with other load and
 * actuator faults, through the real stack; PropertyChecker judges both (docs/qa-campaign.md).
 */
class NativeFaultsCampaignTest
{
    private static final long SEED = 20_261_206L;
    private static final int TRIES = 24;
    private static final List<FaultKind> KINDS = List.of(FaultKind.BUS_STALL, FaultKind.RELAY_STUCK, FaultKind.SHORT,
        FaultKind.LOAD_STEP, FaultKind.DAC_STUCK, FaultKind.OPEN_CIRCUIT);

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
    @DisplayName("SR-9 SR-18 P1 P2: bus stalls racing the watchdog and welded relays, drawn by the generators, break no property")
    void generatedNativeFaults()
    {
        final CoverageMatrix coverage = new CoverageMatrix();
        final List<String> failures = new ArrayList<>();
        final int[] index = {0};
        qt().withFixedSeed(SEED).withExamples(TRIES).withShrinkCycles(0)
            .forAll(Generators.trials(KINDS, false)).checkAssert(trial ->
            {
                final int i = index[0]++;
                final TrialResult result = runner.run(trial, false, null, false);
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
        long stalls = 0;
        long welded = 0;
        for (final SessionState state : SessionState.values())
        {
            stalls += coverage.count(FaultKind.BUS_STALL, state);
            welded += coverage.count(FaultKind.RELAY_STUCK, state);
        }
        assertTrue(stalls > 0 && welded > 0, "bus stalls and welded relays were drawn: " + coverage.render(KINDS));
    }

    @Test
    @DisplayName("SR-9 a bus stall of 6 to 8 watchdog periods in every tick of a treatment window: the watchdog wins every race")
    void stalledWriterLosesToTheWatchdog()
    {
        final Trial trial = Campaign.trial(SafetyPropertiesTest.SEED, 3, FaultKind.defaults())
            .withSchedule(FaultSchedule.parse("bus-stall@1500+1:400;bus-stall@2600+2:300;relay-stuck@3200+400"));
        assertTrue(trial.fullSimConfig().contains("watchdog_ms=" + Trial.STALL_WATCHDOG_MS), trial.fullSimConfig());
        final TrialResult result = runner.run(trial, false, null, false);
        assertEquals(List.of(), result.violations().stream().filter(v -> !v.explained()).toList());
        assertEquals(trial.ticks(), result.ticks());
        // Where the stalls met the session (RAMP_UP on a quiet machine; on a heavily loaded one the 50 ms watchdog may
        // have tripped the session before, which is as safe): printed, not asserted, as it depends on the scheduler.
        System.out.println(trial + "\n" + result.coverage().render(List.of(FaultKind.BUS_STALL, FaultKind.RELAY_STUCK)));
    }
}
