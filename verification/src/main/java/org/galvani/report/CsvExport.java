package org.galvani.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.journal.SessionHeader;

/**
 * Streams one journaled session to two CSV files (RFC 4180, comma-separated, {@code \n} line ends,
 * UTF-8 is the caller's choice of writer): <b>ticks</b>, one row per tick record with every
 * {@link TickRecord} field ({@link #TICK_COLUMNS}), and <b>events</b>, one row per event
 * ({@link #EVENT_COLUMNS}). Events go to their own file because their columns differ from a tick's; the
 * {@code tick} column joins the two. Column names carry their unit ({@code setpoint_ua},
 * {@code scheduled_ns}); raw converter values are ADC codes ({@code current_a_code}). Doubles are written
 * with {@link Double#toString(double)}, which {@link Double#parseDouble} reads back to the same bits
 * (NaN and infinities as {@code NaN}, {@code Infinity}, {@code -Infinity}). States, verdicts and trip
 * causes are written by name; the clamp and status masks as integers (bits in docs/auditor-export.md).
 * The session header and summary are not in the CSV files (see {@link JsonExport} or the report).
 *
 * <p>Pushed like the report ({@link SessionRecordSink}); nothing is kept per tick, one reused buffer
 * per row. The caller owns the writers (pass buffered ones); {@link #close()} flushes them but does not
 * close them. Threading: one thread.
 */
public final class CsvExport implements SessionRecordSink, Closeable
{
    /** The tick file's columns, in order. */
    public static final List<String> TICK_COLUMNS = List.of(
        "tick", "scheduled_ns", "actual_ns", "last_tick_duration_ns", "lateness_ns", "sample_result",
        "current_a_code", "current_b_code", "electrode_voltage_code", "supply_voltage_code", "dac_readback_code",
        "status_bits", "sample_sequence", "state_before", "state_after", "verdict", "trip_cause", "active_clamps",
        "target_ua", "setpoint_ua", "measured_ua", "load_ohm", "p_term_dac", "i_term_dac", "d_term_dac",
        "ff_term_dac", "dac_code", "polarity_reversed", "output_enabled", "duty_permille", "actuate_result",
        "dose_normal_uc", "dose_reversed_uc", "treatment_elapsed_ns");

    /** The event file's columns, in order. */
    public static final List<String> EVENT_COLUMNS = List.of(
        "tick", "type", "command_id", "session_event", "from_state", "to_state", "code", "arg", "measured",
        "limit", "unit", "text");

    private final Writer ticks;
    private final Writer events;
    private final StringBuilder row = new StringBuilder(512);
    private boolean started;

    /**
     * @param ticks  where the tick rows go.
     * @param events where the event rows go.
     */
    public CsvExport(final Writer ticks, final Writer events)
    {
        this.ticks = Objects.requireNonNull(ticks, "ticks");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public void onSessionStart(final SessionHeader header) throws IOException
    {
        if (started)
        {
            throw new IllegalStateException("one session per export: onSessionStart was called twice");
        }
        started = true;
        ticks.write(String.join(",", TICK_COLUMNS));
        ticks.write('\n');
        events.write(String.join(",", EVENT_COLUMNS));
        events.write('\n');
    }

    @Override
    public void onEvent(final ControllerEvent e) throws IOException
    {
        requireStarted();
        final StringBuilder sb = row;
        sb.setLength(0);
        sb.append(e.tick).append(',').append(e.type == null ? "" : e.type.name()).append(',').append(e.commandId)
            .append(',').append(EventText.sessionEvent(e.sessionEvent)).append(',');
        sb.append(fromState(e)).append(',').append(toState(e)).append(',').append(e.code).append(',').append(e.arg)
            .append(',').append(e.measured).append(',')
            .append(e.limit).append(',');
        field(sb, unit(e));
        sb.append(',');
        field(sb, EventText.describe(e));
        sb.append('\n');
        events.append(sb);
    }

    @Override
    public void onTick(final TickRecord t) throws IOException
    {
        requireStarted();
        final StringBuilder sb = row;
        sb.setLength(0);
        sb.append(t.tick).append(',').append(t.scheduledNs).append(',').append(t.actualNs).append(',')
            .append(t.lastTickDurationNs).append(',').append(t.latenessNs).append(',').append(t.sampleResult)
            .append(',')
            .append(t.sample.currentARaw()).append(',').append(t.sample.currentBRaw()).append(',')
            .append(t.sample.electrodeVoltageRaw()).append(',').append(t.sample.supplyVoltageRaw()).append(',')
            .append(t.sample.dacReadbackRaw()).append(',').append(t.sample.statusBits()).append(',')
            .append(t.sample.sequence()).append(',').append(EventText.state(t.stateBefore)).append(',')
            .append(EventText.state(t.stateAfter)).append(',').append(EventText.verdict(t.verdict)).append(',')
            .append(EventText.tripCause(t.tripCause)).append(',').append(t.activeClamps).append(',')
            .append(t.targetUa).append(',').append(t.setpointUa).append(',').append(t.measuredUa).append(',')
            .append(t.loadOhm).append(',').append(t.pTerm).append(',').append(t.iTerm).append(',').append(t.dTerm)
            .append(',').append(t.ffTerm).append(',').append(t.command.dacCode()).append(',')
            .append(t.command.polarityReversed()).append(',').append(t.command.outputEnabled()).append(',')
            .append(t.command.dutyPermille()).append(',').append(t.actuateResult).append(',').append(t.doseNormalUc)
            .append(',').append(t.doseReversedUc).append(',').append(t.treatmentElapsedNs).append('\n');
        ticks.append(sb);
    }

    @Override
    public void onSessionEnd(final SessionSummaryView summary)
    {
        requireStarted();
    }

    /**
     * Flushes both writers (does not close them: the caller owns them).
     *
     * @throws IOException when a writer fails.
     */
    @Override
    public void close() throws IOException
    {
        ticks.flush();
        events.flush();
    }

    /**
     * @param e an event.
     * @return the unit of its measured and limit values, "" when none.
     */
    static String unit(final ControllerEvent e)
    {
        if (e.type == EventType.TRIP || e.type == EventType.HOLD_OFF)
        {
            return EventText.tripUnit(e.code);
        }
        return e.type == EventType.CONTACT_CHECK ? "Ω" : "";
    }

    /**
     * @param e an event.
     * @return the state before, for commands and state changes; "" for other events (the field is unused).
     */
    static String fromState(final ControllerEvent e)
    {
        final boolean used = e.type == EventType.STATE_CHANGED || e.type == EventType.COMMAND_ACCEPTED ||
            e.type == EventType.COMMAND_REJECTED;
        return used ? EventText.state(e.fromState) : "";
    }

    /**
     * @param e an event.
     * @return the state after, for state changes; "" for other events (the field is unused).
     */
    static String toState(final ControllerEvent e)
    {
        return e.type == EventType.STATE_CHANGED ? EventText.state(e.toState) : "";
    }

    private static void field(final StringBuilder sb, final String text)
    {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++)
        {
            final char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote)
        {
            sb.append(text);
            return;
        }
        sb.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"')
            {
                sb.append('"');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    private void requireStarted()
    {
        if (!started)
        {
            throw new IllegalStateException("no session start was pushed: onSessionStart must come first");
        }
    }
}
