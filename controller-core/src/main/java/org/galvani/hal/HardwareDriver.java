package org.galvani.hal;

/**
 * A DAC/ADC driver: the only way the controller touches the current source.
 *
 * <p>Threading: {@link #sample(HalSample)}, {@link #actuate(HalCommand)} and {@link #kick()} are called
 * by the control thread only. Allocation and blocking: those three never allocate, never lock and never
 * throw; they return {@link HalErrorCode#OK} or a negative {@link HalErrorCode}. {@link #info()},
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
