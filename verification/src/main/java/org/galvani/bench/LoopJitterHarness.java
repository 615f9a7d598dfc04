package org.galvani.bench;

import java.io.PrintStream;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.galvani.command.CommandInbox;
import org.galvani.controller.AgentSessionDriver;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerAgent;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.JournalSink;
import org.galvani.controller.StatusPublisher;
import org.galvani.hal.HardwareDriver;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.ScreeningDecision;

/**
 * The control loop against the machine's own floor, measured in one invocation.
 *
 * <p>For each rate (1 kHz, 10 kHz) it runs several alternating rounds of: the C floor program
 * ({@code galvani-floor}, built by Maven with the driver: the same deadline schedule with an empty tick,
 * busy-spinning, see {@link FloorProgram}), the real {@link ControllerAgent} on this thread against the native sim
 * exactly as {@code AgentRunner} would run it (doWork, then the idle strategy), and {@code cyclictest}
 * (rt-tests) as the sleeping reference when it is installed. Interleaving puts all three under the same
 * machine load, so the ratio loop/floor of deadlines missed by more than 50 µs means something even on a
 * loaded machine where the absolute counts do not.
 *
 * <p>Like for like (ADR-37): in each round the floor and the loop run their schedule at the same phase (deadlines at
 * the same instants modulo the period) on the same CPU, the JVM's other threads kept on the other CPUs; the phase
 * moves over the whole period from round to round. The platform's periodic interruptions (a host's and the guest's
 * timer ticks) make a fixed-rate schedule late at some phases only, so programs compared at different phases would
 * differ by their luck. The ratio is printed with its 90 % interval from resampling the paired rounds
 * ({@link PairedRounds}). Nothing happens between a round's warm-up and its measured ticks but plain field reads.
 *
 * <p>"Late" counts a deadline whose tick started more than 50 µs after it, plus every deadline skipped
 * because the loop fell more than a whole period behind; both programs count the same way, per 10,000
 * deadlines (ticks + skipped). Recording into the HdrHistograms does not allocate.
 *
 * <p>Before the rates, 5 s at 10 kHz let the JIT compile the tick (so no compilation runs inside a round); before
 * each Java round the heap is collected (the other programs' rounds leave garbage a device would not have), and
 * the collections and the loop thread's involuntary context switches during the measured rounds are printed, so a
 * round disturbed by either shows it.
 *
 * <p>Threading: {@link #main} runs the control loop on the calling thread.
 */
public final class LoopJitterHarness
{
    private static final long LATE_NS = 50_000;
    private static final double ROUND_WARMUP_S = 0.1;
    private static final double JIT_WARMUP_S = 5.0;

    /** One program's figures, summed over the rounds. */
    public static final class Figures
    {
        final String name;
        final Histogram latenessNs = new Histogram(1, 10_000_000_000L, 3);
        long ticks;
        long missed;
        long late;
        /** Garbage collections that ran while this program's rounds were measured (the Java loop's only). */
        long collections;
        /** Involuntary context switches of the measuring thread during the measured rounds (the Java loop's only). */
        long preemptions;

        Figures(final String name)
        {
            this.name = name;
        }

        /** @return ticks in the histogram that started more than 50 µs late (a plain count: no allocation). */
        long lateCount()
        {
            return latenessNs.getCountBetweenValues(LATE_NS + 1, Long.MAX_VALUE / 2);
        }

        /**
         * @return deadlines (ticks + skipped) per 10,000 whose tick started > 50 µs late or was skipped.
         */
        public double latePer10k()
        {
            final long deadlines = ticks + missed;
            return deadlines == 0 ? 0.0 : 10_000.0 * (late + missed) / deadlines;
        }

        void print(final PrintStream out)
        {
            if (ticks == 0)
            {
                out.printf(Locale.ROOT, "  %-22s not run%n", name);
                return;
            }
            out.printf(Locale.ROOT, "  %-22s %,12d %,8d %,8d %10.2f %10.2f %10.2f %10.2f%n", name, ticks + missed,
                late + missed, missed, latePer10k(), latenessNs.getValueAtPercentile(99) / 1e3,
                latenessNs.getValueAtPercentile(99.99) / 1e3, latenessNs.getMaxValue() / 1e3);
        }
    }

    private LoopJitterHarness()
    {
    }

    /**
     * Where the Java loop records each tick: its duration and lateness in histograms, and a late tick (> 50 µs) in a
     * log of wall time, lateness and duration. Allocation: none after construction. Threading: the loop's thread.
     */
    static final class TickRecord
    {
        private final Histogram durationNs;
        private Histogram latenessNs;
        final long[] lateLog;
        int lateLogged;

        TickRecord(final Histogram durationNs, final int lateTicks)
        {
            this.durationNs = durationNs;
            this.latenessNs = new Histogram(1, 10_000_000_000L, 3);
            this.lateLog = new long[3 * lateTicks];
        }

        void record(final long tickDurationNs, final long tickLatenessNs)
        {
            durationNs.recordValue(Math.max(1, tickDurationNs));
            latenessNs.recordValue(Math.max(1, tickLatenessNs));
            if (tickLatenessNs > LATE_NS && lateLogged < lateLog.length)
            {
                lateLog[lateLogged++] = System.currentTimeMillis();
                lateLog[lateLogged++] = tickLatenessNs;
                lateLog[lateLogged++] = tickDurationNs;
            }
        }

        void reset()
        {
            durationNs.reset();
            latenessNs.reset();
            lateLogged = 0;
        }
    }

    /**
     * The Java loop at one rate: one controller in a treating session on the native sim, ticked by a fresh
     * {@link ControllerAgent} per round (a fresh schedule, so the pause between rounds is not counted as lateness).
     */
    static final class JavaLoop implements AutoCloseable
    {
        private final HardwareDriver sim;
        private final Controller controller;
        private final IdleStrategy idle = new BusySpinIdleStrategy();
        private final long periodNs;
        final Histogram durationNs = new Histogram(1, 10_000_000_000L, 3);
        /** The measured rounds' ticks: {@link #durationNs}, the round's lateness histogram and the late log. */
        private final TickRecord measured = new TickRecord(durationNs, 100_000);
        /** The warm-ups' ticks, thrown away: recorded by the same code, so the JIT compiles what the rounds run. */
        private final TickRecord scratch = new TickRecord(new Histogram(1, 10_000_000_000L, 3), 1_000);

        JavaLoop(final long rateHz)
        {
            periodNs = 1_000_000_000L / rateHz;
            final ControllerContext ctx = new ControllerContext().tickPeriodNs(periodNs)
                .monitorLimits(MonitorLimits.defaults(35_000, 60_000, periodNs)).idleStrategy(idle).conclude();
            final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
            sim = BenchDrivers.openSim("seed=1, watchdog_ms=0, step_us=" + periodNs / 1_000);
            final StatusPublisher publisher = new StatusPublisher();
            controller = new Controller(ctx, sim, inbox, JournalSink.NONE, publisher);
            new AgentSessionDriver(inbox, publisher)
                .postBegin(new ScreeningDecision(true, "benchmark"), TreatingSession.benchmarkPlan());
        }

        void warmUp(final double seconds)
        {
            // The round's own instruments used first here: their first use initialises the JVM's management beans
            // and loads file-reading classes, whose compilations otherwise ran inside the first measured round
            // (one 18-33 ms stall of the 1 kHz loop in each of seven runs, none without these calls).
            for (int i = 0; i < 1_000; i++)
            {
                collections();
                ThreadScheduling.contextSwitches();
            }
            // Both branches of the recording (a late tick logged, an on-time one not) taken here: a branch the
            // compiled code has never seen taken is compiled as a trap, and the first late tick of a measured round
            // would then deoptimise the loop (hundreds of microseconds) and make the next ticks late too.
            scratch.reset();
            for (int i = 0; i < 20_000; i++)
            {
                scratch.record(1_000 + i, (i & 1) == 0 ? LATE_NS + 1 + i : 1 + i);
            }
            scratch.reset();
            loop(new ControllerAgent(controller), (long)(seconds * 1e9), scratch);
        }

        void round(final double seconds, final long phaseNs, final Figures into)
        {
            // The other programs' rounds (process start, output parsing) leave garbage a device would not have;
            // collected here, before the round, a collection cannot land inside it unless the round itself
            // allocates (the tick does not: TickAllocationTest). Collections during the round are counted.
            System.gc();
            // The instruments read here, before the schedule starts: reading them takes about a millisecond (proc
            // files, management beans), and between the warm-up and the measured ticks that made the first measured
            // tick of every round late. The preemption and collection counts therefore include the round's short
            // warm-up. Between the warm-up and the measured ticks only plain field reads remain.
            final long collectionsBefore = collections();
            final long[] switchesBefore = ThreadScheduling.contextSwitches();
            // Counting the histogram's late ticks walks all its buckets (tens of microseconds compiled, a millisecond
            // before it is): also before the schedule starts. The warm-up below records elsewhere.
            final long lateBefore = into.lateCount();
            scratch.reset();
            final ControllerAgent agent = new ControllerAgent(controller);
            // The agent's schedule starts at its first doWork(): called at the first instant on the phase's grid,
            // so its deadlines fall where the floor's did in this round (within the clock read, tens of ns).
            final long startNs = firstOnGrid(System.nanoTime() + periodNs, periodNs, phaseNs);
            while (System.nanoTime() - startNs < 0)
            {
                Thread.onSpinWait();
            }
            loop(agent, (long)(ROUND_WARMUP_S * 1e9), scratch);
            final long missedBefore = agent.missedDeadlines();
            final long ticksBefore = agent.ticks();
            measured.latenessNs = into.latenessNs;
            loop(agent, (long)(seconds * 1e9), measured);
            into.preemptions += ThreadScheduling.contextSwitches()[1] - switchesBefore[1];
            into.collections += collections() - collectionsBefore;
            into.ticks += agent.ticks() - ticksBefore;
            into.missed += agent.missedDeadlines() - missedBefore;
            into.late += into.lateCount() - lateBefore;
        }

        private static long collections()
        {
            long count = 0;
            for (final java.lang.management.GarbageCollectorMXBean gc :
                java.lang.management.ManagementFactory.getGarbageCollectorMXBeans())
            {
                count += Math.max(0, gc.getCollectionCount());
            }
            return count;
        }

        private void loop(final ControllerAgent agent, final long forNs, final TickRecord record)
        {
            final long endNs = System.nanoTime() + forNs;
            while (System.nanoTime() < endNs)
            {
                final int work = agent.doWork();
                if (work > 0)
                {
                    record.record(agent.lastDurationNs(), agent.lastLatenessNs());
                }
                idle.idle(work);
            }
        }

        void writeLateLog(final String path, final long rateHz) throws java.io.IOException
        {
            try (PrintStream log = new PrintStream(new java.io.FileOutputStream(path, true), true, "UTF-8"))
            {
                for (int i = 0; i < measured.lateLogged; i += 3)
                {
                    log.printf(Locale.ROOT, "%d Hz %s late %d ns duration %d ns%n", rateHz,
                        java.time.Instant.ofEpochMilli(measured.lateLog[i]), measured.lateLog[i + 1],
                        measured.lateLog[i + 2]);
                }
            }
        }

        @Override
        public void close()
        {
            controller.safeOutput();
            sim.close();
        }
    }

    /**
     * Runs floor, loop and cyclictest interleaved at 1 kHz and 10 kHz and prints the comparison.
     *
     * @param args optional: seconds per program per round (default 0.5), rounds (default 120: about 4 minutes a
     *             rate). System properties:
     *             {@code galvani.floor.program} names the floor binary (default
     *             {@code hal-native/target/bench/galvani-floor}); {@code galvani.bench.cpu} the CPU all three
     *             programs run on (default: the last one this process may use); {@code galvani.bench.perRound=true} prints each round;
     *             {@code galvani.bench.rates} the rates (default {@code 1000,10000});
     *             {@code galvani.bench.lateLog=FILE} appends each late tick of the Java loop (wall time, lateness,
     *             duration) to FILE.
     * @throws Exception when a child program cannot be run.
     */
    public static void main(final String[] args) throws Exception
    {
        final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 0.5;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        // One CPU for all three: the platform's periodic interruptions (the guest's timer tick, a hypervisor's) have
        // their own phase on each CPU, so programs compared on different CPUs would meet different ones.
        final int[] allowed = ThreadScheduling.allowedCpus();
        final int cpu = Integer.parseInt(System.getProperty("galvani.bench.cpu",
            Integer.toString(allowed[allowed.length - 1])).trim());
        ThreadScheduling.apply("normal", cpu);
        final int others = ThreadScheduling.confineOtherThreads(cpu);
        final boolean perRound = Boolean.getBoolean("galvani.bench.perRound");
        final FloorProgram floor = FloorProgram.locate();
        final boolean cyclictest = FloorProgram.cyclictestAvailable();
        System.out.printf(Locale.ROOT, "binding %s; floor %s; cyclictest %s; %d rounds of %.1f s per program per rate, " +
            "all on CPU %d (the JVM's %d other threads on the other CPUs)%n", BenchDrivers.bindingName(), floor.path(),
            cyclictest ? "on PATH" : "absent (install rt-tests)", rounds, seconds, cpu, others);
        // The JIT first: the tick is the same code at both rates, but a 2 s warm-up at 1 kHz is only 2,000 ticks,
        // and the compilations (and the loop's thread running interpreted meanwhile) would fall inside the measured
        // 1 kHz rounds. 5 s at 10 kHz, 50,000 ticks, before either rate.
        try (JavaLoop jit = new JavaLoop(10_000))
        {
            jit.warmUp(JIT_WARMUP_S);
        }
        for (final long rateHz : rates(System.getProperty("galvani.bench.rates", "1000,10000")))
        {
            final long periodNs = 1_000_000_000L / rateHz;
            final Figures floorFigures = new Figures("C floor (busy spin)");
            final Figures loopFigures = new Figures("Java loop (busy spin)");
            final Figures sleepFigures = new Figures("cyclictest (sleeping)");
            final PairedRounds pairs = new PairedRounds(rounds);
            try (JavaLoop loop = new JavaLoop(rateHz))
            {
                loop.warmUp(2.0);
                for (int round = 0; round < rounds; round++)
                {
                    // Floor and loop run the same schedule at the same phase, one after the other: a deadline that
                    // falls on a periodic interruption of the platform is late in both. The phase moves from round to
                    // round over the whole period (a low-discrepancy sequence), so the rounds sample every phase.
                    final long phaseNs = phase(round, periodNs);
                    final long floorBefore = floorFigures.late + floorFigures.missed;
                    final long loopBefore = loopFigures.late + loopFigures.missed;
                    final long floorDeadlinesBefore = floorFigures.ticks + floorFigures.missed;
                    final long loopDeadlinesBefore = loopFigures.ticks + loopFigures.missed;
                    final long preemptionsBefore = loopFigures.preemptions;
                    // Threads the JVM started since (a process reaper, a compiler thread) inherit their creator's CPU.
                    ThreadScheduling.confineOtherThreads(cpu);
                    floor.run(rateHz, seconds, ROUND_WARMUP_S, phaseNs, cpu, floorFigures);
                    ThreadScheduling.confineOtherThreads(cpu);
                    loop.round(seconds, phaseNs, loopFigures);
                    if (cyclictest)
                    {
                        FloorProgram.runCyclictest(rateHz, seconds, cpu, sleepFigures);
                    }
                    pairs.add(floorFigures.late + floorFigures.missed - floorBefore,
                        floorFigures.ticks + floorFigures.missed - floorDeadlinesBefore,
                        loopFigures.late + loopFigures.missed - loopBefore,
                        loopFigures.ticks + loopFigures.missed - loopDeadlinesBefore);
                    if (perRound)
                    {
                        System.out.printf(Locale.ROOT, "  %,d Hz round %d, phase %,d ns: late or skipped: C floor %d, " +
                            "Java loop %d (%d preemptions)%n", rateHz, round + 1, phaseNs,
                            floorFigures.late + floorFigures.missed - floorBefore,
                            loopFigures.late + loopFigures.missed - loopBefore,
                            loopFigures.preemptions - preemptionsBefore);
                    }
                }
                print(System.out, rateHz, floorFigures, loopFigures, sleepFigures, loop.durationNs, pairs);
                final String lateLogPath = System.getProperty("galvani.bench.lateLog");
                if (lateLogPath != null)
                {
                    loop.writeLateLog(lateLogPath, rateHz);
                }
            }
        }
    }

    /**
     * @param list rates in hertz, comma-separated (e.g. {@code 1000,10000}).
     * @return them; an {@link IllegalArgumentException} names a rate that is not a whole number from 1 to 1,000,000.
     */
    static long[] rates(final String list)
    {
        final String[] parts = list.split(",");
        final long[] rates = new long[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            try
            {
                rates[i] = Long.parseLong(parts[i].trim());
            }
            catch (final NumberFormatException ex)
            {
                rates[i] = -1;
            }
            if (rates[i] < 1 || rates[i] > 1_000_000)
            {
                throw new IllegalArgumentException("galvani.bench.rates: '" + parts[i].trim() +
                    "' is not a rate in hertz from 1 to 1,000,000");
            }
        }
        return rates;
    }

    /**
     * @param round    the round, from 0.
     * @param periodNs the tick period.
     * @return the round's schedule phase in [0, periodNs): the fractional parts of round × (golden ratio − 1) spread
     *         any number of rounds evenly over the period.
     */
    static long phase(final int round, final long periodNs)
    {
        final double fraction = (round * 0.6180339887498949) % 1.0;
        return Math.min(periodNs - 1, (long)(fraction * periodNs));
    }

    /**
     * @return the first instant at or after {@code fromNs} whose remainder modulo {@code periodNs} is {@code phaseNs}.
     */
    static long firstOnGrid(final long fromNs, final long periodNs, final long phaseNs)
    {
        return fromNs + Math.floorMod(phaseNs - fromNs, periodNs);
    }

    private static void print(final PrintStream out, final long rateHz, final Figures floor, final Figures loop,
        final Figures sleep, final Histogram durationNs, final PairedRounds pairs)
    {
        out.printf(Locale.ROOT, "%n%,d Hz%n  %-22s %12s %8s %8s %10s %10s %10s %10s%n", rateHz, "program",
            "deadlines", "late", "skipped", "per 10,000", "p99 µs", "p99.99 µs", "max µs");
        floor.print(out);
        loop.print(out);
        sleep.print(out);
        final double[] interval = pairs.ratioInterval(0.9, 10_000);
        out.printf(Locale.ROOT, "  ratio loop/floor: late per 10,000 %s (90 %% interval over the %d paired rounds: " +
            "%s-%s), lateness p99.99 %s%n", ratio(loop.latePer10k(), floor.latePer10k()), pairs.rounds(),
            bound(interval[0]), bound(interval[1]),
            ratio(loop.latenessNs.getValueAtPercentile(99.99), floor.latenessNs.getValueAtPercentile(99.99)));
        out.printf(Locale.ROOT, "  during the Java rounds: %d garbage collections, %d involuntary context switches of " +
            "the loop's thread (preemptions)%n", loop.collections, loop.preemptions);
        out.printf(Locale.ROOT, "  Java tick duration: p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, p99.99 %.2f µs, " +
            "max %.2f µs%n", durationNs.getValueAtPercentile(50) / 1e3, durationNs.getValueAtPercentile(99) / 1e3,
            durationNs.getValueAtPercentile(99.9) / 1e3, durationNs.getValueAtPercentile(99.99) / 1e3,
            durationNs.getMaxValue() / 1e3);
    }

    private static String bound(final double value)
    {
        return Double.isInfinite(value) ? "unbounded (too few late at the floor)" :
            String.format(Locale.ROOT, "%.2f", value);
    }

    static String ratio(final double loop, final double floor)
    {
        if (floor == 0)
        {
            return loop == 0 ? "1.00 (both 0)" : "n/a (floor 0)";
        }
        return String.format(Locale.ROOT, "%.2f", loop / floor);
    }
}
