package org.galvani.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import org.galvani.config.StrictJson;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.galvani.journal.SessionHeader;
import org.galvani.safety.Verdict;
import org.galvani.session.Clamp;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * Accumulates what the auditor's report needs from one journaled session, fed in journal order
 * ({@link SessionRecordSink}), without keeping the ticks: per tick it updates a few counters and
 * bounded min/max downsamplers ({@value #SERIES_BUCKETS} buckets per series, so at most about
 * {@value #MAX_SERIES_POINTS} points per series however long the session), and closes a state band
 * when the state changes. Events are few and all kept, decoded to text. {@link #build()} returns the
 * immutable {@link SessionReport} that {@link HtmlReport#render} turns into the page.
 *
 * <p>Memory: O(buckets + events + state changes), independent of the tick count. Threading: one thread.
 */
public final class ReportBuilder implements SessionRecordSink
{
    /** Downsampling buckets per series. */
    public static final int SERIES_BUCKETS = 1024;
    /** Most points one current series can have (min and max per bucket). */
    public static final int MAX_SERIES_POINTS = 2 * SERIES_BUCKETS;
    /** Most state bands kept; a session that changes state more often shows the rest as one band. */
    public static final int MAX_BANDS = 2000;

    private static final double UC_PER_MA_MIN = 60_000.0;
    private static final int STATES = SessionState.values().length;
    private static final int CLAMPS = Clamp.values().length;

    private SessionHeader header;
    private String configHash = "";
    private List<SessionReport.Field> prescriptionFields = List.of();
    private SessionPlan plan;
    private ScreeningDecision screening;
    private SessionSummaryView summary;

    private long firstTick = -1;
    private long lastTick = -1;
    private long tickCount;
    private long tickGaps;
    private final long[] ticksPerState = new long[STATES];

    private final List<SessionReport.StateBand> bands = new ArrayList<>();
    private boolean bandsTruncated;
    private long bandStart = -1;
    private int bandState = -1;

    private final MinMaxDownsampler measured = new MinMaxDownsampler(SERIES_BUCKETS);
    private final MinMaxDownsampler setpoint = new MinMaxDownsampler(SERIES_BUCKETS);
    private final MinMaxDownsampler doseTotal = new MinMaxDownsampler(SERIES_BUCKETS);
    private final MinMaxDownsampler doseNormal = new MinMaxDownsampler(SERIES_BUCKETS);
    private final MinMaxDownsampler doseReversed = new MinMaxDownsampler(SERIES_BUCKETS);

    private final List<SessionReport.Marker> markers = new ArrayList<>();
    private final List<SessionReport.EventLine> events = new ArrayList<>();

    private final long[] clampTicks = new long[CLAMPS];
    private final long[] clampFirstTick = new long[CLAMPS];
    private final int[] clampActivations = new int[CLAMPS];
    private final int[] clampEvents = new int[CLAMPS];
    private int previousClamps;

    private double doseNormalUc;
    private double doseReversedUc;
    private double maxMeasuredUa;
    private long maxMeasuredTick = -1;
    private double maxSetpointUa;
    private double maxTargetUa;
    private long treatmentElapsedNs;
    private int finalState = -1;
    private boolean operatorStopped;
    private long tripTicks;
    private long holdOffTicks;
    private long outputEnabledTicks;

    /**
     * A builder for one session.
     */
    public ReportBuilder()
    {
        Arrays.fill(clampFirstTick, -1L);
    }

    /**
     * Records the journal's configuration hash, shown in the report's header.
     *
     * @param hash the hash as the journal gives it (hex or base64), "" when none.
     * @return this.
     */
    public ReportBuilder configHash(final String hash)
    {
        configHash = Objects.requireNonNull(hash, "hash");
        return this;
    }

    @Override
    public void onSessionStart(final SessionHeader sessionHeader)
    {
        if (header != null)
        {
            throw new IllegalStateException("a report covers one session: onSessionStart was called twice");
        }
        header = Objects.requireNonNull(sessionHeader, "sessionHeader");
        prescriptionFields = prescriptionFields(sessionHeader.prescriptionJson());
    }

    @Override
    public void onEvent(final ControllerEvent event)
    {
        requireStarted();
        final String text = EventText.describe(event);
        events.add(new SessionReport.EventLine(event.tick, event.type, event.commandId, event.code, text));
        if (event.type == null)
        {
            return;
        }
        switch (event.type)
        {
            case TRIP -> markers.add(new SessionReport.Marker(event.tick, true, event.code, text));
            case HOLD_OFF -> markers.add(new SessionReport.Marker(event.tick, false, event.code, text));
            case CLAMPS_CHANGED ->
            {
                final int changed = event.code ^ event.arg;
                for (int c = 0; c < CLAMPS; c++)
                {
                    if ((changed & (1 << c)) != 0)
                    {
                        clampEvents[c]++;
                    }
                }
            }
            case PRESCRIPTION_ARMED ->
            {
                if (event.attachment instanceof SessionPlan armed)
                {
                    plan = armed;
                }
            }
            case COMMAND_ACCEPTED ->
            {
                if (event.sessionEvent == SessionEvent.ARM.code() && event.attachment instanceof SessionPlan armed)
                {
                    plan = armed;
                }
                if (event.sessionEvent == SessionEvent.STOP.code())
                {
                    operatorStopped = true;
                }
            }
            case SCREENING_FROZEN ->
            {
                if (event.attachment instanceof ScreeningDecision decision)
                {
                    screening = decision;
                }
            }
            default ->
            {
                // text only
            }
        }
    }

    @Override
    public void onTick(final TickRecord t)
    {
        requireStarted();
        final long tick = t.tick;
        if (firstTick < 0)
        {
            firstTick = tick;
        }
        else if (tick != lastTick + 1)
        {
            tickGaps++;
        }
        final int state = t.stateAfter;
        band(tick, state, lastTick);
        lastTick = tick;
        tickCount++;
        if (state >= 0 && state < STATES)
        {
            ticksPerState[state]++;
        }
        finalState = state;

        measured.add(tick, t.measuredUa);
        setpoint.add(tick, t.setpointUa);
        doseNormalUc = t.doseNormalUc;
        doseReversedUc = t.doseReversedUc;
        doseTotal.add(tick, (t.doseNormalUc + t.doseReversedUc) / UC_PER_MA_MIN);
        doseNormal.add(tick, t.doseNormalUc / UC_PER_MA_MIN);
        doseReversed.add(tick, t.doseReversedUc / UC_PER_MA_MIN);
        if (maxMeasuredTick < 0 || t.measuredUa > maxMeasuredUa)
        {
            maxMeasuredUa = t.measuredUa;
            maxMeasuredTick = tick;
        }
        maxSetpointUa = Math.max(maxSetpointUa, t.setpointUa);
        maxTargetUa = Math.max(maxTargetUa, t.targetUa);
        treatmentElapsedNs = t.treatmentElapsedNs;
        if (t.verdict == Verdict.TRIP)
        {
            tripTicks++;
        }
        else if (t.verdict == Verdict.HOLD_OFF)
        {
            holdOffTicks++;
        }
        if (t.command.outputEnabled())
        {
            outputEnabledTicks++;
        }

        final int clamps = t.activeClamps;
        if (clamps != 0 || previousClamps != 0)
        {
            for (int c = 0; c < CLAMPS; c++)
            {
                final int bit = 1 << c;
                if ((clamps & bit) != 0)
                {
                    clampTicks[c]++;
                    if (clampFirstTick[c] < 0)
                    {
                        clampFirstTick[c] = tick;
                    }
                    if ((previousClamps & bit) == 0)
                    {
                        clampActivations[c]++;
                    }
                }
            }
        }
        previousClamps = clamps;
    }

    @Override
    public void onSessionEnd(final SessionSummaryView sessionSummary)
    {
        requireStarted();
        summary = Objects.requireNonNull(sessionSummary, "sessionSummary");
    }

    /**
     * The report of everything pushed so far; may be called before the session end (a journal cut short
     * by a crash has none) and more than once.
     *
     * @return the report.
     * @throws IllegalStateException when no session start was pushed.
     */
    public SessionReport build()
    {
        requireStarted();
        final List<SessionReport.StateBand> allBands = new ArrayList<>(bands);
        if (bandStart >= 0)
        {
            allBands.add(new SessionReport.StateBand(bandStart, lastTick, bandState));
        }
        final Map<SessionState, Long> perState = new EnumMap<>(SessionState.class);
        for (int s = 0; s < STATES; s++)
        {
            if (ticksPerState[s] > 0)
            {
                perState.put(SessionState.fromCode(s), ticksPerState[s]);
            }
        }
        final int prescribedClamps = plan != null ? plan.validationClamps() : 0;
        final List<SessionReport.ClampUsage> clamps = new ArrayList<>();
        for (final Clamp clamp : Clamp.values())
        {
            final int c = clamp.ordinal();
            final boolean fromPrescription = (prescribedClamps & clamp.bit()) != 0;
            if (clampTicks[c] > 0 || clampEvents[c] > 0 || fromPrescription)
            {
                clamps.add(new SessionReport.ClampUsage(clamp, clampTicks[c], clampFirstTick[c], clampActivations[c],
                    clampEvents[c], fromPrescription));
            }
        }
        final SessionReport.Delivered delivered = new SessionReport.Delivered(doseNormalUc, doseReversedUc,
            maxMeasuredUa, maxMeasuredTick, maxSetpointUa, maxTargetUa, treatmentElapsedNs, finalState, tripTicks,
            holdOffTicks, outputEnabledTicks, operatorStopped);
        return new SessionReport(header, configHash, prescriptionFields, plan, screening, firstTick, lastTick,
            tickCount, tickGaps, perState, allBands, bandsTruncated, measured.envelope(), setpoint.envelope(),
            doseTotal.lastValues(), doseNormal.lastValues(), doseReversed.lastValues(), measured.widthTicks(), markers,
            events, clamps, delivered, summary);
    }

    private void band(final long tick, final int state, final long previousTick)
    {
        if (bandStart < 0)
        {
            bandStart = tick;
            bandState = state;
            return;
        }
        if (state == bandState || bandsTruncated)
        {
            return;
        }
        if (bands.size() + 1 >= MAX_BANDS)
        {
            bandsTruncated = true;
            return;
        }
        bands.add(new SessionReport.StateBand(bandStart, previousTick, bandState));
        bandStart = tick;
        bandState = state;
    }

    private void requireStarted()
    {
        if (header == null)
        {
            throw new IllegalStateException("no session start was pushed: onSessionStart must come first");
        }
    }

    /**
     * Flattens the prescription JSON to name/value pairs (nested objects with dotted names). Text that is
     * not JSON is shown as one field, so a damaged header still reports.
     */
    static List<SessionReport.Field> prescriptionFields(final String json)
    {
        if (json == null || json.isBlank())
        {
            return List.of();
        }
        final List<SessionReport.Field> fields = new ArrayList<>();
        try
        {
            final JsonNode root = StrictJson.mapper().readTree(json);
            flatten("", root, fields);
        }
        catch (final IOException ex)
        {
            fields.clear();
            fields.add(new SessionReport.Field("(not JSON)", json));
        }
        return fields;
    }

    private static void flatten(final String prefix, final JsonNode node, final List<SessionReport.Field> out)
    {
        if (node.isObject())
        {
            final Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext())
            {
                final Map.Entry<String, JsonNode> entry = it.next();
                flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(), entry.getValue(), out);
            }
        }
        else
        {
            out.add(new SessionReport.Field(prefix.isEmpty() ? "(value)" : prefix,
                node.isValueNode() ? node.asText() : node.toString()));
        }
    }
}
