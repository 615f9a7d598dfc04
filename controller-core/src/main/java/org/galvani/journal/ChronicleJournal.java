package org.galvani.journal;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.MutableDirectBuffer;
import org.galvani.config.InvalidConfigurationException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.TickRecord;

/**
 * The audit journal (docs/journal.md, SR-14): one Chronicle Queue per device (a folder), rolled
 * daily, holding each session's start, every tick, every event, periodic seals and the session's end, in
 * the layouts of {@link JournalDescriptor}. Each record is chained to its predecessor by SHA-256 and the
 * chain is sealed every {@link JournalOptions#sealIntervalRecords()} records and at session end with an
 * Ed25519 signature by the device key, computed on a sealer thread.
 *
 * <p>Threading: {@link #open}, {@link #startSession}, {@link #endSession} and {@link #close} on a set-up
 * thread; {@link #onTick} and {@link #onEvent} on the control thread only, between start and end (the
 * controller's start and stop give the happens-before edges). In {@link JournalMode#DIRECT} the control
 * thread encodes, chains and appends; in {@link JournalMode#HAND_OFF} it copies the encoded record into an
 * Agrona one-to-one ring buffer (release on commit, acquire on read) and a journal thread chains and
 * appends; event attachments (immutable objects) travel by reference in a slot array, stored before the
 * ring buffer's commit. {@link #failure()} may be read from any thread (volatile).
 *
 * <p>Allocation and blocking: in HAND_OFF, {@link #onTick} and {@link #onEvent} allocate nothing, take no lock
 * and never wait. In DIRECT they run Chronicle's appender on the control thread, which takes the queue's write
 * lock and waits for chunk mapping and page faults (docs/journal.md: p99.99 312 µs, a few KB allocated per
 * million ticks), and extend the disk runway there. In both modes they return false when the record cannot be
 * stored (hand-off ring or attachment slots full, the journal failed) and the journal then stays failed, so
 * the controller trips with JOURNAL_FAILURE and no later record can hide the gap (never a silent gap). They
 * also return false — while still storing the record — once the disk runway could not be extended (the disk
 * is full, ADR-16): the controller trips at once, and the trip, the ticks after it and the session end still
 * fit in what is left of the runway, so the session's evidence is complete and sealed.
 */
public final class ChronicleJournal implements JournalSink, AutoCloseable
{
    private static final int MSG_TICK = 1;
    private static final int MSG_EVENT = 2;
    private static final int MSG_START = 3;
    private static final int MSG_END = 4;
    private static final int SLOTS = 1024;
    private static final int EVENT_MESSAGE_LENGTH = JournalDescriptor.EVENT_ATTACHMENT_OFFSET + 4;
    private static final long SET_UP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final Path dir;
    private final JournalMode mode;
    private final ChronicleQueue queue;
    private final Sealer sealer;
    private final RecordWriter writer;

    private final OneToOneRingBuffer ring;
    private final UnsafeBuffer stage = new UnsafeBuffer(new byte[JournalDescriptor.TICK_WIDE_LENGTH + 64]);
    private final AtomicReferenceArray<Object> slots = new AtomicReferenceArray<>(SLOTS);
    private final MessageHandler drainHandler = this::onMessage;
    private final Thread journalThread;
    private long nextSlot;

    private volatile boolean running = true;
    private volatile boolean sessionOpen;
    private volatile String failure;
    /** Set by the journal thread when it cannot write; an overflow of the ring alone does not stop it. */
    private volatile boolean writeFailed;
    private volatile SessionHeader pendingHeader;
    private volatile SessionSummary lastSummary;
    private volatile long startsDone;
    private volatile long endsDone;
    private long tickPeriodNs;
    private final boolean recovered;
    private final int sealIntervalRecords;
    private final long runwayBytes;

    private ChronicleJournal(final Path dir, final JournalOptions options)
    {
        this.dir = dir;
        this.mode = options.mode();
        this.sealIntervalRecords = options.sealIntervalRecords();
        this.runwayBytes = options.runwayBytes();
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(RollCycles.FAST_DAILY);
        if (options.blockSizeBytes() > 0)
        {
            builder.blockSize(options.blockSizeBytes());
        }
        this.queue = buildQueue(dir, builder);
        Sealer newSealer = null;
        boolean recovered = false;
        RecordWriter newWriter = null;
        try
        {
            newSealer = new Sealer(options.devicePrivateKey(), "galvani-journal-sealer");
            newWriter = new RecordWriter(queue, newSealer, options.sealIntervalRecords(), options.runwayBytes());
            recovered = newWriter.recoverIfNeeded();
        }
        catch (final RuntimeException | Error ex)
        {
            if (newSealer != null)
            {
                newSealer.close();
            }
            queue.close();
            if (ex instanceof InvalidConfigurationException)
            {
                throw ex;
            }
            throw new IllegalStateException("the journal at " + dir + " cannot be opened for writing: " +
                RecordWriter.describe(ex), ex);
        }
        this.sealer = newSealer;
        this.writer = newWriter;
        this.recovered = recovered;
        if (mode == JournalMode.HAND_OFF)
        {
            ring = new OneToOneRingBuffer(new UnsafeBuffer(
                ByteBuffer.allocateDirect(options.handOffCapacityBytes() + RingBufferDescriptor.TRAILER_LENGTH)));
            journalThread = new Thread(this::runJournalThread, "galvani-journal");
            journalThread.setDaemon(true);
            journalThread.start();
        }
        else
        {
            ring = null;
            journalThread = null;
        }
    }

    private static ChronicleQueue buildQueue(final Path dir, final SingleChronicleQueueBuilder builder)
    {
        try
        {
            return builder.build();
        }
        catch (final RuntimeException | Error ex)
        {
            throw new IllegalStateException("the journal at " + dir + " cannot be opened for writing: " +
                RecordWriter.describe(ex), ex);
        }
    }

    /**
     * @return whether opening found a tail left by a crash (or a session left open) and wrote a signed
     *         RECOVERY record attesting it (ADR-15).
     */
    public boolean recovered()
    {
        return recovered;
    }

    /**
     * Opens (or creates) the device's journal and continues its chain from the last complete record. When the
     * journal ends with records no seal covers, or with a session left open (a crash), a RECOVERY record
     * attesting that tail and a seal over it are written first (set-up thread; signs on it).
     *
     * @param dir     the queue's folder (one per device).
     * @param options the settings (concluded here).
     * @return the journal.
     * @throws org.galvani.config.InvalidConfigurationException when an option is invalid.
     * @throws IllegalStateException when the folder holds something that is not a Galvani journal, or the
     *                               journal cannot be opened or recovered (one sentence; never an Error).
     */
    public static ChronicleJournal open(final Path dir, final JournalOptions options)
    {
        return new ChronicleJournal(dir, options.conclude());
    }

    /**
     * Writes the session's SESSION_START (set-up thread, before the first tick; allocates and may wait for
     * the journal thread).
     *
     * @param header what ran.
     * @throws IllegalStateException when the journal has failed or cannot write the record.
     */
    public void startSession(final SessionHeader header)
    {
        startSession(header, 0);
    }

    /**
     * Checks that the journal's file system has room for the session's worst case, then writes the
     * SESSION_START (set-up thread, before the first tick). The worst case is
     * {@link #worstCaseBytes}: every tick of the longest session the plan allows (plus a minute of
     * ramp-down and fault ticks) as a compact tick, the seals, and a margin for events, Chronicle's index and
     * the disk runway. A session that might not fit is refused before it starts (SR-14, ADR-16).
     *
     * @param header       what runs.
     * @param maxSessionNs the plan's longest treatment time (0: no check beyond the runway).
     * @throws IllegalStateException when there is not enough room (one sentence with both figures), the
     *                               journal failed, or the record cannot be written.
     */
    public void startSession(final SessionHeader header, final long maxSessionNs)
    {
        requireHealthy();
        if (maxSessionNs > 0)
        {
            requireSpace(worstCaseBytes(maxSessionNs, header.tickPeriodNs(), sealIntervalRecords, runwayBytes));
        }
        if (mode == JournalMode.DIRECT)
        {
            try
            {
                writer.writeSessionStart(header);
            }
            catch (final RuntimeException | Error ex)
            {
                fail("the session start could not be written: " + RecordWriter.describe(ex));
                throw new IllegalStateException(failure, ex);
            }
        }
        else
        {
            final long before = startsDone;
            pendingHeader = header;
            sendControl(MSG_START);
            awaitCounter(before, true);
        }
        tickPeriodNs = header.tickPeriodNs();
        sessionOpen = true;
    }

    /**
     * @param maxSessionNs        the plan's longest treatment time.
     * @param tickPeriodNs        the control period.
     * @param sealIntervalRecords records between seals.
     * @param runwayBytes         the disk runway.
     * @return bytes a session of that length may need on disk at most (with a 25 % margin).
     */
    public static long worstCaseBytes(final long maxSessionNs, final long tickPeriodNs, final int sealIntervalRecords,
        final long runwayBytes)
    {
        final long ticks = (maxSessionNs + 60_000_000_000L) / Math.max(1, tickPeriodNs) + 1;
        final long onDisk = JournalDescriptor.TICK_LENGTH + JournalDescriptor.CHRONICLE_HEADER_LENGTH;
        final long seals = ticks / sealIntervalRecords + ticks * tickPeriodNs / JournalDescriptor.SEAL_INTERVAL_MAX_NS + 2;
        final long bytes = ticks * onDisk + seals * (JournalDescriptor.SEAL_LENGTH + 4) + (1L << 20);
        return bytes + bytes / 4 + runwayBytes;
    }

    private void requireSpace(final long needed)
    {
        long usable;
        try
        {
            usable = java.nio.file.Files.getFileStore(dir).getUsableSpace();
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException("session refused: the free space of the journal's file system at " + dir +
                " cannot be read (" + ex.getMessage() + ")", ex);
        }
        if (usable < needed)
        {
            throw new IllegalStateException("session refused: the journal at " + dir + " has " + usable +
                " bytes free, but the plan's worst case needs " + needed + " bytes (longest session at every " +
                "tick, seals, margin and runway): free space first, a full disk must never cut a session's evidence");
        }
    }

    /**
     * Writes the SESSION_END (with the summary of the ticks stored) and a final seal over it (set-up thread,
     * after the last tick; the signature is computed on this thread or the journal thread, never the
     * control thread).
     *
     * @return the summary written.
     * @throws IllegalStateException when no session is open, the journal failed or the record cannot be
     *                               written.
     */
    public SessionSummary endSession()
    {
        if (!sessionOpen)
        {
            throw new IllegalStateException("no session is open in the journal at " + dir);
        }
        requireHealthy();
        sessionOpen = false;
        if (mode == JournalMode.DIRECT)
        {
            try
            {
                lastSummary = writer.writeSessionEnd();
            }
            catch (final RuntimeException | Error ex)
            {
                fail("the session end could not be written: " + RecordWriter.describe(ex));
                throw new IllegalStateException(failure, ex);
            }
        }
        else
        {
            final long before = endsDone;
            sendControl(MSG_END);
            awaitCounter(before, false);
        }
        return lastSummary;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Control thread only; in HAND_OFF no allocation, no lock, no wait (DIRECT: see the class comment).
     */
    @Override
    public boolean onTick(final TickRecord record)
    {
        if (failure != null)
        {
            return false;
        }
        if (!sessionOpen)
        {
            return fail("a tick arrived while no session was open (startSession not called)");
        }
        if (mode == JournalMode.DIRECT)
        {
            try
            {
                writer.appendRecord(JournalCodec.encodeTick(record, tickPeriodNs, writer.scratch(), 0));
                return writer.lowSpace() == null;
            }
            catch (final RuntimeException | Error ex)
            {
                return fail("tick " + record.tick + " could not be appended: " + RecordWriter.describe(ex));
            }
        }
        final int length = JournalCodec.encodeTick(record, tickPeriodNs, stage, 0) - JournalDescriptor.CHAIN_LENGTH;
        if (!ring.write(MSG_TICK, stage, 0, length))
        {
            return fail("the hand-off ring buffer is full at tick " + record.tick +
                ": the journal thread fell behind");
        }
        return writer.lowSpace() == null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Control thread only; in HAND_OFF no allocation, no lock, no wait (DIRECT: see the class comment).
     */
    @Override
    public boolean onEvent(final ControllerEvent event)
    {
        if (failure != null)
        {
            return false;
        }
        if (!sessionOpen)
        {
            return fail("an event arrived while no session was open (startSession not called)");
        }
        if (mode == JournalMode.DIRECT)
        {
            try
            {
                final int length = JournalCodec.encodeEvent(event, writer.scratch(), 0);
                if (length < 0)
                {
                    return fail("the " + event.type + " event of tick " + event.tick + " is larger than " +
                        RecordWriter.SCRATCH_CAPACITY + " bytes");
                }
                writer.appendRecord(length);
                return writer.lowSpace() == null;
            }
            catch (final RuntimeException | Error ex)
            {
                return fail("the event of tick " + event.tick + " could not be appended: " +
                    RecordWriter.describe(ex));
            }
        }
        JournalCodec.encodeEventFixed(event, stage, 0);
        int slot = -1;
        if (event.attachment != null)
        {
            slot = (int)(nextSlot++ & (SLOTS - 1));
            if (slots.get(slot) != null)
            {
                return fail("the hand-off attachment slots are full at tick " + event.tick);
            }
            slots.lazySet(slot, event.attachment);
        }
        stage.putInt(JournalDescriptor.EVENT_ATTACHMENT_OFFSET, slot);
        if (!ring.write(MSG_EVENT, stage, 0, EVENT_MESSAGE_LENGTH))
        {
            if (slot >= 0)
            {
                slots.lazySet(slot, null);
            }
            return fail("the hand-off ring buffer is full at tick " + event.tick + ": the journal thread fell behind");
        }
        return writer.lowSpace() == null;
    }

    /**
     * @return why the journal failed (one sentence), or null while it is healthy.
     */
    public String failure()
    {
        final String why = failure;
        return why != null ? why : writer.lowSpace();
    }

    /**
     * @return the queue's folder.
     */
    public Path dir()
    {
        return dir;
    }

    /**
     * @return the mode in use.
     */
    public JournalMode mode()
    {
        return mode;
    }

    /**
     * Stops the journal thread (after it drained the ring), the sealer and the queue. A session still open
     * stays without SESSION_END, as after a crash. Set-up thread.
     */
    @Override
    public void close()
    {
        running = false;
        if (journalThread != null)
        {
            try
            {
                journalThread.join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        try
        {
            writer.close();
        }
        finally
        {
            sealer.close();
            queue.close();
        }
    }

    // ---- internals -----------------------------------------------------------------------------------

    /**
     * The journal thread cannot write: it stops appending (and the control thread's next record is
     * refused). Records the control thread could not enqueue (a full ring) are reported by {@link #fail}
     * alone: the journal thread still writes every record accepted before, so nothing acknowledged is lost.
     */
    private void failWrite(final String why)
    {
        writeFailed = true;
        fail(why);
    }

    private boolean fail(final String why)
    {
        if (failure == null)
        {
            failure = why;
        }
        return false;
    }

    private void requireHealthy()
    {
        final String why = failure;
        if (why != null)
        {
            throw new IllegalStateException("the journal at " + dir + " has failed: " + why);
        }
    }

    private void sendControl(final int msgType)
    {
        final long deadline = System.nanoTime() + SET_UP_TIMEOUT_NS;
        while (!ring.write(msgType, stage, 0, 4))
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("the hand-off ring buffer stayed full for 10 s");
                requireHealthy();
            }
            Thread.onSpinWait();
        }
    }

    private void awaitCounter(final long before, final boolean starts)
    {
        final long deadline = System.nanoTime() + SET_UP_TIMEOUT_NS;
        while ((starts ? startsDone : endsDone) == before)
        {
            requireHealthy();
            if (System.nanoTime() - deadline > 0)
            {
                fail("the journal thread did not write the session " + (starts ? "start" : "end") + " within 10 s");
                requireHealthy();
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        requireHealthy();
    }

    private void runJournalThread()
    {
        final IdleStrategy idle = new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(10),
            TimeUnit.MILLISECONDS.toNanos(1));
        while (true)
        {
            final boolean stopping = !running;
            final int work = ring.read(drainHandler, 256);
            if (work == 0)
            {
                if (stopping)
                {
                    return;
                }
                if (!writeFailed)
                {
                    try
                    {
                        writer.pollSeal();
                    }
                    catch (final RuntimeException | Error ex)
                    {
                        failWrite("a seal could not be appended: " + RecordWriter.describe(ex));
                    }
                }
            }
            idle.idle(work);
        }
    }

    private void onMessage(final int msgType, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgType == MSG_EVENT)
        {
            final int slot = buffer.getInt(index + JournalDescriptor.EVENT_ATTACHMENT_OFFSET);
            final Object attachment = slot >= 0 ? slots.get(slot) : null;
            if (slot >= 0)
            {
                slots.lazySet(slot, null);
            }
            if (writeFailed)
            {
                return;
            }
            try
            {
                final UnsafeBuffer scratch = writer.scratch();
                scratch.putBytes(0, buffer, index, JournalDescriptor.EVENT_ATTACHMENT_OFFSET);
                final int recordLength = JournalCodec.completeEvent(attachment, scratch, 0);
                if (recordLength < 0)
                {
                    failWrite("an event attachment is larger than " + RecordWriter.SCRATCH_CAPACITY + " bytes");
                    return;
                }
                writer.appendRecord(recordLength);
            }
            catch (final RuntimeException | Error ex)
            {
                failWrite("an event could not be appended: " + RecordWriter.describe(ex));
            }
            return;
        }
        if (writeFailed)
        {
            return;
        }
        try
        {
            switch (msgType)
            {
                case MSG_TICK:
                    writer.scratch().putBytes(0, buffer, index, length);
                    writer.appendRecord(length + JournalDescriptor.CHAIN_LENGTH);
                    break;
                case MSG_START:
                    writer.writeSessionStart(pendingHeader);
                    startsDone = startsDone + 1;
                    break;
                case MSG_END:
                    lastSummary = writer.writeSessionEnd();
                    endsDone = endsDone + 1;
                    break;
                default:
                    failWrite("unknown hand-off message type " + msgType);
                    break;
            }
        }
        catch (final RuntimeException | Error ex)
        {
            failWrite("the journal thread could not append: " + RecordWriter.describe(ex));
        }
    }
}
