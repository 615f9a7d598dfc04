package org.galvani.hal;

/**
 * Status bits of {@link HalSample#statusBits()}; the same values as {@code GALVANI_STATUS_*} in
 * {@code galvani_hal.h}.
 */
public final class HalStatus
{
    /** The output relay is actually closed. */
    public static final int OUTPUT_ENABLED = 1;
    /** The polarity relay is in the reversed position. */
    public static final int POLARITY_REVERSED = 1 << 1;
    /** The output stage is at its compliance voltage. */
    public static final int COMPLIANCE = 1 << 2;
    /** The driver's watchdog disabled the output; cleared by an actuation with the output disabled. */
    public static final int WATCHDOG_TRIPPED = 1 << 3;
    /** Some ADC channel is at a rail of its range. */
    public static final int ADC_OVERRANGE = 1 << 4;
    /** The output is pulsed (duty below 1000 permille). */
    public static final int PULSED = 1 << 5;
    /**
     * The driver's independent safety channel (SR-18) opened the output on a breach of its hard limits
     * (current, DAC code or session charge) and keeps it open until the next session is armed.
     */
    public static final int SAFETY_LATCHED = 1 << 6;

    private HalStatus()
    {
    }
}
