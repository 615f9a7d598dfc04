package org.galvani.bench;

import java.util.concurrent.TimeUnit;

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
 * The whole tick pipeline — sample, safety monitor, command drain, state machine, setpoint, PID,
 * actuate, dose, journal seam, status publication — against the native sim, in a treating session
 * (the sim advances one step per tick, so the load drifts as in a real session). Sample mode gives the
 * per-tick percentiles (p50 … p99.99); {@code -prof gc} shows the allocation rate (expected 0 B/op).
 *
 * <p>Run: {@code verification/bench.sh TickBenchmark -prof gc}; on JDK 22+ {@code -p binding=jna,ffm} adds the
 * FFM binding in the same run. {@code -p priority=normal,fifo -p cpu=1} measures the tick under the default
 * scheduler and under SCHED_FIFO pinned to a core in one run (root), and prints the measured thread's involuntary
 * context switches (preemptions) per second for each.
 *
 * <p>The tail percentiles (p99.9, p99.99) this benchmark prints are biased upwards by JMH's own sampling
 * ({@code SampleBuffer.half()} keeps a bucket holding one sample at full weight while it halves the rest:
 * docs/decisions.md ADR-36); read the tick's tail from {@link TickTailHarness}, which times every tick of this same
 * session ({@code verification/tick-tail.sh}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TickBenchmark
{
    /** The HAL binding: jna, or ffm on JDK 22+ ({@code -p binding=jna,ffm} measures both in one run). */
    @Param("jna")
    public String binding;
    /** The measured thread's scheduling: normal, nice (-20) or fifo (SCHED_FIFO 10); see {@link ThreadScheduling}. */
    @Param("normal")
    public String priority;
    /** The CPU the measured thread is pinned to, -1 for none. */
    @Param("-1")
    public int cpu;
    private long[] switchesAtStart;
    private long startNs;
    private TreatingSession session;

    /**
     * A treating session at 10 mA on the default sim load ({@link TreatingSession}).
     */
    @Setup(Level.Trial)
    public void open()
    {
        ThreadScheduling.apply(priority, cpu);
        switchesAtStart = ThreadScheduling.contextSwitches();
        startNs = System.nanoTime();
        session = TreatingSession.open(binding);
    }

    /**
     * Closes the sim.
     */
    @TearDown(Level.Trial)
    public void close()
    {
        final long[] switches = ThreadScheduling.contextSwitches();
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "%nmeasured thread (priority %s, cpu %d): %.1f involuntary context " +
            "switches/s (preemptions), %.1f voluntary/s, over %.1f s%n", priority, cpu,
            (switches[1] - switchesAtStart[1]) / seconds, (switches[0] - switchesAtStart[0]) / seconds, seconds);
        session.close();
    }

    /**
     * One tick.
     *
     * @return the commanded DAC code (consumed by JMH).
     */
    @Benchmark
    public int tick()
    {
        return session.tick();
    }
}
