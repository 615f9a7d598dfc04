package org.galvani.screening;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.authority.SignedStatements;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * A clinician's signed review of a blister or burn recorded by a post-session skin check (SR-22, SR-16): once it
 * verifies against the trusted clinician keys, the patient's next session at that electrode site is no longer
 * blocked. File form ({@code galvani sign-skin-review} writes it):
 * <pre>{@code
 * {"patientId": "P-0042", "placement": "FEET", "session": "513900000123:9f86d081884c7d659a2feaa0c55ad015",
 *  "clinicianId": "dr-ada", "reason": "blister healed, electrode sponges replaced", "signature": "<base64>"}
 * }</pre>
 *
 * <p><b>Canonical skin review statement</b> (version 1), the exact bytes signed: the UTF-8 of
 * <pre>{@code
 * "galvani-skin-review-v1\n" + patientId + "\n" + placement.name() + "\n" + session + "\n" + clinicianId + "\n"
 *     + reason
 * }</pre>
 * with no trailing line break. The review is bound to the patient, the electrode site and the recorded check it
 * reviews ({@link SkinOutcome#reference()}: for the device journal the SKIN_CHECK record's index and chain value),
 * so it cannot unblock another patient, another site, or a later burn.
 *
 * <p>Threading: immutable.
 *
 * @param patientId   the patient.
 * @param placement   the electrode site.
 * @param session     the reference of the reviewed skin check ({@link SkinOutcome#reference()}).
 * @param clinicianId the signing clinician (a trusted key id).
 * @param reason      the clinician's finding, one line of at most {@value #MAX_REASON_LENGTH} characters.
 * @param signature   Base64 Ed25519 signature over {@link #statement()} (checked by {@link SkinGate}).
 */
public record SkinReview(
    String patientId, Placement placement, String session, String clinicianId, String reason, String signature)
{
    /** First line of the canonical statement. */
    public static final String STATEMENT_TAG = "galvani-skin-review-v1";
    /** Longest accepted reason. */
    public static final int MAX_REASON_LENGTH = 500;
    /** Longest accepted session reference. */
    public static final int MAX_SESSION_LENGTH = 128;

    private static final String DOCUMENT = "skin review";

    /**
     * Validates the components.
     *
     * @throws InvalidConfigurationException naming the field.
     */
    public SkinReview
    {
        if (patientId == null || patientId.isBlank() || patientId.length() > Screening.MAX_PATIENT_ID_LENGTH ||
            patientId.chars().anyMatch(Character::isISOControl))
        {
            throw new InvalidConfigurationException("patientId", "patientId is missing or not acceptable: 1.." +
                Screening.MAX_PATIENT_ID_LENGTH + " characters, no control characters");
        }
        if (placement == null)
        {
            throw new InvalidConfigurationException("placement", "placement is missing: allowed " +
                java.util.Arrays.toString(Placement.values()));
        }
        if (session == null || session.isBlank() || session.length() > MAX_SESSION_LENGTH ||
            session.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c)))
        {
            throw new InvalidConfigurationException("session", "session is missing or not acceptable: the reviewed " +
                "skin check's reference, 1.." + MAX_SESSION_LENGTH + " characters without blanks (as the blocked " +
                "session printed it, e.g. 513900000123:9f86d081884c7d659a2feaa0c55ad015)");
        }
        TrustedClinicianKeys.requireId("clinicianId", clinicianId);
        final String problem = SignedStatements.reasonProblem(reason, MAX_REASON_LENGTH);
        if (problem != null)
        {
            throw new InvalidConfigurationException("reason", "reason of the skin review is not acceptable: " + problem);
        }
        signature = signature == null ? "" : signature;
    }

    /**
     * @param patientId   the patient.
     * @param placement   the electrode site.
     * @param session     the reviewed check's reference.
     * @param clinicianId the signer.
     * @param reason      the finding.
     * @return the canonical statement's bytes (see the class comment).
     */
    public static byte[] statement(final String patientId, final Placement placement, final String session,
        final String clinicianId, final String reason)
    {
        return (STATEMENT_TAG + "\n" + patientId + "\n" + placement.name() + "\n" + session + "\n" + clinicianId +
            "\n" + reason).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the canonical statement this review's signature must cover.
     */
    public byte[] statement()
    {
        return statement(patientId, placement, session, clinicianId, reason);
    }

    /**
     * @param signatureBase64 a signature.
     * @return a copy with that signature.
     */
    public SkinReview withSignature(final String signatureBase64)
    {
        return new SkinReview(patientId, placement, session, clinicianId, reason, signatureBase64);
    }

    /**
     * Loads a review file (size-bounded, strict JSON).
     *
     * @param file the file.
     * @return the review (its signature is checked by {@link SkinGate}, not here).
     * @throws InvalidConfigurationException naming the file and field.
     */
    public static SkinReview load(final Path file)
    {
        return StrictJson.read(file, Document.class, DOCUMENT).toReview(DOCUMENT + " (" + file.getFileName() + ")");
    }

    /**
     * @param json UTF-8 JSON.
     * @return the review.
     * @throws InvalidConfigurationException naming the field.
     */
    public static SkinReview parse(final byte[] json)
    {
        return StrictJson.read(json, Document.class, DOCUMENT).toReview(DOCUMENT);
    }

    /** The file form. */
    static final class Document
    {
        private final JsonNode patientId;
        private final Placement placement;
        private final JsonNode session;
        private final JsonNode clinicianId;
        private final JsonNode reason;
        private final JsonNode signature;

        @JsonCreator
        Document(
            @JsonProperty("patientId") final JsonNode patientId,
            @JsonProperty("placement") final Placement placement,
            @JsonProperty("session") final JsonNode session,
            @JsonProperty("clinicianId") final JsonNode clinicianId,
            @JsonProperty("reason") final JsonNode reason,
            @JsonProperty("signature") final JsonNode signature)
        {
            this.patientId = patientId;
            this.placement = placement;
            this.session = session;
            this.clinicianId = clinicianId;
            this.reason = reason;
            this.signature = signature;
        }

        SkinReview toReview(final String document)
        {
            try
            {
                final String sig = JsonText.text("signature", signature);
                if (sig == null || sig.isBlank())
                {
                    throw new InvalidConfigurationException("signature", "signature is missing: a Base64 Ed25519 " +
                        "signature over the skin review statement is required (galvani sign-skin-review)");
                }
                return new SkinReview(JsonText.text("patientId", patientId), placement, JsonText.text("session", session),
                    JsonText.text("clinicianId", clinicianId), JsonText.text("reason", reason), sig);
            }
            catch (final InvalidConfigurationException ex)
            {
                throw new InvalidConfigurationException(ex.field(), document + ": " + ex.getMessage(), ex);
            }
        }
    }
}
