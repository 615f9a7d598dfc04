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
 * <p>Threading: {@link #sample}, {@link #actuate}, {@link #kick} and {@link #armSafetyChannel} belong to the
 * control thread. Allocation: the 32-byte native sample block is allocated once at open and read in place
 * with primitive getters; the tick path allocates nothing and throws nothing (codes are returned).
 *
 * <p>After {@link #close()} every call is refused ({@link HalErrorCode#HANDLE}, or a {@link HalException} for
 * the set-up calls) without reaching the library, so a closed driver can never act on a handle slot the
 * library has since given to another open (the library also refuses stale handles by their generation).
 */
public class JnaHardwareDriver implements HardwareDriver
{
    private final int handle;
    private final String backend;
    private final HalInfo info;
    private final Memory sampleBlock = new Memory(NativeLayout.SAMPLE_BYTES);
    private final double limitCurrentUa;
    private final int limitDacCode;
    private final int capabilities;
    private boolean closed;

    /** Capability bit: a polarity relay with read-back ({@code GALVANI_CAP_POLARITY_REVERSAL}). */
    public static final int CAP_POLARITY_REVERSAL = 1;
    /** Capability bit: the output stage can pulse ({@code GALVANI_CAP_PULSED}). */
    public static final int CAP_PULSED = 2;
    /** Capability bit: the watchdog thread polls the current sense itself ({@code GALVANI_CAP_SAFETY_POLL}). */
    public static final int CAP_SAFETY_POLL = 4;

    /**
     * The configuration entry that gives the driver's independent safety channel (SR-18) the device's absolute
     * current limit, to append to a backend configuration.
     *
     * @param absoluteLimitUa the device's absolute limit (µA), the same the monitor's HARD_LIMIT uses.
     * @return e.g. {@code "limit_current_ua=35000.0"}.
     */
    public static String safetyLimitConfig(final double absoluteLimitUa)
    {
        return "limit_current_ua=" + absoluteLimitUa;
    }

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
        final double[] v = readInfo(result);
        this.info = toInfo(result, v);
        this.limitCurrentUa = v[NativeLayout.INFO_LIMIT_CURRENT_UA];
        this.limitDacCode = (int)v[NativeLayout.INFO_LIMIT_DAC_CODE];
        this.capabilities = (int)v[NativeLayout.INFO_CAPABILITIES];
    }

    private static double[] readInfo(final int handle)
    {
        final Memory block = new Memory(NativeLayout.INFO_COUNT * Double.BYTES);
        final int result = GalvaniNative.galvani_hal_info(handle, block, NativeLayout.INFO_COUNT);
        if (result != HalErrorCode.OK)
        {
            GalvaniNative.galvani_hal_close(handle);
            throw new HalException(result, "cannot read driver info: " + describe(result));
        }
        return block.getDoubleArray(0, NativeLayout.INFO_COUNT);
    }

    private static HalInfo toInfo(final int handle, final double[] v)
    {
        try
        {
            return NativeLayout.info(v);
        }
        catch (final HalException ex)
        {
            GalvaniNative.galvani_hal_close(handle);
            throw ex;
        }
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
        if (closed)
        {
            return HalErrorCode.HANDLE;
        }
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
        if (closed)
        {
            return HalErrorCode.HANDLE;
        }
        return GalvaniNative.galvani_hal_actuate(handle, command.dacCode(), command.polarityReversed() ? 1 : 0,
            command.outputEnabled() ? 1 : 0, command.dutyPermille());
    }

    @Override
    public int kick()
    {
        if (closed)
        {
            return HalErrorCode.HANDLE;
        }
        return GalvaniNative.galvani_hal_kick(handle);
    }

    @Override
    public int armSafetyChannel(final double chargeCeilingUc, final boolean polarityReversed)
    {
        if (closed)
        {
            return HalErrorCode.HANDLE;
        }
        return GalvaniNative.galvani_hal_arm(handle, chargeCeilingUc, polarityReversed ? 1 : 0);
    }

    /**
     * Reads the independent safety channel's state (allocates: diagnostics and tests, not the tick path).
     *
     * @return {cause (0 none, 1 current, 2 DAC code, 3 charge), measured, limit, session charge µC, ceiling µC,
     *         breaches since open, 0, 0}.
     * @throws HalException when closed or refused.
     */
    public double[] safetyState()
    {
        requireOpen();
        final Memory block = new Memory(NativeLayout.SAFETY_COUNT * Double.BYTES);
        final int result = GalvaniNative.galvani_hal_safety(handle, block, NativeLayout.SAFETY_COUNT);
        if (result != HalErrorCode.OK)
        {
            throw new HalException(result, "cannot read the safety channel: " + describe(result));
        }
        return block.getDoubleArray(0, NativeLayout.SAFETY_COUNT);
    }

    /**
     * @return the safety channel's absolute current limit (µA), from the configuration at open.
     */
    public double limitCurrentUa()
    {
        return limitCurrentUa;
    }

    /**
     * @return the largest DAC code the safety channel accepts.
     */
    public int limitDacCode()
    {
        return limitDacCode;
    }

    /**
     * @return the {@code CAP_*} bits of the hardware.
     */
    public int capabilities()
    {
        return capabilities;
    }

    /**
     * @return whether {@link #close()} has run.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @throws HalException ({@link HalErrorCode#HANDLE}) when the driver is closed.
     */
    protected void requireOpen()
    {
        if (closed)
        {
            throw new HalException(HalErrorCode.HANDLE, "the " + backend + " driver is closed");
        }
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
