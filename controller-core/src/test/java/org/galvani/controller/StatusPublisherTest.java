package org.galvani.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.galvani.safety.TripRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusPublisherTest
{
    /** A source whose every field is derived from one counter, so a torn read is detectable. */
    private static final class CountingSource implements StatusSource
    {
        long n;
        final TripRecord trip = new TripRecord();

        public long tick()
        {
            return n;
        }

        public int stateCode()
        {
            return (int)(n % 11);
        }

        public int activeClamps()
        {
            return (int)(n & 0x3F);
        }

        public double measuredUa()
        {
            return n * 2.0;
        }

        public double averageUa()
        {
            return n * 3.0;
        }

        public double setpointUa()
        {
            return n * 4.0;
        }

        public double targetUa()
        {
            return n * 5.0;
        }

        public double capUa()
        {
            return n * 6.0;
        }

        public double doseNormalUc()
        {
            return n * 7.0;
        }

        public double doseReversedUc()
        {
            return n * 8.0;
        }

        public double doseTargetUc()
        {
            return n * 9.0;
        }

        public long treatmentElapsedNs()
        {
            return n * 10;
        }

        public long treatmentRemainingNs()
        {
            return n * 11;
        }

        public TripRecord lastTrip()
        {
            return trip;
        }

        public int lastRejectReasonCode()
        {
            return 0;
        }

        public long lastRejectedCommandId()
        {
            return n * 12;
        }

        public long lastAcceptedCommandId()
        {
            return n * 13;
        }

        public boolean polarityReversed()
        {
            return (n & 1) == 1;
        }

        public int dutyPermille()
        {
            return 1000;
        }

        public long longestTickNs()
        {
            return n * 14;
        }

        public long overrunCount()
        {
            return n * 15;
        }
    }

    /**
     * The seqlock's contract as a jcstress-style stress test on real threads: one writer (the control thread's
     * role) publishes 2,000,000 statuses whose every field is a function of one counter; readers on their own
     * threads copy the status in a loop and check every field against the copy's tick (a torn copy accepted
     * would mix two publishes) and that ticks never go backwards (a stale copy accepted after a newer one).
     * On x86 (TSO) the store-store fence's absence could not fail this (stores are never reordered there);
     * it guards the protocol on AArch64 and against any change that lets a torn or stale copy through.
     */
    @Test
    @DisplayName("readers on other threads never accept a torn or stale status while the control thread publishes")
    void consistentSnapshots() throws Exception
    {
        final StatusPublisher publisher = new StatusPublisher();
        final CountingSource source = new CountingSource();
        final AtomicBoolean running = new AtomicBoolean(true);
        final int readerCount = 2;
        final AtomicLong reads = new AtomicLong();
        final AtomicLong torn = new AtomicLong();
        final AtomicLong backwards = new AtomicLong();
        final AtomicLong distinct = new AtomicLong();
        final Thread[] readers = new Thread[readerCount];
        for (int r = 0; r < readerCount; r++)
        {
            readers[r] = new Thread(() ->
            {
                final ControllerStatus status = new ControllerStatus();
                long last = -1;
                while (running.get())
                {
                    publisher.read(status);
                    final long n = status.tick();
                    if (!consistent(status, n))
                    {
                        torn.incrementAndGet();
                    }
                    if (n < last)
                    {
                        backwards.incrementAndGet();
                    }
                    else if (n > last)
                    {
                        distinct.incrementAndGet();
                    }
                    last = n;
                    reads.incrementAndGet();
                }
            }, "status-reader-" + r);
            readers[r].start();
        }
        for (long i = 1; i <= 2_000_000; i++)
        {
            source.n = i;
            publisher.publish(source);
        }
        running.set(false);
        for (final Thread reader : readers)
        {
            reader.join();
        }
        assertTrue(distinct.get() > readerCount, "the readers overlapped the writer (" + distinct.get() +
            " distinct statuses seen in " + reads.get() + " reads)");
        assertEquals(0, torn.get(), "torn status copies accepted");
        assertEquals(0, backwards.get(), "a reader accepted an older status after a newer one");
    }

    private static boolean consistent(final ControllerStatus s, final long n)
    {
        return s.stateCode == (int)(n % 11) && s.activeClamps() == (int)(n & 0x3F) && s.currentUa() == n * 2.0 &&
            s.averageUa() == n * 3.0 && s.setpointUa() == n * 4.0 && s.targetUa() == n * 5.0 &&
            s.capUa() == n * 6.0 && s.doseNormalUc() == n * 7.0 && s.doseReversedUc() == n * 8.0 &&
            s.doseTargetUc() == n * 9.0 && s.treatmentElapsedNs() == n * 10 && s.treatmentRemainingNs() == n * 11 &&
            s.lastRejectedCommandId() == n * 12 && s.lastAcceptedCommandId() == n * 13 &&
            s.polarityReversed() == ((n & 1) == 1) && s.longestTickNs() == n * 14 && s.overrunCount() == n * 15;
    }
}
