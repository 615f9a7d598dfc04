package org.galvani.fleet.audit;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.galvani.config.StrictJson;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.journal.JournalReader;
import org.galvani.journal.JournalVerifier;
import org.galvani.journal.JournalVisitor;
import org.galvani.journal.SessionHeader;
import org.galvani.journal.SessionSummary;
import org.galvani.journal.VerifyReport;
import org.galvani.report.EventText;
import org.galvani.safety.TripCause;
import org.galvani.session.Clamp;
import org.galvani.session.SessionState;
import org.galvani.session.SkinGrade;

/**
 * The journal as a pure function, {@code path → verdict + session rows + event rows}: the controller
 * library's {@link JournalVerifier} checks the hash chain, the device's seals, tick continuity and framing
 * (SR-14); when the journal is OK or INCOMPLETE, one pass of {@link JournalReader} tabulates each session.
 * A FAILED journal yields its verdict row with the first bad record and no session rows.
 *
 * <p>Threading: stateless; {@link #audit} may run on any thread. Allocation: per journal (rows), the pass
 * over the ticks itself keeps counters only.
 */
public final class JournalAudit
{
    /**
     * What one journal yields.
     *
     * @param journal  its verdict.
     * @param sessions its sessions (none when FAILED).
     * @param events   their noteworthy events.
     */
    public record Result(JournalRow journal, List<SessionRow> sessions, List<EventRow> events) implements Serializable
    {
        private static final long serialVersionUID = 1L;
    }

    private JournalAudit()
    {
    }

    /**
     * @param dir       the journal folder.
     * @param name      how the tables name it (the path as given).
     * @param deviceKey the device's public key, or null when none was found (verdict NO_KEY).
     * @return the result.
     */
    public static Result audit(final Path dir, final String name, final PublicKey deviceKey)
    {
        final long bytes = bytes(dir);
        if (deviceKey == null)
        {
            return new Result(new JournalRow(name, deviceOf(dir), "NO_KEY", "no public key for device " +
                deviceOf(dir), 0, 0, 0, 0, 0, -1, -1, bytes), List.of(), List.of());
        }
        final VerifyReport report = JournalVerifier.verify(dir, deviceKey);
        final JournalRow row = new JournalRow(name, deviceOf(dir), report.status().name(), report.message(),
            report.records(), report.sessions(), report.ticks(), report.events(), report.seals(), report.badRecord(),
            report.badIndex(), bytes);
        if (report.status() == VerifyReport.Status.FAILED)
        {
            return new Result(row, List.of(), List.of());
        }
        final Tabulator tabulator = new Tabulator(name, report);
        long used = 0;
        try (JournalReader reader = JournalReader.open(dir))
        {
            long last = 0;
            while (reader.next(tabulator))
            {
                // each record is pushed into the tabulator; the .cq4 files are pre-allocated (sparse), so the
                // bytes read are the records' positions: a position going back is the next cycle's file
                final long position = reader.position();
                if (position < last)
                {
                    used += last;
                }
                last = position;
            }
            used += last;
        }
        tabulator.finishOpenSession();
        final String device = tabulator.sessions.isEmpty() ? row.device() : tabulator.sessions.get(0).device();
        return new Result(new JournalRow(name, device, row.verdict(), row.message(), row.records(), row.sessions(),
            row.ticks(), row.events(), row.seals(), row.badRecord(), row.badIndex(), used),
            List.copyOf(tabulator.sessions), List.copyOf(tabulator.events));
    }

    /**
     * @param dir a journal folder.
     * @return the device a fleet folder layout ({@code DEVICE/SESSION/}) implies: the parent folder's name.
     */
    public static String deviceOf(final Path dir)
    {
        final Path parent = dir.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    }

    /**
     * @param dir a journal folder.
     * @return the device id of its first session header, or null when it has none or cannot be read.
     */
    public static String headerDevice(final Path dir)
    {
        final String[] device = {null};
        try (JournalReader reader = JournalReader.open(dir))
        {
            final JournalVisitor first = new JournalVisitor()
            {
                @Override
                public void onSessionStart(final long index, final SessionHeader header)
                {
                    device[0] = header.deviceId();
                }
            };
            for (int i = 0; i < 4 && device[0] == null && reader.next(first); i++)
            {
                // the header is the first record; a few more are tolerated
            }
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
        return device[0];
    }

    private static long bytes(final Path dir)
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(p ->
            {
                try
                {
                    return Files.size(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }).sum();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** One pass over a verified journal: per-session counters and rows. */
    private static final class Tabulator implements JournalVisitor
    {
        private final String name;
        private final VerifyReport report;
        final List<SessionRow> sessions = new ArrayList<>();
        final List<EventRow> events = new ArrayList<>();

        private SessionHeader header;
        private String sessionId;
        private int ordinal = -1;
        private final Map<String, Long> tripsByCause = new TreeMap<>();
        private final Map<String, Long> clampsByCause = new TreeMap<>();
        private long ticks;
        private long trips;
        private long contactEvents;
        private long holdOffs;
        private long longestTickNs;
        private long lateTicks;
        private double maxMeasuredUa;
        private double doseUc;
        private int finalState;
        private int clampMask;

        Tabulator(final String name, final VerifyReport report)
        {
            this.name = name;
            this.report = report;
        }

        @Override
        public void onSessionStart(final long index, final SessionHeader h)
        {
            finishOpenSession();
            header = h;
            ordinal++;
            final String id = field(h.prescriptionJson(), "prescriptionId");
            sessionId = id != null ? id : name + "#" + ordinal;
            tripsByCause.clear();
            clampsByCause.clear();
            ticks = 0;
            trips = 0;
            contactEvents = 0;
            holdOffs = 0;
            longestTickNs = 0;
            lateTicks = 0;
            maxMeasuredUa = 0;
            doseUc = 0;
            finalState = SessionState.IDLE.code();
            clampMask = 0;
        }

        @Override
        public void onTick(final long index, final TickRecord t)
        {
            if (header == null)
            {
                return;
            }
            ticks++;
            longestTickNs = Math.max(longestTickNs, t.lastTickDurationNs);
            if (t.latenessNs > header.monitorLimits().lateTickThresholdNs())
            {
                lateTicks++;
            }
            maxMeasuredUa = Math.max(maxMeasuredUa, Math.abs(t.measuredUa));
            doseUc = t.doseNormalUc + t.doseReversedUc;
            if (t.stateAfter == SessionState.FAULT.code() && t.stateBefore != SessionState.FAULT.code())
            {
                trips++;
                tripsByCause.merge(TripCause.fromCode(t.tripCause).name(), 1L, Long::sum);
            }
            final int rising = t.activeClamps & ~clampMask;
            for (final Clamp clamp : Clamp.values())
            {
                if ((rising & clamp.bit()) != 0)
                {
                    clampsByCause.merge(clamp.name(), 1L, Long::sum);
                }
            }
            clampMask = t.activeClamps;
            finalState = t.stateAfter;
        }

        @Override
        public void onEvent(final long index, final ControllerEvent e)
        {
            if (header == null)
            {
                return;
            }
            final EventType type = e.type;
            String cause = "";
            String sr = "";
            switch (type)
            {
                case TRIP, HOLD_OFF ->
                {
                    final TripCause tc = TripCause.fromCode(e.code);
                    cause = tc.name();
                    sr = tc.requirement();
                    if (type == EventType.HOLD_OFF)
                    {
                        holdOffs++;
                    }
                    if (tc == TripCause.CONTACT_LOST || tc == TripCause.CONTACT_CHECK_SHORT)
                    {
                        contactEvents++;
                    }
                }
                case CLAMPS_CHANGED -> cause = Clamp.describe(e.code);
                case SKIN_CHECKED ->
                {
                    cause = SkinGrade.fromCode(e.code).name();
                    sr = "SR-22";
                }
                case COMMAND_REJECTED -> cause = EventText.rejectReason(e.code);
                case CONTACT_CHECK ->
                {
                    if (e.measured > e.limit)
                    {
                        contactEvents++;
                    }
                }
                default ->
                {
                    return;
                }
            }
            events.add(new EventRow(name, header.deviceId(), sessionId, e.tick, type.name(), cause, sr,
                EventText.describe(e)));
        }

        @Override
        public void onSessionEnd(final long index, final SessionSummary summary)
        {
            finish(SessionState.fromCode(summary.finalState()).name());
        }

        void finishOpenSession()
        {
            if (header != null)
            {
                finish("INCOMPLETE");
            }
        }

        private void finish(final String outcome)
        {
            final String prescription = header.prescriptionJson();
            final String dose = field(prescription, "doseMaMin");
            sessions.add(new SessionRow(name, header.deviceId(), sessionId, ordinal, orEmpty(field(prescription,
                "protocol")), field(prescription, "drug"), orEmpty(field(prescription, "mode")),
                dose == null ? null : Double.valueOf(dose), doseUc / 60_000.0,
                ticks * (double)header.tickPeriodNs() / 1e9, outcome, ticks, trips, join(tripsByCause),
                join(clampsByCause), contactEvents, holdOffs, longestTickNs / 1e3, lateTicks, maxMeasuredUa / 1e3,
                report.seals(), report.status().name()));
            header = null;
        }

        private static String orEmpty(final String s)
        {
            return s == null ? "" : s;
        }

        private static String join(final Map<String, Long> counts)
        {
            final StringBuilder sb = new StringBuilder();
            counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ";").append(k).append('=').append(v));
            return sb.toString();
        }

        private static String field(final String json, final String field)
        {
            if (json == null || json.isEmpty())
            {
                return null;
            }
            try
            {
                final JsonNode node = StrictJson.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "prescription");
                final JsonNode inner = node.has("prescription") ? node.get("prescription") : node;
                final JsonNode value = inner.get(field);
                return value == null || value.isNull() ? null : value.asText();
            }
            catch (final RuntimeException ex)
            {
                return null;
            }
        }
    }
}
