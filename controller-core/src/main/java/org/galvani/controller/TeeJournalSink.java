package org.galvani.controller;

/**
 * Hands every record to two sinks, e.g. the Chronicle journal and a console printer. Both are always
 * called (the second even when the first failed), and the record counts as stored only when both
 * stored it: a failure of either makes the controller go to the safe state (SR-14).
 *
 * <p>Threading and allocation: those of the two sinks; this class adds neither.
 */
public final class TeeJournalSink implements JournalSink
{
    private final JournalSink first;
    private final JournalSink second;

    /**
     * @param first  the first sink (e.g. the journal).
     * @param second the second sink.
     */
    public TeeJournalSink(final JournalSink first, final JournalSink second)
    {
        this.first = first;
        this.second = second;
    }

    @Override
    public boolean onTick(final TickRecord record)
    {
        final boolean a = first.onTick(record);
        final boolean b = second.onTick(record);
        return a && b;
    }

    @Override
    public boolean onEvent(final ControllerEvent event)
    {
        final boolean a = first.onEvent(event);
        final boolean b = second.onEvent(event);
        return a && b;
    }
}
