package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.config.StrictJson;
import org.galvani.controller.TickRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema 1 journals (TICK records with a 16-byte chain value each, written before TICK_PACKED) are still
 * verified and read, alone and with a schema 2 session appended after them by today's writer (a device
 * updated in the field keeps one queue).
 */
class SchemaOneCompatibilityTest
{
    private static final int TICKS = 3000;

    @TempDir
    Path dir;

    @Test
    @DisplayName("SR-14 a schema 1 journal (TICK and TICK_WIDE) verifies and reads tick for tick; a schema 2 session appended to it verifies and reads too")
    void schemaOneIsStillReadAndContinued() throws Exception
    {
        writeSchemaOneSession();
        final VerifyReport old = JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
        assertEquals(VerifyReport.Status.OK, old.status(), old.message());
        assertEquals(TICKS, old.ticks());
        assertEquals(List.of(), readBack(TICKS));

        JournalFixtures.writeSession(dir, JournalMode.DIRECT, TICKS, TICKS); // today's writer continues the chain
        final VerifyReport both = JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
        assertEquals(VerifyReport.Status.OK, both.status(), both.message());
        assertEquals(2, both.sessions());
        assertEquals(2 * TICKS, both.ticks());
        assertEquals(List.of(), readBack(2 * TICKS));
    }

    /** Every tick read back equals what was written (both sessions use the fixture's values). */
    private List<String> readBack(final int expectedTicks)
    {
        final List<String> problems = new ArrayList<>();
        final long[] count = {0};
        final TickRecord expected = new TickRecord();
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.next(new JournalVisitor()
            {
                @Override
                public void onTick(final long index, final TickRecord r)
                {
                    ChronicleJournalTest.assertTickEquals(JournalFixtures.fill(expected, r.tick), r, problems);
                    count[0]++;
                }
            }))
            {
                // read
            }
        }
        if (count[0] != expectedTicks)
        {
            problems.add(count[0] + " ticks read, expected " + expectedTicks);
        }
        return problems;
    }

    /** A schema 1 session as the writer before TICK_PACKED laid it out: start, TICKs, end, a seal over the end. */
    private void writeSchemaOneSession() throws Exception
    {
        final ChainHash chain = new ChainHash();
        final SessionSummary.Accumulator summary = new SessionSummary.Accumulator();
        final UnsafeBuffer b = new UnsafeBuffer(new byte[1 << 16]);
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
            .build();
             ExcerptAppender appender = queue.createAppender())
        {
            final byte[] json = StrictJson.mapper().writeValueAsBytes(JournalFixtures.header());
            final int startLength = JournalDescriptor.START_JSON_OFFSET + json.length + JournalDescriptor.CHAIN_LENGTH;
            b.setMemory(0, startLength, (byte)0);
            b.putByte(JournalDescriptor.TYPE_OFFSET, (byte)JournalDescriptor.SESSION_START);
            b.putShort(JournalDescriptor.START_SCHEMA_VERSION_OFFSET, (short)1, ByteOrder.LITTLE_ENDIAN);
            b.putInt(JournalDescriptor.START_JSON_LENGTH_OFFSET, json.length, ByteOrder.LITTLE_ENDIAN);
            b.putBytes(JournalDescriptor.START_CONFIG_SHA256_OFFSET, MessageDigest.getInstance("SHA-256").digest(json));
            b.putInt(JournalDescriptor.START_SEAL_INTERVAL_OFFSET, 1024, ByteOrder.LITTLE_ENDIAN);
            b.putBytes(JournalDescriptor.START_JSON_OFFSET, json);
            append(appender, chain, b, startLength);
            final TickRecord r = new TickRecord();
            for (long t = 0; t < TICKS; t++)
            {
                JournalFixtures.fill(r, t);
                // schema 1 wrote TICK, and TICK_WIDE where a value did not fit: one of each kind is here
                final int length = t == TICKS / 2 ? JournalCodec.encodeWideTick(r, b, 0) :
                    JournalCodec.encodeTick(r, JournalFixtures.PERIOD_NS, b, 0);
                assertEquals(t == TICKS / 2 ? JournalDescriptor.TICK_WIDE : JournalDescriptor.TICK, b.getByte(0));
                append(appender, chain, b, length);
                summary.onTick(r);
            }
            append(appender, chain, b, JournalCodec.encodeSessionEnd(summary.toSummary(), b, 0));
            final long endIndex = appender.lastIndexAppended();
            final byte[] covered = chain.value().clone();
            final byte[] signature = Sealer.sign(JournalFixtures.KEYS.getPrivate(), endIndex, covered);
            append(appender, chain, b, JournalCodec.encodeSeal(endIndex, covered, signature, b, 0));
        }
    }

    private static void append(final ExcerptAppender appender, final ChainHash chain, final UnsafeBuffer b,
        final int length)
    {
        chain.step(b.byteArray(), length);
        chain.store(b.byteArray(), length);
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(b.byteArray(), 0, length);
        }
    }
}
