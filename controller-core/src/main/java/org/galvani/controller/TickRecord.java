package org.galvani.controller;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalSample;

/**
 * Everything one tick took in and decided: the seam the journal appends (docs/architecture.md, the tick, step 9).
 * Holds enough to replay the tick: raw inputs, timing inputs and every decision and output.
 *
 * <p>Threading: filled by the control thread during the tick and handed to the
 * {@link JournalSink} at its end; a sink that needs the values later must copy them. Allocation: one
 * instance, reused every tick.
 */
public final class TickRecord
{
    /** Tick index, from 0. */
    public long tick;
    /** When the tick was due (ns, the agent's clock; 0 when driven by hand). */
    public long scheduledNs;
    /** When the tick ran (ns). */
    public long actualNs;
    /** Duration of the previous tick (ns), an SR-9 input. */
    public long lastTickDurationNs;
    /** How late the tick started after its deadline (ns), an SR-9 input. */
    public long latenessNs;
    /** Driver return code of the sample. */
    public int sampleResult;
    /** Raw sample (copy). */
    public final HalSample sample = new HalSample();
    /** Session state at the start of the tick. */
    public int stateBefore;
    /** Session state at the end of the tick. */
    public int stateAfter;
    /** Safety verdict ({@link org.galvani.safety.Verdict}). */
    public int verdict;
    /** Trip / hold-off cause code of this tick, 0 when none. */
    public int tripCause;
    /** Active clamps (SR-17), {@link org.galvani.session.Clamp} bits. */
    public int activeClamps;
    /** Operator target (titrated level) in µA. */
    public double targetUa;
    /** Ramped setpoint in µA (magnitude, peak in pulsed mode). */
    public double setpointUa;
    /** Measured current magnitude used by the loop (µA). */
    public double measuredUa;
    /** Estimated load impedance (Ω). */
    public double loadOhm;
    /** PID proportional term (DAC codes). */
    public double pTerm;
    /** PID integral term (DAC codes). */
    public double iTerm;
    /** PID derivative term (DAC codes). */
    public double dTerm;
    /** Feed-forward term (DAC codes). */
    public double ffTerm;
    /** The command applied (copy). */
    public final HalCommand command = new HalCommand();
    /** Driver return code of the actuation. */
    public int actuateResult;
    /** Dose delivered with normal polarity (µC). */
    public double doseNormalUc;
    /** Dose delivered with reversed polarity (µC). */
    public double doseReversedUc;
    /** Treatment time elapsed (ns), paused in HOLD-OFF. */
    public long treatmentElapsedNs;

    /**
     * Copies another record into this one (a journal sink that keeps records must copy them). No allocation.
     *
     * @param other the record to copy.
     * @return this.
     */
    public TickRecord copyFrom(final TickRecord other)
    {
        tick = other.tick;
        scheduledNs = other.scheduledNs;
        actualNs = other.actualNs;
        lastTickDurationNs = other.lastTickDurationNs;
        latenessNs = other.latenessNs;
        sampleResult = other.sampleResult;
        sample.copyFrom(other.sample);
        stateBefore = other.stateBefore;
        stateAfter = other.stateAfter;
        verdict = other.verdict;
        tripCause = other.tripCause;
        activeClamps = other.activeClamps;
        targetUa = other.targetUa;
        setpointUa = other.setpointUa;
        measuredUa = other.measuredUa;
        loadOhm = other.loadOhm;
        pTerm = other.pTerm;
        iTerm = other.iTerm;
        dTerm = other.dTerm;
        ffTerm = other.ffTerm;
        command.set(other.command.dacCode(), other.command.polarityReversed(), other.command.outputEnabled(),
            other.command.dutyPermille());
        actuateResult = other.actuateResult;
        doseNormalUc = other.doseNormalUc;
        doseReversedUc = other.doseReversedUc;
        treatmentElapsedNs = other.treatmentElapsedNs;
        return this;
    }
}
