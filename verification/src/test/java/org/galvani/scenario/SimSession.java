package org.galvani.scenario;

import java.util.ArrayList;
import java.util.List;

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
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * A controller on the real native sim, driven tick by tick on the test's thread by a {@link SessionDriver},
 * with a journal sink that keeps copies of the events (tests only: it allocates).
 */
final class SimSession implements AutoCloseable
{
    /** One kept event. */
    record Event(EventType type, long tick, int sessionEvent, int from, int to, int code, double measured,
        double limit)
    {
    }

    final JnaSimDriver sim;
    final Controller controller;
    final CommandInbox inbox;
    final SessionDriver driver;
    final StatusPublisher publisher = new StatusPublisher();
    final List<Event> events = new ArrayList<>();
    boolean journalFails;

    SimSession(final String simConfig, final ControllerContext ctx)
    {
        this(simConfig, ctx, new CommandInbox(ctx.conclude().inboxCapacityBytes()));
    }

    /** A session whose inbox the test built (e.g. over memory another sender maps too). */
    SimSession(final String simConfig, final ControllerContext ctx, final CommandInbox inbox)
    {
        sim = JnaSimDriver.open(simConfig);
        this.inbox = inbox;
        controller = new Controller(ctx, sim, inbox, new JournalSink()
        {
            @Override
            public boolean onTick(final TickRecord record)
            {
                return !journalFails;
            }

            @Override
            public boolean onEvent(final ControllerEvent e)
            {
                events.add(new Event(e.type, e.tick, e.sessionEvent, e.fromState, e.toState, e.code, e.measured,
                    e.limit));
                return !journalFails;
            }
        }, publisher);
        driver = new SessionDriver(controller, inbox);
    }

    SimSession(final String simConfig)
    {
        this(simConfig, context(1_000_000L));
    }

    static ControllerContext context(final long periodNs)
    {
        return new ControllerContext()
            .tickPeriodNs(periodNs)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, periodNs));
    }

    void tick()
    {
        driver.tick();
    }

    void ticks(final long n)
    {
        driver.ticks(n);
    }

    /** Sends a command and runs one tick so it is drained. */
    long send(final SessionEvent event, final int arg, final Object attachment)
    {
        return driver.send(event, arg, attachment);
    }

    /** Ticks until the state is reached or the budget runs out; returns ticks used. */
    long until(final SessionState state, final long budget)
    {
        return driver.until(state, budget);
    }

    /** SCREEN (clear), ARM, START, then ticks until TREATING; returns whether it was reached. */
    boolean begin(final SessionPlan plan, final long budget)
    {
        return driver.begin(new ScreeningDecision(true, "no contraindication"), plan, budget);
    }

    ControllerStatus status()
    {
        return publisher.read(new ControllerStatus());
    }

    @Override
    public void close()
    {
        sim.close();
    }
}
