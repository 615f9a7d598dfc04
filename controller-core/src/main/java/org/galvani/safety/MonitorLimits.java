package org.galvani.safety;

import static org.galvani.config.InvalidConfigurationException.requireInRange;

/**
 * Device-level thresholds of the {@link SafetyMonitor}, validated once. Session-level values (trip
 * level, density limit, dose bound) come from the armed prescription via
 * {@link SafetyMonitor#arm(double, double, double)}.
 *
 * <p>Debounce counts: checks that would nuisance-trip on one noisy sample take N consecutive samples
 * (documented per field); every other check reacts in the tick the sample shows the fault.
 *
 * @param absoluteLimitUa             SR-3 hard stop, independent of the prescription (µA).
 * @param complianceLimitMv           SR-5 electrode voltage limit (mV).
 * @param complianceDebounce          SR-5 consecutive samples above the limit before acting.
 * @param complianceTrips             SR-5 maker policy: true = TRIP, false = HOLD-OFF.
 * @param openCircuitOhm              SR-6 impedance above which contact is lost (HOLD-OFF).
 * @param shortCircuitOhm             SR-6 impedance below which the load is a short (TRIP).
 * @param impedanceMinVoltageMv       SR-6 open-circuit judged only when |V| is at least this.
 * @param shortMinCurrentUa           SR-6 short judged only when |I| is at least this.
 * @param shortDebounce               SR-6 consecutive short samples before the trip.
 * @param channelDisagreementUa       SR-7 absolute tolerance between channels A and B (µA). The default
 *                                    40 µA with the 5 % fraction keeps an undetected gain error of one
 *                                    channel from shifting the averaged current, and so the dose, by more
 *                                    than 5 % at 0.4 mA and above (campaign finding F3).
 * @param channelDisagreementFraction SR-7 relative tolerance (of the larger reading).
 * @param disagreementDebounce        SR-7 consecutive disagreeing samples before the trip.
 * @param stuckSetpointChangeUa       SR-7 a channel that does not move while the setpoint moved this
 *                                    much is stuck.
 * @param supplyMinMv                 SR-7 plausible supply range, low end.
 * @param supplyMaxMv                 SR-7 plausible supply range, high end.
 * @param dacReadbackToleranceCodes   SR-8 read-back tolerance (DAC codes).
 * @param readbackDebounce            SR-8 consecutive mismatching samples before the trip.
 * @param idleLeakUa                  SR-2 current that must not flow while output is not allowed.
 * @param overrunTripNs               SR-9 one tick longer than this trips.
 * @param lateTickThresholdNs         SR-9 a tick starting this late after its deadline is late.
 * @param lateTickTripCount           SR-9 this many consecutive late ticks trip.
 * @param densityDebounce             SR-4 consecutive samples above the density limit before the trip.
 * @param commandMismatchUa           SR-7/SR-8 absolute tolerance between the current the DAC was commanded to
 *                                    deliver and the measured current, with the output on and below compliance
 *                                    (catches both sensors wrong alike, or a source that does not deliver) (µA).
 * @param commandMismatchFraction     SR-7/SR-8 relative tolerance of that comparison (of the commanded current).
 * @param commandMismatchDebounce     SR-7/SR-8 consecutive mismatching samples before the trip.
 * @param contactRiseFactor           SR-20 the load impedance above this × its lowest value since the last
 *                                    contact check is a degraded contact (drying or lifting electrode).
 * @param contactRiseDebounce         SR-20 consecutive samples above it before the HOLD-OFF.
 * @param contactJudgeMinUa           SR-20 the impedance is judged (and the baseline kept) only at |I| of at
 *                                    least this, where the converters' noise is a small fraction of the reading.
 */
public record MonitorLimits(
    double absoluteLimitUa,
    double complianceLimitMv,
    int complianceDebounce,
    boolean complianceTrips,
    double openCircuitOhm,
    double shortCircuitOhm,
    double impedanceMinVoltageMv,
    double shortMinCurrentUa,
    int shortDebounce,
    double channelDisagreementUa,
    double channelDisagreementFraction,
    int disagreementDebounce,
    double stuckSetpointChangeUa,
    double supplyMinMv,
    double supplyMaxMv,
    double dacReadbackToleranceCodes,
    int readbackDebounce,
    double idleLeakUa,
    long overrunTripNs,
    long lateTickThresholdNs,
    int lateTickTripCount,
    int densityDebounce,
    double commandMismatchUa,
    double commandMismatchFraction,
    int commandMismatchDebounce,
    double contactRiseFactor,
    int contactRiseDebounce,
    double contactJudgeMinUa)
{
    /**
     * SR-20 default: a doubling of the load impedance over its lowest value since the contact check. Skin
     * resistance falls while direct current flows (the stratum corneum hydrates and fills with ions), so a
     * sustained rise is the electrode, not the skin; if the electrode-skin interface carries the impedance, a
     * doubling means about half the area still in contact, so the density cap (0.475 mA/cm²) becomes about
     * 0.95 mA/cm² under the rest, still below the 2 mA/cm² at which IEC 60601-2-10 asks for the operator's
     * attention. The argument and its sources: docs/safety-monitor.md.
     */
    public static final double DEFAULT_CONTACT_RISE_FACTOR = 2.0;

    /**
     * Validates every field.
     */
    public MonitorLimits
    {
        requireInRange("monitor.absoluteLimitUa", absoluteLimitUa, 100.0, 50_000.0, "µA");
        requireInRange("monitor.complianceLimitMv", complianceLimitMv, 1_000.0, 100_000.0, "mV");
        requireInRange("monitor.complianceDebounce", complianceDebounce, 1, 100, "samples");
        requireInRange("monitor.openCircuitOhm", openCircuitOhm, 5_000.0, 10_000_000.0, "Ω");
        requireInRange("monitor.shortCircuitOhm", shortCircuitOhm, 1.0, 1_000.0, "Ω");
        requireInRange("monitor.impedanceMinVoltageMv", impedanceMinVoltageMv, 100.0, 20_000.0, "mV");
        requireInRange("monitor.shortMinCurrentUa", shortMinCurrentUa, 10.0, 5_000.0, "µA");
        requireInRange("monitor.shortDebounce", shortDebounce, 1, 100, "samples");
        requireInRange("monitor.channelDisagreementUa", channelDisagreementUa, 1.0, 5_000.0, "µA");
        requireInRange("monitor.channelDisagreementFraction", channelDisagreementFraction, 0.0, 0.5, "");
        requireInRange("monitor.disagreementDebounce", disagreementDebounce, 1, 100, "samples");
        requireInRange("monitor.stuckSetpointChangeUa", stuckSetpointChangeUa, 50.0, 10_000.0, "µA");
        requireInRange("monitor.supplyMinMv", supplyMinMv, 0.0, 200_000.0, "mV");
        requireInRange("monitor.supplyMaxMv", supplyMaxMv, supplyMinMv, 200_000.0, "mV");
        requireInRange("monitor.dacReadbackToleranceCodes", dacReadbackToleranceCodes, 1.0, 10_000.0, "codes");
        requireInRange("monitor.readbackDebounce", readbackDebounce, 1, 100, "samples");
        requireInRange("monitor.idleLeakUa", idleLeakUa, 5.0, 5_000.0, "µA");
        requireInRange("monitor.overrunTripNs", overrunTripNs, 10_000L, 1_000_000_000L, "ns");
        requireInRange("monitor.lateTickThresholdNs", lateTickThresholdNs, 1_000L, 1_000_000_000L, "ns");
        requireInRange("monitor.lateTickTripCount", lateTickTripCount, 1, 100_000, "ticks");
        requireInRange("monitor.densityDebounce", densityDebounce, 1, 100, "samples");
        requireInRange("monitor.commandMismatchUa", commandMismatchUa, 10.0, 10_000.0, "µA");
        requireInRange("monitor.commandMismatchFraction", commandMismatchFraction, 0.01, 0.5, "");
        requireInRange("monitor.commandMismatchDebounce", commandMismatchDebounce, 1, 10_000, "samples");
        requireInRange("monitor.contactRiseFactor", contactRiseFactor, 1.2, 10.0, "×");
        requireInRange("monitor.contactRiseDebounce", contactRiseDebounce, 1, 100_000, "samples");
        requireInRange("monitor.contactJudgeMinUa", contactJudgeMinUa, 50.0, 10_000.0, "µA");
    }

    /**
     * Defaults for a device with the given absolute current limit and compliance voltage, ticking at
     * the given period. Thresholds and formulas: docs/software-requirements.md (Monitor thresholds) and docs/safety-monitor.md.
     *
     * @param absoluteLimitUa   device absolute limit (µA), e.g. 35,000 for a tap-water unit.
     * @param complianceLimitMv device compliance voltage (mV), e.g. 60,000.
     * @param tickPeriodNs      control period (ns).
     * @return validated defaults.
     */
    public static MonitorLimits defaults(
        final double absoluteLimitUa, final double complianceLimitMv, final long tickPeriodNs)
    {
        return new MonitorLimits(
            absoluteLimitUa,
            complianceLimitMv * 1.05,
            3,
            true,
            100_000.0,
            300.0,
            2_000.0,
            1_000.0,
            2,
            40.0,
            0.05,
            3,
            500.0,
            complianceLimitMv * 0.5,
            complianceLimitMv * 1.6,
            64.0,
            2,
            200.0,
            Math.max(10_000L, 5 * tickPeriodNs),
            Math.max(1_000L, tickPeriodNs / 2),
            Math.max(1, (int)(20_000_000L / tickPeriodNs)),
            3,
            300.0,
            0.05,
            Math.max(1, (int)(20_000_000L / tickPeriodNs)),
            DEFAULT_CONTACT_RISE_FACTOR,
            Math.max(1, (int)(500_000_000L / tickPeriodNs)),
            500.0);
    }

    /**
     * The same limits with other SR-9 timing bounds (e.g. relaxed for a loop on a shared development
     * machine, or tightened for a real-time kernel).
     *
     * @param overrunTripNs       a tick longer than this, or starting this late, trips.
     * @param lateTickThresholdNs a tick starting this late after its deadline is late.
     * @param lateTickTripCount   this many consecutive late ticks trip.
     * @return validated limits.
     */
    public MonitorLimits withTiming(final long overrunTripNs, final long lateTickThresholdNs, final int lateTickTripCount)
    {
        return new MonitorLimits(absoluteLimitUa, complianceLimitMv, complianceDebounce, complianceTrips,
            openCircuitOhm, shortCircuitOhm, impedanceMinVoltageMv, shortMinCurrentUa, shortDebounce,
            channelDisagreementUa, channelDisagreementFraction, disagreementDebounce, stuckSetpointChangeUa,
            supplyMinMv, supplyMaxMv, dacReadbackToleranceCodes, readbackDebounce, idleLeakUa, overrunTripNs,
            lateTickThresholdNs, lateTickTripCount, densityDebounce, commandMismatchUa, commandMismatchFraction,
            commandMismatchDebounce, contactRiseFactor, contactRiseDebounce, contactJudgeMinUa);
    }
}
