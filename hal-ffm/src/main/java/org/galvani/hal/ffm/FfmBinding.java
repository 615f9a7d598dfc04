package org.galvani.hal.ffm;

import org.galvani.hal.HardwareDriver;
import org.galvani.hal.binding.HalBinding;
import org.galvani.hal.jna.SimDriver;

/**
 * The Foreign Function &amp; Memory binding (JDK 22+), chosen with {@code -Dgalvani.hal.binding=ffm}
 * (decisions.md ADR-20). Found by name by {@link HalBinding#named(String)}.
 */
public final class FfmBinding implements HalBinding
{
    private static final FfmBinding INSTANCE = new FfmBinding();

    private FfmBinding()
    {
    }

    /**
     * @return the binding (loads and self-tests the library on first use).
     */
    public static FfmBinding instance()
    {
        return INSTANCE;
    }

    @Override
    public String name()
    {
        return "ffm";
    }

    @Override
    public String describe()
    {
        return "HAL binding ffm (java.lang.foreign, " + FfmNative.library() + ", Java " + Runtime.version() + ")";
    }

    @Override
    public HardwareDriver open(final String backend, final String config)
    {
        return FfmHardwareDriver.open(backend, config);
    }

    @Override
    public SimDriver openSim(final String config)
    {
        return FfmSimDriver.open(config);
    }

    @Override
    public int crossEmpty()
    {
        FfmNative.ensureLoaded();
        try
        {
            return (int)FfmNative.VERSION_CRITICAL.invokeExact();
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("galvani_hal_version failed", ex);
        }
    }
}
