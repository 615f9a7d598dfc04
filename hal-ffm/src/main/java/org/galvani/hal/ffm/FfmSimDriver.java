package org.galvani.hal.ffm;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.jna.SimChannel;
import org.galvani.hal.jna.SimDriver;
import org.galvani.hal.jna.SimFault;
import org.galvani.hal.jna.SimTruth;

/**
 * The native {@code sim} backend through FFM, with its fault-injection API and ground truth.
 *
 * <p>Threading: as {@link FfmHardwareDriver}; {@link #inject} and {@link #clearFaults} are set-up calls on the
 * thread that owns the driver (between ticks). {@link #truth(SimTruth)} does not allocate.
 */
public final class FfmSimDriver extends FfmHardwareDriver implements SimDriver
{
    private static final int TRUTH_COUNT = 8;
    private final MemorySegment truthBlock = Arena.ofAuto().allocate(JAVA_DOUBLE, TRUTH_COUNT);

    private FfmSimDriver(final String config)
    {
        super("sim", config);
    }

    /**
     * @param config sim configuration (e.g. {@code "seed=7, watchdog_ms=0"}; "" for defaults).
     * @return the open sim.
     */
    public static FfmSimDriver open(final String config)
    {
        return new FfmSimDriver(config);
    }

    @Override
    public int inject(final SimFault kind, final SimChannel channel, final long onsetStep, final long durationSteps,
        final double magnitude)
    {
        final int channelIndex = channel == null ? (kind.perChannel() ? -1 : 0) : channel.index();
        final int result;
        try
        {
            result = (int)FfmNative.SIM_INJECT.invokeExact(handle(), kind.code(), channelIndex, onsetStep,
                durationSteps, magnitude);
        }
        catch (final Throwable ex)
        {
            throw new HalException(HalErrorCode.NOT_SUPPORTED, "galvani_sim_inject failed: " + ex, ex);
        }
        if (result < 0)
        {
            throw new HalException(result, "cannot inject " + kind.cliName() + ": " + describe(result) +
                detailSuffix());
        }
        return result;
    }

    @Override
    public void clearFaults()
    {
        final int result;
        try
        {
            result = (int)FfmNative.SIM_CLEAR_FAULTS.invokeExact(handle());
        }
        catch (final Throwable ex)
        {
            throw new HalException(HalErrorCode.NOT_SUPPORTED, "galvani_sim_clear_faults failed: " + ex, ex);
        }
        if (result != HalErrorCode.OK)
        {
            throw new HalException(result, "cannot clear faults: " + describe(result));
        }
    }

    @Override
    public int truth(final SimTruth into)
    {
        final int result;
        try
        {
            result = (int)FfmNative.SIM_TRUTH.invokeExact(handle(), truthBlock, TRUTH_COUNT);
        }
        catch (final Throwable ex)
        {
            return HalErrorCode.NOT_SUPPORTED;
        }
        if (result == HalErrorCode.OK)
        {
            final MemorySegment b = truthBlock;
            into.setFromBlock(b.getAtIndex(JAVA_DOUBLE, 0), b.getAtIndex(JAVA_DOUBLE, 1), b.getAtIndex(JAVA_DOUBLE, 2),
                b.getAtIndex(JAVA_DOUBLE, 3), b.getAtIndex(JAVA_DOUBLE, 4), b.getAtIndex(JAVA_DOUBLE, 5),
                b.getAtIndex(JAVA_DOUBLE, 6), b.getAtIndex(JAVA_DOUBLE, 7));
        }
        return result;
    }
}
