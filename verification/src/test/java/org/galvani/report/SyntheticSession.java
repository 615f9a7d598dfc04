package org.galvani.report;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.hal.HalInfo;
import org.galvani.journal.JournaledOverride;
import org.galvani.journal.SessionHeader;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.TripCause;
import org.galvani.safety.Verdict;
import org.galvani.screening.Condition;
import org.galvani.screening.OverrideStatement;
import org.galvani.screening.Placement;
import org.galvani.session.Clamp;
import org.galvani.session.RejectReason;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.testing.TestHal;

/**
 * A deterministic synthetic session pushed in journal order, built without the controller: screen, arm,
 * start, contact check, ramp to 4 mA at 1 mA/s, a compliance clamp, a titration refused above the cap, a
 * one-second contact loss (HOLD-OFF), and a one-tick overcurrent spike that trips (FAULT) at 90 % of the
 * session. Hostile text in the screening summary, the prescription id and the notes checks escaping.
 */
final class SyntheticSession
{
    static final long PERIOD_NS = 1_000_000L;
    static final double CAP_UA = 4_000.0;
    static final double TRIP_LEVEL_UA = 4_400.0;
    static final double SPIKE_UA = 9_000.0;
    static final String HOSTILE_SCREENING = "<script>alert('screening')</script> & \"no contraindication\"";
    static final String HOSTILE_ID = "RX-\"><img src=x onerror=alert(1)>";
    static final String HOSTILE_NOTES = "</style><script>stolen()</script>";
    static final String CLINICIAN = "dr-<b>who</b>";
    static final String HOSTILE_OVERRIDE_REASON = "<img src=x onerror=alert(2)> seizure-free, reviewed";

    private static final HalInfo INFO = TestHal.journalInfo();

    private final long ticks;
    private final long startTick;
    private final long rampEndTick;
    private final long clampOnTick;
    private final long clampOffTick;
    private final long refusedTick;
    private final long holdOffTick;
    private final long resumeTick;
    private final long tripTick;
    private final ControllerEvent event = new ControllerEvent();
    private final TickRecord record = new TickRecord();

    private double doseNormalUc;
    private double maxMeasuredUa;
    private int state = SessionState.IDLE.code();
    private int trips;
    private final long[] perState = new long[SessionState.values().length];

    /**
     * @param ticks how many tick records (at least 20,000).
     */
    SyntheticSession(final long ticks)
    {
        this.ticks = ticks;
        startTick = 100;
        rampEndTick = startTick + 400 + 4_000;
        clampOnTick = ticks / 5;
        clampOffTick = ticks / 4;
        refusedTick = ticks * 3 / 10;
        holdOffTick = ticks * 4 / 10;
        resumeTick = holdOffTick + 1_000;
        tripTick = ticks * 9 / 10;
    }

    static SessionHeader header()
    {
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(PERIOD_NS)
            .monitorLimits(MonitorLimits.defaults(30_000, 50_000, PERIOD_NS));
        final String prescription = "{\"prescriptionId\":\"" + HOSTILE_ID.replace("\"", "\\\"") + "\"," +
            "\"patientId\":\"PATIENT-43\",\"issuedBy\":\"dr-who\",\"protocol\":\"sports-injury-dexamethasone\"," +
            "\"mode\":\"TARGET\",\"targetCurrentMa\":4.0,\"doseMaMin\":6.0,\"electrodeAreaCm2\":10.0}";
        final OverrideStatement override = new OverrideStatement("PATIENT-43", HOSTILE_ID, Placement.LIMB_LOCAL,
            Condition.EPILEPSY, CLINICIAN, Instant.parse("2026-12-06T17:00:00Z"), HOSTILE_OVERRIDE_REASON);
        return SessionHeader.of("device-<7>", ctx, INFO).withClinical("{}", HOSTILE_SCREENING, prescription, CLINICIAN,
            "c2lnbmF0dXJl+/==", "signature verified against trusted key of dr-who", HOSTILE_NOTES)
            .withOverrides("2026-12-06T09:00:00Z", List.of(new JournaledOverride(CLINICIAN, override.text(), "c2ln")));
    }

    static SessionPlan plan()
    {
        return SessionPlan.builder()
            .prescriptionId(HOSTILE_ID)
            .authorised(true)
            .startUa(CAP_UA)
            .capUa(CAP_UA)
            .stepUa(100.0)
            .rampRateUaPerS(1_000.0)
            .durationNs(0L)
            .doseTargetUc(360_000.0)
            .maxSessionNs(300_000_000_000L)
            .tripLevelUa(TRIP_LEVEL_UA)
            .densityLimitUa(5_000.0)
            .doseTripUc(400_000.0)
            .peakLimitUa(CAP_UA)
            .contactTestUa(50.0)
            .contactMaxOhm(50_000.0)
            .contactMinOhm(200.0)
            .validationClamps(Clamp.DENSITY_CAP.bit())
            .conclude();
    }

    /**
     * @return the setpoint of a tick (µA).
     */
    double setpointUa(final long tick)
    {
        if (tick < startTick + 400 || tick >= tripTick || tick >= holdOffTick && tick < resumeTick)
        {
            return 0.0;
        }
        final long rampFrom = tick >= resumeTick ? resumeTick : startTick + 400;
        return Math.min(CAP_UA, (tick - rampFrom) * 1.0);
    }

    /**
     * @return the measured current of a tick (µA): the setpoint with a deterministic ripple, and the spike.
     */
    double measuredUa(final long tick)
    {
        if (tick == tripTick)
        {
            return SPIKE_UA;
        }
        final double setpoint = setpointUa(tick);
        return setpoint == 0.0 ? 0.0 : setpoint + 15.0 * Math.sin(tick * 0.37) + 1.0 / 3.0;
    }

    /**
     * Pushes the whole session.
     *
     * @param sink where to.
     * @param withEnd whether to push the session-end record.
     * @throws IOException from the sink.
     */
    void pushTo(final SessionRecordSink sink, final boolean withEnd) throws IOException
    {
        sink.onSessionStart(header());
        for (long tick = 0; tick < ticks; tick++)
        {
            final int before = state;
            events(sink, tick);
            tick(sink, tick, before);
        }
        if (withEnd)
        {
            sink.onSessionEnd(summary());
        }
    }

    SessionSummaryView summary()
    {
        final Map<SessionState, Long> map = new EnumMap<>(SessionState.class);
        for (int s = 0; s < perState.length; s++)
        {
            if (perState[s] > 0)
            {
                map.put(SessionState.fromCode(s), perState[s]);
            }
        }
        return new SessionSummaryView(ticks - 1, SessionState.fromCode(state), doseNormalUc, 0.0, maxMeasuredUa,
            treatmentNs(ticks - 1), trips, map);
    }

    long ticks()
    {
        return ticks;
    }

    long tripTick()
    {
        return tripTick;
    }

    long holdOffTick()
    {
        return holdOffTick;
    }

    private long treatmentNs(final long tick)
    {
        final long from = startTick + 400;
        final long end = Math.min(tick, tripTick - 1);
        if (end < from)
        {
            return 0;
        }
        long treated = end - from + 1;
        if (end >= holdOffTick)
        {
            treated -= Math.min(end, resumeTick - 1) - holdOffTick + 1;
        }
        return treated * PERIOD_NS;
    }

    private void events(final SessionRecordSink sink, final long tick) throws IOException
    {
        if (tick == 0)
        {
            final ScreeningDecision decision = new ScreeningDecision(true, HOSTILE_SCREENING);
            command(sink, tick, 1, SessionEvent.SCREEN, decision);
            event.reset(EventType.SCREENING_FROZEN, tick).commandId = 1;
            event.attachment = decision;
            sink.onEvent(event);
            change(sink, tick, SessionEvent.SCREEN, SessionState.SCREENED);
        }
        else if (tick == 10)
        {
            command(sink, tick, 2, SessionEvent.ARM, plan());
            event.reset(EventType.PRESCRIPTION_ARMED, tick).commandId = 2;
            event.attachment = plan();
            sink.onEvent(event);
            change(sink, tick, SessionEvent.ARM, SessionState.ARMED);
        }
        else if (tick == startTick)
        {
            command(sink, tick, 3, SessionEvent.START, null);
            change(sink, tick, SessionEvent.START, SessionState.RAMP_UP);
        }
        else if (tick == startTick + 400)
        {
            event.reset(EventType.CONTACT_CHECK, tick);
            event.measured = 3_200.0;
            event.limit = 50_000.0;
            sink.onEvent(event);
        }
        else if (tick == rampEndTick || tick == resumeTick + 4_000)
        {
            change(sink, tick, SessionEvent.RAMP_DONE, SessionState.TREATING);
        }
        else if (tick == clampOnTick || tick == clampOffTick)
        {
            event.reset(EventType.CLAMPS_CHANGED, tick);
            event.code = tick == clampOnTick ? Clamp.COMPLIANCE_LIMITED.bit() : 0;
            event.arg = tick == clampOnTick ? 0 : Clamp.COMPLIANCE_LIMITED.bit();
            sink.onEvent(event);
        }
        else if (tick == refusedTick)
        {
            event.reset(EventType.COMMAND_REJECTED, tick);
            event.commandId = 4;
            event.sessionEvent = SessionEvent.ADJUST.code();
            event.arg = 5;
            event.fromState = state;
            event.code = RejectReason.ABOVE_CAP.code();
            sink.onEvent(event);
        }
        else if (tick == holdOffTick)
        {
            event.reset(EventType.HOLD_OFF, tick);
            event.code = TripCause.CONTACT_LOST.code();
            event.measured = 250_000.0;
            event.limit = 100_000.0;
            sink.onEvent(event);
            change(sink, tick, SessionEvent.CONTACT_LOST, SessionState.HOLD_OFF);
        }
        else if (tick == resumeTick)
        {
            change(sink, tick, SessionEvent.CONTACT_PROBE, SessionState.RAMP_UP);
        }
        else if (tick == tripTick)
        {
            event.reset(EventType.TRIP, tick);
            event.code = TripCause.OVERCURRENT.code();
            event.measured = SPIKE_UA;
            event.limit = TRIP_LEVEL_UA;
            sink.onEvent(event);
            trips++;
            change(sink, tick, SessionEvent.TRIP, SessionState.FAULT);
        }
    }

    private void command(final SessionRecordSink sink, final long tick, final long id, final SessionEvent request,
        final Object attachment) throws IOException
    {
        event.reset(EventType.COMMAND_ACCEPTED, tick);
        event.commandId = id;
        event.sessionEvent = request.code();
        event.fromState = state;
        event.attachment = attachment;
        sink.onEvent(event);
    }

    private void change(final SessionRecordSink sink, final long tick, final SessionEvent cause,
        final SessionState next) throws IOException
    {
        event.reset(EventType.STATE_CHANGED, tick);
        event.sessionEvent = cause.code();
        event.fromState = state;
        event.toState = next.code();
        sink.onEvent(event);
        state = next.code();
    }

    private void tick(final SessionRecordSink sink, final long tick, final int before) throws IOException
    {
        final TickRecord t = record;
        final double setpoint = setpointUa(tick);
        final double measured = measuredUa(tick);
        t.tick = tick;
        t.scheduledNs = 5_000_000_000L + tick * PERIOD_NS;
        t.actualNs = t.scheduledNs + 1_000 + tick % 7;
        t.lastTickDurationNs = 480 + tick % 13;
        t.latenessNs = 1_000 + tick % 7;
        t.sampleResult = 0;
        t.sample.set((int) Math.round(measured / 1.5), (int) Math.round(measured / 1.5) + 1,
            (int) (tick % 20_000), 8_000, (int) (setpoint / 0.76), 0, tick + 17);
        t.stateBefore = before;
        t.stateAfter = state;
        t.verdict = tick == tripTick ? Verdict.TRIP : tick == holdOffTick ? Verdict.HOLD_OFF : Verdict.OK;
        t.tripCause = tick == tripTick ? TripCause.OVERCURRENT.code()
            : tick == holdOffTick ? TripCause.CONTACT_LOST.code() : 0;
        t.activeClamps = Clamp.DENSITY_CAP.bit() | (tick >= clampOnTick && tick < clampOffTick
            ? Clamp.COMPLIANCE_LIMITED.bit() : 0);
        t.targetUa = tick >= startTick ? CAP_UA : 0.0;
        t.setpointUa = setpoint;
        t.measuredUa = measured;
        t.loadOhm = measured == 0.0 ? Double.POSITIVE_INFINITY : 3_000.0 + tick * 1e-3 + 0.1;
        t.pTerm = (setpoint - measured) * 0.01;
        t.iTerm = setpoint / 0.76 * 0.9 + 1e-9 * tick;
        t.dTerm = tick % 2 == 0 ? -0.0 : Math.ulp(1.0) * tick;
        t.ffTerm = setpoint / 0.76;
        final boolean output = SessionState.fromCode(state).outputAllowed() && setpoint > 0;
        t.command.set((int) Math.round(setpoint / 0.76), false, output, 1000);
        t.actuateResult = 0;
        if (output)
        {
            doseNormalUc += measured * PERIOD_NS / 1e9;
        }
        t.doseNormalUc = doseNormalUc;
        t.doseReversedUc = 0.0;
        t.treatmentElapsedNs = treatmentNs(tick);
        maxMeasuredUa = Math.max(maxMeasuredUa, measured);
        perState[state]++;
        sink.onTick(t);
    }
}
