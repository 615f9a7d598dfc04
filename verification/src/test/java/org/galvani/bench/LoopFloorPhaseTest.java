package org.galvani.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The like-for-like comparison of {@link LoopJitterHarness} (issue 16): in each round the C floor and the Java loop
 * run their deadline schedule at the same phase, and the rounds' phases cover the whole period. A platform's periodic
 * interruptions (the guest's 250 Hz timer tick, a host's 1 kHz one, measured here) make a deadline schedule late at
 * some phases and not at others; compared at different phases, the two programs' counts differed by factors of 10
 * from run to run.
 */
class LoopFloorPhaseTest
{
    private String previousProgram;

    @BeforeEach
    void nameTheBuiltFloor()
    {
        previousProgram = System.getProperty("galvani.floor.program");
        // Surefire runs in the module's folder; Maven builds the floor in hal-native/target/bench beside it.
        System.setProperty("galvani.floor.program", "../hal-native/target/bench/galvani-floor");
    }

    @AfterEach
    void restore()
    {
        if (previousProgram == null)
        {
            System.clearProperty("galvani.floor.program");
        }
        else
        {
            System.setProperty("galvani.floor.program", previousProgram);
        }
    }

    @Test
    @DisplayName("the Java loop's first deadline is the next instant on the round's phase, for any clock value")
    void firstOnGridIsTheNextInstantOfThePhase()
    {
        qt().withFixedSeed(20_261_206L).withExamples(20_000).withShrinkCycles(100)
            .forAll(longs().between(-1L << 62, 1L << 62), longs().between(1_000L, 100_000_000L),
                integers().between(0, 1_000_000))
            .checkAssert((from, period, phaseSeed) ->
            {
                final long phase = phaseSeed % period;
                final long first = LoopJitterHarness.firstOnGrid(from, period, phase);
                assertTrue(first >= from, "not before the clock value");
                assertTrue(first - from < period, "within one period of it");
                assertEquals(phase, Math.floorMod(first, period), "on the phase");
            });
    }

    @Test
    @DisplayName("the rounds' phases lie in the period and spread over it: no gap wider than 2 periods / rounds")
    void roundsCoverThePeriod()
    {
        for (final long period : new long[] {100_000, 1_000_000})
        {
            for (int rounds = 1; rounds <= 500; rounds++)
            {
                final long[] phases = new long[rounds];
                for (int r = 0; r < rounds; r++)
                {
                    phases[r] = LoopJitterHarness.phase(r, period);
                    assertTrue(phases[r] >= 0 && phases[r] < period, "phase " + phases[r] + " of round " + r);
                }
                Arrays.sort(phases);
                long widest = period - phases[rounds - 1] + phases[0];
                for (int i = 1; i < rounds; i++)
                {
                    widest = Math.max(widest, phases[i] - phases[i - 1]);
                }
                assertTrue(widest <= 2 * period / rounds + 1,
                    rounds + " rounds leave a gap of " + widest + " ns in a period of " + period + " ns");
            }
        }
    }

    @Test
    @DisplayName("the C floor runs its schedule at the phase asked for, pinned to the CPU asked for")
    void floorProgramRunsAtThePhase() throws Exception
    {
        final FloorProgram floor = FloorProgram.locate();
        final int[] allowed = ThreadScheduling.allowedCpus();
        final int cpu = allowed[allowed.length - 1];
        for (final long phase : new long[] {0, 123_457, 999_999})
        {
            final LoopJitterHarness.Figures figures = new LoopJitterHarness.Figures("floor");
            // FloorProgram.run checks the program's reported phase against the one asked for (IOException if not).
            floor.run(1_000, 0.05, 0.01, phase, cpu, figures);
            assertEquals(50, figures.ticks + figures.missed, 1, "0.05 s at 1 kHz");
        }
    }

    @Test
    @DisplayName("the rates are read from a comma-separated list; one outside 1 Hz-1 MHz or not a number is refused by name")
    void ratesList()
    {
        assertArrayEquals(new long[] {1_000, 10_000}, LoopJitterHarness.rates("1000,10000"));
        assertArrayEquals(new long[] {1_000}, LoopJitterHarness.rates(" 1000 "));
        for (final String bad : new String[] {"0", "1000,abc", "2000000", "1e3"})
        {
            final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> LoopJitterHarness.rates(bad));
            assertTrue(refused.getMessage().startsWith("galvani.bench.rates: '"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("' is not a rate in hertz from 1 to 1,000,000"),
                refused.getMessage());
        }
    }

    @Test
    @DisplayName("a kernel CPU list is read whole: ranges, single CPUs, a cpuset not starting at 0")
    void cpuLists()
    {
        assertArrayEquals(new int[] {0, 1}, ThreadScheduling.parseCpuList("0-1"));
        assertArrayEquals(new int[] {2, 3, 4, 6, 8, 9},
            ThreadScheduling.parseCpuList("2-4,6,8-9"));
        assertArrayEquals(new int[] {5}, ThreadScheduling.parseCpuList("5\n"));
        assertTrue(ThreadScheduling.allowedCpus().length >= 1, "this process may run somewhere");
    }

    @Test
    @DisplayName("the C floor refuses a phase outside the period and names it")
    void floorProgramRefusesAPhaseOutsideThePeriod()
    {
        final FloorProgram floor = FloorProgram.locate();
        final IOException refused = assertThrows(IOException.class,
            () -> floor.run(1_000, 0.05, 0.01, 1_000_000, ThreadScheduling.allowedCpus()[0],
                new LoopJitterHarness.Figures("floor")));
        assertTrue(refused.getMessage().contains("PHASE_NS 1000000 is not below the period (1000000 ns)"),
            refused.getMessage());
    }
}
