package org.galvani.journal;

import static org.galvani.journal.JournalDescriptor.CHAIN_LENGTH;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.config.StrictJson;

/**
 * Chains and appends encoded records to the queue and interleaves the seals the {@link Sealer} signs.
 *
 * <p>Threading: owned by one appending thread at a time (the control thread in DIRECT mode, the journal
 * thread in HAND_OFF mode; set-up threads for session start and end, with a happens-before edge from the
 * previous owner); ownership changes are passed on to Chronicle's single-thread check. Allocation:
 * {@link #appendRecord} allocates nothing; session start and end allocate.
 */
final class RecordWriter implements AutoCloseable
{
    /** Capacity of the scratch buffer: the largest tick or event record. */
    static final int SCRATCH_CAPACITY = 1 << 16;

    private final ExcerptAppender appender;
    private final MessageDigest sha256;
    private final byte[] chain = new byte[CHAIN_LENGTH];
    private final byte[] digest = new byte[32];
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SCRATCH_CAPACITY]);
    private final UnsafeBuffer sealBuffer = new UnsafeBuffer(new byte[JournalDescriptor.SEAL_LENGTH]);
    private final UnsafeBuffer endBuffer = new UnsafeBuffer(new byte[JournalDescriptor.SESSION_END_LENGTH]);
    private final Sealer sealer;
    private final int sealIntervalRecords;
    private long sealRequestedAt;
    private final SessionSummary.Accumulator summary = new SessionSummary.Accumulator();
    private Thread owner;
    private long sinceSeal;
    private boolean sealDue;
    private long lastIndex = -1;
    private long records;
    private long tickPeriodNs;

    RecordWriter(final ChronicleQueue queue, final Sealer sealer, final int sealIntervalRecords)
    {
        this.sealer = sealer;
        this.sealIntervalRecords = sealIntervalRecords;
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no SHA-256", ex);
        }
        readLastChain(queue);
        owner = Thread.currentThread();
        appender = queue.createAppender();
    }

    private void readLastChain(final ChronicleQueue queue)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (dc.isPresent())
                {
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    final byte[] last = new byte[length];
                    bytes.read(last, 0, length);
                    if (length < 1 + CHAIN_LENGTH || !dc.isData())
                    {
                        throw new IllegalStateException("the queue's last record (index " +
                            Long.toHexString(dc.index()) + ") is not a Galvani journal record");
                    }
                    System.arraycopy(last, length - CHAIN_LENGTH, chain, 0, CHAIN_LENGTH);
                    lastIndex = dc.index();
                }
            }
        }
    }

    /**
     * @return the reused buffer records are encoded into (owner thread).
     */
    UnsafeBuffer scratch()
    {
        return scratch;
    }

    long tickPeriodNs()
    {
        return tickPeriodNs;
    }

    long records()
    {
        return records;
    }

    long lastIndex()
    {
        return lastIndex;
    }

    /**
     * Appends the record in {@link #scratch()} after any seal that is ready.
     *
     * @param length the record's length including the chain value.
     */
    void appendRecord(final int length)
    {
        checkOwner();
        if (sealer.failure() != null)
        {
            throw new IllegalStateException("the journal's sealer failed: " + sealer.failure());
        }
        pollSeal();
        append(scratch, length);
    }

    /** Appends a seal if the sealer has signed one (owner thread; no allocation). */
    void pollSeal()
    {
        if (sealer.poll())
        {
            if (records - sealRequestedAt > JournalDescriptor.MAX_SEAL_LAG_RECORDS)
            {
                sealer.release(); // too stale for a verifier's window: seal a fresh record instead
                sealDue = true;
                return;
            }
            final int length = JournalCodec.encodeSeal(sealer.index(), sealer.chain(), sealer.signature(),
                sealBuffer, 0);
            sealer.release();
            append(sealBuffer, length);
        }
    }

    private void append(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = buffer.byteArray();
        sha256.update(chain, 0, CHAIN_LENGTH);
        sha256.update(bytes, 0, length - CHAIN_LENGTH);
        try
        {
            sha256.digest(digest, 0, digest.length);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
        System.arraycopy(digest, 0, chain, 0, CHAIN_LENGTH);
        System.arraycopy(digest, 0, bytes, length - CHAIN_LENGTH, CHAIN_LENGTH);

        final DocumentContext dc = appender.writingDocument();
        try
        {
            dc.wire().bytes().write(bytes, 0, length);
        }
        catch (final RuntimeException | Error ex)
        {
            dc.rollbackOnClose();
            throw ex;
        }
        finally
        {
            dc.close();
        }
        lastIndex = appender.lastIndexAppended();
        records++;

        final int type = bytes[0];
        if (type == JournalDescriptor.TICK || type == JournalDescriptor.TICK_WIDE)
        {
            summary.onTick(buffer, 0);
        }
        if (type != JournalDescriptor.SEAL && ++sinceSeal >= sealIntervalRecords)
        {
            sealDue = true;
        }
        if (sealDue && sealer.tryRequest(lastIndex, chain))
        {
            sealRequestedAt = records;
            sealDue = false;
            sinceSeal = 0;
        }
    }

    /**
     * Writes a SESSION_START (set-up or journal thread; allocates).
     *
     * @param header the session header.
     */
    void writeSessionStart(final SessionHeader header)
    {
        checkOwner();
        final byte[] json;
        final byte[] sha;
        try
        {
            json = StrictJson.mapper().writeValueAsBytes(header);
            sha = MessageDigest.getInstance("SHA-256").digest(json);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("the session header cannot be written as JSON: " + ex.getMessage(), ex);
        }
        final int length = JournalDescriptor.START_JSON_OFFSET + json.length + CHAIN_LENGTH;
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        b.putByte(JournalDescriptor.TYPE_OFFSET, (byte)JournalDescriptor.SESSION_START);
        b.putShort(JournalDescriptor.START_SCHEMA_VERSION_OFFSET, (short)JournalDescriptor.SCHEMA_VERSION,
            java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(JournalDescriptor.START_JSON_LENGTH_OFFSET, json.length, java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putBytes(JournalDescriptor.START_CONFIG_SHA256_OFFSET, sha);
        b.putInt(JournalDescriptor.START_SEAL_INTERVAL_OFFSET, sealIntervalRecords, java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putBytes(JournalDescriptor.START_JSON_OFFSET, json);
        pollSeal();
        append(b, length);
        summary.reset();
        tickPeriodNs = header.tickPeriodNs();
    }

    /**
     * Writes the SESSION_END and a final seal signed on this thread (not the control thread).
     *
     * @return the summary written.
     */
    SessionSummary writeSessionEnd()
    {
        checkOwner();
        final SessionSummary result = summary.toSummary();
        pollSeal();
        append(endBuffer, JournalCodec.encodeSessionEnd(result, endBuffer, 0));
        sealNow();
        return result;
    }

    /** Appends any pending seal and a seal over the last record, signed on this thread. */
    void sealNow()
    {
        if (!sealer.awaitSigned(5_000_000_000L))
        {
            throw new IllegalStateException("the sealer thread did not sign within 5 s" +
                (sealer.failure() != null ? ": " + sealer.failure() : ""));
        }
        pollSeal();
        final byte[] covered = chain.clone();
        final long coveredIndex = lastIndex;
        final byte[] signature = sealer.signNow(coveredIndex, covered);
        append(sealBuffer, JournalCodec.encodeSeal(coveredIndex, covered, signature, sealBuffer, 0));
        sealDue = false;
        sinceSeal = 0;
    }

    private void checkOwner()
    {
        final Thread current = Thread.currentThread();
        if (current != owner)
        {
            owner = current;
            appender.singleThreadedCheckReset();
        }
    }

    static String describe(final Throwable ex)
    {
        final String message = ex.getMessage();
        final Throwable cause = ex.getCause();
        final String text = ex.getClass().getSimpleName() + (message != null ? ": " + message : "");
        return cause != null && cause != ex ? text + " (" + describe(cause) + ")" : text;
    }

    @Override
    public void close()
    {
        checkOwner();
        appender.close();
    }
}
