package org.galvani.testing;

import org.galvani.controller.ControllerContext;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.SessionPlan;

/**
 * Session plans and controller contexts for tests that need them without the prescription validator, shared
 * by the unit tests here and (through this module's test-jar) by hal-native's and verification's tests, so
 * that a replayed scenario runs the very plan its live twin ran. Every value is set by its name: a call site
 * reads {@code standard().targetUa(5_000).durationNs(MINUTE_NS).conclude()}, never a row of numbers whose
 * order decides which is the trip level.
 *
 * <p>Threading: stateless; allocation: a new builder and plan per call (test set-up only).
 */
public final class TestPlans
{
    /** One second in ns. */
    public static final long SECOND_NS = 1_000_000_000L;
    /** One minute in ns. */
    public static final long MINUTE_NS = 60 * SECOND_NS;
    /** The session bound of a standard plan whose duration is shorter. */
    public static final long HOUR_NS = 60 * MINUTE_NS;

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
     * The tests' usual plan, named value by value: the target is set by the caller, the cap is at least 20 mA,
     * the trip level 25 mA, the density limit 30 mA, the ramp 1 mA/s.
     *
     * @return a standard plan to set the target, duration or dose, reversal and duty of.
     */
    public static Standard standard()
    {
        return new Standard();
    }

    /**
     * A dose-ended 4 mA plan (4 mA·min, 60 s of treatment plus the ramp), for the tests of a dose that outlasts
     * its duration: the caller names {@code durationNs} and {@code maxSessionNs}.
     *
     * @return the plan's builder, without its duration and session bound.
     */
    public static SessionPlan.Builder doseWithBounds()
    {
        return SessionPlan.builder()
            .prescriptionId("lengthened")
            .authorised(true)
            .startUa(4_000)
            .capUa(4_000)
            .stepUa(500)
            .rampRateUaPerS(2_000)
            .doseTargetUc(4 * 60_000.0)
            .tripLevelUa(6_000)
            .densityLimitUa(8_000)
            .doseTripUc(4 * 60_000.0 * 1.02)
            .peakLimitUa(6_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300);
    }

    /**
     * A 7 mA, 5-minute plan whose density limit (8 mA: a 16 cm² electrode at 0.5 mA/cm²) sits between the target
     * and the 12 mA trip level, for the tests in which the current density, not the trip level, must act.
     *
     * @return the plan.
     */
    public static SessionPlan densityLimited()
    {
        return SessionPlan.builder()
            .prescriptionId("density")
            .authorised(true)
            .startUa(7_000)
            .capUa(7_000)
            .stepUa(500)
            .rampRateUaPerS(2_000)
            .durationNs(5 * MINUTE_NS)
            .maxSessionNs(5 * MINUTE_NS)
            .tripLevelUa(12_000)
            .densityLimitUa(8_000)
            .doseTripUc(1e12)
            .peakLimitUa(12_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
    }

    /**
     * The standard test plan by name. The values that follow from others are derived in {@link #conclude()}: the
     * cap is the larger of the target and 20 mA, the dose trip 2 % above the dose target (out of reach for a
     * time-ended plan), the session bound the larger of the duration and one hour unless named.
     *
     * <p>Threading: one test thread. Allocation: the plan, in {@link #conclude()}.
     */
    public static final class Standard
    {
        private double targetUa = Double.NaN;
        private long durationNs;
        private double doseTargetUc;
        private long maxSessionNs = -1;
        private boolean reverseAtHalfTime;
        private int dutyPermille = 1000;

        private Standard()
        {
        }

        /**
         * @param targetUa the start and target current, µA (required).
         * @return this.
         */
        public Standard targetUa(final double targetUa)
        {
            this.targetUa = targetUa;
            return this;
        }

        /**
         * @param durationNs the prescribed treatment time; default 0 (dose-ended).
         * @return this.
         */
        public Standard durationNs(final long durationNs)
        {
            this.durationNs = durationNs;
            return this;
        }

        /**
         * @param doseTargetUc the prescribed dose, µC; default 0 (time-ended).
         * @return this.
         */
        public Standard doseTargetUc(final double doseTargetUc)
        {
            this.doseTargetUc = doseTargetUc;
            return this;
        }

        /**
         * @param maxSessionNs the session's hard time bound; default the larger of the duration and one hour.
         * @return this.
         */
        public Standard maxSessionNs(final long maxSessionNs)
        {
            this.maxSessionNs = maxSessionNs;
            return this;
        }

        /**
         * @param reverseAtHalfTime whether the polarity is swapped at half time; default false.
         * @return this.
         */
        public Standard reverseAtHalfTime(final boolean reverseAtHalfTime)
        {
            this.reverseAtHalfTime = reverseAtHalfTime;
            return this;
        }

        /**
         * @param dutyPermille the pulse duty, 1000 (the default) for continuous output.
         * @return this.
         */
        public Standard dutyPermille(final int dutyPermille)
        {
            this.dutyPermille = dutyPermille;
            return this;
        }

        /**
         * @return the plan's builder with every value set, to change one more by name.
         * @throws IllegalStateException when the target was not named.
         */
        public SessionPlan.Builder builder()
        {
            if (Double.isNaN(targetUa))
            {
                throw new IllegalStateException("a standard test plan names its targetUa");
            }
            return SessionPlan.builder()
                .prescriptionId("test")
                .authorised(true)
                .startUa(targetUa)
                .capUa(Math.max(targetUa, 20_000))
                .stepUa(500)
                .rampRateUaPerS(1_000)
                .durationNs(durationNs)
                .doseTargetUc(doseTargetUc)
                .maxSessionNs(maxSessionNs >= 0 ? maxSessionNs : Math.max(durationNs, HOUR_NS))
                .tripLevelUa(25_000)
                .densityLimitUa(30_000)
                .doseTripUc(doseTargetUc > 0 ? doseTargetUc * 1.02 + 1 : 1e12)
                .reverseAtHalfTime(reverseAtHalfTime)
                .dutyPermille(dutyPermille)
                .peakLimitUa(25_000)
                .contactTestUa(50)
                .contactMaxOhm(50_000)
                .contactMinOhm(300);
        }

        /**
         * @return the concluded plan.
         */
        public SessionPlan conclude()
        {
            return builder().conclude();
        }
    }
}
