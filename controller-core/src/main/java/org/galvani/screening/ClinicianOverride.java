package org.galvani.screening;

import java.time.Instant;

import org.galvani.authority.SignedStatements;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.config.InvalidConfigurationException;

/**
 * A clinician's signed override of one {@link InterlockAction#BLOCK_UNLESS_OVERRIDDEN} condition for one
 * session (SR-1, SR-16, SR-19). (Named {@code ClinicianOverride}, not {@code Override}, so it does not shadow
 * {@code java.lang.Override} in this package.)
 *
 * <p>The signature is Ed25519, as standard Base64, over the canonical override statement version 2
 * ({@link OverrideStatement}):
 * <pre>
 * galvani-override-v2
 * P-0042
 * RX-2026-0117
 * FEET
 * EPILEPSY
 * dr-ada
 * 2026-12-06T18:00:00Z
 * seizure-free for 12 years, neurologist consulted
 * </pre>
 * It binds the override to the patient, the prescription of the session (a later session has another
 * prescription), the placement, the condition, the signer, an expiry and the exact reason. The evaluator
 * counts it only when the session's prescription is the bound one and the session starts before the expiry
 * ({@link ScreeningSession}); version-1 overrides (no prescription, no expiry) are refused when the
 * screening is read, with how to re-sign them.
 *
 * <p>Threading: immutable.
 *
 * @param condition      the condition overridden.
 * @param clinicianId    the signing clinician (a trusted key id).
 * @param prescriptionId the prescription of the one session the override is for (1..128 printable ASCII).
 * @param expiresAt      the override counts only for a session starting before this instant (whole seconds).
 * @param reason         why, one non-blank line of at most {@value #MAX_REASON_LENGTH} characters.
 * @param signature      Base64 Ed25519 signature over {@link #statement}; checked by the evaluator (a
 *                       malformed or wrong signature does not throw, the override just does not count).
 */
public record ClinicianOverride(
    Condition condition, String clinicianId, String prescriptionId, Instant expiresAt, String reason, String signature)
{
    /** First line of the canonical override statement. */
    public static final String STATEMENT_TAG = OverrideStatement.TAG;

    /** Longest accepted reason. */
    public static final int MAX_REASON_LENGTH = 500;

    /** Longest accepted prescription id (as a prescription's own id). */
    public static final int MAX_PRESCRIPTION_ID_LENGTH = 128;

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
        requirePrescriptionId("prescriptionId", prescriptionId);
        if (expiresAt == null)
        {
            throw new InvalidConfigurationException("expiresAt", "expiresAt of the override of " + condition + " by " +
                clinicianId + " is missing: an ISO-8601 UTC instant with whole seconds, e.g. 2026-12-06T18:00:00Z");
        }
        if (expiresAt.getNano() != 0)
        {
            throw new InvalidConfigurationException("expiresAt", "expiresAt = " + expiresAt + " of the override of " +
                condition + " is not in whole seconds");
        }
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
     * @param field          the field name for the message.
     * @param prescriptionId a prescription id.
     * @throws InvalidConfigurationException unless 1..{@value #MAX_PRESCRIPTION_ID_LENGTH} printable ASCII
     *                                       characters, not blank (the rule of a prescription's own id).
     */
    public static void requirePrescriptionId(final String field, final String prescriptionId)
    {
        if (prescriptionId == null || prescriptionId.isBlank() || prescriptionId.length() > MAX_PRESCRIPTION_ID_LENGTH ||
            !prescriptionId.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
        {
            throw new InvalidConfigurationException(field, field + (prescriptionId == null ? " is missing" :
                " = \"" + prescriptionId.replaceAll("\\p{Cntrl}", "?") + "\" is not acceptable") + ": the id of the " +
                "prescription of the one session the override is for, 1.." + MAX_PRESCRIPTION_ID_LENGTH +
                " printable ASCII characters");
        }
    }

    /**
     * @param patientId the screened patient.
     * @param placement the session's placement.
     * @return the statement this override's signature must cover.
     */
    public OverrideStatement statementFor(final String patientId, final Placement placement)
    {
        return new OverrideStatement(patientId, prescriptionId, placement, condition, clinicianId, expiresAt, reason);
    }

    /**
     * @param patientId the screened patient.
     * @param placement the session's placement.
     * @return the canonical statement's bytes this override's signature must cover.
     */
    public byte[] statement(final String patientId, final Placement placement)
    {
        return statementFor(patientId, placement).bytes();
    }
}
