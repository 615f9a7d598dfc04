package org.galvani.hal.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;

/**
 * A rogue loop on a sim, for the SR-18 tests of every binding (the HAL contract here and in hal-ffm, and
 * {@link NativeSafetyChannelTest}): full scale every step, never looking at the sample, while the sim's ground
 * truth counts how long the true current stays above the driver's limit.
 *
 * @param latchedAt        the step whose sample first showed {@link HalStatus#SAFETY_LATCHED}; -1 when none did.
 * @param longestOverSteps the longest run of consecutive steps with the true current above the limit.
 * @param offAfterLatch    whether the true output was off in every step after the latch.
 */
public record FullScaleRun(int latchedAt, int longestOverSteps, boolean offAfterLatch)
{
    /** A load that lets full scale flow (50 mA × 600 Ω = 30 V, below the 60 V compliance). */
    public static final String LOW_LOAD = "r_skin_initial_ohm=500, r_skin_final_ohm=500, r_series_ohm=100";

    /**
     * Commands full scale for a number of steps, sampling (and asserting the sample succeeds) after each.
     *
     * @param sim     the sim, its safety channel configured with a current limit.
     * @param limitUa the limit the true current is compared with.
     * @param steps   how many steps.
     * @return what the ground truth showed.
     */
    public static FullScaleRun drive(final SimDriver sim, final double limitUa, final int steps)
    {
        final HalSample sample = new HalSample();
        final HalCommand fullScale = new HalCommand().set(sim.info().dacMaxCode(), false, true, 1000);
        final SimTruth truth = new SimTruth();
        int over = 0;
        int worst = 0;
        int latchedAt = -1;
        boolean offAfterLatch = true;
        for (int step = 0; step < steps; step++)
        {
            sim.actuate(fullScale);
            sim.truth(truth);
            over = Math.abs(truth.currentUa()) > limitUa ? over + 1 : 0;
            worst = Math.max(worst, over);
            assertEquals(HalErrorCode.OK, sim.sample(sample));
            if (latchedAt >= 0 && truth.outputOn())
            {
                offAfterLatch = false;
            }
            if (latchedAt < 0 && sample.hasStatus(HalStatus.SAFETY_LATCHED))
            {
                latchedAt = step;
            }
        }
        return new FullScaleRun(latchedAt, worst, offAfterLatch);
    }
}
