package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChronicleJournalTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(JournalMode.class)
    @DisplayName("SR-14 SR-15 every tick and event reads back as written (decisions exact, PID terms as float) and verifies")
    void roundTrip(final JournalMode mode)
    {
        final long n = 20_000;
        final SessionSummary written = JournalFixtures.writeSession(dir, mode, 0, n);
        final List<String> problems = new ArrayList<>();
        final long[] counts = new long[5];
        final SessionSummary[] readSummary = new SessionSummary[1];
        try (JournalReader reader = JournalReader.open(dir))
        {
            final TickRecord expected = new TickRecord();
            final ControllerEvent expectedEvent = new ControllerEvent();
            final int[] eventK = {0};
            final JournalVisitor visitor = new JournalVisitor()
            {
                @Override
                public void onSessionStart(final long index, final SessionHeader header)
                {
                    counts[0]++;
                    assertEquals(JournalFixtures.header(), header);
                }

                @Override
                public void onTick(final long index, final TickRecord r)
                {
                    JournalFixtures.fill(expected, counts[1]++);
                    assertTickEquals(expected, r, problems);
                    eventK[0] = 0;
                }

                @Override
                public void onEvent(final long index, final ControllerEvent e)
                {
                    JournalFixtures.event(expectedEvent, e.tick, eventK[0]++);
                    counts[2]++;
                    assertEquals(expectedEvent.type, e.type);
                    assertEquals(expectedEvent.commandId, e.commandId);
                    assertEquals(expectedEvent.sessionEvent, e.sessionEvent);
                    assertEquals(expectedEvent.code, e.code);
                    assertEquals(expectedEvent.arg, e.arg);
                    assertEquals(expectedEvent.measured, e.measured);
                    assertEquals(expectedEvent.limit, e.limit);
                    assertEquals(expectedEvent.attachment, e.attachment);
                }

                @Override
                public void onSeal(final long index, final long coveredIndex, final byte[] chain, final byte[] sig)
                {
                    counts[3]++;
                }

                @Override
                public void onSessionEnd(final long index, final SessionSummary summary)
                {
                    counts[4]++;
                    readSummary[0] = summary;
                }
            };
            while (reader.next(visitor))
            {
                // visits
            }
        }
        assertEquals(List.of(), problems.subList(0, Math.min(5, problems.size())));
        assertEquals(1, counts[0]);
        assertEquals(n, counts[1]);
        assertEquals(n / 50 * 4, counts[2]);
        assertTrue(counts[3] >= 2, "seals: " + counts[3]);
        assertEquals(written, readSummary[0]);
        assertEquals(n - 1, written.lastTick());
        assertEquals(n, written.tickCount());

        final VerifyReport report = JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
        assertEquals(VerifyReport.Status.OK, report.status(), report.message());
        assertEquals(n, report.ticks());
        assertEquals(n / 50 * 4, report.events());
        assertEquals(1, report.sessions());
        assertEquals(0, report.unsealedRecords());
    }

    static void assertTickEquals(final TickRecord e, final TickRecord r, final List<String> problems)
    {
        check(problems, r.tick, "tick", e.tick, r.tick);
        check(problems, r.tick, "scheduledNs", e.scheduledNs, r.scheduledNs);
        check(problems, r.tick, "actualNs", e.actualNs, r.actualNs);
        check(problems, r.tick, "latenessNs", e.latenessNs, r.latenessNs);
        check(problems, r.tick, "lastTickDurationNs", e.lastTickDurationNs, r.lastTickDurationNs);
        check(problems, r.tick, "sampleResult", e.sampleResult, r.sampleResult);
        check(problems, r.tick, "sample", e.sample.toString(), r.sample.toString());
        check(problems, r.tick, "stateBefore", e.stateBefore, r.stateBefore);
        check(problems, r.tick, "stateAfter", e.stateAfter, r.stateAfter);
        check(problems, r.tick, "verdict", e.verdict, r.verdict);
        check(problems, r.tick, "tripCause", e.tripCause, r.tripCause);
        check(problems, r.tick, "activeClamps", e.activeClamps, r.activeClamps);
        check(problems, r.tick, "targetUa", Double.doubleToLongBits(e.targetUa), Double.doubleToLongBits(r.targetUa));
        check(problems, r.tick, "setpointUa", Double.doubleToLongBits(e.setpointUa),
            Double.doubleToLongBits(r.setpointUa));
        check(problems, r.tick, "measuredUa", (float)e.measuredUa, (float)r.measuredUa);
        check(problems, r.tick, "loadOhm", (float)e.loadOhm, (float)r.loadOhm);
        check(problems, r.tick, "pTerm", (float)e.pTerm, (float)r.pTerm);
        check(problems, r.tick, "iTerm", (float)e.iTerm, (float)r.iTerm);
        check(problems, r.tick, "dTerm", (float)e.dTerm, (float)r.dTerm);
        check(problems, r.tick, "ffTerm", (float)e.ffTerm, (float)r.ffTerm);
        check(problems, r.tick, "command", e.command.toString(), r.command.toString());
        check(problems, r.tick, "actuateResult", e.actuateResult, r.actuateResult);
        check(problems, r.tick, "doseNormalUc", Double.doubleToLongBits(e.doseNormalUc),
            Double.doubleToLongBits(r.doseNormalUc));
        check(problems, r.tick, "doseReversedUc", Double.doubleToLongBits(e.doseReversedUc),
            Double.doubleToLongBits(r.doseReversedUc));
        check(problems, r.tick, "treatmentElapsedNs", e.treatmentElapsedNs, r.treatmentElapsedNs);
    }

    private static void check(final List<String> problems, final long tick, final String field, final Object expected,
        final Object actual)
    {
        if (!expected.equals(actual))
        {
            problems.add("tick " + tick + " " + field + ": expected " + expected + ", got " + actual);
        }
    }

    @Test
    @DisplayName("SR-15 values that do not fit the compact layout are written in TICK_WIDE, exactly")
    void wideLayoutKeepsEveryValue()
    {
        final TickRecord r = JournalFixtures.fill(new TickRecord(), 5);
        r.tick = 3_000_000_000L;
        r.sample.set(100_000, -70_000, 1 << 20, 70_000, -1, 0x1FF, 1L << 40);
        r.latenessNs = 5_000_000_000L;
        r.actualNs = r.scheduledNs + 1;
        r.lastTickDurationNs = 1L << 33;
        r.treatmentElapsedNs = 12_345;
        r.activeClamps = 1 << 9;
        r.command.set(1 << 17, true, true, 70_000);
        r.sampleResult = -1000;
        r.actuateResult = 1000;
        r.stateAfter = 20;
        r.verdict = 7;
        r.tripCause = 300;
        assertFalse(JournalCodec.fitsCompact(r, JournalFixtures.PERIOD_NS));
        final org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(new byte[256]);
        assertEquals(JournalDescriptor.TICK_WIDE_LENGTH, JournalCodec.encodeTick(r, JournalFixtures.PERIOD_NS, b, 0));
        final TickRecord back = new TickRecord();
        JournalCodec.decodeTick(b, 0, JournalFixtures.PERIOD_NS, back);
        final List<String> problems = new ArrayList<>();
        assertTickEquals(r, back, problems);
        assertEquals(List.of(), problems);

        final TickRecord compact = JournalFixtures.fill(new TickRecord(), 12_345);
        assertTrue(JournalCodec.fitsCompact(compact, JournalFixtures.PERIOD_NS));
        assertEquals(JournalDescriptor.TICK_LENGTH, JournalCodec.encodeTick(compact, JournalFixtures.PERIOD_NS, b, 0));
    }

    @Test
    @DisplayName("SR-14 Chronicle Queue's own reader opens the journal and reads every record as a document")
    void chronicleToolsOpenTheQueue()
    {
        JournalFixtures.writeSession(dir, JournalMode.DIRECT, 0, 1000);
        long documents = 0;
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).build();
             ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    assertTrue(dc.wire().bytes().readRemaining() > JournalDescriptor.CHAIN_LENGTH);
                    documents++;
                }
            }
        }
        final VerifyReport report = JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
        assertEquals(report.records(), documents);
        assertTrue(documents > 1000 + 80);
    }

    @Test
    @DisplayName("SR-14 sessions appended after reopening the journal continue the chain; both verify")
    void reopenContinuesTheChain()
    {
        JournalFixtures.writeSession(dir, JournalMode.DIRECT, 0, 3000);
        JournalFixtures.writeSession(dir, JournalMode.HAND_OFF, 0, 2000);
        final VerifyReport report = JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
        assertEquals(VerifyReport.Status.OK, report.status(), report.message());
        assertEquals(2, report.sessions());
        assertEquals(5000, report.ticks());
    }

    @Test
    @DisplayName("SR-14 bytes on disk per compact tick, Chronicle header, chain value and index included, stay at most 128")
    void bytesPerTick()
    {
        final long n = 200_000;
        try (ChronicleJournal journal = ChronicleJournal.open(dir,
            JournalFixtures.options(JournalMode.DIRECT).sealIntervalRecords(JournalDescriptor.MAX_SEAL_INTERVAL_RECORDS)))
        {
            journal.startSession(JournalFixtures.header());
            final TickRecord r = new TickRecord();
            for (long t = 0; t < n; t++)
            {
                assertTrue(journal.onTick(JournalFixtures.fill(r, t)));
            }
            journal.endSession();
        }
        long first = -1;
        long last = -1;
        try (JournalReader reader = JournalReader.open(dir))
        {
            final long[] ticks = {0};
            while (reader.next(new JournalVisitor()
            {
                @Override
                public void onTick(final long index, final TickRecord record)
                {
                    ticks[0]++;
                }
            }))
            {
                if (ticks[0] == 1 && first < 0)
                {
                    first = reader.position();
                }
                if (ticks[0] == n && last < 0)
                {
                    last = reader.position();
                }
            }
        }
        final double bytesPerTick = (last - first) / (double)(n - 1);
        System.out.printf("journal bytes on disk per compact tick: %.3f (record %d + header %d, rest is Chronicle's index)%n",
            bytesPerTick, JournalDescriptor.TICK_LENGTH, JournalDescriptor.CHRONICLE_HEADER_LENGTH);
        assertTrue(bytesPerTick <= 128.0, "bytes per tick " + bytesPerTick);
    }

    @Test
    @DisplayName("SR-14 a tick before the session start is refused and the journal says why")
    void tickWithoutSessionIsRefused()
    {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalFixtures.options(JournalMode.DIRECT)))
        {
            assertNull(journal.failure());
            assertFalse(journal.onTick(JournalFixtures.fill(new TickRecord(), 0)));
            assertNotNull(journal.failure());
            assertTrue(journal.failure().contains("no session was open"), journal.failure());
            assertFalse(journal.onEvent(JournalFixtures.event(new ControllerEvent(), 0, 0)));
        }
    }

    @Test
    @DisplayName("SR-14 a hand-off ring that overflows refuses the record, and every record accepted before is still written")
    void overflowLosesNothingAccepted()
    {
        long accepted = 0;
        try (ChronicleJournal journal = ChronicleJournal.open(dir,
            JournalFixtures.options(JournalMode.HAND_OFF).handOffCapacityBytes(64 * 1024)))
        {
            journal.startSession(JournalFixtures.header());
            final TickRecord r = new TickRecord();
            while (accepted < 10_000_000 && journal.onTick(JournalFixtures.fill(r, accepted)))
            {
                accepted++;
            }
            assertNotNull(journal.failure(), "the producer outran the journal thread");
            assertTrue(journal.failure().contains("ring buffer is full"), journal.failure());
        }
        final long[] ticks = {0, -1};
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.next(new JournalVisitor()
            {
                @Override
                public void onTick(final long index, final TickRecord record)
                {
                    ticks[0]++;
                    ticks[1] = record.tick;
                }
            }))
            {
                // count
            }
        }
        assertEquals(accepted, ticks[0], "every accepted tick is in the journal");
        assertEquals(accepted - 1, ticks[1], "the journal ends at the last accepted tick");
    }

    @Test
    @DisplayName("SR-14 HAND_OFF close stops the journal agent only after it drained the ring: every accepted record is in the queue")
    void closeDrainsTheHandOffRing()
    {
        final long n = 20_000;
        try (ChronicleJournal journal = ChronicleJournal.open(dir,
            JournalFixtures.options(JournalMode.HAND_OFF).handOffCapacityBytes(1 << 24)))
        {
            journal.startSession(JournalFixtures.header());
            final TickRecord r = new TickRecord();
            for (long t = 0; t < n; t++)
            {
                assertTrue(journal.onTick(JournalFixtures.fill(r, t)), journal.failure());
            }
            assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> "galvani-journal".equals(t.getName())),
                "the journal agent runs on its own thread");
            // close at once, without endSession: the ring still holds most of the burst
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> "galvani-journal".equals(t.getName()) && t.isAlive()),
            "close joined the journal agent's thread");
        final long[] ticks = {0, -1};
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.next(new JournalVisitor()
            {
                @Override
                public void onTick(final long index, final TickRecord record)
                {
                    ticks[0]++;
                    ticks[1] = record.tick;
                }
            }))
            {
                // count
            }
        }
        assertEquals(n, ticks[0], "every accepted tick is in the journal");
        assertEquals(n - 1, ticks[1]);
    }
}
