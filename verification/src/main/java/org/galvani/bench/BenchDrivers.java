package org.galvani.bench;

import org.galvani.hal.HardwareDriver;
import org.galvani.hal.binding.HalBinding;

/**
 * Opens the native sim through the configured binding ({@code -Dgalvani.hal.binding=jna|ffm}, JNA by default)
 * for the benchmarks, and names it for their banners.
 */
final class BenchDrivers
{
    private BenchDrivers()
    {
    }

    static HardwareDriver openSim(final String config)
    {
        return HalBinding.configured().openSim(config);
    }

    static String bindingName()
    {
        return HalBinding.configured().describe();
    }
}
