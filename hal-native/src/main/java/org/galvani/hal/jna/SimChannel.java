package org.galvani.hal.jna;

import java.util.Locale;

/**
 * ADC channels of the sample block (the {@code GALVANI_CH_*} indices), for channel faults.
 */
public enum SimChannel
{
    /** Current sense A. */
    CURRENT_A,
    /** Current sense B (redundant). */
    CURRENT_B,
    /** Electrode voltage. */
    ELECTRODE_V,
    /** Supply voltage. */
    SUPPLY_V,
    /** DAC read-back. */
    DAC_READBACK;

    /**
     * @return the native channel index.
     */
    public int index()
    {
        return ordinal();
    }

    /**
     * @param name e.g. {@code current-a}.
     * @return the channel.
     * @throws IllegalArgumentException naming the valid channels.
     */
    public static SimChannel fromName(final String name)
    {
        final String normalised = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final SimChannel channel : values())
        {
            if (channel.name().equals(normalised))
            {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel '" + name +
            "' (known: current-a, current-b, electrode-v, supply-v, dac-readback)");
    }
}
