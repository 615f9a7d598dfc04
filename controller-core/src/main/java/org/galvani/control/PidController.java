package org.galvani.control;

import static org.galvani.config.InvalidConfigurationException.requireInRange;

import org.galvani.hal.HalInfo;

/**
 * The current loop (docs/architecture.md, the tick, step 6; docs/pid.md): from the setpoint and measured current magnitudes to a
 * DAC code. The DAC is unipolar with a polarity relay, so the loop works on magnitudes only.
 *
 * <p>Each {@link #update} computes, in µA of output command:
 * <ul>
 *   <li><b>feed-forward</b> {@code ff = feedForwardGain * min(setpoint, cap)}: the nominal command for the
 *       setpoint, capped at {@code cap = compliance / loadOhm}, the current the estimated load can take
 *       under the compliance voltage ({@code loadOhm = |electrode V| / |I|}, estimated while |I| is at
 *       least {@link PidGains#loadEstimateMinCurrentUa()}; while the COMPLIANCE bit is set the measured
 *       electrode voltage, not the nominal compliance, is the rail, so the cap is the measured current);</li>
 *   <li><b>P</b> {@code kp * (setpoint - measured)};</li>
 *   <li><b>I</b> the integral of {@code kiPerS * error}, kept within ±{@link PidGains#integratorLimitUa()};</li>
 *   <li><b>D</b> {@code -kdS * d(measured)/dt} through a first-order low-pass (derivative on measurement,
 *       so a setpoint change never kicks it).</li>
 * </ul>
 * The sum, in DAC codes, is clamped to {@code [0, dacMaxCode]}, to the slew limit around the previous
 * output, and, while the output is <em>compliance-limited</em> (COMPLIANCE bit set, or the setpoint above
 * the cap), to {@code cap * (1 + complianceHeadroom)}. The slew limit always wins: the output never moves
 * more than {@code slewLimitCodesPerS * period} in one update.
 *
 * <p><b>Anti-windup</b> is conditional integration: the integrator does not move in the direction of the
 * error while the output is held by a clamp (range, slew or compliance ceiling) in that direction, and it
 * never integrates upward while compliance-limited. So a load that cannot take the current does not wind
 * the integrator up, and when the load drops back the output rises from about the current the load was
 * taking, at the slew limit, without overshoot.
 *
 * <p><b>Bumpless transfer</b>: {@link #reset(double, double, double)} when the loop is enabled (the state
 * machine enters an output state) or when the polarity swaps (the setpoint passes through zero) makes the
 * next output continue from the given output: the integrator is initialised so that feed-forward + P + I
 * equals it, and the derivative filter starts from the given measurement.
 *
 * <p>Deterministic: plain double arithmetic on the inputs only; no clock, no randomness. The same
 * sequence of calls gives bit-identical outputs. Inputs are magnitudes; a non-finite measured current is
 * taken as the previous measurement, a non-finite setpoint, electrode voltage or reset output as 0, and
 * finite inputs are bounded to ±{@link #INPUT_LIMIT}, so the output is always a finite code in range.
 *
 * <p>Threading: one instance, owned by the control thread; not thread-safe. Allocation: none after
 * construction (no boxing, no exceptions on the update path).
 */
public final class PidController
{
    /** Largest magnitude accepted for any input (µA or mV); larger values are bounded to it. */
    public static final double INPUT_LIMIT = 1e9;

    private final PidGains gains;
    private final double dtS;
    private final double dacUaPerCode;
    private final double dacMaxCode;
    private final double complianceMv;
    private final double slewStepCodes;
    private final double derivativeAlpha;

    private double integratorUa;
    private double derivativeFilteredUaPerS;
    private double lastMeasuredUa;
    private double loadOhm;
    private double outputCodes;

    private double feedForwardCodes;
    private double proportionalCodes;
    private double integralCodes;
    private double derivativeCodes;
    private double capUa = Double.POSITIVE_INFINITY;
    private boolean complianceLimited;

    /**
     * @param gains    validated gains.
     * @param info     the driver's converter scales (dacUaPerCode, dacMaxCode, complianceMv).
     * @param periodNs control period, 10 µs .. 100 ms.
     * @throws org.galvani.config.InvalidConfigurationException when the period or the scales are out of range.
     */
    public PidController(final PidGains gains, final HalInfo info, final long periodNs)
    {
        requireInRange("pid.periodNs", periodNs, 10_000L, 100_000_000L, "ns");
        requireInRange("hal.dacUaPerCode", info.dacUaPerCode(), 1e-6, 1e6, "µA/code");
        requireInRange("hal.dacMaxCode", info.dacMaxCode(), 1, Integer.MAX_VALUE, "codes");
        requireInRange("hal.complianceMv", info.complianceMv(), 1.0, 1e7, "mV");
        this.gains = gains;
        this.dtS = periodNs * 1e-9;
        this.dacUaPerCode = info.dacUaPerCode();
        this.dacMaxCode = info.dacMaxCode();
        this.complianceMv = info.complianceMv();
        this.slewStepCodes = gains.slewLimitCodesPerS() * dtS;
        this.derivativeAlpha = dtS / (gains.derivativeFilterTauS() + dtS);
        clear();
    }

    /**
     * Forgets everything (output 0, integrator 0, no load estimate): the state of a freshly built controller.
     */
    public void clear()
    {
        loadOhm = 0.0;
        capUa = Double.POSITIVE_INFINITY;
        reset(0.0, 0.0, 0.0);
    }

    /**
     * Bumpless transfer: the next {@link #update} with the same setpoint and measurement returns
     * {@code outputCode} plus one integration step (exactly {@code outputCode} when the measurement equals
     * the setpoint). Call it when the loop is enabled (entering an output state, usually with 0, 0, 0) and
     * when the polarity swaps through zero. The load estimate is kept (the load does not change with the
     * polarity); use {@link #clear()} for a new session.
     *
     * @param outputCode the output currently applied, DAC codes (bounded to [0, dacMaxCode]).
     * @param setpointUa the setpoint magnitude now, µA.
     * @param measuredUa the measured current magnitude now, µA.
     */
    public void reset(final double outputCode, final double setpointUa, final double measuredUa)
    {
        final double out = clamp(finiteOr(outputCode, 0.0), 0.0, dacMaxCode);
        final double sp = magnitude(setpointUa, 0.0);
        final double y = magnitude(measuredUa, 0.0);
        final double ffUa = feedForwardUa(sp);
        final double pUa = gains.kp() * (sp - y);
        integratorUa = clamp(out * dacUaPerCode - ffUa - pUa, -gains.integratorLimitUa(), gains.integratorLimitUa());
        derivativeFilteredUaPerS = 0.0;
        lastMeasuredUa = y;
        outputCodes = out;
        feedForwardCodes = ffUa / dacUaPerCode;
        proportionalCodes = pUa / dacUaPerCode;
        integralCodes = integratorUa / dacUaPerCode;
        derivativeCodes = 0.0;
        complianceLimited = false;
    }

    /**
     * One control step.
     *
     * @param setpointUa  setpoint magnitude, µA (the sign is dropped).
     * @param measuredUa  measured current magnitude, µA (the sign is dropped).
     * @param electrodeMv electrode voltage, mV (the sign is dropped); used for the load estimate.
     * @param compliance  whether the sample's COMPLIANCE status bit is set.
     * @return the DAC code, in [0, dacMaxCode], within the slew limit of the previous output.
     */
    public double update(
        final double setpointUa, final double measuredUa, final double electrodeMv, final boolean compliance)
    {
        final double sp = magnitude(setpointUa, 0.0);
        final double y = magnitude(measuredUa, lastMeasuredUa);
        final double v = magnitude(electrodeMv, 0.0);

        if (y >= gains.loadEstimateMinCurrentUa())
        {
            loadOhm = v / y * 1000.0;
        }
        final double railMv = compliance ? Math.min(complianceMv, v) : complianceMv;
        capUa = loadOhm > 0.0 ? railMv / loadOhm * 1000.0 : Double.POSITIVE_INFINITY;
        final boolean limited = compliance || sp > capUa;

        final double errorUa = sp - y;
        final double ffUa = gains.feedForwardGain() * Math.min(sp, capUa);
        final double pUa = gains.kp() * errorUa;
        final double rawDerivative = (y - lastMeasuredUa) / dtS;
        derivativeFilteredUaPerS += (rawDerivative - derivativeFilteredUaPerS) * derivativeAlpha;
        lastMeasuredUa = y;
        final double dUa = 0.0 - gains.kdS() * derivativeFilteredUaPerS;
        final double candidateUa = clamp(integratorUa + gains.kiPerS() * errorUa * dtS,
            -gains.integratorLimitUa(), gains.integratorLimitUa());

        double upper = Math.min(dacMaxCode, outputCodes + slewStepCodes);
        if (limited)
        {
            upper = Math.min(upper, capUa * (1.0 + gains.complianceHeadroom()) / dacUaPerCode);
        }
        final double lower = Math.max(0.0, outputCodes - slewStepCodes);
        if (upper < lower)
        {
            upper = lower;
        }
        final double unclampedCodes = (ffUa + pUa + candidateUa + dUa) / dacUaPerCode;
        final double out = clamp(unclampedCodes, lower, upper);

        final boolean heldHigh = unclampedCodes > out && errorUa > 0.0;
        final boolean heldLow = unclampedCodes < out && errorUa < 0.0;
        if (!heldHigh && !heldLow && !(limited && errorUa > 0.0))
        {
            integratorUa = candidateUa;
        }

        outputCodes = out;
        complianceLimited = limited;
        feedForwardCodes = ffUa / dacUaPerCode;
        proportionalCodes = pUa / dacUaPerCode;
        integralCodes = integratorUa / dacUaPerCode;
        derivativeCodes = dUa / dacUaPerCode;
        return out;
    }

    /**
     * @return the last output, DAC codes.
     */
    public double outputCodes()
    {
        return outputCodes;
    }

    /**
     * @return the last feed-forward term, DAC codes.
     */
    public double feedForwardCodes()
    {
        return feedForwardCodes;
    }

    /**
     * @return the last proportional term, DAC codes.
     */
    public double proportionalCodes()
    {
        return proportionalCodes;
    }

    /**
     * @return the integral term after the last update, DAC codes.
     */
    public double integralCodes()
    {
        return integralCodes;
    }

    /**
     * @return the last derivative term, DAC codes.
     */
    public double derivativeCodes()
    {
        return derivativeCodes;
    }

    /**
     * @return the load impedance estimate, Ω (0 while unknown).
     */
    public double loadEstimateOhm()
    {
        return loadOhm;
    }

    /**
     * @return the current the estimated load takes under the compliance voltage, µA (+∞ while unknown).
     */
    public double complianceCapUa()
    {
        return capUa;
    }

    /**
     * @return whether the last update was compliance-limited (COMPLIANCE bit, or setpoint above the cap):
     *     the output was held near what the load can take and the integrator did not integrate upward
     *     (journal it as an explained limit, SR-17).
     */
    public boolean complianceLimited()
    {
        return complianceLimited;
    }

    /**
     * @return the gains in use.
     */
    public PidGains gains()
    {
        return gains;
    }

    /**
     * @return the largest output change per update, DAC codes.
     */
    public double slewStepCodes()
    {
        return slewStepCodes;
    }

    private double feedForwardUa(final double setpointUa)
    {
        return gains.feedForwardGain() * Math.min(setpointUa, capUa);
    }

    private static double magnitude(final double value, final double fallback)
    {
        if (!Double.isFinite(value))
        {
            return fallback;
        }
        return Math.min(Math.abs(value), INPUT_LIMIT);
    }

    private static double finiteOr(final double value, final double fallback)
    {
        return Double.isFinite(value) ? value : fallback;
    }

    private static double clamp(final double value, final double min, final double max)
    {
        return value < min ? min : value > max ? max : value;
    }
}
