package org.galvani.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.authority.AuthorisationResult;
import org.galvani.clinical.AuthorisationPolicy;
import org.galvani.clinical.DeviceLimits;
import org.galvani.clinical.DrugCatalogue;
import org.galvani.clinical.Prescription;
import org.galvani.clinical.PrescriptionSigner;
import org.galvani.clinical.PrescriptionValidator;
import org.galvani.clinical.ProtocolCatalogue;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani sign}: signs a prescription (a bare prescription object, or an envelope whose old
 * authorisation is replaced) with a clinician's Ed25519 key, over the prescription's canonical JSON
 * (SR-16), RFC 8785 canonical bytes. The signer must be the prescription's {@code issuedBy}; the prescription
 * must be well formed and is validated first against the protocols, the drug catalogue and the device limits
 * as the device will: one the device would refuse is not signed, unless {@code --force}, which signs it and
 * prints why the device will refuse it.
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

    @Mixin
    private ClinicianKeyOptions clinician;

    @Option(names = "--in", paramLabel = "FILE", required = true, description = "The prescription to sign.")
    private Path input;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where the signed envelope goes.")
    private Path output;

    @Option(names = "--device-limits", paramLabel = "FILE",
        description = "The device limits to validate against (JSON; default: the built-in defaults).")
    private Path deviceLimitsFile;

    @Option(names = "--protocols", paramLabel = "FILE",
        description = "The maker's protocol tightening to validate against (default: the built-in catalogue).")
    private Path protocolsFile;

    @Option(names = "--drugs", paramLabel = "FILE",
        description = "The maker's drug file to validate against (default: the built-in drug catalogue).")
    private Path drugsFile;

    @Option(names = "--force",
        description = "Sign even a prescription the device would refuse (the reason is printed); never the default.")
    private boolean force;

    @Override
    public Integer call() throws IOException
    {
        if (Files.exists(output) && Files.isSameFile(output, input))
        {
            throw new InvalidConfigurationException("--out", "--out must differ from --in");
        }
        final PrivateKey key = PrescriptionSigner.readPrivateKey(clinician.keyFile());
        final String refusal = refusal();
        if (refusal != null && !force)
        {
            throw new InvalidConfigurationException("--in", "not signed: the device would refuse this prescription: " +
                refusal + " (fix it, or sign anyway with --force)");
        }
        Files.write(output, PrescriptionSigner.signFile(input, clinician.id(), key));
        if (refusal != null)
        {
            spec.commandLine().getOut().println("WARNING signed with --force although the device will refuse it: " +
                refusal);
        }
        spec.commandLine().getOut().println("signed by " + clinician.id() + " (RFC 8785 canonical JSON): " + output);
        return ExitCodes.OK;
    }

    /**
     * Validates the prescription against the protocol and drug catalogues and the device limits as the device
     * will, as if its signature verified.
     *
     * @return why the device would refuse it, or null.
     */
    private String refusal()
    {
        final DeviceLimits limits = deviceLimitsFile == null ? DeviceLimits.defaults() : DeviceLimits.read(deviceLimitsFile);
        final ProtocolCatalogue protocols = protocolsFile == null ? ProtocolCatalogue.builtIn() :
            ProtocolCatalogue.builtIn().tighten(protocolsFile, limits);
        final DrugCatalogue drugs = drugsFile == null ? DrugCatalogue.builtIn() :
            DrugCatalogue.builtIn().apply(drugsFile, limits);
        final JsonNode tree = StrictJson.tree(BoundedFiles.read(input, BoundedFiles.MAX_DOCUMENT_BYTES, "--in",
            "prescription file"), "prescription (" + input.getFileName() + ")");
        final JsonNode node = tree.has("prescription") ? tree.get("prescription") : tree;
        final Prescription rx = StrictJson.bind(node, Prescription.class, "prescription");
        try
        {
            new PrescriptionValidator(limits, protocols, AuthorisationPolicy.EVERY_PRESCRIPTION, drugs)
                .validate(rx, AuthorisationResult.verified(rx.issuedBy()));
            return null;
        }
        catch (final InvalidConfigurationException ex)
        {
            return ex.getMessage();
        }
    }
}
