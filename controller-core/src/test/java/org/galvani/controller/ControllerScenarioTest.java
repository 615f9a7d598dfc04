package org.galvani.controller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.galvani.command.CommandInbox;
import org.galvani.control.PidGains;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalStatus;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.TripCause;
import org.galvani.safety.Verdict;
import org.galvani.session.Clamp;
import org.galvani.session.RejectReason;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.session.SkinCheck;
import org.galvani.session.SkinGrade;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scenarios of the {@link Controller} and its {@link Treatment} driven tick by tick in controller-core, over the
 * scripted pure-Java {@link ScenarioLoad} (a resistive load that changes between ticks, injected driver faults, the
 * armings of the independent safety channel recorded): what each command does and why a refused one is refused,
 * the journal records handed to the sink field by field, trips and hold-offs with their causes, the compliance
 * clamp, duty and dose, pause and resume, the contact probe, the end of a session. Each scenario states the
 * observable contract (states, outputs, events, the tick record), so that a mutation of the tick pipeline shows
 * here and not only in verification's native-sim scenarios (docs/qa-campaign.md, PIT).
 */
class ControllerScenarioTest
{
    private static final ScreeningDecision CLEAR = new ScreeningDecision(true, "clear");
    private static final ScreeningDecision BLOCKED = new ScreeningDecision(false, "pacemaker");
    private static final ResetAuthorisation RESET = new ResetAuthorisation("dr-a", "electrode re-seated", true);
    private static final SkinCheck SKIN = new SkinCheck(SkinGrade.ERYTHEMA, "mild", "p-1", "left palm");
    private static final long SECOND_TICKS = 1_000;
    private static final int PROBE_TICKS = 1_000;

    /** A controller on a scripted load whose journal sink keeps a copy of every event and can refuse. */
    private static final class Rig implements JournalSink
    {
        final ScenarioLoad load;
        final List<ControllerEvent> events = new ArrayList<>();
        final StatusPublisher publisher = new StatusPublisher();
        final SessionDriver session;
        boolean refuseTicks;
        boolean refuseEvents;
        int tickRecords;

        Rig(final ScenarioLoad load)
        {
            this(load, TestPlans.context());
        }

        Rig(final ScenarioLoad load, final ControllerContext ctx)
        {
            this.load = load;
            final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
            session = new SessionDriver(new Controller(ctx, load, inbox, this, publisher), inbox);
        }

        @Override
        public boolean onTick(final TickRecord record)
        {
            tickRecords++;
            return !refuseTicks;
        }

        @Override
        public boolean onEvent(final ControllerEvent event)
        {
            events.add(new ControllerEvent().copyFrom(event));
            return !refuseEvents;
        }

        Controller controller()
        {
            return session.controller();
        }

        SessionState state()
        {
            return controller().state();
        }

        List<ControllerEvent> all(final EventType type)
        {
            final List<ControllerEvent> found = new ArrayList<>();
            for (final ControllerEvent e : events)
            {
                if (e.type == type)
                {
                    found.add(e);
                }
            }
            return found;
        }

        ControllerEvent last(final EventType type)
        {
            final List<ControllerEvent> found = all(type);
            assertFalse(found.isEmpty(), "no " + type + " event in " + events.size());
            return found.get(found.size() - 1);
        }

        void treating(final SessionPlan plan)
        {
            assertTrue(session.begin(CLEAR, plan, 30 * SECOND_TICKS), "reached TREATING, state " + state());
        }

        /** Ticks until the state is reached (at most the budget); asserts it was. */
        void until(final SessionState state, final long budget)
        {
            session.until(state, budget);
            assertEquals(state, state(), "state after at most " + budget + " ticks");
        }
    }

    private static SessionPlan twoMilliamps()
    {
        return TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS).conclude();
    }

    // ---- commands -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-15 an accepted command is journaled with its id, event, argument, state and attachment; SCREEN freezes the screening, ARM arms the plan")
    void acceptedCommandsAreJournaledWithTheirFields()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        final long screen = rig.session.send(SessionEvent.SCREEN, 7, CLEAR);
        ControllerEvent accepted = rig.last(EventType.COMMAND_ACCEPTED);
        assertEquals(screen, accepted.commandId);
        assertEquals(SessionEvent.SCREEN.code(), accepted.sessionEvent);
        assertEquals(7, accepted.arg);
        assertEquals(0, accepted.code, "no clamp");
        assertEquals(SessionState.IDLE.code(), accepted.fromState);
        assertSame(CLEAR, accepted.attachment);
        assertEquals(screen, rig.controller().lastAcceptedCommandId());
        final ControllerEvent frozen = rig.last(EventType.SCREENING_FROZEN);
        assertEquals(screen, frozen.commandId);
        assertSame(CLEAR, frozen.attachment);
        assertSame(CLEAR, rig.controller().screening());
        ControllerEvent changed = rig.last(EventType.STATE_CHANGED);
        assertEquals(screen, changed.commandId);
        assertEquals(SessionEvent.SCREEN.code(), changed.sessionEvent);
        assertEquals(SessionState.IDLE.code(), changed.fromState);
        assertEquals(SessionState.SCREENED.code(), changed.toState);
        assertEquals(0, changed.tick, "the tick that drained the command");

        final SessionPlan plan = twoMilliamps();
        final long arm = rig.session.send(SessionEvent.ARM, 0, plan);
        accepted = rig.last(EventType.COMMAND_ACCEPTED);
        assertEquals(arm, accepted.commandId);
        assertEquals(SessionState.SCREENED.code(), accepted.fromState);
        assertSame(plan, accepted.attachment);
        final ControllerEvent armed = rig.last(EventType.PRESCRIPTION_ARMED);
        assertEquals(arm, armed.commandId);
        assertSame(plan, armed.attachment);
        assertEquals(1, armed.tick);
        assertSame(plan, rig.controller().plan());
        changed = rig.last(EventType.STATE_CHANGED);
        assertEquals(SessionState.SCREENED.code(), changed.fromState);
        assertEquals(SessionState.ARMED.code(), changed.toState);
        assertEquals(2, rig.controller().tick());
        assertEquals(2, rig.tickRecords, "one tick record per tick");
        assertEquals(0, rig.controller().lastRejectedCommandId(), "nothing refused yet");
    }

    @Test
    @DisplayName("SR-1 SR-16 every refusal names its reason: nothing submitted, screening blocks, not authorised, illegal in the state, latched, cannot adjust, reset not authorised")
    void refusalsNameTheirReason()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        assertRefused(rig, SessionEvent.SCREEN, 3, null, RejectReason.NOTHING_SUBMITTED, SessionState.IDLE);
        assertRefused(rig, SessionEvent.SCREEN, 0, BLOCKED, RejectReason.SCREENING_BLOCKS, SessionState.IDLE);
        assertRefused(rig, SessionEvent.ARM, 0, twoMilliamps(), RejectReason.ILLEGAL_IN_STATE, SessionState.IDLE);
        final SessionPlan unauthorised = twoMilliamps().toBuilder().authorised(false).conclude();
        assertRefused(rig, SessionEvent.ARM, 0, unauthorised, RejectReason.ILLEGAL_IN_STATE, SessionState.IDLE);
        assertRefused(rig, SessionEvent.RESET, 0, null, RejectReason.ILLEGAL_IN_STATE, SessionState.IDLE);
        assertRefused(rig, SessionEvent.RESET, 0, new ResetAuthorisation("x", "", false), RejectReason.ILLEGAL_IN_STATE,
            SessionState.IDLE);
        assertRefused(rig, SessionEvent.ADJUST, 1, null, RejectReason.CANNOT_ADJUST, SessionState.IDLE);
        assertRefused(rig, SessionEvent.SKIN_CHECK, 0, null, RejectReason.NOTHING_SUBMITTED, SessionState.IDLE);
        assertRefused(rig, SessionEvent.SKIN_CHECK, 0, SKIN, RejectReason.SESSION_NOT_ENDED, SessionState.IDLE);

        rig.session.send(SessionEvent.SCREEN, 0, CLEAR);
        assertEquals(SessionState.SCREENED, rig.state());
        // once screened, the screening gate is no longer the reason: a second SCREEN is simply out of place
        assertRefused(rig, SessionEvent.SCREEN, 0, BLOCKED, RejectReason.ILLEGAL_IN_STATE, SessionState.SCREENED);
        assertRefused(rig, SessionEvent.SCREEN, 0, CLEAR, RejectReason.ILLEGAL_IN_STATE, SessionState.SCREENED);
        assertRefused(rig, SessionEvent.ARM, 0, null, RejectReason.NOTHING_SUBMITTED, SessionState.SCREENED);
        assertRefused(rig, SessionEvent.ARM, 0, unauthorised, RejectReason.PRESCRIPTION_NOT_AUTHORISED,
            SessionState.SCREENED);
        assertRefused(rig, SessionEvent.START, 0, null, RejectReason.ILLEGAL_IN_STATE, SessionState.SCREENED);
        assertTrue(rig.load.armings.isEmpty(), "nothing armed the safety channel");

        rig.session.send(SessionEvent.ARM, 0, twoMilliamps());
        assertEquals(SessionState.ARMED, rig.state());
        assertRefused(rig, SessionEvent.ADJUST, 2, null, RejectReason.CANNOT_ADJUST, SessionState.ARMED);
        assertRefused(rig, SessionEvent.ARM, 0, twoMilliamps(), RejectReason.ILLEGAL_IN_STATE, SessionState.ARMED);

        rig.session.send(SessionEvent.E_STOP, 0, null);
        assertEquals(SessionState.E_STOP, rig.state());
        assertRefused(rig, SessionEvent.ADJUST, 1, null, RejectReason.LATCHED, SessionState.E_STOP);
        assertRefused(rig, SessionEvent.START, 0, null, RejectReason.LATCHED, SessionState.E_STOP);
        assertRefused(rig, SessionEvent.RESET, 0, null, RejectReason.RESET_NOT_AUTHORISED, SessionState.E_STOP);
        assertRefused(rig, SessionEvent.RESET, 0, new ResetAuthorisation("dr-a", "why", false),
            RejectReason.RESET_NOT_AUTHORISED, SessionState.E_STOP);
        assertRefused(rig, SessionEvent.RESET, 0, new ResetAuthorisation("dr-a", null, true),
            RejectReason.RESET_NOT_AUTHORISED, SessionState.E_STOP);
        assertRefused(rig, SessionEvent.RESET, 0, new ResetAuthorisation("dr-a", "  ", true),
            RejectReason.RESET_NOT_AUTHORISED, SessionState.E_STOP);
        assertTrue(rig.all(EventType.FAULT_RESET).isEmpty());

        rig.session.send(SessionEvent.RESET, 0, RESET);
        assertEquals(SessionState.ARMED, rig.state(), "an authorised reset with the plan armed returns to ARMED");
    }

    private static void assertRefused(
        final Rig rig, final SessionEvent request, final int arg, final Object attachment, final RejectReason reason,
        final SessionState stays)
    {
        final int before = rig.all(EventType.COMMAND_REJECTED).size();
        final long id = rig.session.send(request, arg, attachment);
        assertEquals(stays, rig.state(), request + " changed nothing");
        assertEquals(before + 1, rig.all(EventType.COMMAND_REJECTED).size(), request + " journaled as refused");
        final ControllerEvent refused = rig.last(EventType.COMMAND_REJECTED);
        assertEquals(reason.code(), refused.code, request + " refused for " + reason + ", not for "
            + RejectReason.fromCode(refused.code));
        assertEquals(id, refused.commandId);
        assertEquals(request.code(), refused.sessionEvent);
        assertEquals(arg, refused.arg);
        assertEquals(stays.code(), refused.fromState);
        assertSame(attachment, refused.attachment, "the attachment journaled with the refusal (SR-15)");
        assertEquals(id, rig.controller().lastRejectedCommandId());
        assertEquals(reason.code(), rig.controller().lastRejectReasonCode());
        assertNotEquals(id, rig.controller().lastAcceptedCommandId());
    }

    @Test
    @DisplayName("SR-22 a skin check is journaled only once the session ended (COMPLETE, FAULT, E_STOP), with its grade, in the state it leaves unchanged")
    void skinCheckOnlyAfterTheSession()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(TestPlans.standard().targetUa(1_000).durationNs(TestPlans.SECOND_NS).conclude());
        assertRefused(rig, SessionEvent.SKIN_CHECK, 0, SKIN, RejectReason.SESSION_NOT_ENDED, SessionState.TREATING);
        rig.until(SessionState.COMPLETE, 10 * SECOND_TICKS);
        final long id = rig.session.send(SessionEvent.SKIN_CHECK, 4, SKIN);
        assertEquals(SessionState.COMPLETE, rig.state());
        final ControllerEvent skin = rig.last(EventType.SKIN_CHECKED);
        assertEquals(id, skin.commandId);
        assertEquals(SessionEvent.SKIN_CHECK.code(), skin.sessionEvent);
        assertEquals(SessionState.COMPLETE.code(), skin.fromState);
        assertEquals(SessionState.COMPLETE.code(), skin.toState);
        assertEquals(SkinGrade.ERYTHEMA.code(), skin.code);
        assertSame(SKIN, skin.attachment);
        final ControllerEvent accepted = rig.last(EventType.COMMAND_ACCEPTED);
        assertEquals(id, accepted.commandId);
        assertEquals(4, accepted.arg);
        assertSame(SKIN, accepted.attachment);
        assertEquals(id, rig.controller().lastAcceptedCommandId());

        final Rig stopped = new Rig(new ScenarioLoad(3_000));
        stopped.treating(twoMilliamps());
        stopped.session.send(SessionEvent.E_STOP, 0, null);
        stopped.session.send(SessionEvent.SKIN_CHECK, 0, SKIN);
        assertEquals(SessionState.E_STOP.code(), stopped.last(EventType.SKIN_CHECKED).toState);

        final Rig faulted = new Rig(new ScenarioLoad(3_000));
        faulted.treating(twoMilliamps());
        faulted.load.failNextActuate(HalErrorCode.IO);
        faulted.session.ticks(2);
        assertEquals(SessionState.FAULT, faulted.state());
        faulted.session.send(SessionEvent.SKIN_CHECK, 0, SKIN);
        assertEquals(SessionState.FAULT.code(), faulted.last(EventType.SKIN_CHECKED).fromState);
    }

    @Test
    @DisplayName("titration: ADJUST in RAMP_UP and TREATING moves the target by steps; above the cap it is clamped, journaled in the acceptance and as CLAMPS_CHANGED")
    void adjustTitratesWithinTheCap()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        final SessionPlan plan = TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS).builder()
            .capUa(3_000).conclude();
        rig.session.begin(CLEAR, plan, 5);
        assertEquals(SessionState.RAMP_UP, rig.state());
        final long up = rig.session.send(SessionEvent.ADJUST, 1, null);
        assertEquals(up, rig.controller().lastAcceptedCommandId());
        assertEquals(2_500, rig.controller().targetUa(), "one 500 µA step");
        assertEquals(0, rig.last(EventType.COMMAND_ACCEPTED).code, "within the cap: no clamp");
        rig.until(SessionState.TREATING, 20 * SECOND_TICKS);
        assertEquals(3_000, rig.controller().capUa());
        rig.session.send(SessionEvent.ADJUST, 5, null);
        assertEquals(3_000, rig.controller().targetUa(), "clamped at the cap");
        assertEquals(Clamp.TITRATION_CAP.bit(), rig.last(EventType.COMMAND_ACCEPTED).code);
        assertEquals(5, rig.last(EventType.COMMAND_ACCEPTED).arg);
        final ControllerEvent clamps = rig.last(EventType.CLAMPS_CHANGED);
        assertEquals(Clamp.TITRATION_CAP.bit(), clamps.code & Clamp.TITRATION_CAP.bit());
        assertEquals(0, clamps.arg, "the previous mask");
        assertEquals(clamps.code, rig.controller().activeClamps());
        assertEquals(clamps.code, rig.controller().record().activeClamps);
        rig.session.ticks(5 * SECOND_TICKS);
        assertEquals(3_000, rig.controller().measuredUa(), 60, "the current follows the new target");
        rig.session.send(SessionEvent.ADJUST, -1, null);
        assertEquals(2_500, rig.controller().targetUa());
        assertEquals(0, rig.controller().activeClamps(), "back under the cap: the clamp is cleared");
        assertEquals(Clamp.TITRATION_CAP.bit(), rig.last(EventType.CLAMPS_CHANGED).arg);
    }

    // ---- trips and hold-offs ------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-13 an actuate error trips DRIVER_ERROR in the next tick naming the driver's code; the first cause stays latched; the record names it")
    void actuateErrorTripsAndTheFirstCauseStaysLatched()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.load.failNextActuate(HalErrorCode.BUFFER);
        rig.session.tick();
        final long failedTick = rig.controller().tick() - 1;
        assertEquals(HalErrorCode.BUFFER, rig.controller().record().actuateResult);
        assertEquals(SessionState.TREATING, rig.state(), "found after the actuate");
        rig.session.tick();
        assertEquals(SessionState.FAULT, rig.state());
        assertFalse(rig.load.enabled(), "output off");
        assertFalse(rig.controller().command().outputEnabled());
        final ControllerEvent trip = rig.last(EventType.TRIP);
        assertEquals(TripCause.DRIVER_ERROR.code(), trip.code);
        assertEquals(HalErrorCode.BUFFER, trip.measured);
        assertEquals(HalErrorCode.OK, trip.limit);
        assertEquals(failedTick + 1, trip.tick);
        assertEquals(TripCause.DRIVER_ERROR, rig.controller().lastTrip().cause());
        assertEquals(failedTick, rig.controller().lastTrip().tick(), "the tick whose actuate failed");
        final TickRecord record = rig.controller().record();
        assertEquals(Verdict.TRIP, record.verdict);
        assertEquals(TripCause.DRIVER_ERROR.code(), record.tripCause);
        assertEquals(SessionState.TREATING.code(), record.stateBefore);
        assertEquals(SessionState.FAULT.code(), record.stateAfter);

        // a second cause while latched: journaled by nobody, the first stays
        rig.refuseTicks = true;
        rig.session.ticks(3);
        assertEquals(SessionState.FAULT, rig.state());
        assertEquals(TripCause.DRIVER_ERROR, rig.controller().lastTrip().cause(), "the first cause stays latched");
        assertEquals(1, rig.all(EventType.TRIP).size());
        rig.refuseTicks = false;
        rig.session.ticks(2);
        assertEquals(Verdict.OK, rig.controller().record().verdict, "nothing new once the refusals stop");
        assertEquals(0, rig.controller().record().tripCause, "no cause in a tick whose verdict is OK");
    }

    @Test
    @DisplayName("SR-14 a journal that refuses an event trips JOURNAL_FAILURE in the next tick, the tick the refusal happened named")
    void refusedEventTripsJournalFailure()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.refuseEvents = true;
        final long id = rig.session.send(SessionEvent.ADJUST, 1, null); // its acceptance cannot be journaled
        final long refusedAt = rig.controller().tick() - 1;
        assertEquals(id, rig.controller().lastAcceptedCommandId());
        assertEquals(SessionState.TREATING, rig.state());
        rig.refuseEvents = false;
        rig.session.tick();
        assertEquals(SessionState.FAULT, rig.state());
        assertEquals(TripCause.JOURNAL_FAILURE, rig.controller().lastTrip().cause());
        assertEquals(refusedAt, rig.controller().lastTrip().tick());
        assertEquals(1.0, rig.last(EventType.TRIP).measured);
    }

    @Test
    @DisplayName("SR-13 SR-14 the first pending cause wins: an actuate error and a refused record in one tick trip DRIVER_ERROR")
    void firstPendingCauseWins()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.load.failNextActuate(HalErrorCode.IO);
        rig.refuseTicks = true;
        rig.session.tick();
        rig.refuseTicks = false;
        rig.session.tick();
        assertEquals(TripCause.DRIVER_ERROR, rig.controller().lastTrip().cause());
        assertEquals(HalErrorCode.IO, rig.controller().lastTrip().measured());
    }

    @Test
    @DisplayName("SR-12 SR-16 E_STOP: output off in the tick it is drained, latched (a trip is not journaled over it), an authorised reset journals FAULT_RESET and returns to ARMED with the safety channel re-armed")
    void eStopLatchesUntilAnAuthorisedReset()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        final SessionPlan plan = TestPlans.standard().targetUa(2_000).doseTargetUc(100_000).conclude();
        rig.treating(plan);
        final double doseBefore = rig.controller().doseNormalUc();
        rig.session.send(SessionEvent.E_STOP, 0, null);
        assertEquals(SessionState.E_STOP, rig.state());
        assertFalse(rig.load.enabled(), "output off in the same tick");
        assertEquals(0.0, rig.controller().setpointUa());
        rig.load.failNextActuate(HalErrorCode.IO);
        rig.session.ticks(3);
        assertEquals(SessionState.E_STOP, rig.state(), "an e-stop is not replaced by a fault");
        assertTrue(rig.all(EventType.TRIP).isEmpty());
        assertEquals(TripCause.NONE, rig.controller().lastTrip().cause());

        final int armingsBefore = rig.load.armings.size();
        final long id = rig.session.send(SessionEvent.RESET, 0, RESET);
        assertEquals(SessionState.ARMED, rig.state());
        final ControllerEvent reset = rig.last(EventType.FAULT_RESET);
        assertEquals(id, reset.commandId);
        assertSame(RESET, reset.attachment);
        assertEquals(armingsBefore + 1, rig.load.armings.size(), "the safety channel re-armed");
        assertEquals(new ScenarioLoad.Arming(plan.doseTripUc() * Controller.NATIVE_CHARGE_MARGIN, false),
            rig.load.armings.get(armingsBefore));
        assertSame(plan, rig.controller().plan(), "a reset continues the session");
        assertTrue(rig.controller().doseNormalUc() >= doseBefore, "the dose is kept");
        rig.session.send(SessionEvent.START, 0, null);
        rig.until(SessionState.TREATING, 20 * SECOND_TICKS);
    }

    @Test
    @DisplayName("SR-13 SR-15 an authorised reset drained in the very tick a pending cause trips: the tick's record still names that cause, not NONE")
    void resetInTheTripTickKeepsTheRecordedCause()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.load.failNextActuate(HalErrorCode.IO);
        rig.session.tick(); // the actuate fails: DRIVER_ERROR pending for the next tick's verdict
        final long resetId = rig.session.post(SessionEvent.RESET, 0, RESET); // drained in the tick that trips
        rig.session.tick();
        final ControllerEvent trip = rig.last(EventType.TRIP);
        assertEquals(TripCause.DRIVER_ERROR.code(), trip.code);
        final ControllerEvent reset = rig.last(EventType.FAULT_RESET);
        assertEquals(resetId, reset.commandId);
        assertEquals(trip.tick, reset.tick, "tripped and reset in one tick");
        assertEquals(SessionState.ARMED, rig.state(), "the reset was taken");
        final TickRecord record = rig.controller().record();
        assertEquals(Verdict.TRIP, record.verdict);
        assertEquals(TripCause.DRIVER_ERROR.code(), record.tripCause,
            "the record of a TRIP names the cause that tripped it, whatever a command later in the tick does");
        assertEquals(SessionState.TREATING.code(), record.stateBefore);
        assertEquals(SessionState.ARMED.code(), record.stateAfter);
    }

    @Test
    @DisplayName("SR-13 SR-16 a fault reset journals the latched cause; a reset whose re-arming the driver refuses trips DRIVER_ERROR again")
    void faultResetNamesTheCauseAndAFailedRearmTrips()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.load.failNextActuate(HalErrorCode.IO);
        rig.session.ticks(2);
        assertEquals(SessionState.FAULT, rig.state());
        rig.load.armResult(HalErrorCode.SAFETY_LATCHED);
        rig.session.send(SessionEvent.RESET, 0, RESET);
        assertEquals(TripCause.DRIVER_ERROR.code(), rig.last(EventType.FAULT_RESET).code);
        assertEquals(SessionState.ARMED, rig.state());
        rig.session.tick();
        assertEquals(SessionState.FAULT, rig.state(), "the channel's refusal trips at once");
        assertEquals(HalErrorCode.SAFETY_LATCHED, rig.controller().lastTrip().measured());
        assertEquals(2, rig.all(EventType.TRIP).size());
    }

    @Test
    @DisplayName("SR-18 ARM arms the driver's channel with the dose bound × 1.05 and the reversal flag; a refused arming trips DRIVER_ERROR; END_SESSION disarms it")
    void safetyChannelArmedWithThePlan()
    {
        final SessionPlan dose = TestPlans.standard().targetUa(1_000).doseTargetUc(1_000).conclude();
        assertEquals(dose.doseTripUc() * 1.05, Controller.nativeChargeCeilingUc(dose), 1e-9);
        assertEquals(0.0, Controller.nativeChargeCeilingUc(dose.toBuilder().doseTripUc(1e15).conclude()),
            "no finite bound: no ceiling");
        assertEquals(0.9e15 * 1.05, Controller.nativeChargeCeilingUc(dose.toBuilder().doseTripUc(0.9e15).conclude()),
            1.0);

        double atBound = 1e15 / 1.05;
        while (atBound * 1.05 < 1e15)
        {
            atBound = Math.nextUp(atBound);
        }
        while (atBound * 1.05 > 1e15)
        {
            atBound = Math.nextDown(atBound);
        }
        assertEquals(1e15, atBound * 1.05, "a dose bound whose ceiling is exactly 1e15 µC");
        assertEquals(0.0, Controller.nativeChargeCeilingUc(dose.toBuilder().doseTripUc(atBound).conclude()),
            "1e15 µC is 'no bound' already");

        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.session.arm(CLEAR, dose);
        assertEquals(List.of(new ScenarioLoad.Arming(dose.doseTripUc() * 1.05, false)), rig.load.armings);
        rig.session.send(SessionEvent.END_SESSION, 0, null);
        assertEquals(SessionState.IDLE, rig.state());
        assertEquals(new ScenarioLoad.Arming(0.0, false), rig.load.armings.get(1), "disarmed at the end");
        assertNull(rig.controller().plan());
        assertNull(rig.controller().screening());

        final Rig reversal = new Rig(new ScenarioLoad(3_000));
        reversal.session.arm(CLEAR, twoMilliamps().toBuilder().durationNs(10 * TestPlans.MINUTE_NS)
            .maxSessionNs(10 * TestPlans.MINUTE_NS).reverseAtHalfTime(true).conclude());
        assertTrue(reversal.load.armings.get(0).polarityReversed(), "a reversal session needs the reversing relay");
        final Rig reversed = new Rig(new ScenarioLoad(3_000));
        reversed.session.arm(CLEAR, twoMilliamps().toBuilder().startReversed(true).conclude());
        assertTrue(reversed.load.armings.get(0).polarityReversed());
        assertTrue(reversed.controller().polarityReversed());
        assertTrue(reversed.controller().command().polarityReversed(), "the relay set while armed, output off");
        assertFalse(reversed.controller().command().outputEnabled());

        final Rig refused = new Rig(new ScenarioLoad(3_000).armResult(HalErrorCode.NOT_SUPPORTED));
        refused.session.arm(CLEAR, dose);
        assertEquals(SessionState.ARMED, refused.state());
        refused.session.tick();
        assertEquals(SessionState.FAULT, refused.state());
        assertEquals(TripCause.DRIVER_ERROR, refused.controller().lastTrip().cause());
        assertEquals(HalErrorCode.NOT_SUPPORTED, refused.controller().lastTrip().measured());

        final Rig disarmRefused = new Rig(new ScenarioLoad(3_000));
        disarmRefused.session.arm(CLEAR, dose);
        disarmRefused.load.armResult(HalErrorCode.IO);
        disarmRefused.session.send(SessionEvent.END_SESSION, 0, null);
        assertEquals(SessionState.IDLE, disarmRefused.state());
        disarmRefused.session.tick();
        assertEquals(SessionState.FAULT, disarmRefused.state(), "a channel that cannot be disarmed is a fault");
        assertEquals(HalErrorCode.IO, disarmRefused.controller().lastTrip().measured());
    }

    @Test
    @DisplayName("SR-6 an open circuit while treating holds off (HOLD_OFF event with the cause and values), the probe comes after exactly the probe interval, still open it holds off again")
    void contactLostProbesAtTheInterval()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.load.load(Double.POSITIVE_INFINITY);
        rig.until(SessionState.HOLD_OFF, 10);
        final ControllerEvent hold = rig.last(EventType.HOLD_OFF);
        assertEquals(TripCause.CONTACT_LOST.code(), hold.code);
        assertTrue(hold.measured > hold.limit, "impedance above the open-circuit limit");
        assertEquals(TripCause.CONTACT_LOST.code(), rig.controller().record().tripCause);
        assertEquals(Verdict.HOLD_OFF, rig.controller().record().verdict);
        assertFalse(rig.load.enabled());
        final long heldAt = rig.controller().tick();
        rig.session.until(SessionState.RAMP_UP, 5 * PROBE_TICKS);
        assertEquals(PROBE_TICKS - 1, rig.controller().tick() - heldAt,
            "the probe in the last tick of the interval (the hold-off's own tick is its first)");
        final ControllerEvent probe = rig.last(EventType.STATE_CHANGED);
        assertEquals(SessionEvent.CONTACT_PROBE.code(), probe.sessionEvent);
        assertEquals(0, probe.commandId);
        // still open: the probe finds no contact and holds off again (not ARMED: this is not a START)
        rig.until(SessionState.HOLD_OFF, 2 * SECOND_TICKS);
        assertEquals(SessionState.RAMP_UP.code(), rig.last(EventType.STATE_CHANGED).fromState);
        rig.load.load(3_000);
        rig.until(SessionState.TREATING, 20 * SECOND_TICKS);
        assertTrue(rig.controller().command().outputEnabled());
    }

    @Test
    @DisplayName("SR-20 a contact whose impedance doubles holds off as CONTACT_DEGRADED with no automatic probe; RESUME re-checks the contact and treatment goes on")
    void contactDegradedWaitsForTheOperator()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.session.ticks(SECOND_TICKS);
        rig.load.load(7_000);
        rig.until(SessionState.HOLD_OFF, 2 * SECOND_TICKS);
        final ControllerEvent hold = rig.last(EventType.HOLD_OFF);
        assertEquals(TripCause.CONTACT_DEGRADED.code(), hold.code);
        assertEquals(7_000, hold.measured, 150);
        assertEquals(6_000, hold.limit, 150, "twice the 3 kΩ baseline");
        assertEquals(SessionEvent.CONTACT_DEGRADED.code(), rig.last(EventType.STATE_CHANGED).sessionEvent);
        rig.session.ticks(3 * PROBE_TICKS);
        assertEquals(SessionState.HOLD_OFF, rig.state(), "no automatic probe for a degraded contact");
        rig.load.load(3_000);
        rig.session.send(SessionEvent.RESUME, 0, null);
        assertEquals(SessionState.RAMP_UP, rig.state());
        rig.until(SessionState.TREATING, 20 * SECOND_TICKS);
        final List<ControllerEvent> checks = rig.all(EventType.CONTACT_CHECK);
        assertEquals(2, checks.size(), "the start's check and the resume's");
        rig.session.ticks(2 * SECOND_TICKS);
        assertEquals(SessionState.TREATING, rig.state(), "a new contact, a new baseline: no second hold-off");
    }

    @Test
    @DisplayName("SR-6 the START's contact check: the check is journaled (impedance, limit); no water refuses the start back to ARMED; a short trips CONTACT_CHECK_SHORT; CONTACT_OK is journaled although RAMP_UP stays")
    void startContactCheck()
    {
        final Rig ok = new Rig(new ScenarioLoad(3_000).quiet());
        ok.treating(twoMilliamps());
        final ControllerEvent check = ok.last(EventType.CONTACT_CHECK);
        assertEquals(3_000, check.measured, 100);
        assertEquals(50_000, check.limit, "compared against the plan's maximum");
        final ControllerEvent contactOk = ok.all(EventType.STATE_CHANGED).stream()
            .filter(e -> e.sessionEvent == SessionEvent.CONTACT_OK.code()).findFirst().orElseThrow();
        assertEquals(SessionState.RAMP_UP.code(), contactOk.fromState);
        assertEquals(SessionState.RAMP_UP.code(), contactOk.toState);

        final Rig open = new Rig(new ScenarioLoad(Double.POSITIVE_INFINITY));
        open.session.begin(CLEAR, twoMilliamps(), 5);
        open.until(SessionState.ARMED, 2 * SECOND_TICKS);
        assertEquals(SessionEvent.CONTACT_REFUSED.code(), open.last(EventType.STATE_CHANGED).sessionEvent);
        assertEquals(TripCause.CONTACT_LOST.code(), open.last(EventType.HOLD_OFF).code);
        assertFalse(open.load.enabled());

        final Rig dry = new Rig(new ScenarioLoad(60_000));
        dry.session.begin(CLEAR, twoMilliamps(), 5);
        dry.until(SessionState.ARMED, 2 * SECOND_TICKS);
        assertEquals(60_000, dry.last(EventType.CONTACT_CHECK).measured, 1_500);
        assertEquals(50_000, dry.last(EventType.CONTACT_CHECK).limit);

        final Rig shorted = new Rig(new ScenarioLoad(100).quiet());
        shorted.session.begin(CLEAR, twoMilliamps(), 5);
        shorted.until(SessionState.FAULT, 2 * SECOND_TICKS);
        final ControllerEvent trip = shorted.last(EventType.TRIP);
        assertEquals(TripCause.CONTACT_CHECK_SHORT.code(), trip.code);
        assertEquals(100, trip.measured, 30);
        assertEquals(300, trip.limit, "compared against the plan's minimum");
        assertEquals(TripCause.CONTACT_CHECK_SHORT, shorted.controller().lastTrip().cause());
        assertEquals(300, shorted.controller().lastTrip().limit());
        assertTrue(shorted.controller().command().dacCode() == 0 && !shorted.load.enabled(), "never ramps");
        shorted.session.tick();
        assertEquals(Verdict.OK, shorted.controller().record().verdict, "the short is judged once, not every tick");
        assertEquals(1, shorted.all(EventType.TRIP).size());
    }

    // ---- output ---------------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-10 SR-17 at compliance the clamp is shown from the first tick, the command held one ramp step above what flows, and cleared exactly complianceClampTicks clear ticks after; the current then rises at the ramp rate")
    void complianceClampAndHold()
    {
        // 4 mA would need 80 V on 20 kΩ: the load takes 55 V / 20 kΩ = 2.75 mA (RAMP_UP never reaches the target)
        final Rig rig = new Rig(new ScenarioLoad(20_000).quiet());
        rig.session.begin(CLEAR, TestPlans.standard().targetUa(4_000).durationNs(60 * TestPlans.SECOND_NS).conclude(),
            5);
        long ticks = 0;
        while ((rig.controller().sample().statusBits() & HalStatus.COMPLIANCE) == 0 && ticks++ < 10 * SECOND_TICKS)
        {
            assertEquals(0, rig.controller().activeClamps() & Clamp.COMPLIANCE_LIMITED.bit(), "not before compliance");
            rig.session.tick();
        }
        assertEquals(SessionState.RAMP_UP, rig.state());
        assertEquals(Clamp.COMPLIANCE_LIMITED.bit(), rig.controller().activeClamps() & Clamp.COMPLIANCE_LIMITED.bit(),
            "shown in the first tick at compliance");
        assertEquals(Clamp.COMPLIANCE_LIMITED.bit(), rig.last(EventType.CLAMPS_CHANGED).code);
        rig.session.ticks(200);
        assertEquals(2_750, rig.controller().measuredUa(), 30);
        final double heldUa = rig.controller().command().dacCode() * ScenarioLoad.INFO.dacUaPerCode();
        assertTrue(heldUa <= rig.controller().measuredUa() + 2 && heldUa >= rig.controller().measuredUa() - 2,
            "the command held at what flows plus one step, not at the 4 mA setpoint: " + heldUa);
        assertTrue(rig.controller().setpointUa() < 2_760, "the setpoint waits above what flows");

        rig.load.load(3_000);
        rig.session.tick(); // the first clear tick
        assertEquals(0, rig.controller().sample().statusBits() & HalStatus.COMPLIANCE);
        assertEquals(2_760, rig.controller().measuredUa(), 15, "no jump to the setpoint when the load falls");
        int clearTicks = 1;
        while (rig.controller().activeClamps() != 0 && clearTicks < 1_000)
        {
            rig.session.tick();
            clearTicks++;
        }
        assertEquals(rig.controller().context().complianceClampTicks(), clearTicks,
            "cleared in exactly the complianceClampTicks-th clear tick");
        assertEquals(Clamp.COMPLIANCE_LIMITED.bit(), rig.last(EventType.CLAMPS_CHANGED).arg);
        final double rising = rig.controller().measuredUa();
        rig.session.ticks(100);
        assertEquals(rising + 100, rig.controller().measuredUa(), 10, "rising at 1 mA/s: 1 µA per tick");
    }

    @Test
    @DisplayName("SR-10 at compliance the command is held one ramp step above what flows (5 µA at 5 mA/s): released, the current is that step above")
    void complianceHoldIsOneStep()
    {
        final Rig rig = new Rig(new ScenarioLoad(20_000).quiet());
        rig.session.begin(CLEAR, TestPlans.standard().targetUa(4_000).durationNs(60 * TestPlans.SECOND_NS).builder()
            .rampRateUaPerS(5_000).conclude(), 5);
        rig.session.ticks(2 * SECOND_TICKS);
        assertEquals(SessionState.RAMP_UP, rig.state());
        final double flowing = rig.controller().measuredUa();
        assertEquals(2_750, flowing, 5, "55 V / 20 kΩ");
        assertEquals(flowing + 5, rig.controller().command().dacCode() * ScenarioLoad.INFO.dacUaPerCode(), 1.5,
            "held one 5 µA step above what flows");
        rig.load.load(3_000);
        rig.session.tick();
        assertEquals(flowing + 5, rig.controller().measuredUa(), 1.6, "the released current is the held command");
    }

    @Test
    @DisplayName("SR-10 SR-17 titrating below what a compliance-limited load takes: the current settles at the new target and the clamp clears (the loop does not latch itself limited)")
    void titrationDownReleasesTheComplianceHold()
    {
        final Rig rig = new Rig(new ScenarioLoad(20_000).quiet());
        rig.session.begin(CLEAR, TestPlans.standard().targetUa(4_000).durationNs(60 * TestPlans.SECOND_NS).conclude(), 5);
        rig.session.ticks(5 * SECOND_TICKS);
        assertEquals(2_750, rig.controller().measuredUa(), 5, "held by the 55 V compliance");
        assertEquals(Clamp.COMPLIANCE_LIMITED.bit(), rig.controller().activeClamps() & Clamp.COMPLIANCE_LIMITED.bit());
        rig.session.send(SessionEvent.ADJUST, -4, null); // 4 mA → 2 mA: below the 2.75 mA the load takes
        rig.session.ticks(2 * SECOND_TICKS);
        assertEquals(2_000, rig.controller().measuredUa(), 20, "the current settles at the new target");
        rig.session.ticks(2 * SECOND_TICKS);
        assertEquals(2_000, rig.controller().measuredUa(), 20, "and stays there");
        assertEquals(0, rig.controller().activeClamps() & Clamp.COMPLIANCE_LIMITED.bit(), "no longer limited");
    }

    @Test
    @DisplayName("SR-17 a compliance bit while the output is not allowed is not a compliance limitation: no clamp in ARMED, shown once RAMP_UP drives current")
    void complianceOnlyCountsWhileDriving()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000).extraStatus(HalStatus.COMPLIANCE));
        rig.session.arm(CLEAR, twoMilliamps());
        rig.session.ticks(100);
        assertEquals(SessionState.ARMED, rig.state());
        assertEquals(0, rig.controller().activeClamps(), "nothing is limited while nothing is driven");
        assertTrue(rig.all(EventType.CLAMPS_CHANGED).isEmpty());
        rig.session.send(SessionEvent.START, 0, null);
        assertEquals(SessionState.RAMP_UP, rig.state());
        assertEquals(0, rig.controller().activeClamps(), "the START's tick measured in ARMED");
        rig.session.tick();
        assertEquals(Clamp.COMPLIANCE_LIMITED.bit(), rig.controller().activeClamps());
        assertEquals(Clamp.COMPLIANCE_LIMITED.bit(), rig.controller().record().activeClamps);
    }

    @Test
    @DisplayName("SR-4 a pulsed plan: the driver gets the duty, the average current is the measured × duty, and the dose counts the average")
    void dutyAverageAndDose()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000).quiet());
        rig.treating(TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS).dutyPermille(400)
            .conclude());
        assertEquals(400, rig.controller().dutyPermille());
        assertEquals(400, rig.load.duty());
        rig.session.ticks(SECOND_TICKS);
        final double measured = rig.controller().measuredUa();
        assertEquals(measured * 0.4, rig.controller().averageUa(), 1e-9);
        final double before = rig.controller().doseNormalUc();
        rig.session.tick();
        assertEquals(rig.controller().averageUa() * 1e-3, rig.controller().doseNormalUc() - before, 1e-9,
            "one tick of the average current");
        assertEquals(0.0, rig.controller().doseReversedUc());
        assertEquals(rig.controller().doseNormalUc(), rig.controller().record().doseNormalUc);
    }

    @Test
    @DisplayName("SR-13 a failed sample reads as no current in its tick: measured and average 0, nothing dosed")
    void failedSampleMeasuresNothing()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.load.sampleErrorAt(rig.load.step(), HalErrorCode.IO);
        final double dose = rig.controller().doseNormalUc();
        rig.session.tick();
        assertEquals(0.0, rig.controller().measuredUa());
        assertEquals(0.0, rig.controller().averageUa());
        assertEquals(0.0, rig.controller().record().measuredUa);
        assertEquals(HalErrorCode.IO, rig.controller().record().sampleResult);
        assertEquals(dose, rig.controller().doseNormalUc());
        assertEquals(SessionState.FAULT, rig.state());
    }

    @Test
    @DisplayName("the tick record carries the tick's inputs and outputs: index, states, setpoint, target, measured, load, PID terms, command, dose, treatment time")
    void tickRecordFields()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000).quiet());
        rig.treating(twoMilliamps());
        rig.session.ticks(SECOND_TICKS);
        final Controller c = rig.controller();
        final TickRecord r = c.record();
        assertEquals(c.tick() - 1, r.tick);
        assertEquals(SessionState.TREATING.code(), r.stateBefore);
        assertEquals(SessionState.TREATING.code(), r.stateAfter);
        assertEquals(Verdict.OK, r.verdict);
        assertEquals(0, r.tripCause);
        assertEquals(2_000, r.targetUa);
        assertEquals(c.setpointUa(), r.setpointUa);
        assertEquals(2_000, r.setpointUa);
        assertEquals(c.measuredUa(), r.measuredUa);
        assertEquals(3_000, r.loadOhm, 100, "the load estimate");
        assertEquals(c.command().dacCode(), r.command.dacCode());
        assertTrue(r.command.outputEnabled());
        assertEquals(2_000 / ScenarioLoad.INFO.dacUaPerCode(), r.ffTerm + r.pTerm + r.iTerm + r.dTerm, 3,
            "the terms sum to the command");
        assertEquals(rig.load.dacCode(), r.command.dacCode());
        assertEquals(c.doseNormalUc(), r.doseNormalUc);
        assertEquals(c.treatmentElapsedNs(), r.treatmentElapsedNs);
        assertTrue(r.treatmentElapsedNs > TestPlans.SECOND_NS);
        assertEquals(c.sample().currentARaw(), r.sample.currentARaw());
        assertEquals(60 * TestPlans.SECOND_NS - r.treatmentElapsedNs, c.treatmentRemainingNs());
        assertEquals(0.0, c.doseTargetUc(), "a time-ended plan");

        final ControllerStatus status = rig.publisher.read(new ControllerStatus());
        assertEquals(SessionState.TREATING, status.state());
        assertEquals(c.tick() - 1, status.tick(), "published by the tick that just ran");
    }

    @Test
    @DisplayName("SR-12 SR-13 without a plan (an e-stop or a fault in IDLE) a skin check is refused, and an authorised reset returns to IDLE with the safety channel disarmed")
    void latchedWithoutAPlan()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.session.send(SessionEvent.E_STOP, 0, null);
        assertEquals(SessionState.E_STOP, rig.state());
        assertRefused(rig, SessionEvent.SKIN_CHECK, 0, SKIN, RejectReason.SESSION_NOT_ENDED, SessionState.E_STOP);
        rig.session.send(SessionEvent.RESET, 0, RESET);
        assertEquals(SessionState.IDLE, rig.state(), "no plan: back to IDLE, not ARMED");
        assertEquals(new ScenarioLoad.Arming(0.0, false), rig.load.armings.get(rig.load.armings.size() - 1));

        // a reversal plan's reset re-arms the channel for reversing
        final Rig reversal = new Rig(new ScenarioLoad(3_000));
        final SessionPlan plan = twoMilliamps().toBuilder().durationNs(10 * TestPlans.MINUTE_NS)
            .maxSessionNs(10 * TestPlans.MINUTE_NS).reverseAtHalfTime(true).conclude();
        reversal.session.arm(CLEAR, plan);
        reversal.session.send(SessionEvent.E_STOP, 0, null);
        reversal.session.send(SessionEvent.RESET, 0, RESET);
        assertEquals(new ScenarioLoad.Arming(plan.doseTripUc() * 1.05, true),
            reversal.load.armings.get(reversal.load.armings.size() - 1));
        final Rig reversed = new Rig(new ScenarioLoad(3_000));
        reversed.session.arm(CLEAR, twoMilliamps().toBuilder().startReversed(true).conclude());
        reversed.session.send(SessionEvent.E_STOP, 0, null);
        reversed.session.send(SessionEvent.RESET, 0, RESET);
        assertTrue(reversed.load.armings.get(reversed.load.armings.size() - 1).polarityReversed());
    }

    @Test
    @DisplayName("SR-3 ARM arms the monitor with the plan's trip level (below the device's absolute limit); after the session the device's limits apply again")
    void monitorArmedWithThePlan()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.load.extraCurrent(24_000); // 26 mA: above the plan's 25 mA, below the device's 35 mA
        rig.session.tick();
        assertEquals(SessionState.FAULT, rig.state());
        assertEquals(TripCause.OVERCURRENT, rig.controller().lastTrip().cause());
        assertEquals(25_000, rig.controller().lastTrip().limit());

        final Rig ended = new Rig(new ScenarioLoad(3_000));
        ended.session.arm(CLEAR, twoMilliamps());
        ended.session.send(SessionEvent.END_SESSION, 0, null);
        ended.load.extraCurrent(26_000); // the output is off: all of it is the fault's
        ended.session.ticks(3);
        assertEquals(SessionState.FAULT, ended.state());
        assertEquals(TripCause.OUTPUT_NOT_ALLOWED, ended.controller().lastTrip().cause(),
            "26 mA in IDLE is current where none may flow, judged against the device's 35 mA, not the plan's 25 mA");
    }

    @Test
    @DisplayName("SR-11 ARM starts the dose from zero: what the sensors read before (noise with the output off) is not the session's")
    void armStartsTheDoseFromZero()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.session.send(SessionEvent.SCREEN, 0, CLEAR);
        rig.session.ticks(2_000);
        assertTrue(rig.controller().doseNormalUc() > 0.5, "two seconds of ±2 LSB noise: " + rig.controller().doseNormalUc());
        rig.session.send(SessionEvent.ARM, 0, twoMilliamps());
        assertEquals(0.0, rig.controller().doseNormalUc(), 0.01, "one tick of noise at most");
    }

    @Test
    @DisplayName("SR-2 SR-6 a RESUME drained in the very tick that holds off does not drive that tick: the output stays off until the next")
    void resumeInTheHoldOffTickStaysOff()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.load.load(Double.POSITIVE_INFINITY);
        rig.session.post(SessionEvent.RESUME, 0, null);
        rig.session.tick();
        assertEquals(Verdict.HOLD_OFF, rig.controller().record().verdict);
        assertEquals(SessionState.RAMP_UP, rig.state(), "resumed at once: a new contact check");
        assertFalse(rig.controller().command().outputEnabled(), "not in the tick whose verdict held off");
        assertFalse(rig.load.enabled());
        assertEquals(0, rig.controller().command().dacCode());
    }

    @Test
    @DisplayName("SR-20 RESUME starts a new contact: its baseline is the new impedance, so a re-seated electrode at a higher impedance is not judged against the old one")
    void resumeRestartsTheContactBaseline()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.session.ticks(SECOND_TICKS);
        rig.load.load(7_000);
        rig.until(SessionState.HOLD_OFF, 2 * SECOND_TICKS);
        rig.session.send(SessionEvent.RESUME, 0, null); // re-seated at 7 kΩ
        rig.until(SessionState.TREATING, 20 * SECOND_TICKS);
        rig.session.ticks(3 * SECOND_TICKS);
        assertEquals(SessionState.TREATING, rig.state(), "7 kΩ is the new contact's baseline");
        assertEquals(1, rig.all(EventType.HOLD_OFF).size());
    }

    @Test
    @DisplayName("the loop's record in a latched state is the loop at rest (every PID term 0), and END_SESSION forgets the load estimate")
    void loopAtRestOutsideTheOutputStates()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.session.ticks(SECOND_TICKS);
        assertTrue(rig.controller().record().ffTerm > 0 && rig.controller().record().loadOhm > 0);
        rig.load.failNextActuate(HalErrorCode.IO);
        rig.session.ticks(3);
        assertEquals(SessionState.FAULT, rig.state());
        final TickRecord r = rig.controller().record();
        assertEquals(0.0, r.ffTerm);
        assertEquals(0.0, r.pTerm);
        assertEquals(0.0, r.iTerm);
        assertEquals(0.0, r.dTerm);
        assertEquals(3_000, r.loadOhm, 150, "the load estimate kept within the session");
        rig.session.send(SessionEvent.RESET, 0, RESET);
        rig.session.send(SessionEvent.END_SESSION, 0, null);
        assertEquals(SessionState.IDLE, rig.state());
        assertEquals(0.0, rig.controller().record().loadOhm, "a new session, a new load");
    }

    @Test
    @DisplayName("the context's PID gains are the loop's (here half the feed-forward), the driver's defaults only without them")
    void contextGainsAreUsed()
    {
        final PidGains d = PidGains.defaults(ScenarioLoad.INFO);
        final PidGains half = new PidGains(d.kp(), d.kiPerS(), d.kdS(), d.derivativeFilterTauS(), d.slewLimitCodesPerS(),
            d.integratorLimitUa(), 0.5, d.complianceHeadroom(), d.loadEstimateMinCurrentUa());
        final Rig rig = new Rig(new ScenarioLoad(3_000).quiet(), TestPlans.context().pidGains(half));
        rig.treating(twoMilliamps());
        rig.session.ticks(SECOND_TICKS);
        assertEquals(0.5 * 2_000 / ScenarioLoad.INFO.dacUaPerCode(), rig.controller().record().ffTerm, 1e-6);
        final Rig defaults = new Rig(new ScenarioLoad(3_000).quiet());
        defaults.treating(twoMilliamps());
        defaults.session.ticks(SECOND_TICKS);
        assertEquals(2_000 / ScenarioLoad.INFO.dacUaPerCode(), defaults.controller().record().ffTerm, 1e-6);
    }

    @Test
    @DisplayName("SR-10 the loop is restarted only where a contact check starts: reaching the target (RAMP_DONE) keeps its integral, so a source 7 % weak does not dip")
    void noRestartAtRampDone()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000).quiet().gain(0.93));
        rig.session.begin(CLEAR, twoMilliamps(), 5);
        rig.session.until(SessionState.TREATING, 20 * SECOND_TICKS);
        assertEquals(SessionState.TREATING, rig.state());
        double lowest = Double.MAX_VALUE;
        for (int t = 0; t < 50; t++)
        {
            rig.session.tick();
            lowest = Math.min(lowest, rig.controller().measuredUa());
        }
        assertEquals(2_000, lowest, 20, "the integral carries the 7 % across RAMP_DONE");
        assertTrue(rig.controller().record().iTerm > 0.05 * rig.controller().record().ffTerm, "the integral holds the gap");
    }

    @Test
    @DisplayName("SR-10 titration during the ramp to the target: the ramp heads for the new target, RAMP_DONE at it")
    void adjustWhileRampingToTheTarget()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.session.begin(CLEAR, twoMilliamps(), 5);
        while (rig.all(EventType.CONTACT_CHECK).isEmpty() && rig.controller().tick() < 5 * SECOND_TICKS)
        {
            rig.session.tick();
        }
        rig.session.ticks(10);
        assertEquals(SessionState.RAMP_UP, rig.state());
        rig.session.send(SessionEvent.ADJUST, 1, null);
        while (rig.state() == SessionState.RAMP_UP && rig.controller().tick() < 10 * SECOND_TICKS)
        {
            rig.session.tick();
        }
        assertEquals(SessionState.TREATING, rig.state());
        assertEquals(2_500, rig.controller().setpointUa(), "RAMP_DONE at the adjusted target");
    }

    @Test
    @DisplayName("SR-5 maker policy HOLD-OFF: an electrode voltage above the compliance limit holds a driving session off; outside the output states it is no hold-off to journal")
    void complianceVoltageHoldOffPolicy() throws ReflectiveOperationException
    {
        final ControllerContext ctx = TestPlans.context().monitorLimits(complianceHoldsOff(
            MonitorLimits.defaults(35_000, 60_000, 1_000_000L)));
        final Rig armed = new Rig(new ScenarioLoad(3_000).voltageOffset(70_000), ctx);
        armed.session.arm(CLEAR, twoMilliamps());
        armed.session.ticks(10);
        assertEquals(Verdict.HOLD_OFF, armed.controller().record().verdict, "the monitor sees it");
        assertEquals(TripCause.COMPLIANCE_VOLTAGE.code(), armed.controller().record().tripCause);
        assertEquals(SessionState.ARMED, armed.state());
        assertTrue(armed.all(EventType.HOLD_OFF).isEmpty(), "nothing is driven: nothing to hold off");

        final Rig treating = new Rig(new ScenarioLoad(3_000), ctx);
        treating.treating(twoMilliamps());
        treating.load.voltageOffset(70_000);
        treating.session.ticks(3);
        assertEquals(SessionState.HOLD_OFF, treating.state(), "held off, not tripped");
        assertEquals(TripCause.COMPLIANCE_VOLTAGE.code(), treating.last(EventType.HOLD_OFF).code);
        assertFalse(treating.load.enabled());

        // latched by another cause, a hold-off verdict's record names the monitor's cause, not the latched one
        final Rig faulted = new Rig(new ScenarioLoad(3_000), ctx);
        faulted.treating(twoMilliamps());
        faulted.load.failNextActuate(HalErrorCode.IO);
        faulted.session.ticks(2);
        assertEquals(SessionState.FAULT, faulted.state());
        faulted.load.voltageOffset(70_000);
        faulted.session.ticks(3);
        assertEquals(Verdict.HOLD_OFF, faulted.controller().record().verdict);
        assertEquals(TripCause.COMPLIANCE_VOLTAGE.code(), faulted.controller().record().tripCause);
        assertEquals(TripCause.DRIVER_ERROR, faulted.controller().lastTrip().cause(), "the latch keeps its cause");
    }

    /** The default limits with the SR-5 maker policy HOLD-OFF instead of TRIP. */
    private static MonitorLimits complianceHoldsOff(final MonitorLimits limits) throws ReflectiveOperationException
    {
        final java.lang.reflect.RecordComponent[] components = MonitorLimits.class.getRecordComponents();
        final Object[] values = new Object[components.length];
        final Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++)
        {
            types[i] = components[i].getType();
            values[i] = "complianceTrips".equals(components[i].getName()) ? Boolean.FALSE :
                components[i].getAccessor().invoke(limits);
        }
        return MonitorLimits.class.getDeclaredConstructor(types).newInstance(values);
    }

    // ---- pause, resume, stop, end ---------------------------------------------------------------------------

    @Test
    @DisplayName("PAUSE holds off at once and stops the timer with no automatic probe; RESUME re-checks the contact and continues the same treatment time; STOP in HOLD_OFF completes")
    void pauseResumeStop()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        rig.session.ticks(SECOND_TICKS);
        rig.session.send(SessionEvent.PAUSE, 0, null);
        assertEquals(SessionState.HOLD_OFF, rig.state());
        assertFalse(rig.load.enabled(), "off in the tick the pause is drained");
        assertEquals(0.0, rig.controller().setpointUa());
        final long paused = rig.controller().treatmentElapsedNs();
        rig.session.ticks(3 * PROBE_TICKS);
        assertEquals(SessionState.HOLD_OFF, rig.state(), "a pause waits for the operator");
        assertEquals(paused, rig.controller().treatmentElapsedNs());
        rig.session.send(SessionEvent.RESUME, 0, null);
        assertEquals(SessionState.RAMP_UP, rig.state());
        rig.session.ticks(100);
        assertEquals(paused, rig.controller().treatmentElapsedNs(), "the contact check is not treatment time");
        rig.until(SessionState.TREATING, 20 * SECOND_TICKS);
        assertTrue(rig.controller().treatmentElapsedNs() > paused, "the ramp to the target counts again");
        rig.session.send(SessionEvent.PAUSE, 0, null);
        rig.session.send(SessionEvent.STOP, 0, null);
        assertEquals(SessionState.COMPLETE, rig.state());
    }

    @Test
    @DisplayName("END_SESSION after COMPLETE returns to IDLE with nothing left of the session; the next session starts from zero dose and time")
    void endSessionForgetsTheSession()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        final SessionPlan first = TestPlans.standard().targetUa(2_000).durationNs(2 * TestPlans.SECOND_NS)
            .dutyPermille(500).conclude();
        rig.treating(first);
        rig.until(SessionState.COMPLETE, 20 * SECOND_TICKS);
        assertTrue(rig.controller().doseNormalUc() > 0);
        rig.session.send(SessionEvent.END_SESSION, 0, null);
        final Controller c = rig.controller();
        assertEquals(SessionState.IDLE, c.state());
        assertNull(c.plan());
        assertNull(c.screening());
        assertEquals(0.0, c.doseNormalUc(), 0.01, "reset (what remains is one tick of sensor noise with the output off)");
        assertEquals(0.0, c.targetUa());
        assertEquals(0.0, c.capUa());
        assertEquals(0, c.treatmentElapsedNs());
        assertEquals(0, c.treatmentRemainingNs());
        assertEquals(1000, c.dutyPermille(), "continuous again");
        assertEquals(0, c.activeClamps());
        assertEquals(0.0, c.doseTargetUc());

        final SessionPlan second = TestPlans.standard().targetUa(1_000).doseTargetUc(1_500).conclude();
        rig.treating(second);
        assertEquals(1_500, c.doseTargetUc());
        assertTrue(c.treatmentElapsedNs() < 2 * TestPlans.SECOND_NS, "counted from zero");
        assertTrue(c.doseNormalUc() < 1_500);
        rig.until(SessionState.COMPLETE, 60 * SECOND_TICKS);
        assertEquals(1_500, c.doseNormalUc(), 15, "the second dose is its own");
    }

    @Test
    @DisplayName("SR-11 a reversal session: the polarity swaps at zero current at half time, the dose is counted per polarity, the loop restarts without a bump")
    void halfTimeReversalDosesPerPolarity()
    {
        // the shortest reversal session is 10 min: at 100 Hz, 60,000 ticks
        final long periodNs = 10_000_000L;
        final Rig rig = new Rig(new ScenarioLoad(3_000), new ControllerContext().tickPeriodNs(periodNs)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, periodNs)));
        rig.treating(TestPlans.standard().targetUa(2_000).durationNs(10 * TestPlans.MINUTE_NS).reverseAtHalfTime(true)
            .conclude());
        rig.until(SessionState.POLARITY_SWITCH, 60 * SECOND_TICKS);
        assertEquals(5 * TestPlans.MINUTE_NS + periodNs, rig.controller().treatmentElapsedNs(),
            "HALF_TIME in the tick the counted time reached half the duration (the switch's tick counts too)");
        assertFalse(rig.controller().polarityReversed());
        while (!rig.controller().polarityReversed() && rig.controller().tick() < 100 * SECOND_TICKS)
        {
            assertTrue(rig.controller().measuredUa() < 2_100);
            rig.session.tick();
        }
        assertTrue(rig.controller().measuredUa() <= 200, "swapped only at zero current");
        final double normal = rig.controller().doseNormalUc();
        rig.until(SessionState.TREATING, 10 * SECOND_TICKS);
        assertTrue(rig.controller().command().polarityReversed());
        assertTrue(rig.controller().doseReversedUc() > 0);
        assertEquals(normal, rig.controller().doseNormalUc(), 1.0, "nothing more counted as normal");
        rig.until(SessionState.COMPLETE, 60 * SECOND_TICKS);
        assertEquals(rig.controller().doseNormalUc(), rig.controller().doseReversedUc(),
            0.1 * rig.controller().doseNormalUc(), "half of the treatment each way");
    }

    @Test
    @DisplayName("SR-13 forceSafe opens the output at once and trips INTERNAL_ERROR in the next tick, the failed index consumed; safeOutput opens it without a state change")
    void forceSafeAndSafeOutput()
    {
        final Rig rig = new Rig(new ScenarioLoad(3_000));
        rig.treating(twoMilliamps());
        final long tick = rig.controller().tick();
        rig.controller().safeOutput();
        assertFalse(rig.load.enabled());
        assertEquals(0.0, rig.controller().setpointUa());
        assertEquals(SessionState.TREATING, rig.state());
        assertEquals(tick, rig.controller().tick());
        rig.session.tick();
        assertEquals(SessionState.TREATING, rig.state(), "the loop goes on from zero");
        rig.session.ticks(100);
        assertTrue(rig.controller().setpointUa() > 0);
        rig.controller().forceSafe();
        assertFalse(rig.load.enabled());
        assertEquals(0.0, rig.controller().setpointUa(), "the ramp dropped with the output");
        assertEquals(tick + 102, rig.controller().tick(), "the failed tick consumed its index");
        rig.session.tick();
        assertEquals(SessionState.FAULT, rig.state());
        assertEquals(TripCause.INTERNAL_ERROR, rig.controller().lastTrip().cause());
        assertEquals(tick + 101, rig.controller().lastTrip().tick());
        rig.controller().recordDuration(1_000, 6_001_000);
        assertEquals(6_000_000, rig.controller().longestTickNs());
        assertEquals(1, rig.controller().overrunCount());
        assertSame(rig.controller().overrun(), rig.controller().overrun());
    }
}
