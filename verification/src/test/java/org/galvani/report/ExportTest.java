package org.galvani.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.galvani.journal.SessionHeader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CSV and JSON Lines exports: every tick field present under its column, one row or object per tick,
 * doubles read back to the same bits (including -0.0, infinities and values that print long), events
 * and their quoting.
 */
class ExportTest
{
    private static final int TICKS = 20_000;

    /** Records every tick's doubles as pushed, to compare with what the exports wrote. */
    private static final class Recorder implements SessionRecordSink
    {
        final List<double[]> doubles = new ArrayList<>();
        final List<long[]> longs = new ArrayList<>();
        int events;

        @Override
        public void onSessionStart(final SessionHeader header)
        {
        }

        @Override
        public void onEvent(final ControllerEvent event)
        {
            events++;
        }

        @Override
        public void onTick(final TickRecord t)
        {
            doubles.add(new double[] {t.targetUa, t.setpointUa, t.measuredUa, t.loadOhm, t.pTerm, t.iTerm, t.dTerm,
                t.ffTerm, t.doseNormalUc, t.doseReversedUc});
            longs.add(new long[] {t.tick, t.scheduledNs, t.actualNs, t.lastTickDurationNs, t.latenessNs,
                t.sample.sequence(), t.treatmentElapsedNs, t.sample.currentARaw(), t.command.dacCode()});
        }

        @Override
        public void onSessionEnd(final SessionSummaryView summary)
        {
        }
    }

    private static final String[] DOUBLE_COLUMNS = {"target_ua", "setpoint_ua", "measured_ua", "load_ohm", "p_term_dac",
        "i_term_dac", "d_term_dac", "ff_term_dac", "dose_normal_uc", "dose_reversed_uc"};
    private static final String[] LONG_COLUMNS = {"tick", "scheduled_ns", "actual_ns", "last_tick_duration_ns",
        "lateness_ns", "sample_sequence", "treatment_elapsed_ns", "current_a_code", "dac_code"};

    @Test
    @DisplayName("CSV: header with units, one row per tick with every field, doubles round-trip, events quoted")
    void csv() throws IOException
    {
        final Recorder expected = new Recorder();
        new SyntheticSession(TICKS).pushTo(expected, true);
        final StringWriter ticks = new StringWriter();
        final StringWriter events = new StringWriter();
        try (CsvExport export = new CsvExport(ticks, events))
        {
            new SyntheticSession(TICKS).pushTo(export, true);
        }
        final List<List<String>> rows = parseCsv(ticks.toString());
        assertEquals(CsvExport.TICK_COLUMNS, rows.get(0));
        assertEquals(TICKS, rows.size() - 1, "one row per tick");
        assertTrue(rows.get(0).contains("setpoint_ua") && rows.get(0).contains("scheduled_ns"));
        for (int i = 1; i < rows.size(); i++)
        {
            final List<String> row = rows.get(i);
            assertEquals(CsvExport.TICK_COLUMNS.size(), row.size(), "row " + i);
            for (int c = 0; c < row.size(); c++)
            {
                assertFalse(row.get(c).isEmpty(), "row " + i + " column " + CsvExport.TICK_COLUMNS.get(c));
            }
            final double[] want = expected.doubles.get(i - 1);
            for (int d = 0; d < DOUBLE_COLUMNS.length; d++)
            {
                final double got = Double.parseDouble(row.get(CsvExport.TICK_COLUMNS.indexOf(DOUBLE_COLUMNS[d])));
                assertEquals(Double.doubleToRawLongBits(want[d]), Double.doubleToRawLongBits(got),
                    "tick " + (i - 1) + " " + DOUBLE_COLUMNS[d]);
            }
            final long[] wantLongs = expected.longs.get(i - 1);
            for (int l = 0; l < LONG_COLUMNS.length; l++)
            {
                assertEquals(wantLongs[l], Long.parseLong(row.get(CsvExport.TICK_COLUMNS.indexOf(LONG_COLUMNS[l]))));
            }
        }
        final List<String> trip = rows.get((int) new SyntheticSession(TICKS).tripTick() + 1);
        assertEquals("TRIP", trip.get(CsvExport.TICK_COLUMNS.indexOf("verdict")));
        assertEquals("OVERCURRENT", trip.get(CsvExport.TICK_COLUMNS.indexOf("trip_cause")));
        assertEquals("FAULT", trip.get(CsvExport.TICK_COLUMNS.indexOf("state_after")));

        final List<List<String>> eventRows = parseCsv(events.toString());
        assertEquals(CsvExport.EVENT_COLUMNS, eventRows.get(0));
        assertEquals(expected.events, eventRows.size() - 1, "one row per event");
        final int text = CsvExport.EVENT_COLUMNS.indexOf("text");
        assertTrue(eventRows.stream().anyMatch(r -> r.get(text).contains(SyntheticSession.HOSTILE_SCREENING)),
            "text with commas and quotes survives quoting");
        final String tripTick = Long.toString(new SyntheticSession(TICKS).tripTick());
        assertTrue(eventRows.stream().anyMatch(r -> r.get(0).equals(tripTick)
            && r.get(1).equals("TRIP") && r.get(CsvExport.EVENT_COLUMNS.indexOf("unit")).equals("µA")));
    }

    @Test
    @DisplayName("JSON Lines: start, events, one object per tick with every field, end; doubles round-trip bit for bit")
    void jsonLines() throws IOException
    {
        final Recorder expected = new Recorder();
        new SyntheticSession(TICKS).pushTo(expected, true);
        final StringWriter out = new StringWriter();
        try (JsonExport export = new JsonExport(out))
        {
            new SyntheticSession(TICKS).pushTo(export, true);
        }
        final String[] lines = out.toString().split("\n", -1);
        assertEquals("", lines[lines.length - 1], "every line ends with a newline");
        final ObjectMapper mapper = new ObjectMapper();
        int ticks = 0;
        int events = 0;
        final Set<String> kinds = new HashSet<>();
        for (int i = 0; i < lines.length - 1; i++)
        {
            final JsonNode node = mapper.readTree(lines[i]);
            final String kind = node.get("record").asText();
            kinds.add(kind);
            if (i == 0)
            {
                assertEquals("session_start", kind);
                assertEquals(SyntheticSession.HOSTILE_SCREENING, node.get("header").get("screeningSummary").asText());
            }
            if (kind.equals("event"))
            {
                events++;
            }
            if (!kind.equals("tick"))
            {
                continue;
            }
            final Set<String> fields = new HashSet<>();
            for (final Iterator<String> it = node.fieldNames(); it.hasNext();)
            {
                fields.add(it.next());
            }
            fields.remove("record");
            assertEquals(new HashSet<>(CsvExport.TICK_COLUMNS), fields, "every tick field, named as in the CSV");
            final double[] want = expected.doubles.get(ticks);
            for (int d = 0; d < DOUBLE_COLUMNS.length; d++)
            {
                final JsonNode value = node.get(DOUBLE_COLUMNS[d]);
                final double got = value.isTextual() ? Double.parseDouble(value.asText()) : value.doubleValue();
                assertEquals(Double.doubleToRawLongBits(want[d]), Double.doubleToRawLongBits(got),
                    "tick " + ticks + " " + DOUBLE_COLUMNS[d]);
            }
            final long[] wantLongs = expected.longs.get(ticks);
            for (int l = 0; l < LONG_COLUMNS.length; l++)
            {
                assertEquals(wantLongs[l], node.get(LONG_COLUMNS[l]).longValue(), LONG_COLUMNS[l]);
            }
            ticks++;
        }
        assertEquals(TICKS, ticks, "one object per tick");
        assertEquals(expected.events, events, "one object per event");
        assertEquals(Set.of("session_start", "event", "tick", "session_end"), kinds);
        assertEquals("session_end", mapper.readTree(lines[lines.length - 2]).get("record").asText());
        assertTrue(out.toString().contains("\"attachment\":{\"authorised\":true"), "the ARM event carries its plan");
    }

    /** A strict RFC 4180 reader for the test. */
    static List<List<String>> parseCsv(final String text)
    {
        final List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (quoted)
            {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"')
                {
                    field.append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.add(field.toString());
                field.setLength(0);
            }
            else if (c == '\n')
            {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            }
            else
            {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.length() == 0, "the file ends with a newline");
        return rows;
    }
}
