package org.galvani.report;

import java.util.Map;
import java.util.Objects;

import org.galvani.session.SessionState;

/**
 * The session-end record as the report and the exports need it: the journal's own summary of the
 * session, which the report sets beside what it computed from the tick records so that an auditor sees
 * whether the two agree. Immutable.
 *
 * @param lastTick           index of the last tick of the session.
 * @param finalState         the session's state at its end.
 * @param doseNormalUc       dose delivered with normal polarity (µC; 1 mA·min = 60,000 µC).
 * @param doseReversedUc     dose delivered with reversed polarity (µC).
 * @param maxCurrentUa       largest measured current magnitude (µA).
 * @param treatmentElapsedNs treatment time (ns), paused in HOLD-OFF.
 * @param trips              number of safety trips.
 * @param ticksPerState      ticks spent in each state (may be empty when the journal does not give it).
 */
public record SessionSummaryView(
    long lastTick,
    SessionState finalState,
    double doseNormalUc,
    double doseReversedUc,
    double maxCurrentUa,
    long treatmentElapsedNs,
    int trips,
    Map<SessionState, Long> ticksPerState)
{
    /**
     * Copies the map and checks the state.
     */
    public SessionSummaryView
    {
        Objects.requireNonNull(finalState, "finalState");
        ticksPerState = Map.copyOf(ticksPerState);
    }
}
