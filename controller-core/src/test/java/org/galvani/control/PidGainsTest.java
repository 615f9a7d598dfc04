package org.galvani.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.galvani.config.InvalidConfigurationException;
import org.galvani.hal.HalInfo;
import org.galvani.testing.TestHal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PidGainsTest
{
    static final HalInfo INFO = TestHal.simScales();

    private static final PidGains D = PidGains.defaults(INFO);

    private static void assertRejected(final String field, final String message, final Executable build)
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class, build);
        assertEquals(field, ex.field());
        assertEquals(message, ex.getMessage());
    }

    @Test
    @DisplayName("defaults are valid, in physical units: slew 40 mA/s in codes, integrator 25 % of full scale")
    void defaults()
    {
        assertEquals(0.2, D.kp());
        assertEquals(60.0, D.kiPerS());
        assertEquals(0.0002, D.kdS());
        assertEquals(0.002, D.derivativeFilterTauS());
        assertEquals(40_000.0 / INFO.dacUaPerCode(), D.slewLimitCodesPerS(), 1e-9);
        assertEquals(12_500.0, D.integratorLimitUa(), 1e-9);
        assertEquals(1.0, D.feedForwardGain());
        assertEquals(0.05, D.complianceHeadroom());
        assertEquals(50.0, D.loadEstimateMinCurrentUa());
        assertEquals(D, PidGains.defaults(INFO.dacUaPerCode(), INFO.dacMaxCode()));
    }

    @Test
    @DisplayName("every gain out of range is rejected with a message naming field, value and range")
    void messagesNameTheField()
    {
        assertRejected("pid.kp", "pid.kp = -0.1 is out of range: allowed 0.0 .. 10.0 µA/µA",
            () -> new PidGains(-0.1, 60, 0, 0.002, 1000, 1000, 1, 0.05, 50));
        assertRejected("pid.kp", "pid.kp = NaN is out of range: allowed 0.0 .. 10.0 µA/µA",
            () -> new PidGains(Double.NaN, 60, 0, 0.002, 1000, 1000, 1, 0.05, 50));
        assertRejected("pid.kiPerS", "pid.kiPerS = Infinity is out of range: allowed 0.0 .. 10000.0 1/s",
            () -> new PidGains(0.2, Double.POSITIVE_INFINITY, 0, 0.002, 1000, 1000, 1, 0.05, 50));
        assertRejected("pid.kdS", "pid.kdS = 0.5 is out of range: allowed 0.0 .. 0.1 s",
            () -> new PidGains(0.2, 60, 0.5, 0.002, 1000, 1000, 1, 0.05, 50));
        assertRejected("pid.derivativeFilterTauS",
            "pid.derivativeFilterTauS = 0.0 is out of range: allowed 1.0E-6 .. 1.0 s",
            () -> new PidGains(0.2, 60, 0, 0.0, 1000, 1000, 1, 0.05, 50));
        assertRejected("pid.slewLimitCodesPerS",
            "pid.slewLimitCodesPerS = 0.0 is out of range: allowed 1.0 .. 1.0E9 codes/s",
            () -> new PidGains(0.2, 60, 0, 0.002, 0, 1000, 1, 0.05, 50));
        assertRejected("pid.integratorLimitUa",
            "pid.integratorLimitUa = 0.0 is out of range: allowed 1.0 .. 1000000.0 µA",
            () -> new PidGains(0.2, 60, 0, 0.002, 1000, 0, 1, 0.05, 50));
        assertRejected("pid.feedForwardGain", "pid.feedForwardGain = 3.0 is out of range: allowed 0.0 .. 2.0 ",
            () -> new PidGains(0.2, 60, 0, 0.002, 1000, 1000, 3, 0.05, 50));
        assertRejected("pid.complianceHeadroom",
            "pid.complianceHeadroom = -0.01 is out of range: allowed 0.0 .. 1.0 ",
            () -> new PidGains(0.2, 60, 0, 0.002, 1000, 1000, 1, -0.01, 50));
        assertRejected("pid.loadEstimateMinCurrentUa",
            "pid.loadEstimateMinCurrentUa = 0.5 is out of range: allowed 1.0 .. 10000.0 µA",
            () -> new PidGains(0.2, 60, 0, 0.002, 1000, 1000, 1, 0.05, 0.5));
    }

    @Test
    @DisplayName("the controller rejects a tick period outside 10 µs .. 100 ms")
    void periodValidated()
    {
        assertRejected("pid.periodNs", "pid.periodNs = 5000 is out of range: allowed 10000 .. 100000000 ns",
            () -> new PidController(D, INFO, 5_000L));
        assertRejected("pid.periodNs", "pid.periodNs = 200000000 is out of range: allowed 10000 .. 100000000 ns",
            () -> new PidController(D, INFO, 200_000_000L));
    }
}
