package org.galvani.hal.jna;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.hal.HardwareDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HAL contract every binding of the C driver must pass (JNA here, FFM in hal-ffm): every entry point, open
 * and tick-path errors as codes (SR-13), no allocation on the tick path, determinism, the driver watchdog
 * (SR-9), the iio backend against a fake sysfs tree. A binding's test extends this class and names its factories.
 */
public abstract class HardwareDriverContract
{
    /**
     * @param config sim configuration.
     * @return the sim through the binding under test.
     */
    protected abstract SimDriver openSim(String config);

    /**
     * @param backend backend name.
     * @param config  configuration.
     * @return the driver through the binding under test.
     */
    protected abstract HardwareDriver open(String backend, String config);

    /**
     * @return the ABI version the binding under test was written for.
     */
    protected abstract int expectedAbiVersion();

    /**
     * @param driver a driver of the binding under test.
     * @return its calling thread's latest failure detail.
     */
    protected abstract String lastErrorDetail(HardwareDriver driver);

    private static int codeForUa(final HalInfo info, final double ua)
    {
        return (int)Math.round(ua / info.dacUaPerCode());
    }

    @Test
    @DisplayName("every sim entry point works through JNA: info, sample, actuate, kick, truth, close")
    public void simEntryPoints()
    {
        try (SimDriver sim = openSim("seed=3, watchdog_ms=0"))
        {
            final HalInfo info = sim.info();
            assertEquals(HalInfo.BACKEND_SIM, info.backend());
            assertEquals(expectedAbiVersion(), info.abiVersion());
            assertEquals(50_000.0 / 32767, info.currentAUaPerLsb(), 1e-12);
            assertEquals(65535, info.dacMaxCode());
            assertEquals(60_000.0, info.complianceMv());
            final HalSample sample = new HalSample();
            final HalCommand command = new HalCommand().set(codeForUa(info, 5_000), false, true, 1000);
            for (int i = 0; i < 60; i++)
            {
                assertEquals(HalErrorCode.OK, sim.actuate(command));
            }
            assertEquals(HalErrorCode.OK, sim.kick());
            assertEquals(HalErrorCode.OK, sim.sample(sample));
            assertEquals(60, sample.sequence());
            assertTrue(sample.hasStatus(HalStatus.OUTPUT_ENABLED));
            assertEquals(5_000 * 0.98 + 15, info.currentAUa(sample.currentARaw()), 100);
            final SimTruth truth = new SimTruth();
            assertEquals(HalErrorCode.OK, sim.truth(truth));
            assertTrue(truth.outputOn());
            assertEquals(4_500.0, truth.loadOhm(), 50.0);
        }
    }

    @Test
    @DisplayName("SR-13 open failures become HalException with the driver's code and detail")
    public void openErrors()
    {
        HalException ex = assertThrows(HalException.class, () -> open("bogus", ""));
        assertEquals(HalErrorCode.UNKNOWN_BACKEND, ex.code());
        assertTrue(ex.getMessage().contains("bogus"), ex.getMessage());
        ex = assertThrows(HalException.class, () -> openSim("compliance_v=abc"));
        assertEquals(HalErrorCode.CONFIG, ex.code());
        assertTrue(ex.getMessage().contains("compliance_v") && ex.getMessage().contains("abc"), ex.getMessage());
        ex = assertThrows(HalException.class, () -> openSim("colour=blue"));
        assertTrue(ex.getMessage().contains("unknown for backend sim"), ex.getMessage());
        assertThrows(HalException.class, () -> open(null, ""));
    }

    @Test
    @DisplayName("SR-13 tick-path errors are return codes with messages, never exceptions")
    public void tickPathErrors()
    {
        final SimDriver sim = openSim("watchdog_ms=0");
        final HalSample sample = new HalSample();
        assertEquals(HalErrorCode.RANGE, sim.actuate(new HalCommand().set(70_000, false, true, 1000)));
        assertEquals(HalErrorCode.RANGE, sim.actuate(new HalCommand().set(100, false, true, 0)));
        assertEquals(HalErrorCode.OK, sim.sample(sample));
        assertFalse(sample.hasStatus(HalStatus.OUTPUT_ENABLED), "an invalid command opens the relay");
        sim.inject(SimFault.DRIVER_ERROR, null, 1, 5, HalErrorCode.IO);
        sim.actuate(new HalCommand().safe());
        assertEquals(HalErrorCode.IO, sim.sample(sample));
        assertTrue(sim.describeError(HalErrorCode.IO).contains("input/output error"));
        sim.close();
        assertEquals(HalErrorCode.HANDLE, sim.sample(sample), "a closed driver answers HANDLE, never throws");
        sim.close();
        final HalException ex = assertThrows(HalException.class,
            () -> openSim("").inject(SimFault.ADC_STUCK, null, 0, 1, 0));
        assertEquals(HalErrorCode.RANGE, ex.code());
    }

    @Test
    @DisplayName("SR-18 the driver's safety channel through the binding: a full-scale command on a low load latches within 1 step of true overcurrent, actuations are refused, arm clears the latch")
    public void safetyChannelCurrentLimit()
    {
        final double limitUa = 20_000.0;
        try (SimDriver sim = openSim("seed=5, watchdog_ms=0, " + FullScaleRun.LOW_LOAD + ", " +
            JnaHardwareDriver.safetyLimitConfig(limitUa)))
        {
            assertEquals(limitUa, sim.limitCurrentUa());
            assertEquals(HalErrorCode.OK, sim.armSafetyChannel(0, false));
            final FullScaleRun run = FullScaleRun.drive(sim, limitUa, 200);
            assertTrue(run.latchedAt() >= 0, "the channel latched");
            assertTrue(run.longestOverSteps() <= 1, "true current above the limit for " + run.longestOverSteps() +
                " consecutive steps");
            assertEquals(HalErrorCode.SAFETY_LATCHED,
                sim.actuate(new HalCommand().set(sim.info().dacMaxCode(), false, true, 1000)));
            final double[] state = sim.safetyState();
            assertEquals(1.0, state[0], "cause: current");
            assertTrue(state[1] > limitUa && state[2] == limitUa, java.util.Arrays.toString(state));
            assertEquals(HalErrorCode.OK, sim.armSafetyChannel(0, false));
            assertEquals(0.0, sim.safetyState()[0], "arm clears the latch");
            assertEquals(HalErrorCode.OK, sim.actuate(new HalCommand().set(0, false, true, 1000)));
        }
    }

    @Test
    @DisplayName("SR-18 the session charge ceiling armed through the binding: the channel counts the charge and latches at the ceiling; a bad ceiling is RANGE; a closed handle is HANDLE")
    public void safetyChannelChargeCeiling()
    {
        final SimDriver sim = openSim("seed=5, watchdog_ms=0, r_skin_initial_ohm=500, r_skin_final_ohm=500, " +
            "r_series_ohm=100, " + JnaHardwareDriver.safetyLimitConfig(20_000.0));
        try
        {
            final double ceilingUc = 100.0;
            assertEquals(HalErrorCode.RANGE, sim.armSafetyChannel(-1.0, false));
            assertEquals(HalErrorCode.RANGE, sim.armSafetyChannel(Double.NaN, false));
            assertEquals(HalErrorCode.OK, sim.armSafetyChannel(ceilingUc, false));
            assertEquals(ceilingUc, sim.safetyState()[4], "ceiling armed");
            final HalSample sample = new HalSample();
            final HalCommand tenMa = new HalCommand().set(codeForUa(sim.info(), 10_000), false, true, 1000);
            int latchedAt = -1;
            for (int step = 0; step < 2_000 && latchedAt < 0; step++)
            {
                sim.actuate(tenMa);
                assertEquals(HalErrorCode.OK, sim.sample(sample));
                if (sample.hasStatus(HalStatus.SAFETY_LATCHED))
                {
                    latchedAt = step;
                }
            }
            final double[] state = sim.safetyState();
            assertTrue(latchedAt > 0, "the ceiling latched the channel");
            assertEquals(3.0, state[0], "cause: charge " + java.util.Arrays.toString(state));
            assertTrue(state[3] >= ceilingUc * 0.9 && state[3] <= ceilingUc * 1.2, java.util.Arrays.toString(state));
        }
        finally
        {
            sim.close();
        }
        assertEquals(HalErrorCode.HANDLE, sim.armSafetyChannel(10.0, false));
    }

    @Test
    @DisplayName("the sample + actuate path allocates 0 bytes over 1,000,000 calls after warm-up")
    public void allocationFree()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (SimDriver sim = openSim("watchdog_ms=0"))
        {
            final HalSample sample = new HalSample();
            final HalCommand command = new HalCommand();
            long checksum = 0;
            for (int i = 0; i < 300_000; i++)
            {
                checksum += exercise(sim, sample, command, i);
            }
            final long threadId = Thread.currentThread().getId();
            final long before = threads.getThreadAllocatedBytes(threadId);
            for (int i = 0; i < 1_000_000; i++)
            {
                checksum += exercise(sim, sample, command, i);
            }
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;
            assertNotEquals(0, checksum);
            assertEquals(0, allocated, "bytes allocated over 1,000,000 sample+actuate pairs");
        }
    }

    private static long exercise(final SimDriver sim, final HalSample sample, final HalCommand command, final int i)
    {
        sim.sample(sample);
        command.set(i & 0x3FFF, (i & 0x40000) != 0, true, 1000);
        sim.actuate(command);
        return sample.currentARaw() + sample.sequence();
    }

    @Test
    @DisplayName("the same seed and actuations give identical samples; another seed differs")
    public void deterministic()
    {
        final int[] a = run("seed=9, watchdog_ms=0");
        final int[] b = run("seed=9, watchdog_ms=0");
        final int[] c = run("seed=10, watchdog_ms=0");
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    private int[] run(final String config)
    {
        try (SimDriver sim = openSim(config))
        {
            final HalSample sample = new HalSample();
            final HalCommand command = new HalCommand();
            final int[] codes = new int[2_000];
            for (int i = 0; i < 1_000; i++)
            {
                sim.sample(sample);
                codes[2 * i] = sample.currentARaw();
                codes[2 * i + 1] = sample.electrodeVoltageRaw();
                sim.actuate(command.set((i * 13) % 8_000, false, true, 1000));
            }
            return codes;
        }
    }

    @Test
    @DisplayName("SR-9 the driver watchdog disables the output when the control thread stalls")
    public void watchdogOnStall() throws Exception
    {
        try (SimDriver sim = openSim("watchdog_ms=50"))
        {
            final HalSample sample = new HalSample();
            final HalCommand command = new HalCommand().set(codeForUa(sim.info(), 8_000), false, true, 1000);
            final long endNs = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < endNs)
            {
                sim.actuate(command);
                Thread.sleep(1);
            }
            sim.sample(sample);
            assertFalse(sample.hasStatus(HalStatus.WATCHDOG_TRIPPED), "kicked at ~1 kHz: no trip");
            assertTrue(sim.info().currentAUa(sample.currentARaw()) > 7_000);

            Thread.sleep(200); // the Java side stalls
            sim.sample(sample);
            assertTrue(sample.hasStatus(HalStatus.WATCHDOG_TRIPPED));
            assertFalse(sample.hasStatus(HalStatus.OUTPUT_ENABLED));
            assertEquals(0.0, sim.info().currentAUa(sample.currentARaw()), 10.0);

            sim.actuate(command);
            sim.sample(sample);
            assertFalse(sample.hasStatus(HalStatus.OUTPUT_ENABLED), "latched until acknowledged");
            sim.actuate(new HalCommand().safe());
            sim.sample(sample);
            assertFalse(sample.hasStatus(HalStatus.WATCHDOG_TRIPPED), "acknowledged with the output off");
        }
    }

    @Test
    @DisplayName("iio backend through JNA against a fake sysfs tree: values, DAC file, missing and malformed files")
    public void iio(@TempDir final Path root) throws IOException
    {
        final Path adc = Files.createDirectories(root.resolve("iio:device0"));
        final Path dac = Files.createDirectories(root.resolve("iio:device1"));
        for (int ch = 0; ch < 5; ch++)
        {
            Files.writeString(adc.resolve("in_voltage" + ch + "_raw"), (1000 + ch) + "\n");
            Files.writeString(adc.resolve("in_voltage" + ch + "_scale"), "0.5\n");
        }
        Files.writeString(dac.resolve("out_voltage0_raw"), "0\n");
        Files.writeString(dac.resolve("out_voltage0_scale"), "0.5\n");
        Files.writeString(root.resolve("enable"), "0\n");
        Files.writeString(adc.resolve("name"), "ads1115\n");
        Files.writeString(dac.resolve("name"), "mcp4725\n");
        final String base = "root=" + root + ", adc_name=ads1115, dac_name=mcp4725, limit_current_ua=35000, " +
            "enable_path=enable";
        try (HardwareDriver iio = open("iio", base + ", watchdog_ms=0"))
        {
            assertEquals(HalInfo.BACKEND_IIO, iio.info().backend());
            final HalSample sample = new HalSample();
            assertEquals(HalErrorCode.OK, iio.sample(sample));
            assertEquals(1000, sample.currentARaw());
            assertEquals(1002, sample.electrodeVoltageRaw());
            assertEquals(HalErrorCode.OK, iio.actuate(new HalCommand().set(4321, false, true, 1000)));
            assertEquals("4321", Files.readString(dac.resolve("out_voltage0_raw")).lines().findFirst().orElse(""));
            assertEquals("1", Files.readString(root.resolve("enable")).lines().findFirst().orElse(""));
            Files.writeString(adc.resolve("in_voltage2_raw"), "12x\n");
            assertEquals(HalErrorCode.PARSE, iio.sample(sample));
            assertTrue(lastErrorDetail(iio).contains("in_voltage2_raw"), lastErrorDetail(iio));
        }
        Files.delete(adc.resolve("in_voltage3_scale"));
        final HalException ex = assertThrows(HalException.class,
            () -> open("iio", base));
        assertEquals(HalErrorCode.IO, ex.code());
        assertTrue(ex.getMessage().contains("in_voltage3_scale"), ex.getMessage());
    }
}
