package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-14: modified, removed, inserted, reordered and truncated records are detected, and the verifier names
 * the first bad record.
 */
class JournalTamperTest
{
    private static final int TARGET = 700;

    @TempDir
    Path root;
    Path original;
    List<byte[]> records;
    List<Long> positions;

    @BeforeEach
    void writeJournal()
    {
        original = root.resolve("original");
        JournalFixtures.writeSession(original, JournalMode.DIRECT, 0, 3000);
        records = new ArrayList<>();
        positions = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(original))
        {
            int length;
            while ((length = reader.nextRaw()) >= 0)
            {
                records.add(Arrays.copyOf(reader.buffer().byteArray(), length));
                positions.add(reader.position());
            }
        }
        assertEquals(VerifyReport.Status.OK, verify(original).status());
        assertEquals(JournalDescriptor.TICK_PACKED, records.get(TARGET)[0], "the target record is a tick");
    }

    private static VerifyReport verify(final Path dir)
    {
        return JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
    }

    private Path copy(final List<byte[]> modified)
    {
        final Path dir = root.resolve("copy");
        return JournalFixtures.writeRecords(dir, modified);
    }

    private Path cq4(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static void assertFailedAt(final VerifyReport report, final long record, final String why)
    {
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals(record, report.badRecord(), report.message());
        assertTrue(report.message().contains(why), report.message());
        assertTrue(report.message().startsWith("record " + record + " "), report.message());
    }

    @Test
    @DisplayName("SR-14 an unmodified copy verifies (the copy mechanism itself is faithful)")
    void faithfulCopyVerifies()
    {
        final VerifyReport report = verify(copy(records));
        assertEquals(VerifyReport.Status.OK, report.status(), report.message());
    }

    @Test
    @DisplayName("SR-14 a byte flipped in a tick's payload in the .cq4 file is detected at that record")
    void byteFlipInPayload() throws IOException
    {
        flip(positions.get(TARGET) + records.get(TARGET).length - JournalDescriptor.PACKED_CHECK_LENGTH - 1);
        assertFailedAt(verify(original), TARGET, "breaks the chain");
    }

    @Test
    @DisplayName("SR-14 a byte flipped in a record's chain value is detected at that record")
    void byteFlipInChain() throws IOException
    {
        flip(positions.get(TARGET) + records.get(TARGET).length - JournalDescriptor.PACKED_CHECK_LENGTH + 2);
        assertFailedAt(verify(original), TARGET, "breaks the chain");
    }

    private void flip(final long position) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(cq4(original).toFile(), "rw"))
        {
            file.seek(position);
            final int b = file.read();
            file.seek(position);
            file.write(b ^ 0x10);
        }
    }

    @Test
    @DisplayName("SR-14 a removed record is detected at its position")
    void removedRecord()
    {
        final List<byte[]> modified = new ArrayList<>(records);
        modified.remove(TARGET);
        assertFailedAt(verify(copy(modified)), TARGET, "breaks the chain");
    }

    @Test
    @DisplayName("SR-14 an inserted record (a replayed earlier tick) is detected at its position")
    void insertedRecord()
    {
        final List<byte[]> modified = new ArrayList<>(records);
        modified.add(TARGET, records.get(TARGET - 10));
        assertFailedAt(verify(copy(modified)), TARGET, "breaks the chain");
    }

    @Test
    @DisplayName("SR-14 two swapped records are detected at the first of them")
    void reorderedRecords()
    {
        final List<byte[]> modified = new ArrayList<>(records);
        modified.set(TARGET, records.get(TARGET + 1));
        modified.set(TARGET + 1, records.get(TARGET));
        assertFailedAt(verify(copy(modified)), TARGET, "breaks the chain");
    }

    @Test
    @DisplayName("SR-14 a journal truncated mid-session is INCOMPLETE: ended without session end at the last tick kept")
    void truncatedRecords()
    {
        final List<byte[]> modified = new ArrayList<>(records.subList(0, TARGET + 1));
        final TickDecoder decoder = new TickDecoder();
        for (final byte[] record : modified)
        {
            decoder.decode(new org.agrona.concurrent.UnsafeBuffer(record), 0, record.length, JournalFixtures.PERIOD_NS);
        }
        final long lastTick = decoder.record().tick;
        final VerifyReport report = verify(copy(modified));
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, report.status(), report.message());
        assertTrue(report.message().contains("ended without session end at tick " + lastTick + ":"), report.message());
        assertEquals(TARGET + 1, report.records());
        assertTrue(report.unsealedRecords() > 0, report.message());
    }

    @Test
    @DisplayName("SR-14 a journal whose final seal was cut off is not OK")
    void truncatedFinalSeal()
    {
        // the final seal lost — and a periodic seal just before it, when a busy sealer's request was granted only
        // at the session end's record (then the journal ends seal, seal): otherwise nothing would be unsealed
        int end = records.size();
        while (records.get(end - 1)[0] == JournalDescriptor.SEAL)
        {
            end--;
        }
        assertTrue(end < records.size(), "the journal ends with a seal");
        final List<byte[]> modified = new ArrayList<>(records.subList(0, end));
        final VerifyReport report = verify(copy(modified));
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, report.status(), report.message());
        assertTrue(report.message().contains("was never sealed"), report.message());
    }

    @Test
    @DisplayName("SR-14 a .cq4 file cut in the middle of a record is reported, never an exception nor OK")
    void fileCutMidRecord() throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(cq4(original).toFile(), "rw"))
        {
            file.setLength(positions.get(TARGET) + 40);
        }
        final VerifyReport report = verify(original);
        assertNotEquals(VerifyReport.Status.OK, report.status(), report.message());
        assertTrue(report.records() <= TARGET + 1, report.message());
    }

    @Test
    @DisplayName("SR-14 a forger who edits a tick and recomputes every chain value without the device key is caught by the next seal")
    void rechainedForgeryFailsAtTheNextSeal() throws Exception
    {
        final List<byte[]> modified = new ArrayList<>();
        for (final byte[] record : records)
        {
            modified.add(record.clone());
        }
        final byte[] target = modified.get(TARGET);
        target[target.length - JournalDescriptor.PACKED_CHECK_LENGTH - 1] ^= 0x01; // the last stored field's last byte
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] chain = new byte[JournalDescriptor.CHAIN_LENGTH];
        for (final byte[] record : modified)
        {
            final int tag = JournalDescriptor.chainTagLength(record[0]);
            sha.update(chain);
            sha.update(record, 0, record.length - tag);
            chain = Arrays.copyOf(sha.digest(), JournalDescriptor.CHAIN_LENGTH);
            System.arraycopy(chain, 0, record, record.length - tag, tag);
        }
        final VerifyReport report = verify(copy(modified));
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertTrue(report.badRecord() > TARGET, report.message());
        assertEquals(JournalDescriptor.SEAL, modified.get((int)report.badRecord())[0], report.message());
        assertTrue(report.message().contains("is a seal whose chain value differs"), report.message());
    }

    @Test
    @DisplayName("SR-14 seals do not verify with another device's key")
    void wrongKey()
    {
        final VerifyReport report = JournalVerifier.verify(original, JournalFixtures.generate().getPublic());
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertTrue(report.message().contains("signature does not verify"), report.message());
        assertEquals(JournalDescriptor.SEAL, records.get((int)report.badRecord())[0]);
        // the counts describe the records before the bad seal, not the whole journal: no seal verified
        assertEquals(report.badRecord() + 1, report.records());
        assertEquals(0, report.seals(), "seals verified before the first (bad) seal");
        // exactly the ticks before the bad seal (where the sealer thread put it depends on scheduling)
        long ticksBefore = 0;
        for (int i = 0; i < report.badRecord(); i++)
        {
            final int type = records.get(i)[0];
            if (JournalDescriptor.isTick(type))
            {
                ticksBefore++;
            }
        }
        assertEquals(ticksBefore, report.ticks(), "ticks counted before the bad seal");
        final VerifyReport whole = verify(original);
        assertTrue(report.ticks() <= whole.ticks(), report.ticks() + " ticks counted of " + whole.ticks());
    }
}
