package org.galvani.controller;

import org.galvani.journal.JournalMode;

/**
 * A deliberate layering violation for {@code org.galvani.architecture.LayeringTest}: a class in a tick-path
 * package that uses the journal. Test code only; never on a main class path.
 */
public final class TickPathLayeringViolation
{
    private TickPathLayeringViolation()
    {
    }

    /**
     * @return a journal type, the dependency the rules forbid.
     */
    public static JournalMode journalMode()
    {
        return JournalMode.DIRECT;
    }
}
