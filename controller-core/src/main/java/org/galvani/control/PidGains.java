package org.galvani.control;

/** TEMPORARY stub until the PID lands. */
public record PidGains(double kp, double ki)
{
    public static PidGains defaults()
    {
        return new PidGains(0.3, 40.0);
    }
}
