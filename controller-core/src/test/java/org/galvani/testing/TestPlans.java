package org.galvani.testing;

import org.galvani.controller.ControllerContext;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.SessionPlan;

/**
 * Session plans and controller contexts for unit tests that need them without the prescription validator.
 */
public final class TestPlans
{
    /** One second in ns. */
    public static final long SECOND_NS = 1_000_000_000L;

    private TestPlans()
    {
    }

    /**
     * @return a 1 kHz context with the device defaults of 35 mA and 60 V.
     */
    public static ControllerContext context()
    {
        return new ControllerContext().tickPeriodNs(1_000_000L)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, 1_000_000L));
    }

    /**
     * A continuous, time-ended plan (cap 20 mA, step 0.5 mA, ramp 1 mA/s, trip level 25 mA).
     *
     * @param targetUa   the start and target current.
     * @param durationNs the treatment time.
     * @return the plan.
     */
    public static SessionPlan timeEnded(final double targetUa, final long durationNs)
    {
        return plan(targetUa, durationNs, 0, 3_600 * SECOND_NS);
    }

    /**
     * A continuous, dose-ended plan.
     *
     * @param targetUa     the start and target current.
     * @param durationNs   the nominal treatment time (0: none).
     * @param doseTargetUc the prescribed dose.
     * @param maxSessionNs the maker's time bound.
     * @return the plan.
     */
    public static SessionPlan doseEnded(
        final double targetUa, final long durationNs, final double doseTargetUc, final long maxSessionNs)
    {
        return plan(targetUa, durationNs, doseTargetUc, maxSessionNs);
    }

    private static SessionPlan plan(
        final double targetUa, final long durationNs, final double doseTargetUc, final long maxSessionNs)
    {
        return SessionPlan.builder()
            .prescriptionId("unit")
            .authorised(true)
            .startUa(targetUa)
            .capUa(Math.max(targetUa, 20_000))
            .stepUa(500)
            .rampRateUaPerS(1_000)
            .durationNs(durationNs)
            .doseTargetUc(doseTargetUc)
            .maxSessionNs(maxSessionNs)
            .tripLevelUa(25_000)
            .densityLimitUa(30_000)
            .doseTripUc(doseTargetUc > 0 ? doseTargetUc * 1.02 + 1 : 1e12)
            .peakLimitUa(25_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
    }
}
