package org.galvani.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.journal.JournalAnchor;

/**
 * What the auditor's commands share: a journal folder that must exist, and the device's public key.
 */
final class JournalArgs
{
    private JournalArgs()
    {
    }

    static Path requireJournal(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new InvalidConfigurationException("DIR", "journal folder " + dir + " does not exist");
        }
        return dir;
    }

    static PublicKey devicePublicKey(final Path file)
    {
        final StringBuilder base64 = new StringBuilder();
        for (final String line : new String(BoundedFiles.read(file, BoundedFiles.MAX_KEY_BYTES, "--device-key",
            "device public key"), java.nio.charset.StandardCharsets.UTF_8).split("\\R"))
        {
            if (!line.isBlank() && !line.strip().startsWith("#"))
            {
                base64.append(line.strip());
            }
        }
        final String text = base64.toString();
        return TrustedClinicianKeys.decodePublicKey("--device-key", text);
    }

    static JournalAnchor anchor(final Path file)
    {
        try
        {
            return JournalAnchor.parse(Files.readString(file));
        }
        catch (final java.io.IOException ex)
        {
            throw new InvalidConfigurationException("--anchor", "anchor " + file + " cannot be read: " + ex.getMessage(),
                ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigurationException("--anchor", "anchor " + file + ": " + ex.getMessage(), ex);
        }
    }
}
