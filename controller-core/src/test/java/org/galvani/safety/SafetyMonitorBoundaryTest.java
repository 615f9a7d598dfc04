package org.galvani.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.testing.TestHal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each threshold of the safety monitor at its exact value (PIT's boundary mutants, docs/qa-campaign.md "PIT"):
 * a value equal to a limit passes and the next one beyond it trips, and every branch of a compound condition
 * decides alone. The converter scales are chosen so that codes map to round values exactly (1 µA and 4 mV
 * per LSB, 1 DAC code per µA): no rounding stands between a test and its threshold. Limits are the defaults
 * for a 35 mA / 60 V device at 1 kHz (see {@link MonitorLimits#defaults}).
 */
class SafetyMonitorBoundaryTest
{
    private static final double MV_PER_LSB = 4.0;
    private static final HalInfo INFO = roundScales(1.0);
    private static final int SUPPLY_OK = (int)(65_000 / MV_PER_LSB);

    /** A 16-bit sim description with {@code uaPerLsb} µA per current code and per DAC code, 4 mV per voltage code. */
    private static HalInfo roundScales(final double uaPerLsb)
    {
        return TestHal.sixteenBitSim()
            .currentAUaPerLsb(uaPerLsb)
            .currentBUaPerLsb(uaPerLsb)
            .electrodeMvPerLsb(MV_PER_LSB)
            .supplyMvPerLsb(MV_PER_LSB)
            .readbackCodesPerLsb(1.0)
            .dacUaPerCode(uaPerLsb)
            .conclude();
    }

    private final HalSample sample = new HalSample();
    private final HalCommand command = new HalCommand();
    private MonitorLimits limits;
    private SafetyMonitor monitor;
    private long tick;

    @BeforeEach
    void setUp()
    {
        limits = MonitorLimits.defaults(35_000, 60_000, 1_000_000);
        monitor = new SafetyMonitor(limits, INFO, sample, command);
        monitor.arm(22_000, 20_000, 1e9);
    }

    /** Both channels at currentUa through about 1 kΩ, output on at DAC code = current, read-back equal. */
    private void present(final int currentUa)
    {
        sample.set(currentUa, currentUa, oneKiloOhm(currentUa), SUPPLY_OK, currentUa, HalStatus.OUTPUT_ENABLED, tick);
        command.set(currentUa, false, true, 1000);
    }

    /** @return the electrode voltage code of currentUa through 1 kΩ (between the short and open limits). */
    private static int oneKiloOhm(final int currentUa)
    {
        return (int)(currentUa / MV_PER_LSB);
    }

    private int evaluate(final double setpointUa)
    {
        return monitor.evaluate(tick++, HalErrorCode.OK, true, setpointUa, 0, 0, 0);
    }

    private void assertOkFor(final int ticks, final double setpointUa, final String why)
    {
        for (int i = 0; i < ticks; i++)
        {
            assertEquals(Verdict.OK, evaluate(setpointUa), why + " (tick " + i + ", " + monitor.trip() + ")");
        }
    }

    private void assertTrip(final TripCause cause, final int verdict)
    {
        assertEquals(Verdict.TRIP, verdict, "expected a trip for " + cause);
        assertEquals(cause, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-3 a current equal to the absolute limit (no session) or to the trip level passes; 1 µA more trips")
    void currentLimitsAreStrict()
    {
        // 2 µA per LSB to reach 35 mA within the 16-bit range; one code = 2 µA
        final HalInfo wide = roundScales(2.0);
        final int[][] cases = {{17_500, Verdict.OK}, {17_501, Verdict.TRIP}};
        for (final int[] c : cases)
        {
            monitor = new SafetyMonitor(limits, wide, sample, command);
            monitor.disarm();
            sample.set(c[0], c[0], 2 * c[0] / (int)MV_PER_LSB, SUPPLY_OK, c[0], HalStatus.OUTPUT_ENABLED, tick);
            command.set(c[0], false, true, 1000);
            assertEquals(c[1], evaluate(35_000), "35,000 µA is the absolute limit: " + 2 * c[0] + " µA");
            if (c[1] == Verdict.TRIP)
            {
                assertEquals(TripCause.HARD_LIMIT, monitor.trip().cause());
            }
        }
        final int[][] armed = {{11_000, Verdict.OK}, {11_001, Verdict.TRIP}};
        for (final int[] c : armed)
        {
            monitor = new SafetyMonitor(limits, wide, sample, command);
            monitor.arm(22_000, 30_000, 1e9);
            sample.set(c[0], c[0], 2 * c[0] / (int)MV_PER_LSB, SUPPLY_OK, c[0], HalStatus.OUTPUT_ENABLED, tick);
            command.set(c[0], false, true, 1000);
            assertEquals(c[1], evaluate(22_000), "22,000 µA is the trip level: " + 2 * c[0] + " µA");
            if (c[1] == Verdict.TRIP)
            {
                assertEquals(TripCause.OVERCURRENT, monitor.trip().cause());
            }
        }
    }

    @Test
    @DisplayName("SR-3 a new monitor, never armed, judges by the device limits (disarmed), not by zero limits")
    void newMonitorIsDisarmed()
    {
        monitor = new SafetyMonitor(limits, INFO, sample, command);
        assertEquals(35_000, monitor.tripLevelUa());
        present(10_000);
        assertOkFor(5, 10_000, "10 mA within the device limits");
    }

    @Test
    @DisplayName("SR-3 the session trip level is capped at the absolute limit")
    void tripLevelCapped()
    {
        monitor.arm(40_000, 20_000, 1e9);
        assertEquals(35_000, monitor.tripLevelUa());
        monitor.arm(22_000, 20_000, 1e9);
        assertEquals(22_000, monitor.tripLevelUa());
        monitor.disarm();
        assertEquals(35_000, monitor.tripLevelUa());
    }

    @Test
    @DisplayName("SR-4 an average current equal to the density limit passes for ever; above it trips after the debounce")
    void densityLimitIsStrict()
    {
        monitor.arm(22_000, 8_000, 1e9);
        present(8_000);
        assertOkFor(10 * limits.densityDebounce(), 8_000, "exactly the density limit");
        present(8_001);
        assertOkFor(limits.densityDebounce() - 1, 8_001, "within the debounce");
        assertTrip(TripCause.CURRENT_DENSITY, evaluate(8_001));
    }

    @Test
    @DisplayName("SR-11 a dose equal to the bound passes; above it trips")
    void doseBoundIsStrict()
    {
        monitor.arm(22_000, 20_000, 2_400_000);
        present(4_000);
        assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 4_000, 2_400_000, 0, 0));
        assertTrip(TripCause.DOSE_EXCEEDED, monitor.evaluate(tick++, HalErrorCode.OK, true, 4_000, 2_400_001, 0, 0));
    }

    @Test
    @DisplayName("SR-9 a tick exactly at the overrun bound, or exactly at the lateness threshold, is not a fault")
    void timingBoundsAreStrict()
    {
        present(10_000);
        final long overrun = limits.overrunTripNs();
        assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 10_000, 0, overrun, 0));
        assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 10_000, 0, 0, overrun));
        assertTrip(TripCause.TICK_OVERRUN, monitor.evaluate(tick++, HalErrorCode.OK, true, 10_000, 0, 0, overrun + 1));

        setUp();
        final long late = limits.lateTickThresholdNs();
        for (int i = 0; i < 3 * limits.lateTickTripCount(); i++)
        {
            assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 10_000, 0, 0, late),
                "exactly the lateness threshold is on time");
        }
        int verdict = Verdict.OK;
        for (int i = 0; i < limits.lateTickTripCount(); i++)
        {
            verdict = monitor.evaluate(tick++, HalErrorCode.OK, true, 10_000, 0, 0, late + 1);
        }
        assertTrip(TripCause.LATE_TICKS, verdict);
    }

    @Test
    @DisplayName("SR-7 each ADC channel alone at either rail, or the driver's over-range bit alone, trips and names the railed code")
    void eachRailAlone()
    {
        final int[][] cases = {
            {32767, 100, 10}, {-32768, 100, 10}, {100, 32767, 10}, {100, -32768, 10}, {100, 100, 32767},
            {100, 100, -32768}};
        for (final int[] codes : cases)
        {
            setUp();
            present(100);
            sample.set(codes[0], codes[1], codes[2], SUPPLY_OK, 100, HalStatus.OUTPUT_ENABLED, tick);
            assertTrip(TripCause.ADC_OUT_OF_RANGE, evaluate(100));
            final int railed = codes[0] != 100 ? codes[0] : codes[1] != 100 ? codes[1] : codes[2];
            assertEquals(railed, monitor.trip().measured(), "the railed code is reported");
        }
        setUp();
        present(100);
        sample.set(100, 100, 10, SUPPLY_OK, 100, HalStatus.OUTPUT_ENABLED | HalStatus.ADC_OVERRANGE, tick);
        assertTrip(TripCause.ADC_OUT_OF_RANGE, evaluate(100));

        setUp();
        present(100);
        sample.set(32766, 32766, 10, SUPPLY_OK, 100, HalStatus.OUTPUT_ENABLED, tick);
        command.set(32766, false, true, 1000);
        monitor.arm(35_000, 35_000, 1e9);
        final int verdict = evaluate(32766);
        assertTrue(verdict != Verdict.TRIP || monitor.trip().cause() != TripCause.ADC_OUT_OF_RANGE,
            "one code inside the rail is in range: " + monitor.trip());
        setUp();
        sample.set(-32767, -32767, -10, SUPPLY_OK, 0, 0, tick);
        command.set(0, false, false, 1000);
        final int negative = monitor.evaluate(tick++, HalErrorCode.OK, true, 0, 0, 0, 0);
        assertTrue(negative != Verdict.TRIP || monitor.trip().cause() != TripCause.ADC_OUT_OF_RANGE,
            "one code inside the lower rail is in range: " + monitor.trip());
    }

    @Test
    @DisplayName("SR-7 a supply exactly at either bound passes; beyond it trips and names the bound crossed")
    void supplyBounds()
    {
        final int min = (int)(limits.supplyMinMv() / MV_PER_LSB);
        final int max = (int)(limits.supplyMaxMv() / MV_PER_LSB);
        assertEquals(limits.supplyMinMv(), min * MV_PER_LSB);
        assertEquals(limits.supplyMaxMv(), max * MV_PER_LSB);
        for (final int code : new int[] {min, max})
        {
            present(10_000);
            sample.set(10_000, 10_000, 2_500, code, 10_000, HalStatus.OUTPUT_ENABLED, tick);
            assertOkFor(1, 10_000, "supply exactly at a bound");
        }
        present(10_000);
        sample.set(10_000, 10_000, 2_500, min - 1, 10_000, HalStatus.OUTPUT_ENABLED, tick);
        assertTrip(TripCause.SUPPLY_OUT_OF_RANGE, evaluate(10_000));
        assertEquals(limits.supplyMinMv(), monitor.trip().limit());
        setUp();
        present(10_000);
        sample.set(10_000, 10_000, 2_500, max + 1, 10_000, HalStatus.OUTPUT_ENABLED, tick);
        assertTrip(TripCause.SUPPLY_OUT_OF_RANGE, evaluate(10_000));
        assertEquals(limits.supplyMaxMv(), monitor.trip().limit());
    }

    @Test
    @DisplayName("SR-7 channels apart by exactly the tolerance (absolute floor, or 5 % of the larger) agree; 1 µA more disagrees")
    void disagreementTolerance()
    {
        // floor: 40 µA at 500 µA (5 % would be 25 µA)
        sample.set(500, 460, 10, SUPPLY_OK, 500, HalStatus.OUTPUT_ENABLED, tick);
        command.set(500, false, true, 1000);
        assertOkFor(10, 500, "40 µA apart at 0.5 mA");
        // fraction: 400 µA apart at 10 mA is within 5 % (500 µA), far beyond the 40 µA floor
        sample.set(10_000, 9_600, 2_500, SUPPLY_OK, 10_000, HalStatus.OUTPUT_ENABLED, tick);
        command.set(10_000, false, true, 1000);
        assertOkFor(10, 10_000, "4 % apart at 10 mA");
        sample.set(500, 459, 10, SUPPLY_OK, 500, HalStatus.OUTPUT_ENABLED, tick);
        command.set(500, false, true, 1000);
        assertOkFor(limits.disagreementDebounce() - 1, 500, "within the debounce");
        assertTrip(TripCause.CHANNEL_DISAGREEMENT, evaluate(500));
    }

    @Test
    @DisplayName("SR-7 either channel alone stuck while the setpoint moves trips; channels that follow it, or a setpoint moved by exactly the bound, do not")
    void stuckSensorPerChannel()
    {
        final double bound = limits.stuckSetpointChangeUa();
        for (int stuck = 0; stuck < 2; stuck++)
        {
            setUp();
            final int stuckCode = 2_000;
            int verdict = Verdict.OK;
            int step = 0;
            // one channel stays at 2,000 µA, the other follows the setpoint, within the disagreement tolerance
            // of the first ramp steps only: the stuck check must fire before the channels disagree
            for (; step < 40 && verdict == Verdict.OK; step++)
            {
                final int moving = stuckCode + 4 * step;
                sample.set(stuck == 0 ? stuckCode : moving, stuck == 0 ? moving : stuckCode, 500, SUPPLY_OK, moving,
                    HalStatus.OUTPUT_ENABLED, tick);
                command.set(moving, false, true, 1000);
                verdict = evaluate(stuckCode + 25.0 * step);
            }
            assertTrip(TripCause.SENSOR_STUCK, verdict);
        }

        setUp();
        for (int step = 0; step < 200; step++)
        {
            present(2_000 + 10 * step);
            assertOkFor(1, 2_000 + 10 * step, "both channels follow a 2 mA ramp");
        }

        setUp();
        present(2_000);
        assertOkFor(1, 2_000, "anchor");
        assertOkFor(1, 2_000 + bound, "moved by exactly the bound");
        assertTrip(TripCause.SENSOR_STUCK, evaluate(2_000 + bound + 1));
    }

    @Test
    @DisplayName("SR-7 with the output off the stuck-sensor anchor follows the setpoint (no current is expected to move)")
    void stuckSensorOutputOff()
    {
        sample.set(0, 0, 0, SUPPLY_OK, 0, 0, tick);
        command.set(0, false, false, 1000);
        for (int step = 0; step < 50; step++)
        {
            assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 100.0 * step, 0, 0, 0),
                "output off: " + monitor.trip());
        }
    }

    @Test
    @DisplayName("SR-2 while output is allowed, or in the tick after it was on, current is not an idle leak; a closed relay alone, or a leak above the bound, trips")
    void outputNotAllowedConditions()
    {
        sample.set(3_000, 3_000, 3, SUPPLY_OK, 0, 0, tick);
        command.set(0, false, false, 1000);
        for (int i = 0; i < 5; i++)
        {
            assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 0, 0, 0, 0),
                "output allowed: " + monitor.trip());
        }

        setUp();
        present(3_000);
        for (int i = 0; i < 5; i++)
        {
            assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, false, 3_000, 0, 0, 0),
                "the tick after the output was on: " + monitor.trip());
        }

        setUp();
        sample.set(200, 200, 0, SUPPLY_OK, 0, 0, tick);
        command.set(0, false, false, 1000);
        for (int i = 0; i < 5; i++)
        {
            assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, false, 0, 0, 0, 0),
                "a leak of exactly the bound, relay open: " + monitor.trip());
        }

        setUp();
        sample.set(0, 0, 0, SUPPLY_OK, 0, HalStatus.OUTPUT_ENABLED, tick);
        command.set(0, false, false, 1000);
        assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, false, 0, 0, 0, 0));
        assertTrip(TripCause.OUTPUT_NOT_ALLOWED, monitor.evaluate(tick++, HalErrorCode.OK, false, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("SR-8 a read-back off by exactly the tolerance passes; 1 code more trips after the debounce")
    void readbackTolerance()
    {
        final int tolerance = (int)limits.dacReadbackToleranceCodes();
        present(10_000);
        sample.set(10_000, 10_000, 2_500, SUPPLY_OK, 10_000 + tolerance, HalStatus.OUTPUT_ENABLED, tick);
        assertOkFor(5, 10_000, "exactly the tolerance");
        sample.set(10_000, 10_000, 2_500, SUPPLY_OK, 10_000 + tolerance + 1, HalStatus.OUTPUT_ENABLED, tick);
        assertOkFor(limits.readbackDebounce() - 1, 10_000, "within the debounce");
        assertTrip(TripCause.DAC_READBACK, evaluate(10_000));
    }

    @Test
    @DisplayName("SR-5 an electrode voltage exactly at the compliance limit passes; above it trips, or holds off when the device is configured so")
    void complianceLimit()
    {
        final int limitCode = (int)(limits.complianceLimitMv() / MV_PER_LSB);
        assertEquals(limits.complianceLimitMv(), limitCode * MV_PER_LSB);
        // 5 mA through 12.6 kΩ: at the limit; the impedance is far from open circuit
        sample.set(5_000, 5_000, limitCode, SUPPLY_OK, 5_000, HalStatus.OUTPUT_ENABLED, tick);
        command.set(5_000, false, true, 1000);
        assertOkFor(10, 5_000, "exactly the compliance limit");
        sample.set(5_000, 5_000, limitCode + 1, SUPPLY_OK, 5_000, HalStatus.OUTPUT_ENABLED, tick);
        assertOkFor(limits.complianceDebounce() - 1, 5_000, "within the debounce");
        assertTrip(TripCause.COMPLIANCE_VOLTAGE, evaluate(5_000));

        final MonitorLimits holding = new MonitorLimits(limits.absoluteLimitUa(), limits.complianceLimitMv(),
            limits.complianceDebounce(), false, limits.openCircuitOhm(), limits.shortCircuitOhm(),
            limits.impedanceMinVoltageMv(), limits.shortMinCurrentUa(), limits.shortDebounce(),
            limits.channelDisagreementUa(), limits.channelDisagreementFraction(), limits.disagreementDebounce(),
            limits.stuckSetpointChangeUa(), limits.supplyMinMv(), limits.supplyMaxMv(),
            limits.dacReadbackToleranceCodes(), limits.readbackDebounce(), limits.idleLeakUa(), limits.overrunTripNs(),
            limits.lateTickThresholdNs(), limits.lateTickTripCount(), limits.densityDebounce(),
            limits.commandMismatchUa(), limits.commandMismatchFraction(), limits.commandMismatchDebounce(),
            limits.contactRiseFactor(), limits.contactRiseDebounce(), limits.contactJudgeMinUa());
        monitor = new SafetyMonitor(holding, INFO, sample, command);
        monitor.arm(22_000, 20_000, 1e9);
        sample.set(5_000, 5_000, limitCode + 1, SUPPLY_OK, 5_000, HalStatus.OUTPUT_ENABLED, tick);
        int verdict = Verdict.OK;
        for (int i = 0; i < limits.complianceDebounce(); i++)
        {
            verdict = evaluate(5_000);
        }
        assertEquals(Verdict.HOLD_OFF, verdict);
        assertEquals(TripCause.COMPLIANCE_VOLTAGE, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-6 contact lost needs the minimum voltage and an impedance above the open-circuit limit, each exactly; not with the output off")
    void contactLostBounds()
    {
        // 2,000 mV over 20 µA = exactly 100 kΩ: not open
        sample.set(20, 20, 500, SUPPLY_OK, 20, HalStatus.OUTPUT_ENABLED, tick);
        command.set(20, false, true, 1000);
        assertOkFor(3, 20, "exactly the open-circuit impedance");
        // 2,000 mV (exactly the minimum) over 19 µA: open
        sample.set(19, 19, 500, SUPPLY_OK, 19, HalStatus.OUTPUT_ENABLED, tick);
        command.set(19, false, true, 1000);
        assertEquals(Verdict.HOLD_OFF, evaluate(19));
        assertEquals(TripCause.CONTACT_LOST, monitor.trip().cause());

        setUp();
        // 1,996 mV over 0 µA: below the minimum voltage, no verdict on the impedance
        sample.set(0, 0, 499, SUPPLY_OK, 0, HalStatus.OUTPUT_ENABLED, tick);
        command.set(0, false, true, 1000);
        assertOkFor(3, 0, "below the minimum voltage");

        setUp();
        // output commanded off: 5 V and no current is not a lost contact
        sample.set(0, 0, 1_250, SUPPLY_OK, 0, 0, tick);
        command.set(0, false, false, 1000);
        for (int i = 0; i < 3; i++)
        {
            assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 0, 0, 0, 0),
                "output off: " + monitor.trip());
        }
    }

    @Test
    @DisplayName("SR-6 a short needs the minimum current and an impedance below the limit, each exactly")
    void shortBounds()
    {
        // 1,000 µA (exactly the minimum) at 300 mV = exactly 300 Ω: not a short
        sample.set(1_000, 1_000, 75, SUPPLY_OK, 1_000, HalStatus.OUTPUT_ENABLED, tick);
        command.set(1_000, false, true, 1000);
        assertOkFor(5, 1_000, "exactly the short-circuit impedance");
        // 999 µA at 100 mV (100 Ω): below the minimum current
        sample.set(999, 999, 25, SUPPLY_OK, 999, HalStatus.OUTPUT_ENABLED, tick);
        command.set(999, false, true, 1000);
        assertOkFor(5, 999, "below the minimum current");
        // 1,000 µA at 296 mV: a short
        sample.set(1_000, 1_000, 74, SUPPLY_OK, 1_000, HalStatus.OUTPUT_ENABLED, tick);
        command.set(1_000, false, true, 1000);
        assertOkFor(limits.shortDebounce() - 1, 1_000, "within the debounce");
        assertTrip(TripCause.SHORT_CIRCUIT, evaluate(1_000));
    }

    @Test
    @DisplayName("SR-7 command mismatch: exactly the tolerance (floor or fraction) passes; never with the output off")
    void commandMismatchTolerance()
    {
        final int debounce = limits.commandMismatchDebounce();
        // floor 300 µA: 4,000 commanded, 3,700 measured
        sample.set(3_700, 3_700, 925, SUPPLY_OK, 4_000, HalStatus.OUTPUT_ENABLED, tick);
        command.set(4_000, false, true, 1000);
        assertOkFor(3 * debounce, 4_000, "exactly the absolute tolerance");
        // fraction 5 %: 10,000 commanded, 9,600 measured (400 µA, above the floor)
        sample.set(9_600, 9_600, 2_400, SUPPLY_OK, 10_000, HalStatus.OUTPUT_ENABLED, tick);
        command.set(10_000, false, true, 1000);
        assertOkFor(3 * debounce, 10_000, "within 5 %");
        // output off, allowed: 3 mA flowing and nothing commanded is not a command mismatch
        setUp();
        sample.set(3_000, 3_000, 12, SUPPLY_OK, 0, 0, tick);
        command.set(0, false, false, 1000);
        for (int i = 0; i < 3 * debounce; i++)
        {
            assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 0, 0, 0, 0),
                "output off: " + monitor.trip());
        }
        // 3,699 measured against 4,000: trips after the debounce
        setUp();
        sample.set(3_699, 3_699, 925, SUPPLY_OK, 4_000, HalStatus.OUTPUT_ENABLED, tick);
        command.set(4_000, false, true, 1000);
        assertOkFor(debounce - 1, 4_000, "within the debounce");
        assertTrip(TripCause.CURRENT_COMMAND_MISMATCH, evaluate(4_000));
    }

    @Test
    @DisplayName("limits: the defaults' derived values and withTiming")
    void limitsDerived()
    {
        assertEquals(63_000, limits.complianceLimitMv(), 1e-6, "5 % above the compliance voltage");
        assertEquals(30_000, limits.supplyMinMv(), 1e-6);
        assertEquals(96_000, limits.supplyMaxMv(), 1e-6);
        final MonitorLimits relaxed = limits.withTiming(50_000_000L, 2_000_000L, 7);
        assertEquals(50_000_000L, relaxed.overrunTripNs());
        assertEquals(2_000_000L, relaxed.lateTickThresholdNs());
        assertEquals(7, relaxed.lateTickTripCount());
        assertEquals(limits.absoluteLimitUa(), relaxed.absoluteLimitUa());
        assertEquals(limits.commandMismatchDebounce(), relaxed.commandMismatchDebounce());
    }

    @Test
    @DisplayName("trip causes: every code round-trips, codes outside the table are refused, each names an SR")
    void tripCauseCodes()
    {
        for (final TripCause cause : TripCause.values())
        {
            assertSame(cause, TripCause.fromCode(cause.code()));
            assertTrue(cause == TripCause.NONE || cause.requirement().startsWith("SR-"), cause.name());
            assertTrue(!cause.description().isEmpty(), cause.name());
        }
        assertThrows(IllegalArgumentException.class, () -> TripCause.fromCode(-1));
        assertThrows(IllegalArgumentException.class, () -> TripCause.fromCode(TripCause.values().length));
    }

    @Test
    @DisplayName("trip record: holds what was set, clears to no trip, and says so")
    void tripRecord()
    {
        final TripRecord record = new TripRecord();
        record.set(TripCause.OVERCURRENT, 42, 23_000, 22_000);
        assertEquals(42, record.tick());
        assertEquals(23_000, record.measured());
        assertEquals(22_000, record.limit());
        assertTrue(record.toString().contains("OVERCURRENT (SR-3"), record.toString());
        final TripRecord copy = new TripRecord();
        copy.copyFrom(record);
        assertEquals(record.toString(), copy.toString());
        record.clear();
        assertEquals(TripCause.NONE, record.cause());
        assertEquals("no trip", record.toString());
    }
}
