package org.galvani.session;

/**
 * The states of one treatment session (docs/architecture.md, the tick, step 4; docs/state-machine.md).
 *
 * <pre>
 *  IDLE -> SCREENED -> ARMED -> RAMP_UP -> TREATING <-> POLARITY_SWITCH
 *                                  |          |
 *                                  v          v
 *                               HOLD_OFF   RAMP_DOWN -> COMPLETE
 *  any state -> FAULT (latched, left only by an authorised reset) or E_STOP (latched)
 * </pre>
 *
 * <p>Only the four output states may drive current (SR-2); in every other state the output is
 * disabled and the DAC is at zero whatever commands arrive.
 */
public enum SessionState
{
    /** No patient screened yet. */
    IDLE(0, false),
    /** Screening passed and frozen for the session (SR-1). */
    SCREENED(1, false),
    /** A validated, authorised prescription is loaded; waiting for start. */
    ARMED(2, false),
    /** Pre-ramp contact check with a small test current, then the soft-start ramp. */
    RAMP_UP(3, true),
    /** Holding the (titrated) target current. */
    TREATING(4, true),
    /** Ramp to zero, swap polarity at zero, ramp up again. */
    POLARITY_SWITCH(5, true),
    /** End of session: ramp to zero. */
    RAMP_DOWN(6, true),
    /** Session delivered; output off. */
    COMPLETE(7, false),
    /** Contact lost or operator pause: output off, session timer paused, re-ramp from zero on resume. */
    HOLD_OFF(8, false),
    /** A safety trip; latched until an authorised reset. */
    FAULT(9, false),
    /** Emergency stop; latched until an authorised reset. */
    E_STOP(10, false);

    private static final SessionState[] BY_CODE = values();

    private final int code;
    private final boolean outputAllowed;

    SessionState(final int code, final boolean outputAllowed)
    {
        this.code = code;
        this.outputAllowed = outputAllowed;
    }

    /**
     * @return stable numeric code, as journaled.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return whether current may flow in this state (SR-2).
     */
    public boolean outputAllowed()
    {
        return outputAllowed;
    }

    /**
     * @return whether the state is latched and only an authorised reset leaves it.
     */
    public boolean latched()
    {
        return this == FAULT || this == E_STOP;
    }

    /**
     * @param code a journaled code.
     * @return the state.
     * @throws IllegalArgumentException for an unknown code.
     */
    public static SessionState fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown session state code " + code);
        }
        return BY_CODE[code];
    }
}
