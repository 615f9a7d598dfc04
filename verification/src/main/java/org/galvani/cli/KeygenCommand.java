package org.galvani.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

import org.galvani.authority.Ed25519Signer;
import org.galvani.config.InvalidConfigurationException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani keygen}: a new Ed25519 key pair for a device (journal seals) or a clinician
 * (prescriptions, overrides, resets), written as {@code PREFIX.key} (PKCS#8, base64, owner-only
 * permissions) and {@code PREFIX.pub} (X.509 SubjectPublicKeyInfo, base64). Existing files are never
 * overwritten.
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    description = {
        "Generates an Ed25519 key pair: PREFIX.key (private, PKCS#8 base64, mode 600) and PREFIX.pub (public, "
            + "X.509 base64) for a device's journal seals or a clinician's signatures.",
        "Put a clinician's public key into the trusted-clinicians file as {\"id\": ..., \"publicKey\": ...}."
    })
public final class KeygenCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "PREFIX", required = true,
        description = "Path prefix of the two files, e.g. keys/device-0042.")
    private Path prefix;

    @Option(names = "--comment", paramLabel = "TEXT", defaultValue = "",
        description = "A comment line written at the top of the private key file.")
    private String comment;

    @Override
    public Integer call() throws IOException
    {
        final Path keyFile = Path.of(prefix + ".key");
        final Path pubFile = Path.of(prefix + ".pub");
        for (final Path file : new Path[] {keyFile, pubFile})
        {
            if (Files.exists(file))
            {
                throw new InvalidConfigurationException("--out", "--out: " + file + " exists already; a key is " +
                    "never overwritten (choose another prefix or remove the old key deliberately)");
            }
        }
        final Ed25519Signer.EncodedKeyPair pair = Ed25519Signer.generate();
        final String header = comment.isBlank() ? "" : "# " + comment.replace('\n', ' ') + "\n";
        Files.writeString(keyFile, header + pair.privateKeyBase64() + "\n", StandardCharsets.UTF_8);
        try
        {
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        }
        catch (final UnsupportedOperationException ex)
        {
            // not a POSIX file system: the caller protects the file
        }
        Files.writeString(pubFile, pair.publicKeyBase64() + "\n", StandardCharsets.UTF_8);
        final PrintWriter out = spec.commandLine().getOut();
        out.println("private key: " + keyFile + " (keep it secret)");
        out.println("public key:  " + pubFile);
        out.println("public key (base64): " + pair.publicKeyBase64());
        return ExitCodes.OK;
    }
}
