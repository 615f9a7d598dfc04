package org.galvani.hal.jna;

import com.sun.jna.Memory;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;

/**
 * The native {@code sim} backend with its fault-injection API and ground truth.
 *
 * <p>Threading: as {@link JnaHardwareDriver}; {@link #inject} and {@link #clearFaults} are set-up
 * calls on the thread that owns the driver (between ticks). {@link #truth(SimTruth)} does not allocate.
 */
public final class JnaSimDriver extends JnaHardwareDriver implements SimDriver
{
    private final Memory truthBlock = new Memory(NativeLayout.TRUTH_COUNT * Double.BYTES);

    private JnaSimDriver(final String config)
    {
        super("sim", config);
    }

    /**
     * @param config sim configuration (e.g. {@code "seed=7, watchdog_ms=0"}; "" for defaults).
     * @return the open sim.
     */
    public static JnaSimDriver open(final String config)
    {
        return new JnaSimDriver(config);
    }

    /**
     * Schedules a fault for sim steps [onset, onset + duration) (duration &lt; 0: permanent).
     *
     * @param kind          the fault.
     * @param channel       ADC channel for per-channel faults, else ignored (may be null).
     * @param onsetStep     first step.
     * @param durationSteps steps it lasts.
     * @param magnitude     kind-specific magnitude.
     * @return the fault id.
     * @throws HalException when the driver refuses it (the message says why).
     */
    @Override
    public int inject(
        final SimFault kind, final SimChannel channel, final long onsetStep, final long durationSteps,
        final double magnitude)
    {
        final int result = GalvaniNative.galvani_sim_inject(handle(), kind.code(),
            channel == null ? (kind.perChannel() ? -1 : 0) : channel.index(), onsetStep, durationSteps, magnitude);
        if (result < 0)
        {
            throw new HalException(result, "cannot inject " + kind.cliName() + ": " + describe(result) +
                detailSuffix());
        }
        return result;
    }

    /**
     * Removes every scheduled fault.
     */
    @Override
    public void clearFaults()
    {
        final int result = GalvaniNative.galvani_sim_clear_faults(handle());
        if (result != HalErrorCode.OK)
        {
            throw new HalException(result, "cannot clear faults: " + describe(result));
        }
    }

    /**
     * Reads the physical model's ground truth.
     *
     * @param into reusable holder.
     * @return the driver code.
     */
    @Override
    public int truth(final SimTruth into)
    {
        final int result = GalvaniNative.galvani_sim_truth(handle(), truthBlock, NativeLayout.TRUTH_COUNT);
        if (result == HalErrorCode.OK)
        {
            into.currentUa = truthBlock.getDouble(0);
            into.electrodeMv = truthBlock.getDouble(8);
            into.loadOhm = truthBlock.getDouble(16);
            into.dacCode = truthBlock.getDouble(24);
            into.skinOhm = truthBlock.getDouble(32);
            into.complianceMv = truthBlock.getDouble(40);
            into.step = (long)truthBlock.getDouble(48);
            into.outputOn = truthBlock.getDouble(56) != 0.0;
        }
        return result;
    }
}
