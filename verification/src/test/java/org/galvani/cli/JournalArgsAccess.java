package org.galvani.cli;

import java.nio.file.Path;
import java.security.PublicKey;

/** Tests' access to the CLI's key loading. */
final class JournalArgsAccess
{
    private JournalArgsAccess()
    {
    }

    static PublicKey devicePublicKey(final Path file)
    {
        return JournalArgs.devicePublicKey(file);
    }
}
