package org.galvani.scenario;

import org.galvani.session.SessionPlan;

/**
 * Session plans built without the prescription validator, shared by the scenario and replay tests so that a
 * replayed scenario runs the very plan its live twin ran. Every safety value is named through
 * {@link SessionPlan#builder()} and checked by {@code conclude()}.
 *
 * <p>Threading: stateless; allocation: a new plan per call (test set-up only).
 */
public final class TestPlans
{
    private TestPlans()
    {
    }

    /**
     * A plan with the tests' usual defaults: cap at least 20 mA, trip 25 mA, ramp 1 mA/s.
     *
     * @param targetUa     start current, µA.
     * @param durationNs   prescribed duration (0 for a dose-ended plan).
     * @param doseTargetUc dose target, µC (0 for a time-ended plan; the dose trip is then out of reach).
     * @param reverse      reverse the polarity at half time.
     * @param dutyPermille pulsed duty cycle, 1000 for DC.
     * @return the concluded plan.
     */
    public static SessionPlan standard(final double targetUa, final long durationNs, final double doseTargetUc,
        final boolean reverse, final int dutyPermille)
    {
        final long maxNs = Math.max(durationNs, 3_600_000_000_000L);
        return SessionPlan.builder()
            .prescriptionId("test")
            .authorised(true)
            .startUa(targetUa)
            .capUa(Math.max(targetUa, 20_000))
            .stepUa(500)
            .rampRateUaPerS(1_000)
            .durationNs(durationNs)
            .doseTargetUc(doseTargetUc)
            .maxSessionNs(maxNs)
            .tripLevelUa(25_000)
            .densityLimitUa(30_000)
            .doseTripUc(doseTargetUc > 0 ? doseTargetUc * 1.02 + 1 : 1e12)
            .reverseAtHalfTime(reverse)
            .dutyPermille(dutyPermille)
            .peakLimitUa(25_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
    }

    /**
     * A dose-ended 4 mA plan (4 mA·min, 60 s of treatment plus the ramp) with the given prescribed duration and
     * session bound, for the tests of a dose that outlasts its duration.
     *
     * @param durationNs   prescribed duration.
     * @param maxSessionNs the session's hard time bound.
     * @return the concluded plan.
     */
    public static SessionPlan doseWithBounds(final long durationNs, final long maxSessionNs)
    {
        return SessionPlan.builder()
            .prescriptionId("lengthened")
            .authorised(true)
            .startUa(4_000)
            .capUa(4_000)
            .stepUa(500)
            .rampRateUaPerS(2_000)
            .durationNs(durationNs)
            .doseTargetUc(4 * 60_000.0)
            .maxSessionNs(maxSessionNs)
            .tripLevelUa(6_000)
            .densityLimitUa(8_000)
            .doseTripUc(4 * 60_000.0 * 1.02)
            .peakLimitUa(6_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
    }
}
