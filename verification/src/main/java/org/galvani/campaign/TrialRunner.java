package org.galvani.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TeeJournalSink;
import org.galvani.controller.TickRecord;
import org.galvani.controller.TickTiming;
import org.galvani.hal.binding.HalBinding;
import org.galvani.hal.jna.SimChannel;
import org.galvani.hal.jna.SimDriver;
import org.galvani.hal.jna.SimTruth;
import org.galvani.journal.ChronicleJournal;
import org.galvani.journal.JournalMode;
import org.galvani.journal.JournalOptions;
import org.galvani.journal.JournalVerifier;
import org.galvani.journal.JournalVisitor;
import org.galvani.journal.SessionHeader;
import org.galvani.journal.SessionSummary;
import org.galvani.journal.VerifyReport;
import org.galvani.replay.Divergence;
import org.galvani.replay.ReplayReport;
import org.galvani.replay.Replayer;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.SessionState;

/**
 * Runs one {@link Trial} through the real stack — {@link Controller}, JNA, the native sim with the trial's
 * faults, a Chronicle journal (DIRECT, sealed with the campaign's device key, {@link #JOURNAL_BLOCK_BYTES} blocks)
 * in a temporary folder — on the
 * caller's thread, tick by tick, with the operator's commands sent from up to three threads, and checks
 * the properties (docs/qa-campaign.md): P1 … P4 and P6 after every tick ({@link PropertyChecker}), P5 on
 * the journal after the last tick when the trial is journaled ({@link JournalVerifier} feeding a {@link Replayer}
 * in the same pass over the journal; a campaign may journal only 1 trial in N), P7 around every tick (exceptions, a per-tick wall-time budget, and the bytes
 * {@code Controller.tick} allocates on this thread, counted with the ThreadMXBean after the warm-up).
 *
 * <p>Threading: one runner per worker thread (it owns two sender threads); not thread-safe.
 * Allocation: per trial (set-up, journal, checks of the journal); the tick path itself is measured.
 */
public final class TrialRunner implements AutoCloseable
{
    /** A tick slower than this (wall time) is a hang (P7). */
    public static final long TICK_BUDGET_NS = 2_000_000_000L;
    /** Ticks of each trial not counted for allocation (class loading, first chunk of the journal). */
    public static final int ALLOCATION_WARMUP_TICKS = 1_000;
    /** Ordinary timing inputs: the previous tick took 2 µs, this one started 1 µs late. */
    private static final long NORMAL_DURATION_NS = 2_000;
    private static final long NORMAL_LATENESS_NS = 1_000;
    /**
     * Chronicle block size of a trial's journal (docs/decisions.md ADR-28, ADR-34): 2 MiB instead of Chronicle's
     * default (64 MiB + 16 MiB overlap on a 64-bit JVM). A trial's journal holds 0.2–20 MB, but its queue file
     * is at least one block long, and {@code verify} reads every byte after the end of data to prove it is zero
     * (appended bytes would otherwise go unseen): with the default block that was 76 MB of zeros a trial,
     * 60 % of verify's time. 2 MiB (ADR-34; 256 KiB before) is one huge page: on a huge-page tmpfs
     * ({@code --journal-dir}) each chunk Chronicle maps is then backed by whole 2 MiB pages and the appender takes
     * one page fault a chunk instead of one every 4 KiB. The block size changes neither a record's bytes nor the
     * chain, seals or framing; the device's default block is exercised by the journal's own tests and
     * {@code galvani simulate}.
     */
    public static final long JOURNAL_BLOCK_BYTES = 2 << 20;

    private final KeyPair deviceKeys;
    private final Path baseDir;
    private final int sealIntervalRecords;
    private final long blockSizeBytes;
    private final ExecutorService[] senders = new ExecutorService[2];
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    /**
     * A runner whose journals are sealed at the product's default interval
     * ({@link JournalOptions#DEFAULT_SEAL_INTERVAL_RECORDS}).
     *
     * @param baseDir where trial journals go (a temporary folder under it per trial).
     */
    public TrialRunner(final Path baseDir)
    {
        this(baseDir, JournalOptions.DEFAULT_SEAL_INTERVAL_RECORDS);
    }

    /**
     * @param baseDir             where trial journals go (a temporary folder under it per trial).
     * @param sealIntervalRecords records between two seals of a trial's journal (a final seal always
     *                            follows the session end); validated by {@link JournalOptions}.
     */
    public TrialRunner(final Path baseDir, final int sealIntervalRecords)
    {
        this(baseDir, sealIntervalRecords, JOURNAL_BLOCK_BYTES);
    }

    /**
     * @param baseDir             where trial journals go (a temporary folder under it per trial).
     * @param sealIntervalRecords records between two seals of a trial's journal (a final seal always
     *                            follows the session end); validated by {@link JournalOptions}.
     * @param blockSizeBytes      the Chronicle block size of a trial's journal ({@link #JOURNAL_BLOCK_BYTES};
     *                            0: Chronicle's default, the device's).
     */
    public TrialRunner(final Path baseDir, final int sealIntervalRecords, final long blockSizeBytes)
    {
        this(baseDir, sealIntervalRecords, blockSizeBytes, newDeviceKeys());
    }

    /**
     * @param baseDir             where trial journals go (a temporary folder under it per trial).
     * @param sealIntervalRecords records between two seals of a trial's journal (a final seal always
     *                            follows the session end); validated by {@link JournalOptions}.
     * @param blockSizeBytes      the Chronicle block size of a trial's journal ({@link #JOURNAL_BLOCK_BYTES};
     *                            0: Chronicle's default, the device's).
     * @param deviceKeys          the simulated device's key pair, which seals every trial's journal; one pair
     *                            for all of a campaign's runners, as a device has one key (the verifier then
     *                            prepares the public key once for all of them: ADR-35's key table, which a key
     *                            per runner rebuilt in every other trial).
     */
    public TrialRunner(final Path baseDir, final int sealIntervalRecords, final long blockSizeBytes,
        final KeyPair deviceKeys)
    {
        this.baseDir = baseDir;
        this.sealIntervalRecords = sealIntervalRecords;
        this.blockSizeBytes = blockSizeBytes;
        this.deviceKeys = deviceKeys;
        for (int i = 0; i < senders.length; i++)
        {
            final int number = i + 1;
            senders[i] = Executors.newSingleThreadExecutor(r ->
            {
                final Thread t = new Thread(r, "campaign-sender-" + number);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /**
     * @return the default base folder: /dev/shm when present, else the temporary folder.
     */
    public static Path defaultBaseDir()
    {
        final Path shm = Paths.get("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Paths.get(System.getProperty("java.io.tmpdir"));
    }

    /**
     * @return a new Ed25519 key pair for a simulated device.
     */
    public static KeyPair newDeviceKeys()
    {
        try
        {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("Ed25519 is not available", ex);
        }
    }

    static ControllerContext context()
    {
        return new ControllerContext().tickPeriodNs(Generators.PERIOD_NS)
            .monitorLimits(MonitorLimits.defaults(Generators.ABSOLUTE_LIMIT_UA, Generators.COMPLIANCE_MV,
                Generators.PERIOD_NS));
    }

    /**
     * Runs a trial.
     *
     * @param trial             the trial.
     * @param measureAllocation whether to count the tick path's allocation (P7).
     * @param keepJournal       a folder to keep the journal in, or null to delete it.
     * @return what it showed.
     */
    public TrialResult run(final Trial trial, final boolean measureAllocation, final Path keepJournal)
    {
        return run(trial, measureAllocation, keepJournal, true);
    }

    /**
     * Runs a trial, with or without its journal. Without it, P5 is not checked (the controller's journal seam
     * is {@link JournalSink#NONE}); every other property is, from the same per-tick record and events.
     *
     * @param trial             the trial.
     * @param measureAllocation whether to count the tick path's allocation (P7).
     * @param keepJournal       a folder to keep the journal in, or null to delete it (ignored when not journaled).
     * @param journalRequested  whether to journal the trial and check P5 on it (a trial whose journal refuses
     *                          writes, {@link FaultKind#JOURNAL_REFUSAL}, runs without a journal).
     * @return what it showed.
     */
    public TrialResult run(final Trial trial, final boolean measureAllocation, final Path keepJournal,
        final boolean journalRequested)
    {
        final boolean journaled = journalRequested && !trial.schedule().contains(FaultKind.JOURNAL_REFUSAL);
        final List<Violation> violations = new ArrayList<>();
        final CoverageMatrix coverage = new CoverageMatrix();
        final Path dir = !journaled ? null : journalDir(keepJournal);
        long ticksRun = 0;
        long allocated = measureAllocation ? 0 : -1;
        long journalBytes = measureAllocation ? 0 : -1;
        final ControllerContext ctx = context().conclude();
        try (SimDriver sim = HalBinding.configured().openSim(trial.fullSimConfig()))
        {
            injectSimFaults(sim, trial.schedule().faults());
            final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
            final TickObserver observer = new TickObserver();
            final PropertyChecker checker = new PropertyChecker(trial, sim.info(), ctx.monitorLimits(), violations,
                Generators.PERIOD_NS);
            final SimTruth truth = new SimTruth();
            try (ChronicleJournal journal = !journaled ? null : ChronicleJournal.open(dir,
                new JournalOptions().devicePrivateKey(deviceKeys.getPrivate()).mode(JournalMode.DIRECT)
                    .sealIntervalRecords(sealIntervalRecords).blockSizeBytes(blockSizeBytes)))
            {
                if (journal != null)
                {
                    journal.startSession(SessionHeader.of("campaign", ctx, sim.info()));
                }
                final MeteredSink metered = new MeteredSink(journal != null ? journal : JournalSink.NONE, threads);
                final JournalRefusal refusal = new JournalRefusal(metered, trial.schedule());
                final Controller controller = new Controller(ctx, sim, inbox, new TeeJournalSink(refusal, observer),
                    new StatusPublisher());
                final TickTiming timing = new TickTiming();
                final List<OperatorCommand> commands = trial.script().commands();
                final List<ScheduledFault> faults = trial.schedule().faults();
                int next = 0;
                for (long tick = 0; tick < trial.ticks(); tick++)
                {
                    while (next < commands.size() && commands.get(next).tick() <= tick)
                    {
                        send(inbox, commands.get(next++));
                    }
                    countOnsets(faults, tick, controller.state(), coverage);
                    timing(faults, tick, timing);
                    observer.clear();
                    refusal.beginTick(tick);
                    final boolean counted = measureAllocation && tick >= ALLOCATION_WARMUP_TICKS;
                    metered.metering = counted;
                    final long bytesBefore = counted ? threads.getCurrentThreadAllocatedBytes() : 0;
                    final long startNs = System.nanoTime();
                    try
                    {
                        controller.tick(timing);
                    }
                    catch (final Throwable ex)
                    {
                        violations.add(new Violation(Property.NO_THROW_HANG_ALLOCATION, tick, "the tick threw " + ex));
                        ticksRun++;
                        break;
                    }
                    final long tookNs = System.nanoTime() - startNs;
                    if (counted)
                    {
                        allocated += threads.getCurrentThreadAllocatedBytes() - bytesBefore;
                    }
                    ticksRun++;
                    if (tookNs > TICK_BUDGET_NS)
                    {
                        checker.violation(Property.NO_THROW_HANG_ALLOCATION, tick, "the tick took " + tookNs / 1_000_000 +
                            " ms (budget " + TICK_BUDGET_NS / 1_000_000 + " ms)");
                    }
                    sim.truth(truth);
                    observer.journalRefused = refusal.refusedThisTick();
                    checker.afterTick(controller.record(), observer, truth, timing.latenessNs(),
                        timing.lastTickDurationNs());
                }
                if (measureAllocation)
                {
                    journalBytes = metered.bytes;
                    allocated -= journalBytes;
                }
                if (allocated > 0)
                {
                    checker.violation(Property.NO_THROW_HANG_ALLOCATION, -1, "Controller.tick allocated " + allocated +
                        " bytes (journal calls excluded: " + journalBytes + " more) over " +
                        (ticksRun - ALLOCATION_WARMUP_TICKS) + " ticks after the warm-up");
                }
                endSession(journal, violations);
            }
        }
        if (dir != null)
        {
            checkJournal(dir, ticksRun, violations);
            if (keepJournal == null)
            {
                delete(dir);
            }
        }
        return new TrialResult(List.copyOf(violations), ticksRun, coverage, allocated, journalBytes,
            journaled ? keepJournal : null);
    }

    private Path journalDir(final Path keepJournal)
    {
        try
        {
            return keepJournal != null ? Files.createDirectories(keepJournal) :
                Files.createTempDirectory(baseDir, "galvani-trial-");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The faults the sim injects by itself, on each of their channels (the timing faults are tick inputs). */
    private static void injectSimFaults(final SimDriver sim, final List<ScheduledFault> faults)
    {
        for (final ScheduledFault fault : faults)
        {
            if (fault.kind().simFault() != null)
            {
                for (final SimChannel channel : fault.simChannels())
                {
                    sim.inject(fault.kind().simFault(), channel, fault.onsetTick(), fault.durationTicks(),
                        fault.magnitude());
                }
            }
        }
    }

    /** Counts in the coverage matrix the faults whose onset is this tick, in the state the tick starts in. */
    private static void countOnsets(
        final List<ScheduledFault> faults, final long tick, final SessionState before, final CoverageMatrix coverage)
    {
        for (int i = 0; i < faults.size(); i++)
        {
            final ScheduledFault fault = faults.get(i);
            if (fault.onsetTick() == tick)
            {
                coverage.increment(fault.kind(), before);
            }
        }
    }

    /**
     * The tick's timing inputs: ordinary ticks {@link #NORMAL_DURATION_NS} long starting
     * {@link #NORMAL_LATENESS_NS} late, made later or longer by the active timing faults.
     */
    private static void timing(final List<ScheduledFault> faults, final long tick, final TickTiming timing)
    {
        long latenessNs = NORMAL_LATENESS_NS;
        long durationNs = NORMAL_DURATION_NS;
        for (int i = 0; i < faults.size(); i++)
        {
            final ScheduledFault fault = faults.get(i);
            if (fault.kind().timing() && fault.activeAt(tick))
            {
                final long ns = (long)(fault.magnitude() * 1_000);
                if (fault.kind() == FaultKind.LATE_TICKS)
                {
                    latenessNs += ns;
                }
                else
                {
                    durationNs = Math.max(durationNs, ns);
                }
            }
        }
        final long scheduledNs = tick * Generators.PERIOD_NS;
        timing.scheduledNs(scheduledNs).actualNs(scheduledNs + latenessNs).lastTickDurationNs(durationNs)
            .latenessNs(latenessNs);
    }

    /** Ends the journaled session, or reports why the journal failed; a trial not journaled (null) has no P5. */
    private static void endSession(final ChronicleJournal journal, final List<Violation> violations)
    {
        if (journal == null)
        {
            return;
        }
        if (journal.failure() == null)
        {
            journal.endSession();
        }
        else
        {
            violations.add(new Violation(Property.JOURNAL_VERIFY_REPLAY, -1, "journal failed: " + journal.failure()));
        }
    }

    private void send(final CommandInbox inbox, final OperatorCommand command)
    {
        if (command.sender() == 0)
        {
            inbox.send(command.command(), command.arg(), command.attachment());
            return;
        }
        try
        {
            senders[command.sender() - 1].submit(() -> inbox.send(command.command(), command.arg(),
                command.attachment())).get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + command, ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("sending " + command + " failed", ex.getCause());
        }
    }

    /**
     * P5 on a trial's journal: verified (chain, seals, continuity, framing) and replayed bit for bit in one pass,
     * holding exactly the ticks that ran.
     *
     * @param dir        the journal's folder.
     * @param ticks      the ticks the trial ran.
     * @param violations where a P5 violation is added.
     */
    void checkJournal(final Path dir, final long ticks, final List<Violation> violations)
    {
        // One pass: each record is verified (chain, seals, continuity, framing) and then fed to the replayer.
        final ReplayVisitor visitor = new ReplayVisitor();
        final VerifyReport report = JournalVerifier.verifyAndVisit(dir, deviceKeys.getPublic(), visitor);
        if (!report.ok())
        {
            violations.add(new Violation(Property.JOURNAL_VERIFY_REPLAY, report.badRecord(), "verify: " + report));
            return;
        }
        if (report.ticks() != ticks)
        {
            violations.add(new Violation(Property.JOURNAL_VERIFY_REPLAY, report.lastTick(), "journal holds " +
                report.ticks() + " ticks, " + ticks + " ran"));
            return;
        }
        if (visitor.replayer == null)
        {
            violations.add(new Violation(Property.JOURNAL_VERIFY_REPLAY, -1, "no session in the journal"));
            return;
        }
        final ReplayReport replay = visitor.replayer.report();
        final Divergence divergence = replay.divergence();
        if (divergence != null)
        {
            violations.add(new Violation(Property.JOURNAL_VERIFY_REPLAY, divergence.tick(), "replay diverged at field " +
                divergence.field() + ": recorded " + divergence.recordedValue() + ", replayed " +
                divergence.replayedValue()));
        }
        else if (replay.ticksReplayed() != ticks)
        {
            violations.add(new Violation(Property.JOURNAL_VERIFY_REPLAY, -1, "replayed " + replay.ticksReplayed() +
                " ticks of " + ticks));
        }
    }

    /** Feeds the journal's session into a replayer. */
    private static final class ReplayVisitor implements JournalVisitor
    {
        Replayer replayer;

        @Override
        public void onSessionStart(final long index, final SessionHeader header)
        {
            replayer = new Replayer(header);
        }

        @Override
        public void onEvent(final long index, final ControllerEvent event)
        {
            if (replayer != null && replayer.divergence() == null)
            {
                replayer.onRecordedEvent(event);
            }
        }

        @Override
        public void onTick(final long index, final TickRecord record)
        {
            if (replayer != null && replayer.divergence() == null)
            {
                replayer.onRecordedTick(record);
            }
        }

        @Override
        public void onSessionEnd(final long index, final SessionSummary summary)
        {
            // the report is read after the last record
        }
    }

    /**
     * @return the device's public key, to verify a kept journal.
     */
    public java.security.PublicKey devicePublicKey()
    {
        return deviceKeys.getPublic();
    }

    private static void delete(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            // a leftover temporary folder is not a property violation
        }
    }

    @Override
    public void close()
    {
        for (final ExecutorService sender : senders)
        {
            sender.shutdownNow();
        }
    }
}
