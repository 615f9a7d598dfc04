package org.galvani.session;

/**
 * Why a command was refused. Refusals are journaled and shown in status: a command is never ignored
 * silently.
 */
public enum RejectReason
{
    /** Not refused. */
    NONE(0, "accepted"),
    /** The command is not legal in the current state (see {@link TransitionTable}). */
    ILLEGAL_IN_STATE(1, "command not allowed in the current state"),
    /** FAULT / E_STOP are latched: only an authorised reset leaves them. */
    LATCHED(2, "fault or e-stop is latched: an authorised reset is required"),
    /** ARM without a submitted prescription, or SCREEN without a screening result. */
    NOTHING_SUBMITTED(3, "no screening result or prescription was submitted with the command"),
    /** The screening result blocks the session (SR-1). */
    SCREENING_BLOCKS(4, "the frozen screening result blocks this session (SR-1)"),
    /** The prescription failed validation or authorisation (SR-16). */
    PRESCRIPTION_NOT_AUTHORISED(5, "the prescription is not validated and authorised (SR-16)"),
    /** Titration above the prescription cap (SR-17: clamped and reported). */
    ABOVE_CAP(6, "intensity request above the prescription cap: clamped"),
    /** Reset request was not authorised (SR-16). */
    RESET_NOT_AUTHORISED(7, "fault reset not authorised (SR-16)"),
    /** The command inbox was full. */
    INBOX_FULL(8, "command inbox full"),
    /** Titration is not possible at the moment (not in a treating state, or at zero). */
    CANNOT_ADJUST(9, "intensity cannot be adjusted in the current state"),
    /** The prescription's screening does not match the frozen screening. */
    SCREENING_MISMATCH(10, "the prescription belongs to another screening"),
    /** A skin check before the session ended (SR-22): it is recorded after the output is off for good. */
    SESSION_NOT_ENDED(11, "the skin check is recorded only after the session ended (COMPLETE, FAULT or E_STOP)");

    private static final RejectReason[] BY_CODE = values();

    private final int code;
    private final String description;

    RejectReason(final int code, final String description)
    {
        this.code = code;
        this.description = description;
    }

    /**
     * @return stable numeric code, as journaled.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return one sentence for operators and auditors.
     */
    public String description()
    {
        return description;
    }

    /**
     * @param code a journaled code.
     * @return the reason.
     */
    public static RejectReason fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown reject reason code " + code);
        }
        return BY_CODE[code];
    }
}
