package org.galvani.replay;

import java.util.Locale;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.safety.TripCause;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;

/**
 * Compares the decisions of a replayed tick with the recorded ones, field by field in a fixed order, and
 * describes the first difference (SR-15).
 *
 * <p>Order: {@code tick}, {@code stateBefore}, {@code stateAfter}, {@code verdict}, {@code tripCause},
 * {@code activeClamps}, {@code targetUa}, {@code setpointUa}, {@code measuredUa}, {@code loadOhm},
 * {@code pTerm}, {@code iTerm}, {@code dTerm}, {@code ffTerm}, {@code command.dacCode},
 * {@code command.polarityReversed}, {@code command.outputEnabled}, {@code command.dutyPermille},
 * {@code doseNormalUc}, {@code doseReversedUc}, {@code treatmentElapsedNs}; then the tick's events in order.
 * Decisions that are doubles are compared by their raw bits ({@link Double#doubleToRawLongBits}); the loop's
 * diagnostics (measuredUa, loadOhm and the four PID terms) at the precision of
 * {@link Replayer#DIAGNOSTICS_AS_FLOAT32}.
 *
 * <p>Threading: stateless, any thread. Allocation: none when the values are equal; the texts of a
 * divergence are built only when one is found.
 */
final class DecisionComparator
{
    private DecisionComparator()
    {
    }

    /**
     * @param index    the tick's position in the replay.
     * @param recorded the journaled tick.
     * @param replayed what the replayed controller decided.
     * @return null when every decision is identical, else the first divergent field.
     */
    static Divergence compare(final long index, final TickRecord recorded, final TickRecord replayed)
    {
        if (recorded.tick != replayed.tick)
        {
            return new Divergence(index, "tick", Long.toString(recorded.tick), Long.toString(replayed.tick));
        }
        if (recorded.stateBefore != replayed.stateBefore)
        {
            return new Divergence(index, "stateBefore", state(recorded.stateBefore), state(replayed.stateBefore));
        }
        if (recorded.stateAfter != replayed.stateAfter)
        {
            return new Divergence(index, "stateAfter", state(recorded.stateAfter), state(replayed.stateAfter));
        }
        if (recorded.verdict != replayed.verdict)
        {
            return new Divergence(index, "verdict", verdict(recorded.verdict), verdict(replayed.verdict));
        }
        if (recorded.tripCause != replayed.tripCause)
        {
            return new Divergence(index, "tripCause", tripCause(recorded.tripCause), tripCause(replayed.tripCause));
        }
        if (recorded.activeClamps != replayed.activeClamps)
        {
            return new Divergence(index, "activeClamps", hex(recorded.activeClamps), hex(replayed.activeClamps));
        }
        Divergence d = doubles(index, "targetUa", recorded.targetUa, replayed.targetUa);
        d = d != null ? d : doubles(index, "setpointUa", recorded.setpointUa, replayed.setpointUa);
        d = d != null ? d : diagnostics(index, "measuredUa", recorded.measuredUa, replayed.measuredUa);
        d = d != null ? d : diagnostics(index, "loadOhm", recorded.loadOhm, replayed.loadOhm);
        d = d != null ? d : diagnostics(index, "pTerm", recorded.pTerm, replayed.pTerm);
        d = d != null ? d : diagnostics(index, "iTerm", recorded.iTerm, replayed.iTerm);
        d = d != null ? d : diagnostics(index, "dTerm", recorded.dTerm, replayed.dTerm);
        d = d != null ? d : diagnostics(index, "ffTerm", recorded.ffTerm, replayed.ffTerm);
        if (d != null)
        {
            return d;
        }
        if (recorded.command.dacCode() != replayed.command.dacCode())
        {
            return new Divergence(index, "command.dacCode", Integer.toString(recorded.command.dacCode()),
                Integer.toString(replayed.command.dacCode()));
        }
        if (recorded.command.polarityReversed() != replayed.command.polarityReversed())
        {
            return new Divergence(index, "command.polarityReversed",
                Boolean.toString(recorded.command.polarityReversed()),
                Boolean.toString(replayed.command.polarityReversed()));
        }
        if (recorded.command.outputEnabled() != replayed.command.outputEnabled())
        {
            return new Divergence(index, "command.outputEnabled", Boolean.toString(recorded.command.outputEnabled()),
                Boolean.toString(replayed.command.outputEnabled()));
        }
        if (recorded.command.dutyPermille() != replayed.command.dutyPermille())
        {
            return new Divergence(index, "command.dutyPermille", Integer.toString(recorded.command.dutyPermille()),
                Integer.toString(replayed.command.dutyPermille()));
        }
        d = doubles(index, "doseNormalUc", recorded.doseNormalUc, replayed.doseNormalUc);
        d = d != null ? d : doubles(index, "doseReversedUc", recorded.doseReversedUc, replayed.doseReversedUc);
        if (d != null)
        {
            return d;
        }
        if (recorded.treatmentElapsedNs != replayed.treatmentElapsedNs)
        {
            return new Divergence(index, "treatmentElapsedNs", Long.toString(recorded.treatmentElapsedNs),
                Long.toString(replayed.treatmentElapsedNs));
        }
        return null;
    }

    /**
     * Compares the events of one tick, pairwise in order; a missing or extra event is a divergence.
     *
     * @param index    the tick's position in the replay.
     * @param recorded the journaled events of the tick.
     * @param replayed the events the replayed controller emitted in the tick.
     * @return null when identical, else the first divergent event field.
     */
    static Divergence compare(final long index, final EventBuffer recorded, final EventBuffer replayed)
    {
        final int common = Math.min(recorded.size(), replayed.size());
        for (int i = 0; i < common; i++)
        {
            final Divergence d = compare(index, i, recorded.get(i), replayed.get(i));
            if (d != null)
            {
                return d;
            }
        }
        if (recorded.size() != replayed.size())
        {
            final String field = "events[" + common + "]";
            return recorded.size() > common ?
                new Divergence(index, field, describe(recorded.get(common)), "(none)") :
                new Divergence(index, field, "(none)", describe(replayed.get(common)));
        }
        return null;
    }

    private static Divergence compare(
        final long index, final int position, final ControllerEvent recorded, final ControllerEvent replayed)
    {
        if (recorded.type != replayed.type)
        {
            return new Divergence(index, "events[" + position + "].type", describe(recorded), describe(replayed));
        }
        if (recorded.tick != replayed.tick)
        {
            return event(index, position, recorded.type, "tick",
                Long.toString(recorded.tick), Long.toString(replayed.tick));
        }
        if (recorded.sessionEvent != replayed.sessionEvent)
        {
            return event(index, position, recorded.type, "sessionEvent",
                sessionEvent(recorded.sessionEvent),
                sessionEvent(replayed.sessionEvent));
        }
        if (recorded.fromState != replayed.fromState)
        {
            return event(index, position, recorded.type, "fromState",
                state(recorded.fromState), state(replayed.fromState));
        }
        if (recorded.toState != replayed.toState)
        {
            return event(index, position, recorded.type, "toState",
                state(recorded.toState), state(replayed.toState));
        }
        if (recorded.code != replayed.code)
        {
            return event(index, position, recorded.type, "code",
                Integer.toString(recorded.code), Integer.toString(replayed.code));
        }
        if (recorded.arg != replayed.arg)
        {
            return event(index, position, recorded.type, "arg",
                Integer.toString(recorded.arg), Integer.toString(replayed.arg));
        }
        if (Double.doubleToRawLongBits(recorded.measured) != Double.doubleToRawLongBits(replayed.measured))
        {
            return event(index, position, recorded.type, "measured",
                bits(recorded.measured), bits(replayed.measured));
        }
        if (Double.doubleToRawLongBits(recorded.limit) != Double.doubleToRawLongBits(replayed.limit))
        {
            return event(index, position, recorded.type, "limit",
                bits(recorded.limit), bits(replayed.limit));
        }
        return null;
    }

    private static Divergence event(final long index, final int position, final EventType type, final String field,
        final String recorded, final String replayed)
    {
        final String of = " in " + type + " event";
        return new Divergence(index, "events[" + position + "]." + field, recorded + of, replayed + of);
    }

    private static Divergence doubles(final long index, final String field, final double recorded,
        final double replayed)
    {
        if (Double.doubleToRawLongBits(recorded) == Double.doubleToRawLongBits(replayed))
        {
            return null;
        }
        return new Divergence(index, field, bits(recorded), bits(replayed));
    }

    private static Divergence diagnostics(final long index, final String field, final double recorded,
        final double replayed)
    {
        if (!Replayer.DIAGNOSTICS_AS_FLOAT32)
        {
            return doubles(index, field, recorded, replayed);
        }
        if (Float.floatToRawIntBits((float)recorded) == Float.floatToRawIntBits((float)replayed))
        {
            return null;
        }
        return new Divergence(index, field, floatBits(recorded), floatBits(replayed));
    }

    static String bits(final double value)
    {
        return value + " (0x" + Long.toHexString(Double.doubleToRawLongBits(value)) + ")";
    }

    static String floatBits(final double value)
    {
        return (float)value + " (float32 0x" + Integer.toHexString(Float.floatToRawIntBits((float)value)) + ")";
    }

    static String describe(final ControllerEvent e)
    {
        return String.format(Locale.ROOT, "%s{tick=%d, sessionEvent=%s, from=%s, to=%s, code=%d, arg=%d, " +
            "measured=%s, limit=%s}", e.type, e.tick, sessionEvent(e.sessionEvent), state(e.fromState),
            state(e.toState), e.code, e.arg, e.measured, e.limit);
    }

    private static String hex(final int value)
    {
        return "0x" + Integer.toHexString(value);
    }

    static String state(final int code)
    {
        try
        {
            return SessionState.fromCode(code) + " (" + code + ")";
        }
        catch (final IllegalArgumentException ex)
        {
            return "unknown state (" + code + ")";
        }
    }

    static String sessionEvent(final int code)
    {
        if (code == -1)
        {
            return "none (-1)";
        }
        try
        {
            return SessionEvent.fromCode(code) + " (" + code + ")";
        }
        catch (final IllegalArgumentException ex)
        {
            return "unknown session event (" + code + ")";
        }
    }

    private static String tripCause(final int code)
    {
        try
        {
            return TripCause.fromCode(code) + " (" + code + ")";
        }
        catch (final IllegalArgumentException ex)
        {
            return "unknown trip cause (" + code + ")";
        }
    }

    private static String verdict(final int code)
    {
        return switch (code)
        {
            case 0 -> "OK (0)";
            case 1 -> "HOLD_OFF (1)";
            case 2 -> "TRIP (2)";
            default -> "unknown verdict (" + code + ")";
        };
    }
}
