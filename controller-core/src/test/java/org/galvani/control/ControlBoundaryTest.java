package org.galvani.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.galvani.session.Clamp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The setpoint ramp (SR-10), the titration caps (SR-16, SR-17) and the dose meter (SR-11) at their exact
 * boundaries, on their own rather than through the controller. Written from PIT's survivors of the
 * {@code control} package (docs/qa-campaign.md): values are chosen so that each comparison is met exactly
 * (1 kHz, 1,000 µA/s: a ramp step of exactly 1 µA).
 */
class ControlBoundaryTest
{
    private static final long PERIOD_NS = 1_000_000L;

    @Test
    @DisplayName("SR-10: the ramp moves by exactly one step toward its goal, lands on a goal one step away, and falls at the same rate")
    void rampSteps()
    {
        final SetpointRamp ramp = new SetpointRamp(PERIOD_NS);
        ramp.rate(1_000.0);
        assertEquals(1.0, ramp.stepUa(), 1e-12);
        ramp.goal(3.0);
        assertEquals(3.0, ramp.goalUa());
        assertEquals(false, ramp.atGoal());
        assertEquals(1.0, ramp.advance(), 1e-12);
        assertEquals(false, ramp.atGoal(), "one step of three");
        assertEquals(2.0, ramp.advance(), 1e-12);
        assertEquals(3.0, ramp.advance(), 1e-12, "a goal exactly one step away is reached");
        assertEquals(true, ramp.atGoal());
        assertEquals(3.0, ramp.advance(), 1e-12, "at the goal it stays");
        ramp.goal(1.0);
        assertEquals(2.0, ramp.advance(), 1e-12, "falls one step");
        assertEquals(1.0, ramp.advance(), 1e-12, "a lower goal exactly one step away is reached");
        ramp.goal(-5.0);
        assertEquals(0.0, ramp.goalUa(), "a negative goal is zero");
        assertEquals(0.0, ramp.advance(), 1e-12);
    }

    @Test
    @DisplayName("SR-10: the compliance hold lowers the setpoint to the bound, never raises it, and never below zero")
    void holdAtMost()
    {
        final SetpointRamp ramp = new SetpointRamp(PERIOD_NS);
        ramp.rate(1_000.0);
        ramp.goal(10.0);
        for (int i = 0; i < 10; i++)
        {
            ramp.advance();
        }
        ramp.holdAtMost(10.0);
        assertEquals(10.0, ramp.setpointUa(), "a bound equal to the setpoint changes nothing");
        ramp.holdAtMost(20.0);
        assertEquals(10.0, ramp.setpointUa(), "a bound above never raises it");
        ramp.holdAtMost(4.0);
        assertEquals(4.0, ramp.setpointUa());
        ramp.holdAtMost(-3.0);
        assertEquals(0.0, ramp.setpointUa());
    }

    @Test
    @DisplayName("SR-16 SR-17: a request exactly at a cap is not clamped; above it, the lowest cap wins and every cap that acted is named")
    void titrationCaps()
    {
        final Titration titration = new Titration();
        // start 1000, step 250, cap 2000, peak limit 3000, density 1500 µA average at 500 ‰ = 3000 µA peak
        titration.load(1_000, 250, 2_000, 3_000, 1_500, 500);
        assertEquals(1_000.0, titration.targetUa());
        assertEquals(2_000.0, titration.capUa());
        assertEquals(0, titration.adjust(4), "exactly at the cap: no clamp");
        assertEquals(2_000.0, titration.targetUa());
        assertEquals(Clamp.TITRATION_CAP.bit(), titration.adjust(1));
        assertEquals(2_000.0, titration.targetUa());
        assertEquals(Clamp.TITRATION_CAP.bit(), titration.clamps());
        assertEquals(0, titration.adjust(-2));
        assertEquals(1_500.0, titration.targetUa());
        assertEquals(0, titration.adjust(-100), "below zero is zero, no clamp");
        assertEquals(0.0, titration.targetUa());

        final Titration peak = new Titration();
        peak.load(500, 500, 5_000, 1_000, 10_000, 1000);
        assertEquals(0, peak.adjust(1), "exactly at the peak limit: no clamp");
        assertEquals(Clamp.PEAK_LIMIT.bit(), peak.adjust(1));
        assertEquals(1_000.0, peak.targetUa());

        final Titration density = new Titration();
        density.load(500, 500, 5_000, 5_000, 500, 500);
        assertEquals(0, density.adjust(1), "exactly at the density peak (500 µA average at 500 ‰): no clamp");
        assertEquals(1_000.0, density.targetUa());
        assertEquals(Clamp.DENSITY_CAP.bit(), density.adjust(1));
        assertEquals(1_000.0, density.targetUa());

        final Titration all = new Titration();
        all.load(9_000, 100, 2_000, 1_500, 600, 1000);
        assertEquals(Clamp.TITRATION_CAP.bit() | Clamp.PEAK_LIMIT.bit() | Clamp.DENSITY_CAP.bit(), all.clamps(),
            "a start above every cap names all three");
        assertEquals(600.0, all.targetUa());
    }

    @Test
    @DisplayName("SR-11: the dose meter integrates |I| per polarity, totals both, and converts to mA·min")
    void doseMeter()
    {
        final DoseMeter dose = new DoseMeter(PERIOD_NS);
        dose.accumulate(1_000.0, false);
        dose.accumulate(-2_000.0, true);
        dose.accumulate(500.0, true);
        assertEquals(1.0, dose.normalUc(), 1e-12);
        assertEquals(2.5, dose.reversedUc(), 1e-12);
        assertEquals(3.5, dose.totalUc(), 1e-12);
        dose.restore(30_000.0, 30_000.0);
        assertEquals(1.0, dose.totalMaMin(), 1e-12, "60,000 µC is 1 mA·min");
        dose.reset();
        assertEquals(0.0, dose.totalUc());
        assertEquals(2_000.0 * 2_000.0 / 2_000.0, DoseMeter.rampDownChargeUc(2_000.0, 1_000.0), 1e-9);
    }
}
