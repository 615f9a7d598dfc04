package org.galvani.control;

/**
 * Integrates delivered charge per electrode polarity (docs/prescriptions.md: dose = ∫|I|dt, kept per
 * polarity). Works in µC (1 mA·min = 60,000 µC); the caller passes the average current of the tick
 * (the peak × duty in pulsed mode), so the dose counts what the patient received.
 *
 * <p>Threading: control thread only; status and journal read copies. Allocation: none. Deterministic:
 * the integration step is the configured period, never a measured time.
 */
public final class DoseMeter
{
    /** µC in one mA·min. */
    public static final double UC_PER_MA_MIN = 60_000.0;

    private final double periodS;
    private double normalUc;
    private double reversedUc;

    /**
     * @param periodNs the control period (ns).
     */
    public DoseMeter(final long periodNs)
    {
        this.periodS = periodNs * 1e-9;
    }

    /**
     * Adds one tick of current.
     *
     * @param averageUa average current magnitude over the tick (µA).
     * @param reversed  whether the polarity relay was reversed.
     */
    public void accumulate(final double averageUa, final boolean reversed)
    {
        final double chargeUc = Math.abs(averageUa) * periodS;
        if (reversed)
        {
            reversedUc += chargeUc;
        }
        else
        {
            normalUc += chargeUc;
        }
    }

    /**
     * Dose still delivered by a linear ramp from the current to zero: I² / (2 · rate) (SR-11: the ramp
     * down starts early enough that the dose ends on target).
     *
     * @param currentUa      current magnitude now (µA).
     * @param rampRateUaPerS ramp-down rate (µA/s).
     * @return charge the ramp down delivers (µC).
     */
    public static double rampDownChargeUc(final double currentUa, final double rampRateUaPerS)
    {
        return currentUa * currentUa / (2.0 * rampRateUaPerS);
    }

    /**
     * Starts a new session.
     */
    public void reset()
    {
        normalUc = 0.0;
        reversedUc = 0.0;
    }

    /**
     * Restores the counters (replay of a session continued after a reset).
     *
     * @param normalUc   dose with normal polarity (µC).
     * @param reversedUc dose with reversed polarity (µC).
     */
    public void restore(final double normalUc, final double reversedUc)
    {
        this.normalUc = normalUc;
        this.reversedUc = reversedUc;
    }

    public double normalUc()
    {
        return normalUc;
    }

    public double reversedUc()
    {
        return reversedUc;
    }

    /**
     * @return dose in both polarities (µC).
     */
    public double totalUc()
    {
        return normalUc + reversedUc;
    }

    /**
     * @return dose in both polarities (mA·min).
     */
    public double totalMaMin()
    {
        return totalUc() / UC_PER_MA_MIN;
    }
}
