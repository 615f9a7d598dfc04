package org.galvani.authority;

/**
 * The outcome of {@link Authoriser#verify}: whether the signature verified and, if not, why, in one
 * sentence an operator or auditor can act on. Immutable.
 *
 * @param verified    whether the signature verified against a trusted key.
 * @param clinicianId the clinician the statement names.
 * @param reason      "verified" or why verification failed (unknown clinician, bad signature, ...).
 */
public record AuthorisationResult(boolean verified, String clinicianId, String reason)
{
    /**
     * @param clinicianId the clinician.
     * @return a verified result.
     */
    public static AuthorisationResult verified(final String clinicianId)
    {
        return new AuthorisationResult(true, clinicianId, "verified");
    }

    /**
     * @param clinicianId the clinician.
     * @param reason      why it was refused.
     * @return a refused result.
     */
    public static AuthorisationResult refused(final String clinicianId, final String reason)
    {
        return new AuthorisationResult(false, clinicianId, reason);
    }
}
