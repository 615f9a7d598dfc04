package org.galvani.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Unit tests of each check with samples built by hand (the converter scales of the native sim: 16-bit,
 * ±50 mA and ±100 V full scale). Scenario tests against the native sim are in the verification module.
 */
class SafetyMonitorTest
{
    private static final double UA_PER_LSB = TestHal.SIM_UA_PER_LSB;
    private static final double MV_PER_LSB = TestHal.SIM_MV_PER_LSB;
    private static final HalInfo INFO = TestHal.simScales();

    private final HalSample sample = new HalSample();
    private final HalCommand command = new HalCommand();
    private SafetyMonitor monitor;
    private long tick;

    @BeforeEach
    void setUp()
    {
        monitor = new SafetyMonitor(MonitorLimits.defaults(35_000, 60_000, 1_000_000), INFO, sample, command);
        monitor.arm(22_000, 20_000, 1e9);
    }

    /** Sets a consistent sample: both channels at currentUa through loadOhm, DAC read-back matching. */
    private void present(final double currentUa, final double loadOhm, final int dacCode)
    {
        final int codeI = (int)Math.round(currentUa / UA_PER_LSB);
        final int codeV = (int)Math.round(currentUa * loadOhm / 1000.0 / MV_PER_LSB);
        sample.set(codeI, codeI, codeV, (int)Math.round(65_000 / MV_PER_LSB), dacCode,
            dacCode > 0 ? HalStatus.OUTPUT_ENABLED : 0, tick);
        command.set(dacCode, false, dacCode > 0, 1000);
    }

    private int evaluate(final double setpointUa)
    {
        return monitor.evaluate(tick++, HalErrorCode.OK, true, setpointUa, 0, 0, 0);
    }

    @Test
    @DisplayName("a healthy 10 mA sample through 4.5 kΩ passes every check")
    void healthy()
    {
        for (int i = 0; i < 10; i++)
        {
            present(10_000 + (i % 2) * 3, 4_500, 13_000);
            assertEquals(Verdict.OK, evaluate(10_000));
        }
    }

    @Test
    @DisplayName("SR-3 overcurrent trips in the same tick")
    void overcurrent()
    {
        present(10_000, 2_000, 13_000);
        assertEquals(Verdict.OK, evaluate(10_000));
        present(22_500, 2_000, 13_000);
        assertEquals(Verdict.TRIP, evaluate(10_000));
        assertEquals(TripCause.OVERCURRENT, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-3 the absolute device limit trips even without a session armed")
    void hardLimit()
    {
        monitor.disarm();
        present(36_000, 1_000, 13_000);
        assertEquals(Verdict.TRIP, evaluate(10_000));
        assertEquals(TripCause.HARD_LIMIT, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-4 current density above the limit trips after the documented debounce")
    void density()
    {
        monitor.arm(22_000, 5_000, 1e9);
        present(6_000, 2_000, 7_900);
        assertEquals(Verdict.OK, evaluate(6_000));
        assertEquals(Verdict.OK, evaluate(6_000));
        assertEquals(Verdict.TRIP, evaluate(6_000));
        assertEquals(TripCause.CURRENT_DENSITY, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-5 electrode voltage above the compliance limit trips")
    void complianceVoltage()
    {
        present(10_000, 6_500, 13_000);
        int verdict = Verdict.OK;
        for (int i = 0; i < 3; i++)
        {
            verdict = evaluate(10_000);
        }
        assertEquals(Verdict.TRIP, verdict);
        assertEquals(TripCause.COMPLIANCE_VOLTAGE, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-6 open circuit (voltage at compliance, no current) holds off at once")
    void openCircuit()
    {
        present(10_000, 4_500, 13_000);
        assertEquals(Verdict.OK, evaluate(10_000));
        sample.set(0, 0, (int)Math.round(60_000 / MV_PER_LSB), (int)Math.round(65_000 / MV_PER_LSB), 13_000,
            HalStatus.OUTPUT_ENABLED | HalStatus.COMPLIANCE, tick);
        assertEquals(Verdict.HOLD_OFF, evaluate(10_000));
        assertEquals(TripCause.CONTACT_LOST, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-20 the impedance rising above 2 × its lowest value since the contact check for 500 ms holds off " +
        "with CONTACT_DEGRADED; a falling impedance lowers the baseline; low currents are not judged")
    void contactDegraded()
    {
        final int dac = (int)Math.round(4_000 / (50_000.0 / 65535));
        for (int i = 0; i < 200; i++)
        {
            present(4_000, 4_500 - 5 * i, dac); // the skin hydrates: 4.5 kΩ falling to 3.5 kΩ
            assertEquals(Verdict.OK, evaluate(4_000));
        }
        assertEquals(3_505.0, monitor.contactBaselineOhm(), 10.0, "the lowest impedance is the baseline");
        present(4_000, 6_900, dac); // below 2 × 3.5 kΩ: a rise, but not a degraded contact
        for (int i = 0; i < 2_000; i++)
        {
            assertEquals(Verdict.OK, evaluate(4_000));
        }
        present(300, 30_000, (int)Math.round(300 / (50_000.0 / 65535)));
        for (int i = 0; i < 2_000; i++)
        {
            assertEquals(Verdict.OK, evaluate(300), "below contactJudgeMinUa (500 µA) the impedance is not judged");
        }
        present(4_000, 12_000, dac); // the load step of the issue: about 3.4 × the baseline
        for (int i = 0; i < 499; i++)
        {
            assertEquals(Verdict.OK, evaluate(4_000), "debounce: 500 consecutive samples at 1 kHz");
        }
        assertEquals(Verdict.HOLD_OFF, evaluate(4_000));
        assertEquals(TripCause.CONTACT_DEGRADED, monitor.trip().cause());
        assertEquals(12_000.0, monitor.trip().measured(), 100.0);
        assertEquals(2 * 3_505.0, monitor.trip().limit(), 20.0);

        monitor.restartContactBaseline(); // a new contact check (RESUME after re-wetting)
        assertEquals(Double.MAX_VALUE, monitor.contactBaselineOhm());
        for (int i = 0; i < 1_000; i++)
        {
            assertEquals(Verdict.OK, evaluate(4_000), "the re-seated contact is the new baseline");
        }
    }

    @Test
    @DisplayName("SR-6 a short (impedance below the limit) trips")
    void shortCircuit()
    {
        present(5_000, 20, 6_600);
        assertEquals(Verdict.OK, evaluate(5_000));
        assertEquals(Verdict.TRIP, evaluate(5_000));
        assertEquals(TripCause.SHORT_CIRCUIT, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-7 redundant channels disagreeing beyond tolerance trip")
    void disagreement()
    {
        present(10_000, 4_500, 13_000);
        final int codeB = (int)Math.round(8_000 / UA_PER_LSB);
        int verdict = Verdict.OK;
        for (int i = 0; i < 3; i++)
        {
            sample.set(sample.currentARaw(), codeB, sample.electrodeVoltageRaw(), sample.supplyVoltageRaw(),
                13_000, HalStatus.OUTPUT_ENABLED, tick);
            verdict = evaluate(10_000);
        }
        assertEquals(Verdict.TRIP, verdict);
        assertEquals(TripCause.CHANNEL_DISAGREEMENT, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-7 at 0.52 mA a 15 % gain error of one channel (dose off by 7.5 %) trips; 30 µA of offset does not")
    void disagreementAtSubMilliampCurrent()
    {
        present(520, 9_600, 676);
        final int codeA = sample.currentARaw();
        final int offsetB = (int)Math.round((520 - 30) / UA_PER_LSB);
        for (int i = 0; i < 10; i++)
        {
            sample.set(codeA, offsetB, sample.electrodeVoltageRaw(), sample.supplyVoltageRaw(), 676,
                HalStatus.OUTPUT_ENABLED, tick);
            assertEquals(Verdict.OK, evaluate(520), "30 µA apart is within max(40 µA, 5 %)");
        }
        final int gainB = (int)Math.round(0.85 * codeA);
        int verdict = Verdict.OK;
        for (int i = 0; i < 3; i++)
        {
            sample.set(codeA, gainB, sample.electrodeVoltageRaw(), sample.supplyVoltageRaw(), 676,
                HalStatus.OUTPUT_ENABLED, tick);
            verdict = evaluate(520);
        }
        assertEquals(Verdict.TRIP, verdict);
        assertEquals(TripCause.CHANNEL_DISAGREEMENT, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-7 an ADC channel at its rail trips in the same tick")
    void adcRail()
    {
        present(10_000, 4_500, 13_000);
        sample.set(32767, 32767, sample.electrodeVoltageRaw(), sample.supplyVoltageRaw(), 13_000,
            HalStatus.OUTPUT_ENABLED, tick);
        assertEquals(Verdict.TRIP, evaluate(10_000));
        assertEquals(TripCause.ADC_OUT_OF_RANGE, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-7 a current channel that does not move while the setpoint ramps is stuck")
    void stuckSensor()
    {
        present(2_000, 4_500, 2_600);
        int verdict = Verdict.OK;
        double setpoint = 2_000;
        for (int i = 0; i < 100 && verdict == Verdict.OK; i++)
        {
            setpoint += 10;
            verdict = evaluate(setpoint);
        }
        assertEquals(Verdict.TRIP, verdict);
        assertEquals(TripCause.SENSOR_STUCK, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-7 supply voltage out of range trips")
    void supply()
    {
        present(10_000, 4_500, 13_000);
        sample.set(sample.currentARaw(), sample.currentBRaw(), sample.electrodeVoltageRaw(),
            (int)Math.round(20_000 / MV_PER_LSB), 13_000, HalStatus.OUTPUT_ENABLED, tick);
        assertEquals(Verdict.TRIP, evaluate(10_000));
        assertEquals(TripCause.SUPPLY_OUT_OF_RANGE, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-8 DAC read-back differing from the command trips")
    void readback()
    {
        present(10_000, 4_500, 13_000);
        command.set(14_000, false, true, 1000);
        assertEquals(Verdict.OK, evaluate(10_000));
        assertEquals(Verdict.TRIP, evaluate(10_000));
        assertEquals(TripCause.DAC_READBACK, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-9 one tick overrun trips; a run of late ticks trips")
    void timing()
    {
        present(10_000, 4_500, 13_000);
        assertEquals(Verdict.TRIP, monitor.evaluate(tick++, HalErrorCode.OK, true, 10_000, 0, 6_000_000, 0));
        assertEquals(TripCause.TICK_OVERRUN, monitor.trip().cause());

        setUp();
        present(10_000, 4_500, 13_000);
        int verdict = Verdict.OK;
        int ticks = 0;
        while (verdict == Verdict.OK && ticks < 1000)
        {
            verdict = monitor.evaluate(tick++, HalErrorCode.OK, true, 10_000, 0, 0, 600_000);
            ticks++;
        }
        assertEquals(Verdict.TRIP, verdict);
        assertEquals(TripCause.LATE_TICKS, monitor.trip().cause());
        assertEquals(monitor.limits().lateTickTripCount(), ticks);
    }

    @Test
    @DisplayName("SR-9 the driver watchdog having fired trips")
    void watchdog()
    {
        present(10_000, 4_500, 13_000);
        sample.set(0, 0, 0, sample.supplyVoltageRaw(), 13_000, HalStatus.WATCHDOG_TRIPPED, tick);
        assertEquals(Verdict.TRIP, evaluate(10_000));
        assertEquals(TripCause.WATCHDOG, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-13 a driver error code trips in the same tick")
    void driverError()
    {
        present(10_000, 4_500, 13_000);
        assertEquals(Verdict.TRIP, monitor.evaluate(tick++, HalErrorCode.IO, true, 10_000, 0, 0, 0));
        assertEquals(TripCause.DRIVER_ERROR, monitor.trip().cause());
        assertEquals(HalErrorCode.IO, (int)monitor.trip().measured());
    }

    @Test
    @DisplayName("SR-2 current flowing while the output is commanded off trips")
    void outputNotAllowed()
    {
        present(3_000, 4_500, 0);
        command.set(0, false, false, 1000);
        assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, false, 0, 0, 0, 0));
        assertEquals(Verdict.TRIP, monitor.evaluate(tick++, HalErrorCode.OK, false, 0, 0, 0, 0));
        assertEquals(TripCause.OUTPUT_NOT_ALLOWED, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-11 delivered dose above the bound trips")
    void doseBound()
    {
        monitor.arm(22_000, 20_000, 2_424_000);
        present(4_000, 4_500, 5_200);
        assertEquals(Verdict.OK, monitor.evaluate(tick++, HalErrorCode.OK, true, 4_000, 2_400_000, 0, 0));
        assertEquals(Verdict.TRIP, monitor.evaluate(tick++, HalErrorCode.OK, true, 4_000, 2_430_000, 0, 0));
        assertEquals(TripCause.DOSE_EXCEEDED, monitor.trip().cause());
    }

    @Test
    @DisplayName("SR-7 measured current off the commanded current with the output on: TRIP after the debounce; not at compliance, not with the output off")
    void commandMismatch()
    {
        final int debounce = monitor.limits().commandMismatchDebounce();
        // 13,107 codes command 10 mA; both channels read 8.5 mA (a common-mode error)
        for (int i = 0; i < debounce - 1; i++)
        {
            present(8_500, 4_500, 13_107);
            assertEquals(Verdict.OK, evaluate(8_500));
        }
        present(8_500, 4_500, 13_107);
        assertEquals(Verdict.TRIP, evaluate(8_500));
        assertEquals(TripCause.CURRENT_COMMAND_MISMATCH, monitor.trip().cause());

        setUp();
        for (int i = 0; i < 3 * debounce; i++)
        {
            present(8_500, 4_500, 13_107);
            sample.set(sample.currentARaw(), sample.currentBRaw(), sample.electrodeVoltageRaw(),
                sample.supplyVoltageRaw(), sample.dacReadbackRaw(), sample.statusBits() | HalStatus.COMPLIANCE, tick);
            assertEquals(Verdict.OK, evaluate(8_500), "at compliance the load, not the source, sets the current");
        }
        for (int i = 0; i < 3 * debounce; i++)
        {
            present(10_000, 4_500, 13_107);
            assertEquals(Verdict.OK, evaluate(10_000), "in agreement");
        }
    }
}
