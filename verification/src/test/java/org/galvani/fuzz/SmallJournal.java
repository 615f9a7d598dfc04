package org.galvani.fuzz;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.hal.HalInfo;
import org.galvani.journal.ChronicleJournal;
import org.galvani.journal.JournalMode;
import org.galvani.journal.JournalOptions;
import org.galvani.journal.SessionHeader;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.galvani.session.SkinCheck;
import org.galvani.session.SkinGrade;
import org.galvani.testing.TestHal;

/**
 * A real, small, sealed one-session journal written by {@link ChronicleJournal} (DIRECT, a seal every 16
 * records), its records' raw bytes and their byte spans in the .cq4 file, for the journal fuzzers (tests
 * only). Written once per JVM into a temporary folder.
 */
final class SmallJournal
{
    /** Ticks in the session before the skin check's tick (one more follows it). */
    static final int TICKS = 120;
    static final long PERIOD_NS = 1_000_000L;
    static final KeyPair KEYS = generate();
    static final HalInfo INFO = TestHal.journalInfo();

    private static SmallJournal instance;

    /** The journal's folder (never modified: copy it first). */
    final Path dir;
    /** Its .cq4 file's name. */
    final String cq4Name;
    /** Every record's bytes, in order. */
    final List<byte[]> records = new ArrayList<>();
    /** Every record's content offset in the .cq4 file. */
    final List<Long> positions = new ArrayList<>();
    /** The .cq4 file's length as Chronicle preallocated it. */
    final long preallocatedLength;
    private final byte[] writtenArea;

    private SmallJournal(final Path dir)
    {
        this.dir = dir;
        write(dir);
        cq4Name = cq4(dir).getFileName().toString();
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
            .readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    positions.add(bytes.readPosition());
                    final byte[] record = new byte[(int)bytes.readRemaining()];
                    bytes.read(record);
                    records.add(record);
                }
            }
        }
        final int last = records.size() - 1;
        final long endOfRecords = positions.get(last) + records.get(last).length;
        try (RandomAccessFile file = new RandomAccessFile(cq4(dir).toFile(), "r"))
        {
            preallocatedLength = file.length();
            writtenArea = new byte[(int)Math.min(preallocatedLength, (endOfRecords + 4 + 4096) & ~4095L)];
            file.readFully(writtenArea);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the journal of this JVM (written on first use).
     */
    static synchronized SmallJournal get()
    {
        if (instance == null)
        {
            try
            {
                final Path root = Files.createTempDirectory("galvani-fuzz-journal");
                instance = new SmallJournal(root.resolve("template"));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return instance;
    }

    /** @return the .cq4 file of a journal folder. */
    static Path cq4(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Copies the journal's files into a fresh folder. */
    Path copyTo(final Path target)
    {
        try
        {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(dir))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the .cq4 file's bytes up to a little past the last record (the rest of Chronicle's preallocated
     *         file is zeros), a fresh copy.
     */
    byte[] writtenArea()
    {
        return writtenArea.clone();
    }

    /** Copies the journal's files, but the named one, into a fresh folder. */
    Path copyWithout(final Path target, final String skipped)
    {
        try
        {
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(dir))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    if (!file.getFileName().toString().equals(skipped))
                    {
                        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return target;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Writes records as they are (a forger's queue: no chaining, no sealing) into a fresh folder. */
    static Path writeRaw(final Path target, final List<byte[]> records)
    {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(target.toFile())
            .rollCycle(RollCycles.FAST_DAILY).build();
             ExcerptAppender appender = queue.createAppender())
        {
            for (final byte[] record : records)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(record);
                }
            }
        }
        return target;
    }

    /** Deletes a folder tree (best effort). */
    static void delete(final Path root)
    {
        if (root == null || !Files.exists(root))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(root))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static KeyPair generate()
    {
        try
        {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void write(final Path dir)
    {
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(PERIOD_NS)
            .monitorLimits(MonitorLimits.defaults(30_000, 50_000, PERIOD_NS));
        final SessionHeader header = SessionHeader.of("fuzz-device", ctx, INFO)
            .withClinical("{}", "armable", "{\"rx\":1}", "dr-ada", "c2ln", "verified", "fuzz journal");
        final JournalOptions options = new JournalOptions().devicePrivateKey(KEYS.getPrivate())
            .mode(JournalMode.DIRECT).sealIntervalRecords(16);
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options))
        {
            journal.startSession(header);
            final TickRecord r = new TickRecord();
            final ControllerEvent e = new ControllerEvent();
            for (long t = 0; t < TICKS; t++)
            {
                if (t % 20 == 0)
                {
                    // EVENT-record types only (SKIN_CHECKED, the last, is a SKIN_CHECK record of its own)
                    e.reset(EventType.values()[(int)(t / 20 % EventType.SKIN_CHECKED.ordinal())], t);
                    e.commandId = t;
                    e.code = (int)(t % 7);
                    e.attachment = t % 40 == 0 ? new ScreeningDecision(true, "clear") :
                        new ResetAuthorisation("operator", "electrode re-seated", true);
                    journal.onEvent(e);
                }
                fill(r, t);
                journal.onTick(r);
            }
            // SR-22: the session ends (the last tick COMPLETE) and the skin check is journaled before the session
            // end, so that the fuzzers forge SKIN_CHECK records too
            e.reset(EventType.SKIN_CHECKED, TICKS);
            e.commandId = TICKS;
            e.sessionEvent = SessionEvent.SKIN_CHECK.code();
            e.fromState = SessionState.COMPLETE.code();
            e.toState = e.fromState;
            e.code = SkinGrade.ERYTHEMA.code();
            e.attachment = new SkinCheck(SkinGrade.ERYTHEMA, "faint redness under the anode", "P-0042", "FEET");
            journal.onEvent(e);
            fill(r, TICKS);
            r.stateBefore = SessionState.COMPLETE.code();
            r.stateAfter = SessionState.COMPLETE.code();
            journal.onTick(r);
            journal.endSession();
        }
    }

    private static void fill(final TickRecord r, final long tick)
    {
        final int i = (int)tick;
        r.tick = tick;
        r.scheduledNs = tick * PERIOD_NS;
        r.actualNs = r.scheduledNs + 1000;
        r.latenessNs = 1000;
        r.lastTickDurationNs = 900;
        r.sample.set(1000 + i, 1001 + i, -3000, 60_000, 4000, 3, tick + 3);
        r.stateBefore = 4;
        r.stateAfter = 4;
        r.targetUa = 4000.0;
        r.setpointUa = Math.min(4000.0, tick * 40.0);
        r.measuredUa = r.setpointUa + 1.5;
        r.loadOhm = 3000.0;
        r.command.set(1000 + i, false, true, 1000);
        r.doseNormalUc = tick * 4.0;
        r.treatmentElapsedNs = tick * PERIOD_NS;
    }
}
