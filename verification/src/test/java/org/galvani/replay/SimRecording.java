package org.galvani.replay;

import java.util.ArrayList;
import java.util.List;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TickRecord;
import org.galvani.controller.TickTiming;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.journal.SessionHeader;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;

/**
 * A controller on the real native sim, driven tick by tick on the test's thread, whose journal sink keeps a
 * copy of every tick record and event in journal order (tests only: it allocates), so that the session can be
 * pushed into a {@link Replayer} (SR-15). A journal that refuses writes from a given tick on is modelled: its
 * refusals are kept as a replay input.
 */
final class SimRecording implements AutoCloseable, JournalSink
{
    final JnaSimDriver sim;
    final Controller controller;
    final CommandInbox inbox;
    final SessionHeader header;
    private final SessionDriver driver;
    final List<Object> entries = new ArrayList<>();
    long refuseFromTick = Long.MAX_VALUE;
    private final TickTiming timing = new TickTiming();
    private long ticks;

    SimRecording(final String simConfig, final ControllerContext ctx)
    {
        sim = JnaSimDriver.open(simConfig);
        inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
        controller = new Controller(ctx, sim, inbox, this, new StatusPublisher());
        driver = new SessionDriver(controller, inbox);
        header = SessionHeader.of("test-device", ctx, sim.info());
    }

    SimRecording(final String simConfig)
    {
        this(simConfig, context(1_000_000L));
    }

    static ControllerContext context(final long periodNs)
    {
        return new ControllerContext()
            .tickPeriodNs(periodNs)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, periodNs));
    }

    @Override
    public boolean onTick(final TickRecord record)
    {
        entries.add(copy(record));
        return record.tick < refuseFromTick;
    }

    @Override
    public boolean onEvent(final ControllerEvent event)
    {
        entries.add(copy(event));
        return event.tick < refuseFromTick;
    }

    /** Runs one tick on time after a previous tick that took {@code lastTickDurationNs} (journaled). */
    void tickAfterLong(final long lastTickDurationNs)
    {
        tick(timing.lastTickDurationNs(lastTickDurationNs).latenessNs(0));
    }

    /** Runs one tick that starts {@code latenessNs} after it was due, the previous one ordinary (journaled). */
    void tickLate(final long latenessNs)
    {
        tick(timing.lastTickDurationNs(0).latenessNs(latenessNs));
    }

    void tick()
    {
        // ordinary timing: 150 µs ticks starting 20 µs late, journaled and replayed like the sample
        tick(timing.lastTickDurationNs(150_000L).latenessNs(20_000L));
    }

    /** Runs one tick with the duration and lateness set in {@code timing}: the agent's measurements. */
    private void tick(final TickTiming timing)
    {
        final long scheduledNs = ticks * controller.context().tickPeriodNs();
        driver.tick(timing.scheduledNs(scheduledNs).actualNs(scheduledNs + timing.latenessNs()));
        ticks++;
    }

    void ticks(final long n)
    {
        for (long i = 0; i < n; i++)
        {
            tick();
        }
    }

    /** Sends a command (a full inbox is an error) and runs one tick, with this recording's timing, so it is drained. */
    void send(final SessionEvent event, final int arg, final Object attachment)
    {
        driver.post(event, arg, attachment);
        tick();
    }

    /** Ticks until the state is reached or the budget runs out. */
    void until(final SessionState state, final long budget)
    {
        for (long used = 0; controller.state() != state && used < budget; used++)
        {
            tick();
        }
    }

    List<TickRecord> ticks()
    {
        return entries.stream().filter(TickRecord.class::isInstance).map(TickRecord.class::cast).toList();
    }

    List<ControllerEvent> events()
    {
        return entries.stream().filter(ControllerEvent.class::isInstance).map(ControllerEvent.class::cast).toList();
    }

    /**
     * Pushes every kept record and event into a new replayer, in journal order.
     *
     * @return the replayer, for its report.
     */
    Replayer replay()
    {
        final Replayer replayer = new Replayer(header);
        Divergence first = null;
        for (final Object entry : entries)
        {
            if (entry instanceof ControllerEvent e)
            {
                replayer.onRecordedEvent(e);
                continue;
            }
            final TickRecord r = (TickRecord)entry;
            if (r.tick == refuseFromTick)
            {
                replayer.journalRefusing(true);
            }
            final Divergence d = replayer.onRecordedTick(r);
            if (d != null && first != null)
            {
                throw new AssertionError("a divergence was reported twice: " + first + " and " + d);
            }
            first = first == null ? d : first;
        }
        return replayer;
    }

    static TickRecord copy(final TickRecord r)
    {
        return new TickRecord().copyFrom(r);
    }

    static ControllerEvent copy(final ControllerEvent e)
    {
        return new ControllerEvent().copyFrom(e);
    }

    @Override
    public void close()
    {
        sim.close();
    }
}
