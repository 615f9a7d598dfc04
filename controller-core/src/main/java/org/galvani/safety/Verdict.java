package org.galvani.safety;

/**
 * What the safety monitor decided for one tick. Plain int constants so the tick path never allocates.
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
