package org.galvani.session;

import static org.galvani.session.SessionEvent.*;
import static org.galvani.session.SessionState.*;

/**
 * The session's legal transitions, as one table to read and review.
 *
 * <p>Each row is {@code from, event, guard -> to}. Anything not in the table is refused with a
 * {@link RejectReason} and journaled; nothing is ignored silently. Two rules apply to every state and
 * are therefore not repeated per row: {@link SessionEvent#E_STOP} always leads to
 * {@link SessionState#E_STOP} (SR-12), and {@link SessionEvent#TRIP} leads to {@link SessionState#FAULT}
 * from every state except E_STOP (which stays latched).
 *
 * <p>Threading: immutable after class initialisation; lookups are allocation-free array reads.
 */
public final class TransitionTable
{
    /** A condition a row needs besides state and event. */
    public enum Guard
    {
        /** No condition. */
        ALWAYS,
        /** A prescription is armed for this session (it survives a fault reset). */
        PLAN_LOADED,
        /** No prescription is armed. */
        NO_PLAN
    }

    /** The table. Read it top to bottom: it is the specification of the state machine. */
    private static final Object[][] ROWS =
    {
        // from             event            guard                to
        { IDLE,             SCREEN,          Guard.ALWAYS,        SCREENED },
        { SCREENED,         ARM,             Guard.ALWAYS,        ARMED },
        { SCREENED,         END_SESSION,     Guard.ALWAYS,        IDLE },
        { ARMED,            START,           Guard.ALWAYS,        RAMP_UP },
        { ARMED,            END_SESSION,     Guard.ALWAYS,        IDLE },
        { RAMP_UP,          CONTACT_OK,      Guard.ALWAYS,        RAMP_UP },
        { RAMP_UP,          CONTACT_REFUSED, Guard.ALWAYS,        ARMED },
        { RAMP_UP,          RAMP_DONE,       Guard.ALWAYS,        TREATING },
        { RAMP_UP,          ADJUST,          Guard.ALWAYS,        RAMP_UP },
        { RAMP_UP,          STOP,            Guard.ALWAYS,        RAMP_DOWN },
        { RAMP_UP,          END_REACHED,     Guard.ALWAYS,        RAMP_DOWN },
        { RAMP_UP,          PAUSE,           Guard.ALWAYS,        HOLD_OFF },
        { RAMP_UP,          CONTACT_LOST,    Guard.ALWAYS,        HOLD_OFF },
        { RAMP_UP,          CONTACT_DEGRADED, Guard.ALWAYS,        HOLD_OFF },
        { TREATING,         ADJUST,          Guard.ALWAYS,        TREATING },
        { TREATING,         HALF_TIME,       Guard.ALWAYS,        POLARITY_SWITCH },
        { TREATING,         END_REACHED,     Guard.ALWAYS,        RAMP_DOWN },
        { TREATING,         STOP,            Guard.ALWAYS,        RAMP_DOWN },
        { TREATING,         PAUSE,           Guard.ALWAYS,        HOLD_OFF },
        { TREATING,         CONTACT_LOST,    Guard.ALWAYS,        HOLD_OFF },
        { TREATING,         CONTACT_DEGRADED, Guard.ALWAYS,        HOLD_OFF },
        { POLARITY_SWITCH,  SWITCH_DONE,     Guard.ALWAYS,        TREATING },
        { POLARITY_SWITCH,  END_REACHED,     Guard.ALWAYS,        RAMP_DOWN },
        { POLARITY_SWITCH,  STOP,            Guard.ALWAYS,        RAMP_DOWN },
        { POLARITY_SWITCH,  PAUSE,           Guard.ALWAYS,        HOLD_OFF },
        { POLARITY_SWITCH,  CONTACT_LOST,    Guard.ALWAYS,        HOLD_OFF },
        { POLARITY_SWITCH,  CONTACT_DEGRADED, Guard.ALWAYS,        HOLD_OFF },
        { RAMP_DOWN,        RAMP_DOWN_DONE,  Guard.ALWAYS,        COMPLETE },
        { RAMP_DOWN,        CONTACT_LOST,    Guard.ALWAYS,        COMPLETE },
        { RAMP_DOWN,        CONTACT_DEGRADED, Guard.ALWAYS,        COMPLETE },
        { HOLD_OFF,         RESUME,          Guard.ALWAYS,        RAMP_UP },
        { HOLD_OFF,         CONTACT_PROBE,   Guard.ALWAYS,        RAMP_UP },
        { HOLD_OFF,         STOP,            Guard.ALWAYS,        COMPLETE },
        { HOLD_OFF,         END_REACHED,     Guard.ALWAYS,        COMPLETE },
        { COMPLETE,         END_SESSION,     Guard.ALWAYS,        IDLE },
        // A reset continues the same session (dose and elapsed time kept) from ARMED, re-ramping
        // from zero on the next START; without an armed prescription it returns to IDLE.
        { FAULT,            RESET,           Guard.PLAN_LOADED,   ARMED },
        { FAULT,            RESET,           Guard.NO_PLAN,       IDLE },
        { SessionState.E_STOP, RESET,        Guard.PLAN_LOADED,   ARMED },
        { SessionState.E_STOP, RESET,        Guard.NO_PLAN,       IDLE },
    };

    private static final int STATES = SessionState.values().length;
    private static final int EVENTS = SessionEvent.values().length;
    private static final SessionState[] WITH_PLAN = new SessionState[STATES * EVENTS];
    private static final SessionState[] WITHOUT_PLAN = new SessionState[STATES * EVENTS];

    static
    {
        for (final Object[] row : ROWS)
        {
            final SessionState from = (SessionState)row[0];
            final SessionEvent event = (SessionEvent)row[1];
            final Guard guard = (Guard)row[2];
            final SessionState to = (SessionState)row[3];
            final int index = from.ordinal() * EVENTS + event.ordinal();
            if (guard != Guard.NO_PLAN)
            {
                put(WITH_PLAN, index, to, from, event);
            }
            if (guard != Guard.PLAN_LOADED)
            {
                put(WITHOUT_PLAN, index, to, from, event);
            }
        }
        for (final SessionState from : SessionState.values())
        {
            final int base = from.ordinal() * EVENTS;
            WITH_PLAN[base + SessionEvent.E_STOP.ordinal()] = SessionState.E_STOP;
            WITHOUT_PLAN[base + SessionEvent.E_STOP.ordinal()] = SessionState.E_STOP;
            if (from != SessionState.E_STOP)
            {
                WITH_PLAN[base + TRIP.ordinal()] = FAULT;
                WITHOUT_PLAN[base + TRIP.ordinal()] = FAULT;
            }
        }
    }

    private TransitionTable()
    {
    }

    private static void put(
        final SessionState[] table, final int index, final SessionState to, final SessionState from,
        final SessionEvent event)
    {
        if (table[index] != null)
        {
            throw new IllegalStateException("ambiguous transition table row: " + from + " + " + event);
        }
        table[index] = to;
    }

    /**
     * @param from       current state.
     * @param event      what happened.
     * @param planLoaded whether a prescription is armed for the session.
     * @return the next state, or {@code null} when the event is not legal in {@code from}.
     */
    public static SessionState next(final SessionState from, final SessionEvent event, final boolean planLoaded)
    {
        final int index = from.ordinal() * EVENTS + event.ordinal();
        return planLoaded ? WITH_PLAN[index] : WITHOUT_PLAN[index];
    }

    /**
     * Why an event that {@link #next} refused was refused.
     *
     * @param from  current state.
     * @param event the refused event.
     * @return the reason to journal and show.
     */
    public static RejectReason rejection(final SessionState from, final SessionEvent event)
    {
        if (from.latched())
        {
            return RejectReason.LATCHED;
        }
        if (event == ADJUST)
        {
            return RejectReason.CANNOT_ADJUST;
        }
        return RejectReason.ILLEGAL_IN_STATE;
    }

    /**
     * @return the number of explicit rows (for documentation and tests).
     */
    public static int rowCount()
    {
        return ROWS.length;
    }

    /**
     * Renders the table as Markdown rows (documentation and review; allocates).
     *
     * @return one line per row, {@code | from | event | guard | to |}.
     */
    public static String toMarkdown()
    {
        final StringBuilder sb = new StringBuilder("| from | event | guard | to |\n|---|---|---|---|\n");
        for (final Object[] row : ROWS)
        {
            sb.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ").append(row[2])
                .append(" | ").append(row[3]).append(" |\n");
        }
        sb.append("| any | E_STOP | ALWAYS | E_STOP |\n| any but E_STOP | TRIP | ALWAYS | FAULT |\n");
        return sb.toString();
    }
}
