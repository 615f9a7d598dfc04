package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link SignedJournalOptions}: verify and anchor take the journal folder and the device key from one mixin, so
 * their help and their usage errors say the same.
 */
class SignedJournalOptionsTest
{
    private static final String DIR_LINE = "      DIR                 The journal folder.";
    private static final String KEY_LINES = "      --device-key=FILE   The device's Ed25519 public key (X.509 base64, as\n" +
        "                            written by 'galvani keygen').";

    @Test
    @DisplayName("verify and anchor show DIR and --device-key with the same text, in their synopsis and option list")
    void sameHelp()
    {
        for (final String command : List.of("verify", "anchor"))
        {
            final CliRun run = CliRun.of(command, "--help");
            assertEquals(ExitCodes.OK, run.exitCode(), run.err());
            final String help = run.out().replace("\r\n", "\n");
            assertTrue(help.contains("--device-key=FILE") && help.contains(" DIR\n"), help);
            assertTrue(help.contains(DIR_LINE + "\n"), command + ": " + help);
            assertTrue(help.contains(KEY_LINES + "\n"), command + ": " + help);
        }
    }

    @Test
    @DisplayName("both refuse a missing --device-key with the same one-line usage error (exit 2)")
    void sameUsageError()
    {
        for (final String command : List.of("verify", "anchor"))
        {
            final CliRun run = CliRun.of(command, "journal");
            assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
            assertEquals("galvani " + command + ": Missing required option: '--device-key=FILE' (see 'galvani " +
                command + " --help')", run.err().strip(), command);
        }
    }
}
