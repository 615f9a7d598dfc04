package org.galvani.session;

/**
 * What can move the session: operator commands (through the command inbox) and conditions the
 * controller detects itself. Each has a stable code for the journal.
 */
public enum SessionEvent
{
    /** Operator: a screening result was submitted. */
    SCREEN(0, true),
    /** Operator: a validated, authorised prescription was submitted. */
    ARM(1, true),
    /** Operator: start the session. */
    START(2, true),
    /** Operator: stop early (ramp down). */
    STOP(3, true),
    /** Operator: pause (output off, timer paused). */
    PAUSE(4, true),
    /** Operator: resume after a pause or a contact loss (re-ramp from zero). */
    RESUME(5, true),
    /** Operator: emergency stop (SR-12). */
    E_STOP(6, true),
    /** Operator: authorised fault reset. */
    RESET(7, true),
    /** Operator: titrate intensity up or down (no state change). */
    ADJUST(8, true),
    /** Operator: end of a session, back to IDLE for the next patient. */
    END_SESSION(9, true),
    /** Controller: pre-ramp contact check passed. */
    CONTACT_OK(10, false),
    /** Controller: pre-ramp contact check refused (impedance too high: dry skin, no water). */
    CONTACT_REFUSED(11, false),
    /** Controller: the ramp reached the target. */
    RAMP_DONE(12, false),
    /** Controller: half the session time elapsed and reversal is prescribed. */
    HALF_TIME(13, false),
    /** Controller: polarity swapped and current back at target. */
    SWITCH_DONE(14, false),
    /** Controller: prescribed time elapsed or prescribed dose reached (SR-11). */
    END_REACHED(15, false),
    /** Controller: output back at zero after the ramp down. */
    RAMP_DOWN_DONE(16, false),
    /** Safety monitor: contact lost (SR-6). */
    CONTACT_LOST(17, false),
    /** Safety monitor: trip (SR-3 ... SR-9, SR-13). */
    TRIP(18, false),
    /**
     * Controller: after a contact loss, the probe interval elapsed: re-check contact with the small test
     * current and, if contact is back, ramp from zero (never a step back to the old level, SR-6).
     */
    CONTACT_PROBE(19, false),
    /**
     * Safety monitor: the contact degraded (SR-20: impedance risen above its baseline): output off, timer
     * paused, held off until the operator resumes — no automatic probe, the electrode needs a hand.
     */
    CONTACT_DEGRADED(20, false),
    /**
     * Operator: the post-session skin check (SR-22), with a {@link SkinCheck} attachment; accepted only once the
     * session has ended (COMPLETE, FAULT or E_STOP), journaled as a SKIN_CHECK record, no state change.
     */
    SKIN_CHECK(21, true);

    private static final SessionEvent[] BY_CODE = values();

    private final int code;
    private final boolean fromOperator;

    SessionEvent(final int code, final boolean fromOperator)
    {
        this.code = code;
        this.fromOperator = fromOperator;
    }

    /**
     * @return stable numeric code, as journaled.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return whether an operator command produces this event.
     */
    public boolean fromOperator()
    {
        return fromOperator;
    }

    /**
     * @param code a journaled code.
     * @return the event.
     */
    public static SessionEvent fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown session event code " + code);
        }
        return BY_CODE[code];
    }
}
