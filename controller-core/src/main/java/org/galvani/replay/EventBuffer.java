package org.galvani.replay;

import org.galvani.controller.ControllerEvent;

/**
 * The events of one tick, copied into a pool of reused {@link ControllerEvent}s.
 *
 * <p>Threading: owned by the replaying thread. Allocation: the pool grows to the largest number of events
 * seen in one tick, then is reused ({@link #clear()} keeps the instances).
 */
final class EventBuffer
{
    private ControllerEvent[] events = new ControllerEvent[16];
    private int size;

    EventBuffer()
    {
        for (int i = 0; i < events.length; i++)
        {
            events[i] = new ControllerEvent();
        }
    }

    /**
     * Copies every field of an event, the attachment by reference (attachments are immutable).
     *
     * @param source the event to copy.
     */
    void add(final ControllerEvent source)
    {
        if (size == events.length)
        {
            final ControllerEvent[] grown = java.util.Arrays.copyOf(events, size * 2);
            for (int i = size; i < grown.length; i++)
            {
                grown[i] = new ControllerEvent();
            }
            events = grown;
        }
        events[size++].copyFrom(source);
    }

    ControllerEvent get(final int index)
    {
        return events[index];
    }

    int size()
    {
        return size;
    }

    void clear()
    {
        for (int i = 0; i < size; i++)
        {
            events[i].attachment = null; // do not keep a session's attachments alive
        }
        size = 0;
    }
}
