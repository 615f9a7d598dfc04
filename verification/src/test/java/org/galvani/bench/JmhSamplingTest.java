package org.galvani.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.util.SampleBuffer;
import org.openjdk.jmh.util.Statistics;

/**
 * {@link JmhSampling} replays JMH's SampleTime stub: every operation sampled until the target is passed, then
 * halvings with a doubling mask; the iterations merged; JMH's 20 samples a millisecond.
 */
class JmhSamplingTest
{
    @Test
    @DisplayName("below the target every operation is sampled (mask 0) and nothing is halved")
    void belowTheTargetEveryOperationIsSampled()
    {
        final JmhSampling sampling = new JmhSampling(1_000);
        final SampleBuffer estimate = new SampleBuffer();
        final SampleBuffer taken = new SampleBuffer();
        sampling.beginIteration(42);
        for (int i = 0; i < 900; i++)
        {
            sampling.onOperation(100 + i);
        }
        sampling.endIteration(estimate, taken);
        assertEquals(900, sampling.samples());
        assertEquals(0, sampling.halvings());
        final Statistics reported = estimate.getStatistics(1);
        assertEquals(900, reported.getN());
        assertEquals(taken.getStatistics(1).getPercentile(99.9), reported.getPercentile(99.9), 0.0);
        assertEquals(100, reported.getMin(), 0.0);
    }

    @Test
    @DisplayName("past the target the stub halves, and each stride samples at most target + 2 operations")
    void pastTheTargetTheStubHalvesAndThinsItsSampling()
    {
        final int target = 500;
        final int operations = 200_000;
        final JmhSampling sampling = new JmhSampling(target);
        final SampleBuffer estimate = new SampleBuffer();
        final SampleBuffer taken = new SampleBuffer();
        sampling.beginIteration(7);
        for (int i = 0; i < operations; i++)
        {
            sampling.onOperation(250);
        }
        sampling.endIteration(estimate, taken);
        assertTrue(sampling.halvings() >= 4, "halvings: " + sampling.halvings());
        assertTrue(sampling.samples() < operations / 4, "the mask thinned the sampling: " + sampling.samples());
        assertTrue(sampling.samples() <= (long)(sampling.halvings() + 1) * (target + 2),
            "at most target + 2 samples a stride: " + sampling.samples());
        assertEquals(sampling.samples(), taken.getStatistics(1).getN());
        assertTrue(estimate.getStatistics(1).getN() < sampling.samples(), "the estimate was halved");
        assertEquals(250, estimate.getStatistics(1).getPercentile(50), 0.0);
        assertEquals(0, sampling.dropped());
    }

    @Test
    @DisplayName("each iteration starts afresh (mask 0) and the iterations' buffers are merged")
    void iterationsStartAfreshAndMerge()
    {
        final JmhSampling sampling = new JmhSampling(10_000);
        final SampleBuffer estimate = new SampleBuffer();
        final SampleBuffer taken = new SampleBuffer();
        for (int iteration = 0; iteration < 3; iteration++)
        {
            sampling.beginIteration(iteration);
            for (int i = 0; i < 1_000; i++)
            {
                sampling.onOperation(300 + iteration);
            }
            sampling.endIteration(estimate, taken);
        }
        assertEquals(3_000, sampling.samples());
        assertEquals(3_000, estimate.getStatistics(1).getN());
        assertEquals(302, estimate.getStatistics(1).getMax(), 0.0);
    }

    @Test
    @DisplayName("JMH's target is 20 samples a millisecond of iteration, at least one; a target below 1 is refused")
    void targetIsTwentyAMillisecond()
    {
        assertEquals(40_000, JmhSampling.targetSamplesFor(2_000));
        assertEquals(1, JmhSampling.targetSamplesFor(0.01));
        assertThrows(IllegalArgumentException.class, () -> new JmhSampling(0));
    }
}
