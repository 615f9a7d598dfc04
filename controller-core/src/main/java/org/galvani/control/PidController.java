package org.galvani.control;

import org.galvani.hal.HalInfo;

/** TEMPORARY stub until the PID lands. */
public final class PidController
{
    private final PidGains gains;
    private final double periodS;
    private final HalInfo info;
    private double integral;
    private double p;
    private double ff;

    public PidController(final PidGains gains, final long periodNs, final HalInfo info)
    {
        this.gains = gains;
        this.periodS = periodNs * 1e-9;
        this.info = info;
    }

    public void reset()
    {
        integral = 0;
    }

    public double update(final double setpointUa, final double measuredUa, final double loadOhm,
        final boolean complianceLimited)
    {
        final double errorCodes = (setpointUa - measuredUa) / info.dacUaPerCode();
        ff = setpointUa / info.dacUaPerCode();
        p = gains.kp() * errorCodes;
        if (!complianceLimited)
        {
            integral += gains.ki() * errorCodes * periodS;
        }
        return Math.max(0, Math.min(info.dacMaxCode(), ff + p + integral));
    }

    public double pTerm()
    {
        return p;
    }

    public double iTerm()
    {
        return integral;
    }

    public double dTerm()
    {
        return 0;
    }

    public double ffTerm()
    {
        return ff;
    }
}
