package org.galvani.controller;

import static org.galvani.config.InvalidConfigurationException.requireInRange;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.control.PidGains;
import org.galvani.safety.MonitorLimits;

/**
 * Every setting of a {@link Controller}, validated once in {@link #conclude()} before anything starts:
 * there is no half-configured controller. Setters return this for chaining; after {@code conclude()}
 * the context is frozen and setters throw.
 *
 * <p>Threading: build and conclude on one thread, then hand to the controller; immutable afterwards.
 */
public final class ControllerContext
{
    /** Default control period: 1 kHz. */
    public static final long DEFAULT_TICK_PERIOD_NS = 1_000_000L;

    private boolean concluded;
    private long tickPeriodNs = DEFAULT_TICK_PERIOD_NS;
    private MonitorLimits monitorLimits;
    private PidGains pidGains;
    private long contactSettleNs = 200_000_000L;
    private long contactProbeIntervalNs = 1_000_000_000L;
    private int complianceClampTicks = 50;
    private int commandsPerTick = 16;
    private int inboxCapacityBytes = 64 * 1024;
    private IdleStrategy idleStrategy;
    private NanoClock nanoClock;

    /**
     * Validates every setting and fills defaults that depend on others.
     *
     * @return this, frozen.
     * @throws InvalidConfigurationException naming the first invalid field.
     */
    public ControllerContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        requireInRange("controller.tickPeriodNs", tickPeriodNs, 50_000L, 10_000_000L, "ns (100 Hz .. 20 kHz)");
        if (monitorLimits == null)
        {
            throw new InvalidConfigurationException("controller.monitorLimits",
                "controller.monitorLimits is missing: derive them from the device limits");
        }
        requireInRange("controller.contactSettleNs", contactSettleNs, 10 * tickPeriodNs, 5_000_000_000L, "ns");
        requireInRange("controller.contactProbeIntervalNs", contactProbeIntervalNs, 100_000_000L,
            60_000_000_000L, "ns");
        requireInRange("controller.complianceClampTicks", complianceClampTicks, 1, 100_000, "ticks");
        requireInRange("controller.commandsPerTick", commandsPerTick, 1, 1024, "commands");
        requireInRange("controller.inboxCapacityBytes", inboxCapacityBytes, 1024, 16 * 1024 * 1024, "bytes");
        if (Integer.bitCount(inboxCapacityBytes) != 1)
        {
            throw new InvalidConfigurationException("controller.inboxCapacityBytes",
                "controller.inboxCapacityBytes = " + inboxCapacityBytes + " must be a power of two");
        }
        if (monitorLimits.overrunTripNs() < tickPeriodNs)
        {
            throw new InvalidConfigurationException("monitor.overrunTripNs", "monitor.overrunTripNs = " +
                monitorLimits.overrunTripNs() + " is out of range: allowed " + tickPeriodNs + " .. 1000000000 ns " +
                "(at least one tick period)");
        }
        if (idleStrategy == null)
        {
            idleStrategy = new BusySpinIdleStrategy();
        }
        if (nanoClock == null)
        {
            nanoClock = SystemNanoClock.INSTANCE;
        }
        concluded = true;
        return this;
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("the controller context is concluded and can no longer change");
        }
    }

    /**
     * @param tickPeriodNs control period (ns); 1,000,000 = 1 kHz, 100,000 = 10 kHz.
     * @return this.
     */
    public ControllerContext tickPeriodNs(final long tickPeriodNs)
    {
        checkNotConcluded();
        this.tickPeriodNs = tickPeriodNs;
        return this;
    }

    public long tickPeriodNs()
    {
        return tickPeriodNs;
    }

    /**
     * @param monitorLimits the safety monitor's device-level thresholds.
     * @return this.
     */
    public ControllerContext monitorLimits(final MonitorLimits monitorLimits)
    {
        checkNotConcluded();
        this.monitorLimits = monitorLimits;
        return this;
    }

    public MonitorLimits monitorLimits()
    {
        return monitorLimits;
    }

    /**
     * @param pidGains current loop gains; null (the default) means {@link PidGains#defaults(org.galvani.hal.HalInfo)}
     *                 for the driver's converters.
     * @return this.
     */
    public ControllerContext pidGains(final PidGains pidGains)
    {
        checkNotConcluded();
        this.pidGains = pidGains;
        return this;
    }

    public PidGains pidGains()
    {
        return pidGains;
    }

    /**
     * @param contactSettleNs how long the pre-ramp test current is held before the contact impedance is
     *                        judged (SR-6).
     * @return this.
     */
    public ControllerContext contactSettleNs(final long contactSettleNs)
    {
        checkNotConcluded();
        this.contactSettleNs = contactSettleNs;
        return this;
    }

    public long contactSettleNs()
    {
        return contactSettleNs;
    }

    /**
     * @param contactProbeIntervalNs after a contact loss, how often contact is re-probed with the test
     *                               current (SR-6).
     * @return this.
     */
    public ControllerContext contactProbeIntervalNs(final long contactProbeIntervalNs)
    {
        checkNotConcluded();
        this.contactProbeIntervalNs = contactProbeIntervalNs;
        return this;
    }

    public long contactProbeIntervalNs()
    {
        return contactProbeIntervalNs;
    }

    /**
     * @param complianceClampTicks consecutive ticks below compliance before the COMPLIANCE_LIMITED clamp,
     *                             shown from the first tick at compliance, is cleared (SR-17).
     * @return this.
     */
    public ControllerContext complianceClampTicks(final int complianceClampTicks)
    {
        checkNotConcluded();
        this.complianceClampTicks = complianceClampTicks;
        return this;
    }

    public int complianceClampTicks()
    {
        return complianceClampTicks;
    }

    /**
     * @param commandsPerTick most commands drained in one tick (bounds the tick's work).
     * @return this.
     */
    public ControllerContext commandsPerTick(final int commandsPerTick)
    {
        checkNotConcluded();
        this.commandsPerTick = commandsPerTick;
        return this;
    }

    public int commandsPerTick()
    {
        return commandsPerTick;
    }

    /**
     * @param inboxCapacityBytes command ring buffer capacity, a power of two.
     * @return this.
     */
    public ControllerContext inboxCapacityBytes(final int inboxCapacityBytes)
    {
        checkNotConcluded();
        this.inboxCapacityBytes = inboxCapacityBytes;
        return this;
    }

    public int inboxCapacityBytes()
    {
        return inboxCapacityBytes;
    }

    /**
     * @param idleStrategy how the control thread waits between ticks (default busy spin: lowest jitter).
     * @return this.
     */
    public ControllerContext idleStrategy(final IdleStrategy idleStrategy)
    {
        checkNotConcluded();
        this.idleStrategy = idleStrategy;
        return this;
    }

    public IdleStrategy idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * @param nanoClock the agent's only clock (default the system's monotonic clock).
     * @return this.
     */
    public ControllerContext nanoClock(final NanoClock nanoClock)
    {
        checkNotConcluded();
        this.nanoClock = nanoClock;
        return this;
    }

    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /**
     * @return ticks in the given time at this context's period (rounded up, at least 1).
     * @param ns a duration.
     */
    public long ticks(final long ns)
    {
        return Math.max(1, (ns + tickPeriodNs - 1) / tickPeriodNs);
    }
}
