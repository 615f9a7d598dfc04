package org.galvani.bench;

import java.util.concurrent.TimeUnit;

import com.sun.jna.Memory;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.HardwareDriver;
import org.galvani.hal.binding.HalBinding;
import org.galvani.hal.HalSample;
import org.galvani.hal.jna.JnaSimDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One tick's driver traffic, a sample and an actuate, against the native sim: (a) through
 * {@link JnaSimDriver} (JNA direct mapping, the production path), (b) through {@link GalvaniHalLibrary}
 * (JNA interface mapping of the same C functions), (c) through the FFM binding (hal-ffm, JDK 22+ only: on an
 * older JDK that one benchmark fails at set-up with the reason, the others run), each reading the sample block
 * into a reused {@link HalSample}. The sim is opened with {@code watchdog_ms=0}; each actuate advances it one step.
 * All three in one run give the ratios on the same machine at the same time.
 *
 * <p>Run with {@code verification/bench.sh} (defaults to this benchmark with {@code -prof gc}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HalCallBenchmark
{
    private static final String SIM_CONFIG = "seed=1, watchdog_ms=0";
    private static final int DAC_CODE_5_MA = 6554;
    private static final HalBinding JNA = HalBinding.named("jna");

    private final HalSample sample = new HalSample();
    private final HalCommand command = new HalCommand().set(DAC_CODE_5_MA, false, true,
        HalCommand.CONTINUOUS_DUTY_PERMILLE);
    private JnaSimDriver directDriver;
    private GalvaniHalLibrary library;
    private int interfaceHandle = -1;
    private Memory interfaceBlock;

    /**
     * Opens one sim per binding and checks both calls work before measuring.
     */
    @Setup(Level.Trial)
    public void open()
    {
        directDriver = JnaSimDriver.open(SIM_CONFIG);
        library = GalvaniHalLibrary.load();
        interfaceHandle = library.galvani_hal_open("sim", SIM_CONFIG);
        if (interfaceHandle < 0)
        {
            throw new HalException(interfaceHandle, "cannot open the sim through the interface mapping");
        }
        interfaceBlock = new Memory(32);
        if (directMapping() != HalErrorCode.OK || interfaceMapping() != HalErrorCode.OK)
        {
            throw new IllegalStateException("sample+actuate failed before the benchmark started");
        }
    }

    /**
     * Closes both sims.
     */
    @TearDown(Level.Trial)
    public void close()
    {
        directDriver.close();
        library.galvani_hal_close(interfaceHandle);
    }

    /**
     * @return the OR of both driver codes (0 when all went well), consumed by JMH.
     */
    @Benchmark
    public int directMapping()
    {
        return directDriver.sample(sample) | directDriver.actuate(command);
    }

    /** The FFM binding's sim, in a state of its own so that a JDK without FFM fails only its benchmark. */
    @State(Scope.Thread)
    public static class Ffm
    {
        final HalSample sample = new HalSample();
        final HalCommand command = new HalCommand().set(DAC_CODE_5_MA, false, true,
            HalCommand.CONTINUOUS_DUTY_PERMILLE);
        HardwareDriver driver;
        HalBinding binding;

        /**
         * Opens the sim through FFM.
         */
        @Setup(Level.Trial)
        public void open()
        {
            binding = HalBinding.named("ffm");
            driver = binding.openSim(SIM_CONFIG);
        }

        /**
         * Closes it.
         */
        @TearDown(Level.Trial)
        public void close()
        {
            driver.close();
        }
    }

    /**
     * The crossing alone: two calls (as a sample+actuate pair makes) of {@code galvani_hal_kick} on the open sim,
     * whose C side is a handle check and a watchdog time stamp, nothing of the model. (A closed handle no longer
     * measures it: the Java drivers refuse a closed handle before crossing.)
     *
     * @return the OR of both driver codes (0), consumed by JMH.
     */
    @Benchmark
    public int directMappingCrossing()
    {
        return directDriver.kick() | directDriver.kick();
    }

    /**
     * The pure crossing, two calls of the driver's emptiest function ({@code galvani_hal_version}, which returns a
     * constant) through JNA direct mapping: the binding's own cost, no handle check, no clock read.
     *
     * @return the sum of both results, consumed by JMH.
     */
    @Benchmark
    public int directMappingEmptyCrossing()
    {
        return JNA.crossEmpty() + JNA.crossEmpty();
    }

    /**
     * The pure crossing through FFM (a critical downcall, as the sim's tick-path calls): see
     * {@link #directMappingEmptyCrossing()}.
     *
     * @param ffm the FFM binding.
     * @return the sum of both results, consumed by JMH.
     */
    @Benchmark
    public int ffmEmptyCrossing(final Ffm ffm)
    {
        return ffm.binding.crossEmpty() + ffm.binding.crossEmpty();
    }

    /**
     * The crossing alone through FFM (see {@link #directMappingCrossing()}).
     *
     * @param ffm the FFM sims.
     * @return the OR of both driver codes (0), consumed by JMH.
     */
    @Benchmark
    public int ffmCrossing(final Ffm ffm)
    {
        return ffm.driver.kick() | ffm.driver.kick();
    }

    /**
     * @param ffm the FFM sim.
     * @return the OR of both driver codes (0 when all went well), consumed by JMH.
     */
    @Benchmark
    public int ffm(final Ffm ffm)
    {
        return ffm.driver.sample(ffm.sample) | ffm.driver.actuate(ffm.command);
    }

    /**
     * @return the OR of both driver codes (0 when all went well), consumed by JMH.
     */
    @Benchmark
    public int interfaceMapping()
    {
        final Memory block = interfaceBlock;
        final int sampled = library.galvani_hal_sample(interfaceHandle, block);
        if (sampled == HalErrorCode.OK)
        {
            sample.set(block.getInt(0), block.getInt(4), block.getInt(8), block.getInt(12), block.getInt(16),
                block.getInt(20), block.getLong(24));
        }
        return sampled | library.galvani_hal_actuate(interfaceHandle, command.dacCode(),
            command.polarityReversed() ? 1 : 0, command.outputEnabled() ? 1 : 0, command.dutyPermille());
    }
}
