package org.galvani.journal;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.config.StrictJson;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;

/**
 * Reads a device's journal from its first record, decoding each record into a {@link JournalVisitor}
 * (push style: {@link #next} returns false at the end). Opens the queue read-only: reading never changes
 * the journal.
 *
 * <p>Threading: one thread. Allocation: ticks and events are decoded into reused objects; session
 * headers, summaries and event attachments are allocated.
 */
public final class JournalReader implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final TickRecord tick = new TickRecord();
    private final ControllerEvent event = new ControllerEvent();
    private final byte[] sealChain = new byte[JournalDescriptor.CHAIN_LENGTH];
    private final byte[] sealSignature = new byte[JournalDescriptor.SIGNATURE_LENGTH];
    private UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
    private long tickPeriodNs;
    private long index = -1;
    private long position = -1;

    private JournalReader(final Path dir)
    {
        queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).readOnly(true)
            .build();
        tailer = queue.createTailer();
    }

    /**
     * @param dir the journal's folder.
     * @return a reader positioned before the first record.
     * @throws IllegalArgumentException when the folder does not exist.
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
     * @return false at the end of the journal (or before an incomplete last record).
     * @throws IllegalStateException when the record is not a valid record of this schema.
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
        final UnsafeBuffer b = buffer;
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
     */
    int nextRaw()
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return -1;
            }
            final Bytes<?> bytes = dc.wire().bytes();
            final long remaining = bytes.readRemaining();
            if (remaining > Integer.MAX_VALUE / 2)
            {
                throw new IllegalStateException("record length " + remaining + " is implausible");
            }
            if (bytes instanceof MappedBytes && bytes.readPosition() + remaining >
                ((MappedBytes)bytes).mappedFile().file().length())
            {
                // A corrupted length header must not make the copy below read past the end of the mapped file:
                // that faults (SIGBUS), which the JVM reports asynchronously, possibly after verify has returned.
                throw new IllegalStateException("record of " + remaining + " bytes at position " +
                    bytes.readPosition() + " runs past the end of its .cq4 file");
            }
            final int length = (int)remaining;
            if (length > buffer.capacity())
            {
                buffer = new UnsafeBuffer(new byte[Integer.highestOneBit(length) << 1]);
            }
            position = bytes.readPosition();
            bytes.read(buffer.byteArray(), 0, length);
            index = dc.index();
            return length;
        }
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return Chronicle index of the last record read, -1 before the first.
     */
    public long index()
    {
        return index;
    }

    /**
     * @return byte position of the last record's content in its .cq4 file (tests and tools), -1 before the
     *         first.
     */
    public long position()
    {
        return position;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
