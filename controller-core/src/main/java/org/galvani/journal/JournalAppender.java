package org.galvani.journal;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;

/**
 * How a {@link ChronicleJournal} gets its records into the queue: one implementation per
 * {@link JournalMode}, chosen once at open — {@link DirectAppender} appends on the calling (control) thread,
 * {@link HandOffAppender} copies into a ring a {@link JournalAgent} drains.
 *
 * <p>Threading: {@link #startSession}, {@link #endSession} and {@link #close} on the set-up thread;
 * {@link #appendTick} and {@link #appendEvent} on the control thread only, between start and end. Each
 * implementation states what its record methods allocate, lock and wait for.
 */
interface JournalAppender extends AutoCloseable
{
    /**
     * Writes the SESSION_START (set-up thread).
     *
     * @param header what runs.
     * @throws IllegalStateException when it cannot be written (the journal has then failed).
     */
    void startSession(SessionHeader header);

    /**
     * Writes the SESSION_END and its seal (set-up thread).
     *
     * @return the summary written.
     * @throws IllegalStateException when it cannot be written (the journal has then failed).
     */
    SessionSummary endSession();

    /**
     * @param record       the tick (read during the call only).
     * @param tickPeriodNs the session's period.
     * @return false when the record could not be stored (the journal has then failed).
     */
    boolean appendTick(TickRecord record, long tickPeriodNs);

    /**
     * @param event the event (read during the call only; its attachment is immutable and may be kept).
     * @return false when the record could not be stored (the journal has then failed).
     */
    boolean appendEvent(ControllerEvent event);

    /** Stops appending: every record accepted before is in the queue when this returns (set-up thread). */
    @Override
    void close();
}
