package org.galvani.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TransitionTableTest
{
    @Test
    @DisplayName("the happy path IDLE → SCREENED → ARMED → RAMP_UP → TREATING → RAMP_DOWN → COMPLETE → IDLE")
    void happyPath()
    {
        SessionState s = SessionState.IDLE;
        final SessionEvent[] path = {
            SessionEvent.SCREEN, SessionEvent.ARM, SessionEvent.START, SessionEvent.CONTACT_OK,
            SessionEvent.RAMP_DONE, SessionEvent.HALF_TIME, SessionEvent.SWITCH_DONE, SessionEvent.END_REACHED,
            SessionEvent.RAMP_DOWN_DONE, SessionEvent.END_SESSION };
        final SessionState[] expected = {
            SessionState.SCREENED, SessionState.ARMED, SessionState.RAMP_UP, SessionState.RAMP_UP,
            SessionState.TREATING, SessionState.POLARITY_SWITCH, SessionState.TREATING, SessionState.RAMP_DOWN,
            SessionState.COMPLETE, SessionState.IDLE };
        for (int i = 0; i < path.length; i++)
        {
            s = TransitionTable.next(s, path[i], true);
            assertEquals(expected[i], s, "after " + path[i]);
        }
    }

    @Test
    @DisplayName("SR-12 E_STOP is reachable from every state and is latched")
    void eStopFromEverywhere()
    {
        for (final SessionState from : SessionState.values())
        {
            assertEquals(SessionState.E_STOP, TransitionTable.next(from, SessionEvent.E_STOP, true));
            assertEquals(SessionState.E_STOP, TransitionTable.next(from, SessionEvent.E_STOP, false));
        }
        for (final SessionEvent event : SessionEvent.values())
        {
            if (event != SessionEvent.RESET && event != SessionEvent.E_STOP)
            {
                assertNull(TransitionTable.next(SessionState.E_STOP, event, true), "E_STOP left by " + event);
            }
        }
    }

    @Test
    @DisplayName("SR-3..SR-9 a TRIP latches FAULT from every state but E_STOP; only RESET leaves it")
    void tripLatchesFault()
    {
        for (final SessionState from : SessionState.values())
        {
            final SessionState to = TransitionTable.next(from, SessionEvent.TRIP, true);
            if (from == SessionState.E_STOP)
            {
                assertNull(to);
            }
            else
            {
                assertEquals(SessionState.FAULT, to, "TRIP from " + from);
            }
        }
        for (final SessionEvent event : SessionEvent.values())
        {
            final SessionState to = TransitionTable.next(SessionState.FAULT, event, true);
            if (event == SessionEvent.RESET)
            {
                assertEquals(SessionState.ARMED, to);
                assertEquals(SessionState.IDLE, TransitionTable.next(SessionState.FAULT, event, false));
            }
            else if (event == SessionEvent.E_STOP)
            {
                assertEquals(SessionState.E_STOP, to);
            }
            else if (event == SessionEvent.TRIP)
            {
                assertEquals(SessionState.FAULT, to);
            }
            else
            {
                assertNull(to, "FAULT left by " + event);
                assertEquals(RejectReason.LATCHED, TransitionTable.rejection(SessionState.FAULT, event));
            }
        }
    }

    @Test
    @DisplayName("SR-2 no operator command reaches an output state without passing ARMED")
    void outputStatesOnlyThroughArmed()
    {
        for (final SessionState from : SessionState.values())
        {
            for (final SessionEvent event : SessionEvent.values())
            {
                final SessionState to = TransitionTable.next(from, event, true);
                if (to != null && to.outputAllowed() && !from.outputAllowed())
                {
                    assertTrue(from == SessionState.ARMED || from == SessionState.HOLD_OFF,
                        from + " + " + event + " enters an output state");
                    assertEquals(SessionState.RAMP_UP, to, "output is always entered through the ramp");
                }
            }
        }
    }

    @Test
    @DisplayName("SR-6 resume and contact probe after HOLD_OFF always enter RAMP_UP (re-ramp from zero)")
    void holdOffResumesThroughRamp()
    {
        assertEquals(SessionState.RAMP_UP, TransitionTable.next(SessionState.HOLD_OFF, SessionEvent.RESUME, true));
        assertEquals(SessionState.RAMP_UP,
            TransitionTable.next(SessionState.HOLD_OFF, SessionEvent.CONTACT_PROBE, true));
        assertNull(TransitionTable.next(SessionState.HOLD_OFF, SessionEvent.RAMP_DONE, true));
    }

    @Test
    @DisplayName("illegal commands are refused with a reason, never silently")
    void illegalCommandsHaveReasons()
    {
        assertNull(TransitionTable.next(SessionState.IDLE, SessionEvent.START, false));
        assertEquals(RejectReason.ILLEGAL_IN_STATE, TransitionTable.rejection(SessionState.IDLE, SessionEvent.START));
        assertEquals(RejectReason.CANNOT_ADJUST, TransitionTable.rejection(SessionState.ARMED, SessionEvent.ADJUST));
        assertNull(TransitionTable.next(SessionState.SCREENED, SessionEvent.SCREEN, false),
            "SR-1 screening is frozen for the session");
        assertNotNull(TransitionTable.toMarkdown());
        assertTrue(TransitionTable.rowCount() > 30);
    }
}
