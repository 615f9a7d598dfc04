package org.galvani.bench;

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

/**
 * The measured tick of the tick benchmarks: one controller at the default tick period, in a treating session at
 * 10 mA ({@link #benchmarkPlan()}) on the native sim through a chosen HAL binding, journal off, ticked
 * synchronously by a {@link SessionDriver}. {@link TickBenchmark} (JMH) and {@link TickTailHarness} (every tick
 * timed) measure exactly this {@link #tick()}.
 *
 * <p>Threading: open, tick and close on one thread (the measured one). Allocation: opening allocates; {@link #tick()}
 * allocates nothing (the controller's tick path is allocation-free, TickAllocationTest).
 */
final class TreatingSession implements AutoCloseable
{
    private final HardwareDriver sim;
    private final Controller controller;
    private final SessionDriver driver;

    private TreatingSession(final HardwareDriver sim, final Controller controller, final SessionDriver driver)
    {
        this.sim = sim;
        this.controller = controller;
        this.driver = driver;
    }

    /**
     * Opens the sim through a binding and drives a session to TREATING.
     *
     * @param binding "jna", or "ffm" on JDK 22+ ({@link HalBinding#named}).
     * @return the treating session.
     * @throws IllegalStateException when the session does not reach TREATING within 30 s of ticks.
     */
    static TreatingSession open(final String binding)
    {
        final long periodNs = ControllerContext.DEFAULT_TICK_PERIOD_NS;
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(periodNs)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, periodNs)).conclude();
        final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
        final HardwareDriver sim = HalBinding.named(binding).openSim("seed=1, watchdog_ms=0");
        final Controller controller = new Controller(ctx, sim, inbox, JournalSink.NONE, new StatusPublisher());
        final SessionDriver driver = new SessionDriver(controller, inbox);
        driver.postBegin(new ScreeningDecision(true, "benchmark"), benchmarkPlan());
        driver.until(SessionState.TREATING, 30_000);
        if (controller.state() != SessionState.TREATING)
        {
            sim.close();
            throw new IllegalStateException("the benchmark session did not reach TREATING: " + controller.state());
        }
        return new TreatingSession(sim, controller, driver);
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
     * One tick of the whole pipeline.
     *
     * @return the commanded DAC code, for the caller to consume (so the JIT cannot drop the tick).
     */
    int tick()
    {
        driver.tick();
        return controller.command().dacCode();
    }

    /**
     * Closes the sim.
     */
    @Override
    public void close()
    {
        sim.close();
    }
}
