package org.galvani.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.galvani.testing.TestPlans;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-15 replay throughput harness: a 10-minute session with a polarity reversal (over 600,000 ticks at 1 kHz)
 * recorded on the native sim is replayed several times (the first ones warm the JIT up); each run prints
 * ticks per second, the projected time of a 40-minute session (2.4 M ticks) and the bytes allocated per tick
 * on the replaying thread. It prints, it does not assert a time (the machine is shared).
 */
class ReplayThroughputTest
{
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long FORTY_MINUTES_TICKS = 2_400_000L;
    private static final int RUNS = 4;

    @Test
    @DisplayName("SR-15 replay throughput: a ≥ 600,000-tick session replays, ticks/s and bytes/tick printed")
    void replayThroughput()
    {
        try (SimRecording s = new SimRecording("seed=9, watchdog_ms=0"))
        {
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
            s.send(SessionEvent.ARM, 0, TestPlans.standard().targetUa(8_000).durationNs(10 * MINUTE_NS)
                .reverseAtHalfTime(true).conclude());
            s.send(SessionEvent.START, 0, null);
            s.until(SessionState.COMPLETE, 11 * 60_000);
            final Object[] entries = s.entries.toArray();
            final long ticks = s.ticks().size();
            assertTrue(ticks >= 600_000, "ticks recorded: " + ticks);

            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long threadId = Thread.currentThread().getId();
            for (int run = 1; run <= RUNS; run++)
            {
                final Replayer replayer = new Replayer(s.header);
                final long allocatedBefore = threads.getThreadAllocatedBytes(threadId);
                final long startNs = System.nanoTime();
                push(entries, replayer);
                final long elapsedNs = System.nanoTime() - startNs;
                final long allocated = threads.getThreadAllocatedBytes(threadId) - allocatedBefore;
                final ReplayReport report = replayer.report();
                assertTrue(report.reproduced(), report.toString());
                assertEquals(ticks, report.ticksReplayed());
                final double ticksPerSecond = ticks * 1e9 / elapsedNs;
                System.out.println(String.format(Locale.ROOT, "replay run %d: %d ticks in %.3f s = %.0f ticks/s " +
                    "(report: %.0f ticks/s); a 40-minute session (2.4 M ticks) would take %.2f s; %.2f bytes " +
                    "allocated per tick", run, ticks, elapsedNs / 1e9, ticksPerSecond, report.ticksPerSecond(),
                    FORTY_MINUTES_TICKS / ticksPerSecond, (double)allocated / ticks));
            }
        }
    }

    private static void push(final Object[] entries, final Replayer replayer)
    {
        for (final Object entry : entries)
        {
            if (entry instanceof TickRecord r)
            {
                replayer.onRecordedTick(r);
            }
            else
            {
                replayer.onRecordedEvent((ControllerEvent)entry);
            }
        }
    }
}
