package org.galvani.hal.jna;

import com.sun.jna.Memory;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HardwareDriver;

/**
 * The native C driver behind the {@link HardwareDriver} interface, through JNA direct mapping.
 *
 * <p>Threading: {@link #sample}, {@link #actuate} and {@link #kick} belong to the control thread.
 * Allocation: the 32-byte native sample block is allocated once at open and read in place with
 * primitive getters; the tick path allocates nothing and throws nothing (codes are returned).
 */
public class JnaHardwareDriver implements HardwareDriver
{
    private final int handle;
    private final String backend;
    private final HalInfo info;
    private final Memory sampleBlock = new Memory(NativeLayout.SAMPLE_BYTES);
    private boolean closed;

    /**
     * Opens a backend.
     *
     * @param backend "sim" or "iio".
     * @param config  comma-separated key=value pairs ("" for defaults).
     * @return the open driver.
     * @throws HalException when the library is missing or the backend cannot be opened (the message
     *                      carries the driver's code, its meaning and its detail).
     */
    public static JnaHardwareDriver open(final String backend, final String config)
    {
        return new JnaHardwareDriver(backend, config);
    }

    protected JnaHardwareDriver(final String backend, final String config)
    {
        GalvaniNative.ensureLoaded();
        if (backend == null || config == null)
        {
            throw new HalException(HalErrorCode.NULL_ARGUMENT, "driver backend and config must not be null");
        }
        final int result = GalvaniNative.galvani_hal_open(backend, config);
        if (result < 0)
        {
            throw new HalException(result, "cannot open driver '" + backend + "': " + describe(result) +
                detailSuffix());
        }
        this.handle = result;
        this.backend = backend;
        this.info = readInfo(result);
    }

    private static HalInfo readInfo(final int handle)
    {
        final Memory block = new Memory(NativeLayout.INFO_COUNT * Double.BYTES);
        final int result = GalvaniNative.galvani_hal_info(handle, block, NativeLayout.INFO_COUNT);
        if (result != HalErrorCode.OK)
        {
            GalvaniNative.galvani_hal_close(handle);
            throw new HalException(result, "cannot read driver info: " + describe(result));
        }
        final double[] v = block.getDoubleArray(0, NativeLayout.INFO_COUNT);
        return new HalInfo(
            (int)v[NativeLayout.INFO_ABI_VERSION],
            (int)v[NativeLayout.INFO_BACKEND],
            v[NativeLayout.INFO_CURRENT_A_UA_PER_LSB],
            v[NativeLayout.INFO_CURRENT_B_UA_PER_LSB],
            v[NativeLayout.INFO_ELECTRODE_MV_PER_LSB],
            v[NativeLayout.INFO_SUPPLY_MV_PER_LSB],
            v[NativeLayout.INFO_READBACK_CODES_PER_LSB],
            v[NativeLayout.INFO_DAC_UA_PER_CODE],
            (int)v[NativeLayout.INFO_DAC_MAX_CODE],
            (int)v[NativeLayout.INFO_ADC_MIN_CODE],
            (int)v[NativeLayout.INFO_ADC_MAX_CODE],
            (int)v[NativeLayout.INFO_STEP_US],
            (int)v[NativeLayout.INFO_WATCHDOG_MS],
            v[NativeLayout.INFO_COMPLIANCE_MV]);
    }

    static String describe(final int code)
    {
        return HalErrorCode.name(code) + " (" + GalvaniNative.galvani_hal_strerror(code) + ")";
    }

    static String detailSuffix()
    {
        final Memory buffer = new Memory(NativeLayout.DETAIL_BYTES);
        final int length = GalvaniNative.galvani_hal_last_error_detail(buffer, NativeLayout.DETAIL_BYTES);
        return length > 0 ? ": " + buffer.getString(0) : "";
    }

    @Override
    public HalInfo info()
    {
        return info;
    }

    @Override
    public int sample(final HalSample into)
    {
        final int result = GalvaniNative.galvani_hal_sample(handle, sampleBlock);
        if (result == HalErrorCode.OK)
        {
            into.set(
                sampleBlock.getInt(NativeLayout.SAMPLE_CURRENT_A),
                sampleBlock.getInt(NativeLayout.SAMPLE_CURRENT_B),
                sampleBlock.getInt(NativeLayout.SAMPLE_ELECTRODE_V),
                sampleBlock.getInt(NativeLayout.SAMPLE_SUPPLY_V),
                sampleBlock.getInt(NativeLayout.SAMPLE_DAC_READBACK),
                sampleBlock.getInt(NativeLayout.SAMPLE_STATUS),
                sampleBlock.getLong(NativeLayout.SAMPLE_SEQUENCE));
        }
        return result;
    }

    @Override
    public int actuate(final HalCommand command)
    {
        return GalvaniNative.galvani_hal_actuate(handle, command.dacCode(), command.polarityReversed() ? 1 : 0,
            command.outputEnabled() ? 1 : 0, command.dutyPermille());
    }

    @Override
    public int kick()
    {
        return GalvaniNative.galvani_hal_kick(handle);
    }

    @Override
    public String describeError(final int code)
    {
        return describe(code);
    }

    /**
     * @return the detail of the latest failure on the calling thread (allocates).
     */
    public String lastErrorDetail()
    {
        final String suffix = detailSuffix();
        return suffix.isEmpty() ? "" : suffix.substring(2);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            GalvaniNative.galvani_hal_close(handle);
        }
    }

    /**
     * @return the native handle (diagnostics).
     */
    public int handle()
    {
        return handle;
    }

    /**
     * @return the backend name.
     */
    public String backend()
    {
        return backend;
    }

    @Override
    public String toString()
    {
        return "JnaHardwareDriver{" + backend + ", handle=" + handle + ", " + info + '}';
    }
}
