package org.galvani.replay;

import java.util.ArrayList;
import java.util.List;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.TickRecord;

/**
 * A journal sink for tests that keeps a copy of every tick record and event in journal order (allocates), and
 * pushes them into a {@link Replayer}. A journal that refuses writes (from a given tick on) is modelled too:
 * its refusals are kept as replay inputs.
 *
 * <p>Threading: the test's thread.
 */
final class Recording implements JournalSink
{
    final List<Object> entries = new ArrayList<>();
    long refuseFromTick = Long.MAX_VALUE;

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

    List<TickRecord> ticks()
    {
        return entries.stream().filter(TickRecord.class::isInstance).map(TickRecord.class::cast).toList();
    }

    List<ControllerEvent> events()
    {
        return entries.stream().filter(ControllerEvent.class::isInstance).map(ControllerEvent.class::cast).toList();
    }

    /** Pushes everything in journal order; returns the first divergence the replayer returned. */
    Divergence pushInto(final Replayer replayer)
    {
        Divergence first = null;
        for (final Object entry : entries)
        {
            if (entry instanceof ControllerEvent e)
            {
                replayer.onRecordedEvent(e);
            }
            else
            {
                final TickRecord r = (TickRecord)entry;
                if (r.tick == refuseFromTick)
                {
                    replayer.journalRefusing(true);
                }
                final Divergence d = replayer.onRecordedTick(r);
                if (first == null)
                {
                    first = d;
                }
                else if (d != null)
                {
                    throw new AssertionError("a divergence was reported twice: " + first + " and " + d);
                }
            }
        }
        return first;
    }

    static TickRecord copy(final TickRecord r)
    {
        return new TickRecord().copyFrom(r);
    }

    static ControllerEvent copy(final ControllerEvent e)
    {
        return new ControllerEvent().copyFrom(e);
    }
}
