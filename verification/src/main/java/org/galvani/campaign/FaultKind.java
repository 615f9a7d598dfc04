package org.galvani.campaign;

import java.util.Locale;

import org.galvani.hal.jna.SimChannel;
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
    /**
     * The bus stalls magnitude ms of wall time inside sample and actuate, with the driver's watchdog on (the trial
     * runs with {@code watchdog_ms=}{@link Trial#STALL_WATCHDOG_MS}): races the watchdog against a stalled writer.
     * Opt-in ({@code --faults}): it costs wall time and its outcome depends on the scheduler.
     */
    BUS_STALL(SimFault.BUS_STALL),
    /** The output relay welded closed: the drive must still be zeroed and the controller must trip. Opt-in. */
    RELAY_STUCK(SimFault.RELAY_STUCK),
    /**
     * Actuate alone reports an error after its write was applied (sample unaffected): only the controller's
     * SR-13 reaction in the next tick takes the output away. Opt-in (issue 12: the mutation run's C06).
     */
    ACTUATE_ERROR(SimFault.ACTUATE_ERROR),
    /**
     * The electrode-voltage reading offset by magnitude LSB into the band between the SR-5 compliance limit
     * (1.05 × 60 V) and the converter's rail, or past the rail (an ADC offset on {@code electrode-v}, drawn at
     * ±21,000 … 32,000 LSB of 3.05 mV): compliance and rail checks reached during treatment and with the
     * output off. Opt-in (issue 12: the mutation run's M05, M15).
     */
    ELECTRODE_OFFSET(SimFault.ADC_OFFSET, SimChannel.ELECTRODE_V),
    /**
     * Both current channels frozen at once (a converter or its bus returning the last frame): no channel
     * disagreement shows it, only the stuck-sensor rule and the command plausibility check (SR-7). Opt-in
     * (issue 12: the mutation run's M08).
     */
    CURRENT_STUCK(SimFault.ADC_STUCK, SimChannel.CURRENT_A, SimChannel.CURRENT_B),
    /**
     * The journal refuses every write while active (a full disk, a write error): the controller must trip
     * JOURNAL_FAILURE in the next tick (SR-14). A trial with it runs without a journal of its own (P5 is not
     * checked: the journal is the failing part). Opt-in (issue 12: the mutation run's C07).
     */
    JOURNAL_REFUSAL(null),
    /** Ticks that start magnitude µs after their deadline (lateness input), for each tick of the fault. */
    LATE_TICKS(null),
    /** A stalled control thread: the previous tick took magnitude µs (duration input), for each tick. */
    TICK_STALL(null);

    private final SimFault simFault;
    private final java.util.List<SimChannel> fixedChannels;

    FaultKind(final SimFault simFault, final SimChannel... fixedChannels)
    {
        this.simFault = simFault;
        this.fixedChannels = java.util.List.of(fixedChannels);
    }

    /**
     * The opt-in kinds that target the checks no default kind reaches on its own (docs/qa-campaign.md, "Teeth"):
     * {@link #BUS_STALL}, {@link #RELAY_STUCK}, {@link #ACTUATE_ERROR}, {@link #ELECTRODE_OFFSET},
     * {@link #CURRENT_STUCK}, {@link #JOURNAL_REFUSAL}.
     *
     * @return every kind, the defaults first in their order, then the opt-in kinds (the mutation run's set).
     */
    public static java.util.List<FaultKind> all()
    {
        final java.util.List<FaultKind> kinds = defaults();
        for (final FaultKind kind : values())
        {
            if (!kinds.contains(kind))
            {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /**
     * The kinds a campaign draws from when none are named: every kind but the native-driver races
     * ({@link #BUS_STALL}, {@link #RELAY_STUCK}), which are named with {@code --faults}. Keeping this set fixed
     * keeps every published reproducer (seed, trial index) valid.
     *
     * @return the default kinds, in declaration order.
     */
    public static java.util.List<FaultKind> defaults()
    {
        final java.util.List<FaultKind> kinds = new java.util.ArrayList<>(java.util.List.of(values()));
        kinds.remove(BUS_STALL);
        kinds.remove(RELAY_STUCK);
        kinds.remove(ACTUATE_ERROR);
        kinds.remove(ELECTRODE_OFFSET);
        kinds.remove(CURRENT_STUCK);
        kinds.remove(JOURNAL_REFUSAL);
        return kinds;
    }

    /**
     * @return the sim's fault, or null for a timing fault or {@link #JOURNAL_REFUSAL}.
     */
    public SimFault simFault()
    {
        return simFault;
    }

    /**
     * @return the ADC channels a per-channel sim fault is fixed to by this kind ({@link #ELECTRODE_OFFSET},
     *         {@link #CURRENT_STUCK}), else empty.
     */
    public java.util.List<SimChannel> fixedChannels()
    {
        return fixedChannels;
    }

    /**
     * @return whether this is a timing fault (an input of the tick, not of the sim).
     */
    public boolean timing()
    {
        return this == LATE_TICKS || this == TICK_STALL;
    }

    /**
     * @return whether the fault needs an ADC channel of its own (a per-channel sim fault not fixed by the kind).
     */
    public boolean perChannel()
    {
        return simFault != null && simFault.perChannel() && fixedChannels.isEmpty();
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
