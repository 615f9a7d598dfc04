package org.galvani.hal;

/**
 * One actuation: DAC code, polarity, output-enable line and pulse duty, applied in one driver call
 * that also kicks the hardware watchdog.
 *
 * <p>Threading: owned by the control thread. Allocation: one instance, reused every tick. The safe
 * command is {@link #safe()}: DAC at zero, output disabled, continuous duty.
 */
public final class HalCommand
{
    /** Continuous output (no pulsing). */
    public static final int CONTINUOUS_DUTY_PERMILLE = 1000;

    private int dacCode;
    private boolean polarityReversed;
    private boolean outputEnabled;
    private int dutyPermille = CONTINUOUS_DUTY_PERMILLE;

    /**
     * Sets every field at once.
     *
     * @param dacCode          DAC code, 0..{@link HalInfo#dacMaxCode()}.
     * @param polarityReversed whether the polarity relay is in the reversed position.
     * @param outputEnabled    whether the output-enable line closes the output relay.
     * @param dutyPermille     pulse duty 1..1000 permille; 1000 is continuous.
     * @return this.
     */
    public HalCommand set(
        final int dacCode, final boolean polarityReversed, final boolean outputEnabled, final int dutyPermille)
    {
        this.dacCode = dacCode;
        this.polarityReversed = polarityReversed;
        this.outputEnabled = outputEnabled;
        this.dutyPermille = dutyPermille;
        return this;
    }

    /**
     * The safe state: DAC zero, output relay open, polarity kept (a relay never switches under load).
     *
     * @return this.
     */
    public HalCommand safe()
    {
        dacCode = 0;
        outputEnabled = false;
        dutyPermille = CONTINUOUS_DUTY_PERMILLE;
        return this;
    }

    public int dacCode()
    {
        return dacCode;
    }

    public boolean polarityReversed()
    {
        return polarityReversed;
    }

    public boolean outputEnabled()
    {
        return outputEnabled;
    }

    public int dutyPermille()
    {
        return dutyPermille;
    }

    @Override
    public String toString()
    {
        return "HalCommand{dac=" + dacCode + ", reversed=" + polarityReversed + ", enabled=" + outputEnabled +
            ", duty=" + dutyPermille + '}';
    }
}
