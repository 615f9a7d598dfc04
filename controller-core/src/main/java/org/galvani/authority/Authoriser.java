package org.galvani.authority;

/**
 * Decides whether a signed statement (a prescription, an interlock override, a fault reset) was made
 * by a trusted clinician (SR-16). The default implementation verifies Ed25519 signatures with the JDK's
 * own provider against the maker's trusted clinician public keys.
 *
 * <p>Threading: implementations are immutable and thread-safe. They are called on the sender's thread
 * (the clinician UI, the configuration loader), never on the control thread. Allocation: free to
 * allocate; not for the tick path.
 */
public interface Authoriser
{
    /**
     * Verifies a signature.
     *
     * @param clinicianId who claims to have signed (the key id in the trusted key set).
     * @param message     the exact bytes that were signed (for documents: their canonical form).
     * @param signature   the signature bytes.
     * @return the outcome: verified, or why not (unknown clinician, bad signature, malformed input).
     */
    AuthorisationResult verify(String clinicianId, byte[] message, byte[] signature);
}
