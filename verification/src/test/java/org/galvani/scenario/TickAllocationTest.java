package org.galvani.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TickRecord;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.hal.jna.SimFault;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The tick path allocates nothing: ≥ 1,000,000 ticks of a treating session on the native sim, after
 * warm-up, counted with the JVM's per-thread allocation counter — sample, monitor, commands (titration
 * steps arrive through the inbox during the count), state machine (a contact loss and re-ramp happen
 * during the count), PID, actuate, dose, status publication and a journal seam that copies every
 * tick record into a buffer.
 */
class TickAllocationTest
{
    /** A journal seam that copies the record's fields into a reused buffer, as a real journal would. */
    private static final class CopyingSink implements JournalSink
    {
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        long ticks;
        long events;

        @Override
        public boolean onTick(final TickRecord r)
        {
            buffer.putLong(0, r.tick);
            buffer.putInt(8, r.sample.currentARaw());
            buffer.putInt(12, r.sample.currentBRaw());
            buffer.putInt(16, r.stateAfter);
            buffer.putDouble(24, r.setpointUa);
            buffer.putDouble(32, r.pTerm + r.iTerm + r.dTerm + r.ffTerm);
            buffer.putInt(40, r.command.dacCode());
            buffer.putDouble(48, r.doseNormalUc + r.doseReversedUc);
            ticks++;
            return true;
        }

        @Override
        public boolean onEvent(final ControllerEvent e)
        {
            buffer.putInt(64, e.type.code());
            buffer.putLong(72, e.tick);
            events++;
            return true;
        }
    }

    @Test
    @DisplayName("tick path: 0 bytes allocated over 1,000,000 ticks against the native sim, journal seam included")
    void zeroAllocationPerTick()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final ControllerContext ctx = SimSession.context(1_000_000L);
        final CopyingSink sink = new CopyingSink();
        final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
        try (JnaSimDriver sim = JnaSimDriver.open("seed=21, watchdog_ms=0"))
        {
            final Controller controller = new Controller(ctx, sim, inbox, sink, new StatusPublisher());
            final SessionDriver driver = new SessionDriver(controller, inbox);
            driver.postBegin(new ScreeningDecision(true, "clear"),
                TestPlans.standard().targetUa(10_000).durationNs(3_600_000_000_000L).conclude());
            for (int i = 0; i < 200_000; i++)
            {
                driver.tick();
                if (i == 100_000)
                {
                    inbox.send(SessionEvent.ADJUST, 1, null);
                }
            }
            assertEquals(SessionState.TREATING, controller.state());
            // A hand out of the water during the count: hold-off, probe, contact check, re-ramp.
            final long step = controller.sample().sequence();
            sim.inject(SimFault.OPEN_CIRCUIT, null, step + 300_000, 2_000, 0);

            final long ticks = 1_000_000;
            final long eventsBefore = sink.events;
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (long i = 0; i < ticks; i++)
            {
                driver.tick();
                if (i == 500_000 || i == 600_000)
                {
                    inbox.send(SessionEvent.ADJUST, i == 500_000 ? -1 : 1, null);
                }
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertEquals(SessionState.TREATING, controller.state());
            assertTrue(sink.events - eventsBefore >= 6, "the count covered commands and state changes");
            assertEquals(0L, allocated, "bytes allocated over " + ticks + " ticks");
        }
    }
}
