package org.galvani.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;

import org.galvani.clinical.PrescriptionSigner;
import org.galvani.config.InvalidConfigurationException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani sign}: signs a prescription (a bare prescription object, or an envelope whose old
 * authorisation is replaced) with a clinician's Ed25519 key, over the prescription's canonical JSON
 * (SR-16). The signer must be the prescription's {@code issuedBy}; the prescription must be well formed.
 */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Signs a prescription with a clinician's private key (the signer must be its issuedBy) and "
        + "writes the signed envelope {\"prescription\": ..., \"authorisation\": ...}.")
public final class SignCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--key", paramLabel = "FILE", required = true,
        description = "The clinician's private key (PKCS#8 base64, as written by 'galvani keygen').")
    private Path keyFile;

    @Option(names = "--clinician", paramLabel = "ID", required = true,
        description = "The clinician's id (the key's id in the trusted-clinicians file).")
    private String clinicianId;

    @Option(names = "--in", paramLabel = "FILE", required = true, description = "The prescription to sign.")
    private Path input;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where the signed envelope goes.")
    private Path output;

    @Override
    public Integer call() throws IOException
    {
        if (Files.exists(output) && Files.isSameFile(output, input))
        {
            throw new InvalidConfigurationException("--out", "--out must differ from --in");
        }
        final PrivateKey key = PrescriptionSigner.readPrivateKey(keyFile);
        Files.write(output, PrescriptionSigner.signFile(input, clinicianId, key));
        spec.commandLine().getOut().println("signed by " + clinicianId + ": " + output);
        return ExitCodes.OK;
    }
}
