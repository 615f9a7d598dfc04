package org.galvani.replay;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.JournalSink;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TickRecord;
import org.galvani.controller.TickTiming;
import org.galvani.journal.SessionHeader;
import org.galvani.session.SessionEvent;

/**
 * Replays one recorded session through a fresh controller and checks that every recorded decision is
 * reproduced bit for bit (SR-15). Push API: a journal reader (or a test) pushes the recorded records in
 * journal order; nothing of the session is kept beyond the current tick.
 *
 * <ol>
 * <li>{@link #Replayer(SessionHeader)} rebuilds the controller from {@link SessionHeader#toContext()} (with a
 * clock that throws if read: every timing input comes from the record), a {@link ReplayDriver} serving the
 * recorded {@link SessionHeader#hal()}, a fresh {@link CommandInbox} and a journal sink that captures what
 * the replayed controller emits.</li>
 * <li>{@link #onRecordedEvent} for each event of tick t, before tick t's record. COMMAND_ACCEPTED and
 * COMMAND_REJECTED events are the commands drained in that tick: they are re-sent into the inbox in order
 * (session event, argument, attachment), so the replayed controller drains exactly them. Every recorded
 * event, commands included, is kept for comparison with what the replayed controller emits in the tick.</li>
 * <li>{@link #onRecordedTick} runs the tick with the recorded timing inputs and driver inputs, then compares
 * the replayed decisions and events with the recorded ones (order and precision: {@link #compareOrder()});
 * it returns the first divergent field of the first divergent tick, once. After a divergence nothing more is
 * replayed or compared: the pushed ticks are only counted.</li>
 * </ol>
 *
 * <p>Not compared: the inputs (they are fed), command ids (the inbox numbers commands as they are sent; an id
 * is not a decision) and attachments (they are inputs, re-sent as recorded).
 *
 * <p>The journal's answer is an input too: a journal that refused a write makes the controller trip
 * (SR-14). A recording that keeps the records its journal refused (a test's recording sink) says so with
 * {@link #journalRefusing(boolean)}, so that the replayed controller's journal refuses the same ticks.
 *
 * <p>Threading: one replaying thread owns the instance (it owns the controller, as the control thread would).
 * Allocation: none per tick on a path without divergence, once the event pools have grown to the largest
 * number of events in a tick; a re-sent command allocates nothing either (its attachment is the recorded
 * object). Two clock reads per tick, for {@link ReplayReport#ticksPerSecond()} only; never an input.
 */
public final class Replayer
{
    /**
     * The loop's diagnostics — {@code measuredUa}, {@code loadOhm}, {@code pTerm}, {@code iTerm}, {@code dTerm},
     * {@code ffTerm} — are compared as {@code (float)} raw bits, because the journal may store them as float32.
     * Every other decision is compared as its raw {@code double} or integer bits. Set to false to compare the
     * diagnostics as raw double bits too (once the journal stores them as float64).
     */
    public static final boolean DIAGNOSTICS_AS_FLOAT32 = true;

    private static final String COMPARE_ORDER = "tick, stateBefore, stateAfter, verdict, tripCause, " +
        "activeClamps, targetUa, setpointUa, measuredUa, loadOhm, pTerm, iTerm, dTerm, ffTerm, command.dacCode, " +
        "command.polarityReversed, command.outputEnabled, command.dutyPermille, doseNormalUc, doseReversedUc, " +
        "treatmentElapsedNs, then events[i] (type, tick, sessionEvent, fromState, toState, code, arg, measured, " +
        "limit)";

    private final SessionHeader header;
    private final ReplayDriver driver;
    private final CommandInbox inbox;
    private final Controller controller;
    private final TickTiming timing = new TickTiming();
    private final EventBuffer recordedEvents = new EventBuffer();
    private final EventBuffer replayedEvents = new EventBuffer();
    private final CapturingSink sink = new CapturingSink(replayedEvents);

    private long ticksReplayed;
    private long eventsCompared;
    private long ticksNotCompared;
    private Divergence divergence;
    private Divergence pending;
    private long firstPushNs;
    private long lastTickNs;
    private boolean started;

    /**
     * Rebuilds the recorded session's controller.
     *
     * @param header the recorded session header (settings and converter scales).
     * @throws org.galvani.config.InvalidConfigurationException when the recorded settings are invalid.
     */
    public Replayer(final SessionHeader header)
    {
        this.header = header;
        final ControllerContext ctx = header.toContext().nanoClock(Replayer::clockNeverRead).conclude();
        this.driver = new ReplayDriver(header.hal());
        this.inbox = new CommandInbox(ctx.inboxCapacityBytes());
        this.controller = new Controller(ctx, driver, inbox, sink, new StatusPublisher());
    }

    private static long clockNeverRead()
    {
        throw new IllegalStateException("a replayed controller never reads a clock: timing comes from the record");
    }

    /**
     * Pushes one recorded event. Events of tick t come before tick t's record.
     *
     * @param recorded the recorded event (copied; the caller may reuse it).
     */
    public void onRecordedEvent(final ControllerEvent recorded)
    {
        markStart();
        if (divergence != null)
        {
            return;
        }
        recordedEvents.add(recorded);
        if (recorded.type == EventType.COMMAND_ACCEPTED || recorded.type == EventType.COMMAND_REJECTED)
        {
            resend(recorded);
        }
    }

    private void resend(final ControllerEvent recorded)
    {
        final long sent;
        try
        {
            sent = inbox.send(SessionEvent.fromCode(recorded.sessionEvent), recorded.arg, recorded.attachment);
        }
        catch (final IllegalArgumentException ex)
        {
            noteUnsendable(recorded, ex.getMessage());
            return;
        }
        if (sent == CommandInbox.REJECTED_FULL)
        {
            noteUnsendable(recorded, "the replay's command inbox is full");
        }
    }

    private void noteUnsendable(final ControllerEvent recorded, final String why)
    {
        if (pending == null)
        {
            pending = new Divergence(ticksReplayed, "events[" + (recordedEvents.size() - 1) + "]",
                DecisionComparator.describe(recorded), "not replayable: " + why);
        }
    }

    /**
     * Pushes one recorded tick: replays it and compares every decision.
     *
     * @param recorded the recorded tick (read, never kept; the caller may reuse it).
     * @return null when the tick's decisions and events were reproduced (or a divergence was already
     *         reported), else the first divergence (returned once).
     */
    public Divergence onRecordedTick(final TickRecord recorded)
    {
        markStart();
        if (divergence != null)
        {
            ticksNotCompared++;
            return null;
        }
        final long index = ticksReplayed;
        driver.feed(recorded);
        replayedEvents.clear();
        controller.tick(timing.scheduledNs(recorded.scheduledNs).actualNs(recorded.actualNs)
            .lastTickDurationNs(recorded.lastTickDurationNs).latenessNs(recorded.latenessNs));
        ticksReplayed++;

        Divergence found = pending;
        if (found == null && (driver.samplesServed() != 1 || driver.actuationsServed() != 1))
        {
            found = new Divergence(index, "driver.calls", "1 sample, 1 actuation",
                driver.samplesServed() + " sample, " + driver.actuationsServed() + " actuation");
        }
        if (found == null)
        {
            found = DecisionComparator.compare(index, recorded, controller.record());
        }
        if (found == null)
        {
            found = DecisionComparator.compare(index, recordedEvents, replayedEvents);
            eventsCompared += recordedEvents.size();
        }
        recordedEvents.clear();
        replayedEvents.clear();
        lastTickNs = System.nanoTime();
        if (found != null)
        {
            divergence = found;
        }
        return found;
    }

    /**
     * The recorded journal's answer, an input of the ticks replayed from now on: true when it refused every
     * write (SR-14; the replayed controller then trips exactly as the recorded one did), false (the default)
     * when it stored them.
     *
     * @param refusing whether the journal refused the writes of the following ticks.
     */
    public void journalRefusing(final boolean refusing)
    {
        sink.refusing = refusing;
    }

    /**
     * @return what the replay found so far (allocates).
     */
    public ReplayReport report()
    {
        final long elapsedNs = lastTickNs - firstPushNs;
        final double ticksPerSecond = ticksReplayed > 1 && elapsedNs > 0 ? ticksReplayed * 1e9 / elapsedNs : 0.0;
        return new ReplayReport(ticksReplayed, eventsCompared, ticksNotCompared, divergence, ticksPerSecond);
    }

    /**
     * @return the first divergence, or null.
     */
    public Divergence divergence()
    {
        return divergence;
    }

    /**
     * @return the replayed controller (replaying thread only; for inspection between pushes).
     */
    public Controller controller()
    {
        return controller;
    }

    /**
     * @return the header the controller was rebuilt from.
     */
    public SessionHeader header()
    {
        return header;
    }

    /**
     * @return the order in which a tick's decisions are compared (the first difference in this order is
     *         reported).
     */
    public static String compareOrder()
    {
        return COMPARE_ORDER;
    }

    private void markStart()
    {
        if (!started)
        {
            started = true;
            firstPushNs = System.nanoTime();
        }
    }

    /** Captures the replayed controller's events; answers as the recorded journal did. */
    private static final class CapturingSink implements JournalSink
    {
        private final EventBuffer into;
        private boolean refusing;

        CapturingSink(final EventBuffer into)
        {
            this.into = into;
        }

        @Override
        public boolean onTick(final TickRecord record)
        {
            return !refusing;
        }

        @Override
        public boolean onEvent(final ControllerEvent event)
        {
            into.add(event);
            return !refusing;
        }
    }
}
