package org.galvani.controller;

import org.galvani.control.DoseMeter;
import org.galvani.control.SetpointRamp;
import org.galvani.control.Titration;
import org.galvani.hal.HalCommand;
import org.galvani.safety.SafetyMonitor;
import org.galvani.session.Clamp;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * How an armed session progresses inside its states (docs/architecture.md, the tick, step 4, and the setpoint
 * profile of step 5): the pre-ramp contact check in RAMP_UP (SR-6), the soft start, the polarity reversal
 * through zero at half time, the end by time or by dose (SR-11) with lengthening and the maker's time
 * bound (SR-17), the automatic contact probe after a contact loss, and the treatment timer, which runs
 * only while current is being delivered.
 *
 * <p>It decides, the {@link Controller} acts: {@link #progress} moves the ramp's goal and returns the
 * event the controller fires through the transition table (or null), and {@link #entered} is told
 * about every transition. Threading: control thread only. Allocation: none.
 */
final class Treatment
{
    /** Clamp bits resolved at class initialisation: {@link Clamp} is never first loaded inside a tick. */
    private static final int DOSE_LENGTHENED_BIT = Clamp.DOSE_LENGTHENED.bit();
    private static final int SESSION_TIME_LIMIT_BIT = Clamp.SESSION_TIME_LIMIT.bit();

    /** Sub-phases of RAMP_UP: the pre-ramp contact check (SR-6), then the soft start. */
    private enum ContactPhase
    {
        NONE, RAMP_TO_TEST_CURRENT, SETTLE, RAMP_TO_TARGET
    }

    private final long periodNs;
    private final long contactSettleTicks;
    private final long probeIntervalTicks;
    private final double zeroCurrentUa;
    private final SetpointRamp ramp;
    private final Titration titration;
    private final DoseMeter dose;

    private SessionPlan plan;
    private ContactPhase contactPhase = ContactPhase.NONE;
    private boolean probing;
    private long contactCountdown;
    private boolean contactJudged;
    private double contactOhm;
    private double contactLimitOhm;
    private boolean holdOffForContact;
    private long probeCountdown;
    private boolean switchRampingUp;
    private boolean halfTimeDone;
    private long elapsedTicks;
    private int timeClamps;
    private boolean polarityReversed;
    private int dutyPermille = HalCommand.CONTINUOUS_DUTY_PERMILLE;

    /**
     * @param ctx       the concluded context (period, contact settle time, probe interval, idle leak).
     * @param ramp      the controller's setpoint ramp (this class moves its goal).
     * @param titration the controller's titration (the target).
     * @param dose      the controller's dose meter.
     */
    Treatment(final ControllerContext ctx, final SetpointRamp ramp, final Titration titration, final DoseMeter dose)
    {
        this.periodNs = ctx.tickPeriodNs();
        this.contactSettleTicks = ctx.ticks(ctx.contactSettleNs());
        this.probeIntervalTicks = ctx.ticks(ctx.contactProbeIntervalNs());
        this.zeroCurrentUa = ctx.monitorLimits().idleLeakUa();
        this.ramp = ramp;
        this.titration = titration;
        this.dose = dose;
    }

    /**
     * A plan was armed: a new treatment (dose and timer are reset by the caller and here).
     *
     * @param armed the plan.
     */
    void arm(final SessionPlan armed)
    {
        plan = armed;
        elapsedTicks = 0;
        halfTimeDone = false;
        timeClamps = 0;
        polarityReversed = armed.startReversed();
        dutyPermille = armed.dutyPermille();
    }

    /**
     * The session ended (back to IDLE).
     */
    void end()
    {
        plan = null;
        elapsedTicks = 0;
        timeClamps = 0;
        contactPhase = ContactPhase.NONE;
        dutyPermille = HalCommand.CONTINUOUS_DUTY_PERMILLE;
    }

    /**
     * The session entered a state.
     *
     * @param state the new state.
     * @param cause the event that led there.
     * @return whether a contact check starts (the controller restarts its loop from zero).
     */
    boolean entered(final SessionState state, final SessionEvent cause)
    {
        boolean contactCheckStarts = false;
        if (state != SessionState.RAMP_UP)
        {
            contactPhase = ContactPhase.NONE;
        }
        switch (state)
        {
            case RAMP_UP ->
            {
                if (cause == SessionEvent.CONTACT_OK)
                {
                    contactPhase = ContactPhase.RAMP_TO_TARGET;
                }
                else
                {
                    probing = cause == SessionEvent.CONTACT_PROBE;
                    contactPhase = ContactPhase.RAMP_TO_TEST_CURRENT;
                    ramp.dropToZero();
                    contactCheckStarts = true;
                }
            }
            case POLARITY_SWITCH -> switchRampingUp = false;
            case HOLD_OFF ->
            {
                holdOffForContact = cause == SessionEvent.CONTACT_LOST;
                probeCountdown = probeIntervalTicks;
            }
            default ->
            {
            }
        }
        return contactCheckStarts;
    }

    /**
     * One tick of progress in the current state (step 4). Moves the ramp's goal; may swap the polarity
     * at zero current (see {@link #polarityReversed()}); may judge the contact (see {@link #contactJudged()}).
     *
     * @param state       the state after the commands of this tick.
     * @param measuredUa  the measured current magnitude (µA).
     * @param electrodeMv the measured electrode voltage magnitude (mV).
     * @return the event to fire, {@link SessionEvent#TRIP} for a short found by the contact check, or null.
     */
    SessionEvent progress(final SessionState state, final double measuredUa, final double electrodeMv)
    {
        contactJudged = false;
        switch (state)
        {
            case RAMP_UP:
                return progressRampUp(measuredUa, electrodeMv);
            case TREATING:
                ramp.goal(titration.targetUa());
                if (endReached())
                {
                    return SessionEvent.END_REACHED;
                }
                if (plan.reverseAtHalfTime() && !halfTimeDone && elapsedTicks * periodNs >= plan.durationNs() / 2)
                {
                    halfTimeDone = true;
                    return SessionEvent.HALF_TIME;
                }
                return null;
            case POLARITY_SWITCH:
                return progressPolaritySwitch(measuredUa);
            case RAMP_DOWN:
                ramp.goal(0.0);
                return ramp.setpointUa() == 0.0 ? SessionEvent.RAMP_DOWN_DONE : null;
            case HOLD_OFF:
                return holdOffForContact && --probeCountdown <= 0 ? SessionEvent.CONTACT_PROBE : null;
            default:
                return null;
        }
    }

    private SessionEvent progressRampUp(final double measuredUa, final double electrodeMv)
    {
        switch (contactPhase)
        {
            case RAMP_TO_TEST_CURRENT:
                ramp.goal(plan.contactTestUa());
                if (ramp.atGoal())
                {
                    contactPhase = ContactPhase.SETTLE;
                    contactCountdown = contactSettleTicks;
                }
                return null;
            case SETTLE:
                return --contactCountdown <= 0 ? judgeContact(measuredUa, electrodeMv) : null;
            case RAMP_TO_TARGET:
                ramp.goal(titration.targetUa());
                if (endReached())
                {
                    return SessionEvent.END_REACHED;
                }
                return ramp.atGoal() ? SessionEvent.RAMP_DONE : null;
            default:
                return null;
        }
    }

    private SessionEvent judgeContact(final double measuredUa, final double electrodeMv)
    {
        contactJudged = true;
        contactOhm = SafetyMonitor.impedanceOhm(electrodeMv, measuredUa);
        if (contactOhm > plan.contactMaxOhm())
        {
            contactLimitOhm = plan.contactMaxOhm();
            return probing ? SessionEvent.CONTACT_LOST : SessionEvent.CONTACT_REFUSED;
        }
        if (contactOhm < plan.contactMinOhm())
        {
            contactLimitOhm = plan.contactMinOhm();
            return SessionEvent.TRIP;
        }
        contactLimitOhm = plan.contactMaxOhm();
        ramp.goal(titration.targetUa());
        return SessionEvent.CONTACT_OK;
    }

    private SessionEvent progressPolaritySwitch(final double measuredUa)
    {
        if (endReached())
        {
            return SessionEvent.END_REACHED;
        }
        if (!switchRampingUp)
        {
            ramp.goal(0.0);
            if (ramp.setpointUa() == 0.0 && measuredUa <= zeroCurrentUa)
            {
                polarityReversed = !polarityReversed; // at zero current: a relay never switches under load
                switchRampingUp = true;
            }
            return null;
        }
        ramp.goal(titration.targetUa());
        return ramp.atGoal() ? SessionEvent.SWITCH_DONE : null;
    }

    /**
     * SR-11 and SR-17: time-ended sessions end at their duration; dose-ended sessions start the ramp down
     * when the dose the ramp will still deliver completes the prescription, may lengthen past the
     * prescribed duration (shown as {@link Clamp#DOSE_LENGTHENED}) and stop at the maker's bound
     * ({@link Clamp#SESSION_TIME_LIMIT}).
     */
    private boolean endReached()
    {
        final long elapsedNs = elapsedTicks * periodNs;
        if (plan.doseTargetUc() <= 0.0)
        {
            return elapsedNs >= plan.durationNs();
        }
        final boolean doseReached = dose.totalUc() + DoseMeter.rampDownChargeUc(
            ramp.setpointUa() * dutyPermille / 1000.0, plan.rampRateUaPerS() * dutyPermille / 1000.0) >=
            plan.doseTargetUc();
        if (plan.durationNs() > 0 && elapsedNs > plan.durationNs())
        {
            timeClamps |= DOSE_LENGTHENED_BIT;
        }
        if (!doseReached && elapsedNs >= plan.maxSessionNs())
        {
            timeClamps |= SESSION_TIME_LIMIT_BIT;
            return true;
        }
        return doseReached;
    }

    /**
     * Counts one tick of treatment time when current is being delivered (paused in HOLD_OFF and during the
     * contact check).
     *
     * @param state the state at the end of the tick.
     */
    void countTick(final SessionState state)
    {
        if (state == SessionState.TREATING || state == SessionState.POLARITY_SWITCH ||
            state == SessionState.RAMP_UP && contactPhase == ContactPhase.RAMP_TO_TARGET)
        {
            elapsedTicks++;
        }
    }

    /**
     * @return whether RAMP_UP is still at the pre-ramp contact check of a START (not a probe): a contact
     *         loss then refuses the start instead of holding off.
     */
    boolean checkingContactBeforeStart()
    {
        return contactPhase != ContactPhase.RAMP_TO_TARGET && !probing;
    }

    /**
     * @return whether this tick's {@link #progress} judged the contact.
     */
    boolean contactJudged()
    {
        return contactJudged;
    }

    /**
     * @return the contact impedance judged (Ω).
     */
    double contactOhm()
    {
        return contactOhm;
    }

    /**
     * @return the limit the contact impedance was compared against (Ω).
     */
    double contactLimitOhm()
    {
        return contactLimitOhm;
    }

    /**
     * @return the remaining treatment time: by the clock for time-ended sessions, estimated from the
     *         current for dose-ended ones, never beyond the maker's bound (ns).
     * @param averageUa the average current now (µA).
     */
    long remainingNs(final double averageUa)
    {
        if (plan == null)
        {
            return 0;
        }
        final long elapsedNs = elapsedTicks * periodNs;
        if (plan.doseTargetUc() <= 0.0)
        {
            return Math.max(0, plan.durationNs() - elapsedNs);
        }
        final double remainingUc = Math.max(0.0, plan.doseTargetUc() - dose.totalUc());
        final double rateUa = Math.max(averageUa, titration.targetUa() * dutyPermille / 1000.0);
        if (remainingUc <= 0.0)
        {
            return 0; // the dose is complete: nothing is left, whatever current is (or is not) asked for
        }
        final long byDoseNs = rateUa > 0.0 ? (long)(remainingUc / rateUa * 1e9) : plan.maxSessionNs() - elapsedNs;
        return Math.max(0, Math.min(byDoseNs, plan.maxSessionNs() - elapsedNs));
    }

    /**
     * @return the armed plan, or null.
     */
    SessionPlan plan()
    {
        return plan;
    }

    long elapsedNs()
    {
        return elapsedTicks * periodNs;
    }

    int timeClamps()
    {
        return timeClamps;
    }

    boolean polarityReversed()
    {
        return polarityReversed;
    }

    int dutyPermille()
    {
        return dutyPermille;
    }
}
