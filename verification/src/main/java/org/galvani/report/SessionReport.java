package org.galvani.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.galvani.controller.EventType;
import org.galvani.journal.SessionHeader;
import org.galvani.session.Clamp;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionOutcome;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * What {@link ReportBuilder} accumulated from one journaled session, bounded in size whatever the
 * session's length: the header, the armed prescription, downsampled series, state bands, trip and
 * hold-off markers, every event as text, clamp usage and the delivered totals. {@link HtmlReport}
 * renders it. Immutable.
 *
 * @param header              the session-start record.
 * @param configHash          the journal's configuration hash, "" when not given.
 * @param prescriptionFields  the signed prescription's fields (from the header's JSON), in document order.
 * @param plan                the plan armed in the session (ARM attachment), null when none was armed.
 * @param screening           the frozen screening decision, null when none was frozen.
 * @param firstTick           index of the first tick record, -1 when there were none.
 * @param lastTick            index of the last tick record, -1 when there were none.
 * @param tickCount           number of tick records.
 * @param tickGaps            number of places where the tick index did not advance by one.
 * @param ticksPerState       tick records per state (state at the end of the tick).
 * @param bands               intervals of constant state, in order.
 * @param bandsTruncated      whether more state changes happened than the report keeps (the last band
 *                            then runs to the end).
 * @param measuredUa          measured current (µA), min/max per bucket.
 * @param setpointUa          setpoint (µA), min/max per bucket.
 * @param doseTotalMaMin      delivered dose, both polarities (mA·min), last per bucket.
 * @param doseNormalMaMin     delivered dose with normal polarity (mA·min), last per bucket.
 * @param doseReversedMaMin   delivered dose with reversed polarity (mA·min), last per bucket.
 * @param bucketWidthTicks    the downsampling bucket width in ticks (1 = every tick kept).
 * @param markers             trips and hold-offs, in order.
 * @param events              every event, in order, as text.
 * @param clamps              each clamp seen in the session (SR-17) with its reason and usage.
 * @param delivered           delivered totals computed from the tick records.
 * @param summary             the journal's session-end record, null when the journal has none.
 */
public record SessionReport(
    SessionHeader header,
    String configHash,
    List<Field> prescriptionFields,
    SessionPlan plan,
    ScreeningDecision screening,
    long firstTick,
    long lastTick,
    long tickCount,
    long tickGaps,
    Map<SessionState, Long> ticksPerState,
    List<StateBand> bands,
    boolean bandsTruncated,
    List<Point> measuredUa,
    List<Point> setpointUa,
    List<Point> doseTotalMaMin,
    List<Point> doseNormalMaMin,
    List<Point> doseReversedMaMin,
    long bucketWidthTicks,
    List<Marker> markers,
    List<EventLine> events,
    List<ClampUsage> clamps,
    Delivered delivered,
    SessionSummaryView summary)
{
    /**
     * Copies the collections.
     */
    public SessionReport
    {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(configHash, "configHash");
        prescriptionFields = List.copyOf(prescriptionFields);
        ticksPerState = Map.copyOf(ticksPerState);
        bands = List.copyOf(bands);
        measuredUa = List.copyOf(measuredUa);
        setpointUa = List.copyOf(setpointUa);
        doseTotalMaMin = List.copyOf(doseTotalMaMin);
        doseNormalMaMin = List.copyOf(doseNormalMaMin);
        doseReversedMaMin = List.copyOf(doseReversedMaMin);
        markers = List.copyOf(markers);
        events = List.copyOf(events);
        clamps = List.copyOf(clamps);
        Objects.requireNonNull(delivered, "delivered");
    }

    /**
     * @param tick a tick index.
     * @return session time of the tick in seconds from the first tick record (tick index × period).
     */
    public double seconds(final long tick)
    {
        return firstTick < 0 ? 0.0 : (tick - firstTick) * (double) header.tickPeriodNs() / 1e9;
    }

    /**
     * One downsampled point.
     *
     * @param tick  tick index.
     * @param value value in the series' unit.
     */
    public record Point(long tick, double value)
    {
    }

    /**
     * One field of the prescription as signed.
     *
     * @param name  the field's name (dotted for nested objects).
     * @param value its value as text.
     */
    public record Field(String name, String value)
    {
    }

    /**
     * An interval of constant session state.
     *
     * @param fromTick first tick in the state.
     * @param toTick   last tick in the state (inclusive).
     * @param state    the state's code.
     */
    public record StateBand(long fromTick, long toTick, int state)
    {
    }

    /**
     * A trip (latched fault) or hold-off marker.
     *
     * @param tick     the tick of the event.
     * @param trip     true for a trip, false for a hold-off.
     * @param cause    the {@link org.galvani.safety.TripCause} code.
     * @param text     the event's text.
     */
    public record Marker(long tick, boolean trip, int cause, String text)
    {
    }

    /**
     * One event as text.
     *
     * @param tick      the tick.
     * @param type      what happened.
     * @param commandId the command, 0 when none.
     * @param code      the event's code field (reject reason, trip cause or clamp mask, by type).
     * @param text      the decoded event.
     */
    public record EventLine(long tick, EventType type, long commandId, int code, String text)
    {
    }

    /**
     * How a clamp (SR-17) was used in the session.
     *
     * @param clamp            the clamp (its reason is {@link Clamp#reason()}).
     * @param activeTicks      tick records with the clamp active.
     * @param firstTick        first tick with it active, -1 when never active in a tick.
     * @param activations      times it became active (rising edges over the tick records).
     * @param changeEvents     CLAMPS_CHANGED events that switched it on or off.
     * @param fromPrescription whether the prescription validator applied it (the armed plan's clamps).
     */
    public record ClampUsage(
        Clamp clamp, long activeTicks, long firstTick, int activations, int changeEvents, boolean fromPrescription)
    {
    }

    /**
     * Delivered totals computed from the tick records.
     *
     * @param doseNormalUc       dose with normal polarity at the last tick (µC).
     * @param doseReversedUc     dose with reversed polarity at the last tick (µC).
     * @param maxMeasuredUa      largest measured current (µA).
     * @param maxMeasuredTick    its tick, -1 when no ticks.
     * @param maxSetpointUa      largest setpoint (µA).
     * @param maxTargetUa        largest operator target (µA).
     * @param treatmentElapsedNs treatment time at the last tick (ns).
     * @param finalState         state code at the end of the last tick, -1 when no ticks.
     * @param tripTicks          ticks whose verdict was TRIP.
     * @param holdOffTicks       ticks whose verdict was HOLD-OFF.
     * @param outputEnabledTicks ticks with the output relay commanded closed.
     * @param operatorStopped    whether an operator STOP was accepted in the session.
     */
    public record Delivered(
        double doseNormalUc,
        double doseReversedUc,
        double maxMeasuredUa,
        long maxMeasuredTick,
        double maxSetpointUa,
        double maxTargetUa,
        long treatmentElapsedNs,
        int finalState,
        long tripTicks,
        long holdOffTicks,
        long outputEnabledTicks,
        boolean operatorStopped)
    {
        /**
         * @return total dose (µC).
         */
        public double doseTotalUc()
        {
            return doseNormalUc + doseReversedUc;
        }

        /**
         * @param plan the armed plan, null when none.
         * @return how the session ended: COMPLETE only when the plan was delivered.
         */
        public SessionOutcome outcome(final SessionPlan plan)
        {
            if (finalState < 0)
            {
                return SessionOutcome.NOT_ENDED;
            }
            return SessionOutcome.classify(SessionState.fromCode(finalState), operatorStopped, doseTotalUc(),
                treatmentElapsedNs, plan == null ? 0.0 : plan.doseTargetUc(), plan == null ? 0L : plan.durationNs());
        }
    }
}
