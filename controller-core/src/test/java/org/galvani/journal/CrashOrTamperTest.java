package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

import org.galvani.audit.IndependentJournalReader;
import org.galvani.controller.TickRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a crash, a tamper and damage never look alike (ADR-15, ADR-16; SR-24, SR-25). Each test here
 * fails on the code before the fix: the forged journals verified INCOMPLETE with exit 0, a flipped header
 * bit or appended bytes verified OK or INCOMPLETE, crashed sessions were named one at a time, and there was
 * no recovery record nor anchor.
 */
class CrashOrTamperTest
{
    @TempDir
    Path root;

    private static VerifyReport verify(final Path dir)
    {
        return JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
    }

    private static List<byte[]> records(final Path dir)
    {
        final List<byte[]> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            int length;
            while ((length = reader.nextRaw()) >= 0)
            {
                records.add(Arrays.copyOf(reader.buffer().byteArray(), length));
            }
        }
        return records;
    }

    /** Writes the records as they are (chain values untouched) into a new queue. */
    private Path write(final String name, final List<byte[]> records)
    {
        final Path dir = root.resolve(name);
        return JournalFixtures.writeRecords(dir, records);
    }

    /** What a forger without the device key can do: recompute every chain value (the chain has no key). */
    private static List<byte[]> rechain(final List<byte[]> records) throws Exception
    {
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] chain = new byte[16];
        final List<byte[]> out = new ArrayList<>();
        for (final byte[] original : records)
        {
            final byte[] r = original.clone();
            final int tag = JournalDescriptor.chainTagLength(r[0]);
            sha.update(chain);
            sha.update(r, 0, r.length - tag);
            chain = Arrays.copyOf(sha.digest(), 16);
            System.arraycopy(chain, 0, r, r.length - tag, tag);
            out.add(r);
        }
        return out;
    }

    private static Path cq4(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    @Test
    @DisplayName("SR-24 a rewritten journal — records edited, chain recomputed, every seal and the end dropped — is FAILED, not INCOMPLETE")
    void forgedJournalWithoutSealsFails() throws Exception
    {
        final Path original = root.resolve("original");
        JournalFixtures.writeSession(original, JournalMode.DIRECT, 0, JournalDescriptor.MAX_UNSIGNED_RECORDS + 2000);
        final List<byte[]> forged = new ArrayList<>();
        for (final byte[] r : records(original))
        {
            if (r[0] != JournalDescriptor.SEAL && r[0] != JournalDescriptor.SESSION_END)
            {
                forged.add(r);
            }
        }
        final byte[] edited = forged.get(500);
        edited[edited.length - JournalDescriptor.PACKED_CHECK_LENGTH - 1] ^= 1; // a stored field of a packed tick
        final VerifyReport report = verify(write("forged", rechain(forged)));
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertTrue(report.message().contains("no crash leaves an unsigned span beyond"), report.message());
        // 60 s of 1 ms ticks (the time bound) come before 65,536 records (the record bound)
        assertEquals(60_000 / 1 + 1, forgedTicksBefore(forged, report.badRecord()), report.message());
    }

    private static long forgedTicksBefore(final List<byte[]> records, final long position)
    {
        long ticks = 0;
        for (int i = 0; i <= position; i++)
        {
            ticks += JournalDescriptor.isTick(records.get(i)[0]) ? 1 : 0;
        }
        return ticks;
    }

    @Test
    @DisplayName("SR-24 a forged session appended after the sealed end, or a cut journal, is INCOMPLETE_UNATTESTED (exit 5), never OK")
    void forgedSessionOrCutIsUnattested() throws Exception
    {
        final Path original = root.resolve("original");
        JournalFixtures.writeSession(original, JournalMode.DIRECT, 0, 2000);
        final List<byte[]> records = records(original);
        final List<byte[]> appended = new ArrayList<>(records);
        appended.addAll(records.subList(0, 300)); // a second "session", chained on by the forger
        final VerifyReport forged = verify(write("appended", rechain(appended)));
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, forged.status(), forged.message());
        final VerifyReport cut = verify(write("cut", records.subList(0, records.size() / 2)));
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, cut.status(), cut.message());
    }

    @Test
    @DisplayName("SR-24 a session left open is attested by a signed RECOVERY record at the next open; 20 crashed sessions are all named")
    void everyCrashedSessionIsAttestedAndNamed()
    {
        final Path dir = root.resolve("crashes");
        final TickRecord r = new TickRecord();
        for (int s = 0; s < 20; s++)
        {
            try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalFixtures.options(JournalMode.DIRECT)))
            {
                assertEquals(s > 0, journal.recovered(), "session " + s);
                journal.startSession(JournalFixtures.header());
                for (long t = 0; t < 100 + s; t++)
                {
                    assertTrue(journal.onTick(JournalFixtures.fill(r, t)));
                }
                // closed without endSession: as a crash leaves it
            }
        }
        final VerifyReport unattested = verify(dir);
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, unattested.status(), unattested.message());
        assertEquals(20, unattested.crashes().size(), unattested.message());
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalFixtures.options(JournalMode.DIRECT)))
        {
            assertTrue(journal.recovered());
        }
        final VerifyReport report = verify(dir);
        assertEquals(VerifyReport.Status.INCOMPLETE_ATTESTED, report.status(), report.message());
        assertEquals(20, report.crashes().size(), report.message());
        for (int s = 0; s < 20; s++)
        {
            assertTrue(report.crashes().get(s).startsWith("session " + s + " ") &&
                report.crashes().get(s).contains("ended at tick " + (99 + s) + " without session end"),
                report.crashes().get(s));
            assertTrue(report.message().contains("session " + s + " "), report.message());
        }
        // a recovery record that lies about the tail breaks the chain or, rechained, fails as a recovery
        final List<byte[]> records = records(dir);
        for (final byte[] rec : records)
        {
            if (rec[0] == JournalDescriptor.RECOVERY)
            {
                rec[JournalDescriptor.RECOVERY_UNSIGNED_RECORDS_OFFSET] ^= 1;
                break;
            }
        }
        final VerifyReport lie = verify(write("lie", records));
        assertEquals(VerifyReport.Status.FAILED, lie.status(), lie.message());
    }

    @Test
    @DisplayName("SR-25 an anchor exported from the latest seal proves a later journal still reaches it; a cut journal does not")
    void anchorDetectsACutTail() throws Exception
    {
        final Path dir = root.resolve("anchored");
        JournalFixtures.writeSession(dir, JournalMode.DIRECT, 0, 1500);
        final JournalAnchor anchor = JournalAnchor.parse(verify(dir).latestSeal().toText());
        JournalFixtures.writeSession(dir, JournalMode.DIRECT, 0, 1500);
        final VerifyReport reached = JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic(), anchor);
        assertEquals(VerifyReport.Status.OK, reached.status(), reached.message());

        final List<byte[]> records = records(dir);
        final Path cut = write("cut", records.subList(0, (int)anchor.records() - 200));
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, verify(cut).status(), "without the anchor: a crash?");
        final VerifyReport caught = JournalVerifier.verify(cut, JournalFixtures.KEYS.getPublic(), anchor);
        assertEquals(VerifyReport.Status.FAILED, caught.status(), caught.message());
        assertTrue(caught.message().contains("no longer reaches its anchor"), caught.message());

        final byte[] forgedChain = anchor.chain();
        forgedChain[0] ^= 1;
        final JournalAnchor forged = new JournalAnchor(anchor.index(), forgedChain, anchor.signature(), 1);
        assertEquals(VerifyReport.Status.FAILED, JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic(), forged)
            .status(), "an anchor not signed by the device");
    }

    @Test
    @DisplayName("SR-14 SR-26 a kill during the write of a schema 2 tick (TICK_PACKED: its bytes after a header still 0, whole or cut short) is a crash, not damage; bytes past the longest packed tick are damage")
    void killDuringAPackedTickWriteIsACrash() throws Exception
    {
        final Path dir = root.resolve("killed-mid-tick");
        JournalFixtures.writeSession(dir, JournalMode.DIRECT, 0, 500);
        final VerifyReport pristine = verify(dir);
        assertEquals(VerifyReport.Status.OK, pristine.status(), pristine.message());
        byte[] packedTick = null;
        long end;
        try (JournalReader reader = JournalReader.open(dir))
        {
            int length;
            long last = -1;
            while ((length = reader.nextRaw()) >= 0)
            {
                if (packedTick == null && reader.buffer().getByte(0) == JournalDescriptor.TICK_PACKED)
                {
                    packedTick = Arrays.copyOf(reader.buffer().byteArray(), length);
                }
                last = reader.position() + length;
            }
            end = (last + 3) & ~3L;
        }
        assertNotNull(packedTick, "the session's ticks are TICK_PACKED (schema 2)");
        final Path file = cq4(dir);
        for (final int written : new int[] {1, packedTick.length / 2, packedTick.length})
        {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
            {
                raf.seek(end + 4); // Chronicle writes the header last: it is still 0
                raf.write(packedTick, 0, written);
            }
            final VerifyReport report = verify(dir);
            assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, report.status(), written + " bytes written: " +
                report.message());
            assertTrue(report.message().contains("the write of a record at offset " + end + " was never finished"),
                report.message());
            assertEquals(pristine.ticks(), report.ticks(), "the unfinished tick is not counted");
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(end + 4 + JournalDescriptor.PACKED_MAX_LENGTH);
            raf.write(1);
        }
        final VerifyReport beyond = verify(dir);
        assertEquals(VerifyReport.Status.FAILED, beyond.status(), beyond.message());
        assertTrue(beyond.message().contains("non-zero bytes after the end of data (which is at offset " + end + ")"),
            beyond.message());
    }

    @Test
    @DisplayName("SR-26 a flipped bit in a Chronicle header, and bytes appended after the data, are FAILED with the offset — never a clean end")
    void headerDamageAndTrailingBytesAreReportedWithTheOffset() throws Exception
    {
        final Path dir = root.resolve("damaged");
        JournalFixtures.writeSession(dir, JournalMode.DIRECT, 0, 3000);
        final List<Long> headers = new ArrayList<>();
        long end;
        try (JournalReader reader = JournalReader.open(dir))
        {
            int length = 0;
            long last = -1;
            while ((length = reader.nextRaw()) >= 0)
            {
                headers.add(reader.position() - 4);
                last = reader.position() + length;
            }
            end = (last + 3) & ~3L;
        }
        final Path file = cq4(dir);
        final long header = headers.get(1000);
        final byte[] pristine = new byte[4];
        for (final int bit : new int[] {31, 30, 29, 7, 2})
        {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
            {
                raf.seek(header);
                raf.readFully(pristine);
                final int value = (pristine[0] & 0xFF) | (pristine[1] & 0xFF) << 8 | (pristine[2] & 0xFF) << 16 |
                    (pristine[3] & 0xFF) << 24;
                final int flipped = value ^ (1 << bit);
                raf.seek(header);
                raf.write(new byte[] {(byte)flipped, (byte)(flipped >>> 8), (byte)(flipped >>> 16), (byte)(flipped >>> 24)});
            }
            final VerifyReport report = verify(dir);
            assertEquals(VerifyReport.Status.FAILED, report.status(), "bit " + bit + ": " + report.message());
            // a flag bit (working, metadata) or a length past the file is damage at the header's offset; a small
            // length change misframes the record, which breaks the chain at it
            assertTrue(bit < 29 ? report.message().contains("record 1000 ") :
                report.message().contains("offset " + header), "bit " + bit + ": " + report.message());
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
            {
                raf.seek(header);
                raf.write(pristine);
            }
            assertEquals(VerifyReport.Status.OK, verify(dir).status());
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(end + 4 + 100_000);
            raf.write("garbage after the data".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        final VerifyReport trailing = verify(dir);
        assertEquals(VerifyReport.Status.FAILED, trailing.status(), trailing.message());
        assertTrue(trailing.message().contains("non-zero bytes after the end of data (which is at offset " + end + ")"),
            trailing.message());
    }

    @Test
    @DisplayName("SR-26 what a kill during the queue's creation leaves (empty files) verifies at once as INCOMPLETE_UNATTESTED, never waiting on Chronicle's lock")
    void queueCreatedButNeverWritten() throws IOException
    {
        final Path dir = Files.createDirectories(root.resolve("created"));
        Files.write(dir.resolve("metadata.cq4t"), new byte[0]);
        Files.write(dir.resolve("20261206F.cq4"), new byte[0]);
        verify(dir); // class loading and JIT on a loaded machine are not under test
        final long start = System.nanoTime();
        final VerifyReport report = verify(dir);
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "no lock wait (Chronicle's is 11 s): " +
            (System.nanoTime() - start) / 1_000_000 + " ms");
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, report.status(), report.message());
        assertTrue(report.message().contains("created but never written"), report.message());
    }

    @Test
    @DisplayName("SR-14 an independent verifier written from docs/journal-format.md alone (JDK only) verifies a real journal like JournalVerifier")
    void independentReaderAgrees() throws Exception
    {
        final Path dir = root.resolve("independent");
        JournalFixtures.writeSession(dir, JournalMode.DIRECT, 0, 2500);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalFixtures.options(JournalMode.HAND_OFF)))
        {
            journal.startSession(JournalFixtures.header());
            final TickRecord r = new TickRecord();
            for (long t = 0; t < 700; t++)
            {
                assertTrue(journal.onTick(JournalFixtures.fill(r, t)));
                JournalFixtures.pause(2_000);
            }
        }
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalFixtures.options(JournalMode.DIRECT)))
        {
            assertTrue(journal.recovered());
        }
        final VerifyReport report = verify(dir);
        assertEquals(VerifyReport.Status.INCOMPLETE_ATTESTED, report.status(), report.message());
        final IndependentJournalReader.Result independent = IndependentJournalReader.verify(dir,
            JournalFixtures.KEYS.getPublic());
        assertNull(independent.problem(), independent.toString());
        assertEquals(report.records(), independent.records());
        assertEquals(report.sessions(), independent.sessions());
        assertEquals(report.ticks(), independent.ticks());
        assertEquals(report.seals(), independent.seals());
        assertEquals(1, independent.recoveries());

        final List<byte[]> records = records(dir);
        records.get(1234)[5] ^= 4;
        final IndependentJournalReader.Result tampered = IndependentJournalReader.verify(write("t", records),
            JournalFixtures.KEYS.getPublic());
        assertNotNull(tampered.problem());
        assertTrue(tampered.problem().startsWith("record 1234 "), tampered.problem());
    }
}
