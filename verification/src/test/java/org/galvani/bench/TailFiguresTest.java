package org.galvani.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link TailFigures}: percentiles, slow events and ratios from two histograms of every operation, and the
 * harness's argument checking.
 */
class TailFiguresTest
{
    private static Histogram histogram(final long[][] valueAndCount)
    {
        final Histogram histogram = new Histogram(1, 10_000_000_000L, 3);
        for (final long[] pair : valueAndCount)
        {
            histogram.recordValueWithCount(pair[0], pair[1]);
        }
        return histogram;
    }

    @Test
    @DisplayName("percentiles, max and slow events per second and per operation come from every operation")
    void figuresOfOneOperation()
    {
        final Histogram tick = histogram(new long[][] {{200, 9_990}, {5_000, 9}, {50_000, 1}});
        final TailFigures figures = new TailFigures("tick", tick, 2_000_000_000L);
        assertEquals(10_000, figures.count());
        assertEquals(200, figures.percentileNs(50));
        assertEquals(200, figures.percentileNs(99.9), "the 9,990th of 10,000 is in the body");
        assertEquals(tick.highestEquivalentValue(5_000), figures.percentileNs(99.99), "the 9,999th is a 5 µs one");
        assertEquals(tick.highestEquivalentValue(50_000), figures.maxNs());
        assertEquals(1, figures.slowEvents(), "one operation above 10 µs");
        assertEquals(0.5, figures.slowPerSecond(), 1e-12, "one in 2 s");
        assertEquals(1e-4, figures.slowPerOperation(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> figures.percentileNs(99.5));
    }

    @Test
    @DisplayName("10 µs itself is not slow, the next distinguishable value is")
    void slowMeansAboveTenMicroseconds()
    {
        final Histogram at = histogram(new long[][] {{TailFigures.SLOW_NS, 3}});
        assertEquals(0, new TailFigures("at", at, 1).slowEvents());
        final Histogram above = histogram(new long[][] {{at.nextNonEquivalentValue(TailFigures.SLOW_NS), 3}});
        assertEquals(3, new TailFigures("above", above, 1).slowEvents());
    }

    @Test
    @DisplayName("the tick/floor ratio divides the same percentile of both; a floor of 0 gives NaN")
    void ratioAgainstTheFloor()
    {
        final Histogram tickNs = histogram(new long[][] {{200, 9_990}, {5_000, 9}, {50_000, 1}});
        final Histogram floorNs = histogram(new long[][] {{200, 9_999}, {12_000, 1}});
        final TailFigures tick = new TailFigures("tick", tickNs, 1_000_000_000L);
        final TailFigures floor = new TailFigures("floor", floorNs, 1_000_000_000L);
        assertEquals(1.0, tick.ratioTo(floor, 99.9), 1e-12);
        assertEquals((double)tickNs.highestEquivalentValue(5_000) / 200, tick.ratioTo(floor, 99.99), 1e-12);
        assertEquals(1, floor.slowEvents());
        final TailFigures empty = new TailFigures("empty", histogram(new long[0][]), 1);
        assertTrue(Double.isNaN(tick.ratioTo(empty, 99.9)));
        assertEquals(0.0, empty.slowPerOperation());
        assertThrows(IllegalArgumentException.class, () -> new TailFigures("none", tickNs, 0));
    }

    @Test
    @DisplayName("a printed row carries the name, the count and the percentiles")
    void printsARow()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TailFigures.printHeading(out);
        new TailFigures("tick", histogram(new long[][] {{231, 4}}), 1_000).print(out);
        final String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("p99.99 ns"), text);
        assertTrue(text.matches("(?s).*tick\\s+4\\s+231\\s+231.*"), text);
    }

    @Test
    @DisplayName("harness arguments: defaults, values, and one line naming the argument and its range when bad")
    void harnessArguments()
    {
        final TickTailHarness.Options defaults = TickTailHarness.Options.parse(new String[0]);
        assertEquals(6, defaults.rounds);
        assertEquals(4_000_000, defaults.opsPerRound);
        assertEquals("jna", defaults.binding);
        assertEquals("normal", defaults.priority);
        assertEquals(-1, defaults.cpu);
        final TickTailHarness.Options given = TickTailHarness.Options.parse(new String[] {"3", "1_000_000", "FFM", "fifo", "0"});
        assertEquals(3, given.rounds);
        assertEquals(1_000_000, given.opsPerRound);
        assertEquals("ffm", given.binding);
        assertEquals("fifo", given.priority);
        assertEquals(0, given.cpu);
        final IllegalArgumentException rounds = assertThrows(IllegalArgumentException.class,
            () -> TickTailHarness.Options.parse(new String[] {"0"}));
        assertEquals("rounds must be an integer from 1 to 1000, got '0'", rounds.getMessage());
        final IllegalArgumentException binding = assertThrows(IllegalArgumentException.class,
            () -> TickTailHarness.Options.parse(new String[] {"1", "10000", "panama"}));
        assertEquals("binding must be one of jna|ffm, got 'panama'", binding.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TickTailHarness.Options.parse(new String[] {"1", "ten"}));
        assertThrows(IllegalArgumentException.class,
            () -> TickTailHarness.Options.parse(new String[] {"1", "10000", "jna", "normal", "99999"}));
    }

    @Test
    @DisplayName("the compute floor is the LCG chain, step for step; fewer than one step is refused")
    void computeFloorIsTheChain()
    {
        final ComputeFloor floor = new ComputeFloor(3);
        long expected = 11;
        for (int i = 0; i < 3; i++)
        {
            expected = expected * 6364136223846793005L + 1442695040888963407L;
        }
        assertEquals(expected, floor.run(11));
        floor.steps(1);
        assertEquals(11 * 6364136223846793005L + 1442695040888963407L, floor.run(11));
        assertThrows(IllegalArgumentException.class, () -> floor.steps(0));
    }
}
