package org.galvani.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Streaming downsampling of one series over tick indices with a bounded number of buckets, without
 * knowing the session's length in advance: buckets start one tick wide and, whenever they run out,
 * neighbouring pairs merge and the width doubles. Each bucket keeps its minimum, maximum and last
 * value with their ticks, so a one-tick spike or a trip stays visible at any zoom-out (min/max
 * decimation). Memory and output are bounded by the bucket count whatever the number of ticks.
 */
final class MinMaxDownsampler
{
    private final int capacity;
    private final double[] minValue;
    private final long[] minTick;
    private final double[] maxValue;
    private final long[] maxTick;
    private final double[] lastValue;
    private final long[] lastTick;
    private final boolean[] used;
    private long origin = Long.MIN_VALUE;
    private long widthTicks = 1;
    private int highest = -1;

    /**
     * @param capacity most buckets (even, at least 2).
     */
    MinMaxDownsampler(final int capacity)
    {
        if (capacity < 2 || capacity % 2 != 0)
        {
            throw new IllegalArgumentException("capacity must be even and at least 2, got " + capacity);
        }
        this.capacity = capacity;
        minValue = new double[capacity];
        minTick = new long[capacity];
        maxValue = new double[capacity];
        maxTick = new long[capacity];
        lastValue = new double[capacity];
        lastTick = new long[capacity];
        used = new boolean[capacity];
    }

    /**
     * @param tick  the tick index (non-decreasing).
     * @param value the value (NaN is ignored).
     */
    void add(final long tick, final double value)
    {
        if (Double.isNaN(value))
        {
            return;
        }
        if (origin == Long.MIN_VALUE)
        {
            origin = tick;
        }
        if (tick < origin)
        {
            return;
        }
        long index = (tick - origin) / widthTicks;
        while (index >= capacity)
        {
            compact();
            index = (tick - origin) / widthTicks;
        }
        final int i = (int) index;
        if (!used[i])
        {
            used[i] = true;
            minValue[i] = value;
            minTick[i] = tick;
            maxValue[i] = value;
            maxTick[i] = tick;
        }
        else
        {
            if (value < minValue[i])
            {
                minValue[i] = value;
                minTick[i] = tick;
            }
            if (value > maxValue[i])
            {
                maxValue[i] = value;
                maxTick[i] = tick;
            }
        }
        lastValue[i] = value;
        lastTick[i] = tick;
        highest = Math.max(highest, i);
    }

    private void compact()
    {
        final int half = capacity / 2;
        for (int to = 0; to < half; to++)
        {
            final int a = 2 * to;
            final int b = a + 1;
            if (used[a] && used[b])
            {
                final boolean minFromB = minValue[b] < minValue[a];
                final boolean maxFromB = maxValue[b] > maxValue[a];
                minValue[to] = minFromB ? minValue[b] : minValue[a];
                minTick[to] = minFromB ? minTick[b] : minTick[a];
                maxValue[to] = maxFromB ? maxValue[b] : maxValue[a];
                maxTick[to] = maxFromB ? maxTick[b] : maxTick[a];
                lastValue[to] = lastValue[b];
                lastTick[to] = lastTick[b];
                used[to] = true;
            }
            else if (used[a] || used[b])
            {
                final int from = used[a] ? a : b;
                minValue[to] = minValue[from];
                minTick[to] = minTick[from];
                maxValue[to] = maxValue[from];
                maxTick[to] = maxTick[from];
                lastValue[to] = lastValue[from];
                lastTick[to] = lastTick[from];
                used[to] = true;
            }
            else
            {
                used[to] = false;
            }
        }
        for (int i = half; i < capacity; i++)
        {
            used[i] = false;
        }
        widthTicks *= 2;
        highest = highest < 0 ? -1 : highest / 2;
    }

    /**
     * @return per bucket its minimum and maximum in tick order (one point when they coincide): the
     *     points of a polyline that looks like the full series at the bucket resolution.
     */
    List<SessionReport.Point> envelope()
    {
        final List<SessionReport.Point> points = new ArrayList<>(2 * (highest + 1));
        for (int i = 0; i <= highest; i++)
        {
            if (!used[i])
            {
                continue;
            }
            if (minTick[i] == maxTick[i])
            {
                points.add(new SessionReport.Point(minTick[i], minValue[i]));
            }
            else if (minTick[i] < maxTick[i])
            {
                points.add(new SessionReport.Point(minTick[i], minValue[i]));
                points.add(new SessionReport.Point(maxTick[i], maxValue[i]));
            }
            else
            {
                points.add(new SessionReport.Point(maxTick[i], maxValue[i]));
                points.add(new SessionReport.Point(minTick[i], minValue[i]));
            }
        }
        return points;
    }

    /**
     * @return per bucket its last value: enough for a monotone series such as the dose.
     */
    List<SessionReport.Point> lastValues()
    {
        final List<SessionReport.Point> points = new ArrayList<>(highest + 1);
        for (int i = 0; i <= highest; i++)
        {
            if (used[i])
            {
                points.add(new SessionReport.Point(lastTick[i], lastValue[i]));
            }
        }
        return points;
    }

    /**
     * @return the current bucket width in ticks.
     */
    long widthTicks()
    {
        return widthTicks;
    }
}
