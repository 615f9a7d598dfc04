package org.galvani.bench;

import java.io.PrintStream;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.galvani.hal.HalException;
import org.galvani.hal.binding.HalBinding;
import org.openjdk.jmh.util.SampleBuffer;
import org.openjdk.jmh.util.Statistics;

/**
 * The tick's tail, measured by timing every tick ({@code verification/tick-tail.sh}; docs/decisions.md ADR-36).
 *
 * <p>It opens the same treating session as {@link TickBenchmark} ({@link TreatingSession}) and, after a warm-up,
 * runs several interleaved rounds of three timed operations, each timed alone with {@link System#nanoTime()} before
 * and after it and recorded in an HdrHistogram:
 * <ul>
 *   <li><b>tick</b>: {@link TreatingSession#tick()}, the whole pipeline against the native sim;</li>
 *   <li><b>floor</b>: a {@link ComputeFloor} chain calibrated during the warm-up so that its p50 matches the tick's:
 *       pure compute, no calls, no memory traffic. Interleaving puts both under the same machine, so the ratio
 *       tick/floor at p99.9 and p99.99 says how much of the tail is the tick's own;</li>
 *   <li><b>timer</b>: nothing between the two {@code nanoTime} calls — the instrument's own cost, which is inside
 *       every tick and floor figure.</li>
 * </ul>
 * It prints p50 … p99.99, max and the operations slower than 10 µs (per second and per operation) for tick and
 * floor, the ratios, the measured thread's involuntary context switches per second, and — on the same operations —
 * JMH SampleTime's estimate ({@link JmhSampling}: the generated stub's sampling feeding a real JMH
 * {@link SampleBuffer}, one round standing for one JMH iteration), so both instruments can be read side by side.
 *
 * <p>Allocation: the timed loops allocate nothing ({@code TickTailHarnessAllocationTest}) — the histograms are pre-sized (fixed range 1 ns … 10 s, three
 * significant digits; {@code recordValue} on such a histogram only increments a counter), {@link JmhSampling} logs
 * into a pre-sized array, the results of the operations go to a local accumulator stored once per round. Set-up,
 * calibration and printing allocate. Threading: everything runs on the calling thread, which is the measured one
 * (its scheduling set by the {@code priority} and {@code cpu} arguments, {@link ThreadScheduling}).
 */
public final class TickTailHarness
{
    private static final long HIGHEST_NS = 10_000_000_000L;
    private static final int WARMUP_ROUNDS = 3;
    private static final int FIRST_STEPS = 64;
    /** Twice the steps must take at least this many times the time above the timer's (1 if the JIT folded them). */
    private static final double MIN_SCALING = 1.5;

    /** What to run: {@code [rounds] [ticks-per-round] [binding] [priority] [cpu]}, positional, all optional. */
    static final class Options
    {
        final int rounds;
        final int opsPerRound;
        final String binding;
        final String priority;
        final int cpu;

        Options(final int rounds, final int opsPerRound, final String binding, final String priority, final int cpu)
        {
            this.rounds = rounds;
            this.opsPerRound = opsPerRound;
            this.binding = binding;
            this.priority = priority;
            this.cpu = cpu;
        }

        /**
         * @param args rounds (1–1000, default 6), ticks per round (10,000–100,000,000, default 4,000,000), binding
         *             (jna|ffm, default jna; ffm needs JDK 22+), priority (normal|nice|fifo, default normal), cpu
         *             (-1 for none, default -1).
         * @return the options.
         * @throws IllegalArgumentException naming the argument and its allowed range.
         */
        static Options parse(final String[] args)
        {
            if (args.length > 5)
            {
                throw new IllegalArgumentException("at most 5 arguments: [rounds] [ticks-per-round] [jna|ffm] " +
                    "[normal|nice|fifo] [cpu], got " + args.length);
            }
            final int rounds = integer(args, 0, "rounds", 6, 1, 1_000);
            final int ops = integer(args, 1, "ticks-per-round", 4_000_000, 10_000, 100_000_000);
            final String binding = choice(args, 2, "binding", "jna", "jna", "ffm");
            final String priority = choice(args, 3, "priority", "normal", "normal", "nice", "fifo");
            final int cpu = integer(args, 4, "cpu", -1, -1, Runtime.getRuntime().availableProcessors() - 1);
            return new Options(rounds, ops, binding, priority, cpu);
        }

        private static int integer(final String[] args, final int index, final String name, final int otherwise,
            final int min, final int max)
        {
            if (args.length <= index)
            {
                return otherwise;
            }
            final String text = args[index].replace("_", "").replace(",", "").trim();
            try
            {
                final int value = Integer.parseInt(text);
                if (value >= min && value <= max)
                {
                    return value;
                }
            }
            catch (final NumberFormatException ex)
            {
                // reported below, with the range
            }
            throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + max + ", got '" +
                args[index] + "'");
        }

        private static String choice(final String[] args, final int index, final String name, final String otherwise,
            final String... allowed)
        {
            if (args.length <= index)
            {
                return otherwise;
            }
            final String value = args[index].trim().toLowerCase(Locale.ROOT);
            for (final String candidate : allowed)
            {
                if (candidate.equals(value))
                {
                    return value;
                }
            }
            throw new IllegalArgumentException(name + " must be one of " + String.join("|", allowed) + ", got '" +
                args[index] + "'");
        }
    }

    /** One timed operation's results over the measured rounds. */
    private static final class Measured
    {
        final Histogram durationNs = new Histogram(1, HIGHEST_NS, 3);
        final SampleBuffer jmhEstimate = new SampleBuffer();
        final SampleBuffer jmhUnhalved = new SampleBuffer();
        final JmhSampling jmh;
        long elapsedNs;
        long preemptions;

        Measured(final int targetSamples)
        {
            jmh = new JmhSampling(targetSamples);
        }
    }

    private final TreatingSession session;
    private final ComputeFloor floor = new ComputeFloor(FIRST_STEPS);
    private long consumed;

    /**
     * @param session the open treating session whose ticks are timed (the caller closes it).
     */
    TickTailHarness(final TreatingSession session)
    {
        this.session = session;
    }

    /**
     * Runs the harness and prints the figures; a bad argument or a refused scheduling request ends it with one line
     * on stderr and exit status 2.
     *
     * @param args see {@link Options#parse}.
     */
    public static void main(final String[] args)
    {
        final Options options;
        try
        {
            options = Options.parse(args);
            ThreadScheduling.apply(options.priority, options.cpu);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            System.err.println("tick-tail: " + ex.getMessage());
            System.exit(2);
            return;
        }
        try (TreatingSession session = TreatingSession.open(options.binding))
        {
            new TickTailHarness(session).run(options, System.out);
        }
        catch (final HalException | IllegalStateException ex)
        {
            // a driver that cannot open, or a floor the JIT collapsed (calibrateFloor): the reason, not a stack trace
            System.err.println("tick-tail: " + ex.getMessage());
            System.exit(2);
        }
    }

    private void run(final Options options, final PrintStream out)
    {
        out.printf(Locale.ROOT, "tick-tail: %s; JDK %s; measured thread priority %s, cpu %d; %d rounds of %,d " +
                "operations each of tick, floor and timer, interleaved, after %d warm-up rounds%n",
            HalBinding.named(options.binding).describe(), Runtime.version(), options.priority, options.cpu,
            options.rounds, options.opsPerRound, WARMUP_ROUNDS);
        final int warmOps = Math.min(options.opsPerRound, 1_000_000);
        final JmhSampling scratch = new JmhSampling(JmhSampling.targetSamplesFor(1_000));
        final Histogram scratchNs = new Histogram(1, HIGHEST_NS, 3);
        for (int round = 0; round < WARMUP_ROUNDS; round++)
        {
            timeTicks(warmOps, scratchNs, scratch);
            timeFloor(warmOps, scratchNs, scratch);
            timeNothing(warmOps, scratchNs);
        }
        final long tickP50 = p50(scratchNs, () -> timeTicks(warmOps, scratchNs, scratch));
        final double tickMeanNs = scratchNs.getMean();
        final long timerP50 = p50(scratchNs, () -> timeNothing(warmOps, scratchNs));
        calibrateFloor(tickP50, timerP50, warmOps, scratchNs, scratch, out);

        final int targetSamples = JmhSampling.targetSamplesFor(options.opsPerRound * tickMeanNs / 1e6);
        final Measured tick = new Measured(targetSamples);
        final Measured computeFloor = new Measured(targetSamples);
        final Histogram timerNs = new Histogram(1, HIGHEST_NS, 3);
        long timerElapsedNs = 0;
        for (int round = 0; round < options.rounds; round++)
        {
            measure(true, options.opsPerRound, tick);
            measure(false, options.opsPerRound, computeFloor);
            final long start = System.nanoTime();
            timeNothing(options.opsPerRound, timerNs);
            timerElapsedNs += System.nanoTime() - start;
        }
        print(out, new TailFigures("tick", tick.durationNs, tick.elapsedNs), tick,
            new TailFigures("floor (" + floor.steps() + " multiply-adds)", computeFloor.durationNs,
                computeFloor.elapsedNs), computeFloor,
            new TailFigures("timer (nothing timed)", timerNs, timerElapsedNs), targetSamples);
    }

    private static long p50(final Histogram scratch, final Runnable timed)
    {
        scratch.reset();
        timed.run();
        return scratch.getValueAtPercentile(50);
    }

    /**
     * Finds the chain length whose p50 matches the tick's, and checks that the JIT kept every step: the time above
     * the timer's must double with the steps.
     */
    private void calibrateFloor(final long tickP50, final long timerP50, final int ops, final Histogram scratch,
        final JmhSampling jmh, final PrintStream out)
    {
        floor.steps(FIRST_STEPS);
        final long once = p50(scratch, () -> timeFloor(ops, scratch, jmh));
        floor.steps(2 * FIRST_STEPS);
        final long twice = p50(scratch, () -> timeFloor(ops, scratch, jmh));
        final double nsPerStep = (double)(twice - once) / FIRST_STEPS;
        final double scaling = (double)(twice - timerP50) / Math.max(1, once - timerP50);
        if (nsPerStep <= 0 || scaling < MIN_SCALING)
        {
            throw new IllegalStateException("the floor did not take twice the time for twice the steps (p50 " + once +
                " ns for " + FIRST_STEPS + ", " + twice + " ns for " + 2 * FIRST_STEPS + ", the timer " + timerP50 +
                " ns): the JIT collapsed the chain, the floor would be no floor");
        }
        final double fixedNs = once - FIRST_STEPS * nsPerStep;
        floor.steps((int)Math.max(1, Math.round((tickP50 - fixedNs) / nsPerStep)));
        long floorP50 = p50(scratch, () -> timeFloor(ops, scratch, jmh));
        for (int refine = 0; refine < 3 && Math.abs(floorP50 - tickP50) > tickP50 / 50; refine++)
        {
            floor.steps((int)Math.max(1, Math.round(floor.steps() + (tickP50 - floorP50) / nsPerStep)));
            floorP50 = p50(scratch, () -> timeFloor(ops, scratch, jmh));
        }
        out.printf(Locale.ROOT, "floor: %d dependent multiply-adds, %.2f ns a step; twice the steps took %.2f× the " +
                "time above the timer's (≈ 2, not 1: the JIT kept every step); calibrated p50 %d ns against the tick's %d ns%n",
            floor.steps(), nsPerStep, scaling, floorP50, tickP50);
    }

    private void measure(final boolean isTick, final int ops, final Measured into)
    {
        into.jmh.beginIteration((int)System.nanoTime());
        final long[] before = ThreadScheduling.contextSwitches();
        final long start = System.nanoTime();
        if (isTick)
        {
            timeTicks(ops, into.durationNs, into.jmh);
        }
        else
        {
            timeFloor(ops, into.durationNs, into.jmh);
        }
        into.elapsedNs += System.nanoTime() - start;
        into.preemptions += ThreadScheduling.contextSwitches()[1] - before[1];
        into.jmh.endIteration(into.jmhEstimate, into.jmhUnhalved);
    }

    /**
     * Times {@code count} ticks, one by one. Allocates nothing (TickTailHarnessAllocationTest).
     */
    void timeTicks(final int count, final Histogram into, final JmhSampling jmh)
    {
        long results = 0;
        for (int i = 0; i < count; i++)
        {
            final long start = System.nanoTime();
            results += session.tick();
            final long durationNs = System.nanoTime() - start;
            into.recordValue(Math.min(durationNs, HIGHEST_NS));
            jmh.onOperation(durationNs);
        }
        consumed += results;
    }

    /**
     * Times {@code count} floor operations, one by one, each chained to the last. Allocates nothing.
     */
    void timeFloor(final int count, final Histogram into, final JmhSampling jmh)
    {
        long chain = consumed;
        for (int i = 0; i < count; i++)
        {
            final long start = System.nanoTime();
            chain = floor.run(chain);
            final long durationNs = System.nanoTime() - start;
            into.recordValue(Math.min(durationNs, HIGHEST_NS));
            jmh.onOperation(durationNs);
        }
        consumed += chain;
    }

    /**
     * Times {@code count} empty operations: the timer's own cost. Allocates nothing.
     */
    static void timeNothing(final int count, final Histogram into)
    {
        for (int i = 0; i < count; i++)
        {
            final long start = System.nanoTime();
            final long durationNs = System.nanoTime() - start;
            into.recordValue(Math.min(durationNs, HIGHEST_NS));
        }
    }

    private void print(final PrintStream out, final TailFigures tick, final Measured tickRounds,
        final TailFigures floorFigures, final Measured floorRounds, final TailFigures timer, final int targetSamples)
    {
        out.println();
        TailFigures.printHeading(out);
        tick.print(out);
        floorFigures.print(out);
        timer.print(out);
        out.printf(Locale.ROOT, "  the timer's cost (two nanoTime calls) is inside every tick and floor figure%n");
        out.printf(Locale.ROOT, "  ratio tick/floor: p99.9 %.2f, p99.99 %.2f%n", tick.ratioTo(floorFigures, 99.9),
            tick.ratioTo(floorFigures, 99.99));
        out.printf(Locale.ROOT, "  measured thread's involuntary context switches (preemptions): %.1f/s in the tick " +
                "rounds, %.1f/s in the floor rounds%n", tickRounds.preemptions / (tickRounds.elapsedNs / 1e9),
            floorRounds.preemptions / (floorRounds.elapsedNs / 1e9));
        out.printf(Locale.ROOT, "%nJMH SampleTime (1.37) on the same operations: the stub's sampling, %,d target " +
            "samples per round (= one iteration), SampleBuffer.half() as JMH calls it%n", targetSamples);
        out.printf(Locale.ROOT, "  %-26s %9s %9s %9s %9s %9s %10s | %-30s | %-20s%n", "operation", "samples",
            "halvings", "p50 ns", "p99 ns", "p99.9 ns", "p99.99 ns", "same samples never halved:", "every op timed:");
        printJmh(out, "tick", tickRounds, tick);
        printJmh(out, "floor", floorRounds, floorFigures);
    }

    private static void printJmh(final PrintStream out, final String name, final Measured rounds,
        final TailFigures everyOp)
    {
        final Statistics estimate = rounds.jmhEstimate.getStatistics(1);
        final Statistics unhalved = rounds.jmhUnhalved.getStatistics(1);
        out.printf(Locale.ROOT, "  %-26s %,9d %9d %9.0f %9.0f %9.0f %10.0f | p99.9 %7.0f p99.99 %7.0f | p99.9 %d " +
                "p99.99 %d%s%n", name, rounds.jmh.samples(), rounds.jmh.halvings(), estimate.getPercentile(50),
            estimate.getPercentile(99), estimate.getPercentile(99.9), estimate.getPercentile(99.99),
            unhalved.getPercentile(99.9), unhalved.getPercentile(99.99), everyOp.percentileNs(99.9),
            everyOp.percentileNs(99.99), rounds.jmh.dropped() == 0 ? "" : " (log full: " + rounds.jmh.dropped() +
                " samples dropped)");
    }
}
