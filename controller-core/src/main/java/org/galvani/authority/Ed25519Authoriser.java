package org.galvani.authority;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;

/**
 * The default {@link Authoriser} (SR-16): verifies Ed25519 signatures (RFC 8032, pure Ed25519) with the
 * JDK's own provider ({@code Signature.getInstance("Ed25519")}) against the maker's
 * {@link TrustedClinicianKeys}.
 *
 * <p>Never throws for bad input: a null or unknown clinician, a null message, a signature that is not
 * exactly {@value #SIGNATURE_LENGTH} bytes, a signature the provider cannot parse, and a signature that
 * does not match the message all give a {@linkplain AuthorisationResult#refused refused} result whose
 * reason says which.
 *
 * <p>Threading: immutable and thread-safe; a fresh {@link Signature} is created per call (the JDK's
 * {@code Signature} objects are not thread-safe). Allocates; not for the tick path.
 */
public final class Ed25519Authoriser implements Authoriser
{
    /** Length of an Ed25519 signature in bytes. */
    public static final int SIGNATURE_LENGTH = 64;

    private final TrustedClinicianKeys keys;

    /**
     * @param keys the trusted clinician keys.
     */
    public Ed25519Authoriser(final TrustedClinicianKeys keys)
    {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * @return the trusted keys this authoriser checks against.
     */
    public TrustedClinicianKeys keys()
    {
        return keys;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public AuthorisationResult verify(final String clinicianId, final byte[] message, final byte[] signature)
    {
        if (clinicianId == null || clinicianId.isEmpty())
        {
            return AuthorisationResult.refused(clinicianId, "no clinician named");
        }
        final PublicKey key = keys.keyOf(clinicianId);
        if (key == null)
        {
            return AuthorisationResult.refused(clinicianId, "clinician '" +
                TrustedClinicianKeys.abbreviate(clinicianId) + "' is not in the trusted clinician keys");
        }
        if (message == null)
        {
            return AuthorisationResult.refused(clinicianId, "no signed statement");
        }
        if (signature == null || signature.length == 0)
        {
            return AuthorisationResult.refused(clinicianId, "no signature");
        }
        if (signature.length != SIGNATURE_LENGTH)
        {
            return AuthorisationResult.refused(clinicianId, "signature is " + signature.length +
                " bytes: an Ed25519 signature is " + SIGNATURE_LENGTH + " bytes");
        }
        try
        {
            final Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            if (verifier.verify(signature))
            {
                return AuthorisationResult.verified(clinicianId);
            }
            return AuthorisationResult.refused(clinicianId,
                "signature does not match the statement for clinician '" + clinicianId + "'");
        }
        catch (final GeneralSecurityException | RuntimeException ex)
        {
            return AuthorisationResult.refused(clinicianId, "signature is malformed: " + ex.getClass().getSimpleName() +
                (ex.getMessage() == null ? "" : " " + ex.getMessage()));
        }
    }
}
