package org.galvani.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.galvani.clinical.PrescriptionSigner;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.galvani.journal.JournalSkinHistory;
import org.galvani.screening.Placement;
import org.galvani.screening.SkinOutcome;
import org.galvani.screening.SkinReview;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani sign-skin-review}: a clinician signs the review of a blister or burn that a post-session skin
 * check recorded (SR-22), bound to the patient, the electrode site and the recorded check (its reference, as the
 * blocked session printed it, or looked up in the device journal with {@code --journal}). {@code simulate
 * --skin-review FILE} then lets the patient's next session at that site go ahead.
 */
@Command(
    name = "sign-skin-review",
    mixinStandardHelpOptions = true,
    description = "Signs a clinician's review of a blister or burn recorded by the post-session skin check (SR-22), "
        + "bound to the patient, the electrode site and the recorded check; writes the review file for "
        + "'simulate --skin-review'.",
    footer = {
        "",
        "Example: galvani sign-skin-review --key dr-ada.key --clinician dr-ada --patient P-0042 --placement FEET \\",
        "           --journal journal --reason \"blister healed, sponges replaced\" --out review.json"
    })
public final class SignSkinReviewCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private ClinicianKeyOptions clinician;

    @Option(names = "--patient", paramLabel = "ID", required = true, description = "The patient.")
    private String patientId;

    @Option(names = "--placement", paramLabel = "NAME", required = true,
        description = "The electrode site (a screening placement, e.g. FEET).")
    private String placement;

    @Option(names = "--session", paramLabel = "REF",
        description = "The reviewed skin check's reference <index>:<chain>, as the blocked session printed it.")
    private String session;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Look the reference up in this device journal instead: the patient's last skin check at the site.")
    private Path journalDir;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
        description = "The clinician's finding, one line (e.g. \"blister healed, sponges replaced\").")
    private String reason;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where the signed review goes.")
    private Path output;

    @Override
    public Integer call() throws IOException, GeneralSecurityException
    {
        final Placement site = placement(placement);
        final String reference = reference(site);
        final SkinReview unsigned = new SkinReview(patientId, site, reference, clinician.id(), reason, "");
        final PrivateKey key = PrescriptionSigner.readPrivateKey(clinician.keyFile());
        final Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(unsigned.statement());
        final SkinReview review = unsigned.withSignature(Base64.getEncoder().encodeToString(signer.sign()));
        final ObjectNode node = StrictJson.mapper().createObjectNode();
        node.put("patientId", review.patientId());
        node.put("placement", review.placement().name());
        node.put("session", review.session());
        node.put("clinicianId", review.clinicianId());
        node.put("reason", review.reason());
        node.put("signature", review.signature());
        Files.write(output, StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
        spec.commandLine().getOut().println("skin review of " + reference + " (patient " + patientId + ", " + site +
            ") signed by " + clinician.id() + ": " + output);
        return ExitCodes.OK;
    }

    private String reference(final Placement site)
    {
        if ((session == null) == (journalDir == null))
        {
            throw new InvalidConfigurationException("--session", "give exactly one of --session REF (as the blocked " +
                "session printed it) and --journal DIR (look up the patient's last skin check at the site)");
        }
        if (session != null)
        {
            return session;
        }
        final SkinOutcome last = JournalSkinHistory.read(JournalArgs.requireJournal(journalDir)).last(patientId, site);
        if (last == null)
        {
            throw new InvalidConfigurationException("--journal", "the journal at " + journalDir + " records no skin " +
                "check of patient " + patientId + " at " + site + ": nothing to review");
        }
        if (!last.grade().needsReview())
        {
            spec.commandLine().getOut().println("note: the last skin check of patient " + patientId + " at " + site +
                " is " + last.grade().cliName() + ", which blocks nothing; signing the review anyway");
        }
        return last.reference();
    }

    static Placement placement(final String name)
    {
        for (final Placement p : Placement.values())
        {
            if (p.name().equalsIgnoreCase(name == null ? "" : name.trim()))
            {
                return p;
            }
        }
        throw new InvalidConfigurationException("--placement", "--placement = '" + name + "' is not a placement: " +
            "allowed " + java.util.Arrays.toString(Placement.values()));
    }
}
