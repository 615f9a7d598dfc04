package org.galvani.bench;

import java.io.PrintStream;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * One operation's timing figures from a histogram of every timed operation: p50, p90, p99, p99.9, p99.99, max, and
 * the slow events (operations longer than {@link #SLOW_NS}) per second of the rounds' wall time and per operation;
 * and the ratios against another operation's figures (the tick against the compute floor, {@link TickTailHarness}).
 *
 * <p>Immutable; any thread. Allocation: construction copies the figures out of the histogram (off any measured
 * loop), the accessors allocate nothing.
 */
final class TailFigures
{
    /** A slow event: an operation longer than 10 µs (the p99.9 goal). */
    static final long SLOW_NS = 10_000;
    /** The percentiles printed, in order. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private final String name;
    private final long count;
    private final long[] percentileNs = new long[PERCENTILES.length];
    private final long maxNs;
    private final long slowEvents;
    private final long elapsedNs;

    /**
     * @param name      the operation's name for the table.
     * @param durations every operation's duration in ns.
     * @param elapsedNs the wall time of the rounds the operations ran in (> 0).
     */
    TailFigures(final String name, final Histogram durations, final long elapsedNs)
    {
        if (elapsedNs <= 0)
        {
            throw new IllegalArgumentException("elapsedNs must be > 0, got " + elapsedNs);
        }
        this.name = name;
        this.count = durations.getTotalCount();
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            percentileNs[i] = count == 0 ? 0 : durations.getValueAtPercentile(PERCENTILES[i]);
        }
        this.maxNs = count == 0 ? 0 : durations.getMaxValue();
        this.slowEvents = count - durations.getCountBetweenValues(0, SLOW_NS);
        this.elapsedNs = elapsedNs;
    }

    /**
     * @param percentile one of {@link #PERCENTILES}.
     * @return that percentile in ns (the highest value equivalent to it at the histogram's precision).
     * @throws IllegalArgumentException for a percentile not in {@link #PERCENTILES}.
     */
    long percentileNs(final double percentile)
    {
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            if (PERCENTILES[i] == percentile)
            {
                return percentileNs[i];
            }
        }
        throw new IllegalArgumentException("percentile " + percentile + " is not one of 50, 90, 99, 99.9, 99.99");
    }

    long maxNs()
    {
        return maxNs;
    }

    long count()
    {
        return count;
    }

    /**
     * @return operations longer than {@link #SLOW_NS} (at the histogram's precision: values equivalent to 10 µs
     *         do not count).
     */
    long slowEvents()
    {
        return slowEvents;
    }

    /**
     * @return slow events per second of the rounds' wall time.
     */
    double slowPerSecond()
    {
        return slowEvents / (elapsedNs / 1e9);
    }

    /**
     * @return slow events per operation (0 when nothing was timed).
     */
    double slowPerOperation()
    {
        return count == 0 ? 0.0 : (double)slowEvents / count;
    }

    /**
     * @param floor      the figures to compare against.
     * @param percentile one of {@link #PERCENTILES}.
     * @return this operation's percentile over the floor's (NaN when the floor's is 0).
     */
    double ratioTo(final TailFigures floor, final double percentile)
    {
        final long below = floor.percentileNs(percentile);
        return below == 0 ? Double.NaN : (double)percentileNs(percentile) / below;
    }

    /**
     * Prints the column headings of {@link #print}.
     *
     * @param out where to.
     */
    static void printHeading(final PrintStream out)
    {
        out.printf(Locale.ROOT, "  %-26s %12s %8s %8s %8s %9s %9s %10s %9s %11s%n", "operation (every one timed)",
            "count", "p50 ns", "p90 ns", "p99 ns", "p99.9 ns", "p99.99 ns", "max ns", ">10µs /s", ">10µs /op");
    }

    /**
     * Prints one row.
     *
     * @param out where to.
     */
    void print(final PrintStream out)
    {
        out.printf(Locale.ROOT, "  %-26s %,12d %8d %8d %8d %9d %9d %,10d %9.1f %11.2e%n", name, count,
            percentileNs[0], percentileNs[1], percentileNs[2], percentileNs[3], percentileNs[4], maxNs, slowPerSecond(),
            slowPerOperation());
    }
}
