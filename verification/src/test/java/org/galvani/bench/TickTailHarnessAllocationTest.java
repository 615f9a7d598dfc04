package org.galvani.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.management.ManagementFactory;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The harness's timed loops allocate nothing, so what they time is the tick and the floor, not the instrument's
 * garbage: ticks of {@link TreatingSession} on the native sim (JNA), floor operations and empty timed operations,
 * each recorded in a fixed-range HdrHistogram and fed to {@link JmhSampling} (halving and doubling its mask), counted with
 * the JVM's per-thread allocation counter after a warm-up (one clean pass of up to five).
 */
class TickTailHarnessAllocationTest
{
    @Test
    @DisplayName("tick, floor and timer loops: 0 bytes allocated over 300,000 operations each, JMH's sampling included")
    void timedLoopsAllocateNothing()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (TreatingSession session = TreatingSession.open("jna"))
        {
            final TickTailHarness harness = new TickTailHarness(session);
            final Histogram durations = new Histogram(1, 10_000_000_000L, 3);
            final JmhSampling sampling = new JmhSampling(100);
            for (int warm = 0; warm < 3; warm++)
            {
                sampling.beginIteration(warm);
                harness.timeTicks(100_000, durations, sampling);
                harness.timeFloor(100_000, durations, sampling);
                TickTailHarness.timeNothing(100_000, durations);
            }
            // Up to five measured passes: a loop that allocates per operation allocates in every pass (≥ 900,000
            // operations' worth); a one-off does not recur (2,064 bytes once on JDK 25 inside the whole suite, not
            // reproduced alone; a deoptimisation re-materialising scalar-replaced objects would look like that). One
            // clean pass of 900,000 operations shows the loops allocate nothing.
            final StringBuilder passes = new StringBuilder();
            long allocated = Long.MAX_VALUE;
            for (int pass = 0; pass < 5 && allocated != 0; pass++)
            {
                sampling.beginIteration(7 + pass);
                durations.reset();
                final long before = threads.getCurrentThreadAllocatedBytes();
                harness.timeTicks(300_000, durations, sampling);
                harness.timeFloor(300_000, durations, sampling);
                TickTailHarness.timeNothing(300_000, durations);
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertEquals(900_000, durations.getTotalCount(), "every operation recorded");
                passes.append(pass == 0 ? "" : ", ").append(allocated);
            }
            assertEquals(0L, allocated, "bytes allocated by the timed loops in each pass: " + passes);
        }
    }
}
