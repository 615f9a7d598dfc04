package org.galvani.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.galvani.hal.binding.HalBinding;
import picocli.CommandLine;

/**
 * A clinic day in one JVM: back-to-back journaled and sealed sessions of the README's dexamethasone example
 * through {@code galvani simulate} (the real controller, native sim, Chronicle Queue journal, Ed25519 seals,
 * verify-ready), faster than real time, then optionally a few real-time minutes on the dedicated control thread
 * with the journal handed off to its own thread. Measures the bytes allocated per tick by the whole process
 * after the first (warm-up) session: under {@code -XX:+UseEpsilonGC} nothing is ever freed, so the growth of
 * the heap's used bytes is every thread's allocation (the figure that says whether a collector is ever needed);
 * per-thread allocation from {@code ThreadMXBean} names the threads that allocate.
 *
 * <p>It lives in the CLI package because it drives the {@code simulate} command in-process, and nothing below
 * the CLI may depend on it (ADR-22).
 *
 * <p>Run: {@code verification/clinic-day.sh} (defaults: 28.8 M ticks ≈ an 8-hour day at 1 kHz, Epsilon, 128 MB).
 *
 * <p>The command line is built once and executed for every session, as a device's firmware process builds its
 * set-up once (picocli's model of every command costs about 2 MB to build; rebuilding it per session was most
 * of the set-up's allocation); the session itself — the patient's files read, screened and verified, the HAL
 * opened, the journal opened, the controller built, the run, the seals, the session end — is done anew each
 * time, as {@code galvani simulate} does it.
 *
 * <p>Threading: sessions run one after another on the calling thread (and the threads they start).
 */
public final class ClinicDayBenchmark
{
    private static final String EXAMPLES = "docs/examples/";

    /** Captures a session's output (reused: emptied before each session). */
    private static final StringWriter CAPTURED = new StringWriter(1 << 16);
    private static final PrintWriter OUT = new PrintWriter(CAPTURED);
    private static final PrintWriter QUIET =
        new PrintWriter(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    /** One command line for the whole day. */
    private static final CommandLine COMMAND_LINE = GalvaniCli.newCommandLine(OUT, QUIET);

    private ClinicDayBenchmark()
    {
    }

    /**
     * @param args {@code [TICKS [REALTIME_SECONDS [WORK_DIR]]]}: simulated ticks in total (default 28,800,000),
     *             real-time seconds at the end (default 0), where the journals go (default a temporary folder;
     *             each session's journal is deleted after it, as a device ships it off).
     * @throws IOException when the journal folder cannot be made or cleaned.
     */
    public static void main(final String[] args) throws IOException
    {
        final long totalTicks = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 28_800_000L;
        final double realtimeS = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        final Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("galvani-clinic-day");
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "clinic day: %,d ticks of journaled, sealed dexamethasone sessions (%s), then " +
            "%.0f s in real time; heap max %,d MB; collectors %s%n", totalTicks, describeBinding(), realtimeS,
            Runtime.getRuntime().maxMemory() >> 20, collectors());

        // warm-up session: class loading, JIT, Chronicle's and the JDK's one-time structures
        final long warmTicks = session(work, 0);
        final Map<String, Long> threadsBefore = allocatedByThread(threads);
        final long heapBefore = heapUsed();
        final long startNs = System.nanoTime();
        long ticks = 0;
        int sessions = 0;
        while (ticks < totalTicks)
        {
            ticks += session(work, ++sessions);
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        final long heapAfterFast = heapUsed();
        final Map<String, Long> threadsAfter = allocatedByThread(threads);
        System.out.printf(Locale.ROOT, "warm-up session: %,d ticks; heap used after it %,d KB%n", warmTicks,
            heapBefore >> 10);
        System.out.printf(Locale.ROOT, "%d sessions, %,d ticks in %.1f s (%.1f× real time at 1 kHz): %,d bytes " +
            "allocated by the whole process = %.3f bytes per tick; heap used %,d KB (%.1f MB) of %,d MB%n",
            sessions, ticks, seconds, ticks / 1000.0 / seconds, heapAfterFast - heapBefore,
            (heapAfterFast - heapBefore) / (double)ticks, heapAfterFast >> 10, heapAfterFast / 1048576.0,
            Runtime.getRuntime().maxMemory() >> 20);
        printThreads(threadsBefore, threadsAfter, ticks);
        if (realtimeS > 0)
        {
            final long heapBeforeRt = heapUsed();
            final Map<String, Long> rtBefore = allocatedByThread(threads);
            final long rtTicks = realtimeSession(work, realtimeS);
            final long heapAfterRt = heapUsed();
            System.out.printf(Locale.ROOT, "real time: %,d ticks in %.0f s, %,d bytes allocated by the whole process " +
                "= %.3f bytes per tick (session set-up included); heap used %,d KB (%.1f MB)%n", rtTicks, realtimeS,
                heapAfterRt - heapBeforeRt, (heapAfterRt - heapBeforeRt) / (double)Math.max(1, rtTicks),
                heapAfterRt >> 10, heapAfterRt / 1048576.0);
            printThreads(rtBefore, allocatedByThread(threads), rtTicks);
        }
        System.out.printf(Locale.ROOT, "collections during the day: %d%n", collectionCount());
        deleteTree(work);
    }

    private static String describeBinding()
    {
        return HalBinding.configured().describe();
    }

    /** Runs one session faster than real time and returns its ticks (from the simulate summary). */
    private static long session(final Path work, final int n)
        throws IOException
    {
        final Path journal = work.resolve("session-" + n);
        final int exit = execute("simulate",
            "--trusted-keys", EXAMPLES + "trusted-clinicians.json",
            "--screening", EXAMPLES + "screening-dexamethasone.json",
            "--prescription", EXAMPLES + "prescription-dexamethasone.json",
            "--journal", journal.toString(), "--device-key", EXAMPLES + "demo-device.key", "--every-s", "60");
        final String text = CAPTURED.toString();
        if (exit != 0)
        {
            throw new IllegalStateException("session " + n + " ended with exit " + exit + ":\n" + text);
        }
        deleteTree(journal);
        return ticksOf(text);
    }

    private static long realtimeSession(final Path work, final double seconds)
        throws IOException
    {
        final Path journal = work.resolve("session-realtime");
        execute("simulate", "--realtime", "--stop-at", Double.toString(seconds),
            "--overrun-trip-ms", "50",
            "--trusted-keys", EXAMPLES + "trusted-clinicians.json",
            "--screening", EXAMPLES + "screening-dexamethasone.json",
            "--prescription", EXAMPLES + "prescription-dexamethasone.json",
            "--journal", journal.toString(), "--device-key", EXAMPLES + "demo-device.key", "--every-s", "60");
        deleteTree(journal);
        final String text = CAPTURED.toString();
        final int at = text.indexOf("real time: ");
        if (at < 0)
        {
            throw new IllegalStateException("the real-time session printed no summary:\n" + text);
        }
        return Long.parseLong(text.substring(at + 11, text.indexOf(' ', at + 11)).replace(",", ""));
    }

    /** Runs one command on the day's command line, its output captured in {@link #CAPTURED}. */
    private static int execute(final String... args)
    {
        CAPTURED.getBuffer().setLength(0);
        final int exit = COMMAND_LINE.execute(args);
        OUT.flush();
        return exit;
    }

    /** The session's tick count from simulate's summary line ("... N ticks ..."). */
    static long ticksOf(final String text)
    {
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9,]+) ticks").matcher(text);
        long last = -1;
        while (m.find())
        {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        if (last < 0)
        {
            throw new IllegalStateException("simulate printed no tick count:\n" + text);
        }
        return last;
    }

    private static long heapUsed()
    {
        final MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static long collectionCount()
    {
        long count = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    private static String collectors()
    {
        final List<String> names = new ArrayList<>();
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            names.add(gc.getName());
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static Map<String, Long> allocatedByThread(final com.sun.management.ThreadMXBean threads)
    {
        final Map<String, Long> result = new HashMap<>();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        final java.lang.management.ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++)
        {
            if (infos[i] != null && bytes[i] >= 0)
            {
                result.merge(infos[i].getThreadName() + " #" + ids[i], bytes[i], Long::sum);
            }
        }
        return result;
    }

    private static void printThreads(final Map<String, Long> before, final Map<String, Long> after, final long ticks)
    {
        System.out.println("  allocation by live thread (threads that ended in between are in the heap figure only):");
        after.entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0)
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
            .limit(12)
            .forEach(e -> System.out.printf(Locale.ROOT, "    %-48s %,14d bytes  %.3f per tick%n", e.getKey(),
                e.getValue(), e.getValue() / (double)Math.max(1, ticks)));
    }

    private static void deleteTree(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}
