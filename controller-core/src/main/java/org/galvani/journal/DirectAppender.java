package org.galvani.journal;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;

/**
 * {@link JournalMode#DIRECT}: the control thread encodes, chains and appends each record itself.
 *
 * <p>Threading: the {@link JournalAppender} contract; the {@link RecordWriter} is owned by whichever thread
 * calls (set-up thread at start and end, control thread in between). Allocation and blocking — what DIRECT
 * costs the control thread: our code allocates nothing per record, but Chronicle's appender runs on the
 * control thread: it takes the queue's write lock, waits for chunk mapping and page faults (docs/journal.md:
 * p99.99 312 µs), allocates a few KB per million ticks when it maps a chunk or creates an index array, and
 * the disk runway is extended there. HAND_OFF exists to keep all of that off the control thread.
 */
final class DirectAppender implements JournalAppender
{
    private final RecordWriter writer;
    private final JournalHealth health;

    DirectAppender(final RecordWriter writer, final JournalHealth health)
    {
        this.writer = writer;
        this.health = health;
    }

    @Override
    public void startSession(final SessionHeader header)
    {
        try
        {
            writer.writeSessionStart(header);
        }
        catch (final RuntimeException | Error ex)
        {
            health.fail("the session start could not be written: " + RecordWriter.describe(ex));
            throw new IllegalStateException(health.failure(), ex);
        }
    }

    @Override
    public SessionSummary endSession()
    {
        try
        {
            return writer.writeSessionEnd();
        }
        catch (final RuntimeException | Error ex)
        {
            health.fail("the session end could not be written: " + RecordWriter.describe(ex));
            throw new IllegalStateException(health.failure(), ex);
        }
    }

    @Override
    public boolean appendTick(final TickRecord record, final long tickPeriodNs)
    {
        try
        {
            writer.appendRecord(JournalCodec.encodeTick(record, tickPeriodNs, writer.scratch(), 0));
            return true;
        }
        catch (final RuntimeException | Error ex)
        {
            return health.fail("tick " + record.tick + " could not be appended: " + RecordWriter.describe(ex));
        }
    }

    @Override
    public boolean appendEvent(final ControllerEvent event)
    {
        try
        {
            final int length = JournalCodec.encodeEvent(event, writer.scratch(), 0);
            if (length < 0)
            {
                return health.fail("the " + event.type + " event of tick " + event.tick + " is larger than " +
                    RecordWriter.SCRATCH_CAPACITY + " bytes");
            }
            writer.appendRecord(length);
            return true;
        }
        catch (final RuntimeException | Error ex)
        {
            return health.fail("the event of tick " + event.tick + " could not be appended: " +
                RecordWriter.describe(ex));
        }
    }

    /** Nothing runs in the background: every record was appended when its call returned. */
    @Override
    public void close()
    {
    }
}
