package org.galvani.hal.jna;

import java.util.Locale;

/**
 * Fault kinds of the native sim (the {@code GALVANI_FAULT_*} codes), with the names the command line
 * uses ({@code open-circuit}, {@code adc-stuck}, ...).
 */
public enum SimFault
{
    /** Load disconnected (hand out of the water); reconnects at the end. */
    OPEN_CIRCUIT(1, false),
    /** Load replaced by magnitude ohms (≤ 0: 5 Ω). */
    SHORT(2, false),
    /** ADC channel frozen at its code at onset. */
    ADC_STUCK(3, true),
    /** ADC channel offset by magnitude LSB. */
    ADC_OFFSET(4, true),
    /** ADC channel with extra Gaussian noise, sigma = magnitude LSB. */
    ADC_NOISY(5, true),
    /** ADC channel at its positive rail (negative rail if magnitude &lt; 0). */
    ADC_OUT_OF_RANGE(6, true),
    /** Current channel B scaled by magnitude. */
    CHANNEL_DISAGREE(7, false),
    /** DAC output frozen at its value at onset. */
    DAC_STUCK(8, false),
    /** DAC output slews at most magnitude codes per step. */
    DAC_SLEW(9, false),
    /** Supply (and so compliance) scaled by magnitude. */
    SUPPLY_SAG(10, false),
    /** Sample and actuate return the code magnitude (≥ 0: E_INJECTED). */
    DRIVER_ERROR(11, false),
    /** Series resistance plus magnitude ohms. */
    LOAD_STEP(12, false),
    /** Skin resistance drifting by magnitude ohms per simulated second. */
    LOAD_DRIFT(13, false),
    /**
     * The bus stalls: sample and actuate block magnitude ms of wall time inside the driver (actuate: after its
     * checks, before its writes), as a slow SPI/I²C transfer would; the watchdog keeps running.
     */
    BUS_STALL(14, false),
    /** The output relay welded closed: enable=0, the watchdog and the safety channel can only zero the drive. */
    RELAY_STUCK(15, false),
    /**
     * Actuate alone returns the code magnitude (≥ 0: E_INJECTED) after its write was applied (a write whose
     * verification failed); sample is unaffected, so only the controller's SR-13 reaction takes the output away.
     */
    ACTUATE_ERROR(16, false);

    private final int code;
    private final boolean perChannel;

    SimFault(final int code, final boolean perChannel)
    {
        this.code = code;
        this.perChannel = perChannel;
    }

    /**
     * @return the native fault code.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return whether the fault applies to one ADC channel.
     */
    public boolean perChannel()
    {
        return perChannel;
    }

    /**
     * @return the command-line name, e.g. {@code open-circuit}.
     */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name a command-line name ({@code open-circuit}) or enum name ({@code OPEN_CIRCUIT}).
     * @return the fault kind.
     * @throws IllegalArgumentException naming the valid kinds.
     */
    public static SimFault fromName(final String name)
    {
        final String normalised = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final SimFault fault : values())
        {
            if (fault.name().equals(normalised))
            {
                return fault;
            }
        }
        final StringBuilder known = new StringBuilder();
        for (final SimFault fault : values())
        {
            known.append(known.length() == 0 ? "" : ", ").append(fault.cliName());
        }
        throw new IllegalArgumentException("unknown fault kind '" + name + "' (known: " + known + ")");
    }
}
