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

    @Test
    @DisplayName("readers on other threads never see a torn status while the control thread publishes")
    void consistentSnapshots() throws Exception
    {
        final StatusPublisher publisher = new StatusPublisher();
        final CountingSource source = new CountingSource();
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong reads = new AtomicLong();
        final AtomicLong torn = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            final ControllerStatus status = new ControllerStatus();
            while (running.get())
            {
                publisher.read(status);
                final long n = status.tick();
                if (status.currentUa() != n * 2.0 || status.doseReversedUc() != n * 8.0 ||
                    status.overrunCount() != n * 15 || status.lastAcceptedCommandId() != n * 13 ||
                    status.polarityReversed() != ((n & 1) == 1))
                {
                    torn.incrementAndGet();
                }
                reads.incrementAndGet();
            }
        });
        reader.start();
        for (long i = 1; i <= 2_000_000; i++)
        {
            source.n = i;
            publisher.publish(source);
        }
        running.set(false);
        reader.join();
        assertTrue(reads.get() > 0);
        assertEquals(0, torn.get(), "torn status reads");
    }
}
