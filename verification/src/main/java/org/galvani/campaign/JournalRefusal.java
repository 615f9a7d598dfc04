package org.galvani.campaign;

import java.util.List;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.TickRecord;

/**
 * The {@link FaultKind#JOURNAL_REFUSAL} fault: a journal seam that refuses every write (returns {@code false},
 * stores nothing) in the ticks a scheduled refusal is active, as a journal does whose disk is full or whose
 * write failed (docs/software-requirements.md SR-14: the controller must trip JOURNAL_FAILURE in the next tick),
 * and passes every other write to the journal behind it. The runner tells it the tick before each
 * {@code Controller.tick}; {@link #refusedThisTick()} tells the property checker whether it refused.
 *
 * <p>Threading: the trial's thread. Allocation: none.
 */
final class JournalRefusal implements JournalSink
{
    private final JournalSink delegate;
    private final List<ScheduledFault> refusals;
    private long tick;
    private boolean refusing;
    private boolean refused;

    /**
     * @param delegate the journal behind the seam.
     * @param schedule the trial's faults (only its {@link FaultKind#JOURNAL_REFUSAL} faults act).
     */
    JournalRefusal(final JournalSink delegate, final FaultSchedule schedule)
    {
        this.delegate = delegate;
        this.refusals = schedule.faults().stream().filter(f -> f.kind() == FaultKind.JOURNAL_REFUSAL).toList();
    }

    /**
     * @param tick the tick about to run.
     */
    void beginTick(final long tick)
    {
        this.tick = tick;
        refused = false;
        refusing = false;
        for (int i = 0; i < refusals.size(); i++)
        {
            refusing |= refusals.get(i).activeAt(tick);
        }
    }

    /**
     * @return whether a write was refused in the tick that just ran.
     */
    boolean refusedThisTick()
    {
        return refused;
    }

    @Override
    public boolean onTick(final TickRecord record)
    {
        if (refusing)
        {
            refused = true;
            return false;
        }
        return delegate.onTick(record);
    }

    @Override
    public boolean onEvent(final ControllerEvent event)
    {
        if (refusing)
        {
            refused = true;
            return false;
        }
        return delegate.onEvent(event);
    }

    @Override
    public String toString()
    {
        return "journal refusal at tick " + tick + (refusing ? " (refusing)" : "");
    }
}
