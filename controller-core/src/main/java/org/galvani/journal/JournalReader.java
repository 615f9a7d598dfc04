package org.galvani.journal;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.config.StrictJson;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;

/**
 * Reads a device's journal from its first record, decoding each record into a {@link JournalVisitor}
 * (push style: {@link #next} returns false at the end). Reads the queue's .cq4 files through a file channel
 * ({@link QueueFileReader}): reading never changes the journal, never maps it, never waits for Chronicle's
 * locks, and a damaged file is reported as a {@link JournalDamageException} with its offset instead of a
 * fault (F-5).
 *
 * <p>Threading: one thread. Allocation: ticks and events are decoded into reused objects; session
 * headers, summaries and event attachments are allocated.
 */
public final class JournalReader implements AutoCloseable
{
    private final QueueFileReader files;
    private final TickRecord tick = new TickRecord();
    private final ControllerEvent event = new ControllerEvent();
    private final byte[] sealChain = new byte[JournalDescriptor.CHAIN_LENGTH];
    private final byte[] sealSignature = new byte[JournalDescriptor.SIGNATURE_LENGTH];
    private long tickPeriodNs;

    private JournalReader(final Path dir)
    {
        files = QueueFileReader.open(dir);
    }

    /**
     * @param dir the journal's folder.
     * @return a reader positioned before the first record.
     * @throws IllegalArgumentException when the folder does not exist.
     * @throws JournalDamageException when a .cq4 file's name is not a FAST_DAILY cycle.
     */
    public static JournalReader open(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new IllegalArgumentException("there is no journal folder at " + dir);
        }
        return new JournalReader(dir);
    }

    /**
     * Decodes the next record into the visitor.
     *
     * @param visitor receives the record.
     * @return false at the end of the journal (or before an incomplete last record: see {@link #notes()}).
     * @throws IllegalStateException when the record is not a valid record of this schema.
     * @throws JournalDamageException when a file is damaged where the next record should be (with its offset).
     */
    public boolean next(final JournalVisitor visitor)
    {
        final int length = nextRaw();
        if (length < 0)
        {
            return false;
        }
        dispatch(length, visitor);
        return true;
    }

    /**
     * Decodes the record last read by {@link #nextRaw()} into the visitor (package: the verifier's fused pass).
     *
     * @param length  its length.
     * @param visitor receives the record.
     * @throws IllegalStateException when the record is not a valid record of this schema.
     */
    void dispatch(final int length, final JournalVisitor visitor)
    {
        final UnsafeBuffer b = files.buffer();
        final long index = files.index();
        final int type = b.getByte(JournalDescriptor.TYPE_OFFSET);
        switch (type)
        {
            case JournalDescriptor.TICK:
            case JournalDescriptor.TICK_WIDE:
                JournalCodec.decodeTick(b, 0, tickPeriodNs, tick);
                visitor.onTick(index, tick);
                break;
            case JournalDescriptor.EVENT:
                JournalCodec.decodeEvent(b, 0, event);
                visitor.onEvent(index, event);
                break;
            case JournalDescriptor.SKIN_CHECK:
            {
                final String problem = JournalCodec.skinCheckProblem(b, 0, length);
                if (problem != null)
                {
                    throw new IllegalStateException("record at index " + Long.toHexString(index) + " " + problem);
                }
                // delivered as the event the controller emitted (SKIN_CHECKED), so replay, report and export see it
                JournalCodec.decodeSkinCheck(b, 0, event);
                visitor.onEvent(index, event);
                break;
            }
            case JournalDescriptor.SESSION_START:
            {
                final SessionHeader header = decodeSessionStart(b, length);
                tickPeriodNs = header.tickPeriodNs();
                visitor.onSessionStart(index, header);
                break;
            }
            case JournalDescriptor.SEAL:
                b.getBytes(JournalDescriptor.SEAL_COVERED_CHAIN_OFFSET, sealChain);
                b.getBytes(JournalDescriptor.SEAL_SIGNATURE_OFFSET, sealSignature);
                visitor.onSeal(index, b.getLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    sealChain, sealSignature);
                break;
            case JournalDescriptor.SESSION_END:
                visitor.onSessionEnd(index, JournalCodec.decodeSessionEnd(b, 0));
                break;
            case JournalDescriptor.RECOVERY:
                visitor.onRecovery(index, b.getLong(JournalDescriptor.RECOVERY_LAST_INDEX_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    b.getLong(JournalDescriptor.RECOVERY_UNSIGNED_RECORDS_OFFSET, ByteOrder.LITTLE_ENDIAN),
                    b.getLong(JournalDescriptor.RECOVERY_LAST_TICK_OFFSET, ByteOrder.LITTLE_ENDIAN));
                break;
            default:
                throw new IllegalStateException("record at index " + Long.toHexString(index) +
                    " has unknown type " + type);
        }
    }

    static SessionHeader decodeSessionStart(final UnsafeBuffer b, final int length)
    {
        final int jsonLength = b.getInt(JournalDescriptor.START_JSON_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        if (jsonLength < 0 || JournalDescriptor.START_JSON_OFFSET + jsonLength + JournalDescriptor.CHAIN_LENGTH != length)
        {
            throw new IllegalStateException("session start holds a JSON length of " + jsonLength +
                " that does not match its record length " + length);
        }
        final byte[] json = new byte[jsonLength];
        b.getBytes(JournalDescriptor.START_JSON_OFFSET, json);
        return StrictJson.read(json, SessionHeader.class, "session header");
    }

    /**
     * Reads the next record's bytes into {@link #buffer()} (package: the verifier).
     *
     * @return its length, or -1 at the end.
     * @throws JournalDamageException when a file is damaged where the next record should be.
     */
    int nextRaw()
    {
        return files.next();
    }

    UnsafeBuffer buffer()
    {
        return files.buffer();
    }

    /**
     * @return Chronicle index of the last record read, -1 before the first.
     */
    public long index()
    {
        return files.index();
    }

    /**
     * @return byte position of the last record's content in its .cq4 file (tests and tools), -1 before the
     *         first.
     */
    public long position()
    {
        return files.position();
    }

    /**
     * @return what crashes left after the records read so far (an unfinished write, an empty file), one
     *         sentence each; empty when every file ended cleanly.
     */
    public List<String> notes()
    {
        return files.notes();
    }

    @Override
    public void close()
    {
        files.close();
    }
}
