package org.galvani.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonGenerator;

import org.galvani.config.StrictJson;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.journal.SessionHeader;
import org.galvani.session.SkinGrade;

/**
 * Streams one journaled session as JSON Lines: one JSON object per line, in journal order, each with a
 * {@code "record"} member saying what it is:
 * <ul>
 *   <li>{@code "session_start"}: {@code "header"} holds the {@link SessionHeader} (as the strict JSON
 *       mapper writes it);</li>
 *   <li>{@code "event"}: the event's fields ({@code tick}, {@code type}, {@code command_id},
 *       {@code session_event}, {@code from_state}, {@code to_state}, {@code code}, {@code arg},
 *       {@code measured}, {@code limit}, {@code unit}, {@code text}, {@code attachment});</li>
 *   <li>{@code "tick"}: every {@link TickRecord} field under the same names as the CSV columns
 *       ({@link CsvExport#TICK_COLUMNS}, units in the names), codes as numbers, states, verdict and trip
 *       cause by name, {@code polarity_reversed} and {@code output_enabled} as booleans;</li>
 *   <li>{@code "session_end"}: {@code "summary"} holds the {@link SessionSummaryView}.</li>
 * </ul>
 * Events are interleaved with the ticks (a tick's events precede its tick object), so one file keeps the
 * order; filter on {@code record}. Written with Jackson's streaming generator, no object tree per tick;
 * doubles as {@link Double#toString(double)} writes them, so they parse back to the same bits (NaN and
 * infinities as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}).
 *
 * <p>The caller owns the writer (pass a buffered one); {@link #close()} flushes the generator and the
 * writer but does not close the writer. Threading: one thread.
 */
public final class JsonExport implements SessionRecordSink, Closeable
{
    private final JsonGenerator json;
    private boolean started;

    /**
     * @param out where the JSON lines go.
     * @throws IOException when the generator cannot be created.
     */
    public JsonExport(final Writer out) throws IOException
    {
        json = StrictJson.mapper().getFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null); // each object ends its own line; no separator before the next
    }

    @Override
    public void onSessionStart(final SessionHeader header) throws IOException
    {
        if (started)
        {
            throw new IllegalStateException("one session per export: onSessionStart was called twice");
        }
        started = true;
        json.writeStartObject();
        json.writeStringField("record", "session_start");
        json.writeFieldName("header");
        json.writeObject(header);
        endLine();
    }

    @Override
    public void onEvent(final ControllerEvent e) throws IOException
    {
        requireStarted();
        json.writeStartObject();
        json.writeStringField("record", "event");
        json.writeNumberField("tick", e.tick);
        json.writeStringField("type", e.type == null ? "" : e.type.name());
        json.writeNumberField("command_id", e.commandId);
        json.writeStringField("session_event", EventText.sessionEvent(e.sessionEvent));
        json.writeStringField("from_state", CsvExport.fromState(e));
        json.writeStringField("to_state", CsvExport.toState(e));
        json.writeNumberField("code", e.code);
        json.writeNumberField("arg", e.arg);
        json.writeNumberField("measured", e.measured);
        json.writeNumberField("limit", e.limit);
        json.writeStringField("unit", CsvExport.unit(e));
        json.writeStringField("text", EventText.describe(e));
        if (e.type == EventType.SKIN_CHECKED)
        {
            json.writeStringField("aftercare", SkinAdvice.of(SkinGrade.fromCode(e.code)));
        }
        json.writeFieldName("attachment");
        if (e.attachment == null)
        {
            json.writeNull();
        }
        else
        {
            json.writeObject(e.attachment);
        }
        endLine();
    }

    @Override
    public void onTick(final TickRecord t) throws IOException
    {
        requireStarted();
        final JsonGenerator g = json;
        g.writeStartObject();
        g.writeStringField("record", "tick");
        g.writeNumberField("tick", t.tick);
        g.writeNumberField("scheduled_ns", t.scheduledNs);
        g.writeNumberField("actual_ns", t.actualNs);
        g.writeNumberField("last_tick_duration_ns", t.lastTickDurationNs);
        g.writeNumberField("lateness_ns", t.latenessNs);
        g.writeNumberField("sample_result", t.sampleResult);
        g.writeNumberField("current_a_code", t.sample.currentARaw());
        g.writeNumberField("current_b_code", t.sample.currentBRaw());
        g.writeNumberField("electrode_voltage_code", t.sample.electrodeVoltageRaw());
        g.writeNumberField("supply_voltage_code", t.sample.supplyVoltageRaw());
        g.writeNumberField("dac_readback_code", t.sample.dacReadbackRaw());
        g.writeNumberField("status_bits", t.sample.statusBits());
        g.writeNumberField("sample_sequence", t.sample.sequence());
        g.writeStringField("state_before", EventText.state(t.stateBefore));
        g.writeStringField("state_after", EventText.state(t.stateAfter));
        g.writeStringField("verdict", EventText.verdict(t.verdict));
        g.writeStringField("trip_cause", EventText.tripCause(t.tripCause));
        g.writeNumberField("active_clamps", t.activeClamps);
        g.writeNumberField("target_ua", t.targetUa);
        g.writeNumberField("setpoint_ua", t.setpointUa);
        g.writeNumberField("measured_ua", t.measuredUa);
        g.writeNumberField("load_ohm", t.loadOhm);
        g.writeNumberField("p_term_dac", t.pTerm);
        g.writeNumberField("i_term_dac", t.iTerm);
        g.writeNumberField("d_term_dac", t.dTerm);
        g.writeNumberField("ff_term_dac", t.ffTerm);
        g.writeNumberField("dac_code", t.command.dacCode());
        g.writeBooleanField("polarity_reversed", t.command.polarityReversed());
        g.writeBooleanField("output_enabled", t.command.outputEnabled());
        g.writeNumberField("duty_permille", t.command.dutyPermille());
        g.writeNumberField("actuate_result", t.actuateResult);
        g.writeNumberField("dose_normal_uc", t.doseNormalUc);
        g.writeNumberField("dose_reversed_uc", t.doseReversedUc);
        g.writeNumberField("treatment_elapsed_ns", t.treatmentElapsedNs);
        endLine();
    }

    @Override
    public void onSessionEnd(final SessionSummaryView summary) throws IOException
    {
        requireStarted();
        json.writeStartObject();
        json.writeStringField("record", "session_end");
        json.writeFieldName("summary");
        json.writeObject(summary);
        endLine();
    }

    /**
     * Flushes the generator and the writer (does not close the writer: the caller owns it).
     *
     * @throws IOException when the writer fails.
     */
    @Override
    public void close() throws IOException
    {
        json.close();
    }

    private void endLine() throws IOException
    {
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void requireStarted()
    {
        if (!started)
        {
            throw new IllegalStateException("no session start was pushed: onSessionStart must come first");
        }
    }
}
