package org.galvani.control;

import static org.galvani.config.InvalidConfigurationException.requireInRange;

/**
 * The rate-limited current setpoint (SR-10: never a step). The setpoint moves towards its goal by at
 * most {@code rate × period} per tick, up or down; the only discontinuity is {@link #dropToZero()},
 * used when the output relay opens (trip, hold-off, e-stop), which by design removes the current at once.
 * A polarity reversal is two ramps through zero, driven by the caller.
 *
 * <p>Threading: control thread only. Allocation: none. Deterministic: time is counted in ticks of the
 * configured period, never read from a clock.
 */
public final class SetpointRamp
{
    private final double periodS;
    private double stepUa;
    private double setpointUa;
    private double goalUa;

    /**
     * @param periodNs the control period (ns).
     */
    public SetpointRamp(final long periodNs)
    {
        requireInRange("ramp.periodNs", periodNs, 1_000L, 1_000_000_000L, "ns");
        this.periodS = periodNs * 1e-9;
    }

    /**
     * Sets the ramp rate (set-up or between ticks).
     *
     * @param rateUaPerS the largest |dI/dt| of the setpoint (µA/s).
     */
    public void rate(final double rateUaPerS)
    {
        stepUa = rateUaPerS * periodS;
    }

    /**
     * @param goalUa where the setpoint should go (µA, ≥ 0).
     */
    public void goal(final double goalUa)
    {
        this.goalUa = Math.max(0.0, goalUa);
    }

    /**
     * Moves the setpoint one tick towards its goal.
     *
     * @return the new setpoint (µA).
     */
    public double advance()
    {
        final double delta = goalUa - setpointUa;
        if (delta > stepUa)
        {
            setpointUa += stepUa;
        }
        else if (delta < -stepUa)
        {
            setpointUa -= stepUa;
        }
        else
        {
            setpointUa = goalUa;
        }
        return setpointUa;
    }

    /**
     * Holds the setpoint at most at a value (goal unchanged): used while the compliance voltage limits
     * the current, so that the setpoint never runs ahead of what the load takes and the current rises at
     * the ramp rate when the load allows more (SR-10).
     *
     * @param maxUa the highest setpoint allowed now (µA).
     */
    public void holdAtMost(final double maxUa)
    {
        if (setpointUa > maxUa)
        {
            setpointUa = Math.max(0.0, maxUa);
        }
    }

    /**
     * The output opened (trip, hold-off, e-stop, end): setpoint and goal to zero at once. The next
     * ramp starts from zero (SR-6: never a step back to the old level).
     */
    public void dropToZero()
    {
        setpointUa = 0.0;
        goalUa = 0.0;
    }

    /**
     * @return whether the setpoint has reached its goal.
     */
    public boolean atGoal()
    {
        return setpointUa == goalUa;
    }

    /**
     * @return the setpoint (µA).
     */
    public double setpointUa()
    {
        return setpointUa;
    }

    /**
     * @return the goal (µA).
     */
    public double goalUa()
    {
        return goalUa;
    }

    /**
     * @return the largest setpoint change per tick (µA).
     */
    public double stepUa()
    {
        return stepUa;
    }
}
