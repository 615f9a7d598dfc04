package org.galvani.safety;

/**
 * What the safety monitor decided for one tick. Plain int codes, not an enum: the verdict is journaled as a
 * code ({@code TickRecord.verdict}, two bits of a tick record's flags in docs/journal-format.md), so the
 * values are part of the on-disk format and never change.
 */
public final class Verdict
{
    /** Nothing wrong. */
    public static final int OK = 0;
    /** Output to zero at once, not a fault (contact lost, SR-6). */
    public static final int HOLD_OFF = 1;
    /** Latched fault: output to zero and disabled in this tick. */
    public static final int TRIP = 2;

    private Verdict()
    {
    }
}
