package org.galvani.journal;

/**
 * A clinician override as the session header records it (SR-19): who signed, the exact statement signed
 * (the canonical override statement, version 2: {@code org.galvani.screening.OverrideStatement}) and the
 * Base64 Ed25519 signature, so that {@code galvani verify} re-verifies it against the trusted clinician keys
 * without trusting the device's own judgement.
 *
 * <p>Threading: immutable.
 *
 * @param clinicianId the signing clinician.
 * @param statement   the statement text; its UTF-8 bytes are what was signed.
 * @param signature   the signature, standard Base64.
 */
public record JournaledOverride(String clinicianId, String statement, String signature)
{
}
