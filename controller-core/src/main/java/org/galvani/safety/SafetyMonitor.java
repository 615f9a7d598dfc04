package org.galvani.safety;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;

/**
 * Judges every raw sample against the limits, independently of the PID (docs/architecture.md, the tick, step 2).
 *
 * <p>It reads only the raw sample, the command actually applied in the previous tick, the timing of
 * the loop and the session limits; it never reads the PID's state. A TRIP (latched fault) or HOLD-OFF
 * verdict is returned in the same tick the sample shows the fault, so the tick's actuation opens the
 * output in that tick (SR-3 ... SR-9). Checks that would nuisance-trip on one noisy sample need N
 * consecutive samples; N is in {@link MonitorLimits} and docs/safety-monitor.md.
 *
 * <p>Threading: owned by the control thread. Allocation: none after construction.
 */
public final class SafetyMonitor
{
    private final MonitorLimits limits;
    private final HalInfo info;
    private final HalSample sample;
    private final HalCommand lastCommand;
    private final TripRecord trip = new TripRecord();

    private double tripLevelUa;
    private double densityLimitUa;
    private double doseLimitUc;

    private int complianceCount;
    private int shortCount;
    private int disagreementCount;
    private int readbackCount;
    private int densityCount;
    private int mismatchCount;
    private int degradedCount;
    private double contactBaselineOhm = Double.MAX_VALUE;
    private int lateCount;
    private int idleCount;
    private int lastCodeA = Integer.MIN_VALUE;
    private int lastCodeB = Integer.MIN_VALUE;
    private double setpointAtChangeA;
    private double setpointAtChangeB;

    /**
     * @param limits      device-level thresholds.
     * @param info        converter scales of the driver.
     * @param sample      the controller's reusable sample (read each tick).
     * @param lastCommand the controller's reusable command (read each tick: it still holds what the
     *                    previous tick applied when the monitor runs).
     */
    public SafetyMonitor(
        final MonitorLimits limits, final HalInfo info, final HalSample sample, final HalCommand lastCommand)
    {
        this.limits = limits;
        this.info = info;
        this.sample = sample;
        this.lastCommand = lastCommand;
        disarm();
    }

    /**
     * Sets the session limits of an armed prescription (control thread, outside the output states).
     *
     * @param tripLevelUa    SR-3 trip level (peak), at most the absolute limit.
     * @param densityLimitUa SR-4 average current allowed by the density limit over the electrode area.
     * @param doseLimitUc    SR-11 dose above which delivery trips (µC); {@code Double.MAX_VALUE} if none.
     */
    public void arm(final double tripLevelUa, final double densityLimitUa, final double doseLimitUc)
    {
        this.tripLevelUa = Math.min(tripLevelUa, limits.absoluteLimitUa());
        this.densityLimitUa = densityLimitUa;
        this.doseLimitUc = doseLimitUc;
        restartContactBaseline();
    }

    /**
     * SR-20: a contact check starts (START, a probe after a contact loss, RESUME): the impedance baseline is
     * established afresh from the treatment current that follows it (control thread).
     */
    public void restartContactBaseline()
    {
        contactBaselineOhm = Double.MAX_VALUE;
        degradedCount = 0;
    }

    /**
     * @return the SR-20 impedance baseline (Ω): the lowest load impedance judged since the last contact check,
     *         {@link Double#MAX_VALUE} before the first.
     */
    public double contactBaselineOhm()
    {
        return contactBaselineOhm;
    }

    /**
     * Back to device limits only (no session armed).
     */
    public void disarm()
    {
        tripLevelUa = limits.absoluteLimitUa();
        densityLimitUa = limits.absoluteLimitUa();
        doseLimitUc = Double.MAX_VALUE;
    }

    /**
     * Judges one tick.
     *
     * @param tick               tick index (for the trip record).
     * @param sampleResult       the driver's return code for this tick's sample.
     * @param outputAllowed      whether the state at the start of this tick allows output (SR-2).
     * @param setpointUa         the setpoint of the previous tick (stuck-sensor check).
     * @param deliveredDoseUc    dose delivered so far, both polarities (µC).
     * @param lastTickDurationNs how long the previous tick took (0 when driven by hand).
     * @param latenessNs         how late this tick started after its deadline (0 when driven by hand).
     * @return {@link Verdict#OK}, {@link Verdict#HOLD_OFF} or {@link Verdict#TRIP}; see {@link #trip()}.
     */
    public int evaluate(
        final long tick,
        final int sampleResult,
        final boolean outputAllowed,
        final double setpointUa,
        final double deliveredDoseUc,
        final long lastTickDurationNs,
        final long latenessNs)
    {
        if (sampleResult != HalErrorCode.OK)
        {
            return trip(TripCause.DRIVER_ERROR, tick, sampleResult, HalErrorCode.OK);
        }

        final int timing = checkTiming(tick, lastTickDurationNs, latenessNs);
        if (timing != Verdict.OK)
        {
            return timing;
        }
        if (sample.hasStatus(HalStatus.WATCHDOG_TRIPPED))
        {
            return trip(TripCause.WATCHDOG, tick, 1, 0);
        }

        final int sensors = checkSensorPlausibility(tick, setpointUa);
        if (sensors != Verdict.OK)
        {
            return sensors;
        }

        final double currentAUa = Math.abs(info.currentAUa(sample.currentARaw()));
        final double currentBUa = Math.abs(info.currentBUa(sample.currentBRaw()));
        final double currentUa = Math.max(currentAUa, currentBUa);

        if (currentUa > limits.absoluteLimitUa())
        {
            return trip(TripCause.HARD_LIMIT, tick, currentUa, limits.absoluteLimitUa());
        }
        if (currentUa > tripLevelUa)
        {
            return trip(TripCause.OVERCURRENT, tick, currentUa, tripLevelUa);
        }
        // SR-18: the driver's own channel latched (current, DAC code or session charge beyond its hard limits).
        // After the monitor's own current checks, so that a breach both see keeps the more specific cause.
        if (sample.hasStatus(HalStatus.SAFETY_LATCHED))
        {
            return trip(TripCause.NATIVE_SAFETY_CHANNEL, tick, currentUa, limits.absoluteLimitUa());
        }

        final int idle = checkOutputAllowed(tick, outputAllowed, currentUa);
        if (idle != Verdict.OK)
        {
            return idle;
        }

        final double averageUa = currentUa * lastCommand.dutyPermille() / 1000.0;
        densityCount = averageUa > densityLimitUa ? densityCount + 1 : 0;
        if (densityCount >= limits.densityDebounce())
        {
            return trip(TripCause.CURRENT_DENSITY, tick, averageUa, densityLimitUa);
        }

        final int readback = checkReadback(tick);
        if (readback != Verdict.OK)
        {
            return readback;
        }

        if (deliveredDoseUc > doseLimitUc)
        {
            return trip(TripCause.DOSE_EXCEEDED, tick, deliveredDoseUc, doseLimitUc);
        }

        final int load = checkLoad(tick, currentUa);
        if (load != Verdict.OK)
        {
            return load;
        }
        return checkCommandPlausibility(tick, currentUa);
    }

    /**
     * Both current channels can be wrong alike (a shared reference, a common gain error) and the redundancy
     * check cannot see it; nor can it see a source that does not deliver what it is told. The commanded
     * current (DAC code × the driver's nominal µA per code) is an independent estimate: with the output on
     * in the previous tick and below compliance (where the load, not the source, sets the current; an open
     * circuit is at compliance), the measured current must follow it within tolerance.
     */
    private int checkCommandPlausibility(final long tick, final double currentUa)
    {
        if (!lastCommand.outputEnabled() || sample.hasStatus(HalStatus.COMPLIANCE))
        {
            mismatchCount = 0;
            return Verdict.OK;
        }
        final double commandedUa = lastCommand.dacCode() * info.dacUaPerCode();
        final double toleranceUa = Math.max(limits.commandMismatchUa(), limits.commandMismatchFraction() * commandedUa);
        final double differenceUa = Math.abs(currentUa - commandedUa);
        mismatchCount = differenceUa > toleranceUa ? mismatchCount + 1 : 0;
        if (mismatchCount >= limits.commandMismatchDebounce())
        {
            return trip(TripCause.CURRENT_COMMAND_MISMATCH, tick, currentUa, commandedUa);
        }
        return Verdict.OK;
    }

    private int checkTiming(final long tick, final long lastTickDurationNs, final long latenessNs)
    {
        // A long previous tick and a long wait before this one (a JVM pause between ticks) both leave the
        // output uncontrolled for that long: either beyond the bound trips.
        final long uncontrolledNs = Math.max(lastTickDurationNs, latenessNs);
        if (uncontrolledNs > limits.overrunTripNs())
        {
            return trip(TripCause.TICK_OVERRUN, tick, uncontrolledNs, limits.overrunTripNs());
        }
        lateCount = latenessNs > limits.lateTickThresholdNs() ? lateCount + 1 : 0;
        if (lateCount >= limits.lateTickTripCount())
        {
            return trip(TripCause.LATE_TICKS, tick, lateCount, limits.lateTickTripCount());
        }
        return Verdict.OK;
    }

    private int checkSensorPlausibility(final long tick, final double setpointUa)
    {
        final int codeA = sample.currentARaw();
        final int codeB = sample.currentBRaw();
        final int codeV = sample.electrodeVoltageRaw();
        if (sample.hasStatus(HalStatus.ADC_OVERRANGE) || atRail(codeA) || atRail(codeB) || atRail(codeV))
        {
            final int worst = atRail(codeA) ? codeA : atRail(codeB) ? codeB : codeV;
            return trip(TripCause.ADC_OUT_OF_RANGE, tick, worst, info.adcMaxCode());
        }

        final double supplyMv = info.supplyMv(sample.supplyVoltageRaw());
        if (!(supplyMv >= limits.supplyMinMv() && supplyMv <= limits.supplyMaxMv()))
        {
            return trip(TripCause.SUPPLY_OUT_OF_RANGE, tick, supplyMv,
                supplyMv < limits.supplyMinMv() ? limits.supplyMinMv() : limits.supplyMaxMv());
        }

        final double currentAUa = info.currentAUa(codeA);
        final double currentBUa = info.currentBUa(codeB);
        final double differenceUa = Math.abs(currentAUa - currentBUa);
        final double toleranceUa = Math.max(limits.channelDisagreementUa(),
            limits.channelDisagreementFraction() * Math.max(Math.abs(currentAUa), Math.abs(currentBUa)));
        disagreementCount = !(differenceUa <= toleranceUa) ? disagreementCount + 1 : 0;
        if (disagreementCount >= limits.disagreementDebounce())
        {
            return trip(TripCause.CHANNEL_DISAGREEMENT, tick, differenceUa, toleranceUa);
        }

        if (codeA != lastCodeA || !lastCommand.outputEnabled())
        {
            lastCodeA = codeA;
            setpointAtChangeA = setpointUa;
        }
        if (codeB != lastCodeB || !lastCommand.outputEnabled())
        {
            lastCodeB = codeB;
            setpointAtChangeB = setpointUa;
        }
        final double movedUa = Math.max(
            Math.abs(setpointUa - setpointAtChangeA), Math.abs(setpointUa - setpointAtChangeB));
        if (movedUa > limits.stuckSetpointChangeUa())
        {
            return trip(TripCause.SENSOR_STUCK, tick, movedUa, limits.stuckSetpointChangeUa());
        }
        return Verdict.OK;
    }

    private int checkOutputAllowed(final long tick, final boolean outputAllowed, final double currentUa)
    {
        if (outputAllowed || lastCommand.outputEnabled())
        {
            idleCount = 0;
            return Verdict.OK;
        }
        // The previous tick commanded the output off: the relay must be open and no current may flow.
        final boolean relayClosed = sample.hasStatus(HalStatus.OUTPUT_ENABLED);
        idleCount = relayClosed || currentUa > limits.idleLeakUa() ? idleCount + 1 : 0;
        if (idleCount >= 2)
        {
            return trip(TripCause.OUTPUT_NOT_ALLOWED, tick, currentUa, limits.idleLeakUa());
        }
        return Verdict.OK;
    }

    private int checkReadback(final long tick)
    {
        final double readbackCode = info.readbackDacCode(sample.dacReadbackRaw());
        final double errorCodes = Math.abs(readbackCode - lastCommand.dacCode());
        readbackCount = errorCodes > limits.dacReadbackToleranceCodes() ? readbackCount + 1 : 0;
        if (readbackCount >= limits.readbackDebounce())
        {
            return trip(TripCause.DAC_READBACK, tick, readbackCode, lastCommand.dacCode());
        }
        return Verdict.OK;
    }

    private int checkLoad(final long tick, final double currentUa)
    {
        final double voltageMv = Math.abs(info.electrodeMv(sample.electrodeVoltageRaw()));
        complianceCount = voltageMv > limits.complianceLimitMv() ? complianceCount + 1 : 0;
        if (complianceCount >= limits.complianceDebounce())
        {
            if (limits.complianceTrips())
            {
                return trip(TripCause.COMPLIANCE_VOLTAGE, tick, voltageMv, limits.complianceLimitMv());
            }
            return holdOff(TripCause.COMPLIANCE_VOLTAGE, tick, voltageMv, limits.complianceLimitMv());
        }

        if (!lastCommand.outputEnabled())
        {
            shortCount = 0;
            return Verdict.OK;
        }
        final double impedanceOhm = impedanceOhm(voltageMv, currentUa);
        if (voltageMv >= limits.impedanceMinVoltageMv() && impedanceOhm > limits.openCircuitOhm())
        {
            return holdOff(TripCause.CONTACT_LOST, tick, impedanceOhm, limits.openCircuitOhm());
        }
        shortCount = currentUa >= limits.shortMinCurrentUa() && impedanceOhm < limits.shortCircuitOhm() ?
            shortCount + 1 : 0;
        if (shortCount >= limits.shortDebounce())
        {
            return trip(TripCause.SHORT_CIRCUIT, tick, impedanceOhm, limits.shortCircuitOhm());
        }
        return checkContactQuality(tick, currentUa, impedanceOhm);
    }

    /**
     * SR-20: skin resistance falls while direct current flows, so the lowest impedance seen since the contact
     * check is the contact's baseline; a sustained rise above {@code contactRiseFactor} × that baseline is a
     * drying, lifting or slipping electrode — current crowding into a shrinking area, the classic
     * iontophoresis burn — long before the open-circuit limit. Judged only at currents where the reading is
     * clean; the output is held off until the operator resumes (docs/safety-monitor.md).
     */
    private int checkContactQuality(final long tick, final double currentUa, final double impedanceOhm)
    {
        if (currentUa < limits.contactJudgeMinUa())
        {
            degradedCount = 0;
            return Verdict.OK;
        }
        if (impedanceOhm < contactBaselineOhm)
        {
            contactBaselineOhm = impedanceOhm;
        }
        final double limitOhm = contactBaselineOhm * limits.contactRiseFactor();
        degradedCount = impedanceOhm > limitOhm ? degradedCount + 1 : 0;
        if (degradedCount >= limits.contactRiseDebounce())
        {
            degradedCount = 0;
            return holdOff(TripCause.CONTACT_DEGRADED, tick, impedanceOhm, limitOhm);
        }
        return Verdict.OK;
    }

    /**
     * @param voltageMv |electrode voltage| (mV).
     * @param currentUa |current| (µA).
     * @return the load impedance (Ω); a current below 1 µA counts as 1 µA.
     */
    public static double impedanceOhm(final double voltageMv, final double currentUa)
    {
        return voltageMv * 1000.0 / Math.max(currentUa, 1.0);
    }

    private boolean atRail(final int code)
    {
        return code <= info.adcMinCode() || code >= info.adcMaxCode();
    }

    private int trip(final TripCause cause, final long tick, final double measured, final double limit)
    {
        trip.set(cause, tick, measured, limit);
        return Verdict.TRIP;
    }

    private int holdOff(final TripCause cause, final long tick, final double measured, final double limit)
    {
        trip.set(cause, tick, measured, limit);
        return Verdict.HOLD_OFF;
    }

    /**
     * @return the cause and values of the latest TRIP or HOLD-OFF verdict.
     */
    public TripRecord trip()
    {
        return trip;
    }

    /**
     * @return the device-level limits.
     */
    public MonitorLimits limits()
    {
        return limits;
    }

    /**
     * @return the session trip level in force (µA).
     */
    public double tripLevelUa()
    {
        return tripLevelUa;
    }
}
