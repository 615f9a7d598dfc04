package org.galvani.fuzz;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.galvani.journal.JournalDescriptor;
import org.galvani.journal.JournalVerifier;
import org.galvani.journal.VerifyReport;

/**
 * Coverage-guided fuzzing (Jazzer) of {@link JournalVerifier#verify} (SR-14). Invariants: verify never throws
 * and never hangs, always returns a report with a message, and never reports OK for a journal in which a
 * record's content was changed.
 *
 * <ul>
 *   <li>{@link #corruptedFile}: edits (overwrite, zero, truncate, append) applied to the .cq4 file of a real,
 *       sealed journal ({@link SmallJournal}); offsets are inside the records' area, so the fuzzer spends its
 *       time on what the verifier reads, Chronicle's headers included.</li>
 *   <li>{@link #forgedRecords}: a forger's queue — records of the real journal replaced, cut, extended,
 *       inserted or dropped, then re-chained with SHA-256 (which needs no key) and appended through Chronicle,
 *       so that the fuzzer gets past the chain check into the verifier's framing, continuity, summary and seal
 *       checks.</li>
 *   <li>{@link #rawFile}: edits of the raw .cq4 bytes anywhere (Chronicle's header, index, length headers,
 *       truncation, trailing bytes), for the bounds-checked reader (finding F-5).</li>
 * </ul>
 */
class JournalVerifyFuzzTest
{
    /**
     * Fuzzer input: up to 8 edits of the .cq4 file, each a kind, a position inside the records' area and
     * bytes.
     */
    @FuzzTest(maxDuration = "5m")
    void corruptedFile(final FuzzedDataProvider data) throws IOException
    {
        final SmallJournal journal = SmallJournal.get();
        final Path root = Files.createTempDirectory("galvani-fuzz-verify");
        try
        {
            final Path dir = journal.copyTo(root.resolve("j"));
            final Path cq4 = dir.resolve(journal.cq4Name);
            final long first = journal.positions.get(0) - 8;
            final int last = journal.records.size() - 1;
            final long end = journal.positions.get(last) + journal.records.get(last).length + 64;
            boolean recordChanged = false;
            try (RandomAccessFile file = new RandomAccessFile(cq4.toFile(), "rw"))
            {
                final int edits = data.consumeInt(1, 8);
                for (int i = 0; i < edits && data.remainingBytes() > 0; i++)
                {
                    final int kind = data.consumeInt(0, 3);
                    final long at = data.consumeLong(first, end);
                    if (kind == 3)
                    {
                        // A crash cut: Chronicle preallocates its file, so the unwritten tail reads as zeros. (A
                        // file physically shorter than its records makes Chronicle's mapped reads fault with
                        // SIGBUS, which libFuzzer's signal handler turns into a dead JVM in fuzzing mode: that case
                        // is CorruptedJournalCorpusTest#truncations, finding F-1 in docs/qa-fuzzing.md.)
                        final byte[] zeros = new byte[(int)(end - at)];
                        recordChanged |= changesARecord(journal, at, zeros, false);
                        file.seek(at);
                        file.write(zeros);
                        continue;
                    }
                    final byte[] bytes = kind == 1 ? new byte[data.consumeInt(1, 64)] :
                        data.consumeBytes(data.consumeInt(1, 64));
                    recordChanged |= changesARecord(journal, at, bytes, kind == 2);
                    if (kind == 2)
                    {
                        file.seek(Math.max(file.length(), end));
                    }
                    else
                    {
                        file.seek(at);
                    }
                    file.write(bytes);
                }
            }
            final VerifyReport report = JournalVerifier.verify(dir, SmallJournal.KEYS.getPublic());
            check(report, recordChanged);
        }
        finally
        {
            SmallJournal.delete(root);
        }
    }

    /**
     * Fuzzer input: up to 4 operations on the list of records (replace bytes inside one, cut one, extend one,
     * insert a copy or fuzzer bytes, drop one), then the whole list is re-chained and written.
     */
    @FuzzTest(maxDuration = "5m")
    void forgedRecords(final FuzzedDataProvider data) throws IOException
    {
        final SmallJournal journal = SmallJournal.get();
        final List<byte[]> records = new ArrayList<>();
        for (final byte[] record : journal.records)
        {
            records.add(record.clone());
        }
        final int operations = data.consumeInt(1, 4);
        for (int i = 0; i < operations && data.remainingBytes() > 0; i++)
        {
            final int which = data.consumeInt(0, records.size() - 1);
            final byte[] record = records.get(which);
            switch (data.consumeInt(0, 5))
            {
                case 0 ->
                {
                    if (record.length == 0)
                    {
                        continue;
                    }
                    final byte[] bytes = data.consumeBytes(data.consumeInt(1, 32));
                    final int at = data.consumeInt(0, record.length - 1);
                    System.arraycopy(bytes, 0, record, at, Math.min(bytes.length, record.length - at));
                }
                case 1 -> records.set(which, Arrays.copyOf(record, data.consumeInt(0, record.length)));
                case 2 ->
                {
                    final byte[] tail = data.consumeBytes(data.consumeInt(1, 64));
                    final byte[] longer = Arrays.copyOf(record, record.length + tail.length);
                    System.arraycopy(tail, 0, longer, record.length, tail.length);
                    records.set(which, longer);
                }
                case 3 -> records.add(data.consumeInt(0, records.size()),
                    records.get(data.consumeInt(0, records.size() - 1)).clone());
                case 4 -> records.add(data.consumeInt(0, records.size()), data.consumeBytes(data.consumeInt(0, 512)));
                default ->
                {
                    if (records.size() > 1)
                    {
                        records.remove(which);
                    }
                }
            }
        }
        rechain(records);
        final Path root = Files.createTempDirectory("galvani-fuzz-forged");
        try
        {
            final VerifyReport report = JournalVerifier.verify(SmallJournal.writeRaw(root.resolve("j"), records),
                SmallJournal.KEYS.getPublic());
            check(report, !sameRecordsWithTrailingSeals(journal.records, records));
        }
        finally
        {
            SmallJournal.delete(root);
        }
    }

    /**
     * Fuzzer input: up to 8 edits of the raw bytes of the .cq4 file anywhere in it (Chronicle's file header and
     * index included): overwrite, zero a range, write a 4-byte length header (a record's or any), truncate
     * (the file made physically shorter, even inside a record), append bytes, or restore Chronicle's
     * preallocated size (a sparse tail of zeros). The file starts as the journal's written area only, so an
     * input costs a few kilobytes, not the 80 MB preallocation. Contract (F-5, SR-14): verify never throws — no
     * Error, no InternalError from a fault — always a report with a message, and never OK when a record's
     * content or length header changed, the file was cut inside the records, or non-zero bytes follow them.
     */
    @FuzzTest(maxDuration = "5m")
    void rawFile(final FuzzedDataProvider data) throws IOException
    {
        final SmallJournal journal = SmallJournal.get();
        final byte[] original = journal.writtenArea();
        final int last = journal.records.size() - 1;
        final int endOfRecords = (int)(journal.positions.get(last) + journal.records.get(last).length);
        byte[] bytes = original.clone();
        boolean extendToPreallocated = false;
        final int edits = data.consumeInt(1, 8);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++)
        {
            final int kind = data.consumeInt(0, 5);
            final int at = data.consumeInt(0, Math.max(0, bytes.length - 1));
            switch (kind)
            {
                case 0 ->
                {
                    final byte[] with = data.consumeBytes(data.consumeInt(1, 64));
                    System.arraycopy(with, 0, bytes, at, Math.min(with.length, bytes.length - at));
                }
                case 1 -> Arrays.fill(bytes, at, Math.min(bytes.length, at + data.consumeInt(1, 4096)), (byte)0);
                case 2 ->
                {
                    // a length header: a record's (the fuzzer picks which) or any aligned position
                    final int header = data.consumeBoolean() ?
                        (int)(journal.positions.get(data.consumeInt(0, last)) - 4) : at & ~3;
                    final int value = data.consumeInt();
                    for (int k = 0; k < 4 && header + k < bytes.length; k++)
                    {
                        bytes[header + k] = (byte)(value >>> (8 * k));
                    }
                }
                case 3 -> bytes = Arrays.copyOf(bytes, at);
                case 4 ->
                {
                    final byte[] tail = data.consumeBytes(data.consumeInt(1, 512));
                    final byte[] longer = Arrays.copyOf(bytes, bytes.length + tail.length);
                    System.arraycopy(tail, 0, longer, bytes.length, tail.length);
                    bytes = longer;
                }
                default -> extendToPreallocated = true;
            }
        }
        final Path root = Files.createTempDirectory("galvani-fuzz-raw");
        try
        {
            final Path dir = journal.copyWithout(root.resolve("j"), journal.cq4Name);
            final Path cq4 = dir.resolve(journal.cq4Name);
            Files.write(cq4, bytes);
            if (extendToPreallocated)
            {
                try (RandomAccessFile file = new RandomAccessFile(cq4.toFile(), "rw"))
                {
                    file.setLength(Math.max(file.length(), journal.preallocatedLength));
                }
            }
            final VerifyReport report = JournalVerifier.verify(dir, SmallJournal.KEYS.getPublic());
            check(report, recordsChanged(journal, original, bytes, endOfRecords));
        }
        finally
        {
            SmallJournal.delete(root);
        }
    }

    /**
     * @return whether the edited file no longer holds every record exactly as written: a record's content or
     *         length header changed, the file cut before the records' end, or a non-zero byte after them.
     */
    private static boolean recordsChanged(
        final SmallJournal journal, final byte[] original, final byte[] edited, final int endOfRecords)
    {
        if (edited.length < endOfRecords)
        {
            return true;
        }
        for (int r = 0; r < journal.records.size(); r++)
        {
            final int from = (int)(journal.positions.get(r) - 4);
            final int to = (int)(journal.positions.get(r) + journal.records.get(r).length);
            if (!Arrays.equals(original, from, to, edited, from, to))
            {
                return true;
            }
        }
        for (int p = endOfRecords; p < edited.length; p++)
        {
            if (edited[p] != (p < original.length ? original[p] : 0))
            {
                return true;
            }
        }
        return false;
    }

    private static void check(final VerifyReport report, final boolean recordChanged)
    {
        if (report == null || report.status() == null || report.message() == null || report.message().isBlank())
        {
            throw new IllegalStateException("verify returned no report or no message: " + report);
        }
        // Known finding (docs/qa-fuzzing.md, F-2): an edit of the first record's Chronicle header can hide every
        // record from Chronicle's tailer, and verify then reports "OK: 0 records". Any OK with records is a new finding.
        if (recordChanged && report.status() == VerifyReport.Status.OK && report.records() > 0)
        {
            throw new IllegalStateException("verify reported OK for a journal with a modified record: " + report);
        }
    }

    /**
     * @return whether writing the bytes at the position (or appending them) changes the content of a record.
     */
    private static boolean changesARecord(
        final SmallJournal journal, final long at, final byte[] bytes, final boolean append)
    {
        if (append)
        {
            return false;
        }
        for (int r = 0; r < journal.records.size(); r++)
        {
            final long start = journal.positions.get(r);
            final byte[] record = journal.records.get(r);
            for (int k = 0; k < bytes.length; k++)
            {
                final long p = at + k;
                if (p >= start && p < start + record.length && record[(int)(p - start)] != bytes[k])
                {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * @return whether the forged list is the original followed only by copies of seal records (a duplicated
     *         seal adds no claim: the verifier may accept it).
     */
    private static boolean sameRecordsWithTrailingSeals(final List<byte[]> original, final List<byte[]> forged)
    {
        if (forged.size() < original.size())
        {
            return false;
        }
        for (int i = 0; i < forged.size(); i++)
        {
            final byte[] f = forged.get(i);
            if (i < original.size())
            {
                final byte[] o = original.get(i);
                final int tag = o.length == 0 ? 0 : JournalDescriptor.chainTagLength(o[0]);
                if (f.length != o.length || !Arrays.equals(o, 0, Math.max(0, o.length - tag), f, 0,
                    Math.max(0, f.length - tag)))
                {
                    return false;
                }
            }
            else if (f.length != JournalDescriptor.SEAL_LENGTH || f[0] != JournalDescriptor.SEAL)
            {
                return false;
            }
        }
        return true;
    }

    /** Recomputes every record's chain value (as a forger without the device key can). */
    private static void rechain(final List<byte[]> records)
    {
        final MessageDigest sha;
        try
        {
            sha = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        byte[] chain = new byte[JournalDescriptor.CHAIN_LENGTH];
        for (final byte[] record : records)
        {
            final int tag = record.length == 0 ? 0 : JournalDescriptor.chainTagLength(record[0]);
            if (record.length < tag || tag == 0)
            {
                continue;
            }
            sha.update(chain);
            sha.update(record, 0, record.length - tag);
            chain = Arrays.copyOf(sha.digest(), JournalDescriptor.CHAIN_LENGTH);
            System.arraycopy(chain, 0, record, record.length - tag, tag);
        }
    }
}
