package org.galvani.bench;

import org.galvani.hal.HardwareDriver;
import org.galvani.hal.jna.JnaSimDriver;

/**
 * Opens the native sim through the configured binding for the benchmarks.
 */
final class BenchDrivers
{
    private BenchDrivers()
    {
    }

    static HardwareDriver openSim(final String config)
    {
        return JnaSimDriver.open(config);
    }

    static String bindingName()
    {
        return "jna";
    }
}
