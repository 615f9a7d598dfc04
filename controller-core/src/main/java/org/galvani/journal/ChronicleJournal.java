package org.galvani.journal;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.TickRecord;

/**
 * The audit journal (docs/journal.md, SR-14): one Chronicle Queue per device (a folder), rolled
 * daily, holding each session's start, every tick, every event, periodic seals and the session's end, in
 * the layouts of {@link JournalDescriptor}. Each record is chained to its predecessor ({@link ChainHash})
 * and the chain is sealed every {@link JournalOptions#sealIntervalRecords()} records and at session end
 * with an Ed25519 signature by the device key, computed on a sealer thread.
 *
 * <p>This class opens the queue (recovering a crashed tail), checks the disk before a session, keeps the
 * session's state and the journal's health; how records reach the queue is its {@link JournalAppender},
 * one per {@link JournalMode}, chosen at open: {@link DirectAppender} (the control thread appends) or
 * {@link HandOffAppender} (a ring buffer and a {@link JournalAgent} thread). Their class comments state
 * what each costs the control thread: HAND_OFF allocates nothing, takes no lock and never waits; DIRECT
 * runs Chronicle's appender, its write lock and its page faults on the control thread.
 *
 * <p>Threading: {@link #open}, {@link #startSession}, {@link #endSession} and {@link #close} on a set-up
 * thread; {@link #onTick} and {@link #onEvent} on the control thread only, between start and end (the
 * controller's start and stop give the happens-before edges). {@link #failure()} may be read from any
 * thread (volatile).
 *
 * <p>Failure: {@link #onTick} and {@link #onEvent} return false when the record cannot be stored (hand-off
 * ring or attachment slots full, the journal failed) and the journal then stays failed, so the controller
 * trips with JOURNAL_FAILURE and no later record can hide the gap (never a silent gap). They also return
 * false — while still storing the record — once the disk runway could not be extended (the disk is full,
 * ADR-16): the controller trips at once, and the trip, the ticks after it and the session end still fit in
 * what is left of the runway, so the session's evidence is complete and sealed.
 */
public final class ChronicleJournal implements JournalSink, AutoCloseable
{
    private final Path dir;
    private final JournalMode mode;
    private final ChronicleQueue queue;
    private final Sealer sealer;
    private final RecordWriter writer;
    private final JournalAppender appender;
    private final JournalHealth health;
    private final boolean recovered;
    private final int sealIntervalRecords;
    private final long runwayBytes;
    private volatile boolean sessionOpen;
    private long tickPeriodNs;

    private ChronicleJournal(final Path dir, final JournalOptions options)
    {
        this.dir = dir;
        this.mode = options.mode();
        this.health = new JournalHealth(dir);
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
        this.appender = mode == JournalMode.HAND_OFF ?
            new HandOffAppender(writer, health, options.handOffCapacityBytes()) :
            new DirectAppender(writer, health);
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
     * Writes the session's SESSION_START (set-up thread, before the first tick; allocates and, in HAND_OFF,
     * waits for the journal thread).
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
        health.requireHealthy();
        if (maxSessionNs > 0)
        {
            requireSpace(worstCaseBytes(maxSessionNs, header.tickPeriodNs(), sealIntervalRecords, runwayBytes));
        }
        appender.startSession(header);
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
        health.requireHealthy();
        sessionOpen = false;
        return appender.endSession();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Control thread only; what it allocates, locks and waits for is the mode's appender's (class comment).
     */
    @Override
    public boolean onTick(final TickRecord record)
    {
        if (health.failed())
        {
            return false;
        }
        if (!sessionOpen)
        {
            return health.fail("a tick arrived while no session was open (startSession not called)");
        }
        return appender.appendTick(record, tickPeriodNs) && writer.lowSpace() == null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Control thread only; what it allocates, locks and waits for is the mode's appender's (class comment).
     */
    @Override
    public boolean onEvent(final ControllerEvent event)
    {
        if (health.failed())
        {
            return false;
        }
        if (!sessionOpen)
        {
            return health.fail("an event arrived while no session was open (startSession not called)");
        }
        return appender.appendEvent(event) && writer.lowSpace() == null;
    }

    /**
     * @return why the journal failed (one sentence), or null while it is healthy.
     */
    public String failure()
    {
        final String why = health.failure();
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
     * Stops the appender (HAND_OFF: the journal agent drains the ring and its thread ends), then the sealer
     * and the queue. A session still open stays without SESSION_END, as after a crash. Set-up thread.
     */
    @Override
    public void close()
    {
        try
        {
            appender.close();
            writer.close();
        }
        finally
        {
            sealer.close();
            queue.close();
        }
    }
}
