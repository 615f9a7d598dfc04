package org.galvani.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.galvani.hal.HalInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PidController} one update at a time, each term and each clamp condition met exactly. Written from
 * PIT's survivors of the {@code control} package (docs/qa-campaign.md): a DAC of exactly 2 µA per code (so a
 * term divided instead of multiplied by the scale shows), 100,000 codes, 10 V compliance, 1 kHz, and gains
 * chosen per test so that each term is a round number.
 */
class PidControllerBoundaryTest
{
    private static final long PERIOD_NS = 1_000_000L;
    private static final double DT_S = PERIOD_NS * 1e-9;
    private static final double UA_PER_CODE = 2.0;

    private static final HalInfo INFO = HalInfo.builder()
        .abiVersion(1 << 16)
        .backend(HalInfo.BACKEND_SIM)
        .currentAUaPerLsb(1.0)
        .currentBUaPerLsb(1.0)
        .electrodeMvPerLsb(1.0)
        .supplyMvPerLsb(1.0)
        .readbackCodesPerLsb(1.0)
        .dacUaPerCode(UA_PER_CODE)
        .dacMaxCode(100_000)
        .adcMinCode(-32768)
        .adcMaxCode(32767)
        .stepUs(1000)
        .complianceMv(10_000.0)
        .conclude();

    /** kp 0.5, ki 100/s, kd as given, filter 1 µs, slew as given, integrator ±1e6 µA, feed-forward 1, 5 % headroom, load estimate from 50 µA. */
    private static PidGains gains(final double kdS, final double slewCodesPerS)
    {
        return new PidGains(0.5, 100.0, kdS, 1e-6, slewCodesPerS, 1_000_000.0, 1.0, 0.05, 50.0);
    }

    private static PidController pid(final double kdS, final double slewCodesPerS)
    {
        return new PidController(gains(kdS, slewCodesPerS), INFO, PERIOD_NS);
    }

    @Test
    @DisplayName("one update: feed-forward + P + I + D in µA, divided by the DAC scale, each term reported in codes; in range the integrator moves")
    void everyTermExactly()
    {
        final PidController pid = pid(0.001, 1e9);
        // setpoint 1000, measured 200 (from 0), no voltage: no load estimate, no cap
        final double out = pid.update(1_000.0, 200.0, 0.0, false);
        final double alpha = DT_S / (1e-6 + DT_S);
        final double dUa = -0.001 * (200.0 / DT_S) * alpha;
        final double iUa = 100.0 * 800.0 * DT_S;
        assertEquals(500.0, pid.feedForwardCodes(), 1e-9);
        assertEquals(200.0, pid.proportionalCodes(), 1e-9);
        assertEquals(iUa / UA_PER_CODE, pid.integralCodes(), 1e-9, "in range with a positive error the integrator moves");
        assertEquals(dUa / UA_PER_CODE, pid.derivativeCodes(), 1e-9);
        assertEquals((1_000.0 + 400.0 + iUa + dUa) / UA_PER_CODE, out, 1e-9);
        assertEquals(out, pid.outputCodes());
        assertFalse(pid.complianceLimited());
        assertEquals(Double.POSITIVE_INFINITY, pid.complianceCapUa());
    }

    @Test
    @DisplayName("bumpless reset reports its terms in codes; in range with a negative error the integrator moves down")
    void resetTermsAndNegativeError()
    {
        final PidController pid = pid(0.0, 1e9);
        pid.reset(500.0, 100.0, 300.0);
        assertEquals(500.0, pid.outputCodes());
        assertEquals(50.0, pid.feedForwardCodes(), 1e-12);
        assertEquals(-50.0, pid.proportionalCodes(), 1e-12);
        assertEquals(500.0, pid.integralCodes(), 1e-12, "integrator = 500 codes x 2 - 100 - (-100) µA");
        assertEquals(0.0, pid.derivativeCodes());

        // integrator 1000 - 100 x 200 x 1 ms = 980 µA: unclamped 490 codes, in range, not held
        assertEquals(490.0, pid.update(100.0, 300.0, 0.0, false), 1e-9);
        assertEquals(490.0, pid.integralCodes(), 1e-9);
    }

    @Test
    @DisplayName("anti-windup: an output held up by the slew limit does not stop integration of a positive error")
    void heldUpWithPositiveErrorStillIntegrates()
    {
        final PidController pid = pid(0.0, 10_000.0); // 10 codes per update
        pid.reset(500.0, 1_000.0, 1_000.0);
        assertEquals(0.0, pid.integralCodes(), 1e-12);
        // unclamped (600 + 0.5 + 0.1) / 2 = 300.3 codes, held up at 490 by the slew limit; the error is +1 µA
        assertEquals(490.0, pid.update(600.0, 599.0, 0.0, false), 1e-9);
        assertEquals(0.1 / UA_PER_CODE, pid.integralCodes(), 1e-12);
    }

    @Test
    @DisplayName("anti-windup: an output held down by the slew limit does not stop integration of a negative error")
    void heldDownWithNegativeErrorStillIntegrates()
    {
        final PidController pid = pid(0.0, 10_000.0); // 10 codes per update
        pid.reset(500.0, 1_000.0, 1_000.0);
        // unclamped (1500 - 0.5 - 0.1) / 2 = 749.7 codes, held down at 510 by the slew limit; the error is -1 µA
        assertEquals(510.0, pid.update(1_500.0, 1_501.0, 0.0, false), 1e-9);
        assertEquals(-0.1 / UA_PER_CODE, pid.integralCodes(), 1e-12);
    }

    @Test
    @DisplayName("a setpoint exactly at the compliance cap is not compliance-limited: no ceiling, the integrator moves")
    void setpointAtTheCapIsNotLimited()
    {
        final PidController pid = pid(0.0, 1e9);
        // 100 mV at 100 µA: 1 kΩ, cap 10,000 µA = the setpoint; ff 10,000 + P 4950 + I 990 = 15,940 µA = 7970 codes
        assertEquals(7_970.0, pid.update(10_000.0, 100.0, 100.0, false), 1e-9);
        assertEquals(10_000.0, pid.complianceCapUa(), 1e-9);
        assertFalse(pid.complianceLimited());
        assertEquals(990.0 / UA_PER_CODE, pid.integralCodes(), 1e-9);
        // one µA above it is limited: output at most cap x 1.05 = 5250 codes
        final PidController above = pid(0.0, 1e9);
        assertEquals(5_250.0, above.update(10_001.0, 100.0, 100.0, false), 1e-9);
        assertTrue(above.complianceLimited());
    }

    @Test
    @DisplayName("anti-windup: while the COMPLIANCE bit is set a positive error is not integrated, even with the output in range")
    void complianceBitStopsUpwardIntegration()
    {
        final PidController pid = pid(0.0, 1e9);
        // no voltage: no load estimate; the rail is min(compliance, 0 mV) and the cap stays unknown (+inf), not 0/0
        // ff 1000 + P 400 + I candidate 80 = 1480 µA = 740 codes: in range, yet the integrator stays
        assertEquals(740.0, pid.update(1_000.0, 200.0, 0.0, true), 1e-9);
        assertTrue(pid.complianceLimited());
        assertEquals(Double.POSITIVE_INFINITY, pid.complianceCapUa());
        assertEquals(0.0, pid.integralCodes());
        // a negative error is still integrated downward: (900 - 50 - 10) / 2 = 420 codes, in range
        assertEquals(420.0, pid.update(900.0, 1_000.0, 0.0, true), 1e-9);
        assertEquals(-100.0 * 100.0 * DT_S / UA_PER_CODE, pid.integralCodes(), 1e-12);
    }

    @Test
    @DisplayName("at compliance the measured electrode voltage is the rail: the cap is the current flowing, the output at most cap x 1.05")
    void complianceRailIsTheMeasuredVoltage()
    {
        final PidController pid = pid(0.0, 1e9);
        // 1 V at 200 µA: 5 kΩ; rail min(10 V, 1 V) → cap 200 µA, ceiling 210 µA = 105 codes
        assertEquals(105.0, pid.update(1_000.0, 200.0, 1_000.0, true), 1e-9);
        assertEquals(5_000.0, pid.loadEstimateOhm(), 1e-9);
        assertEquals(200.0, pid.complianceCapUa(), 1e-9);
        // without the bit the rail is the nominal 10 V: cap 2000 µA
        pid.update(1_000.0, 200.0, 1_000.0, false);
        assertEquals(2_000.0, pid.complianceCapUa(), 1e-9);
    }

    @Test
    @DisplayName("the compliance ceiling applies only while limited: a setpoint under the cap may be driven above cap x 1.05")
    void ceilingOnlyWhileLimited()
    {
        final PidController pid = pid(0.0, 1e9);
        // 100 mV at 100 µA: 1 kΩ, cap 10 V / 1 kΩ = 10,000 µA; setpoint 9000 is under it
        // ff 9000 + P 4450 + I 890 = 14,340 µA = 7170 codes, above the 5250-code ceiling
        assertEquals(7_170.0, pid.update(9_000.0, 100.0, 100.0, false), 1e-9);
        assertFalse(pid.complianceLimited());
        assertEquals(10_000.0, pid.complianceCapUa(), 1e-9);
    }

    @Test
    @DisplayName("the load is estimated from exactly the minimum current, not below it")
    void loadEstimateFromTheMinimumCurrent()
    {
        final PidController below = pid(0.0, 1e9);
        below.update(0.0, 49.999, 500.0, false);
        assertEquals(0.0, below.loadEstimateOhm());
        final PidController at = pid(0.0, 1e9);
        at.update(0.0, 50.0, 500.0, false);
        assertEquals(10_000.0, at.loadEstimateOhm(), 1e-9);
    }

    @Test
    @DisplayName("non-finite inputs: a measurement is the previous one, a setpoint or a reset output is 0 (not the input limit)")
    void nonFiniteInputs()
    {
        final PidGains pOnly = new PidGains(0.5, 0.0, 0.0, 1e-6, 1e9, 1_000.0, 0.0, 0.05, 50.0);
        final PidController pid = new PidController(pOnly, INFO, PERIOD_NS);
        assertEquals(150.0, pid.update(1_000.0, 400.0, 0.0, false), 1e-9);
        assertEquals(150.0, pid.update(1_000.0, Double.NaN, 0.0, false), 1e-9, "NaN measured: the previous 400 µA");
        assertEquals(150.0, pid.update(1_000.0, Double.POSITIVE_INFINITY, 0.0, false), 1e-9);
        assertEquals(0.0, pid.update(Double.POSITIVE_INFINITY, 400.0, 0.0, false), 1e-9, "an infinite setpoint is 0");
        assertEquals(-100.0, pid.proportionalCodes(), 1e-9);
        pid.update(Double.NaN, 400.0, 0.0, false);
        assertEquals(-100.0, pid.proportionalCodes(), 1e-9);

        pid.reset(Double.NaN, 0.0, 0.0);
        assertEquals(0.0, pid.outputCodes());
        pid.reset(Double.POSITIVE_INFINITY, 0.0, 0.0);
        assertEquals(0.0, pid.outputCodes(), "an infinite output is 0, not full scale");
    }

    @Test
    @DisplayName("clear forgets output, integrator, load estimate and cap; gains() are the ones given")
    void clearForgetsEverything()
    {
        final PidGains gains = gains(0.0, 1e9);
        final PidController pid = new PidController(gains, INFO, PERIOD_NS);
        assertSame(gains, pid.gains());
        pid.update(1_000.0, 200.0, 1_000.0, false);
        assertTrue(pid.outputCodes() > 0.0);
        assertTrue(pid.integralCodes() > 0.0);
        assertEquals(5_000.0, pid.loadEstimateOhm(), 1e-9);
        pid.clear();
        assertEquals(0.0, pid.outputCodes());
        assertEquals(0.0, pid.integralCodes());
        assertEquals(0.0, pid.feedForwardCodes());
        assertEquals(0.0, pid.proportionalCodes());
        assertEquals(0.0, pid.loadEstimateOhm());
        assertEquals(Double.POSITIVE_INFINITY, pid.complianceCapUa());
        assertFalse(pid.complianceLimited());
    }

    @Test
    @DisplayName("PidGains.defaults(HalInfo) are the defaults for the driver's two scales")
    void defaultsFromInfo()
    {
        assertEquals(PidGains.defaults(UA_PER_CODE, 100_000), PidGains.defaults(INFO));
    }
}
