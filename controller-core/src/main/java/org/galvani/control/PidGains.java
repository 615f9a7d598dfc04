package org.galvani.control;

import static org.galvani.config.InvalidConfigurationException.requireInRange;

import org.galvani.hal.HalInfo;

/**
 * Gains and limits of the {@link PidController} current loop, validated once at construction.
 *
 * <p>Every gain is in physical units and independent of the tick period (the period is a constructor
 * argument of the controller) and of the DAC resolution: the controller computes a current command in µA
 * (feed-forward + P + I + D) and converts it to a DAC code with {@link HalInfo#dacUaPerCode()}. So
 * {@code kp} is µA of command per µA of error, {@code kiPerS} is µA of command per µA·s of error, and
 * {@code kdS} is µA of command per µA/s of measured current change. Only the slew limit is in DAC codes
 * (per second), because it bounds the actuator.
 *
 * <p>Threading: immutable, safe to share. Allocation: none after construction.
 *
 * @param kp                       proportional gain, µA/µA, 0 .. 10.
 * @param kiPerS                   integral gain, 1/s, 0 .. 10,000.
 * @param kdS                      derivative gain (on measurement, never on the setpoint), s, 0 .. 0.1.
 * @param derivativeFilterTauS     time constant of the first-order low-pass on the derivative, s,
 *                                 1 µs .. 1 s (must be &gt; 0).
 * @param slewLimitCodesPerS       largest output change, DAC codes per second, 1 .. 1e9 (must be &gt; 0).
 * @param integratorLimitUa        the integral term is kept within ±this, µA, 1 .. 1,000,000.
 * @param feedForwardGain          fraction of the nominal feed-forward (setpoint / dacUaPerCode) applied,
 *                                 0 .. 2 (1 = nominal; 0 = no feed-forward).
 * @param complianceHeadroom       while the output is limited by the compliance voltage, the command is
 *                                 held at most this fraction above the current the load can take, 0 .. 1.
 * @param loadEstimateMinCurrentUa the load impedance |V| / |I| is estimated only when |I| is at least
 *                                 this, µA, 1 .. 10,000.
 */
public record PidGains(
    double kp,
    double kiPerS,
    double kdS,
    double derivativeFilterTauS,
    double slewLimitCodesPerS,
    double integratorLimitUa,
    double feedForwardGain,
    double complianceHeadroom,
    double loadEstimateMinCurrentUa)
{
    /** Default proportional gain (µA/µA). */
    public static final double DEFAULT_KP = 0.2;
    /** Default integral gain (1/s). */
    public static final double DEFAULT_KI_PER_S = 60.0;
    /** Default derivative gain (s). */
    public static final double DEFAULT_KD_S = 0.0002;
    /** Default derivative filter time constant (s). */
    public static final double DEFAULT_DERIVATIVE_FILTER_TAU_S = 0.002;
    /** Default slew limit, expressed as a current rate (µA/s): 40 mA/s. */
    public static final double DEFAULT_SLEW_UA_PER_S = 40_000.0;
    /** Default integrator authority as a fraction of the DAC full scale. */
    public static final double DEFAULT_INTEGRATOR_FULL_SCALE_FRACTION = 0.25;
    /** Default compliance headroom (fraction). */
    public static final double DEFAULT_COMPLIANCE_HEADROOM = 0.05;
    /** Default smallest current for a load estimate (µA). */
    public static final double DEFAULT_LOAD_ESTIMATE_MIN_CURRENT_UA = 50.0;

    /**
     * Validates every field; the message names the field ({@code pid.kp}, ...), the value and the range.
     */
    public PidGains
    {
        requireInRange("pid.kp", kp, 0.0, 10.0, "µA/µA");
        requireInRange("pid.kiPerS", kiPerS, 0.0, 10_000.0, "1/s");
        requireInRange("pid.kdS", kdS, 0.0, 0.1, "s");
        requireInRange("pid.derivativeFilterTauS", derivativeFilterTauS, 1e-6, 1.0, "s");
        requireInRange("pid.slewLimitCodesPerS", slewLimitCodesPerS, 1.0, 1e9, "codes/s");
        requireInRange("pid.integratorLimitUa", integratorLimitUa, 1.0, 1_000_000.0, "µA");
        requireInRange("pid.feedForwardGain", feedForwardGain, 0.0, 2.0, "");
        requireInRange("pid.complianceHeadroom", complianceHeadroom, 0.0, 1.0, "");
        requireInRange("pid.loadEstimateMinCurrentUa", loadEstimateMinCurrentUa, 1.0, 10_000.0, "µA");
    }

    /**
     * Defaults tuned against the native sim (16-bit DAC, 50 mA full scale, 1.5 ms output-stage time
     * constant) at 1 kHz, also stable at 10 kHz; see docs/pid.md for the measured closed-loop figures.
     * The slew limit is 40 mA/s converted to DAC codes with the driver's scale.
     *
     * @param info the driver's converter scales.
     * @return validated defaults.
     */
    public static PidGains defaults(final HalInfo info)
    {
        return defaults(info.dacUaPerCode(), info.dacMaxCode());
    }

    /**
     * As {@link #defaults(HalInfo)}, from the two scales it uses.
     *
     * @param dacUaPerCode nominal output current per DAC code, µA (&gt; 0).
     * @param dacMaxCode   largest DAC code (&gt; 0).
     * @return validated defaults.
     */
    public static PidGains defaults(final double dacUaPerCode, final int dacMaxCode)
    {
        requireInRange("hal.dacUaPerCode", dacUaPerCode, 1e-6, 1e6, "µA/code");
        requireInRange("hal.dacMaxCode", dacMaxCode, 1, Integer.MAX_VALUE, "codes");
        return new PidGains(
            DEFAULT_KP,
            DEFAULT_KI_PER_S,
            DEFAULT_KD_S,
            DEFAULT_DERIVATIVE_FILTER_TAU_S,
            Math.min(1e9, Math.max(1.0, DEFAULT_SLEW_UA_PER_S / dacUaPerCode)),
            Math.min(1_000_000.0, Math.max(1.0,
                DEFAULT_INTEGRATOR_FULL_SCALE_FRACTION * dacUaPerCode * dacMaxCode)),
            1.0,
            DEFAULT_COMPLIANCE_HEADROOM,
            DEFAULT_LOAD_ESTIMATE_MIN_CURRENT_UA);
    }
}
