package org.galvani.campaign;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.JournalSink;
import org.galvani.controller.TickRecord;

/**
 * Wraps the journal and counts the bytes its calls allocate on the control thread, so that P7 can tell the
 * controller's own allocation from the journal's (DIRECT mode, used faster than real time, maps Chronicle
 * chunks now and then: docs/journal.md).
 *
 * <p>Threading: control thread only. Allocation: none of its own.
 */
final class MeteredSink implements JournalSink
{
    private final JournalSink delegate;
    private final com.sun.management.ThreadMXBean threads;
    boolean metering;
    long bytes;

    MeteredSink(final JournalSink delegate, final com.sun.management.ThreadMXBean threads)
    {
        this.delegate = delegate;
        this.threads = threads;
    }

    @Override
    public boolean onTick(final TickRecord record)
    {
        if (!metering)
        {
            return delegate.onTick(record);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        final boolean stored = delegate.onTick(record);
        bytes += threads.getCurrentThreadAllocatedBytes() - before;
        return stored;
    }

    @Override
    public boolean onEvent(final ControllerEvent event)
    {
        if (!metering)
        {
            return delegate.onEvent(event);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        final boolean stored = delegate.onEvent(event);
        bytes += threads.getCurrentThreadAllocatedBytes() - before;
        return stored;
    }
}
