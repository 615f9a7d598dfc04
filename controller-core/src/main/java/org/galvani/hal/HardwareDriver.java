package org.galvani.hal;

/**
 * A DAC/ADC driver: the only way the controller touches the current source.
 *
 * <p>Threading: {@link #sample(HalSample)}, {@link #actuate(HalCommand)} and {@link #kick()} are called
 * by the control thread only. Allocation and blocking: those three never allocate, never lock and never
 * throw; they return {@link HalErrorCode#OK} or a negative {@link HalErrorCode}. A hardware driver's calls
 * are bus transfers that may take as long as the bus takes (the native iio backend: one pread/pwrite per
 * channel); the native driver's watchdog and independent safety channel (SR-9, SR-18) cover a stalled call. {@link #info()},
 * {@link #describeError(int)} and {@link #close()} are for set-up and tear-down.
 */
public interface HardwareDriver extends AutoCloseable
{
    /**
     * @return the converter scales and ranges, read once at open.
     */
    HalInfo info();

    /**
     * Samples every channel once.
     *
     * @param into the reusable sample to fill.
     * @return {@link HalErrorCode#OK} or a negative code (the sample is then undefined).
     */
    int sample(HalSample into);

    /**
     * Applies DAC code, polarity, output-enable and duty in one call and kicks the watchdog.
     *
     * @param command the reusable command.
     * @return {@link HalErrorCode#OK} or a negative code.
     */
    int actuate(HalCommand command);

    /**
     * Kicks the driver watchdog without actuating.
     *
     * @return {@link HalErrorCode#OK} or a negative code.
     */
    int kick();

    /**
     * Arms the driver's independent safety channel for a session (SR-18): the session charge ceiling it
     * enforces by itself, and whether the session needs reversed polarity (refused, with a code, by hardware
     * that has no polarity relay with read-back). Also clears the channel's latch. Called by the control
     * thread when a prescription is armed, and with {@code (0, false)} when a session ends.
     *
     * <p>The default, for drivers without an independent channel (replay, test doubles), accepts and does
     * nothing. Allocation: none.
     *
     * @param chargeCeilingUc   session charge ceiling (µC, both polarities), 0 for none.
     * @param polarityReversed  whether the session needs the reversed polarity.
     * @return {@link HalErrorCode#OK} or a negative code.
     */
    default int armSafetyChannel(final double chargeCeilingUc, final boolean polarityReversed)
    {
        return HalErrorCode.OK;
    }

    /**
     * @param code a code returned by this driver.
     * @return a clear message for it (allocates: not for the tick path).
     */
    String describeError(int code);

    /**
     * Disables the output and releases the driver. Idempotent.
     */
    @Override
    void close();
}
