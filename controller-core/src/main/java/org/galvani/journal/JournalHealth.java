package org.galvani.journal;

import java.nio.file.Path;

/**
 * Whether a journal can still store records, shared by {@link ChronicleJournal} and its appender: the first
 * reason it failed (one sentence) wins and is never cleared, so no later record can hide a gap.
 *
 * <p>Threading: any thread; {@link #fail} may race between the control thread and the journal thread, one
 * of them wins and both return false. Memory ordering: the reason is a volatile field. Allocation: none
 * (the caller builds the sentence, off the tick path's success path).
 */
final class JournalHealth
{
    private final Path dir;
    private volatile String failure;

    JournalHealth(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * Records why the journal failed, unless it failed already.
     *
     * @param why one sentence.
     * @return false, for {@code return health.fail(...)} on the record paths.
     */
    boolean fail(final String why)
    {
        if (failure == null)
        {
            failure = why;
        }
        return false;
    }

    /**
     * @return why the journal failed, or null while it is healthy.
     */
    String failure()
    {
        return failure;
    }

    /**
     * @return whether the journal failed.
     */
    boolean failed()
    {
        return failure != null;
    }

    /**
     * @throws IllegalStateException naming the folder and the reason when the journal failed.
     */
    void requireHealthy()
    {
        final String why = failure;
        if (why != null)
        {
            throw new IllegalStateException("the journal at " + dir + " has failed: " + why);
        }
    }

    Path dir()
    {
        return dir;
    }
}
