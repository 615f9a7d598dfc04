package org.galvani.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads the journal records (Chronicle data documents) of a device's queue straight from its
 * {@code yyyyMMdd'F'.cq4} files, in cycle order, through a {@link FileChannel}: no memory mapping, so a
 * damaged or truncated file can never fault (finding F-5: Chronicle's mapped reads past a file's end raise
 * SIGBUS, which the JVM reports asynchronously as an InternalError). Every read is bounds-checked against
 * the file's length; the format it follows is docs/journal-format.md, "Container".
 *
 * <p>Damage is reported as {@link JournalDamageException} naming the file and byte offset, never as a clean
 * end of data: a header whose length runs past the end of the file, a header marked unfinished with data
 * after it, a document marked as Chronicle metadata that is not Chronicle's (a flipped metadata bit hiding
 * a record), non-zero bytes after the end of data beyond what one interrupted write leaves, a file that
 * ends without an end-of-data header, an unreadable region. What a crash leaves — a last write never
 * finished (its header still 0 or marked unfinished, its bytes followed by zeros) — ends the data and is
 * described by {@link #notes()}.
 *
 * <p>The Chronicle index of the n-th data document (from 0) of the file of cycle c (days since 1970-01-01
 * for FAST_DAILY) is {@code c << 32 | n}.
 *
 * <p>Threading: one thread. Allocation: a 1 MiB read window and the record buffer (grown for a larger
 * record); nothing per record.
 */
final class QueueFileReader implements AutoCloseable
{
    /** Header bit 31: the document is being written (not complete). */
    static final int NOT_COMPLETE = 0x8000_0000;
    /** Header bit 30: Chronicle's own metadata document (file header, index arrays), not a journal record. */
    static final int META_DATA = 0x4000_0000;
    /** Header bits 0-29: the document's length in bytes, without the 4-byte header and the padding. */
    static final int LENGTH_MASK = 0x3FFF_FFFF;
    /** Header of the end-of-file marker Chronicle writes when it rolls to the next cycle's file. */
    static final int END_OF_FILE = NOT_COMPLETE | META_DATA;
    /**
     * The largest write a crash can leave unfinished after the end of data: the longest record the writer
     * produces (a session start with its JSON header, an event with its attachment) is far below this.
     */
    static final int MAX_UNFINISHED_WRITE = 1 << 20;
    /** Longest record accepted: anything longer is a corrupted length. */
    static final int MAX_RECORD_LENGTH = 1 << 24;

    private static final Pattern NAME = Pattern.compile("(\\d{8})F\\.cq4");
    private static final int WINDOW = 1 << 20;

    private final List<Path> files;
    private final long[] cycles;
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
    private UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
    private int fileIndex = -1;
    private FileChannel channel;
    private Path file;
    private long fileLength;
    private long windowStart;
    private long next;
    private long sequence;
    private long index = -1;
    private long position = -1;
    private final List<String> notes = new ArrayList<>();

    private QueueFileReader(final List<Path> files, final long[] cycles)
    {
        this.files = files;
        this.cycles = cycles;
    }

    /**
     * @param dir the queue's folder.
     * @return a reader before the first record.
     * @throws JournalDamageException when a .cq4 file's name is not a FAST_DAILY cycle.
     * @throws IllegalArgumentException when the folder cannot be listed.
     */
    static QueueFileReader open(final Path dir)
    {
        final List<Path> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir))
        {
            list.filter(p -> p.getFileName().toString().endsWith(".cq4")).forEach(names::add);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("the journal folder " + dir + " cannot be listed: " + ex.getMessage(), ex);
        }
        final List<Path> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(p -> p.getFileName().toString()));
        final long[] cycles = new long[sorted.size()];
        for (int i = 0; i < cycles.length; i++)
        {
            cycles[i] = cycle(sorted.get(i));
        }
        return new QueueFileReader(sorted, cycles);
    }

    /**
     * @param file a .cq4 file.
     * @return its FAST_DAILY cycle: days since 1970-01-01 (UTC) of the date in its name.
     */
    static long cycle(final Path file)
    {
        final Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches())
        {
            try
            {
                return LocalDate.parse(m.group(1), DateTimeFormatter.BASIC_ISO_DATE).toEpochDay();
            }
            catch (final DateTimeParseException ex)
            {
                // reported below
            }
        }
        throw new JournalDamageException(file, 0, "the file's name is not a FAST_DAILY cycle (yyyyMMdd'F'.cq4)", null);
    }

    /**
     * Reads the next record into {@link #buffer()}.
     *
     * @return its length, or -1 at the end of the data.
     * @throws JournalDamageException when a file is damaged where the next record should be.
     */
    int next()
    {
        while (true)
        {
            if (channel == null && !openNextFile())
            {
                return -1;
            }
            final long at = next;
            if (at + 4 > fileLength)
            {
                throw damage(at, "the file ends at byte " + fileLength + " without Chronicle's end-of-data header " +
                    "after its last document: it was truncated", null);
            }
            final int header = readInt(at);
            if (header == 0)
            {
                endOfData(at);
                continue;
            }
            if (header == END_OF_FILE)
            {
                requireZerosFrom(at + 4, "after Chronicle's end-of-file marker");
                closeFile();
                continue;
            }
            final int length = header & LENGTH_MASK;
            final long end = at + 4 + length;
            if ((header & NOT_COMPLETE) != 0)
            {
                unfinished(at, end);
                continue;
            }
            if (length > MAX_RECORD_LENGTH || end > fileLength)
            {
                throw damage(at, "the document header claims " + length + " bytes, past the end of the file (" +
                    fileLength + " bytes): a corrupted header or a truncated file", null);
            }
            next = (end + 3) & ~3L;
            if ((header & META_DATA) != 0)
            {
                requireChronicleMetadata(at, length);
                continue;
            }
            if (length > buffer.capacity())
            {
                buffer = new UnsafeBuffer(new byte[Integer.highestOneBit(length) << 1]);
            }
            read(at + 4, buffer.byteArray(), length);
            position = at + 4;
            index = cycles[fileIndex] << 32 | sequence;
            sequence++;
            return length;
        }
    }

    /**
     * A 0 header: the end of this file's data. What follows must be zeros — or the bytes of one record whose
     * write a crash interrupted (Chronicle writes the header last): at most the length that record's own
     * type and length fields give, then zeros.
     */
    private void endOfData(final long at)
    {
        final long nonZero = firstNonZero(at + 4, fileLength);
        if (nonZero >= 0)
        {
            final long partial = nonZero == at + 4 ? unfinishedRecordLength(at + 4) : -1;
            if (partial < 0 || firstNonZero(Math.min(fileLength, at + 4 + partial), fileLength) >= 0)
            {
                throw damage(nonZero, "non-zero bytes after the end of data (which is at offset " + at + "): bytes " +
                    "were appended, or a corrupted header ends the data early and hides the records after it", null);
            }
            note("the write of a record at offset " + at + " was never finished (its header is still 0, " +
                "the record's first bytes follow it): a crash during a write");
        }
        closeFile();
    }

    /**
     * @return the length the journal record starting at the offset declares by its type and length fields
     *         (bounded by {@link #MAX_UNFINISHED_WRITE}), or -1 when the bytes there are not a record's start.
     */
    private long unfinishedRecordLength(final long at)
    {
        if (at + JournalDescriptor.START_JSON_OFFSET > fileLength)
        {
            return -1;
        }
        final int type = readByte(at);
        final long length;
        switch (type)
        {
            case JournalDescriptor.TICK:
                length = JournalDescriptor.TICK_LENGTH;
                break;
            case JournalDescriptor.TICK_WIDE:
                length = JournalDescriptor.TICK_WIDE_LENGTH;
                break;
            case JournalDescriptor.TICK_PACKED:
                // schema 2's tick: its length follows from its mask and varints, which a write cut short may not
                // hold yet — bounded by the longest one the writer can produce
                length = JournalDescriptor.PACKED_MAX_LENGTH;
                break;
            case JournalDescriptor.SEAL:
                length = JournalDescriptor.SEAL_LENGTH;
                break;
            case JournalDescriptor.SESSION_END:
                length = JournalDescriptor.SESSION_END_LENGTH;
                break;
            case JournalDescriptor.RECOVERY:
                length = JournalDescriptor.RECOVERY_LENGTH;
                break;
            case JournalDescriptor.EVENT:
                length = JournalDescriptor.EVENT_MIN_LENGTH +
                    (long)readInt(at + JournalDescriptor.EVENT_ATTACHMENT_LENGTH_OFFSET);
                break;
            case JournalDescriptor.SKIN_CHECK:
                length = JournalDescriptor.SKIN_TEXT_OFFSET +
                    (long)readInt(at + JournalDescriptor.SKIN_TEXT_LENGTH_OFFSET) + JournalDescriptor.CHAIN_LENGTH;
                break;
            case JournalDescriptor.SESSION_START:
                length = JournalDescriptor.START_JSON_OFFSET + (long)readInt(at + JournalDescriptor.START_JSON_LENGTH_OFFSET) +
                    JournalDescriptor.CHAIN_LENGTH;
                break;
            default:
                return -1;
        }
        return length <= 0 || length > MAX_UNFINISHED_WRITE ? -1 : length;
    }

    /** A header marked unfinished: a write interrupted by a crash, acceptable only as the very last thing. */
    private void unfinished(final long at, final long end)
    {
        final long after = Math.min(fileLength, Math.max(at + 4, (end + 3) & ~3L));
        if (end - at > MAX_UNFINISHED_WRITE || firstNonZero(after, fileLength) >= 0)
        {
            throw damage(at, "the document header is marked unfinished but data follows it: a corrupted header " +
                "would hide the records after it", null);
        }
        note("the record at offset " + at + " was being written when the writer stopped (its header is marked " +
            "unfinished): a crash during a write");
        closeFile();
    }

    /**
     * Chronicle's metadata documents in a journal are its file header and index arrays, binary wire starting
     * with a field name (0xB9, or 0xC0-0xDF for a short name); a journal record starts with its type (1..15).
     * A record whose header gained the metadata bit would otherwise vanish silently.
     */
    private void requireChronicleMetadata(final long at, final int length)
    {
        final int first = length == 0 ? -1 : readByte(at + 4) & 0xFF;
        if (first != 0xB9 && (first < 0xC0 || first > 0xDF))
        {
            throw damage(at, "a document marked as Chronicle metadata is not Chronicle's (it starts with byte " +
                first + "): a corrupted header hides a record", null);
        }
    }

    private void note(final String text)
    {
        notes.add("in " + file.getFileName() + ": " + text);
    }

    private void requireZerosFrom(final long from, final String where)
    {
        final long nonZero = firstNonZero(from, fileLength);
        if (nonZero >= 0)
        {
            throw damage(nonZero, "non-zero bytes " + where, null);
        }
    }

    private boolean openNextFile()
    {
        closeFile();
        if (fileIndex + 1 >= files.size())
        {
            return false;
        }
        fileIndex++;
        file = files.get(fileIndex);
        sequence = 0;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            fileLength = channel.size();
        }
        catch (final IOException ex)
        {
            channel = null;
            throw damage(0, "the file cannot be opened: " + ex.getMessage(), ex);
        }
        window.clear().limit(0);
        windowStart = 0;
        next = 0;
        if (fileLength == 0)
        {
            note("the file is empty: created but never written (a crash while the queue was created)");
            closeFile();
            return fileIndex + 1 < files.size() ? openNextFile() : false;
        }
        return true;
    }

    private void closeFile()
    {
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ex)
            {
                // read-only: nothing to lose
            }
            channel = null;
        }
    }

    private JournalDamageException damage(final long offset, final String message, final Throwable cause)
    {
        return new JournalDamageException(file, offset, message, cause);
    }

    private int readInt(final long at)
    {
        fill(at, 4);
        return window.getInt((int)(at - windowStart));
    }

    private byte readByte(final long at)
    {
        fill(at, 1);
        return window.get((int)(at - windowStart));
    }

    private void read(final long at, final byte[] into, final int length)
    {
        if (length <= WINDOW)
        {
            fill(at, length);
            window.get((int)(at - windowStart), into, 0, length);
            return;
        }
        final ByteBuffer direct = ByteBuffer.wrap(into, 0, length);
        readFully(at, direct);
    }

    /** Makes [at, at + n) available in the window (n at most the window's size; within the file's length). */
    private void fill(final long at, final int n)
    {
        if (at >= windowStart && at + n <= windowStart + window.limit())
        {
            return;
        }
        window.clear();
        windowStart = at;
        window.limit((int)Math.min(WINDOW, fileLength - at));
        readFully(at, window);
        window.position(0);
        if (window.limit() < n)
        {
            throw damage(at, "the file ends inside a document", null);
        }
    }

    private void readFully(final long at, final ByteBuffer into)
    {
        long offset = at;
        try
        {
            while (into.hasRemaining())
            {
                final int n = channel.read(into, offset);
                if (n < 0)
                {
                    throw damage(offset, "the file ends inside a document", null);
                }
                offset += n;
            }
        }
        catch (final IOException ex)
        {
            throw damage(offset, "the region cannot be read: " + ex.getMessage(), ex);
        }
    }

    /** @return offset of the first non-zero byte in [from, to), or -1. */
    private long firstNonZero(final long from, final long to)
    {
        for (long at = from; at < to; )
        {
            final int n = (int)Math.min(WINDOW, to - at);
            fill(at, n);
            final int base = (int)(at - windowStart);
            int k = 0;
            for (; k + 8 <= n; k += 8)
            {
                if (window.getLong(base + k) != 0)
                {
                    break;
                }
            }
            for (; k < n; k++)
            {
                if (window.get(base + k) != 0)
                {
                    return at + k;
                }
            }
            at += n;
        }
        return -1;
    }

    /**
     * @return the record buffer (valid until the next call of {@link #next()}).
     */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return Chronicle index of the last record read, -1 before the first.
     */
    long index()
    {
        return index;
    }

    /**
     * @return byte offset of the last record's content in its file, -1 before the first.
     */
    long position()
    {
        return position;
    }

    /**
     * @return what crashes left after the records read so far (an unfinished write at the end of a file's
     *         data, an empty file), one sentence each, in order; empty when every file ended cleanly.
     */
    List<String> notes()
    {
        return notes;
    }

    /**
     * @return the .cq4 files, in cycle order.
     */
    List<Path> files()
    {
        return files;
    }

    @Override
    public void close()
    {
        closeFile();
    }
}
