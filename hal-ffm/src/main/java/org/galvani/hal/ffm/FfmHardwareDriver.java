package org.galvani.hal.ffm;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HardwareDriver;
import org.galvani.hal.jna.NativeLayout;

/**
 * The native C driver behind the {@link HardwareDriver} interface, through the Foreign Function &amp; Memory API
 * (JDK 22+): the same library, header, codes and layout as the JNA binding, without JNA on the tick path.
 *
 * <p>Threading: {@link #sample}, {@link #actuate} and {@link #kick} belong to the control thread. Allocation: the
 * 32-byte native sample block is allocated once at open (an automatic arena, freed with the driver) and read in
 * place; the tick path allocates nothing and throws nothing (codes are returned; a downcall's own failure, which
 * exact-typed handles cannot produce, would be returned as {@link HalErrorCode#NOT_SUPPORTED}).
 */
public class FfmHardwareDriver implements HardwareDriver
{
    // Offsets of the caller-owned blocks (galvani_hal.h: GALVANI_SAMPLE_OFF_*, GALVANI_INFO_*).
    static final int SAMPLE_CURRENT_A = NativeLayout.SAMPLE_CURRENT_A;
    static final int SAMPLE_CURRENT_B = NativeLayout.SAMPLE_CURRENT_B;
    static final int SAMPLE_ELECTRODE_V = NativeLayout.SAMPLE_ELECTRODE_V;
    static final int SAMPLE_SUPPLY_V = NativeLayout.SAMPLE_SUPPLY_V;
    static final int SAMPLE_DAC_READBACK = NativeLayout.SAMPLE_DAC_READBACK;
    static final int SAMPLE_STATUS = NativeLayout.SAMPLE_STATUS;
    static final int SAMPLE_SEQUENCE = NativeLayout.SAMPLE_SEQUENCE;
    static final int SAMPLE_BYTES = NativeLayout.SAMPLE_BYTES;
    static final int INFO_COUNT = NativeLayout.INFO_COUNT;

    private final int handle;
    private final String backend;
    private final HalInfo info;
    private final double limitCurrentUa;
    private final int limitDacCode;
    private final int capabilities;
    /** Critical (no thread transition) downcalls for the sim's pure computation; ordinary ones for iio's I/O. */
    private final boolean critical;
    private final MemorySegment sampleBlock = Arena.ofAuto().allocate(SAMPLE_BYTES, 8);
    private boolean closed;

    /**
     * Opens a backend.
     *
     * @param backend "sim" or "iio".
     * @param config  comma-separated key=value pairs ("" for defaults).
     * @return the open driver.
     * @throws HalException when the library is missing or the backend cannot be opened (code, meaning, detail).
     */
    public static FfmHardwareDriver open(final String backend, final String config)
    {
        return new FfmHardwareDriver(backend, config);
    }

    protected FfmHardwareDriver(final String backend, final String config)
    {
        FfmNative.ensureLoaded();
        if (backend == null || config == null)
        {
            throw new HalException(HalErrorCode.NULL_ARGUMENT, "driver backend and config must not be null");
        }
        final int result;
        try (Arena arena = Arena.ofConfined())
        {
            result = (int)FfmNative.OPEN.invokeExact(arena.allocateFrom(backend), arena.allocateFrom(config));
        }
        catch (final Throwable ex)
        {
            throw new HalException(HalErrorCode.NOT_SUPPORTED, "galvani_hal_open failed: " + ex, ex);
        }
        if (result < 0)
        {
            throw new HalException(result, "cannot open driver '" + backend + "': " + describe(result) +
                detailSuffix());
        }
        this.handle = result;
        this.backend = backend;
        this.critical = "sim".equals(backend);
        final double[] v = readInfo(result);
        this.info = toInfo(result, v);
        this.limitCurrentUa = v[NativeLayout.INFO_LIMIT_CURRENT_UA];
        this.limitDacCode = (int)v[NativeLayout.INFO_LIMIT_DAC_CODE];
        this.capabilities = (int)v[NativeLayout.INFO_CAPABILITIES];
    }

    private static double[] readInfo(final int handle)
    {
        final double[] v = new double[INFO_COUNT];
        final int result;
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment block = arena.allocate(JAVA_DOUBLE, INFO_COUNT);
            result = (int)FfmNative.INFO.invokeExact(handle, block, INFO_COUNT);
            MemorySegment.copy(block, JAVA_DOUBLE, 0, v, 0, INFO_COUNT);
        }
        catch (final Throwable ex)
        {
            close(handle);
            throw new HalException(HalErrorCode.NOT_SUPPORTED, "galvani_hal_info failed: " + ex, ex);
        }
        if (result != HalErrorCode.OK)
        {
            close(handle);
            throw new HalException(result, "cannot read driver info: " + describe(result));
        }
        return v;
    }

    private static HalInfo toInfo(final int handle, final double[] v)
    {
        try
        {
            return NativeLayout.info(v);
        }
        catch (final HalException ex)
        {
            close(handle);
            throw ex;
        }
    }

    static String describe(final int code)
    {
        return HalErrorCode.name(code) + " (" + FfmNative.strerror(code) + ")";
    }

    static String detailSuffix()
    {
        final String detail = FfmNative.lastErrorDetail();
        return detail.isEmpty() ? "" : ": " + detail;
    }

    private static int close(final int handle)
    {
        try
        {
            return (int)FfmNative.CLOSE.invokeExact(handle);
        }
        catch (final Throwable ex)
        {
            return HalErrorCode.NOT_SUPPORTED;
        }
    }

    @Override
    public HalInfo info()
    {
        return info;
    }

    @Override
    public int sample(final HalSample into)
    {
        final int result;
        try
        {
            result = critical ? (int)FfmNative.SAMPLE_CRITICAL.invokeExact(handle, sampleBlock) :
                (int)FfmNative.SAMPLE.invokeExact(handle, sampleBlock);
        }
        catch (final Throwable ex)
        {
            return HalErrorCode.NOT_SUPPORTED;
        }
        if (result == HalErrorCode.OK)
        {
            final MemorySegment b = sampleBlock;
            into.set(b.get(JAVA_INT, SAMPLE_CURRENT_A), b.get(JAVA_INT, SAMPLE_CURRENT_B),
                b.get(JAVA_INT, SAMPLE_ELECTRODE_V), b.get(JAVA_INT, SAMPLE_SUPPLY_V),
                b.get(JAVA_INT, SAMPLE_DAC_READBACK), b.get(JAVA_INT, SAMPLE_STATUS), b.get(JAVA_LONG, SAMPLE_SEQUENCE));
        }
        return result;
    }

    @Override
    public int actuate(final HalCommand command)
    {
        final int polarity = command.polarityReversed() ? 1 : 0;
        final int enable = command.outputEnabled() ? 1 : 0;
        try
        {
            return critical ?
                (int)FfmNative.ACTUATE_CRITICAL.invokeExact(handle, command.dacCode(), polarity, enable,
                    command.dutyPermille()) :
                (int)FfmNative.ACTUATE.invokeExact(handle, command.dacCode(), polarity, enable, command.dutyPermille());
        }
        catch (final Throwable ex)
        {
            return HalErrorCode.NOT_SUPPORTED;
        }
    }

    @Override
    public int kick()
    {
        try
        {
            return critical ? (int)FfmNative.KICK_CRITICAL.invokeExact(handle) : (int)FfmNative.KICK.invokeExact(handle);
        }
        catch (final Throwable ex)
        {
            return HalErrorCode.NOT_SUPPORTED;
        }
    }

    @Override
    public int armSafetyChannel(final double chargeCeilingUc, final boolean polarityReversed)
    {
        if (closed)
        {
            return HalErrorCode.HANDLE;
        }
        try
        {
            return (int)FfmNative.ARM.invokeExact(handle, chargeCeilingUc, polarityReversed ? 1 : 0);
        }
        catch (final Throwable ex)
        {
            return HalErrorCode.NOT_SUPPORTED;
        }
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
        if (closed)
        {
            throw new HalException(HalErrorCode.HANDLE, "the " + backend + " driver is closed");
        }
        final double[] v = new double[NativeLayout.SAFETY_COUNT];
        final int result;
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment block = arena.allocate(JAVA_DOUBLE, NativeLayout.SAFETY_COUNT);
            result = (int)FfmNative.SAFETY.invokeExact(handle, block, NativeLayout.SAFETY_COUNT);
            MemorySegment.copy(block, JAVA_DOUBLE, 0, v, 0, NativeLayout.SAFETY_COUNT);
        }
        catch (final Throwable ex)
        {
            throw new HalException(HalErrorCode.NOT_SUPPORTED, "galvani_hal_safety failed: " + ex, ex);
        }
        if (result != HalErrorCode.OK)
        {
            throw new HalException(result, "cannot read the safety channel: " + describe(result));
        }
        return v;
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
        return FfmNative.lastErrorDetail();
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            close(handle);
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
        return "FfmHardwareDriver{" + backend + ", handle=" + handle + ", " + info + '}';
    }
}
