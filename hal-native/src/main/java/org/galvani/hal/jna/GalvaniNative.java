package org.galvani.hal.jna;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.galvani.hal.HalException;

/**
 * JNA direct mapping of {@code galvani_hal.h}: {@code static native} methods with primitive and
 * {@link Pointer} arguments, registered once with {@link Native#register(Class, NativeLibrary)}.
 * A sample plus an actuate cost about a third of the same pair through interface mapping and allocate
 * nothing, against 160 B per pair for interface mapping ({@code HalCallBenchmark}, README, Performance), so
 * interface mapping is never used on the tick path (docs/decisions.md, ADR-1).
 *
 * <p>Loading never fails at class initialisation: a failure is kept and reported by
 * {@link #ensureLoaded()} at first use, with what is missing and how to build it (square/jna-gmp
 * style). After a successful load a known-answer self-test checks the ABI version, and a layout self-test
 * compares the block sizes and offsets the library reports with {@link NativeLayout}.
 *
 * <p>Threading: the natives follow the C header's rules (one control thread per handle).
 */
public final class GalvaniNative
{
    /** Library name: {@code libgalvani_hal.so}, shipped in the hal-native jar under {@code linux-x86-64/}. */
    public static final String LIBRARY_NAME = "galvani_hal";
    /** ABI version this binding was written for: (major << 16) | minor. */
    public static final int EXPECTED_ABI_VERSION = (1 << 16) | 1;

    private static final Throwable LOAD_FAILURE = load(LIBRARY_NAME);

    private GalvaniNative()
    {
    }

    static Throwable load(final String libraryName)
    {
        try
        {
            Native.register(GalvaniNative.class, NativeLibrary.getInstance(libraryName));
        }
        catch (final Throwable ex)
        {
            return ex;
        }
        try
        {
            final int version = galvani_hal_version();
            if (version != EXPECTED_ABI_VERSION)
            {
                return new IllegalStateException("native driver ABI version " + versionText(version) +
                    " does not match the Java binding's " + versionText(EXPECTED_ABI_VERSION));
            }
            final String layout = checkLayout();
            if (layout != null)
            {
                return new IllegalStateException(layout);
            }
        }
        catch (final Throwable ex)
        {
            return ex;
        }
        return null;
    }

    /**
     * The layout self-test: the sizes and offsets the library was built with against {@link NativeLayout}.
     *
     * @return null when they match, else the clear message.
     */
    static String checkLayout()
    {
        try (Memory block = new Memory((long)NativeLayout.LAYOUT_COUNT * Integer.BYTES))
        {
            final int count = galvani_hal_layout(block, NativeLayout.LAYOUT_COUNT);
            if (count < 0)
            {
                return "native driver layout self-test failed with code " + count;
            }
            return NativeLayout.mismatch(block.getIntArray(0, count));
        }
    }

    static String versionText(final int version)
    {
        return (version >>> 16) + "." + (version & 0xFFFF);
    }

    /**
     * @param libraryName the library that failed.
     * @param failure     why.
     * @return the clear message: what is missing and how to build it.
     */
    static String loadFailureMessage(final String libraryName, final Throwable failure)
    {
        return "the native HAL driver lib" + libraryName + ".so (linux-x86-64) could not be loaded (" +
            failure.getMessage() + "); it is built by the hal-native module: run './mvnw -pl hal-native -am " +
            "package' (needs gcc: 'apt-get install -y gcc') and put hal-native's jar (or its target/classes) on " +
            "the classpath, or point -Djna.library.path at the folder holding lib" + libraryName + ".so";
    }

    /**
     * @return {@code galvani_hal_version()}: the emptiest call into the library (the crossing's own cost, for
     *         benchmarks). Any thread; allocates nothing.
     * @throws HalException when the library cannot be loaded.
     */
    public static int abiVersion()
    {
        ensureLoaded();
        return galvani_hal_version();
    }

    /**
     * Throws the kept load failure, if any, as a clear {@link HalException}.
     *
     * @throws HalException when the library could not be loaded or failed its self-test.
     */
    public static void ensureLoaded()
    {
        if (LOAD_FAILURE != null)
        {
            throw new HalException(0, loadFailureMessage(LIBRARY_NAME, LOAD_FAILURE), LOAD_FAILURE);
        }
    }

    /**
     * @return whether the driver loaded and passed its self-test.
     */
    public static boolean isLoaded()
    {
        return LOAD_FAILURE == null;
    }

    // ---- the C ABI, one to one -----------------------------------------------------------------

    static native int galvani_hal_version();

    static native String galvani_hal_strerror(int code);

    static native int galvani_hal_last_error_detail(Pointer buf, int len);

    static native int galvani_hal_open(String backend, String config);

    static native int galvani_hal_info(int handle, Pointer info, int len);

    static native int galvani_hal_sample(int handle, Pointer out);

    static native int galvani_hal_actuate(int handle, int dacCode, int polarity, int outputEnable, int dutyPermille);

    static native int galvani_hal_kick(int handle);

    static native int galvani_hal_close(int handle);

    static native int galvani_hal_arm(int handle, double chargeCeilingUc, int polarityReversed);

    static native int galvani_hal_safety(int handle, Pointer out, int len);

    static native int galvani_hal_layout(Pointer out, int len);

    static native int galvani_sim_inject(
        int handle, int kind, int channel, long onsetStep, long durationSteps, double magnitude);

    static native int galvani_sim_clear_faults(int handle);

    static native int galvani_sim_truth(int handle, Pointer out, int len);
}
