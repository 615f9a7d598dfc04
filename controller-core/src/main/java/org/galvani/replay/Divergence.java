package org.galvani.replay;

/**
 * The first decision a replay did not reproduce (SR-15): the tick, the field, and both values as text.
 *
 * <p>Field names follow {@code TickRecord} ({@code "verdict"}, {@code "command.dacCode"}, ...); event fields
 * are {@code "events[i].field"} with {@code i} the event's position within the tick, and a missing or extra
 * event is {@code "events[i]"} with {@code "(none)"} on the side that lacks it. Doubles are written with their
 * raw bits, e.g. {@code "1234.5 (0x40934a0000000000)"}, so a one-ulp difference is visible.
 *
 * <p>Immutable and thread-safe; built only when a replay diverges (allocates).
 *
 * @param tick          the tick index (position in the replayed session, from 0).
 * @param field         the first divergent field of that tick.
 * @param recordedValue the journaled value.
 * @param replayedValue the value the replayed controller decided.
 */
public record Divergence(long tick, String field, String recordedValue, String replayedValue)
{
    @Override
    public String toString()
    {
        return "tick " + tick + ": " + field + " recorded " + recordedValue + ", replayed " + replayedValue;
    }
}
