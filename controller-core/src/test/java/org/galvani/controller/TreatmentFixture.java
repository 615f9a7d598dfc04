package org.galvani.controller;

import org.galvani.control.DoseMeter;
import org.galvani.control.SetpointRamp;
import org.galvani.control.Titration;
import org.galvani.session.SessionPlan;
import org.galvani.testing.TestPlans;

/**
 * A {@link Treatment} with the parts it reads (ramp, titration, dose), at 1 kHz, for tests that play the
 * controller's part ({@link TreatmentTest}, {@link TreatmentBoundaryTest}); one instance a test, not thread-safe.
 */
abstract class TreatmentFixture
{
    static final long PERIOD_NS = 1_000_000L;

    final ControllerContext ctx = TestPlans.context().conclude();
    final SetpointRamp ramp = new SetpointRamp(PERIOD_NS);
    final Titration titration = new Titration();
    final DoseMeter dose = new DoseMeter(PERIOD_NS);
    final Treatment treatment = new Treatment(ctx, ramp, titration, dose);

    /** Arms the treatment and loads its parts from the plan, as the controller does at a session's start. */
    void arm(final SessionPlan plan)
    {
        treatment.arm(plan);
        titration.load(plan.startUa(), plan.stepUa(), plan.capUa(), plan.peakLimitUa(), plan.densityLimitUa(),
            plan.dutyPermille());
        ramp.rate(plan.rampRateUaPerS());
        dose.reset();
    }
}
