package org.galvani.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.ControllerStatus;
import org.galvani.controller.EventType;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TickRecord;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.RejectReason;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile operator commands through the {@link CommandInbox} into a {@link Controller} on the native sim:
 * wrong attachment types, nulls, attachments with null or huge fields, ADJUST by Integer.MAX_VALUE and
 * MIN_VALUE, and a flood from several threads until the inbox is full. Each command is either refused at the
 * sender ({@link CommandInbox#REJECTED_FULL}) or reaches the control thread and is journaled exactly once as
 * accepted or rejected with its reason; the control thread never throws, and the measured current never
 * exceeds the titration cap by more than the loop's tolerance (SR-16, SR-17).
 */
class HostileCommandTest
{
    private static final long PERIOD_NS = 1_000_000L;
    private static final double CAP_UA = 10_000.0;

    private JnaSimDriver sim;
    private CommandInbox inbox;
    private Controller controller;
    private SessionDriver driver;
    private final StatusPublisher publisher = new StatusPublisher();
    /** Command id → journaled outcomes (accepted or rejected events) for it. */
    private final Map<Long, List<ControllerEvent>> outcomes = new HashMap<>();
    private double highestUa;

    @BeforeEach
    void open()
    {
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(PERIOD_NS)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, PERIOD_NS));
        sim = JnaSimDriver.open("seed=1, watchdog_ms=0");
        inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
        controller = new Controller(ctx, sim, inbox, new JournalSink()
        {
            @Override
            public boolean onTick(final TickRecord record)
            {
                return true;
            }

            @Override
            public boolean onEvent(final ControllerEvent e)
            {
                if (e.type == EventType.COMMAND_ACCEPTED || e.type == EventType.COMMAND_REJECTED)
                {
                    outcomes.computeIfAbsent(e.commandId, id -> new ArrayList<>()).add(new ControllerEvent().copyFrom(e));
                }
                return true;
            }
        }, publisher);
        driver = new SessionDriver(controller, inbox);
    }

    @AfterEach
    void close()
    {
        sim.close();
    }

    private void tick()
    {
        driver.tick();
        final ControllerStatus status = publisher.read(new ControllerStatus());
        highestUa = Math.max(highestUa, Math.abs(status.currentUa()));
    }

    private long send(final SessionEvent event, final int arg, final Object attachment)
    {
        final long id = inbox.send(event, arg, attachment);
        tick();
        return id;
    }

    private ControllerEvent outcome(final long id)
    {
        final List<ControllerEvent> list = outcomes.get(id);
        assertTrue(list != null && list.size() == 1, "command " + id + " journaled " + list);
        return list.get(0);
    }

    private void assertRejected(final long id, final RejectReason reason)
    {
        final ControllerEvent e = outcome(id);
        assertEquals(EventType.COMMAND_REJECTED, e.type, "command " + id);
        assertEquals(reason.code(), e.code, "command " + id);
    }

    private static SessionPlan titrationPlan(final boolean authorised)
    {
        return SessionPlan.builder()
            .prescriptionId("hostile")
            .authorised(authorised)
            .startUa(2_000)
            .capUa(CAP_UA)
            .stepUa(500)
            .rampRateUaPerS(1_000)
            .durationNs(10 * 60_000_000_000L)
            .maxSessionNs(20 * 60_000_000_000L)
            .tripLevelUa(CAP_UA + 1_000)
            .densityLimitUa(30_000)
            .doseTripUc(1e12)
            .peakLimitUa(CAP_UA)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .conclude();
    }

    private void armAndTreat()
    {
        assertNotEquals(CommandInbox.REJECTED_FULL, send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear")));
        send(SessionEvent.ARM, 0, titrationPlan(true));
        send(SessionEvent.START, 0, null);
        for (int i = 0; i < 20_000 && controller.state() != SessionState.TREATING; i++)
        {
            tick();
        }
        assertEquals(SessionState.TREATING, controller.state());
    }

    @Test
    @DisplayName("SR-1/SR-16 wrong attachment types and nulls are rejected with a journaled reason; nothing is armed")
    void wrongAttachments()
    {
        for (final Object wrong : new Object[] {null, "armable", 42, titrationPlan(true),
            new ResetAuthorisation("op", "r", true)})
        {
            assertRejected(send(SessionEvent.SCREEN, 0, wrong), RejectReason.NOTHING_SUBMITTED);
        }
        assertRejected(send(SessionEvent.SCREEN, 0, new ScreeningDecision(false, null)), RejectReason.SCREENING_BLOCKS);
        assertEquals(SessionState.IDLE, controller.state());
        send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, null));
        assertEquals(SessionState.SCREENED, controller.state());
        for (final Object wrong : new Object[] {null, new ScreeningDecision(true, "again"), "plan", new Object()})
        {
            assertRejected(send(SessionEvent.ARM, 0, wrong), RejectReason.NOTHING_SUBMITTED);
        }
        assertRejected(send(SessionEvent.ARM, 0, titrationPlan(false)), RejectReason.PRESCRIPTION_NOT_AUTHORISED);
        assertEquals(SessionState.SCREENED, controller.state());
        for (int i = 0; i < 200; i++)
        {
            tick();
        }
        assertEquals(0.0, highestUa, 200.0, "current flowed although nothing was armed");
        assertThrows(IllegalArgumentException.class, () -> inbox.send(SessionEvent.CONTACT_LOST, 0, null),
            "an internal event is refused at the sender");
        assertThrows(NullPointerException.class, () -> inbox.send(null, 0, null),
            "a null event is refused at the sender, never reaching the control thread");
    }

    @Test
    @DisplayName("SR-16/SR-17 ADJUST by Integer.MAX_VALUE and MIN_VALUE: journaled, target within the cap, current never above it")
    void hugeAdjustSteps()
    {
        armAndTreat();
        final List<Long> ids = new ArrayList<>();
        for (final int steps : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE,
            -1, Integer.MIN_VALUE + 1, Integer.MAX_VALUE})
        {
            ids.add(send(SessionEvent.ADJUST, steps, null));
            for (int i = 0; i < 3_000; i++)
            {
                tick();
                final ControllerStatus status = publisher.read(new ControllerStatus());
                assertTrue(status.targetUa() <= CAP_UA, "target " + status.targetUa() + " above the cap");
            }
        }
        for (final long id : ids)
        {
            assertEquals(EventType.COMMAND_ACCEPTED, outcome(id).type);
        }
        assertEquals(SessionState.TREATING, controller.state(), "no trip: the cap clamps, nothing overflows");
        assertTrue(highestUa <= CAP_UA * 1.05, "current reached " + highestUa + " µA above the cap " + CAP_UA);
    }

    @Test
    @DisplayName("a flood from 4 threads fills the inbox: each command is REJECTED_FULL at the sender or journaled exactly once")
    void floodFromSeveralThreads() throws InterruptedException
    {
        armAndTreat();
        final SessionEvent[] events = {SessionEvent.ADJUST, SessionEvent.ADJUST, SessionEvent.SCREEN, SessionEvent.ARM,
            SessionEvent.PAUSE, SessionEvent.RESUME, SessionEvent.RESET};
        final Object[] attachments = {null, "junk", 7, new ScreeningDecision(true, "x".repeat(100_000)),
            titrationPlan(true), titrationPlan(false), new ResetAuthorisation(null, null, true)};
        final Map<Long, Boolean> sent = new ConcurrentHashMap<>();
        final AtomicLong full = new AtomicLong();
        final AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++)
        {
            final long seed = t;
            final Thread sender = new Thread(() ->
            {
                try
                {
                    final SplittableRandom random = new SplittableRandom(seed);
                    for (int i = 0; i < 20_000; i++)
                    {
                        final SessionEvent event = events[random.nextInt(events.length)];
                        final int arg = random.nextBoolean() ? Integer.MAX_VALUE : random.nextInt();
                        final long id = inbox.send(event, arg, attachments[random.nextInt(attachments.length)]);
                        if (id == CommandInbox.REJECTED_FULL)
                        {
                            full.incrementAndGet();
                        }
                        else
                        {
                            sent.put(id, Boolean.TRUE);
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    senderFailure.set(ex);
                }
                finally
                {
                    done.countDown();
                }
            }, "hostile-sender-" + t);
            sender.start();
        }
        while (done.getCount() > 0)
        {
            tick();
        }
        for (int i = 0; i < 20_000; i++)
        {
            tick();
        }
        assertEquals(null, senderFailure.get());
        assertTrue(full.get() > 0, "the flood never filled the inbox");
        assertEquals(sent.keySet(), outcomes.keySet().stream().filter(sent::containsKey)
            .collect(java.util.stream.Collectors.toSet()), "every accepted send has a journaled outcome");
        for (final long id : sent.keySet())
        {
            outcome(id);
        }
        assertTrue(highestUa <= CAP_UA * 1.05, "current reached " + highestUa + " µA above the cap " + CAP_UA);
    }
}
