package org.galvani.cli;

import java.nio.file.Path;
import java.security.PublicKey;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options of the commands that check a device's signed journal ({@code verify}, {@code anchor}), declared
 * once and added to each command as a picocli {@code @Mixin}: the journal folder and the device's public key,
 * with the same names, labels and help text in both.
 *
 * <p>Threading: picocli fills it on the command's thread before {@code call()}. Allocation: the key, per call.
 */
final class SignedJournalOptions
{
    @Parameters(index = "0", paramLabel = "DIR", description = "The journal folder.")
    private Path dir;

    @Option(names = "--device-key", paramLabel = "FILE", required = true,
        description = "The device's Ed25519 public key (X.509 base64, as written by 'galvani keygen').")
    private Path deviceKey;

    /**
     * @return the journal folder.
     * @throws org.galvani.config.InvalidConfigurationException naming DIR when it does not exist.
     */
    Path journal()
    {
        return JournalArgs.requireJournal(dir);
    }

    /**
     * @return the device's public key.
     * @throws org.galvani.config.InvalidConfigurationException naming --device-key when it cannot be read.
     */
    PublicKey devicePublicKey()
    {
        return JournalArgs.devicePublicKey(deviceKey);
    }
}
