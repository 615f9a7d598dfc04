package org.galvani.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.galvani.authority.AuthorisationResult;
import org.galvani.authority.Ed25519Authoriser;
import org.galvani.authority.Ed25519Signer;
import org.galvani.authority.SignedStatements;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.galvani.screening.ClinicianOverride;
import org.galvani.screening.Condition;
import org.galvani.screening.InterlockAction;
import org.galvani.screening.InterlockPolicy;
import org.galvani.screening.InterlockRule;
import org.galvani.screening.OverrideStatement;
import org.galvani.screening.Placement;
import org.galvani.screening.Screening;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani sign-override}: a clinician signs an override of one condition for one session (SR-16,
 * SR-19): the canonical override statement version 2 ({@link OverrideStatement}: patient, prescription id,
 * placement, condition, clinician, expiry, reason) with the clinician's Ed25519 key. Prints the override as
 * an entry of a screening file's {@code overrides} list (and writes it with {@code --out}). Every input is
 * checked first, each refusal one line naming its option: an override of a condition the interlock policy
 * blocks absolutely, or only asks to acknowledge, is not signed; the expiry must be in the future and at most
 * {@value #MAX_VALIDITY_DAYS} days ahead (the wall clock is read here, in the clinician's tool, never in the
 * controller's decision).
 */
@Command(
    name = "sign-override",
    mixinStandardHelpOptions = true,
    description = {
        "Signs a clinician override of one screening condition for one session (galvani-override-v2: patient, "
            + "prescription id, placement, condition, clinician, expiry, reason) and prints it as an entry of the "
            + "screening file's \"overrides\" list.",
        "Example: galvani sign-override --key docs/examples/demo-clinician.key --clinician demo-clinician \\",
        "           --patient PATIENT-DEMO-43 --prescription-id RX-DEMO-0002 --placement LIMB_LOCAL \\",
        "           --condition METAL_IMPLANT_IN_PATH --expires PT8H --reason \"plate 15 cm from the site, reviewed\""
    })
public final class SignOverrideCommand implements Callable<Integer>
{
    /** Longest time ahead an override may expire: it is for one session, not a course. */
    static final int MAX_VALIDITY_DAYS = 30;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClinicianKeyOptions clinician;

    @Option(names = "--patient", paramLabel = "ID", required = true, description = "The screened patient's id.")
    private String patientId;

    @Option(names = "--prescription-id", paramLabel = "ID", required = true,
        description = "The prescription of the one session the override is for.")
    private String prescriptionId;

    @Option(names = "--placement", paramLabel = "NAME", required = true,
        description = "The session's electrode placement: HANDS, FEET, HAND_AND_FOOT, AXILLAE, LIMB_LOCAL, "
            + "TRUNK_LOCAL, ACROSS_CHEST or ACROSS_HEAD.")
    private String placement;

    @Option(names = "--condition", paramLabel = "NAME", required = true,
        description = "The condition overridden (a BLOCK_UNLESS_OVERRIDDEN one, e.g. METAL_IMPLANT_IN_PATH, EPILEPSY; "
            + "see docs/screening.md).")
    private String condition;

    @Option(names = "--expires", paramLabel = "INSTANT|DURATION", required = true,
        description = "When the override expires: an ISO-8601 UTC instant (2026-12-06T18:00:00Z) or a duration from "
            + "now (PT8H, P1D); in the future, at most " + MAX_VALIDITY_DAYS + " days ahead; whole seconds.")
    private String expires;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
        description = "Why: one non-blank line of at most " + ClinicianOverride.MAX_REASON_LENGTH + " characters.")
    private String reason;

    @Option(names = "--policy", paramLabel = "FILE",
        description = "The maker's interlock policy tightening (default: the built-in policy): a condition it blocks "
            + "absolutely, or only asks to acknowledge, is not signed.")
    private Path policyFile;

    @Option(names = "--trusted-clinicians", paramLabel = "FILE",
        description = "The trusted clinician keys: the signature is checked against the clinician's public key there.")
    private Path trustedClinicians;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the override entry (JSON) to FILE.")
    private Path output;

    @Option(names = "--into", paramLabel = "SCREENING",
        description = "Add the override to this screening file (replacing an override of the same condition); its "
            + "patient and placement must be the ones signed, and the file must still read as a screening after.")
    private Path screeningFile;

    @Override
    public Integer call() throws IOException
    {
        final Placement where = parseEnum("--placement", placement, Placement.class);
        final Condition what = parseEnum("--condition", condition, Condition.class);
        rename("--patient", () -> Screening.requirePatientId(patientId));
        rename("--clinician", () -> TrustedClinicianKeys.requireId("--clinician", clinician.id()));
        rename("--prescription-id", () -> ClinicianOverride.requirePrescriptionId("--prescription-id", prescriptionId));
        final String reasonProblem = SignedStatements.reasonProblem(reason, ClinicianOverride.MAX_REASON_LENGTH);
        if (reasonProblem != null)
        {
            throw new InvalidConfigurationException("--reason", "--reason is not acceptable: " + reasonProblem);
        }
        final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        final Instant expiry = expiry(now);
        final InterlockPolicy policy = policyFile == null ? InterlockPolicy.defaults() :
            InterlockPolicy.loadTightened(policyFile);
        final InterlockRule rule = policy.ruleFor(what, where);
        if (rule.action() != InterlockAction.BLOCK_UNLESS_OVERRIDDEN)
        {
            throw new InvalidConfigurationException("--condition", "--condition " + what + " at placement " + where +
                " is " + rule.action() + " by rule " + rule.id() + ": only a BLOCK_UNLESS_OVERRIDDEN condition can be " +
                "overridden" + (rule.action() == InterlockAction.ADVISORY_ACKNOWLEDGE ? " (the operator acknowledges " +
                "this one)" : ""));
        }
        final OverrideStatement statement = new OverrideStatement(patientId, prescriptionId, where, what, clinician.id(),
            expiry, reason);
        final String signature = Ed25519Signer.load(clinician.keyFile()).signBase64(statement.bytes());
        if (trustedClinicians != null)
        {
            final AuthorisationResult check = SignedStatements.verifyBase64(new Ed25519Authoriser(
                TrustedClinicianKeys.load(trustedClinicians)), clinician.id(), statement.bytes(), signature);
            if (!check.verified())
            {
                throw new InvalidConfigurationException("--key", "--key does not match clinician " + clinician.id() +
                    " in " + trustedClinicians + ": " + check.reason());
            }
        }
        final ClinicianOverride override = new ClinicianOverride(what, clinician.id(), prescriptionId, expiry, reason,
            signature);
        final String json = entry(override);
        if (screeningFile != null)
        {
            addTo(screeningFile, override, where);
        }
        if (output != null)
        {
            Files.writeString(output, json + "\n", StandardCharsets.UTF_8);
        }
        spec.commandLine().getOut().println(json);
        spec.commandLine().getErr().println("signed by " + clinician.id() + ": override of " + what + " for patient " +
            patientId + ", prescription " + prescriptionId + ", placement " + where + ", expires " + expiry +
            (output == null ? "" : "; written to " + output) + (screeningFile == null ?
            " (add it to the screening's \"overrides\")" : "; added to " + screeningFile));
        return ExitCodes.OK;
    }

    /**
     * @param override the signed override.
     * @return its entry in a screening file, pretty-printed JSON.
     */
    static String entry(final ClinicianOverride override) throws JsonProcessingException
    {
        final ObjectNode node = StrictJson.mapper().createObjectNode();
        node.put("condition", override.condition().name());
        node.put("clinicianId", override.clinicianId());
        node.put("prescriptionId", override.prescriptionId());
        node.put("expiresAt", override.expiresAt().toString());
        node.put("reason", override.reason());
        node.put("signature", override.signature());
        return StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /**
     * Adds the override to a screening file, replacing one of the same condition; the file is checked as a
     * screening before and after, and written only when both hold.
     */
    private void addTo(final Path file, final ClinicianOverride override, final Placement where) throws IOException
    {
        final Screening before = Screening.load(file);
        if (!before.patientId().equals(patientId) || before.placement() != where)
        {
            throw new InvalidConfigurationException("--into", "--into " + file + " is the screening of patient '" +
                before.patientId() + "' at placement " + before.placement() + ", not of '" + patientId + "' at " +
                where + " as signed");
        }
        final ObjectNode tree = (ObjectNode)StrictJson.tree(BoundedFiles.read(file, BoundedFiles.MAX_DOCUMENT_BYTES,
            "--into", "screening file"), "screening (" + file.getFileName() + ")");
        final ArrayNode overrides = tree.get("overrides") instanceof ArrayNode list ? list : tree.putArray("overrides");
        for (int i = overrides.size() - 1; i >= 0; i--)
        {
            if (override.condition().name().equals(overrides.get(i).path("condition").asText()))
            {
                overrides.remove(i);
            }
        }
        overrides.add(StrictJson.mapper().readTree(entry(override)));
        final byte[] updated = StrictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
        Screening.parse(updated);
        Files.write(file, updated);
    }

    private Instant expiry(final Instant now)
    {
        Instant expiry;
        try
        {
            expiry = expires.startsWith("P") || expires.startsWith("p") ?
                now.plus(Duration.parse(expires)) : Instant.parse(expires);
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new InvalidConfigurationException("--expires", "--expires '" + expires + "' is neither an ISO-8601 " +
                "UTC instant (2026-12-06T18:00:00Z) nor a duration (PT8H, P1D)");
        }
        if (expiry.getNano() != 0)
        {
            throw new InvalidConfigurationException("--expires", "--expires " + expiry + " is not in whole seconds");
        }
        if (!expiry.isAfter(now))
        {
            throw new InvalidConfigurationException("--expires", "--expires " + expiry + " is not in the future " +
                "(now " + now + ")");
        }
        if (expiry.isAfter(now.plus(Duration.ofDays(MAX_VALIDITY_DAYS))))
        {
            throw new InvalidConfigurationException("--expires", "--expires " + expiry + " is more than " +
                MAX_VALIDITY_DAYS + " days ahead (now " + now + "): an override is for one session");
        }
        return expiry;
    }

    private static <E extends Enum<E>> E parseEnum(final String option, final String text, final Class<E> type)
    {
        try
        {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigurationException(option, option + " '" + text + "' is unknown: allowed " +
                Arrays.toString(type.getEnumConstants()));
        }
    }

    private static void rename(final String option, final Runnable check)
    {
        try
        {
            check.run();
        }
        catch (final InvalidConfigurationException ex)
        {
            throw new InvalidConfigurationException(option, option + ": " + ex.getMessage(), ex);
        }
    }
}
