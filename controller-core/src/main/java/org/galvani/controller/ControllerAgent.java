package org.galvani.controller;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Runs the {@link Controller} at a fixed period on its own thread (an Agrona {@code AgentRunner} with
 * the context's {@code IdleStrategy}), or by hand from a test through an {@code AgentInvoker}.
 *
 * <p>Scheduling is deadline based: a tick runs as soon as the clock passes its deadline, and the next
 * deadline is one period later, so a late tick does not shift the ones after it. When the loop falls
 * more than a whole period behind (a JVM pause), the missed deadlines are skipped and counted rather
 * than run back to back, and the schedule resumes at the next deadline in the future; the lateness
 * of every tick and the duration of the previous one are passed to
 * the controller, where the safety monitor judges them (SR-9) and the journal keeps them.
 *
 * <p>Threading: {@link #doWork()} on the control thread only; {@link #missedDeadlines()} and
 * {@link #ticks()} are plain reads for diagnostics after the runner stopped. Allocation: none. The
 * clock is read twice per tick (start and end), nowhere else.
 */
public final class ControllerAgent implements Agent
{
    private static final long NOT_STARTED = Long.MIN_VALUE;

    private final Controller controller;
    private final NanoClock clock;
    private final long periodNs;
    private final TickTiming timing = new TickTiming();
    private long deadlineNs = NOT_STARTED;
    private long lastDurationNs;
    private long lastLatenessNs;
    private long missedDeadlines;
    private long ticks;

    /**
     * @param controller the controller to tick.
     */
    public ControllerAgent(final Controller controller)
    {
        this.controller = controller;
        this.clock = controller.context().nanoClock();
        this.periodNs = controller.context().tickPeriodNs();
    }

    @Override
    public int doWork()
    {
        final long startNs = clock.nanoTime();
        if (deadlineNs == NOT_STARTED)
        {
            deadlineNs = startNs;
        }
        if (startNs - deadlineNs < 0)
        {
            return 0;
        }
        final long latenessNs = startNs - deadlineNs;
        try
        {
            controller.tick(timing.scheduledNs(deadlineNs).actualNs(startNs).lastTickDurationNs(lastDurationNs)
                .latenessNs(latenessNs));
        }
        catch (final RuntimeException | Error ex)
        {
            controller.forceSafe();
            throw ex; // reported by the runner's error handler; the next tick trips INTERNAL_ERROR
        }
        finally
        {
            final long endNs = clock.nanoTime();
            controller.recordDuration(startNs, endNs);
            lastDurationNs = endNs - startNs;
            lastLatenessNs = latenessNs;
            ticks++;
            deadlineNs += periodNs;
            final long behindNs = endNs - deadlineNs;
            if (behindNs > periodNs)
            {
                final long skipped = behindNs / periodNs + 1;
                missedDeadlines += skipped;
                deadlineNs += skipped * periodNs;
            }
        }
        return 1;
    }

    @Override
    public void onClose()
    {
        controller.safeOutput();
    }

    @Override
    public String roleName()
    {
        return "galvani-control";
    }

    /**
     * @return deadlines skipped because the loop fell more than a period behind.
     */
    public long missedDeadlines()
    {
        return missedDeadlines;
    }

    /**
     * @return ticks run.
     */
    public long ticks()
    {
        return ticks;
    }

    /**
     * @return how late the latest tick started after its deadline (ns).
     */
    public long lastLatenessNs()
    {
        return lastLatenessNs;
    }

    /**
     * @return how long the latest tick took (ns).
     */
    public long lastDurationNs()
    {
        return lastDurationNs;
    }
}
