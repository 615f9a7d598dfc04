package org.galvani.replay;

import org.galvani.controller.TickRecord;
import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HardwareDriver;

/**
 * A {@link HardwareDriver} that plays one recorded tick back at a time (SR-15): {@link #sample} returns the
 * recorded raw sample and the recorded sample return code, {@link #actuate} returns the recorded actuate
 * return code, and {@link #info()} is the recorded {@link HalInfo} (the session header's). It is fed one tick
 * before each {@code Controller.tick}: a session is never held in memory.
 *
 * <p>The recorded sample is served whatever its return code: the tick record holds the sample block as it
 * was after the driver call, and the controller may read it even when the call failed, so a replay must see
 * the same bytes. A call that was not fed (a second sample or actuation in one tick) returns
 * {@link #NOT_FED}; the calls are counted so that the {@link Replayer} can report a controller that
 * sampled or actuated a different number of times than one each.
 *
 * <p>Threading: owned by the replaying thread, like the controller it serves; no synchronisation.
 * Allocation: none after construction (the fed sample is copied into one reused {@link HalSample}).
 */
public final class ReplayDriver implements HardwareDriver
{
    /** Returned by a call that has no recorded value to serve (replay misuse or a divergent controller). */
    public static final int NOT_FED = HalErrorCode.IO;

    private final HalInfo info;
    private final HalSample sample = new HalSample();
    private int sampleResult;
    private int actuateResult;
    private int samplesServed;
    private int actuationsServed;
    private boolean fed;

    /**
     * @param info the recorded converter scales and ranges ({@code SessionHeader.hal()}).
     */
    public ReplayDriver(final HalInfo info)
    {
        if (info == null)
        {
            throw new IllegalArgumentException("a replay driver needs the recorded HalInfo");
        }
        this.info = info;
    }

    /**
     * Feeds the driver inputs of the next tick and resets the call counts.
     *
     * @param recordedSample       the raw sample block as recorded (copied).
     * @param recordedSampleResult the recorded return code of the sample call.
     * @param recordedActuateResult the recorded return code of the actuate call.
     */
    public void feed(final HalSample recordedSample, final int recordedSampleResult, final int recordedActuateResult)
    {
        sample.copyFrom(recordedSample);
        sampleResult = recordedSampleResult;
        actuateResult = recordedActuateResult;
        samplesServed = 0;
        actuationsServed = 0;
        fed = true;
    }

    /**
     * Feeds the driver inputs of a recorded tick: its sample, sample return code and actuate return code.
     *
     * @param recorded the recorded tick (only its driver inputs are read).
     */
    public void feed(final TickRecord recorded)
    {
        feed(recorded.sample, recorded.sampleResult, recorded.actuateResult);
    }

    @Override
    public HalInfo info()
    {
        return info;
    }

    @Override
    public int sample(final HalSample into)
    {
        samplesServed++;
        if (!fed || samplesServed > 1)
        {
            return NOT_FED;
        }
        into.copyFrom(sample);
        return sampleResult;
    }

    @Override
    public int actuate(final HalCommand command)
    {
        actuationsServed++;
        if (!fed || actuationsServed > 1)
        {
            return NOT_FED;
        }
        return actuateResult;
    }

    @Override
    public int kick()
    {
        return HalErrorCode.OK;
    }

    @Override
    public String describeError(final int code)
    {
        return "recorded driver code " + code;
    }

    /**
     * @return sample calls since the latest {@link #feed} (1 in a faithful replay).
     */
    public int samplesServed()
    {
        return samplesServed;
    }

    /**
     * @return actuate calls since the latest {@link #feed} (1 in a faithful replay).
     */
    public int actuationsServed()
    {
        return actuationsServed;
    }

    @Override
    public void close()
    {
        fed = false;
    }
}
