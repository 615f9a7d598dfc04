package org.galvani.screening;

import java.nio.charset.StandardCharsets;

import org.galvani.authority.SignedStatements;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.config.InvalidConfigurationException;

/**
 * A clinician's signed override of one {@link InterlockAction#BLOCK_UNLESS_OVERRIDDEN} condition (SR-1,
 * SR-16). (Named {@code ClinicianOverride}, not {@code Override}, so it does not shadow
 * {@code java.lang.Override} in this package.)
 *
 * <p><b>Canonical override statement</b> (version 1), the exact bytes signed: the UTF-8 of
 * <pre>{@code
 * "galvani-override-v1\n" + patientId + "\n" + placement.name() + "\n" + condition.name() + "\n"
 *     + clinicianId + "\n" + reason
 * }</pre>
 * with no trailing line break, e.g.
 * <pre>
 * galvani-override-v1
 * P-0042
 * FEET
 * EPILEPSY
 * dr-ada
 * seizure-free for 12 years, neurologist consulted
 * </pre>
 * Patient id, clinician id and reason hold no line breaks (they are validated), so the statement splits
 * unambiguously. The override is bound to the patient, the placement and the condition: it cannot be
 * moved to another patient, another placement or another condition, and the reason cannot be edited.
 * The signature is Ed25519 over these bytes, as standard Base64.
 *
 * <p>Threading: immutable.
 *
 * @param condition   the condition overridden.
 * @param clinicianId the signing clinician (a trusted key id).
 * @param reason      why, one non-blank line of at most {@value #MAX_REASON_LENGTH} characters.
 * @param signature   Base64 Ed25519 signature over {@link #statement}; checked by the evaluator (a
 *                    malformed or wrong signature does not throw, the override just does not count).
 */
public record ClinicianOverride(Condition condition, String clinicianId, String reason, String signature)
{
    /** First line of the canonical override statement. */
    public static final String STATEMENT_TAG = "galvani-override-v1";

    /** Longest accepted reason. */
    public static final int MAX_REASON_LENGTH = 500;

    /**
     * Validates the components.
     *
     * @throws InvalidConfigurationException naming the field.
     */
    public ClinicianOverride
    {
        if (condition == null)
        {
            throw new InvalidConfigurationException("condition", "condition is missing: name the overridden condition");
        }
        TrustedClinicianKeys.requireId("clinicianId", clinicianId);
        final String problem = SignedStatements.reasonProblem(reason, MAX_REASON_LENGTH);
        if (problem != null)
        {
            throw new InvalidConfigurationException("reason", "reason of the override of " + condition + " by " +
                clinicianId + " is not acceptable: " + problem);
        }
        if (signature == null || signature.isBlank())
        {
            throw new InvalidConfigurationException("signature", "signature of the override of " + condition +
                " by " + clinicianId
                    + " is missing: a Base64 Ed25519 signature over the override statement is required");
        }
    }

    /**
     * @param patientId the screened patient.
     * @param placement the session's placement.
     * @param condition the condition overridden.
     * @param clinicianId the signing clinician.
     * @param reason    the reason.
     * @return the canonical override statement's bytes (see the class comment).
     */
    public static byte[] statement(
        final String patientId,
        final Placement placement,
        final Condition condition,
        final String clinicianId,
        final String reason)
    {
        return (STATEMENT_TAG + "\n" + patientId + "\n" + placement.name() + "\n" + condition.name() + "\n" +
            clinicianId + "\n" + reason).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param patientId the screened patient.
     * @param placement the session's placement.
     * @return the canonical statement this override's signature must cover.
     */
    public byte[] statement(final String patientId, final Placement placement)
    {
        return statement(patientId, placement, condition, clinicianId, reason);
    }
}
