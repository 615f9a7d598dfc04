package org.galvani.journal;

import static org.galvani.journal.JournalDescriptor.CHAIN_LENGTH;

import java.security.MessageDigest;

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
    private final ChainHash chain = new ChainHash();
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
    /** Non-seal records and tick records appended, and the counts a pending or appended seal covers. */
    private long nonSealAppended;
    private long ticksAppended;
    private long ticksAtRequest;
    private long pendingNonSeal;
    private long pendingTicks;
    private long sealedNonSeal;
    private long sealedTicks;
    private boolean needsRecovery;
    /** Disk runway: bytes preallocated ahead of the write position in the current .cq4 file (see extendRunway). */
    private final long runwayBytes;
    private final java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocateDirect(1 << 16);
    private java.io.File runwayFile;
    private java.nio.channels.FileChannel runwayChannel;
    private long runwayEnd;
    private long writeEnd;
    /** Why the runway could not be extended (the disk is full), or null; written by the owner thread. */
    private volatile String lowSpace;
    private long foundUnsigned;
    private long foundLastTick = -1;

    RecordWriter(final ChronicleQueue queue, final Sealer sealer, final int sealIntervalRecords, final long runwayBytes)
    {
        this.runwayBytes = runwayBytes;
        this.sealer = sealer;
        this.sealIntervalRecords = sealIntervalRecords;
        readLastChain(queue);
        owner = Thread.currentThread();
        appender = queue.createAppender();
    }

    /**
     * Reads the queue's end backwards (at most about {@link JournalDescriptor#MAX_UNSIGNED_RECORDS} × 2
     * records): the last record's index and chain value (the chain continues from it) and what the device
     * left there — the non-seal records after the last record a seal covers, and whether the last session
     * was left open — so that {@link #recoverIfNeeded} can attest it.
     */
    private void readLastChain(final ChronicleQueue queue)
    {
        try (ExcerptTailer tailer = queue.createTailer())
        {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            long latestCovered = Long.MIN_VALUE;
            int lastNonSealType = -1;
            boolean tickResolved = false;
            final int cap = 2 * JournalDescriptor.MAX_UNSIGNED_RECORDS + 1024;
            for (int walked = 0; walked < cap; walked++)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    final byte[] record = new byte[length];
                    bytes.read(record, 0, length);
                    if (length < 1 + CHAIN_LENGTH || !dc.isData())
                    {
                        throw new IllegalStateException("the queue's record at index " +
                            Long.toHexString(dc.index()) + " is not a Galvani journal record");
                    }
                    final long index = dc.index();
                    if (walked == 0)
                    {
                        chain.continueFrom(record, length - CHAIN_LENGTH);
                        lastIndex = index;
                    }
                    final UnsafeBuffer b = new UnsafeBuffer(record);
                    final int type = record[0];
                    if (type == JournalDescriptor.SEAL)
                    {
                        if (latestCovered == Long.MIN_VALUE && length == JournalDescriptor.SEAL_LENGTH)
                        {
                            latestCovered = b.getLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET,
                                java.nio.ByteOrder.LITTLE_ENDIAN);
                        }
                    }
                    else
                    {
                        if (lastNonSealType < 0)
                        {
                            lastNonSealType = type;
                        }
                        if (latestCovered == Long.MIN_VALUE || index > latestCovered)
                        {
                            foundUnsigned++;
                        }
                        if (!tickResolved && (type == JournalDescriptor.TICK || type == JournalDescriptor.TICK_WIDE))
                        {
                            foundLastTick = JournalCodec.tickIndex(b, 0);
                            tickResolved = true;
                        }
                        else if (type == JournalDescriptor.SESSION_START || type == JournalDescriptor.SESSION_END ||
                            type == JournalDescriptor.RECOVERY)
                        {
                            tickResolved = true;
                        }
                    }
                    if (latestCovered != Long.MIN_VALUE && index <= latestCovered && tickResolved)
                    {
                        break;
                    }
                }
            }
            final boolean sessionLeftOpen = lastNonSealType == JournalDescriptor.TICK ||
                lastNonSealType == JournalDescriptor.TICK_WIDE || lastNonSealType == JournalDescriptor.EVENT ||
                lastNonSealType == JournalDescriptor.SKIN_CHECK || lastNonSealType == JournalDescriptor.SESSION_START;
            if (!sessionLeftOpen)
            {
                foundLastTick = -1;
            }
            needsRecovery = lastIndex >= 0 && (foundUnsigned > 0 || sessionLeftOpen);
        }
    }

    /**
     * At the first open after a crash (or after a session left open or unsealed): appends a RECOVERY record
     * attesting the tail found — its last index, the count of unsigned records, the open session's last
     * tick — and a seal over it signed on this (set-up) thread, so that a verifier can tell a crash the
     * device lived through from a tail written or cut by someone else (ADR-15).
     *
     * @return whether a recovery record was written.
     */
    boolean recoverIfNeeded()
    {
        checkOwner();
        if (!needsRecovery)
        {
            return false;
        }
        final int length = JournalCodec.encodeRecovery(lastIndex, foundUnsigned, foundLastTick,
            System.currentTimeMillis(), scratch, 0);
        append(scratch, length);
        sealNow();
        needsRecovery = false;
        return true;
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
        if (nonSealAppended - sealedNonSeal >= JournalDescriptor.MAX_UNSIGNED_RECORDS / 2 ||
            (ticksAppended - sealedTicks) * tickPeriodNs >= JournalDescriptor.MAX_UNSIGNED_NS / 2)
        {
            catchUpSeal();
        }
        append(scratch, length);
    }

    /**
     * The unsigned tail reached half of what a verifier accepts as a crash's: waits (bounded, without
     * allocating) until the sealer has signed the latest record and appends that seal. Only a sealer far
     * behind the writer gets here — a writer far faster than real time (back-pressure), or a stalled sealer
     * thread (then the wait fails after 5 s and the journal fails).
     */
    private void catchUpSeal()
    {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (nonSealAppended - sealedNonSeal >= JournalDescriptor.MAX_UNSIGNED_RECORDS / 4 ||
            (ticksAppended - sealedTicks) * tickPeriodNs >= JournalDescriptor.MAX_UNSIGNED_NS / 4)
        {
            if (!sealer.busy())
            {
                requestSeal();
            }
            if (System.nanoTime() - deadline > 0 || sealer.failure() != null)
            {
                throw new IllegalStateException("the sealer thread did not sign within 5 s: the unsigned tail " +
                    "would exceed what a verifier accepts" + (sealer.failure() != null ? ": " + sealer.failure() : ""));
            }
            if (!sealer.poll())
            {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
            pollSeal();
        }
    }

    private void requestSeal()
    {
        if (sealer.tryRequest(lastIndex, chain.value()))
        {
            sealRequestedAt = records;
            pendingNonSeal = nonSealAppended;
            pendingTicks = ticksAppended;
            ticksAtRequest = ticksAppended;
            sealDue = false;
            sinceSeal = 0;
        }
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
            sealedNonSeal = pendingNonSeal;
            sealedTicks = pendingTicks;
        }
    }

    private void append(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = buffer.byteArray();
        chain.step(bytes, length);
        chain.store(bytes, length);

        final DocumentContext dc = appender.writingDocument();
        try
        {
            final Bytes<?> out = dc.wire().bytes();
            out.write(bytes, 0, length);
            writeEnd = out.writePosition();
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
        if (runwayBytes > 0 && writeEnd + runwayBytes / 2 > runwayEnd)
        {
            extendRunway();
        }

        final int type = bytes[0];
        if (type == JournalDescriptor.TICK || type == JournalDescriptor.TICK_WIDE)
        {
            summary.onTick(buffer, 0);
            ticksAppended++;
        }
        if (type != JournalDescriptor.SEAL)
        {
            nonSealAppended++;
            if (++sinceSeal >= sealIntervalRecords ||
                (ticksAppended - ticksAtRequest) * tickPeriodNs >= JournalDescriptor.SEAL_INTERVAL_MAX_NS)
            {
                sealDue = true;
            }
        }
        if (sealDue)
        {
            requestSeal();
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
        final byte[] covered = chain.value().clone();
        final long coveredIndex = lastIndex;
        final byte[] signature = sealer.signNow(coveredIndex, covered);
        final long coveredNonSeal = nonSealAppended;
        final long coveredTicks = ticksAppended;
        append(sealBuffer, JournalCodec.encodeSeal(coveredIndex, covered, signature, sealBuffer, 0));
        sealedNonSeal = coveredNonSeal;
        sealedTicks = coveredTicks;
        ticksAtRequest = coveredTicks;
        sealDue = false;
        sinceSeal = 0;
    }

    /**
     * Preallocates the next {@code runwayBytes} of the current .cq4 file beyond the write position by writing
     * zeros through a file channel (never into bytes Chronicle has written: only past the end of data, on the
     * appending thread, between appends). A full disk then fails here, synchronously, with an IOException —
     * not later as a SIGBUS when a mapped page is first touched (which the JVM raises asynchronously, after
     * Chronicle has committed a record whose bytes never reached the page). When the runway cannot be
     * extended, {@link #lowSpace()} says why; the records still fit in what is left of the runway (at least
     * half of it), so the session can trip, and end, with its evidence complete.
     */
    private void extendRunway()
    {
        try
        {
            final java.io.File file = appender.currentFile();
            if (file == null)
            {
                return;
            }
            if (!file.equals(runwayFile))
            {
                closeRunway();
                runwayChannel = java.nio.channels.FileChannel.open(file.toPath(), java.nio.file.StandardOpenOption.WRITE);
                runwayFile = file;
                runwayEnd = 0;
            }
            long at = Math.max(runwayEnd, (writeEnd + 4095) & ~4095L);
            final long target = writeEnd + runwayBytes;
            while (at < target)
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), target - at));
                at += runwayChannel.write(zeros, at);
            }
            runwayEnd = at;
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            if (lowSpace == null)
            {
                lowSpace = "the disk is full: " + runwayBytes + " bytes could not be preallocated ahead of the " +
                    "journal's write position " + writeEnd + " (" + describe(ex) + ")";
            }
            runwayEnd = Long.MAX_VALUE; // do not retry on every record; the session trips and ends in the runway
        }
    }

    private void closeRunway()
    {
        if (runwayChannel != null)
        {
            try
            {
                runwayChannel.close();
            }
            catch (final java.io.IOException ex)
            {
                // nothing was buffered: the zeros are written or not
            }
            runwayChannel = null;
        }
    }

    /**
     * @return why the disk runway could not be extended (the disk is full), or null; any thread.
     */
    String lowSpace()
    {
        return lowSpace;
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
        closeRunway();
        appender.close();
    }
}
