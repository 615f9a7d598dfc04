package org.galvani.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.galvani.controller.ControllerContext;
import org.galvani.controller.TickRecord;
import org.galvani.hal.HalInfo;
import org.galvani.journal.ChronicleJournal;
import org.galvani.journal.JournalMode;
import org.galvani.journal.JournalOptions;
import org.galvani.journal.JournalVerifier;
import org.galvani.journal.SessionHeader;
import org.galvani.journal.VerifyReport;
import org.galvani.safety.MonitorLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What journaling one tick costs the control thread: {@link ChronicleJournal#onTick} in DIRECT mode
 * (encode, SHA-256 chain, Chronicle append on the calling thread) against HAND_OFF mode (encode and copy into
 * a one-to-one ring buffer; a journal thread chains and appends). JMH sample mode gives per-call percentiles;
 * {@code -prof gc} the allocation rate. Calls are paced at one per 10 µs (100 kHz, ten times the fastest
 * control rate) in an untimed per-invocation set-up, so the journal thread works at a rate it must sustain
 * in service rather than against an unbounded burst.
 *
 * <p>The baseline a maker would otherwise use, {@code LOGBACK_TEXT}: the same tick as one text line through
 * SLF4J + Logback (a synchronous FileAppender, the usual {@code logger.info("…{}…", args)} call with the
 * fields boxed), measured in the same run for time and allocation.
 *
 * <p>{@link Verify#verify2400kTicks} times {@link JournalVerifier#verify} of a 40-minute 1 kHz session
 * (2,400,000 ticks).
 *
 * <p>Run: {@code verification/bench.sh JournalAppendBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class JournalAppendBenchmark
{
    private static final long PERIOD_NS = 1_000_000L;
    private static final long PACE_NS = 10_000L;

    /** DIRECT and HAND_OFF journal modes, and the text-logger baseline. */
    @Param({"DIRECT", "HAND_OFF", "LOGBACK_TEXT"})
    public String sink;

    private Path dir;
    private ChronicleJournal journal;
    private org.slf4j.Logger textLogger;
    private final TickRecord record = new TickRecord();
    private long tick;
    private long nextNs;

    @Setup(Level.Trial)
    public void open() throws IOException
    {
        dir = Files.createTempDirectory("journal-bench");
        if ("LOGBACK_TEXT".equals(sink))
        {
            textLogger = fileLogger(dir.resolve("ticks.log"));
            return;
        }
        journal = ChronicleJournal.open(dir, new JournalOptions().devicePrivateKey(keys().getPrivate())
            .mode(JournalMode.valueOf(sink)).handOffCapacityBytes(1 << 24));
        journal.startSession(header());
    }

    @Setup(Level.Invocation)
    public void pace()
    {
        while (System.nanoTime() - nextNs < 0)
        {
            Thread.onSpinWait();
        }
        nextNs = System.nanoTime() + PACE_NS;
        fill(record, tick++);
    }

    @Benchmark
    public boolean onTick()
    {
        if (textLogger != null)
        {
            final TickRecord r = record;
            textLogger.info("tick={} state={} verdict={} ia={} ib={} ve={} setpoint_ua={} measured_ua={} p={} i={} " +
                "d={} ff={} dac={} enabled={} dose_normal_uc={} dose_reversed_uc={}", r.tick, r.stateAfter, r.verdict,
                r.sample.currentARaw(), r.sample.currentBRaw(), r.sample.electrodeVoltageRaw(), r.setpointUa,
                r.measuredUa, r.pTerm, r.iTerm, r.dTerm, r.ffTerm, r.command.dacCode(), r.command.outputEnabled(),
                r.doseNormalUc, r.doseReversedUc);
            return true;
        }
        return journal.onTick(record);
    }

    private static org.slf4j.Logger fileLogger(final Path file)
    {
        final ch.qos.logback.classic.LoggerContext context =
            (ch.qos.logback.classic.LoggerContext)org.slf4j.LoggerFactory.getILoggerFactory();
        final ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder =
            new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{ISO8601} %msg%n");
        encoder.start();
        final ch.qos.logback.core.FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
            new ch.qos.logback.core.FileAppender<>();
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        final ch.qos.logback.classic.Logger logger = context.getLogger("galvani.baseline");
        logger.setAdditive(false);
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(appender);
        return logger;
    }

    @TearDown(Level.Trial)
    public void close()
    {
        if (journal == null)
        {
            delete(dir);
            return;
        }
        if (journal.failure() != null)
        {
            throw new IllegalStateException(journal.failure());
        }
        journal.endSession();
        journal.close();
        delete(dir);
    }

    /** Verification throughput of a 2,400,000-tick session. */
    @State(Scope.Benchmark)
    public static class Verify
    {
        private Path dir;
        private KeyPair keys;

        @Setup(Level.Trial)
        public void write() throws IOException
        {
            dir = Files.createTempDirectory("journal-verify-bench");
            keys = keys();
            try (ChronicleJournal journal = ChronicleJournal.open(dir, new JournalOptions()
                .devicePrivateKey(keys.getPrivate()).mode(JournalMode.DIRECT)))
            {
                journal.startSession(header());
                final TickRecord r = new TickRecord();
                for (long t = 0; t < 2_400_000; t++)
                {
                    if (!journal.onTick(fill(r, t)))
                    {
                        throw new IllegalStateException(journal.failure());
                    }
                }
                journal.endSession();
            }
        }

        @Benchmark
        @BenchmarkMode(Mode.SingleShotTime)
        @OutputTimeUnit(TimeUnit.MILLISECONDS)
        @Warmup(iterations = 1)
        @Measurement(iterations = 3)
        public VerifyReport verify2400kTicks()
        {
            final VerifyReport report = JournalVerifier.verify(dir, keys.getPublic());
            if (!report.ok() || report.ticks() != 2_400_000)
            {
                throw new IllegalStateException(report.message());
            }
            return report;
        }

        @TearDown(Level.Trial)
        public void delete()
        {
            JournalAppendBenchmark.delete(dir);
        }
    }

    static KeyPair keys()
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

    static SessionHeader header()
    {
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(PERIOD_NS)
            .monitorLimits(MonitorLimits.defaults(30_000, 50_000, PERIOD_NS));
        return SessionHeader.of("bench", ctx, HalInfo.builder()
            .abiVersion(1 << 16)
            .backend(HalInfo.BACKEND_SIM)
            .currentAUaPerLsb(1.5)
            .currentBUaPerLsb(1.5)
            .electrodeMvPerLsb(3.0)
            .supplyMvPerLsb(3.0)
            .readbackCodesPerLsb(1.0)
            .dacUaPerCode(0.76)
            .dacMaxCode(65535)
            .adcMinCode(-32768)
            .adcMaxCode(32767)
            .stepUs(1000)
            .watchdogMs(50)
            .complianceMv(60_000.0)
            .conclude());
    }

    static TickRecord fill(final TickRecord r, final long tick)
    {
        r.tick = tick;
        r.scheduledNs = tick * PERIOD_NS;
        r.latenessNs = 700 + (tick & 255);
        r.actualNs = r.scheduledNs + r.latenessNs;
        r.lastTickDurationNs = 1_200;
        r.sample.set(4_000 + (int)(tick & 63), 4_001, -2_000, 60_000, 5_000, 1, tick);
        r.stateBefore = 4;
        r.stateAfter = 4;
        r.targetUa = 10_000.0;
        r.setpointUa = 10_000.0;
        r.measuredUa = 9_998.7;
        r.loadOhm = 3_012.5;
        r.pTerm = 0.3;
        r.iTerm = 5_000.25;
        r.dTerm = -0.01;
        r.ffTerm = 10.0;
        r.command.set(5_000, false, true, 1000);
        r.doseNormalUc = tick * 10.0;
        r.treatmentElapsedNs = tick * PERIOD_NS;
        return r;
    }

    static void delete(final Path dir)
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
