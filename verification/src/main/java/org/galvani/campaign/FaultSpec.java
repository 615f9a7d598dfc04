package org.galvani.campaign;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.galvani.hal.jna.SimDriver;
import org.galvani.hal.jna.SimChannel;
import org.galvani.hal.jna.SimFault;

/**
 * One scheduled sim fault as written on the command line:
 * {@code kind@onsetMs+durationMs[:magnitude][/channel]}, e.g. {@code open-circuit@1500+500} or
 * {@code adc-offset@200+100:40/current-a}. {@code +inf} makes the fault permanent. The kind is a
 * {@link SimFault#cliName()}, the channel a {@link SimChannel} name; per-channel kinds ({@code adc-*})
 * need a channel, the others refuse one. Without a magnitude the kind's {@link #defaultMagnitude} is used.
 * The same syntax serves {@code galvani simulate --fault}, {@code galvani hal-demo --fault} and the campaign's
 * {@link ScheduledFault} specs, so it lives here, below the CLI (docs/decisions.md, ADR-22).
 *
 * <p>Threading: immutable. Allocation: parsing allocates; never on the tick path.
 *
 * @param text       the spec as written.
 * @param kind       the fault kind.
 * @param onsetMs    simulated time the fault starts, ms.
 * @param durationMs how long it lasts, ms; {@link #PERMANENT} for ever.
 * @param magnitude  kind-specific magnitude.
 * @param channel    the ADC channel of a per-channel fault, else null.
 */
public record FaultSpec(
    String text, SimFault kind, long onsetMs, long durationMs, double magnitude, SimChannel channel)
{
    /** {@link #durationMs()} of a fault that never ends. */
    public static final long PERMANENT = -1;
    /** The syntax, for messages and help. */
    public static final String SYNTAX = "kind@onsetMs+durationMs[:magnitude][/channel]";

    private static final Map<SimFault, Double> DEFAULT_MAGNITUDES = defaultMagnitudes();

    private static Map<SimFault, Double> defaultMagnitudes()
    {
        final Map<SimFault, Double> defaults = new EnumMap<>(SimFault.class);
        for (final SimFault kind : SimFault.values())
        {
            defaults.put(kind, 0.0);
        }
        defaults.put(SimFault.ADC_OFFSET, 100.0);
        defaults.put(SimFault.ADC_NOISY, 20.0);
        defaults.put(SimFault.CHANNEL_DISAGREE, 0.8);
        defaults.put(SimFault.DAC_SLEW, 10.0);
        defaults.put(SimFault.SUPPLY_SAG, 0.5);
        defaults.put(SimFault.LOAD_STEP, 1000.0);
        defaults.put(SimFault.LOAD_DRIFT, 100.0);
        return defaults;
    }

    /**
     * @param kind a fault kind.
     * @return the magnitude used when a spec gives none (0 lets the driver pick its own default).
     */
    public static double defaultMagnitude(final SimFault kind)
    {
        return DEFAULT_MAGNITUDES.get(kind);
    }

    /**
     * Parses a spec.
     *
     * @param text e.g. {@code adc-offset@200+100:40/current-a}.
     * @return the spec.
     * @throws IllegalArgumentException with one sentence naming the spec and what is wrong.
     */
    public static FaultSpec parse(final String text)
    {
        final String spec = text == null ? "" : text.strip();
        final int at = spec.indexOf('@');
        final int plus = spec.indexOf('+', Math.max(at, 0));
        if (at <= 0 || plus < 0)
        {
            throw malformed(spec, "expected " + SYNTAX + ", e.g. open-circuit@1500+500");
        }
        final SimFault kind;
        try
        {
            kind = SimFault.fromName(spec.substring(0, at));
        }
        catch (final IllegalArgumentException ex)
        {
            throw malformed(spec, ex.getMessage());
        }
        String rest = spec.substring(plus + 1);
        SimChannel channel = null;
        final int slash = rest.indexOf('/');
        if (slash >= 0)
        {
            try
            {
                channel = SimChannel.fromName(rest.substring(slash + 1));
            }
            catch (final IllegalArgumentException ex)
            {
                throw malformed(spec, ex.getMessage());
            }
            rest = rest.substring(0, slash);
        }
        double magnitude = defaultMagnitude(kind);
        final int colon = rest.indexOf(':');
        if (colon >= 0)
        {
            magnitude = parseNumber(spec, "magnitude", rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        final long onsetMs = parseMs(spec, "onset", spec.substring(at + 1, plus), 0);
        final long durationMs = "inf".equalsIgnoreCase(rest.strip()) ? PERMANENT : parseMs(spec, "duration", rest, 1);
        if (kind.perChannel() && channel == null)
        {
            throw malformed(spec, kind.cliName() + " needs an ADC channel, e.g. /current-a");
        }
        if (!kind.perChannel() && channel != null)
        {
            throw malformed(spec, kind.cliName() + " is not a per-channel fault, so it takes no /channel");
        }
        return new FaultSpec(spec, kind, onsetMs, durationMs, magnitude, channel);
    }

    private static long parseMs(final String spec, final String what, final String value, final long min)
    {
        final long ms;
        try
        {
            ms = Long.parseLong(value.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw malformed(spec, what + " '" + value + "' is not a whole number of milliseconds");
        }
        if (ms < min)
        {
            throw malformed(spec, what + " " + ms + " ms is below " + min + " ms");
        }
        return ms;
    }

    private static double parseNumber(final String spec, final String what, final String value)
    {
        try
        {
            final double number = Double.parseDouble(value.strip());
            if (Double.isFinite(number))
            {
                return number;
            }
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        throw malformed(spec, what + " '" + value + "' is not a finite number");
    }

    private static IllegalArgumentException malformed(final String spec, final String why)
    {
        return new IllegalArgumentException("fault spec '" + spec + "' is invalid: " + why);
    }

    /**
     * @param channel an ADC channel.
     * @return its command-line name, e.g. {@code current-a}.
     */
    public static String channelName(final SimChannel channel)
    {
        return channel.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Schedules this fault in the sim, converting simulated milliseconds into sim steps.
     *
     * @param sim    the open sim.
     * @param stepUs simulated microseconds per sim step (one actuation).
     * @return the driver's fault id.
     */
    public int injectInto(final SimDriver sim, final long stepUs)
    {
        final long onsetStep = onsetMs * 1000 / stepUs;
        final long durationSteps = permanent() ? PERMANENT : Math.max(1, durationMs * 1000 / stepUs);
        return sim.inject(kind, channel, onsetStep, durationSteps, magnitude);
    }

    /**
     * @return whether the fault never ends.
     */
    public boolean permanent()
    {
        return durationMs == PERMANENT;
    }
}
