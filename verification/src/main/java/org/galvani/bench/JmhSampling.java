package org.galvani.bench;

import org.openjdk.jmh.util.SampleBuffer;

/**
 * JMH 1.37's SampleTime instrument, replayed on operations timed elsewhere: the sampling of the generated
 * {@code *_sample_jmhStub} (an LCG {@code rnd = rnd * 1664525 + 1013904223}; an operation is sampled when
 * {@code (rnd & mask) == 0}; after more than {@code targetSamples} samples the stub calls
 * {@code SampleBuffer.half()} and doubles the mask) feeding a real {@link SampleBuffer}, so that JMH's percentile
 * estimate and the true percentiles can be printed for the same operations ({@link TickTailHarness}).
 *
 * <p>As in the stub, every iteration starts with mask 0 (the stub's {@code startRndMask = Math.max(...)} assigns its
 * own parameter, so the field it came from stays 0) and a fresh buffer; the iterations' buffers are then merged as
 * JMH merges them for its result. {@code targetSamples} is the stub's {@code iteration ms × 20}.
 *
 * <p>Allocation: {@link #onOperation} allocates nothing — it appends the sampled durations and the halvings to a
 * log pre-sized at construction (a real {@link SampleBuffer} allocates a bucket array on its first sample of each
 * magnitude); {@link #endIteration} replays the log into the buffers after the timed loop, in the same order.
 * Threading: one thread.
 */
final class JmhSampling
{
    private static final long HALF = -1;
    private static final int MAX_HALVINGS = 33;

    private final int targetSamples;
    private final long[] log;
    private int logged;
    private long dropped;
    private int rnd;
    private int mask;
    private int stride;
    private int halvings;
    private long samples;

    /**
     * @param targetSamples the stub's target number of samples per stride (iteration ms × 20), ≥ 1.
     */
    JmhSampling(final int targetSamples)
    {
        if (targetSamples < 1)
        {
            throw new IllegalArgumentException("targetSamples must be ≥ 1, got " + targetSamples);
        }
        this.targetSamples = targetSamples;
        // Per stride: targetSamples + 2 samples and one halving; the mask is all ones after 32 doublings.
        this.log = new long[MAX_HALVINGS * (targetSamples + 3)];
    }

    /**
     * @param iterationMs an iteration's length in milliseconds.
     * @return the target JMH computes for an iteration of that many milliseconds (20 samples a millisecond).
     */
    static int targetSamplesFor(final double iterationMs)
    {
        return (int)Math.max(1, Math.min(Integer.MAX_VALUE / (MAX_HALVINGS + 1) - 3, iterationMs * 20));
    }

    /**
     * Starts an iteration as the stub does: mask 0, stride 0, an empty log.
     *
     * @param seed the LCG's start (the stub uses {@code (int)System.nanoTime()}).
     */
    void beginIteration(final int seed)
    {
        rnd = seed;
        mask = 0;
        stride = 0;
        logged = 0;
    }

    /**
     * One timed operation: sampled or not by the stub's rule.
     *
     * @param durationNs the operation's duration.
     */
    void onOperation(final long durationNs)
    {
        rnd = rnd * 1664525 + 1013904223;
        if ((rnd & mask) == 0)
        {
            append(durationNs);
            if (stride++ > targetSamples)
            {
                append(HALF);
                stride = 0;
                mask = (mask << 1) + 1;
            }
        }
    }

    private void append(final long entry)
    {
        if (logged < log.length)
        {
            log[logged++] = entry;
        }
        else
        {
            dropped++;
        }
    }

    /**
     * Ends an iteration: replays its samples and halvings into a fresh buffer as the stub fed its own, merges that
     * into {@code estimate} (JMH's result), and adds the same samples, never halved, to {@code unhalved}.
     *
     * @param estimate the merged buffers of the iterations, as JMH reports them.
     * @param unhalved every sample taken, at weight one.
     */
    void endIteration(final SampleBuffer estimate, final SampleBuffer unhalved)
    {
        final SampleBuffer iteration = new SampleBuffer();
        for (int i = 0; i < logged; i++)
        {
            final long entry = log[i];
            if (entry == HALF)
            {
                iteration.half();
                halvings++;
            }
            else
            {
                iteration.add(entry);
                unhalved.add(entry);
                samples++;
            }
        }
        estimate.addAll(iteration);
        logged = 0;
    }

    /**
     * @return the samples taken over all ended iterations.
     */
    long samples()
    {
        return samples;
    }

    /**
     * @return the {@code half()} calls over all ended iterations.
     */
    int halvings()
    {
        return halvings;
    }

    /**
     * @return log entries lost because the log was full (0 unless the mask saturated; then the estimate is partial).
     */
    long dropped()
    {
        return dropped;
    }
}
