package org.galvani.hal.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.hal.HardwareDriver;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.TripCause;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-18: the driver's independent safety channel stops an overcurrent or overcharge that the Java side does
 * not (a "rogue controller"): a loop that commands full scale and never looks at the sample, and a real
 * {@link Controller} whose PID output is replaced by full scale and whose monitor is fed a sample that hides the
 * current. The bound is counted in sim steps of the ground truth.
 */
class NativeSafetyChannelTest
{
    private static final double LIMIT_UA = 20_000.0;
    private static final String LOW_LOAD = FullScaleRun.LOW_LOAD;

    @Test
    @DisplayName("SR-18 a rogue loop commanding full scale: the true current exceeds the C limit for at most 1 step, then stays off")
    void rogueLoopStoppedWithinOneStep()
    {
        try (JnaSimDriver sim = JnaSimDriver.open("seed=5, watchdog_ms=0, " + LOW_LOAD + ", " +
            JnaHardwareDriver.safetyLimitConfig(LIMIT_UA)))
        {
            assertEquals(LIMIT_UA, sim.limitCurrentUa());
            final FullScaleRun run = FullScaleRun.drive(sim, LIMIT_UA, 500);
            assertTrue(run.latchedAt() >= 0, "the channel latched");
            assertTrue(run.longestOverSteps() <= 1, "true current above the limit for " + run.longestOverSteps() +
                " consecutive steps");
            assertTrue(run.offAfterLatch(), "output stays off after the latch");
            final HalCommand fullScale = new HalCommand().set(sim.info().dacMaxCode(), false, true, 1000);
            assertEquals(HalErrorCode.SAFETY_LATCHED, sim.actuate(fullScale));
            final double[] state = sim.safetyState();
            assertEquals(1.0, state[0], "cause: current");
            assertTrue(state[1] > LIMIT_UA && state[2] == LIMIT_UA, Arrays.toString(state));
        }
    }

    /**
     * A Java defect on both sides of the controller: the PID's output is replaced by full scale whenever the output
     * is on, and the monitor is shown a perfectly plausible lie — both current channels, the electrode voltage and
     * the DAC read-back exactly as the Java command would give on a 1 kΩ load, no latch bit — so no Java check
     * (SR-2 ... SR-11) can see anything wrong. Only the C channel sees the real current.
     */
    private static final class RogueDriver implements HardwareDriver
    {
        private final JnaSimDriver sim;
        private final HalCommand rogue = new HalCommand();
        private final HalCommand told = new HalCommand();
        private final HalSample real = new HalSample();

        RogueDriver(final JnaSimDriver sim)
        {
            this.sim = sim;
        }

        @Override
        public HalInfo info()
        {
            return sim.info();
        }

        @Override
        public int sample(final HalSample into)
        {
            final int result = sim.sample(real);
            final HalInfo info = sim.info();
            final double ua = told.outputEnabled() ? told.dacCode() * info.dacUaPerCode() : 0.0;
            final int code = (int)Math.round(ua / info.currentAUaPerLsb());
            final int volts = (int)Math.round(ua * 1e-3 * 1_000.0 / info.electrodeMvPerLsb());
            into.set(told.polarityReversed() ? -code : code, told.polarityReversed() ? -code : code,
                told.polarityReversed() ? -volts : volts, real.supplyVoltageRaw(),
                (int)Math.round(told.dacCode() / info.readbackCodesPerLsb()),
                (told.outputEnabled() ? HalStatus.OUTPUT_ENABLED : 0) |
                    (told.polarityReversed() ? HalStatus.POLARITY_REVERSED : 0), real.sequence());
            return result;
        }

        @Override
        public int actuate(final HalCommand command)
        {
            told.set(command.dacCode(), command.polarityReversed(), command.outputEnabled(), command.dutyPermille());
            rogue.set(command.outputEnabled() ? sim.info().dacMaxCode() : command.dacCode(),
                command.polarityReversed(), command.outputEnabled(), command.dutyPermille());
            sim.actuate(rogue);
            return HalErrorCode.OK; // the refusal is hidden too
        }

        @Override
        public int kick()
        {
            return sim.kick();
        }

        @Override
        public int armSafetyChannel(final double chargeCeilingUc, final boolean polarityReversed)
        {
            return sim.armSafetyChannel(chargeCeilingUc, polarityReversed);
        }

        @Override
        public String describeError(final int code)
        {
            return sim.describeError(code);
        }

        @Override
        public void close()
        {
            sim.close();
        }
    }

    private static SessionPlan plan(final double doseTripUc)
    {
        return SessionPlan.builder()
            .prescriptionId("rogue")
            .authorised(true)
            .startUa(2_000)
            .capUa(5_000)
            .stepUa(500)
            .rampRateUaPerS(5_000)
            .durationNs(600_000_000_000L)
            .maxSessionNs(600_000_000_000L)
            .tripLevelUa(6_000)
            .densityLimitUa(30_000)
            .doseTripUc(doseTripUc)
            .peakLimitUa(5_000)
            .contactTestUa(300)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
    }

    /** A controller on the driver with SCREEN, ARM and START queued for its first tick. */
    private static SessionDriver session(final HardwareDriver driver, final SessionPlan plan)
    {
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(1_000_000L)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, 1_000_000L)).conclude();
        final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
        final SessionDriver session =
            new SessionDriver(new Controller(ctx, driver, inbox, JournalSink.NONE, new StatusPublisher()), inbox);
        session.postBegin(new ScreeningDecision(true, "clear"), plan);
        return session;
    }

    @Test
    @DisplayName("SR-18 a controller whose PID commands full scale and whose monitor is blinded: the C channel stops the overcurrent within 1 step")
    void rogueControllerOvercurrent()
    {
        final JnaSimDriver sim = JnaSimDriver.open("seed=9, watchdog_ms=0, " + LOW_LOAD + ", " +
            JnaHardwareDriver.safetyLimitConfig(LIMIT_UA));
        try (RogueDriver rogue = new RogueDriver(sim))
        {
            final SessionDriver session = session(rogue, plan(1e12));
            final Controller controller = session.controller();
            final SimTruth truth = new SimTruth();
            int over = 0;
            int worst = 0;
            int offSteps = 0;
            for (int i = 0; i < 2_000; i++)
            {
                session.tick();
                sim.truth(truth);
                over = Math.abs(truth.currentUa()) > LIMIT_UA ? over + 1 : 0;
                worst = Math.max(worst, over);
                offSteps += truth.outputOn() ? 0 : 1;
            }
            assertTrue(sim.safetyState()[5] >= 1, "the channel latched: " + Arrays.toString(sim.safetyState()));
            assertTrue(worst <= 1, "true current above the C limit for " + worst + " consecutive steps");
            assertTrue(offSteps > 1_900, "output off after the latch (" + offSteps + " of 2000 steps off)");
            assertTrue(controller.state().outputAllowed(), "the blinded Java side never noticed: " + controller.state());
        }
    }

    @Test
    @DisplayName("SR-18 the session charge ceiling set at arm stops a rogue controller that never stops delivering")
    void rogueControllerOvercharge()
    {
        final JnaSimDriver sim = JnaSimDriver.open("seed=11, watchdog_ms=0, " + JnaHardwareDriver.safetyLimitConfig(
            49_900));
        try (RogueDriver rogue = new RogueDriver(sim))
        {
            final double doseTripUc = 2_000.0;
            final SessionDriver session = session(rogue, plan(doseTripUc));
            final Controller controller = session.controller();
            final SimTruth truth = new SimTruth();
            double trueChargeUc = 0.0;
            for (int i = 0; i < 3_000; i++)
            {
                session.tick();
                sim.truth(truth);
                trueChargeUc += Math.abs(truth.currentUa()) * 1e-3;
            }
            final double[] state = sim.safetyState();
            assertEquals(3.0, state[0], "cause: charge " + Arrays.toString(state));
            final double ceiling = Controller.nativeChargeCeilingUc(plan(doseTripUc));
            assertEquals(doseTripUc * Controller.NATIVE_CHARGE_MARGIN, ceiling, 1e-9);
            // one 1 ms step at full scale (≤ 50 mA) is at most 50 µC beyond the ceiling
            assertTrue(trueChargeUc <= ceiling + 50.0, "true charge " + trueChargeUc + " µC, ceiling " + ceiling);
            assertFalse(truth.outputOn());
        }
    }

    @Test
    @DisplayName("SR-18 a latch makes the (working) monitor trip NATIVE_SAFETY_CHANNEL; an authorised end of session clears it")
    void monitorTripsOnTheLatch()
    {
        try (JnaSimDriver sim = JnaSimDriver.open("seed=4, watchdog_ms=0, limit_dac_code=1"))
        {
            final SessionDriver session = session(sim, plan(1e12));
            final Controller controller = session.controller();
            for (int i = 0; i < 50 && controller.state() != SessionState.FAULT; i++)
            {
                session.tick();
            }
            assertEquals(SessionState.FAULT, controller.state());
            assertTrue(controller.lastTrip().cause() == TripCause.NATIVE_SAFETY_CHANNEL ||
                controller.lastTrip().cause() == TripCause.DRIVER_ERROR, controller.lastTrip().toString());
            assertEquals(2.0, sim.safetyState()[0], "cause: DAC code");
            assertEquals("SR-18", TripCause.NATIVE_SAFETY_CHANNEL.requirement());
        }
    }

    @Test
    @DisplayName("a closed driver refuses every call, and its stale handle is refused by the library after the slot is reused")
    void refusesAfterClose()
    {
        final JnaSimDriver first = JnaSimDriver.open("watchdog_ms=0");
        final int stale = first.handle();
        first.close();
        try (JnaSimDriver second = JnaSimDriver.open("watchdog_ms=0"))
        {
            assertNotEquals(stale, second.handle(), "a reopened slot has a new generation");
            final HalSample sample = new HalSample();
            assertEquals(HalErrorCode.HANDLE, first.sample(sample));
            assertEquals(HalErrorCode.HANDLE, first.actuate(new HalCommand().safe()));
            assertEquals(HalErrorCode.HANDLE, first.kick());
            assertEquals(HalErrorCode.HANDLE, first.armSafetyChannel(0, false));
            assertEquals(HalErrorCode.HANDLE, first.truth(new SimTruth()));
            assertEquals(HalErrorCode.HANDLE, assertThrows(HalException.class,
                () -> first.inject(SimFault.SHORT, null, 0, 1, 0)).code());
            assertEquals(HalErrorCode.HANDLE, GalvaniNative.galvani_hal_sample(stale, null));
            assertEquals(HalErrorCode.OK, second.sample(sample), "the new owner is untouched");
        }
    }

    @Test
    @DisplayName("ABI layout self-test: the library's block layout matches the binding; a differing one is named clearly")
    void layoutSelfTest()
    {
        GalvaniNative.ensureLoaded();
        assertNull(GalvaniNative.checkLayout());
        final int[] other = NativeLayout.EXPECTED.clone();
        other[6] = 28;
        other[8] = 16;
        final String message = NativeLayout.mismatch(other);
        assertTrue(message.contains("sample offset status is 28 in the library, 20 in the Java binding") &&
            message.contains("info count is 16 in the library, 24"), message);
        assertTrue(NativeLayout.mismatch(new int[3]).contains("missing"));
    }
}
