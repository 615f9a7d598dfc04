package org.galvani.controller;

/**
 * Tracks how long ticks take: the longest tick and how many exceeded a threshold (an SR-9 input and a
 * status figure), in the manner of Agrona's {@code DutyCycleTracker}.
 *
 * <p>Threading: control thread only. Allocation: none.
 */
public final class OverrunTracker
{
    private final long thresholdNs;
    private long longestNs;
    private long overrunCount;
    private long lastDurationNs;

    /**
     * @param thresholdNs a tick longer than this counts as an overrun.
     */
    public OverrunTracker(final long thresholdNs)
    {
        this.thresholdNs = thresholdNs;
    }

    /**
     * Records one tick.
     *
     * @param startNs when the tick started.
     * @param endNs   when it ended.
     */
    public void record(final long startNs, final long endNs)
    {
        final long durationNs = endNs - startNs;
        lastDurationNs = durationNs;
        if (durationNs > longestNs)
        {
            longestNs = durationNs;
        }
        if (durationNs > thresholdNs)
        {
            overrunCount++;
        }
    }

    /**
     * @return the duration of the latest recorded tick.
     */
    public long lastDurationNs()
    {
        return lastDurationNs;
    }

    /**
     * @return the longest tick so far.
     */
    public long longestNs()
    {
        return longestNs;
    }

    /**
     * @return ticks longer than the threshold.
     */
    public long overrunCount()
    {
        return overrunCount;
    }

    /**
     * @return the overrun threshold.
     */
    public long thresholdNs()
    {
        return thresholdNs;
    }
}
