package org.galvani.cli;

import java.io.PrintWriter;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.TickRecord;
import org.galvani.safety.TripCause;
import org.galvani.session.Clamp;
import org.galvani.session.RejectReason;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.galvani.session.SkinCheck;

/**
 * A journal seam that prints each event as one line for a person at a terminal, and keeps the session's
 * peak current. It formats strings, so it allocates: for the command line's faster-than-real-time runs
 * on the caller's thread only, never behind a real-time control loop.
 */
final class ConsoleJournal implements JournalSink
{
    private final PrintWriter out;
    private final double periodS;
    private double peakUa;
    private long trips;
    private boolean stopAccepted;

    ConsoleJournal(final PrintWriter out, final long periodNs)
    {
        this.out = out;
        this.periodS = periodNs * 1e-9;
    }

    @Override
    public boolean onTick(final TickRecord record)
    {
        peakUa = Math.max(peakUa, record.measuredUa);
        return true;
    }

    @Override
    public boolean onEvent(final ControllerEvent e)
    {
        final String line = describe(e);
        if (line != null)
        {
            out.printf(ConsoleNumbers.LOCALE, "  [%9.3f s] %s%n", e.tick * periodS, line);
        }
        if (e.type == org.galvani.controller.EventType.TRIP)
        {
            trips++;
        }
        if (e.type == org.galvani.controller.EventType.COMMAND_ACCEPTED && e.sessionEvent == SessionEvent.STOP.code())
        {
            stopAccepted = true;
        }
        return true;
    }

    private static String describe(final ControllerEvent e)
    {
        return switch (e.type)
        {
            case COMMAND_ACCEPTED -> "command " + SessionEvent.fromCode(e.sessionEvent) +
                (e.arg != 0 ? " " + signed(e.arg) : "") + " accepted" +
                (e.code != 0 ? ", clamped by " + Clamp.describe(e.code) : "");
            case COMMAND_REJECTED -> "command " + SessionEvent.fromCode(e.sessionEvent) + " refused in " +
                SessionState.fromCode(e.fromState) + ": " + RejectReason.fromCode(e.code).description();
            case STATE_CHANGED -> e.fromState == e.toState ? null : "state " + SessionState.fromCode(e.fromState) +
                " -> " + SessionState.fromCode(e.toState) + " (" + SessionEvent.fromCode(e.sessionEvent) + ")";
            case TRIP -> String.format(ConsoleNumbers.LOCALE, "TRIP %s (%s: %s): measured %.1f, limit %.1f",
                TripCause.fromCode(e.code), TripCause.fromCode(e.code).requirement(),
                TripCause.fromCode(e.code).description(), e.measured, e.limit);
            case HOLD_OFF -> String.format(ConsoleNumbers.LOCALE, "HOLD-OFF %s (%s): measured %.0f, limit %.0f",
                TripCause.fromCode(e.code), TripCause.fromCode(e.code).description(), e.measured, e.limit);
            case CLAMPS_CHANGED -> "active limits (SR-17): " + Clamp.describe(e.code);
            case CONTACT_CHECK -> String.format(ConsoleNumbers.LOCALE, "contact check (SR-6): %.0f ohm (limit %.0f ohm)",
                e.measured, e.limit);
            case SCREENING_FROZEN -> "screening frozen for the session (SR-1)";
            case PRESCRIPTION_ARMED -> "prescription armed";
            case FAULT_RESET -> "fault reset";
            case SKIN_CHECKED -> "skin check recorded (SR-22): " + ((SkinCheck)e.attachment).grade().cliName();
        };
    }

    private static String signed(final int steps)
    {
        return steps > 0 ? "+" + steps : Integer.toString(steps);
    }

    double peakUa()
    {
        return peakUa;
    }

    long trips()
    {
        return trips;
    }

    /**
     * @return whether an operator STOP was accepted.
     */
    boolean stopAccepted()
    {
        return stopAccepted;
    }
}
