package org.galvani.hal.binding;

import org.galvani.hal.HardwareDriver;
import org.galvani.hal.jna.GalvaniNative;
import org.galvani.hal.jna.JnaHardwareDriver;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.hal.jna.SimDriver;

/**
 * The JNA direct-mapping binding (the default; JDK 17+).
 */
final class JnaBinding implements HalBinding
{
    static final String NAME = "jna";
    static final JnaBinding INSTANCE = new JnaBinding();

    private JnaBinding()
    {
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String describe()
    {
        return "HAL binding jna (JNA " + com.sun.jna.Native.VERSION + " direct mapping, lib" +
            GalvaniNative.LIBRARY_NAME + ".so, Java " + Runtime.version().feature() + ")";
    }

    @Override
    public HardwareDriver open(final String backend, final String config)
    {
        return JnaHardwareDriver.open(backend, config);
    }

    @Override
    public SimDriver openSim(final String config)
    {
        return JnaSimDriver.open(config);
    }

    @Override
    public int crossEmpty()
    {
        return GalvaniNative.abiVersion();
    }
}
