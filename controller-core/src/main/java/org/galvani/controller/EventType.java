package org.galvani.controller;

/**
 * Kinds of journaled events. Codes are stable.
 */
public enum EventType
{
    /** A command was accepted. */
    COMMAND_ACCEPTED,
    /** A command was refused, with a {@link org.galvani.session.RejectReason}. */
    COMMAND_REJECTED,
    /** The session state changed. */
    STATE_CHANGED,
    /** The safety monitor tripped (latched FAULT). */
    TRIP,
    /** The safety monitor held the output off (contact lost). */
    HOLD_OFF,
    /** The set of active clamps changed (SR-17). */
    CLAMPS_CHANGED,
    /** The pre-ramp contact check finished (measured impedance). */
    CONTACT_CHECK,
    /** A screening decision was frozen for the session (SR-1). */
    SCREENING_FROZEN,
    /** A prescription was armed. */
    PRESCRIPTION_ARMED,
    /** A fault reset was accepted, with operator and reason. */
    FAULT_RESET,
    /**
     * The post-session skin check was recorded (SR-22): code = the {@link org.galvani.session.SkinGrade} code,
     * attachment = the {@link org.galvani.session.SkinCheck}. Journaled as a SKIN_CHECK record (type 8), not as an
     * EVENT record (docs/journal-format.md).
     */
    SKIN_CHECKED;

    private static final EventType[] BY_CODE = values();

    /**
     * @return stable numeric code.
     */
    public int code()
    {
        return ordinal();
    }

    /**
     * @param code a journaled code.
     * @return the type.
     */
    public static EventType fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown event type code " + code);
        }
        return BY_CODE[code];
    }
}
