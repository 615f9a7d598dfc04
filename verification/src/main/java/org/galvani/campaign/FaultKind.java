package org.galvani.campaign;

import java.util.Locale;

import org.galvani.hal.jna.SimFault;

/**
 * What a {@link ScheduledFault} does: every fault kind of the native sim (injected through
 * {@code SimDriver.inject}) plus the timing faults the controller sees as inputs of
 * {@code Controller.tick(...)}: a run of late ticks and a stalled control thread.
 *
 * <p>Threading: immutable. Allocation: none.
 */
public enum FaultKind
{
    /** Hand out of the water; reconnects at the end. */
    OPEN_CIRCUIT(SimFault.OPEN_CIRCUIT),
    /** Load replaced by magnitude ohms. */
    SHORT(SimFault.SHORT),
    /** ADC channel frozen. */
    ADC_STUCK(SimFault.ADC_STUCK),
    /** ADC channel offset by magnitude LSB. */
    ADC_OFFSET(SimFault.ADC_OFFSET),
    /** ADC channel with Gaussian noise of magnitude LSB. */
    ADC_NOISY(SimFault.ADC_NOISY),
    /** ADC channel at a rail. */
    ADC_OUT_OF_RANGE(SimFault.ADC_OUT_OF_RANGE),
    /** Current channel B scaled by magnitude. */
    CHANNEL_DISAGREE(SimFault.CHANNEL_DISAGREE),
    /** DAC frozen. */
    DAC_STUCK(SimFault.DAC_STUCK),
    /** DAC slewing at most magnitude codes a step. */
    DAC_SLEW(SimFault.DAC_SLEW),
    /** Supply scaled by magnitude. */
    SUPPLY_SAG(SimFault.SUPPLY_SAG),
    /** Sample and actuate return an error code. */
    DRIVER_ERROR(SimFault.DRIVER_ERROR),
    /** Series resistance plus magnitude ohms. */
    LOAD_STEP(SimFault.LOAD_STEP),
    /** Skin resistance drifting by magnitude ohms a simulated second. */
    LOAD_DRIFT(SimFault.LOAD_DRIFT),
    /** Ticks that start magnitude µs after their deadline (lateness input), for each tick of the fault. */
    LATE_TICKS(null),
    /** A stalled control thread: the previous tick took magnitude µs (duration input), for each tick. */
    TICK_STALL(null);

    private final SimFault simFault;

    FaultKind(final SimFault simFault)
    {
        this.simFault = simFault;
    }

    /**
     * @return the sim's fault, or null for a timing fault.
     */
    public SimFault simFault()
    {
        return simFault;
    }

    /**
     * @return whether this is a timing fault (an input of the tick, not of the sim).
     */
    public boolean timing()
    {
        return simFault == null;
    }

    /**
     * @return whether the fault needs an ADC channel.
     */
    public boolean perChannel()
    {
        return simFault != null && simFault.perChannel();
    }

    /**
     * @return the command-line name ({@code open-circuit}, {@code late-ticks}).
     */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name a command-line or enum name.
     * @return the kind.
     * @throws IllegalArgumentException naming the known kinds.
     */
    public static FaultKind fromName(final String name)
    {
        final String normalised = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final FaultKind kind : values())
        {
            if (kind.name().equals(normalised))
            {
                return kind;
            }
        }
        final StringBuilder known = new StringBuilder();
        for (final FaultKind kind : values())
        {
            known.append(known.length() == 0 ? "" : ", ").append(kind.cliName());
        }
        throw new IllegalArgumentException("unknown fault class '" + name + "' (known: " + known + ")");
    }
}
