package org.galvani.control;

import org.galvani.session.Clamp;

/**
 * The operator's intensity ("raise until tingling"): a target moved in prescription steps and capped
 * by every limit that applies, each cap reported as a {@link Clamp} (SR-16: nothing a patient or
 * operator sends raises current above the prescription; SR-17: nothing is clamped silently).
 *
 * <p>Caps, lowest wins: the prescription's titration cap ({@link Clamp#TITRATION_CAP}), the pulse peak
 * limit ({@link Clamp#PEAK_LIMIT}) and, in pulsed mode, the peak that keeps the average current within
 * the density limit ({@link Clamp#DENSITY_CAP}).
 *
 * <p>Threading: control thread only. Allocation: none.
 */
public final class Titration
{
    /** Clamp bits resolved at class initialisation: {@link Clamp} is never first loaded inside a tick. */
    private static final int TITRATION_CAP_BIT = Clamp.TITRATION_CAP.bit();
    private static final int PEAK_LIMIT_BIT = Clamp.PEAK_LIMIT.bit();
    private static final int DENSITY_CAP_BIT = Clamp.DENSITY_CAP.bit();

    private double targetUa;
    private double stepUa;
    private double capUa;
    private double peakLimitUa;
    private double densityPeakUa;
    private int clamps;

    /**
     * Loads a session's limits and its first level.
     *
     * @param startUa        first level (µA).
     * @param stepUa         one titration step (µA).
     * @param capUa          prescription cap (µA).
     * @param peakLimitUa    pulse peak limit (µA).
     * @param densityLimitUa average current allowed by the density limit (µA).
     * @param dutyPermille   pulse duty (1000 = continuous).
     */
    public void load(
        final double startUa,
        final double stepUa,
        final double capUa,
        final double peakLimitUa,
        final double densityLimitUa,
        final int dutyPermille)
    {
        this.stepUa = stepUa;
        this.capUa = capUa;
        this.peakLimitUa = peakLimitUa;
        this.densityPeakUa = densityLimitUa * 1000.0 / dutyPermille;
        clamps = 0;
        targetUa = 0.0;
        request(startUa);
    }

    /**
     * Clears the session.
     */
    public void clear()
    {
        targetUa = 0.0;
        stepUa = 0.0;
        capUa = 0.0;
        peakLimitUa = 0.0;
        densityPeakUa = 0.0;
        clamps = 0;
    }

    /**
     * Moves the target by a number of steps (negative lowers it).
     *
     * @param steps signed steps.
     * @return the clamps that limited this request (0 when none).
     */
    public int adjust(final int steps)
    {
        return request(targetUa + steps * stepUa);
    }

    private int request(final double requestedUa)
    {
        double allowedUa = Math.max(0.0, requestedUa);
        int applied = 0;
        if (allowedUa > capUa)
        {
            allowedUa = capUa;
            applied |= TITRATION_CAP_BIT;
        }
        if (allowedUa > peakLimitUa)
        {
            allowedUa = peakLimitUa;
            applied |= PEAK_LIMIT_BIT;
        }
        if (allowedUa > densityPeakUa)
        {
            allowedUa = densityPeakUa;
            applied |= DENSITY_CAP_BIT;
        }
        targetUa = allowedUa;
        clamps = applied;
        return applied;
    }

    /**
     * @return the target (µA), within every cap.
     */
    public double targetUa()
    {
        return targetUa;
    }

    /**
     * @return the clamps that hold the target below what the operator asked for (0 when none).
     */
    public int clamps()
    {
        return clamps;
    }

    /**
     * @return the prescription cap (µA).
     */
    public double capUa()
    {
        return capUa;
    }
}
