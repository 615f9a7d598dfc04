package org.galvani.controller;

/**
 * The timing inputs of one tick, by name instead of by position: when the tick was due, when it started,
 * how long the previous tick took and how late this one started (all in ns of the context's
 * {@code NanoClock}). The safety monitor judges the last two (SR-9); the journal keeps all four.
 *
 * <p>A reusable flyweight: the caller fills one instance before each {@link Controller#tick(TickTiming)},
 * which reads it during the tick and never keeps it. A new instance is all zeros, the inputs of a tick
 * driven by hand with no clock ({@link SessionDriver}). The setters never throw, so a
 * {@link ControllerAgent} or a replay can fill it on the tick path; {@link #conclude()} checks the values
 * for a caller that builds one from configuration (a test or a benchmark).
 *
 * <p>Threading: the control thread only. Allocation: none.
 */
public final class TickTiming
{
    private long scheduledNs;
    private long actualNs;
    private long lastTickDurationNs;
    private long latenessNs;

    /**
     * @param scheduledNs when the tick was due (journaled; 0 when driven by hand).
     * @return this.
     */
    public TickTiming scheduledNs(final long scheduledNs)
    {
        this.scheduledNs = scheduledNs;
        return this;
    }

    /**
     * @param actualNs when the tick started (journaled; 0 when driven by hand).
     * @return this.
     */
    public TickTiming actualNs(final long actualNs)
    {
        this.actualNs = actualNs;
        return this;
    }

    /**
     * @param lastTickDurationNs how long the previous tick took (SR-9 input; 0 when driven by hand).
     * @return this.
     */
    public TickTiming lastTickDurationNs(final long lastTickDurationNs)
    {
        this.lastTickDurationNs = lastTickDurationNs;
        return this;
    }

    /**
     * @param latenessNs how late this tick started after it was due (SR-9 input; 0 when driven by hand).
     * @return this.
     */
    public TickTiming latenessNs(final long latenessNs)
    {
        this.latenessNs = latenessNs;
        return this;
    }

    /**
     * Back to all zeros: a tick driven by hand, with no clock.
     *
     * @return this.
     */
    public TickTiming handDriven()
    {
        scheduledNs = 0;
        actualNs = 0;
        lastTickDurationNs = 0;
        latenessNs = 0;
        return this;
    }

    /**
     * Checks the values a caller built by hand: the previous tick's duration and this tick's lateness are
     * durations (never negative). Not called on the tick path (a replay feeds what the journal holds and
     * the monitor judges it).
     *
     * @return this.
     * @throws IllegalArgumentException naming the field when one is negative.
     */
    public TickTiming conclude()
    {
        if (lastTickDurationNs < 0)
        {
            throw new IllegalArgumentException("lastTickDurationNs must be >= 0 ns, was " + lastTickDurationNs);
        }
        if (latenessNs < 0)
        {
            throw new IllegalArgumentException("latenessNs must be >= 0 ns, was " + latenessNs);
        }
        return this;
    }

    /**
     * @return when the tick was due (ns).
     */
    public long scheduledNs()
    {
        return scheduledNs;
    }

    /**
     * @return when the tick started (ns).
     */
    public long actualNs()
    {
        return actualNs;
    }

    /**
     * @return how long the previous tick took (ns).
     */
    public long lastTickDurationNs()
    {
        return lastTickDurationNs;
    }

    /**
     * @return how late this tick started (ns).
     */
    public long latenessNs()
    {
        return latenessNs;
    }

    @Override
    public String toString()
    {
        return "TickTiming{scheduledNs=" + scheduledNs + ", actualNs=" + actualNs + ", lastTickDurationNs=" +
            lastTickDurationNs + ", latenessNs=" + latenessNs + '}';
    }
}
