package org.galvani.safety;

/**
 * The cause of the latest trip or hold-off and the measured values that caused it.
 *
 * <p>Threading: written by the control thread only; copied into status and journal records.
 * Allocation: one instance, reused.
 */
public final class TripRecord
{
    private TripCause cause = TripCause.NONE;
    private long tick;
    private double measured;
    private double limit;

    /**
     * @param cause    what tripped.
     * @param tick     tick index at which it tripped.
     * @param measured the measured value (unit depends on the cause: µA, mV, Ω, ns, codes).
     * @param limit    the limit it was compared against, same unit.
     */
    public void set(final TripCause cause, final long tick, final double measured, final double limit)
    {
        this.cause = cause;
        this.tick = tick;
        this.measured = measured;
        this.limit = limit;
    }

    /**
     * Copies another record.
     *
     * @param other the record to copy.
     */
    public void copyFrom(final TripRecord other)
    {
        set(other.cause, other.tick, other.measured, other.limit);
    }

    /**
     * Clears the record.
     */
    public void clear()
    {
        set(TripCause.NONE, 0, 0.0, 0.0);
    }

    public TripCause cause()
    {
        return cause;
    }

    public long tick()
    {
        return tick;
    }

    public double measured()
    {
        return measured;
    }

    public double limit()
    {
        return limit;
    }

    @Override
    public String toString()
    {
        return cause == TripCause.NONE ? "no trip" :
            cause + " (" + cause.requirement() + ", " + cause.description() + ") at tick " + tick +
            ": measured " + measured + ", limit " + limit;
    }
}
