package org.galvani.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.galvani.command.CommandDescriptor;
import org.galvani.command.CommandInbox;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.controller.TickTiming;
import org.galvani.hal.jna.SimChannel;
import org.galvani.hal.jna.SimFault;
import org.galvani.safety.TripCause;
import org.galvani.safety.Verdict;
import org.galvani.session.RejectReason;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Each trip through the whole stack: a fault injected into the native sim, the safety monitor's verdict,
 * and the output off (DAC 0, output-enable off) in the same tick that saw the fault.
 */
class SafetyScenarioTest
{
    private static final long MINUTE_NS = 60_000_000_000L;

    /** A session treating at 10 mA; returns the sim step of the latest sample. */
    private static long treating(final SimSession s)
    {
        s.begin(TestPlans.standard().targetUa(10_000).durationNs(5 * MINUTE_NS).conclude(), 20_000);
        s.ticks(500);
        assertEquals(SessionState.TREATING, s.controller.state());
        return s.controller.sample().sequence();
    }

    /** Ticks until a TRIP verdict; asserts the output was off in that very tick; returns the record's cause. */
    private static TripCause tripsWithin(final SimSession s, final int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            s.tick();
            final TickRecord r = s.controller.record();
            if (r.verdict == Verdict.TRIP)
            {
                assertFalse(r.command.outputEnabled(), "output enable off in the trip tick");
                assertEquals(0, r.command.dacCode(), "DAC zero in the trip tick");
                assertEquals(SessionState.FAULT.code(), r.stateAfter);
                return TripCause.fromCode(r.tripCause);
            }
            assertTrue(r.command.outputEnabled(), "output still on before the trip, tick " + r.tick);
        }
        throw new AssertionError("no trip within " + ticks + " ticks; state " + s.controller.state());
    }

    @Test
    @DisplayName("SR-3 overcurrent: both current channels read above the trip level → TRIP in the same tick")
    void overcurrent()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            final long step = treating(s);
            // +16 mA on both channels (10,500 LSB at 1.53 µA/LSB): 26 mA > the 25 mA trip level.
            s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_A, step + 5, -1, 10_500);
            s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_B, step + 5, -1, 10_500);
            assertEquals(TripCause.OVERCURRENT, tripsWithin(s, 20));
            assertEquals(TripCause.OVERCURRENT, s.status().lastTripCause());
            assertTrue(s.status().lastTripMeasured() > 25_000, "the measured value that tripped is reported");
        }
    }

    @Test
    @DisplayName("SR-4 current density: average current above density limit × area → TRIP after its debounce")
    void density()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
            // 8 mA allowed by a 16 cm² electrode at 0.5 mA/cm²; the loop targets 7 mA.
            s.send(SessionEvent.ARM, 0, TestPlans.densityLimited());
            s.send(SessionEvent.START, 0, null);
            s.until(SessionState.TREATING, 20_000);
            final long step = s.controller.sample().sequence();
            s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_A, step + 3, -1, 1_500);
            s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_B, step + 3, -1, 1_500);
            assertEquals(TripCause.CURRENT_DENSITY, tripsWithin(s, 20));
        }
    }

    @Test
    @DisplayName("SR-5 electrode voltage above the compliance limit → TRIP (default maker policy)")
    void complianceVoltage()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            final long step = treating(s);
            s.sim.inject(SimFault.ADC_OFFSET, SimChannel.ELECTRODE_V, step + 3, -1, 8_200);
            assertEquals(TripCause.COMPLIANCE_VOLTAGE, tripsWithin(s, 20));
        }
    }

    @Test
    @DisplayName("SR-6 short circuit (both electrodes in one tray) → TRIP")
    void shortCircuit()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            final long step = treating(s);
            s.sim.inject(SimFault.SHORT, null, step + 3, -1, 5);
            assertEquals(TripCause.SHORT_CIRCUIT, tripsWithin(s, 20));
        }
    }

    @Test
    @DisplayName("SR-7 redundant current channels disagree → TRIP")
    void channelDisagreement()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            final long step = treating(s);
            s.sim.inject(SimFault.CHANNEL_DISAGREE, null, step + 3, -1, 0.8);
            assertEquals(TripCause.CHANNEL_DISAGREEMENT, tripsWithin(s, 20));
        }
    }

    @Test
    @DisplayName("SR-7 ADC channel at its rail → TRIP in the same tick")
    void adcOutOfRange()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            final long step = treating(s);
            s.sim.inject(SimFault.ADC_OUT_OF_RANGE, SimChannel.CURRENT_B, step + 3, -1, 1);
            assertEquals(TripCause.ADC_OUT_OF_RANGE, tripsWithin(s, 20));
        }
    }

    @Test
    @DisplayName("SR-8 DAC stuck: read-back differs from the command → TRIP")
    void dacStuck()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            final long step = treating(s);
            s.sim.inject(SimFault.DAC_STUCK, null, step + 3, -1, 0);
            s.send(SessionEvent.STOP, 0, null); // the ramp down moves the command away from the stuck code
            assertEquals(TripCause.DAC_READBACK, tripsWithin(s, 2_000));
        }
    }

    @Test
    @DisplayName("SR-9 a tick longer than the overrun bound → TRIP in the next tick")
    void overrun()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            treating(s);
            s.driver.tick(new TickTiming().lastTickDurationNs(50_000_000L).conclude());
            final TickRecord r = s.controller.record();
            assertEquals(Verdict.TRIP, r.verdict);
            assertEquals(TripCause.TICK_OVERRUN.code(), r.tripCause);
            assertFalse(r.command.outputEnabled());
        }
    }

    @Test
    @DisplayName("SR-9 a tick starting later than the overrun bound (a pause between ticks) → TRIP in that tick")
    void pauseBetweenTicks()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            treating(s);
            s.driver.tick(new TickTiming().latenessNs(40_000_000L).conclude());
            final TickRecord r = s.controller.record();
            assertEquals(Verdict.TRIP, r.verdict);
            assertEquals(TripCause.TICK_OVERRUN.code(), r.tripCause);
            assertFalse(r.command.outputEnabled());
        }
    }

    @Test
    @DisplayName("SR-9 consecutive late ticks → TRIP")
    void lateTicks()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            treating(s);
            final TickTiming late = new TickTiming().latenessNs(800_000L).conclude();
            int ticks = 0;
            while (s.controller.state() != SessionState.FAULT && ticks < 100)
            {
                s.driver.tick(late);
                ticks++;
            }
            assertEquals(SessionState.FAULT, s.controller.state());
            assertEquals(TripCause.LATE_TICKS, s.status().lastTripCause());
            assertEquals(s.controller.context().monitorLimits().lateTickTripCount(), ticks);
        }
    }

    @Test
    @DisplayName("SR-13 the driver returns an error code → TRIP in the same tick, safe output")
    void driverError()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            final long step = treating(s);
            s.sim.inject(SimFault.DRIVER_ERROR, null, step + 3, 50, -6);
            assertEquals(TripCause.DRIVER_ERROR, tripsWithin(s, 20));
            assertEquals(-6.0, s.status().lastTripMeasured(), "the driver's code is reported");
        }
    }

    @Test
    @DisplayName("SR-14 a journal that cannot store a record → safe state in the next tick")
    void journalFailure()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            treating(s);
            s.journalFails = true;
            s.tick();
            assertEquals(TripCause.JOURNAL_FAILURE, tripsWithin(s, 2));
        }
    }

    @Test
    @DisplayName("SR-12 SR-16 e-stop: output off in the tick the command is seen, latched until an authorised reset")
    void emergencyStop()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            treating(s);
            s.send(SessionEvent.E_STOP, 0, null);
            assertEquals(SessionState.E_STOP, s.controller.state());
            assertFalse(s.controller.record().command.outputEnabled(), "output off in the e-stop tick");
            assertEquals(0, s.controller.record().command.dacCode());

            for (final SessionEvent attempt : new SessionEvent[] {SessionEvent.START, SessionEvent.RESUME})
            {
                s.send(attempt, 0, null);
                assertEquals(SessionState.E_STOP, s.controller.state());
                assertEquals(RejectReason.LATCHED, s.status().lastRejectReason());
            }
            s.send(SessionEvent.RESET, 0, new ResetAuthorisation("mallory", "let me", false));
            assertEquals(SessionState.E_STOP, s.controller.state());
            assertEquals(RejectReason.RESET_NOT_AUTHORISED, s.status().lastRejectReason());
            s.send(SessionEvent.RESET, 0, new ResetAuthorisation("dr-a", " ", true));
            assertEquals(SessionState.E_STOP, s.controller.state(), "a reset needs a reason");
            s.send(SessionEvent.RESET, 0, new ResetAuthorisation("dr-a", "patient asked to stop; checked", true));
            assertEquals(SessionState.ARMED, s.controller.state(), "authorised reset continues the session from ARMED");
            s.ticks(100);
            assertEquals(0, s.controller.command().dacCode(), "no output until START");
        }
    }

    @Test
    @DisplayName("SR-12 a sender stalled mid-claim (ring slot claimed, never committed) does not delay the e-stop: "
        + "output off in the next tick")
    void emergencyStopPastSenderStalledMidClaim() throws Exception
    {
        final UnsafeBuffer memory = new UnsafeBuffer(
            ByteBuffer.allocateDirect(64 * 1024 + RingBufferDescriptor.TRAILER_LENGTH));
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0", SimSession.context(1_000_000L),
            new CommandInbox(memory)))
        {
            treating(s);
            final ManyToOneRingBuffer sameRing = new ManyToOneRingBuffer(memory); // a second sender's view
            final CountDownLatch claimed = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);
            final Thread stalled = new Thread(() ->
            {
                final int index = sameRing.tryClaim(SessionEvent.STOP.code() + 1, CommandDescriptor.LENGTH);
                claimed.countDown();
                try
                {
                    release.await(); // preempted between claim and commit: holds every later ring message
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                sameRing.buffer().putLong(index + CommandDescriptor.COMMAND_ID_OFFSET, 1_000_000);
                sameRing.buffer().putInt(index + CommandDescriptor.SLOT_OFFSET, -1);
                sameRing.commit(index);
            }, "ui-sender-stalled-mid-claim");
            stalled.start();
            assertTrue(claimed.await(10, TimeUnit.SECONDS));
            final long accepted = s.status().lastAcceptedCommandId();
            s.inbox.send(SessionEvent.PAUSE, 0, null); // queued behind the stalled claim
            s.ticks(50);
            assertEquals(SessionState.TREATING, s.controller.state(), "the ring is held by the stalled sender");
            assertEquals(accepted, s.status().lastAcceptedCommandId(), "nothing drained from the ring");

            final long[] estopId = new long[1];
            final Thread button = new Thread(() -> estopId[0] = s.inbox.send(SessionEvent.E_STOP, 0, null), "e-stop");
            button.start();
            button.join(10_000);
            final long estopTick = s.controller.tick();
            s.tick();
            assertEquals(SessionState.E_STOP, s.controller.state(), "acted on in the next tick, sender still stalled");
            assertFalse(s.controller.record().command.outputEnabled(), "output off in that tick");
            assertEquals(0, s.controller.record().command.dacCode());
            assertEquals(estopId[0], s.status().lastAcceptedCommandId());
            assertTrue(s.events.stream().anyMatch(e -> e.type() == EventType.COMMAND_ACCEPTED &&
                e.tick() == estopTick && e.sessionEvent() == SessionEvent.E_STOP.code()), "journaled in that tick");
            assertTrue(stalled.isAlive(), "the sender was stalled throughout");

            release.countDown();
            stalled.join(10_000);
            s.tick();
            assertEquals(SessionState.E_STOP, s.controller.state(), "the late commands find the e-stop latched");
            assertEquals(RejectReason.LATCHED, s.status().lastRejectReason());
        }
    }

    @Test
    @DisplayName("SR-1 SR-2 a blocked screening never arms; no current whatever commands arrive")
    void blockedScreeningNeverArms()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(false, "IMPLANTED_ELECTRONIC_DEVICE: absolute block"));
            assertEquals(RejectReason.SCREENING_BLOCKS, s.status().lastRejectReason());
            final SessionEvent[] barrage = {SessionEvent.ARM, SessionEvent.START, SessionEvent.RESUME,
                SessionEvent.ADJUST, SessionEvent.PAUSE, SessionEvent.STOP, SessionEvent.RESET};
            for (int round = 0; round < 20; round++)
            {
                for (final SessionEvent e : barrage)
                {
                    s.send(e, 3, TestPlans.standard().targetUa(10_000).durationNs(MINUTE_NS).conclude());
                    assertEquals(SessionState.IDLE, s.controller.state());
                    assertEquals(0, s.controller.command().dacCode());
                    assertFalse(s.controller.command().outputEnabled());
                }
            }
            s.ticks(1_000);
            assertEquals(0, s.controller.command().dacCode());
        }
    }

    @Test
    @DisplayName("SR-16 an unauthorised prescription is refused at ARM")
    void unauthorisedPrescription()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
            s.send(SessionEvent.ARM, 0, org.galvani.session.SessionPlan.builder()
                .prescriptionId("forged")
                .authorised(false)
                .startUa(4_000)
                .capUa(4_000)
                .stepUa(500)
                .rampRateUaPerS(1_000)
                .durationNs(MINUTE_NS)
                .maxSessionNs(MINUTE_NS)
                .tripLevelUa(6_000)
                .densityLimitUa(8_000)
                .doseTripUc(1e12)
                .peakLimitUa(6_000)
                .contactTestUa(50)
                .contactMaxOhm(50_000)
                .contactMinOhm(300)
                .conclude());
            assertEquals(SessionState.SCREENED, s.controller.state());
            assertEquals(RejectReason.PRESCRIPTION_NOT_AUTHORISED, s.status().lastRejectReason());
        }
    }

    @Test
    @DisplayName("SR-6 pre-ramp contact check: no water (open circuit) refuses the start, back to ARMED, DAC never above the test current")
    void contactCheckNoWater()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            s.sim.inject(SimFault.OPEN_CIRCUIT, null, 0, -1, 0);
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
            s.send(SessionEvent.ARM, 0, TestPlans.standard().targetUa(10_000).durationNs(5 * MINUTE_NS).conclude());
            s.send(SessionEvent.START, 0, null);
            double largestSetpointUa = 0;
            for (int i = 0; i < 2_000 && s.controller.state() == SessionState.RAMP_UP; i++)
            {
                s.tick();
                largestSetpointUa = Math.max(largestSetpointUa, s.controller.record().setpointUa);
            }
            assertEquals(SessionState.ARMED, s.controller.state(), "start refused");
            assertTrue(largestSetpointUa <= 50.0, "never above the 50 µA test current: " + largestSetpointUa);
            assertFalse(s.controller.command().outputEnabled());
        }
    }

    @Test
    @DisplayName("SR-6 pre-ramp contact check: dry skin above the contact limit refuses the start with the measured impedance journaled")
    void contactCheckDrySkin()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0, r_skin_initial_ohm=80000, r_skin_final_ohm=80000"))
        {
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
            s.send(SessionEvent.ARM, 0, TestPlans.standard().targetUa(10_000).durationNs(5 * MINUTE_NS).conclude());
            s.send(SessionEvent.START, 0, null);
            s.until(SessionState.ARMED, 2_000);
            assertEquals(SessionState.ARMED, s.controller.state(), "start refused");
            final SimSession.Event check = s.events.stream()
                .filter(e -> e.type() == org.galvani.controller.EventType.CONTACT_CHECK).findFirst().orElseThrow();
            assertTrue(check.measured() > 50_000 && check.measured() < 100_000, "measured " + check.measured());
            assertEquals(50_000, check.limit(), 1e-9);
        }
    }

    @Test
    @DisplayName("SR-6 pre-ramp contact check: both electrodes in one tray (a short) → TRIP, never ramps")
    void contactCheckShort()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            s.sim.inject(SimFault.SHORT, null, 0, -1, 50);
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
            s.send(SessionEvent.ARM, 0, TestPlans.standard().targetUa(10_000).durationNs(5 * MINUTE_NS).conclude());
            s.send(SessionEvent.START, 0, null);
            s.until(SessionState.FAULT, 2_000);
            assertEquals(SessionState.FAULT, s.controller.state());
            assertEquals(TripCause.CONTACT_CHECK_SHORT, s.controller.lastTrip().cause());
            assertFalse(s.controller.command().outputEnabled());
        }
    }

    @Test
    @DisplayName("SR-7 both current channels read wrong alike (a common-mode error the redundancy cannot see) → TRIP on the commanded current")
    void commonModeSensorError()
    {
        try (SimSession s = new SimSession("seed=1, watchdog_ms=0"))
        {
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
            s.send(SessionEvent.ARM, 0, TestPlans.standard().targetUa(4_000).durationNs(5 * MINUTE_NS).conclude());
            s.send(SessionEvent.START, 0, null);
            s.until(SessionState.TREATING, 20_000);
            s.ticks(500);
            final long step = s.controller.sample().sequence();
            // both channels read 765 µA high: the loop would lower the real current by 19 % and report 4 mA
            s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_A, step + 3, -1, 500);
            s.sim.inject(SimFault.ADC_OFFSET, SimChannel.CURRENT_B, step + 3, -1, 500);
            assertEquals(TripCause.CURRENT_COMMAND_MISMATCH, tripsWithin(s, 200));
        }
    }
}
