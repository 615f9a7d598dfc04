package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-14, SR-24: the reports of {@link JournalVerifier} that {@link JournalVerifierChecksTest} does not reach, each
 * asserted whole (status, counts, the bad record and index, the message): a journal that cannot be read, holds no
 * records or whose files are damaged after its records, a device key that is not an Ed25519 key, and the
 * boundaries of the verifier's bookkeeping that PIT showed unpinned. One real 300-tick session is the base; edits
 * are made by a key holder ({@link KeyHolderForgery}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JournalVerifierEdgeTest
{
    private static final int TICKS = 300;

    @TempDir
    static Path root;
    private Path base;
    private KeyHolderForgery baseRecords;
    private VerifyReport baseReport;
    private final AtomicInteger copies = new AtomicInteger();

    @BeforeAll
    void writeBase()
    {
        base = root.resolve("base");
        JournalFixtures.writeSession(base, JournalMode.DIRECT, 0, TICKS);
        baseRecords = new KeyHolderForgery(base);
        baseReport = verify(base);
        assertEquals(VerifyReport.Status.OK, baseReport.status(), baseReport.message());
    }

    private static VerifyReport verify(final Path dir)
    {
        return JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
    }

    private Path copyOfBase()
    {
        return baseRecords.copy().write(root.resolve("copy-" + copies.incrementAndGet()));
    }

    private static Path cq4(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    // ---- the journal's files -------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a folder that does not exist is FAILED 'cannot be read' naming it, with no record counted")
    void missingFolder()
    {
        final Path missing = root.resolve("no-such-journal");
        final VerifyReport report = verify(missing);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("the journal cannot be read: IllegalArgumentException: there is no journal folder at " + missing,
            report.message());
        assertEquals(1, report.records());
        assertEquals(0, report.badRecord());
        assertEquals(-1, report.badIndex());
        assertEquals(0, report.sessions());
        assertEquals(-1, report.lastTick());
        assertNull(report.latestSeal());
    }

    @Test
    @DisplayName("SR-14 an empty folder, and a folder with an empty .cq4 file, hold no records: INCOMPLETE_UNATTESTED, nothing proven, the empty file named")
    void noRecords() throws IOException
    {
        final Path empty = Files.createDirectories(root.resolve("empty"));
        final VerifyReport none = verify(empty);
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, none.status(), none.message());
        assertEquals("the journal holds no records: created but never written (a crash while the queue was created), " +
            "or its records were wiped; nothing is proven", none.message());
        assertEquals(0, none.records());
        assertEquals(-1, none.badRecord());
        assertEquals(List.of(), none.crashes());

        final Path emptyFile = Files.createDirectories(root.resolve("empty-file"));
        Files.createFile(emptyFile.resolve("20261206F.cq4"));
        final VerifyReport created = verify(emptyFile);
        final String note = "in 20261206F.cq4: the file is empty: created but never written (a crash while the queue " +
            "was created)";
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, created.status(), created.message());
        assertEquals("the journal holds no records: created but never written (a crash while the queue was created), " +
            "or its records were wiped; nothing is proven (" + note + ")", created.message());
        assertEquals(List.of(note), created.crashes());
    }

    @Test
    @DisplayName("SR-14 a file whose name is no FAST_DAILY cycle is FAILED 'damaged' naming it")
    void badFileName() throws IOException
    {
        final Path dir = Files.createDirectories(root.resolve("bad-name"));
        Files.write(dir.resolve("journal.cq4"), new byte[64]);
        final VerifyReport report = verify(dir);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("the journal's files are damaged: the file's name is not a FAST_DAILY cycle (yyyyMMdd'F'.cq4) " +
            "(journal.cq4, offset 0)", report.message());
        assertEquals(0, report.badRecord());
        assertEquals(-1, report.badIndex());
    }

    @Test
    @DisplayName("SR-14 bytes written after the end of data are FAILED 'damaged after record n − 1 (index of it)', with every record before counted")
    void damageAfterTheLastRecord() throws IOException
    {
        final Path dir = copyOfBase();
        final int n = baseRecords.records.size();
        final long lastPosition;
        final int lastLength;
        try (JournalReader reader = JournalReader.open(dir))
        {
            int length;
            long position = -1;
            int last = -1;
            while ((length = reader.nextRaw()) >= 0)
            {
                position = reader.position();
                last = length;
            }
            lastPosition = position;
            lastLength = last;
        }
        final long endOfData = (lastPosition + lastLength + 3) & ~3L;
        final long garbage = endOfData + 64;
        try (RandomAccessFile file = new RandomAccessFile(cq4(dir).toFile(), "rw"))
        {
            file.seek(garbage);
            file.write(0x5a);
        }
        final VerifyReport report = verify(dir);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("the journal's files are damaged after record " + (n - 1) + " (index 0x" +
            Long.toHexString(baseRecords.index(n - 1)) + "): non-zero bytes after the end of data (which is at offset " +
            endOfData + "): bytes were appended, or a corrupted header ends the data early and hides the records after " +
            "it (" + cq4(dir).getFileName() + ", offset " + garbage + ")", report.message());
        assertEquals(n + 1, report.records());
        assertEquals(n, report.badRecord());
        assertEquals(-1, report.badIndex());
        assertEquals(TICKS, report.ticks());
        assertEquals(baseReport.seals(), report.seals());
        assertNull(report.latestSeal());
    }

    // ---- the device key ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a device key that is not Ed25519 fails at the first seal, 'cannot be checked' with the JDK's reason, counts before it")
    void keyOfAnotherAlgorithm() throws Exception
    {
        final PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        final InvalidKeyException why = assertThrows(InvalidKeyException.class,
            () -> Signature.getInstance("Ed25519").initVerify(ec));
        final VerifyReport report = JournalVerifier.verify(base, ec);
        final int seal = baseRecords.find(JournalDescriptor.SEAL, 0);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("record " + seal + " (index 0x" + Long.toHexString(baseRecords.index(seal)) + ") is a seal whose " +
            "signature cannot be checked: " + why.getMessage(), report.message());
        assertEquals(seal, report.badRecord());
        assertEquals(baseRecords.index(seal), report.badIndex());
        assertEquals(seal + 1, report.records());
        assertEquals(0, report.seals());
        assertTrue(report.ticks() > 0, "ticks before the first seal: " + report.ticks());
    }
}
