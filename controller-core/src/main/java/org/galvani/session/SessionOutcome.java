package org.galvani.session;

/**
 * How a session ended, as the clinician and the auditor need it: {@link SessionState#COMPLETE} says only
 * that the output ramped down to zero without a fault, not that the plan was delivered. COMPLETE here
 * means the plan was delivered: the prescribed dose (within {@link #DOSE_TOLERANCE}) for a dose-ended
 * session, the prescribed time for a time-ended one. An operator STOP before that is
 * {@link #STOPPED_BY_OPERATOR}; a session that ended short of its plan otherwise (the maker's time bound
 * of a dose-ended session, SR-17 {@code SESSION_TIME_LIMIT}) is {@link #INCOMPLETE_DOSE}.
 *
 * <p>Computed off the control thread from the final state, the delivered dose and treatment time and
 * whether the operator's STOP was accepted (the CLI from its status, the report from the journal): a pure
 * function, no allocation. Immutable.
 */
public enum SessionOutcome
{
    /** The plan was delivered: the prescribed dose or time. */
    COMPLETE("plan delivered"),
    /** The operator stopped the session before the plan was delivered. */
    STOPPED_BY_OPERATOR("stopped by the operator before the plan was delivered"),
    /** The session ended without a fault but short of the prescribed dose or time. */
    INCOMPLETE_DOSE("ended short of the prescribed dose or time"),
    /** A safety trip latched the session (SR-3 … SR-14). */
    FAULT("a safety trip ended the session"),
    /** The emergency stop latched the session (SR-12). */
    EMERGENCY_STOP("the emergency stop ended the session"),
    /** The session never reached its end (refused, never started, or still running at the end of the record). */
    NOT_ENDED("the session did not reach its end");

    /**
     * The fraction of the prescribed dose a dose-ended session may fall short by and still count as
     * delivered: the ramp-down starts when the charge the ramp will still deliver completes the dose
     * (SR-11), and the converters' resolution leaves it within a fraction of a percent (1 % is the tolerance
     * the dose-ended scenario test holds the controller to).
     */
    public static final double DOSE_TOLERANCE = 0.01;

    private final String meaning;

    SessionOutcome(final String meaning)
    {
        this.meaning = meaning;
    }

    /**
     * @return one line for a report or the console.
     */
    public String meaning()
    {
        return meaning;
    }

    /**
     * Classifies an ended session.
     *
     * @param finalState      the state after the last tick.
     * @param operatorStopped whether an operator STOP was accepted in the session.
     * @param deliveredUc     delivered dose, both polarities (µC).
     * @param treatedNs       treatment time (ns, paused in HOLD-OFF).
     * @param doseTargetUc    prescribed dose (µC), 0 for a time-ended session.
     * @param durationNs      prescribed time (ns), the nominal time of a dose-ended session, 0 when none.
     * @return the outcome.
     */
    public static SessionOutcome classify(
        final SessionState finalState,
        final boolean operatorStopped,
        final double deliveredUc,
        final long treatedNs,
        final double doseTargetUc,
        final long durationNs)
    {
        if (finalState == SessionState.FAULT)
        {
            return FAULT;
        }
        if (finalState == SessionState.E_STOP)
        {
            return EMERGENCY_STOP;
        }
        if (finalState != SessionState.COMPLETE)
        {
            return NOT_ENDED;
        }
        final boolean delivered = doseTargetUc > 0.0 ? deliveredUc >= doseTargetUc * (1.0 - DOSE_TOLERANCE) :
            treatedNs >= durationNs;
        if (delivered)
        {
            return COMPLETE;
        }
        return operatorStopped ? STOPPED_BY_OPERATOR : INCOMPLETE_DOSE;
    }
}
