package org.galvani.authority;

import java.util.Base64;

/**
 * Helpers shared by every signed statement (SR-16): signatures travel as text in files and UIs, as
 * standard Base64 (RFC 4648 section 4, with padding, no line breaks); a signature that is not valid Base64
 * is refused, never thrown.
 *
 * <p>Threading: stateless, thread-safe.
 */
public final class SignedStatements
{
    private SignedStatements()
    {
    }

    /**
     * Decodes a Base64 signature and verifies it; never throws for bad input.
     *
     * @param authoriser      the authoriser.
     * @param clinicianId     who claims to have signed.
     * @param statement       the exact signed bytes.
     * @param signatureBase64 the signature as standard Base64 text (may be null or malformed).
     * @return the outcome; refused with a reason if the text is missing or not Base64, or the authoriser
     *         refused or failed.
     */
    public static AuthorisationResult verifyBase64(
        final Authoriser authoriser, final String clinicianId, final byte[] statement, final String signatureBase64)
    {
        if (signatureBase64 == null || signatureBase64.isEmpty())
        {
            return AuthorisationResult.refused(clinicianId, "no signature");
        }
        final byte[] signature;
        try
        {
            signature = Base64.getDecoder().decode(signatureBase64);
        }
        catch (final IllegalArgumentException ex)
        {
            return AuthorisationResult.refused(clinicianId, "signature is not valid Base64: " + ex.getMessage());
        }
        try
        {
            final AuthorisationResult result = authoriser.verify(clinicianId, statement, signature);
            return result == null ? AuthorisationResult.refused(clinicianId, "authoriser gave no answer") : result;
        }
        catch (final RuntimeException ex)
        {
            return AuthorisationResult.refused(clinicianId, "authoriser failed: " + ex);
        }
    }

    /**
     * Checks that a free-text reason is acceptable in a signed statement: non-blank, at most
     * {@code maxLength} characters, no control characters (so it stays one line in the journal).
     *
     * @param reason    the reason (may be null).
     * @param maxLength the longest allowed reason.
     * @return null if acceptable, otherwise what is wrong with it.
     */
    public static String reasonProblem(final String reason, final int maxLength)
    {
        if (reason == null || reason.isBlank())
        {
            return "a non-blank reason is required";
        }
        if (reason.length() > maxLength)
        {
            return "the reason is " + reason.length() + " characters: at most " + maxLength + " are allowed";
        }
        for (int i = 0; i < reason.length(); i++)
        {
            if (Character.isISOControl(reason.charAt(i)))
            {
                return "the reason contains a control character (line break, tab, ...) at index " + i +
                    ": it must be one line of text";
            }
        }
        return null;
    }
}
