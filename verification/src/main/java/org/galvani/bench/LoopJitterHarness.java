package org.galvani.bench;

import java.io.PrintStream;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerAgent;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.JournalSink;
import org.galvani.controller.StatusPublisher;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;

/**
 * Runs the real {@link ControllerAgent} at a fixed rate on a dedicated thread against the native sim,
 * exactly as {@code AgentRunner} would (doWork, then the idle strategy), and records into HdrHistograms
 * each tick's duration (the cost of the whole pipeline in place) and its lateness after its deadline
 * (the loop's jitter). Recording does not allocate.
 *
 * <p>Threading: {@link #run} blocks the calling thread for the measurement (it is the control thread).
 */
public final class LoopJitterHarness
{
    /** Result of one run. */
    public record Result(long rateHz, long ticks, long missedDeadlines, long lateOver50Us, Histogram durationNs,
        Histogram latenessNs)
    {
        /**
         * Prints the figures.
         *
         * @param out where to print.
         */
        public void print(final PrintStream out)
        {
            out.printf(Locale.ROOT, "loop at %,d Hz: %,d ticks, %,d deadlines missed, %,d ticks late by > 50 µs " +
                "(%.4f per 10,000)%n", rateHz, ticks, missedDeadlines, lateOver50Us,
                ticks == 0 ? 0.0 : 10_000.0 * (lateOver50Us + missedDeadlines) / ticks);
            row(out, "tick duration", durationNs);
            row(out, "lateness", latenessNs);
        }

        private static void row(final PrintStream out, final String what, final Histogram h)
        {
            out.printf(Locale.ROOT, "  %-14s p50 %8.2f µs  p99 %8.2f µs  p99.9 %8.2f µs  p99.99 %8.2f µs  max %8.2f µs%n",
                what, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3);
        }
    }

    private LoopJitterHarness()
    {
    }

    /**
     * Measures the loop.
     *
     * @param rateHz       tick rate (e.g. 1,000 or 10,000).
     * @param seconds      measured time after a 2 s warm-up.
     * @param idleStrategy how the loop waits between ticks (busy spin for the lowest jitter).
     * @return the figures.
     */
    public static Result run(final long rateHz, final double seconds, final IdleStrategy idleStrategy)
    {
        final long periodNs = 1_000_000_000L / rateHz;
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(periodNs)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, periodNs)).idleStrategy(idleStrategy).conclude();
        final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
        final Histogram durations = new Histogram(1, 10_000_000_000L, 3);
        final Histogram lateness = new Histogram(1, 10_000_000_000L, 3);
        try (JnaSimDriver sim = JnaSimDriver.open("seed=1, watchdog_ms=0, step_us=" + periodNs / 1_000))
        {
            final Controller controller = new Controller(ctx, sim, inbox, JournalSink.NONE, new StatusPublisher());
            final ControllerAgent agent = new ControllerAgent(controller);
            inbox.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "benchmark"));
            inbox.send(SessionEvent.ARM, 0, TickBenchmark.benchmarkPlan());
            inbox.send(SessionEvent.START, 0, null);
            loop(agent, idleStrategy, 2_000_000_000L, null, null);
            final long missedBefore = agent.missedDeadlines();
            final long ticks = loop(agent, idleStrategy, (long)(seconds * 1e9), durations, lateness);
            agent.onClose();
            return new Result(rateHz, ticks, agent.missedDeadlines() - missedBefore,
                lateness.getCountBetweenValues(50_001, lateness.getHighestTrackableValue()), durations, lateness);
        }
    }

    private static long loop(
        final ControllerAgent agent,
        final IdleStrategy idle,
        final long forNs,
        final Histogram durations,
        final Histogram lateness)
    {
        final long endNs = System.nanoTime() + forNs;
        long ticks = 0;
        while (System.nanoTime() < endNs)
        {
            final int work = agent.doWork();
            if (work > 0)
            {
                ticks++;
                if (durations != null)
                {
                    durations.recordValue(Math.max(1, agent.lastDurationNs()));
                    lateness.recordValue(Math.max(1, agent.lastLatenessNs()));
                }
            }
            idle.idle(work);
        }
        return ticks;
    }

    /**
     * Runs at 1 kHz and 10 kHz with a busy-spin idle strategy and prints the figures.
     *
     * @param args optional: seconds per rate (default 20); system property {@code galvani.bench.cpu} pins the
     *             control thread to that CPU.
     */
    public static void main(final String[] args)
    {
        final double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20.0;
        // Optional: pin the control thread (this one) to a CPU, e.g. -Dgalvani.bench.cpu=1 with the JVM started
        // under `taskset -c 0` so that its other threads (JIT, GC) stay off that CPU (docs/integration-guide.md).
        final String cpu = System.getProperty("galvani.bench.cpu");
        if (cpu != null)
        {
            net.openhft.affinity.Affinity.setAffinity(Integer.parseInt(cpu.trim()));
            System.out.println("control thread pinned to CPU " + cpu.trim() + ": " + net.openhft.affinity.Affinity.getAffinity());
        }
        for (final long rateHz : new long[] {1_000, 10_000})
        {
            run(rateHz, seconds, new BusySpinIdleStrategy()).print(System.out);
        }
    }
}
