package org.galvani.hal;

/**
 * One sample of every channel, as raw ADC codes, exactly as the driver delivered them.
 *
 * <p>Threading: owned by the control thread; filled by {@link HardwareDriver#sample(HalSample)} and
 * read in the same tick. Allocation: one instance is allocated before the loop starts and reused for
 * every tick. Raw codes, not engineering units, are kept so that a journal of samples replays bit for
 * bit; convert with {@link HalInfo}.
 */
public final class HalSample
{
    private int currentARaw;
    private int currentBRaw;
    private int electrodeVoltageRaw;
    private int supplyVoltageRaw;
    private int dacReadbackRaw;
    private int statusBits;
    private long sequence;

    /**
     * Sets every channel at once (used by drivers and by replay).
     *
     * @param currentARaw         current sense A, signed ADC code.
     * @param currentBRaw         current sense B (redundant), signed ADC code.
     * @param electrodeVoltageRaw electrode voltage, signed ADC code.
     * @param supplyVoltageRaw    supply voltage ADC code.
     * @param dacReadbackRaw      DAC read-back ADC code.
     * @param statusBits          {@link HalStatus} bits.
     * @param sequence            driver sample counter.
     * @return this, for chaining.
     */
    public HalSample set(
        final int currentARaw,
        final int currentBRaw,
        final int electrodeVoltageRaw,
        final int supplyVoltageRaw,
        final int dacReadbackRaw,
        final int statusBits,
        final long sequence)
    {
        this.currentARaw = currentARaw;
        this.currentBRaw = currentBRaw;
        this.electrodeVoltageRaw = electrodeVoltageRaw;
        this.supplyVoltageRaw = supplyVoltageRaw;
        this.dacReadbackRaw = dacReadbackRaw;
        this.statusBits = statusBits;
        this.sequence = sequence;
        return this;
    }

    /**
     * Copies another sample into this one.
     *
     * @param other the sample to copy.
     * @return this.
     */
    public HalSample copyFrom(final HalSample other)
    {
        return set(other.currentARaw, other.currentBRaw, other.electrodeVoltageRaw, other.supplyVoltageRaw,
            other.dacReadbackRaw, other.statusBits, other.sequence);
    }

    public int currentARaw()
    {
        return currentARaw;
    }

    public int currentBRaw()
    {
        return currentBRaw;
    }

    public int electrodeVoltageRaw()
    {
        return electrodeVoltageRaw;
    }

    public int supplyVoltageRaw()
    {
        return supplyVoltageRaw;
    }

    public int dacReadbackRaw()
    {
        return dacReadbackRaw;
    }

    public int statusBits()
    {
        return statusBits;
    }

    public long sequence()
    {
        return sequence;
    }

    /**
     * @param bit a {@link HalStatus} bit.
     * @return whether the bit is set.
     */
    public boolean hasStatus(final int bit)
    {
        return (statusBits & bit) != 0;
    }

    @Override
    public String toString()
    {
        return "HalSample{ia=" + currentARaw + ", ib=" + currentBRaw + ", ve=" + electrodeVoltageRaw +
            ", vs=" + supplyVoltageRaw + ", dacrb=" + dacReadbackRaw + ", status=0x" +
            Integer.toHexString(statusBits) + ", seq=" + sequence + '}';
    }
}
