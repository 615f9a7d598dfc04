package org.galvani.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.galvani.session.SessionOutcome;

/**
 * Exit codes of every {@code galvani} command, shown in each command's usage help footer.
 */
public final class ExitCodes
{
    /** The command did what it was asked and everything checked out. */
    public static final int OK = 0;
    /** Verification failed, or the session (or demo run) ended in a fault. */
    public static final int FAILED = 1;
    /** Bad usage or bad input: unknown option, malformed value, invalid configuration, unreadable file. */
    public static final int USAGE = 2;
    /** An unexpected internal error (a bug in galvani): rerun with --verbose and report the stack trace. */
    public static final int INTERNAL = 3;
    /** verify: INCOMPLETE, every crash attested by the device's signed recovery record (ADR-15). */
    public static final int INCOMPLETE_ATTESTED = 4;
    /** verify: INCOMPLETE, an unsigned tail no recovery record attests (a crash not yet attested, or a cut). */
    public static final int INCOMPLETE_UNATTESTED = 5;
    /** The session ended without a fault, stopped by the operator before the plan was delivered. */
    public static final int STOPPED_BY_OPERATOR = 6;
    /** The session ended without a fault but short of the prescribed dose or time. */
    public static final int INCOMPLETE_DOSE = 7;
    /**
     * simulate: refused because the patient's last session at this electrode site recorded a blister or burn that no
     * clinician's signed review covers (SR-22).
     */
    public static final int SKIN_REVIEW_REQUIRED = 8;
    /**
     * verify: the journal verified, but it records clinician overrides whose signatures were not re-verified
     * because no trusted clinician keys were given (SR-19): not OK, not failed.
     */
    public static final int OVERRIDES_UNVERIFIED = 9;

    private ExitCodes()
    {
    }

    /**
     * @param outcome how a session ended.
     * @return its exit code: 0 only when the plan was delivered.
     */
    public static int of(final SessionOutcome outcome)
    {
        return switch (outcome)
        {
            case COMPLETE -> OK;
            case STOPPED_BY_OPERATOR -> STOPPED_BY_OPERATOR;
            case INCOMPLETE_DOSE -> INCOMPLETE_DOSE;
            case FAULT, EMERGENCY_STOP, NOT_ENDED -> FAILED;
        };
    }

    /**
     * @return code to description, in order, for the usage help's exit-code list.
     */
    public static Map<String, String> usageList()
    {
        final Map<String, String> list = new LinkedHashMap<>();
        list.put(OK + "", "ok");
        list.put(FAILED + "", "verification failed, or the session ended in a fault");
        list.put(USAGE + "", "bad usage or bad input (options, configuration, files)");
        list.put(INTERNAL + "", "internal error (rerun with --verbose and report it)");
        list.put(INCOMPLETE_ATTESTED + "", "verify: incomplete, every crash attested by a signed recovery record");
        list.put(INCOMPLETE_UNATTESTED + "", "verify: incomplete, an unsigned tail no recovery record attests");
        list.put(STOPPED_BY_OPERATOR + "", "simulate: the operator stopped the session before the plan was delivered");
        list.put(INCOMPLETE_DOSE + "", "simulate: the session ended short of the prescribed dose or time");
        list.put(SKIN_REVIEW_REQUIRED + "", "simulate: refused, a blister or burn at this site awaits a clinician's "
            + "signed review (SR-22)");
        list.put(OVERRIDES_UNVERIFIED + "", "verify: journal OK, but its clinician overrides were not re-verified "
            + "(give --trusted-clinicians)");
        return list;
    }
}
