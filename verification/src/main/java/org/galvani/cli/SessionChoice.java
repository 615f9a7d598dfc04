package org.galvani.cli;

import java.nio.file.Path;

import org.galvani.config.InvalidConfigurationException;
import org.galvani.report.JournalSource;

/**
 * Picks a session of a journal for {@code report} and {@code export}: 1-based, 0 = the last one.
 */
final class SessionChoice
{
    private SessionChoice()
    {
    }

    static int choose(final Path dir, final int requested)
    {
        final int sessions = JournalSource.countSessions(dir);
        if (sessions == 0)
        {
            throw new InvalidConfigurationException("DIR", "journal " + dir + " holds no session");
        }
        if (requested < 0 || requested > sessions)
        {
            throw new InvalidConfigurationException("--session", "--session = " + requested +
                " is out of range: allowed 1 .. " + sessions + " (0 = the last)");
        }
        return requested == 0 ? sessions : requested;
    }
}
