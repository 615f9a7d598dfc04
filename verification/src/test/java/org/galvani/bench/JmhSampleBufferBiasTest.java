package org.galvani.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.util.SampleBuffer;
import org.openjdk.jmh.util.Statistics;

/**
 * Characterises a known anomaly of a SOUP item (docs/software-requirements.md, the JMH row; docs/decisions.md
 * ADR-36): JMH 1.37's {@link SampleBuffer#half()} computes {@code count / 2} per bucket and stores it only when it
 * is not 0, so a bucket holding one sample is never halved. The SampleTime stub halves its buffer whenever it has
 * taken more than its target of samples, so after each halving the body of the distribution weighs half as much and
 * the rare slow samples — each alone in its fine bucket — keep their full weight: the tail percentiles JMH reports
 * are above those of the samples it took.
 *
 * <p>If these tests fail after a JMH upgrade, JMH has changed {@code half()}: re-measure {@code TickBenchmark}, and
 * revisit ADR-36, the SOUP row and the README's Performance section, which explain the JMH tail by this anomaly.
 */
class JmhSampleBufferBiasTest
{
    private static final long FAST_NS = 200;
    private static final long SLOW_NS = 20_000;

    @Test
    @DisplayName("half() halves a bucket of 1,024 samples but keeps a bucket of one: the slow share doubles each time")
    void aCountOfOneSurvivesHalfWhileTheBodyHalves()
    {
        final SampleBuffer buffer = new SampleBuffer();
        long body = 1_024;
        for (int i = 0; i < body; i++)
        {
            buffer.add(FAST_NS);
        }
        buffer.add(SLOW_NS);
        double slowShare = 1.0 / (body + 1);
        for (int halving = 1; halving <= 5; halving++)
        {
            buffer.half();
            body /= 2;
            final Statistics statistics = buffer.getStatistics(1);
            assertEquals(body + 1, statistics.getN(), "after " + halving + " halvings: the body halved, the slow one kept");
            assertEquals(SLOW_NS, statistics.getMax(), 0.0, "the single slow sample survived halving " + halving);
            assertEquals(FAST_NS, statistics.getMin(), 0.0);
            final double share = 1.0 / statistics.getN();
            assertTrue(share > 1.9 * slowShare && share < 2.1 * slowShare,
                "the slow share doubles with each halving: " + slowShare + " then " + share);
            slowShare = share;
        }
    }

    @Test
    @DisplayName("a bucket of two or three halves to one, a bucket of one stays one: half() never empties a bucket")
    void halfRoundsDownButNeverToZero()
    {
        final SampleBuffer buffer = new SampleBuffer();
        buffer.add(100);
        buffer.add(300);
        buffer.add(300);
        buffer.add(700);
        buffer.add(700);
        buffer.add(700);
        buffer.half();
        final Statistics statistics = buffer.getStatistics(1);
        assertEquals(3, statistics.getN(), "1, 2 and 3 samples all become 1");
        assertEquals(100, statistics.getMin(), 0.0);
        assertEquals(700, statistics.getMax(), 0.0);
    }

    @Test
    @DisplayName("the stub's sampling and halving report a p99.9 above the p99.9 of the very samples it took")
    void theStubsHalvingInflatesP999()
    {
        // 2,000,000 operations of 200–299 ns with one of 20–56 µs every 3,571 (2.8e-4, as the host's stalls measured
        // in ADR-36; each stall a little longer than the last, as real stalls differ, so each lands in a bucket of its
        // own), sampled by JMH's stub with 10,000 target samples (a 500 ms iteration).
        final JmhSampling sampling = new JmhSampling(JmhSampling.targetSamplesFor(500));
        final SampleBuffer estimate = new SampleBuffer();
        final SampleBuffer taken = new SampleBuffer();
        final SampleBuffer everyOperation = new SampleBuffer();
        sampling.beginIteration(0x5EED);
        for (int i = 0; i < 2_000_000; i++)
        {
            final long durationNs = i % 3_571 == 3_570 ? SLOW_NS + 64L * (i / 3_571) : FAST_NS + i % 100;
            sampling.onOperation(durationNs);
            everyOperation.add(durationNs);
        }
        sampling.endIteration(estimate, taken);
        assertTrue(sampling.halvings() >= 3, "the stub halved its buffer: " + sampling.halvings());

        final double trueP999 = everyOperation.getStatistics(1).getPercentile(99.9);
        final double takenP999 = taken.getStatistics(1).getPercentile(99.9);
        final double reportedP999 = estimate.getStatistics(1).getPercentile(99.9);
        assertTrue(trueP999 < FAST_NS + 100, "the operations' own p99.9 is in the fast body: " + trueP999);
        assertTrue(takenP999 < FAST_NS + 100, "the samples taken, each counted once, agree: " + takenP999);
        assertTrue(reportedP999 > trueP999, "JMH's estimate is above the true p99.9: " + reportedP999 + " vs " + trueP999);
        assertTrue(reportedP999 >= SLOW_NS,
            "the estimate's p99.9 is a slow sample, though under 0.1 % of the samples were slow: " + reportedP999);
        assertEquals(taken.getStatistics(1).getPercentile(50), estimate.getStatistics(1).getPercentile(50), 2.0,
            "the body's p50 is unchanged: only the tail is biased");
    }
}
