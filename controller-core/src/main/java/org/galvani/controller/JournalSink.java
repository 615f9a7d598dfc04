package org.galvani.controller;

/**
 * Where the control thread hands each tick record and event (the journal's seam, docs/journal.md).
 *
 * <p>Threading: called on the control thread only, once per tick for {@link #onTick} and for each
 * event. Contract: must not allocate, lock or block; must copy what it keeps. Returning false means the
 * record could not be stored: the controller then goes to the safe state (SR-14: never a silent gap).
 */
public interface JournalSink
{
    /** A sink that stores nothing (tests and benchmarks of the loop alone). */
    JournalSink NONE = new JournalSink()
    {
        @Override
        public boolean onTick(final TickRecord record)
        {
            return true;
        }

        @Override
        public boolean onEvent(final ControllerEvent event)
        {
            return true;
        }
    };

    /**
     * @param record the tick's record.
     * @return false when the record could not be stored.
     */
    boolean onTick(TickRecord record);

    /**
     * @param event the event.
     * @return false when the event could not be stored.
     */
    boolean onEvent(ControllerEvent event);
}
