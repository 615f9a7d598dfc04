package org.galvani.controller;

import org.galvani.command.CommandHandler;
import org.galvani.command.CommandInbox;
import org.galvani.control.DoseMeter;
import org.galvani.control.PidController;
import org.galvani.control.PidGains;
import org.galvani.control.SetpointRamp;
import org.galvani.control.Titration;
import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.hal.HardwareDriver;
import org.galvani.safety.SafetyMonitor;
import org.galvani.safety.TripCause;
import org.galvani.safety.TripRecord;
import org.galvani.safety.Verdict;
import org.galvani.session.Clamp;
import org.galvani.session.RejectReason;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.session.SkinCheck;
import org.galvani.session.TransitionTable;

/**
 * The controller: one {@link #tick} is the tick of docs/architecture.md, in order — sample, safety monitor,
 * commands, state machine, setpoint, PID, actuate, dose, journal — and then the status is published.
 *
 * <p>Threading: every method but the constructor belongs to the control thread (the
 * {@link ControllerAgent}'s thread, or a test's thread driving ticks by hand). Commands arrive from any
 * thread through the {@link CommandInbox}; status leaves through the {@link StatusPublisher}.
 *
 * <p>Allocation: none in {@link #tick} after construction (a test counts the bytes). No locks, no
 * blocking, no clock: time is the tick index × the configured period, and the timing figures the agent
 * measured are inputs, journaled like the sample.
 *
 * <p>Determinism: the outputs of a tick are a function of the context, the controller's state, the
 * sample, the commands drained and the timing inputs (docs/decisions.md, ADR-3). Replay relies on it.
 */
public final class Controller implements CommandHandler, StatusSource
{
    /**
     * Clamp bits as constants of this class, so that {@link Clamp} is loaded when the controller is, not in the
     * first tick that clamps: loading a class allocates (about 11 KB), and a tick never may.
     */
    private static final int COMPLIANCE_LIMITED_BIT = Clamp.COMPLIANCE_LIMITED.bit();

    private final ControllerContext ctx;
    private final HardwareDriver driver;
    private final HalInfo info;
    private final CommandInbox inbox;
    private final JournalSink journal;
    private final StatusPublisher publisher;

    private final HalSample sample = new HalSample();
    private final HalCommand command = new HalCommand();
    private final TickRecord record = new TickRecord();
    private final ControllerEvent event = new ControllerEvent();
    private final SafetyMonitor monitor;
    private final PidController pid;
    private final SetpointRamp ramp;
    private final DoseMeter dose;
    private final Titration titration = new Titration();
    private final OverrunTracker overrun;
    private final TripRecord latchedTrip = new TripRecord();
    private final TripRecord pendingTrip = new TripRecord();

    private final Treatment treatment;

    private long tick;
    private SessionState state = SessionState.IDLE;
    private ScreeningDecision screening;
    private int complianceTicks;
    private boolean complianceLimited;
    private int activeClamps;

    private double measuredUa;
    private double averageUa;
    private int verdict;
    /** The trip cause code the tick's verdict stands for (0 when OK), fixed when the verdict is (step 2). */
    private int verdictCause;
    private long lastRejectedCommandId;
    private int lastRejectReason;
    private long lastAcceptedCommandId;

    /**
     * @param ctx       the concluded context.
     * @param driver    the open driver.
     * @param inbox     where commands arrive.
     * @param journal   the journal seam ({@link JournalSink#NONE} for none).
     * @param publisher where status is published.
     */
    public Controller(
        final ControllerContext ctx,
        final HardwareDriver driver,
        final CommandInbox inbox,
        final JournalSink journal,
        final StatusPublisher publisher)
    {
        this.ctx = ctx.conclude();
        this.driver = driver;
        this.info = driver.info();
        this.inbox = inbox;
        this.journal = journal;
        this.publisher = publisher;
        this.monitor = new SafetyMonitor(ctx.monitorLimits(), info, sample, command);
        final long periodNs = ctx.tickPeriodNs();
        this.pid = new PidController(ctx.pidGains() != null ? ctx.pidGains() : PidGains.defaults(info), info, periodNs);
        this.ramp = new SetpointRamp(periodNs);
        this.dose = new DoseMeter(periodNs);
        this.treatment = new Treatment(ctx, ramp, titration, dose);
        this.overrun = new OverrunTracker(ctx.monitorLimits().overrunTripNs());
        command.safe();
    }

    /**
     * Runs one tick. Never throws for anything the hardware or an operator does; a defect inside the
     * tick is caught by the {@link ControllerAgent}, which forces the output off.
     *
     * @param timing when the tick was due and started, the previous tick's duration and this tick's lateness
     *               (read during the tick, never kept; all 0 when driven by hand).
     */
    public void tick(final TickTiming timing)
    {
        final long lastTickDurationNs = timing.lastTickDurationNs();
        final long latenessNs = timing.latenessNs();
        record.stateBefore = state.code();
        final boolean wasReversed = command.polarityReversed();
        final int wasDuty = command.dutyPermille();

        // 1. sample
        final int sampleResult = driver.sample(sample);
        measure(sampleResult, wasDuty);

        // 2. safety monitor (independent of the PID)
        judge(sampleResult, lastTickDurationNs, latenessNs);

        // 3. commands: a pending e-stop first (a flag no sender can hold, SR-12), then the ring
        inbox.drain(this, ctx.commandsPerTick());

        // 4. state machine: what the controller itself detects
        progress();

        // 5.-6. setpoint and PID, or the safe command (SR-2)
        decideOutput();

        // 7. actuate
        final int actuateResult = driver.actuate(command);
        if (actuateResult != HalErrorCode.OK)
        {
            pendingTrip.set(TripCause.DRIVER_ERROR, tick, actuateResult, HalErrorCode.OK);
        }

        // 8. dose (what the sample of this tick shows was delivered) and the treatment timer
        dose.accumulate(averageUa, wasReversed);
        treatment.countTick(state);
        updateClamps();

        // 9. journal
        fillRecord(timing.scheduledNs(), timing.actualNs(), lastTickDurationNs, latenessNs, sampleResult, actuateResult);
        if (!journal.onTick(record))
        {
            journalFailed();
        }

        publisher.publish(this);
        tick++;
    }

    /**
     * Records how long the tick that just ran took (called by the agent after {@link #tick}).
     *
     * @param startNs when it started.
     * @param endNs   when it ended.
     */
    public void recordDuration(final long startNs, final long endNs)
    {
        overrun.record(startNs, endNs);
    }

    /**
     * The last line of defence against a defect in the tick: output off, FAULT latched (SR-13). Called
     * by the agent when the tick threw; allocation-free.
     */
    public void forceSafe()
    {
        command.safe();
        driver.actuate(command);
        ramp.dropToZero();
        pendingTrip.set(TripCause.INTERNAL_ERROR, tick, 0, 0);
        tick++; // the failed tick consumed its index: the journal shows the gap, the trip says why
    }

    /**
     * Opens the output (DAC zero, output-enable off) without changing the session state: used when the
     * control loop stops (agent closed). The driver's watchdog would do the same after its timeout.
     */
    public void safeOutput()
    {
        command.safe();
        driver.actuate(command);
        ramp.dropToZero();
    }

    private void measure(final int sampleResult, final int appliedDuty)
    {
        if (sampleResult != HalErrorCode.OK)
        {
            measuredUa = 0.0;
            averageUa = 0.0;
            return;
        }
        final double currentAUa = Math.abs(info.currentAUa(sample.currentARaw()));
        final double currentBUa = Math.abs(info.currentBUa(sample.currentBRaw()));
        measuredUa = 0.5 * (currentAUa + currentBUa);
        averageUa = measuredUa * appliedDuty / 1000.0;
        // limited by the load: the driver says the stage is at compliance, or the loop holds itself at the
        // compliance cap it estimates (the setpoint is above what the load can take)
        final boolean atCompliance = (sample.hasStatus(HalStatus.COMPLIANCE) || pid.complianceLimited()) &&
            state.outputAllowed();
        // SR-17: shown from the first tick at compliance; cleared only after complianceClampTicks clear ticks, so a
        // current held at the edge of compliance (the bit flickering) stays shown instead of blinking.
        if (atCompliance)
        {
            complianceLimited = true;
            complianceTicks = 0;
        }
        else if (complianceLimited && ++complianceTicks >= ctx.complianceClampTicks())
        {
            complianceLimited = false;
            complianceTicks = 0;
        }
    }

    private void judge(final int sampleResult, final long lastTickDurationNs, final long latenessNs)
    {
        verdict = monitor.evaluate(tick, sampleResult, state.outputAllowed(), ramp.setpointUa(), dose.totalUc(),
            lastTickDurationNs, latenessNs);
        if (pendingTrip.cause() != TripCause.NONE)
        {
            verdict = Verdict.TRIP;
            trip(pendingTrip);
            pendingTrip.clear();
        }
        else if (verdict == Verdict.TRIP)
        {
            trip(monitor.trip());
        }
        else if (verdict == Verdict.HOLD_OFF)
        {
            holdOff(monitor.trip());
        }
        // The cause the verdict stands for, taken now: a command drained later in this tick (an authorised RESET
        // in the very tick a pending cause trips) must not change what the tick's record says tripped it.
        verdictCause = verdict == Verdict.OK ? 0 : latchedOrMonitorCause();
    }

    private void trip(final TripRecord cause)
    {
        if (state.latched())
        {
            return; // the first cause stays latched (docs/safety-monitor.md)
        }
        latchedTrip.copyFrom(cause);
        event.reset(EventType.TRIP, tick);
        event.code = cause.cause().code();
        event.measured = cause.measured();
        event.limit = cause.limit();
        emit();
        transition(SessionEvent.TRIP, 0);
    }

    private void holdOff(final TripRecord cause)
    {
        if (!state.outputAllowed())
        {
            return;
        }
        event.reset(EventType.HOLD_OFF, tick);
        event.code = cause.cause().code();
        event.measured = cause.measured();
        event.limit = cause.limit();
        emit();
        if (state == SessionState.RAMP_UP && treatment.checkingContactBeforeStart())
        {
            // No contact at the pre-ramp check of a START: the start is refused (SR-6).
            transition(SessionEvent.CONTACT_REFUSED, 0);
        }
        else if (cause.cause() == TripCause.CONTACT_DEGRADED)
        {
            // SR-20: held off until the operator re-wets or re-seats the electrode and resumes (no automatic probe)
            transition(SessionEvent.CONTACT_DEGRADED, 0);
        }
        else
        {
            transition(SessionEvent.CONTACT_LOST, 0);
        }
    }

    // ---- commands (step 3) -------------------------------------------------------------------------

    @Override
    public void onCommand(final SessionEvent request, final long commandId, final int arg, final Object attachment)
    {
        final RejectReason refusal = refusal(request, attachment);
        if (refusal != RejectReason.NONE)
        {
            reject(request, commandId, arg, attachment, refusal);
            return;
        }
        if (request == SessionEvent.ADJUST)
        {
            final int clamps = titration.adjust(arg);
            accept(request, commandId, arg, null, clamps);
            return;
        }
        if (request == SessionEvent.SKIN_CHECK)
        {
            accept(request, commandId, arg, attachment, 0);
            recordSkinCheck((SkinCheck)attachment, commandId);
            return;
        }
        if (TransitionTable.next(state, request, treatment.plan() != null) == null)
        {
            reject(request, commandId, arg, attachment, TransitionTable.rejection(state, request));
            return;
        }
        accept(request, commandId, arg, attachment, 0);
        switch (request)
        {
            case SCREEN -> freezeScreening((ScreeningDecision)attachment, commandId);
            case ARM -> armPlan((SessionPlan)attachment, commandId);
            case RESET -> resetFault((ResetAuthorisation)attachment, commandId);
            default ->
            {
            }
        }
        transition(request, commandId);
    }

    private RejectReason refusal(final SessionEvent request, final Object attachment)
    {
        switch (request)
        {
            case SCREEN:
                if (!(attachment instanceof ScreeningDecision))
                {
                    return RejectReason.NOTHING_SUBMITTED;
                }
                return ((ScreeningDecision)attachment).armable() || state != SessionState.IDLE ?
                    RejectReason.NONE : RejectReason.SCREENING_BLOCKS;
            case ARM:
                if (!(attachment instanceof SessionPlan))
                {
                    return RejectReason.NOTHING_SUBMITTED;
                }
                return ((SessionPlan)attachment).authorised() || state != SessionState.SCREENED ?
                    RejectReason.NONE : RejectReason.PRESCRIPTION_NOT_AUTHORISED;
            case RESET:
                if (!(attachment instanceof ResetAuthorisation))
                {
                    return state.latched() ? RejectReason.RESET_NOT_AUTHORISED : RejectReason.NONE;
                }
                final ResetAuthorisation reset = (ResetAuthorisation)attachment;
                return reset.authorised() && reset.reason() != null && !reset.reason().isBlank() ||
                    !state.latched() ? RejectReason.NONE : RejectReason.RESET_NOT_AUTHORISED;
            case ADJUST:
                return state == SessionState.RAMP_UP || state == SessionState.TREATING ?
                    RejectReason.NONE : TransitionTable.rejection(state, request);
            case SKIN_CHECK:
                if (!(attachment instanceof SkinCheck))
                {
                    return RejectReason.NOTHING_SUBMITTED;
                }
                return sessionEnded() ? RejectReason.NONE : RejectReason.SESSION_NOT_ENDED;
            default:
                return RejectReason.NONE;
        }
    }

    private void accept(
        final SessionEvent request, final long commandId, final int arg, final Object attachment, final int clamps)
    {
        lastAcceptedCommandId = commandId;
        event.reset(EventType.COMMAND_ACCEPTED, tick);
        event.commandId = commandId;
        event.sessionEvent = request.code();
        event.arg = arg;
        event.code = clamps;
        event.fromState = state.code();
        event.attachment = attachment; // journaled with the command, so that a refusal replays too (SR-15)
        emit();
    }

    private void reject(
        final SessionEvent request, final long commandId, final int arg, final Object attachment,
        final RejectReason reason)
    {
        lastRejectedCommandId = commandId;
        lastRejectReason = reason.code();
        event.reset(EventType.COMMAND_REJECTED, tick);
        event.commandId = commandId;
        event.sessionEvent = request.code();
        event.arg = arg;
        event.code = reason.code();
        event.fromState = state.code();
        event.attachment = attachment; // journaled with the command, so that a refusal replays too (SR-15)
        emit();
    }

    /**
     * SR-22: the session has ended — the output is off for good in this session: ramped down to COMPLETE, or
     * latched in FAULT or E_STOP — and a plan was armed (a treatment was at least started), so a skin check can be
     * recorded.
     */
    private boolean sessionEnded()
    {
        return treatment.plan() != null &&
            (state == SessionState.COMPLETE || state == SessionState.FAULT || state == SessionState.E_STOP);
    }

    /**
     * SR-22: journals the skin check (a SKIN_CHECK record, docs/journal-format.md) in the tick that drained it; no
     * state change, no allocation (the check was built on the sender's thread).
     */
    private void recordSkinCheck(final SkinCheck check, final long commandId)
    {
        event.reset(EventType.SKIN_CHECKED, tick);
        event.commandId = commandId;
        event.sessionEvent = SessionEvent.SKIN_CHECK.code();
        event.fromState = state.code();
        event.toState = state.code();
        event.code = check.grade().code();
        event.attachment = check;
        emit();
    }

    private void freezeScreening(final ScreeningDecision decision, final long commandId)
    {
        screening = decision;
        event.reset(EventType.SCREENING_FROZEN, tick);
        event.commandId = commandId;
        event.attachment = decision;
        emit();
    }

    /**
     * The session charge ceiling the driver's independent channel enforces (SR-18): the plan's dose bound plus
     * {@link #NATIVE_CHARGE_MARGIN}, so that the monitor's own DOSE_EXCEEDED (SR-11) trips first when it works;
     * 0 (no ceiling) when the plan has no finite dose bound.
     *
     * @param plan the armed plan.
     * @return the ceiling (µC).
     */
    public static double nativeChargeCeilingUc(final SessionPlan plan)
    {
        final double ceiling = plan.doseTripUc() * NATIVE_CHARGE_MARGIN;
        return ceiling > 0.0 && ceiling < 1e15 ? ceiling : 0.0;
    }

    /** Margin of the native charge ceiling over the plan's dose bound (SR-18; docs/safety-monitor.md). */
    public static final double NATIVE_CHARGE_MARGIN = 1.05;

    private void armPlan(final SessionPlan armed, final long commandId)
    {
        treatment.arm(armed);
        // SR-18: the driver's own channel gets the session's charge ceiling, and refuses a reversed-polarity
        // session on hardware that cannot reverse (the trip names the driver's code next tick).
        final int armedResult = driver.armSafetyChannel(nativeChargeCeilingUc(armed),
            armed.startReversed() || armed.reverseAtHalfTime());
        if (armedResult != HalErrorCode.OK)
        {
            pendingTrip.set(TripCause.DRIVER_ERROR, tick, armedResult, HalErrorCode.OK);
        }
        monitor.arm(armed.tripLevelUa(), armed.densityLimitUa(), armed.doseTripUc());
        titration.load(armed.startUa(), armed.stepUa(), armed.capUa(), armed.peakLimitUa(), armed.densityLimitUa(),
            armed.dutyPermille());
        ramp.rate(armed.rampRateUaPerS());
        dose.reset();
        command.set(0, treatment.polarityReversed(), false, HalCommand.CONTINUOUS_DUTY_PERMILLE);
        event.reset(EventType.PRESCRIPTION_ARMED, tick);
        event.commandId = commandId;
        event.attachment = armed;
        emit();
    }

    private void resetFault(final ResetAuthorisation reset, final long commandId)
    {
        event.reset(EventType.FAULT_RESET, tick);
        event.commandId = commandId;
        event.code = latchedTrip.cause().code();
        event.attachment = reset;
        emit();
        // SR-18: an authorised reset also clears the driver's own latch (a reset to ARMED keeps the plan's ceiling,
        // counted again from zero); it re-latches at once if the breach persists.
        final SessionPlan plan = treatment.plan();
        final int rearmed = plan != null ?
            driver.armSafetyChannel(nativeChargeCeilingUc(plan), plan.startReversed() || plan.reverseAtHalfTime()) :
            driver.armSafetyChannel(0.0, false);
        if (rearmed != HalErrorCode.OK)
        {
            pendingTrip.set(TripCause.DRIVER_ERROR, tick, rearmed, HalErrorCode.OK);
        }
    }

    // ---- state machine (step 4) ----------------------------------------------------------------------

    private void transition(final SessionEvent cause, final long commandId)
    {
        final SessionState next = TransitionTable.next(state, cause, treatment.plan() != null);
        if (next == null)
        {
            return; // internal events are only fired where the table has them
        }
        final SessionState from = state;
        state = next;
        if (from != next || cause == SessionEvent.CONTACT_OK)
        {
            event.reset(EventType.STATE_CHANGED, tick);
            event.commandId = commandId;
            event.sessionEvent = cause.code();
            event.fromState = from.code();
            event.toState = next.code();
            emit();
        }
        enter(cause);
    }

    private void enter(final SessionEvent cause)
    {
        if (treatment.entered(state, cause))
        {
            pid.reset(0.0, 0.0, 0.0); // a contact check starts: the loop restarts from zero
            monitor.restartContactBaseline(); // SR-20: a new contact, a new baseline
        }
        if (state == SessionState.IDLE)
        {
            endSession();
        }
        if (!state.outputAllowed())
        {
            ramp.dropToZero();
        }
    }

    private void endSession()
    {
        screening = null;
        treatment.end();
        monitor.disarm();
        // SR-18: no session, no charge ceiling; the channel's latch is cleared with the fault it caused
        // (an authorised reset or the session's end), and re-latches at once if the breach persists.
        final int disarmed = driver.armSafetyChannel(0.0, false);
        if (disarmed != HalErrorCode.OK)
        {
            pendingTrip.set(TripCause.DRIVER_ERROR, tick, disarmed, HalErrorCode.OK);
        }
        pid.clear();
        titration.clear();
        dose.reset();
    }

    private void progress()
    {
        final boolean wasReversed = treatment.polarityReversed();
        final SessionEvent next = treatment.progress(state, measuredUa,
            Math.abs(info.electrodeMv(sample.electrodeVoltageRaw())));
        if (treatment.contactJudged())
        {
            event.reset(EventType.CONTACT_CHECK, tick);
            event.measured = treatment.contactOhm();
            event.limit = treatment.contactLimitOhm();
            emit();
        }
        if (treatment.polarityReversed() != wasReversed)
        {
            pid.reset(command.dacCode(), 0.0, measuredUa); // bumpless restart after the swap at zero current
        }
        if (next == SessionEvent.TRIP)
        {
            pendingTrip.set(TripCause.CONTACT_CHECK_SHORT, tick, treatment.contactOhm(), treatment.contactLimitOhm());
            trip(pendingTrip);
            pendingTrip.clear();
        }
        else if (next != null)
        {
            transition(next, 0);
        }
    }

    // ---- output (steps 5-6) ----------------------------------------------------------------------------

    private void decideOutput()
    {
        if (!state.outputAllowed() || verdict != Verdict.OK)
        {
            ramp.dropToZero();
            pid.reset(0.0, 0.0, 0.0);
            command.safe();
            return;
        }
        ramp.advance();
        final boolean complianceBit = sample.hasStatus(HalStatus.COMPLIANCE);
        final boolean atCompliance = complianceBit || pid.complianceLimited();
        if (atCompliance)
        {
            // SR-10: while the load cannot take the setpoint, the setpoint waits just above the current it
            // takes, so that when the load falls (skin wetting) the current rises at the ramp rate, not at once.
            ramp.holdAtMost(measuredUa + ramp.stepUa());
        }
        // The loop is told the driver's COMPLIANCE bit, as its contract says, never its own previous verdict: with
        // that, its rail became the measured voltage and its cap the measured current, so once limited it stayed
        // limited and a titration below what the load takes dragged the current down without end (issue 12).
        double code = pid.update(ramp.setpointUa(), measuredUa,
            Math.abs(info.electrodeMv(sample.electrodeVoltageRaw())), complianceBit);
        if (atCompliance)
        {
            // SR-10: at compliance the load, not the source, sets the current, so a DAC command above what flows
            // changes nothing now but is delivered at once the moment the load falls (a transient, a hand pressed
            // back): the command is held at one ramp step above the delivered current, and the loop restarts
            // from there without a bump. The current then rises at the ramp rate whatever the load does.
            final double heldCode = (measuredUa + ramp.stepUa()) / info.dacUaPerCode();
            if (code > heldCode)
            {
                code = heldCode;
                pid.reset(code, ramp.setpointUa(), measuredUa);
            }
        }
        command.set((int)code, treatment.polarityReversed(), true, treatment.dutyPermille());
    }

    private void updateClamps()
    {
        int clamps = 0;
        if (treatment.plan() != null)
        {
            clamps = treatment.plan().validationClamps() | titration.clamps() | treatment.timeClamps();
            if (complianceLimited)
            {
                clamps |= COMPLIANCE_LIMITED_BIT;
            }
        }
        if (clamps != activeClamps)
        {
            event.reset(EventType.CLAMPS_CHANGED, tick);
            event.code = clamps;
            event.arg = activeClamps;
            emit();
            activeClamps = clamps;
        }
    }

    // ---- journal (step 9) ------------------------------------------------------------------------------

    private void fillRecord(
        final long scheduledNs,
        final long actualNs,
        final long lastTickDurationNs,
        final long latenessNs,
        final int sampleResult,
        final int actuateResult)
    {
        final TickRecord r = record;
        r.tick = tick;
        r.scheduledNs = scheduledNs;
        r.actualNs = actualNs;
        r.lastTickDurationNs = lastTickDurationNs;
        r.latenessNs = latenessNs;
        r.sampleResult = sampleResult;
        r.sample.copyFrom(sample);
        r.stateAfter = state.code();
        r.verdict = verdict;
        r.tripCause = verdictCause;
        r.activeClamps = activeClamps;
        r.targetUa = titration.targetUa();
        r.setpointUa = ramp.setpointUa();
        r.measuredUa = measuredUa;
        r.loadOhm = pid.loadEstimateOhm();
        r.pTerm = pid.proportionalCodes();
        r.iTerm = pid.integralCodes();
        r.dTerm = pid.derivativeCodes();
        r.ffTerm = pid.feedForwardCodes();
        r.command.set(command.dacCode(), command.polarityReversed(), command.outputEnabled(), command.dutyPermille());
        r.actuateResult = actuateResult;
        r.doseNormalUc = dose.normalUc();
        r.doseReversedUc = dose.reversedUc();
        r.treatmentElapsedNs = treatment.elapsedNs();
    }

    private int latchedOrMonitorCause()
    {
        return verdict == Verdict.HOLD_OFF || !state.latched() ? monitor.trip().cause().code() :
            latchedTrip.cause().code();
    }

    private void emit()
    {
        if (!journal.onEvent(event))
        {
            journalFailed();
        }
    }

    private void journalFailed()
    {
        if (pendingTrip.cause() == TripCause.NONE)
        {
            pendingTrip.set(TripCause.JOURNAL_FAILURE, tick, 1, 0);
        }
    }

    // ---- status ----------------------------------------------------------------------------------------

    @Override
    public long tick()
    {
        return tick;
    }

    @Override
    public int stateCode()
    {
        return state.code();
    }

    /**
     * @return the session state (control thread; other threads read {@link StatusPublisher}).
     */
    public SessionState state()
    {
        return state;
    }

    @Override
    public int activeClamps()
    {
        return activeClamps;
    }

    @Override
    public double measuredUa()
    {
        return measuredUa;
    }

    @Override
    public double averageUa()
    {
        return averageUa;
    }

    @Override
    public double setpointUa()
    {
        return ramp.setpointUa();
    }

    @Override
    public double targetUa()
    {
        return titration.targetUa();
    }

    @Override
    public double capUa()
    {
        return titration.capUa();
    }

    @Override
    public double doseNormalUc()
    {
        return dose.normalUc();
    }

    @Override
    public double doseReversedUc()
    {
        return dose.reversedUc();
    }

    @Override
    public double doseTargetUc()
    {
        return treatment.plan() == null ? 0.0 : treatment.plan().doseTargetUc();
    }

    @Override
    public long treatmentElapsedNs()
    {
        return treatment.elapsedNs();
    }

    @Override
    public long treatmentRemainingNs()
    {
        return treatment.remainingNs(averageUa);
    }

    @Override
    public TripRecord lastTrip()
    {
        return latchedTrip;
    }

    @Override
    public int lastRejectReasonCode()
    {
        return lastRejectReason;
    }

    @Override
    public long lastRejectedCommandId()
    {
        return lastRejectedCommandId;
    }

    @Override
    public long lastAcceptedCommandId()
    {
        return lastAcceptedCommandId;
    }

    @Override
    public boolean polarityReversed()
    {
        return treatment.polarityReversed();
    }

    @Override
    public int dutyPermille()
    {
        return treatment.dutyPermille();
    }

    @Override
    public long longestTickNs()
    {
        return overrun.longestNs();
    }

    @Override
    public long overrunCount()
    {
        return overrun.overrunCount();
    }

    /**
     * @return the command applied in the latest tick (control thread; tests read it between ticks).
     */
    public HalCommand command()
    {
        return command;
    }

    /**
     * @return the latest sample (control thread).
     */
    public HalSample sample()
    {
        return sample;
    }

    /**
     * @return the latest tick record (control thread).
     */
    public TickRecord record()
    {
        return record;
    }

    /**
     * @return the context.
     */
    public ControllerContext context()
    {
        return ctx;
    }

    /**
     * @return the overrun tracker (SR-9).
     */
    public OverrunTracker overrun()
    {
        return overrun;
    }

    /**
     * @return the frozen screening decision of the session, or null.
     */
    public ScreeningDecision screening()
    {
        return screening;
    }

    /**
     * @return the armed plan, or null.
     */
    public SessionPlan plan()
    {
        return treatment.plan();
    }
}
