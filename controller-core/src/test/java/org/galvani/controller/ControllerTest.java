package org.galvani.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.galvani.command.CommandInbox;
import org.galvani.hal.HalErrorCode;
import org.galvani.safety.TripCause;
import org.galvani.safety.Verdict;
import org.galvani.session.RejectReason;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.galvani.testing.FakeLoadDriver;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tick pipeline of {@link Controller} — sample, monitor, commands, state machine, ramp and PID, actuate,
 * dose, journal, status — over the pure-Java {@link FakeLoadDriver} (a resistive load, no native sim), driven
 * by a {@link SessionDriver}.
 */
class ControllerTest
{
    private static final ScreeningDecision CLEAR = new ScreeningDecision(true, "clear");
    private static final long SECOND_TICKS = 1_000;

    /** A controller on a fake load with a journal that keeps the event types and can be made to refuse. */
    private static final class Rig
    {
        final FakeLoadDriver driver;
        final StatusPublisher publisher = new StatusPublisher();
        final List<EventType> events = new ArrayList<>();
        final SessionDriver session;
        boolean journalRefuses;

        Rig(final FakeLoadDriver driver)
        {
            this.driver = driver;
            final ControllerContext ctx = TestPlans.context();
            final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
            final Controller controller = new Controller(ctx, driver, inbox, new JournalSink()
            {
                @Override
                public boolean onTick(final TickRecord record)
                {
                    return !journalRefuses;
                }

                @Override
                public boolean onEvent(final ControllerEvent event)
                {
                    events.add(event.type);
                    return !journalRefuses;
                }
            }, publisher);
            session = new SessionDriver(controller, inbox);
        }

        Controller controller()
        {
            return session.controller();
        }

        ControllerStatus status()
        {
            return publisher.read(new ControllerStatus());
        }
    }

    @Test
    @DisplayName("a time-ended session on a 3 kΩ load: SCREEN, ARM, START reach TREATING, the current settles at the target, the dose counts, and the session ends by itself with the output off")
    void timeEndedSessionRunsToCompletion()
    {
        final Rig rig = new Rig(new FakeLoadDriver(3_000));
        assertTrue(rig.session.begin(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(5 * TestPlans.SECOND_NS)
            .conclude(), 10 * SECOND_TICKS),
            "reached TREATING, state " + rig.controller().state());
        rig.session.ticks(SECOND_TICKS);
        assertEquals(2_000, rig.controller().measuredUa(), 100, "measured current at the 2 mA target");
        assertTrue(rig.controller().command().outputEnabled());
        assertTrue(rig.controller().doseNormalUc() > 0, "dose accumulates while treating");

        rig.session.until(SessionState.COMPLETE, 10 * SECOND_TICKS);
        assertEquals(SessionState.COMPLETE, rig.controller().state());
        assertFalse(rig.controller().command().outputEnabled(), "output off when complete");
        assertEquals(0, rig.controller().command().dacCode());
        final double minutes = rig.controller().treatmentElapsedNs() / 60e9;
        assertEquals(5.0 / 60, minutes, 0.01 / 60, "treatment time is the prescribed 5 s");
        assertEquals(SessionState.COMPLETE, rig.status().state(), "status published");
    }

    @Test
    @DisplayName("START and ARM before SCREEN are refused with a reason, journaled, and the output stays off")
    void commandsOutOfOrderAreRefused()
    {
        final Rig rig = new Rig(new FakeLoadDriver(3_000));
        final long start = rig.session.send(SessionEvent.START, 0, null);
        assertEquals(SessionState.IDLE, rig.controller().state());
        assertEquals(start, rig.controller().lastRejectedCommandId());
        assertEquals(RejectReason.ILLEGAL_IN_STATE.code(), rig.controller().lastRejectReasonCode());
        rig.session.send(SessionEvent.SCREEN, 0, null);
        assertEquals(RejectReason.NOTHING_SUBMITTED.code(), rig.controller().lastRejectReasonCode());
        rig.session.send(SessionEvent.SCREEN, 0, new ScreeningDecision(false, "pacemaker"));
        assertEquals(RejectReason.SCREENING_BLOCKS.code(), rig.controller().lastRejectReasonCode());
        assertTrue(rig.events.contains(EventType.COMMAND_REJECTED), "refusals are journaled");
        rig.session.ticks(100);
        assertFalse(rig.controller().command().outputEnabled());
        assertEquals(0, rig.controller().command().dacCode());
    }

    @Test
    @DisplayName("SR-13 a sample error while treating trips DRIVER_ERROR with the output off in that very tick")
    void sampleErrorTripsInTheSameTick()
    {
        final Rig rig = new Rig(new FakeLoadDriver(3_000).sampleErrorAt(8 * SECOND_TICKS, HalErrorCode.IO));
        assertTrue(rig.session.begin(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS)
            .conclude(), 10 * SECOND_TICKS));
        while (rig.controller().record().verdict != Verdict.TRIP && rig.controller().tick() < 9 * SECOND_TICKS)
        {
            assertTrue(rig.controller().command().outputEnabled(), "output on before the error");
            rig.session.tick();
        }
        final TickRecord trip = rig.controller().record();
        assertEquals(Verdict.TRIP, trip.verdict);
        assertEquals(8 * SECOND_TICKS, trip.tick, "the tick whose sample failed");
        assertFalse(trip.command.outputEnabled(), "output enable off in the trip tick");
        assertEquals(0, trip.command.dacCode(), "DAC zero in the trip tick");
        assertEquals(TripCause.DRIVER_ERROR, rig.controller().lastTrip().cause());
        assertEquals(SessionState.FAULT, rig.controller().state());
    }

    @Test
    @DisplayName("SR-6 an open circuit while treating holds off with the output off; the contact probe resumes treatment when the load is back")
    void openCircuitHoldsOffAndProbeResumes()
    {
        final Rig rig = new Rig(new FakeLoadDriver(3_000).openCircuit(8 * SECOND_TICKS, 2 * SECOND_TICKS));
        assertTrue(rig.session.begin(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS)
            .conclude(), 10 * SECOND_TICKS));
        rig.session.until(SessionState.HOLD_OFF, 9 * SECOND_TICKS);
        assertEquals(SessionState.HOLD_OFF, rig.controller().state());
        assertFalse(rig.controller().command().outputEnabled(), "output off in HOLD_OFF");
        final long heldAtNs = rig.controller().treatmentElapsedNs();
        rig.session.ticks(SECOND_TICKS / 2);
        assertEquals(heldAtNs, rig.controller().treatmentElapsedNs(), "the treatment timer stops in HOLD_OFF");
        rig.session.until(SessionState.TREATING, 20 * SECOND_TICKS);
        assertEquals(SessionState.TREATING, rig.controller().state(), "treatment resumed after the probe");
        assertTrue(rig.events.contains(EventType.HOLD_OFF));
    }

    @Test
    @DisplayName("SR-14 a journal that refuses a record trips JOURNAL_FAILURE in the next tick")
    void journalRefusalTrips()
    {
        final Rig rig = new Rig(new FakeLoadDriver(3_000));
        assertTrue(rig.session.begin(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS)
            .conclude(), 10 * SECOND_TICKS));
        rig.journalRefuses = true;
        rig.session.tick();
        assertEquals(SessionState.TREATING, rig.controller().state(), "the refusal is found after the tick");
        rig.session.tick();
        assertEquals(SessionState.FAULT, rig.controller().state());
        assertEquals(TripCause.JOURNAL_FAILURE, rig.controller().lastTrip().cause());
        assertFalse(rig.controller().command().outputEnabled());
    }

    @Test
    @DisplayName("SR-10 STOP while treating ramps the current down to zero before the output is switched off")
    void stopRampsDown()
    {
        final Rig rig = new Rig(new FakeLoadDriver(3_000));
        assertTrue(rig.session.begin(CLEAR, TestPlans.standard().targetUa(4_000).durationNs(60 * TestPlans.SECOND_NS)
            .conclude(), 20 * SECOND_TICKS));
        rig.session.ticks(SECOND_TICKS);
        rig.session.send(SessionEvent.STOP, 0, null);
        assertEquals(SessionState.RAMP_DOWN, rig.controller().state());
        double previous = rig.controller().setpointUa();
        long ticks = 0;
        while (rig.controller().state() == SessionState.RAMP_DOWN && ticks++ < 10 * SECOND_TICKS)
        {
            rig.session.tick();
            assertTrue(rig.controller().setpointUa() <= previous, "the setpoint only falls");
            previous = rig.controller().setpointUa();
        }
        assertTrue(ticks > SECOND_TICKS, "a 4 mA ramp down at 1 mA/s takes seconds, took " + ticks + " ticks");
        assertEquals(0.0, rig.controller().setpointUa());
        assertFalse(rig.controller().command().outputEnabled());
    }
}
