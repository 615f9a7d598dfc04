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
    private static final double ROUND_WARMUP_S = 0.5;
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
     * The Java loop at one rate: one controller in a treating session on the native sim, ticked by a fresh
     * {@link ControllerAgent} per round (a fresh schedule, so the pause between rounds is not counted as lateness).
     */
    static final class JavaLoop implements AutoCloseable
    {
        private final HardwareDriver sim;
        private final Controller controller;
        private final IdleStrategy idle = new BusySpinIdleStrategy();
        final Histogram durationNs = new Histogram(1, 10_000_000_000L, 3);

        JavaLoop(final long rateHz)
        {
            final long periodNs = 1_000_000_000L / rateHz;
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
            loop(new ControllerAgent(controller), (long)(seconds * 1e9), null, null);
        }

        void round(final double seconds, final Figures into)
        {
            // The other programs' rounds (process start, output parsing) leave garbage a device would not have;
            // collected here, before the round, a collection cannot land inside it unless the round itself
            // allocates (the tick does not: TickAllocationTest). Collections during the round are counted.
            System.gc();
            final ControllerAgent agent = new ControllerAgent(controller);
            loop(agent, (long)(ROUND_WARMUP_S * 1e9), null, null);
            final long missedBefore = agent.missedDeadlines();
            final long ticksBefore = agent.ticks();
            final long lateBefore = into.latenessNs.getCountBetweenValues(LATE_NS + 1, Long.MAX_VALUE / 2);
            final long collectionsBefore = collections();
            final long[] switchesBefore = ThreadScheduling.contextSwitches();
            loop(agent, (long)(seconds * 1e9), durationNs, into.latenessNs);
            into.preemptions += ThreadScheduling.contextSwitches()[1] - switchesBefore[1];
            into.collections += collections() - collectionsBefore;
            into.ticks += agent.ticks() - ticksBefore;
            into.missed += agent.missedDeadlines() - missedBefore;
            into.late += into.latenessNs.getCountBetweenValues(LATE_NS + 1, Long.MAX_VALUE / 2) - lateBefore;
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

        private void loop(final ControllerAgent agent, final long forNs, final Histogram durations,
            final Histogram lateness)
        {
            final long endNs = System.nanoTime() + forNs;
            while (System.nanoTime() < endNs)
            {
                final int work = agent.doWork();
                if (work > 0 && durations != null)
                {
                    durations.recordValue(Math.max(1, agent.lastDurationNs()));
                    lateness.recordValue(Math.max(1, agent.lastLatenessNs()));
                }
                idle.idle(work);
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
     * @param args optional: seconds per program per round (default 5), rounds (default 4). System property
     *             {@code galvani.floor.program} names the floor binary (default
     *             {@code hal-native/target/bench/galvani-floor}); {@code galvani.bench.cpu} pins the control
     *             thread to that CPU.
     * @throws Exception when a child program cannot be run.
     */
    public static void main(final String[] args) throws Exception
    {
        final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5.0;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        // Optional: pin the control thread (this one) to a CPU, e.g. -Dgalvani.bench.cpu=1 with the JVM started
        // under `taskset -c 0` so that its other threads (JIT, GC) stay off that CPU (docs/integration-guide.md).
        final String cpu = System.getProperty("galvani.bench.cpu");
        if (cpu != null)
        {
            net.openhft.affinity.Affinity.setAffinity(Integer.parseInt(cpu.trim()));
            System.out.println("control thread pinned to CPU " + cpu.trim() + ": " + net.openhft.affinity.Affinity.getAffinity());
        }
        final FloorProgram floor = FloorProgram.locate();
        final boolean cyclictest = FloorProgram.cyclictestAvailable();
        System.out.printf(Locale.ROOT, "binding %s; floor %s; cyclictest %s; %d rounds of %.1f s per program per rate%n",
            BenchDrivers.bindingName(), floor.path(), cyclictest ? "on PATH" : "absent (install rt-tests)", rounds,
            seconds);
        // The JIT first: the tick is the same code at both rates, but a 2 s warm-up at 1 kHz is only 2,000 ticks,
        // and the compilations (and the loop's thread running interpreted meanwhile) would fall inside the measured
        // 1 kHz rounds. 5 s at 10 kHz, 50,000 ticks, before either rate.
        try (JavaLoop jit = new JavaLoop(10_000))
        {
            jit.warmUp(JIT_WARMUP_S);
        }
        for (final long rateHz : new long[] {1_000, 10_000})
        {
            final Figures floorFigures = new Figures("C floor (busy spin)");
            final Figures loopFigures = new Figures("Java loop (busy spin)");
            final Figures sleepFigures = new Figures("cyclictest (sleeping)");
            try (JavaLoop loop = new JavaLoop(rateHz))
            {
                loop.warmUp(2.0);
                for (int round = 0; round < rounds; round++)
                {
                    floor.run(rateHz, seconds, ROUND_WARMUP_S, floorFigures);
                    loop.round(seconds, loopFigures);
                    if (cyclictest)
                    {
                        FloorProgram.runCyclictest(rateHz, seconds, sleepFigures);
                    }
                }
                print(System.out, rateHz, floorFigures, loopFigures, sleepFigures, loop.durationNs);
            }
        }
    }

    private static void print(final PrintStream out, final long rateHz, final Figures floor, final Figures loop,
        final Figures sleep, final Histogram durationNs)
    {
        out.printf(Locale.ROOT, "%n%,d Hz%n  %-22s %12s %8s %8s %10s %10s %10s %10s%n", rateHz, "program",
            "deadlines", "late", "skipped", "per 10,000", "p99 µs", "p99.99 µs", "max µs");
        floor.print(out);
        loop.print(out);
        sleep.print(out);
        out.printf(Locale.ROOT, "  ratio loop/floor: late per 10,000 %s, lateness p99.99 %s%n",
            ratio(loop.latePer10k(), floor.latePer10k()),
            ratio(loop.latenessNs.getValueAtPercentile(99.99), floor.latenessNs.getValueAtPercentile(99.99)));
        out.printf(Locale.ROOT, "  during the Java rounds: %d garbage collections, %d involuntary context switches of " +
            "the loop's thread (preemptions)%n", loop.collections, loop.preemptions);
        out.printf(Locale.ROOT, "  Java tick duration: p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, p99.99 %.2f µs, " +
            "max %.2f µs%n", durationNs.getValueAtPercentile(50) / 1e3, durationNs.getValueAtPercentile(99) / 1e3,
            durationNs.getValueAtPercentile(99.9) / 1e3, durationNs.getValueAtPercentile(99.99) / 1e3,
            durationNs.getMaxValue() / 1e3);
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
