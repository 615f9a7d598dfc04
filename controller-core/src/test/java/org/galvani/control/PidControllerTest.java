package org.galvani.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.galvani.hal.HalInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Unit tests of {@link PidController} against inputs built by hand and a tiny first-order plant (the
 * closed-loop proof against the native sim is verification's ClosedLoopQualityTest).
 */
class PidControllerTest
{
    private static final HalInfo INFO = PidGainsTest.INFO;
    private static final double UA_PER_CODE = INFO.dacUaPerCode();
    private static final long PERIOD_NS = 1_000_000L;
    private static final double DT_S = 1e-3;
    private static final PidGains DEFAULTS = PidGains.defaults(INFO);

    /**
     * A current source with a 1.5 ms lag, 2 % gain error and 15 µA offset, limited by 60 V compliance
     * into loadOhm; samples reflect the previous actuation, like the native sim.
     */
    private static final class Plant
    {
        double loadOhm;
        double currentUa;
        boolean compliance;

        Plant(final double loadOhm)
        {
            this.loadOhm = loadOhm;
        }

        double electrodeMv()
        {
            return compliance ? 60_000.0 : currentUa * loadOhm / 1000.0;
        }

        void actuate(final double code)
        {
            final double demandUa = code > 0.0 ? code * UA_PER_CODE * 0.98 + 15.0 : 0.0;
            final double limitUa = 60_000.0 / loadOhm * 1000.0;
            compliance = demandUa > limitUa;
            final double targetUa = Math.min(demandUa, limitUa);
            currentUa += (targetUa - currentUa) * 0.487;
        }
    }

    private static double step(final PidController pid, final Plant plant, final double setpointUa)
    {
        final double code = pid.update(setpointUa, plant.currentUa, plant.electrodeMv(), plant.compliance);
        plant.actuate(Math.rint(code));
        return code;
    }

    @Test
    @DisplayName("SR-2 a zero setpoint with no current gives output 0; the output never leaves [0, dacMaxCode]")
    void clampToRange()
    {
        final PidController pid = new PidController(DEFAULTS, INFO, PERIOD_NS);
        for (int i = 0; i < 100; i++)
        {
            assertEquals(0.0, pid.update(0.0, 0.0, 0.0, false));
        }
        final Plant plant = new Plant(500.0);
        double maxCode = 0.0;
        for (int i = 0; i < 5_000; i++)
        {
            maxCode = Math.max(maxCode, step(pid, plant, 80_000.0));
        }
        assertEquals(INFO.dacMaxCode(), maxCode);
        assertEquals(INFO.dacMaxCode(), pid.outputCodes());
        assertTrue(Math.abs(pid.integralCodes() * UA_PER_CODE) <= DEFAULTS.integratorLimitUa());
        // Held at the top of the range with a positive error: the integrator froze there, so the output
        // leaves full scale as soon as the slew limit lets it once the setpoint falls.
        final double frozen = pid.integralCodes();
        for (int i = 0; i < 1_000; i++)
        {
            step(pid, plant, 80_000.0);
        }
        assertEquals(frozen, pid.integralCodes());
        final int ticksDown = (int)Math.ceil((INFO.dacMaxCode() - 10_000.0 / UA_PER_CODE) / pid.slewStepCodes()) + 30;
        for (int i = 0; i < ticksDown; i++)
        {
            step(pid, plant, 10_000.0);
        }
        assertEquals(10_000.0, plant.currentUa, 100.0);
    }

    @Test
    @DisplayName("SR-10 output slew limit: a setpoint step moves the DAC by exactly the slew step per tick")
    void slewLimit()
    {
        final PidController pid = new PidController(DEFAULTS, INFO, PERIOD_NS);
        final double slewStep = DEFAULTS.slewLimitCodesPerS() * DT_S;
        assertEquals(slewStep, pid.slewStepCodes(), 1e-12);
        double previous = 0.0;
        for (int i = 1; i <= 50; i++)
        {
            final double code = pid.update(20_000.0, 0.0, 0.0, false);
            assertEquals(slewStep, code - previous, 1e-9, "tick " + i);
            previous = code;
        }
        // and down again
        for (int i = 1; i <= 50; i++)
        {
            final double code = pid.update(0.0, 20_000.0, 40_000.0, false);
            assertEquals(-slewStep, code - previous, 1e-9, "tick " + i);
            previous = code;
        }
        assertEquals(0.0, previous, 1e-6);
    }

    @Test
    @DisplayName("SR-5 anti-windup: 10 s at compliance keeps the integrator still and the output near what the " +
        "load takes; when the load drops, the current rises without overshoot")
    void antiWindupUnderCompliance()
    {
        final PidController pid = new PidController(DEFAULTS, INFO, PERIOD_NS);
        final Plant plant = new Plant(10_000.0);
        double setpointUa = 0.0;
        int ticks = 0;
        while (!plant.compliance)
        {
            setpointUa = Math.min(15_000.0, setpointUa + 5.0);
            step(pid, plant, setpointUa);
            ticks++;
        }
        assertTrue(ticks < 2_000, "ticks to compliance " + ticks);
        for (int i = 0; i < 5; i++)
        {
            step(pid, plant, setpointUa);
        }
        final double integralAtSaturation = pid.integralCodes();
        double maxAbsIntegral = 0.0;
        for (int i = 0; i < 10_000; i++)
        {
            setpointUa = Math.min(15_000.0, setpointUa + 5.0);
            final double code = step(pid, plant, setpointUa);
            assertTrue(pid.complianceLimited());
            assertTrue(code * UA_PER_CODE <= 6_000.0 * (1.0 + DEFAULTS.complianceHeadroom()) + 1.0, "code " + code);
            maxAbsIntegral = Math.max(maxAbsIntegral, Math.abs(pid.integralCodes()));
        }
        assertEquals(15_000.0, setpointUa);
        assertEquals(6_000.0, plant.currentUa, 1.0);
        assertTrue(maxAbsIntegral <= Math.abs(integralAtSaturation) + 1e-9,
            "integrator moved while saturated: " + maxAbsIntegral + " vs " + integralAtSaturation);
        assertEquals(10_000.0, pid.loadEstimateOhm(), 1.0);

        plant.loadOhm = 3_000.0;
        double maxCurrentUa = 0.0;
        int lastOutOfBand = 0;
        for (int i = 1; i <= 1_000; i++)
        {
            step(pid, plant, setpointUa);
            maxCurrentUa = Math.max(maxCurrentUa, plant.currentUa);
            if (Math.abs(plant.currentUa - 15_000.0) > 150.0)
            {
                lastOutOfBand = i;
            }
        }
        assertFalse(pid.complianceLimited());
        assertTrue(maxCurrentUa <= 15_000.0 * 1.02, "overshoot to " + maxCurrentUa);
        assertTrue(lastOutOfBand <= 400, "settled after " + lastOutOfBand + " ms");
        assertEquals(15_000.0, plant.currentUa, 10.0);
    }

    @Test
    @DisplayName("bumpless transfer: after reset the next output continues from the given output")
    void bumplessTransfer()
    {
        final PidController pid = new PidController(DEFAULTS, INFO, PERIOD_NS);
        pid.reset(20_000.0, 15_000.0, 15_000.0);
        assertEquals(20_000.0, pid.outputCodes());
        assertEquals(20_000.0, pid.update(15_000.0, 15_000.0, 45_000.0, false), 1e-9);
        assertEquals(15_000.0 / UA_PER_CODE, pid.feedForwardCodes(), 1e-9);
        assertEquals(0.0, pid.proportionalCodes());
        assertEquals(0.0, pid.derivativeCodes());
        assertEquals(20_000.0 - 15_000.0 / UA_PER_CODE, pid.integralCodes(), 1e-9);

        // With an error, the only change is one integration step.
        pid.reset(20_000.0, 14_500.0, 15_000.0);
        final double oneIntegrationStep = DEFAULTS.kiPerS() * -500.0 * DT_S / UA_PER_CODE;
        assertEquals(20_000.0 + oneIntegrationStep, pid.update(14_500.0, 15_000.0, 45_000.0, false), 1e-9);

        // Polarity swap through zero: reset at zero output; the ramp on the other side starts from zero.
        pid.reset(0.0, 0.0, 0.0);
        assertEquals(0.0, pid.integralCodes());
        final double first = pid.update(5.0, 0.0, 0.0, false);
        assertTrue(first >= 0.0 && first <= pid.slewStepCodes(), "first " + first);

        // Out-of-range outputs are bounded.
        pid.reset(1e9, 0.0, 0.0);
        assertEquals(INFO.dacMaxCode(), pid.outputCodes());
        pid.reset(-5.0, 0.0, 0.0);
        assertEquals(0.0, pid.outputCodes());
    }

    @Test
    @DisplayName("derivative on measurement through a first-order low-pass; a setpoint step does not kick it")
    void derivativeFilter()
    {
        final double kdS = 0.01;
        final double tauS = 0.005;
        final PidGains gains = new PidGains(0.0, 0.0, kdS, tauS, 1e9, 1_000.0, 0.0, 0.05, 50.0);
        final PidController pid = new PidController(gains, INFO, PERIOD_NS);
        pid.update(0.0, 0.0, 0.0, false);
        pid.update(10_000.0, 0.0, 0.0, false);
        assertEquals(0.0, pid.derivativeCodes(), "setpoint step");
        final double alpha = DT_S / (tauS + DT_S);
        pid.update(10_000.0, 1_000.0, 0.0, false);
        double expected = -kdS * (1_000.0 / DT_S) * alpha / UA_PER_CODE;
        assertEquals(expected, pid.derivativeCodes(), 1e-9);
        for (int i = 0; i < 20; i++)
        {
            pid.update(10_000.0, 1_000.0, 0.0, false);
            expected *= 1.0 - alpha;
            assertEquals(expected, pid.derivativeCodes(), 1e-9);
        }
    }

    @Test
    @DisplayName("feed-forward is setpoint / dacUaPerCode, capped at compliance / estimated load")
    void feedForward()
    {
        final PidController pid = new PidController(DEFAULTS, INFO, PERIOD_NS);
        pid.update(5_000.0, 0.0, 0.0, false);
        assertEquals(5_000.0 / UA_PER_CODE, pid.feedForwardCodes(), 1e-9);
        assertEquals(0.0, pid.loadEstimateOhm());
        // 4 mA through 8 kOhm = 32 V: the load can take 7.5 mA at 60 V.
        pid.update(10_000.0, 4_000.0, 32_000.0, false);
        assertEquals(8_000.0, pid.loadEstimateOhm(), 1e-9);
        assertEquals(7_500.0, pid.complianceCapUa(), 1e-9);
        assertEquals(7_500.0 / UA_PER_CODE, pid.feedForwardCodes(), 1e-9);
        assertTrue(pid.complianceLimited());
        // Below the load estimate minimum the estimate is kept.
        pid.update(10_000.0, 10.0, 0.0, false);
        assertEquals(8_000.0, pid.loadEstimateOhm(), 1e-9);
        pid.clear();
        assertEquals(0.0, pid.loadEstimateOhm());
    }

    @Test
    @DisplayName("SR-15 deterministic: the same inputs give bit-identical outputs and terms")
    void deterministic()
    {
        final PidController a = new PidController(DEFAULTS, INFO, PERIOD_NS);
        final PidController b = new PidController(DEFAULTS, INFO, PERIOD_NS);
        long seedA = 42;
        long seedB = 42;
        long checksum = 0;
        for (int i = 0; i < 100_000; i++)
        {
            seedA = next(seedA);
            seedB = next(seedB);
            final double outA = drive(a, seedA, i);
            final double outB = drive(b, seedB, i);
            assertEquals(Double.doubleToRawLongBits(outA), Double.doubleToRawLongBits(outB), "tick " + i);
            assertEquals(Double.doubleToRawLongBits(a.integralCodes()), Double.doubleToRawLongBits(b.integralCodes()));
            assertEquals(Double.doubleToRawLongBits(a.derivativeCodes()),
                Double.doubleToRawLongBits(b.derivativeCodes()));
            checksum += Double.doubleToRawLongBits(outA);
        }
        assertNotEquals(0, checksum);
    }

    @Test
    @DisplayName("update allocates 0 bytes over 1,000,000 calls after warm-up")
    void allocationFree()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final PidController pid = new PidController(DEFAULTS, INFO, PERIOD_NS);
        long seed = 7;
        double checksum = 0.0;
        for (int i = 0; i < 300_000; i++)
        {
            seed = next(seed);
            checksum += drive(pid, seed, i);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++)
        {
            seed = next(seed);
            checksum += drive(pid, seed, i);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(checksum > 0.0);
        assertEquals(0, allocated, "bytes allocated over 1,000,000 updates");
    }

    private static long next(final long seed)
    {
        return seed * 6364136223846793005L + 1442695040888963407L;
    }

    /** One update with inputs derived from a seed: setpoints, noisy currents, voltages, compliance bits. */
    private static double drive(final PidController pid, final long seed, final int i)
    {
        final double setpointUa = (i % 20_000) * 1.0;
        final double noiseUa = ((seed >>> 40) & 0xFF) - 127.5;
        final double measuredUa = Math.max(0.0, pid.outputCodes() * UA_PER_CODE * 0.98 + noiseUa);
        final double electrodeMv = measuredUa * 5.0;
        final boolean compliance = (seed & 0x3F) == 0;
        if ((i & 0x3FFF) == 0)
        {
            pid.reset(pid.outputCodes(), setpointUa, measuredUa);
        }
        return pid.update(setpointUa, measuredUa, electrodeMv, compliance);
    }
}
