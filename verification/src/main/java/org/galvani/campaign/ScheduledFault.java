package org.galvani.campaign;

import java.util.Locale;

import org.galvani.hal.jna.SimChannel;

/**
 * One fault of a {@link FaultSchedule}: what, on which ADC channel (per-channel sim faults only), from
 * which tick, for how many ticks ({@link #PERMANENT}: to the end), and how strong. One tick is one sim
 * step and, at 1 kHz, one millisecond, so a fault renders as a {@code galvani simulate --fault} spec
 * ({@link FaultSpec#SYNTAX}) with ms = ticks.
 *
 * <p>Threading: immutable. Allocation: only when rendered or derived.
 *
 * @param kind          the fault.
 * @param channel       the ADC channel of a per-channel fault, else null.
 * @param onsetTick     first tick (sim step) of the fault.
 * @param durationTicks ticks it lasts, or {@link #PERMANENT}.
 * @param magnitude     kind-specific magnitude (the sim's; µs for the timing faults).
 */
public record ScheduledFault(FaultKind kind, SimChannel channel, long onsetTick, long durationTicks, double magnitude)
{
    /** Duration of a fault that lasts to the end of the trial. */
    public static final long PERMANENT = -1;

    /**
     * Validates the fault.
     */
    public ScheduledFault
    {
        if (kind == null)
        {
            throw new IllegalArgumentException("fault kind is missing");
        }
        if (kind.perChannel() != (channel != null))
        {
            throw new IllegalArgumentException(kind.cliName() + (kind.perChannel() ? " needs" : " takes no") +
                " ADC channel");
        }
        if (onsetTick < 0 || durationTicks == 0 || durationTicks < PERMANENT || !Double.isFinite(magnitude))
        {
            throw new IllegalArgumentException("fault " + kind.cliName() + " onset " + onsetTick + " duration " +
                durationTicks + " magnitude " + magnitude + " is out of range");
        }
    }

    /**
     * @param tick a tick.
     * @return whether the fault is active in that tick.
     */
    public boolean activeAt(final long tick)
    {
        return tick >= onsetTick && (durationTicks == PERMANENT || tick < onsetTick + durationTicks);
    }

    /**
     * @return the same fault with another duration.
     * @param ticks the new duration.
     */
    public ScheduledFault withDuration(final long ticks)
    {
        return new ScheduledFault(kind, channel, onsetTick, ticks, magnitude);
    }

    /**
     * @return the same fault at another onset.
     * @param tick the new onset.
     */
    public ScheduledFault withOnset(final long tick)
    {
        return new ScheduledFault(kind, channel, tick, durationTicks, magnitude);
    }

    /**
     * @return the spec, {@code kind@onsetMs+durationMs:magnitude[/channel]} (ms = ticks at 1 kHz).
     */
    public String toSpec()
    {
        return kind.cliName() + '@' + onsetTick + '+' + (durationTicks == PERMANENT ? "inf" : Long.toString(durationTicks)) +
            ':' + number(magnitude) + (channel == null ? "" : "/" + FaultSpec.channelName(channel));
    }

    /**
     * @return the sim's channels of this fault: the kind's fixed channels, else its own (one null entry when none).
     */
    public java.util.List<SimChannel> simChannels()
    {
        return !kind.fixedChannels().isEmpty() ? kind.fixedChannels() : java.util.Collections.singletonList(channel);
    }

    /**
     * @return the fault in the sim's own {@code galvani simulate --fault} syntax (the sim's kind name and channel;
     *         a kind fixed to two channels is two specs joined by {@code " --fault "}), or null when it is not a sim
     *         fault.
     */
    public String toSimulateSpec()
    {
        if (kind.simFault() == null)
        {
            return null;
        }
        final StringBuilder sb = new StringBuilder();
        for (final SimChannel simChannel : simChannels())
        {
            sb.append(sb.length() == 0 ? "" : " --fault ").append(kind.simFault().cliName()).append('@').append(onsetTick)
                .append('+').append(durationTicks == PERMANENT ? "inf" : Long.toString(durationTicks)).append(':')
                .append(number(magnitude)).append(simChannel == null ? "" : "/" + FaultSpec.channelName(simChannel));
        }
        return sb.toString();
    }

    /**
     * @param spec a spec as {@link #toSpec()} writes it (a sim kind, or {@code late-ticks} / {@code tick-stall}).
     * @return the fault.
     * @throws IllegalArgumentException saying what is wrong.
     */
    public static ScheduledFault parse(final String spec)
    {
        final String text = spec.strip();
        final int at = text.indexOf('@');
        if (at <= 0)
        {
            throw new IllegalArgumentException("fault spec '" + spec + "' is invalid: expected " + FaultSpec.SYNTAX);
        }
        final FaultKind kind = FaultKind.fromName(text.substring(0, at));
        if (kind.simFault() != null && kind.fixedChannels().isEmpty())
        {
            final FaultSpec parsed = FaultSpec.parse(text);
            return new ScheduledFault(kind, parsed.channel(), parsed.onsetMs(),
                parsed.permanent() ? PERMANENT : parsed.durationMs(), parsed.magnitude());
        }
        final String rest = text.substring(at + 1);
        final int plus = rest.indexOf('+');
        final int colon = rest.indexOf(':');
        if (plus <= 0 || colon <= plus)
        {
            throw new IllegalArgumentException("fault spec '" + spec + "' is invalid: expected " + kind.cliName() +
                "@onsetMs+durationMs:magnitude");
        }
        final String duration = rest.substring(plus + 1, colon).strip();
        return new ScheduledFault(kind, null, Long.parseLong(rest.substring(0, plus).strip()),
            "inf".equalsIgnoreCase(duration) ? PERMANENT : Long.parseLong(duration),
            Double.parseDouble(rest.substring(colon + 1).strip()));
    }

    private static String number(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long)value) :
            String.format(Locale.ROOT, "%s", value);
    }

    @Override
    public String toString()
    {
        return toSpec();
    }
}
