package org.galvani.campaign;

import java.util.List;
import java.util.Locale;

import org.galvani.controller.TickRecord;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalStatus;
import org.galvani.hal.jna.SimTruth;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.Verdict;
import org.galvani.session.Clamp;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * Checks properties P1 … P4 and P6 after every tick, from the tick's journal record, the events of the tick
 * and the sim's ground truth (docs/qa-campaign.md gives every bound and why). At most one violation per
 * property is reported per trial (the first), with the tick and the values.
 *
 * <p>Threading: the trial's thread. Allocation: none while every property holds (a violation allocates its message).
 */
final class PropertyChecker
{
    /** SR-3 reaction bound: the tick whose sample shows the current above the trip level opens the output. */
    static final int TRIP_REACTION_TICKS = 0;
    /** SR-4 reaction bound: the density check's debounce (docs/safety-monitor.md: 3 samples). */
    static final int DENSITY_DEBOUNCE_TICKS = 3;
    /** The true current may exceed the trip level by this tolerance (sensor quantisation and noise) … */
    static final double TRUE_OVER_TOLERANCE_UA = 300;
    /** … and for at most this many ticks (the sensing and actuation chain: one sample late plus the source's lag). */
    static final int TRUE_OVER_TICKS = 3;
    /** The true current may rise by the ramp step plus this in one tick (the current loop's tracking error). */
    static final double TRUE_RISE_TOLERANCE_UA = 500;
    /** The true dose may exceed the dose trip by this factor (sensor gain error within the plausibility checks). */
    static final double TRUE_DOSE_TOLERANCE = 1.05;
    /**
     * Ticks after a load or supply fault starts or ends (load step or drift, supply sag: the plant, not the
     * controller, limited the current) within which the true current may come back toward its level before at
     * the output stage's own lag (known finding F1: the sim's source has a 1.5 ms time constant, so 5 ticks at
     * 1 kHz is more than three time constants). A long fault's middle is not in the window.
     */
    static final int LOAD_RECOVERY_TICKS = 5;
    private static final double EPSILON_UA = 1e-6;
    private static final int KNOWN_CLAMPS = (1 << Clamp.values().length) - 1;

    private final Trial trial;
    private final HalInfo info;
    private final List<Violation> violations;
    /** A welded relay with the drive zeroed: ticks for the source to decay (τ 1.5 ms) and the leak then allowed. */
    static final int WELDED_DECAY_TICKS = 10;
    static final double WELDED_LEAK_UA = 200.0;

    private int weldedOffTicks;
    private final boolean[] reported = new boolean[Property.values().length];
    private final boolean[] reportedKnown = new boolean[Property.values().length];
    private final double periodS;

    private SessionPlan plan;
    private boolean screeningArmable;
    private boolean latched;
    private double prevSetpointUa;
    private boolean prevEnabled;
    private boolean prevReversed;
    private int prevDuty = 1000;
    private int prevClamps;
    private double prevTrueUa;
    /** The true current of the last tick with no load or supply fault change within LOAD_RECOVERY_TICKS before it. */
    private double levelBeforeLoadFaultUa;
    /** Whether the output has been on in every tick since that level was taken. */
    private boolean onSinceLevel;
    private long lastLoadFaultTick = Long.MIN_VALUE / 2;
    private double prevDoseUc;
    private double deliveredUc;
    private double trueDoseUc;
    private int overTrueTicks;
    private int densityTicks;
    private final MonitorLimits limits;
    private boolean prevActuateError;
    private int prevDac;
    private int lateTicks;
    private int disagreeTicks;
    private int readbackTicks;
    private int complianceTicks;
    private int shortTicks;
    /** The previous tick's verdict: a TRIP verdict may have ended the monitor's evaluation before a later check. */
    private int prevVerdict = Verdict.OK;
    /**
     * Consecutive samples above the compliance limit that the monitor certainly judged (each but the latest had a
     * non-TRIP verdict, so the monitor's own count reached them): a TRIP verdict is then due at the debounce.
     */
    private int complianceJudged;
    private boolean prevIdleCondition;
    private int lastCodeA = Integer.MIN_VALUE;
    private int lastCodeB = Integer.MIN_VALUE;
    private double setpointAtChangeA;
    private double setpointAtChangeB;
    private double contactBaselineOhm = Double.MAX_VALUE;
    private int degradedTicks;
    private boolean prevJournalRefused;
    /** Consecutive samples off the commanded current, each before the latest certainly judged (verdict OK). */
    private int mismatchJudged;

    PropertyChecker(
        final Trial trial, final HalInfo info, final MonitorLimits limits, final List<Violation> violations,
        final long periodNs)
    {
        this.trial = trial;
        this.info = info;
        this.violations = violations;
        this.periodS = periodNs * 1e-9;
        this.limits = limits;
    }

    boolean reported(final Property property)
    {
        return reported[property.ordinal()];
    }

    /** Whether a load step or drift or a supply sag starts or ends at this tick (its first or first clear step). */
    private boolean loadFaultChanges(final long tick)
    {
        final List<ScheduledFault> faults = trial.schedule().faults();
        for (int i = 0; i < faults.size(); i++)
        {
            final ScheduledFault fault = faults.get(i);
            if ((fault.kind() == FaultKind.LOAD_STEP || fault.kind() == FaultKind.LOAD_DRIFT ||
                fault.kind() == FaultKind.SUPPLY_SAG) && fault.activeAt(tick) != fault.activeAt(tick - 1))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param kind a fault kind.
     * @param tick a tick.
     * @return whether a fault of that kind is scheduled active in that tick (indexed loop: no iterator).
     */
    private boolean active(final FaultKind kind, final long tick)
    {
        final java.util.List<ScheduledFault> faults = trial.schedule().faults();
        for (int i = 0; i < faults.size(); i++)
        {
            final ScheduledFault fault = faults.get(i);
            if (fault.kind() == kind && fault.activeAt(tick))
            {
                return true;
            }
        }
        return false;
    }

    void violation(final Property property, final long tick, final String message)
    {
        violation(property, tick, message, null);
    }

    private void violation(final Property property, final long tick, final String message, final KnownFinding known)
    {
        // At most one violation per property and trial, and apart from it at most one known finding: a known
        // finding first must not hide a later violation nobody has explained.
        final boolean[] flags = known != null ? reportedKnown : reported;
        if (!flags[property.ordinal()])
        {
            flags[property.ordinal()] = true;
            violations.add(new Violation(property, tick, message, known));
        }
    }

    void afterTick(final TickRecord r, final TickObserver events, final SimTruth truth, final long latenessNs,
        final long durationNs)
    {
        final SessionState state = SessionState.fromCode(r.stateAfter);
        final boolean enabled = r.command.outputEnabled();
        // A welded relay (RELAY_STUCK) is the one hardware fault the software cannot open: it is judged in P2.
        final boolean welded = active(FaultKind.RELAY_STUCK, r.tick) || active(FaultKind.RELAY_STUCK, r.tick - 1);
        checkArming(r, events, truth, state, welded);

        final boolean sampled = r.sampleResult == HalErrorCode.OK;
        final double measuredUa = sampled ? Math.max(Math.abs(info.currentAUa(r.sample.currentARaw())),
            Math.abs(info.currentBUa(r.sample.currentBRaw()))) : 0.0;
        final double tripUa = plan != null ? Math.min(plan.tripLevelUa(), Generators.ABSOLUTE_LIMIT_UA) :
            Generators.ABSOLUTE_LIMIT_UA;
        final double trueUa = Math.abs(truth.currentUa());
        checkTripLevel(r, measuredUa, tripUa, trueUa);
        checkLatch(r, events, truth, state, welded);
        reactions(r, enabled, latenessNs, durationNs);

        final double stepUa = plan != null ? plan.rampRateUaPerS() * periodS : 0.0;
        checkRampRate(r, stepUa, trueUa);
        final double doseUc = r.doseNormalUc + r.doseReversedUc;
        checkDose(r, doseUc, trueUa, tripUa);
        if (plan != null && sampled)
        {
            checkDensity(r, measuredUa);
        }
        checkClamps(r, events);
        checkJournalRefusal(r, events);

        if (state == SessionState.IDLE)
        {
            plan = null;
            screeningArmable = false;
            deliveredUc = 0;
            trueDoseUc = 0;
        }
        prevDac = r.command.dacCode();
        prevVerdict = r.verdict;
        prevSetpointUa = r.setpointUa;
        prevEnabled = enabled;
        prevReversed = r.command.polarityReversed();
        prevDuty = r.command.dutyPermille();
        prevClamps = r.activeClamps;
        prevTrueUa = trueUa;
        prevDoseUc = doseUc;
    }

    /** P1: current only when validly armed (an authorised plan over a screening that allows it). */
    private void checkArming(
        final TickRecord r, final TickObserver events, final SimTruth truth, final SessionState state,
        final boolean welded)
    {
        final long tick = r.tick;
        final boolean enabled = r.command.outputEnabled();
        final int dac = r.command.dacCode();
        if (events.frozen != null)
        {
            screeningArmable = events.frozen.armable();
        }
        if (events.armedPlan != null)
        {
            plan = events.armedPlan;
            if (!plan.authorised() || !screeningArmable || trial.screening().mustNotArm() ||
                !trial.screening().decision().armable())
            {
                violation(Property.NO_CURRENT_UNLESS_ARMED, tick, "armed with plan authorised=" + plan.authorised() +
                    ", frozen screening armable=" + screeningArmable + ", oracle absolute block=" +
                    trial.screening().absoluteBlock() + ", oracle stale override=" +
                    trial.screening().staleOverride() + " (" + trial.screening() + ")");
            }
        }
        final boolean validlyArmed = plan != null && plan.authorised() && screeningArmable &&
            !trial.screening().mustNotArm() && trial.screening().decision().armable();
        if (!state.outputAllowed() && (enabled || dac != 0))
        {
            violation(Property.NO_CURRENT_UNLESS_ARMED, tick, "state " + state + " but output enabled=" + enabled +
                ", DAC " + dac);
        }
        if (enabled && !validlyArmed)
        {
            violation(Property.NO_CURRENT_UNLESS_ARMED, tick, "output enabled (DAC " + dac + ") without a validly " +
                "armed plan (plan " + (plan == null ? "none" : "authorised=" + plan.authorised()) + ", screening armable=" +
                screeningArmable + ")");
        }
        if (truth.outputOn() && !enabled && !welded)
        {
            violation(Property.NO_CURRENT_UNLESS_ARMED, tick, "sim relay closed (true current " +
                fmt(truth.currentUa()) + " µA) while the command disables the output");
        }
    }

    /** P2: no output above the trip level, measured or true. */
    private void checkTripLevel(final TickRecord r, final double measuredUa, final double tripUa, final double trueUa)
    {
        final long tick = r.tick;
        final boolean enabled = r.command.outputEnabled();
        if (measuredUa > tripUa && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "measured " + fmt(measuredUa) + " µA above the trip level " +
                fmt(tripUa) + " µA and the output still enabled in that tick (reaction bound " + TRIP_REACTION_TICKS +
                " ticks after the sample)");
        }
        overTrueTicks = trueUa > tripUa + TRUE_OVER_TOLERANCE_UA ? overTrueTicks + 1 : 0;
        if (overTrueTicks > TRUE_OVER_TICKS)
        {
            violation(Property.TRIP_AND_LATCH, tick, "true current " + fmt(trueUa) + " µA above the trip level " +
                fmt(tripUa) + " µA + " + fmt(TRUE_OVER_TOLERANCE_UA) + " µA for " + overTrueTicks + " ticks (bound " +
                TRUE_OVER_TICKS + "); measured " + fmt(measuredUa) + " µA");
        }
    }

    /** P2: a TRIP takes the output away and a latched fault stays latched until an authorised reset. */
    private void checkLatch(
        final TickRecord r, final TickObserver events, final SimTruth truth, final SessionState state,
        final boolean welded)
    {
        final long tick = r.tick;
        final boolean enabled = r.command.outputEnabled();
        final int dac = r.command.dacCode();
        if (r.verdict == Verdict.TRIP && (enabled || dac != 0))
        {
            violation(Property.TRIP_AND_LATCH, tick, "TRIP verdict but output enabled=" + enabled + ", DAC " + dac);
        }
        if (events.resetSeen)
        {
            final boolean authorised = events.resetAttachment instanceof ResetAuthorisation &&
                ((ResetAuthorisation)events.resetAttachment).authorised() &&
                ((ResetAuthorisation)events.resetAttachment).reason() != null &&
                !((ResetAuthorisation)events.resetAttachment).reason().isBlank();
            if (!authorised && latched)
            {
                violation(Property.TRIP_AND_LATCH, tick, "latched fault reset without authorisation: " +
                    events.resetAttachment);
            }
            latched = false;
        }
        if (state.latched())
        {
            latched = true;
        }
        // SR-9/SR-18 (ADR-10): in a tick whose driver calls stalled on the bus for several watchdog periods, the
        // watchdog trips meanwhile and its safe state must win over the stale command the resumed writer applies.
        if (active(FaultKind.BUS_STALL, tick) && truth.outputOn() && !welded)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-9 the bus stalled for several watchdog periods, yet the "
                + "sim relay is closed after the stalled actuation (true current " + fmt(truth.currentUa()) + " µA)");
        }
        // A welded relay: the driver and the controller must still take the drive away.
        weldedOffTicks = welded && !enabled ? weldedOffTicks + 1 : 0;
        if (weldedOffTicks > WELDED_DECAY_TICKS && Math.abs(truth.currentUa()) > WELDED_LEAK_UA)
        {
            violation(Property.TRIP_AND_LATCH, tick, "relay welded closed and the output commanded off for " +
                weldedOffTicks + " ticks, yet the true current is " + fmt(truth.currentUa()) + " µA (bound " +
                fmt(WELDED_LEAK_UA) + " µA after " + WELDED_DECAY_TICKS + " ticks)");
        }
        if (latched && (enabled || dac != 0 || truth.outputOn() && !welded))
        {
            violation(Property.TRIP_AND_LATCH, tick, "latched (" + state + ") but output enabled=" + enabled +
                ", DAC " + dac + ", sim relay " + truth.outputOn());
        }
    }

    /** P3: the setpoint and the true current rise no faster than the ramp; polarity reverses through zero. */
    private void checkRampRate(final TickRecord r, final double stepUa, final double trueUa)
    {
        final long tick = r.tick;
        final boolean enabled = r.command.outputEnabled();
        final double setpointUa = r.setpointUa;
        if (setpointUa > prevSetpointUa + stepUa + EPSILON_UA)
        {
            violation(Property.RAMP_RATE, tick, "setpoint rose " + fmt(prevSetpointUa) + " → " + fmt(setpointUa) +
                " µA, more than the ramp step " + fmt(stepUa) + " µA");
        }
        if (setpointUa < prevSetpointUa - stepUa - EPSILON_UA && setpointUa != 0.0 &&
            setpointUa > r.measuredUa + stepUa + EPSILON_UA)
        {
            violation(Property.RAMP_RATE, tick, "setpoint fell " + fmt(prevSetpointUa) + " → " + fmt(setpointUa) +
                " µA: neither a drop to zero nor the compliance hold (measured " + fmt(r.measuredUa) + " µA)");
        }
        // SR-10: while the driver reports the stage at compliance, the setpoint waits at the delivered current (at most
        // one ramp step above it), so that the current rises at the ramp rate when the load falls
        if (enabled && r.sampleResult == HalErrorCode.OK && r.sample.hasStatus(HalStatus.COMPLIANCE) &&
            setpointUa > r.measuredUa + stepUa + EPSILON_UA)
        {
            violation(Property.RAMP_RATE, tick, "SR-10 at compliance the setpoint " + fmt(setpointUa) +
                " µA is above the delivered " + fmt(r.measuredUa) + " µA + one ramp step " + fmt(stepUa) + " µA");
        }
        if (r.command.polarityReversed() != prevReversed && prevEnabled && enabled && prevSetpointUa > stepUa + EPSILON_UA)
        {
            violation(Property.RAMP_RATE, tick, "polarity reversed with the output on at setpoint " +
                fmt(prevSetpointUa) + " µA (not through zero)");
        }
        if (loadFaultChanges(tick))
        {
            lastLoadFaultTick = tick;
        }
        final boolean afterLoadFault = tick - lastLoadFaultTick <= LOAD_RECOVERY_TICKS;
        onSinceLevel &= enabled;
        if (trueUa > prevTrueUa + stepUa + TRUE_RISE_TOLERANCE_UA)
        {
            // Known finding F1, narrowly: a load or supply fault started or ended within the output stage's lag, the
            // output on in every tick since the level before it, and the current no higher than that level (+ the
            // same tolerance).
            final boolean loadRecovery = afterLoadFault && onSinceLevel &&
                trueUa <= levelBeforeLoadFaultUa + stepUa + TRUE_RISE_TOLERANCE_UA;
            violation(Property.RAMP_RATE, tick, "true current rose " + fmt(prevTrueUa) + " → " + fmt(trueUa) +
                " µA in one tick, more than the ramp step " + fmt(stepUa) + " µA + " + fmt(TRUE_RISE_TOLERANCE_UA) + " µA" +
                (loadRecovery ? " [load recovery: a load or supply fault began or ended within " + LOAD_RECOVERY_TICKS +
                    " ticks, output on throughout, not above the " + fmt(levelBeforeLoadFaultUa) + " µA before it]" : ""),
                loadRecovery ? KnownFinding.F1_LOAD_RECOVERY : null);
        }
        if (!afterLoadFault)
        {
            levelBeforeLoadFaultUa = trueUa;
            onSinceLevel = enabled;
        }
    }

    /** P4: the dose, measured and true, stays under the plan's dose trip. */
    private void checkDose(final TickRecord r, final double doseUc, final double trueUa, final double tripUa)
    {
        final long tick = r.tick;
        final boolean enabled = r.command.outputEnabled();
        if (prevEnabled)
        {
            // the dose meter integrates this tick's sample: the current of the previous tick's actuation
            deliveredUc += Math.max(0.0, doseUc - prevDoseUc);
        }
        trueDoseUc += trueUa * r.command.dutyPermille() / 1000.0 * periodS; // truth is the on-phase (peak) current
        if (plan != null && plan.doseTargetUc() > 0)
        {
            final double boundUc = plan.doseTripUc() + tripUa * periodS;
            if (deliveredUc > boundUc)
            {
                violation(Property.DOSE_AND_DENSITY, tick, "dose delivered with the output on " + fmt(deliveredUc) +
                    " µC above the plan's dose trip " + fmt(plan.doseTripUc()) + " µC + one tick at the trip level " +
                    "(target " + fmt(plan.doseTargetUc()) + " µC)");
            }
            if (trueDoseUc > plan.doseTripUc() * TRUE_DOSE_TOLERANCE + tripUa * periodS)
            {
                violation(Property.DOSE_AND_DENSITY, tick, "true dose " + fmt(trueDoseUc) + " µC above the dose trip " +
                    fmt(plan.doseTripUc()) + " µC × " + TRUE_DOSE_TOLERANCE + " + one tick at the trip level");
            }
            if (prevDoseUc > plan.doseTripUc() && enabled)
            {
                violation(Property.DOSE_AND_DENSITY, tick, "dose " + fmt(prevDoseUc) + " µC above the dose trip " +
                    fmt(plan.doseTripUc()) + " µC and the output still on");
            }
        }
    }

    /** P4: the average current stays under the density limit beyond its debounce. */
    private void checkDensity(final TickRecord r, final double measuredUa)
    {
        final long tick = r.tick;
        final boolean enabled = r.command.outputEnabled();
        final double averageUa = measuredUa * prevDuty / 1000.0;
        densityTicks = averageUa > plan.densityLimitUa() ? densityTicks + 1 : 0;
        if (densityTicks >= DENSITY_DEBOUNCE_TICKS && enabled)
        {
            violation(Property.DOSE_AND_DENSITY, tick, "average current " + fmt(averageUa) + " µA above the " +
                "density limit " + fmt(plan.densityLimitUa()) + " µA for " + densityTicks + " ticks, output still on");
        }
    }

    /** P6: every change of the active clamps is explained by a CLAMPS_CHANGED event; the cap is never passed. */
    private void checkClamps(final TickRecord r, final TickObserver events)
    {
        final long tick = r.tick;
        if (r.activeClamps != prevClamps &&
            (events.clampEvents == 0 || events.lastClampCode != r.activeClamps || events.lastClampArg != prevClamps))
        {
            violation(Property.CLAMPS_EXPLAINED, tick, "clamps changed " + Clamp.describe(prevClamps) + " → " +
                Clamp.describe(r.activeClamps) + " without a matching CLAMPS_CHANGED event (" + events.clampEvents + ")");
        }
        if (events.clampEvents > 0 && r.activeClamps == prevClamps)
        {
            violation(Property.CLAMPS_EXPLAINED, tick, "CLAMPS_CHANGED event without a change of the record's clamps");
        }
        if ((r.activeClamps & ~KNOWN_CLAMPS) != 0)
        {
            violation(Property.CLAMPS_EXPLAINED, tick, "unknown clamp bits " + Integer.toHexString(r.activeClamps));
        }
        if (plan != null && r.targetUa > plan.capUa() + EPSILON_UA)
        {
            violation(Property.CLAMPS_EXPLAINED, tick, "target " + fmt(r.targetUa) + " µA above the prescription cap " +
                fmt(plan.capUa()) + " µA");
        }
    }

    /** P2, SR-14: a write the journal refused in the previous tick trips JOURNAL_FAILURE in this one. */
    private void checkJournalRefusal(final TickRecord r, final TickObserver events)
    {
        final long tick = r.tick;
        final boolean enabled = r.command.outputEnabled();
        if (prevJournalRefused && r.verdict != Verdict.TRIP)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-14 the journal refused a write in the previous tick, yet " +
                "the verdict is " + r.verdict + ", not TRIP (output enabled=" + enabled + ")");
        }
        prevJournalRefused = events.journalRefused;
    }

    /**
     * P2, the monitor's documented reactions (docs/safety-monitor.md, the table), re-derived from the raw
     * sample and the timing inputs: when a check's condition has held for its debounce, the output must be
     * off in that tick. Written from the documentation, not from the monitor's code.
     */
    private void reactions(final TickRecord r, final boolean enabled, final long latenessNs, final long durationNs)
    {
        final long tick = r.tick;
        if (prevActuateError && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-13 the previous tick's actuate returned an error, output still on");
        }
        prevActuateError = r.actuateResult != HalErrorCode.OK;
        if (r.sampleResult != HalErrorCode.OK)
        {
            if (enabled)
            {
                violation(Property.TRIP_AND_LATCH, tick, "SR-13 sample returned " + r.sampleResult + ", output still on");
            }
            complianceJudged = 0;
            prevIdleCondition = false;
            return; // the sample block of a failed call is not judged
        }
        driverLatches(r, enabled);
        final long uncontrolledNs = Math.max(latenessNs, durationNs);
        if (uncontrolledNs > limits.overrunTripNs() && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-9 " + uncontrolledNs + " ns without control (bound " +
                limits.overrunTripNs() + " ns), output still on");
        }
        lateTicks = latenessNs > limits.lateTickThresholdNs() ? lateTicks + 1 : 0;
        if (lateTicks >= limits.lateTickTripCount() && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-9 " + lateTicks + " consecutive late ticks (bound " +
                limits.lateTickTripCount() + "), output still on");
        }
        final int a = r.sample.currentARaw();
        final int b = r.sample.currentBRaw();
        final int v = r.sample.electrodeVoltageRaw();
        final boolean rail = r.sample.hasStatus(HalStatus.ADC_OVERRANGE) || a <= info.adcMinCode() ||
            a >= info.adcMaxCode() || b <= info.adcMinCode() || b >= info.adcMaxCode() || v <= info.adcMinCode() ||
            v >= info.adcMaxCode();
        if (rail && (enabled || r.verdict != Verdict.TRIP))
        {
            // a trip, not only the output off: a railed converter must latch a fault whatever the state
            violation(Property.TRIP_AND_LATCH, tick, "SR-7 ADC code at a rail (A " + a + ", B " + b + ", V " + v +
                "), verdict " + r.verdict + " (TRIP due), output enabled=" + enabled);
        }
        final double supplyMv = info.supplyMv(r.sample.supplyVoltageRaw());
        if (!(supplyMv >= limits.supplyMinMv() && supplyMv <= limits.supplyMaxMv()) && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-7 supply " + fmt(supplyMv) + " mV outside " +
                fmt(limits.supplyMinMv()) + " … " + fmt(limits.supplyMaxMv()) + " mV, output still on");
        }
        final double aUa = info.currentAUa(a);
        final double bUa = info.currentBUa(b);
        final double toleranceUa = Math.max(limits.channelDisagreementUa(),
            limits.channelDisagreementFraction() * Math.max(Math.abs(aUa), Math.abs(bUa)));
        disagreeTicks = Math.abs(aUa - bUa) > toleranceUa ? disagreeTicks + 1 : 0;
        if (disagreeTicks >= limits.disagreementDebounce() && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-7 channels A " + fmt(aUa) + " and B " + fmt(bUa) +
                " µA disagree beyond " + fmt(toleranceUa) + " µA for " + disagreeTicks + " samples, output still on");
        }
        final double readback = info.readbackDacCode(r.sample.dacReadbackRaw());
        readbackTicks = Math.abs(readback - prevDac) > limits.dacReadbackToleranceCodes() ? readbackTicks + 1 : 0;
        if (readbackTicks >= limits.readbackDebounce() && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-8 DAC read-back " + fmt(readback) + " vs command " + prevDac +
                " for " + readbackTicks + " samples, output still on");
        }
        final double voltageMv = Math.abs(info.electrodeMv(v));
        final boolean aboveCompliance = voltageMv > limits.complianceLimitMv();
        complianceTicks = aboveCompliance ? complianceTicks + 1 : 0;
        if (complianceTicks >= limits.complianceDebounce() && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-5 electrode voltage " + fmt(voltageMv) + " mV above " +
                fmt(limits.complianceLimitMv()) + " mV for " + complianceTicks + " samples, output still on");
        }
        complianceJudged(r, enabled, aboveCompliance, voltageMv);
        final double currentUa = Math.max(Math.abs(aUa), Math.abs(bUa));
        final double ohm = voltageMv * 1000.0 / Math.max(currentUa, 1.0);
        if (prevEnabled && voltageMv >= limits.impedanceMinVoltageMv() && ohm > limits.openCircuitOhm() && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-6 contact lost: " + fmt(ohm) + " Ω above " +
                fmt(limits.openCircuitOhm()) + " Ω, output still on");
        }
        shortTicks = prevEnabled && currentUa >= limits.shortMinCurrentUa() && ohm < limits.shortCircuitOhm() ?
            shortTicks + 1 : 0;
        if (shortTicks >= limits.shortDebounce() && enabled)
        {
            violation(Property.TRIP_AND_LATCH, tick, "SR-6 short: " + fmt(ohm) + " Ω below " +
                fmt(limits.shortCircuitOhm()) + " Ω for " + shortTicks + " samples, output still on");
        }
        outputNotAllowed(r, currentUa);
        commandMismatch(r, currentUa);
        stuckSensor(r, a, b);
        contactQuality(r, enabled, currentUa, ohm);
    }

    /** SR-9, SR-18: the driver's watchdog bit and its own safety channel's latch each trip in the sample that shows them. */
    private void driverLatches(final TickRecord r, final boolean enabled)
    {
        if (r.sample.hasStatus(HalStatus.WATCHDOG_TRIPPED) && r.verdict != Verdict.TRIP)
        {
            violation(Property.TRIP_AND_LATCH, r.tick, "SR-9 the driver's watchdog bit is set, yet the verdict is " +
                r.verdict + ", not TRIP (output enabled=" + enabled + ")");
        }
        if (r.sample.hasStatus(HalStatus.SAFETY_LATCHED) && r.verdict != Verdict.TRIP)
        {
            violation(Property.TRIP_AND_LATCH, r.tick, "SR-18 the driver's safety channel has latched, yet the verdict " +
                "is " + r.verdict + ", not TRIP (output enabled=" + enabled + ")");
        }
    }

    /**
     * SR-5, whatever the state (with the output off too, a reading above compliance is a fault to latch): the
     * debounce counted over samples the monitor certainly judged (the ones before the latest had no TRIP verdict).
     */
    private void complianceJudged(final TickRecord r, final boolean enabled, final boolean above, final double voltageMv)
    {
        complianceJudged = !above ? 0 : prevVerdict != Verdict.TRIP ? complianceJudged + 1 : 1;
        if (complianceJudged >= limits.complianceDebounce() &&
            (limits.complianceTrips() ? r.verdict != Verdict.TRIP : r.verdict == Verdict.OK))
        {
            violation(Property.TRIP_AND_LATCH, r.tick, "SR-5 electrode voltage " + fmt(voltageMv) + " mV above " +
                fmt(limits.complianceLimitMv()) + " mV for " + complianceJudged + " judged samples, yet the verdict is " +
                r.verdict + " (output enabled=" + enabled + ")");
        }
    }

    /**
     * SR-2: in a state without output, with the output commanded off in the previous tick, a closed relay (the
     * driver's read-back) or a current above the idle leak for 2 samples trips. Demanded when the previous sample
     * showed it too and was certainly judged (its verdict was not a TRIP that could have ended the evaluation first).
     */
    private void outputNotAllowed(final TickRecord r, final double currentUa)
    {
        final boolean condition = !SessionState.fromCode(r.stateBefore).outputAllowed() && !prevEnabled &&
            (r.sample.hasStatus(HalStatus.OUTPUT_ENABLED) || currentUa > limits.idleLeakUa());
        if (condition && prevIdleCondition && prevVerdict != Verdict.TRIP && r.verdict != Verdict.TRIP)
        {
            violation(Property.TRIP_AND_LATCH, r.tick, "SR-2 output not allowed in " +
                SessionState.fromCode(r.stateBefore) + " and commanded off, yet the relay reads " +
                (r.sample.hasStatus(HalStatus.OUTPUT_ENABLED) ? "closed" : "open") + " and " + fmt(currentUa) +
                " µA flow for 2 samples, verdict " + r.verdict + " (TRIP due)");
        }
        prevIdleCondition = condition;
    }

    /**
     * SR-7 command plausibility (docs/safety-monitor.md): with the output on in the previous tick and the stage not
     * at compliance, the measured current (the larger channel) off the commanded current (DAC code × the driver's
     * µA per code) by more than max(300 µA, 5 %) for 20 samples trips: both channels wrong alike, or a source that
     * does not deliver. The check is the monitor's last, so a sample counts as judged only after a verdict OK.
     */
    private void commandMismatch(final TickRecord r, final double currentUa)
    {
        if (!prevEnabled || r.sample.hasStatus(HalStatus.COMPLIANCE))
        {
            mismatchJudged = 0;
            return;
        }
        final double commandedUa = prevDac * info.dacUaPerCode();
        final double toleranceUa = Math.max(limits.commandMismatchUa(), limits.commandMismatchFraction() * commandedUa);
        final boolean off = Math.abs(currentUa - commandedUa) > toleranceUa;
        mismatchJudged = !off ? 0 : prevVerdict == Verdict.OK ? mismatchJudged + 1 : 1;
        if (mismatchJudged >= limits.commandMismatchDebounce() && r.verdict == Verdict.OK)
        {
            violation(Property.TRIP_AND_LATCH, r.tick, "SR-7 measured " + fmt(currentUa) + " µA off the commanded " +
                fmt(commandedUa) + " µA beyond " + fmt(toleranceUa) + " µA for " + mismatchJudged +
                " judged samples, verdict OK (TRIP due)");
        }
    }

    /**
     * SR-7 stuck sensor (docs/safety-monitor.md): a current channel whose code has not changed while the setpoint
     * moved by more than the limit (with the output on throughout) trips. The anchor of each channel is the
     * setpoint when its code last changed or the output was last off.
     */
    private void stuckSensor(final TickRecord r, final int a, final int b)
    {
        if (a != lastCodeA || !prevEnabled)
        {
            lastCodeA = a;
            setpointAtChangeA = prevSetpointUa;
        }
        if (b != lastCodeB || !prevEnabled)
        {
            lastCodeB = b;
            setpointAtChangeB = prevSetpointUa;
        }
        final double movedUa = Math.max(Math.abs(prevSetpointUa - setpointAtChangeA),
            Math.abs(prevSetpointUa - setpointAtChangeB));
        if (movedUa > limits.stuckSetpointChangeUa() && r.verdict != Verdict.TRIP)
        {
            violation(Property.TRIP_AND_LATCH, r.tick, "SR-7 a current channel stuck (A " + a + ", B " + b +
                ") while the setpoint moved " + fmt(movedUa) + " µA (limit " + fmt(limits.stuckSetpointChangeUa()) +
                " µA), verdict " + r.verdict + " (TRIP due)");
        }
    }

    /**
     * SR-20 contact quality: with the output on, at currents of at least the judging minimum, an impedance above
     * the rise factor × the lowest impedance since the output came on for the debounce must hold the output off.
     * The window starts no earlier than the monitor's (a contact check follows every period with the output off),
     * so this baseline is never below the monitor's and the demand never comes before the monitor's reaction.
     */
    private void contactQuality(final TickRecord r, final boolean enabled, final double currentUa, final double ohm)
    {
        if (!prevEnabled)
        {
            contactBaselineOhm = Double.MAX_VALUE;
            degradedTicks = 0;
            return;
        }
        if (currentUa < limits.contactJudgeMinUa())
        {
            degradedTicks = 0;
            return;
        }
        contactBaselineOhm = Math.min(contactBaselineOhm, ohm);
        final double limitOhm = contactBaselineOhm * limits.contactRiseFactor();
        degradedTicks = ohm > limitOhm ? degradedTicks + 1 : 0;
        if (degradedTicks >= limits.contactRiseDebounce() && enabled)
        {
            violation(Property.TRIP_AND_LATCH, r.tick, "SR-20 contact degraded: " + fmt(ohm) + " Ω above " +
                fmt(limitOhm) + " Ω (" + limits.contactRiseFactor() + " × the lowest since the output came on) for " +
                degradedTicks + " samples, output still on");
        }
    }

    private static String fmt(final double value)
    {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
