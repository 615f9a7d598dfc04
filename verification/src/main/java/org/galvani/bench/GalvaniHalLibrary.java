package org.galvani.bench;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.galvani.hal.jna.GalvaniNative;

/**
 * A JNA <em>interface</em> mapping of the same C functions that {@link GalvaniNative} maps directly: for
 * {@link HalCallBenchmark} only, to measure what the production path (direct mapping) saves. Never use
 * it on the tick path: every call goes through a reflective proxy, boxes its arguments and allocates.
 */
public interface GalvaniHalLibrary extends Library
{
    /**
     * Loads the same {@code libgalvani_hal.so} the direct mapping uses (from the hal-native jar).
     *
     * @return the interface-mapped library.
     */
    static GalvaniHalLibrary load()
    {
        return Native.load(GalvaniNative.LIBRARY_NAME, GalvaniHalLibrary.class);
    }

    /**
     * @param backend "sim" or "iio".
     * @param config  key=value pairs.
     * @return a handle, or a negative code.
     */
    int galvani_hal_open(String backend, String config);

    /**
     * @param handle driver handle.
     * @param out    32-byte sample block.
     * @return 0 or a negative code.
     */
    int galvani_hal_sample(int handle, Pointer out);

    /**
     * @param handle       driver handle.
     * @param dacCode      DAC code.
     * @param polarity     0 normal, 1 reversed.
     * @param outputEnable 0 or 1.
     * @param dutyPermille 1..1000.
     * @return 0 or a negative code.
     */
    int galvani_hal_actuate(int handle, int dacCode, int polarity, int outputEnable, int dutyPermille);

    /**
     * @param handle driver handle.
     * @return 0 or a negative code.
     */
    int galvani_hal_close(int handle);
}
