package org.galvani.authority;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.galvani.session.ResetAuthorisation;

/**
 * Builds the {@link ResetAuthorisation} that lets a session leave FAULT (SR-16): the operator must be a
 * trusted clinician, the reason must be one non-blank line, and the signature must verify over the
 * canonical reset statement.
 *
 * <p><b>Canonical reset statement</b> (version 1): the UTF-8 bytes of
 * <pre>{@code
 * "galvani-reset-v1\n" + operator + "\n" + reason
 * }</pre>
 * with no trailing line break. {@code operator} is the clinician id exactly as in the trusted keys
 * (it matches {@value TrustedClinicianKeys#ID_PATTERN_TEXT}, so it holds no line break) and
 * {@code reason} is the reason exactly as recorded (one line, no control characters, at most
 * {@value #MAX_REASON_LENGTH} characters). Example for operator {@code dr-ada}, reason
 * {@code electrode re-seated}:
 * <pre>
 * galvani-reset-v1
 * dr-ada
 * electrode re-seated
 * </pre>
 * The signature is Ed25519 over these bytes, carried as standard Base64.
 *
 * <p>Threading: immutable and thread-safe; call it on the sender's thread, never the control thread.
 */
public final class ResetAuthoriser
{
    /** First line of the canonical reset statement. */
    public static final String STATEMENT_TAG = "galvani-reset-v1";

    /** Longest accepted reason. */
    public static final int MAX_REASON_LENGTH = 500;

    private final Authoriser authoriser;

    /**
     * @param authoriser checks signatures against the trusted clinician keys.
     */
    public ResetAuthoriser(final Authoriser authoriser)
    {
        this.authoriser = Objects.requireNonNull(authoriser, "authoriser");
    }

    /**
     * @param operator the operator's clinician id.
     * @param reason   the reason.
     * @return the canonical reset statement's bytes (see the class comment).
     */
    public static byte[] statement(final String operator, final String reason)
    {
        return (STATEMENT_TAG + "\n" + operator + "\n" + reason).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks a reset request; never throws for bad input.
     *
     * @param operator        who resets (a trusted clinician id).
     * @param reason          why (non-blank, one line).
     * @param signatureBase64 Ed25519 signature over {@link #statement(String, String)}, standard Base64.
     * @return verified, or refused with the reason.
     */
    public AuthorisationResult check(final String operator, final String reason, final String signatureBase64)
    {
        if (operator == null || operator.isBlank())
        {
            return AuthorisationResult.refused(operator, "reset refused: no operator named");
        }
        final String reasonProblem = SignedStatements.reasonProblem(reason, MAX_REASON_LENGTH);
        if (reasonProblem != null)
        {
            return AuthorisationResult.refused(operator, "reset refused: " + reasonProblem);
        }
        final AuthorisationResult result = SignedStatements.verifyBase64(
            authoriser, operator, statement(operator, reason), signatureBase64);
        return result.verified() ? result : AuthorisationResult.refused(operator, "reset refused: " + result.reason());
    }

    /**
     * Builds the reset authorisation handed to the controller; never throws for bad input.
     *
     * @param operator        who resets (a trusted clinician id).
     * @param reason          why (non-blank, one line).
     * @param signatureBase64 Ed25519 signature over {@link #statement(String, String)}, standard Base64.
     * @return the authorisation; {@code authorised} is true only if {@link #check} verified.
     */
    public ResetAuthorisation authorise(final String operator, final String reason, final String signatureBase64)
    {
        final boolean authorised = check(operator, reason, signatureBase64).verified();
        return new ResetAuthorisation(operator == null ? "" : operator, reason == null ? "" : reason, authorised);
    }
}
