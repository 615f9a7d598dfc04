package org.galvani.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine's floor for {@link LoopJitterHarness}: runs the C program {@code galvani-floor} (hal-native's
 * {@code src/bench/c/galvani_floor.c}, built by Maven into {@code hal-native/target/bench/}) and
 * {@code cyclictest} (rt-tests) as child processes and reads their lateness figures.
 *
 * <p>Threading: the caller's thread waits for the child. Allocation: yes (set-up and parsing only, between
 * measured rounds — never while the Java loop is measured).
 */
final class FloorProgram
{
    private static final long LATE_NS = 50_000;
    private static final int CYCLICTEST_HISTOGRAM_US = 10_000;

    private final Path path;

    private FloorProgram(final Path path)
    {
        this.path = path;
    }

    /**
     * @return the floor program named by {@code -Dgalvani.floor.program}, or the one Maven built.
     * @throws IllegalStateException with what to build when it is missing.
     */
    static FloorProgram locate()
    {
        final String configured = System.getProperty("galvani.floor.program", "hal-native/target/bench/galvani-floor");
        final Path path = Path.of(configured).toAbsolutePath();
        if (!Files.isExecutable(path))
        {
            throw new IllegalStateException("the loop-floor program " + path + " is missing: build it with " +
                "'./mvnw -B -q package -DskipTests' (hal-native, needs gcc) and run from the repository root, or " +
                "name it with -Dgalvani.floor.program=PATH");
        }
        return new FloorProgram(path);
    }

    Path path()
    {
        return path;
    }

    /**
     * Runs the floor once and adds its figures.
     *
     * @param rateHz        tick rate.
     * @param seconds       measured seconds.
     * @param warmupSeconds unmeasured seconds first.
     * @param phaseNs       the schedule's phase: deadlines at CLOCK_MONOTONIC times t with t mod period = phaseNs.
     * @param cpu           the CPU the program pins itself to.
     * @param into          the sums.
     * @throws IOException          when the program cannot be run or prints nonsense.
     * @throws InterruptedException when interrupted while waiting.
     */
    void run(final long rateHz, final double seconds, final double warmupSeconds, final long phaseNs, final int cpu,
        final LoopJitterHarness.Figures into) throws IOException, InterruptedException
    {
        final List<String> lines = runChild(List.of(path.toString(), Long.toString(rateHz),
            String.format(Locale.ROOT, "%.3f", seconds), String.format(Locale.ROOT, "%.3f", warmupSeconds),
            Long.toString(phaseNs), Integer.toString(cpu)));
        for (final String line : lines)
        {
            final String[] f = line.trim().split(" ");
            switch (f[0])
            {
                case "ticks" -> into.ticks += Long.parseLong(f[1]);
                case "missed" -> into.missed += Long.parseLong(f[1]);
                case "late_over_50us" -> into.late += Long.parseLong(f[1]);
                case "h" -> into.latenessNs.recordValueWithCount(Math.max(1, Long.parseLong(f[1])), Long.parseLong(f[2]));
                case "max_ns" ->
                {
                    // the histogram's own maximum is a bucket's lower bound; the exact value is informative only
                }
                case "phase_ns" ->
                {
                    if (Long.parseLong(f[1]) != phaseNs)
                    {
                        throw new IOException(path + " ran its schedule at phase " + f[1] + " ns, not the " + phaseNs +
                            " ns asked for: the comparison with the Java loop would not be like for like");
                    }
                }
                default -> throw new IOException("unexpected line from " + path + ": " + line);
            }
        }
    }

    /**
     * @return whether {@code cyclictest} is on the PATH.
     */
    static boolean cyclictestAvailable()
    {
        final String pathVariable = System.getenv("PATH");
        if (pathVariable == null)
        {
            return false;
        }
        for (final String dir : pathVariable.split(File.pathSeparator))
        {
            if (Files.isExecutable(Path.of(dir, "cyclictest")))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code cyclictest} (one thread, clock_nanosleep to each deadline, normal scheduling) once and adds
     * its figures: its latency is the lateness of a sleeping loop's wake-up, in whole microseconds.
     *
     * @param rateHz  wake-up rate.
     * @param seconds duration.
     * @param cpu     the CPU it runs on ({@code -a}).
     * @param into    the sums.
     * @throws IOException          when it cannot be run.
     * @throws InterruptedException when interrupted while waiting.
     */
    static void runCyclictest(final long rateHz, final double seconds, final int cpu,
        final LoopJitterHarness.Figures into)
        throws IOException, InterruptedException
    {
        final long intervalUs = 1_000_000L / rateHz;
        final long loops = Math.max(1, (long)(seconds * rateHz));
        final List<String> lines = runChild(List.of("cyclictest", "-q", "-t", "1", "-a", Integer.toString(cpu), "-i",
            Long.toString(intervalUs), "-l", Long.toString(loops), "-h", Integer.toString(CYCLICTEST_HISTOGRAM_US)));
        long maxUs = 0;
        long overflows = 0;
        for (final String line : lines)
        {
            if (line.startsWith("# Max Latencies:"))
            {
                maxUs = Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]);
            }
            else if (line.startsWith("# Histogram Overflows:"))
            {
                overflows = Long.parseLong(line.substring(line.indexOf(':') + 1).trim().split("\\s+")[0]);
            }
            else if (!line.startsWith("#") && !line.isBlank())
            {
                final String[] f = line.trim().split("\\s+");
                final long us = Long.parseLong(f[0]);
                final long count = Long.parseLong(f[1]);
                if (count > 0)
                {
                    into.latenessNs.recordValueWithCount(Math.max(1, us * 1_000), count);
                    into.ticks += count;
                    if (us * 1_000 > LATE_NS)
                    {
                        into.late += count;
                    }
                }
            }
        }
        if (overflows > 0)
        {
            // beyond the histogram's range: counted as late at the run's maximum (an upper bound for p99.99)
            into.latenessNs.recordValueWithCount(maxUs * 1_000, overflows);
            into.ticks += overflows;
            into.late += overflows;
        }
    }

    private static List<String> runChild(final List<String> command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                lines.add(line);
            }
        }
        final int exit = process.waitFor();
        if (exit != 0)
        {
            throw new IOException(String.join(" ", command) + " exited with " + exit + ": " +
                String.join(" / ", lines.subList(0, Math.min(3, lines.size()))));
        }
        return lines;
    }
}
