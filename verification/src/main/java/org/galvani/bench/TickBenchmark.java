package org.galvani.bench;

import java.util.concurrent.TimeUnit;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.hal.HardwareDriver;
import org.galvani.hal.binding.HalBinding;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
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
 * context switches (preemptions) per second for each: where the tail comes from (issue 16).
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
    private HardwareDriver sim;
    private Controller controller;
    private SessionDriver driver;

    /**
     * A treating session at 10 mA on the default sim load.
     */
    @Setup(Level.Trial)
    public void open()
    {
        ThreadScheduling.apply(priority, cpu);
        switchesAtStart = ThreadScheduling.contextSwitches();
        startNs = System.nanoTime();
        final long periodNs = ControllerContext.DEFAULT_TICK_PERIOD_NS;
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(periodNs)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, periodNs)).conclude();
        final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
        sim = HalBinding.named(binding).openSim("seed=1, watchdog_ms=0");
        controller = new Controller(ctx, sim, inbox, JournalSink.NONE, new StatusPublisher());
        driver = new SessionDriver(controller, inbox);
        driver.postBegin(new ScreeningDecision(true, "benchmark"), benchmarkPlan());
        driver.until(SessionState.TREATING, 30_000);
        if (controller.state() != SessionState.TREATING)
        {
            throw new IllegalStateException("the benchmark session did not reach TREATING: " + controller.state());
        }
    }

    /**
     * @return a 10 mA, 8-hour session so the benchmark never reaches its end.
     */
    static SessionPlan benchmarkPlan()
    {
        final long hoursNs = 8L * 3_600_000_000_000L;
        return SessionPlan.builder()
            .prescriptionId("benchmark")
            .authorised(true)
            .startUa(10_000)
            .capUa(20_000)
            .stepUa(500)
            .rampRateUaPerS(2_000)
            .durationNs(hoursNs)
            .maxSessionNs(hoursNs)
            .tripLevelUa(25_000)
            .densityLimitUa(30_000)
            .doseTripUc(1e15)
            .peakLimitUa(25_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
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
        sim.close();
    }

    /**
     * One tick.
     *
     * @return the commanded DAC code (consumed by JMH).
     */
    @Benchmark
    public int tick()
    {
        driver.tick();
        return controller.command().dacCode();
    }
}
