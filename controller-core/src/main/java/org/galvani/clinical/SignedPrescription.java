package org.galvani.clinical;

import org.galvani.authority.AuthorisationResult;

/**
 * A prescription read from a prescription file together with the verification result of its signature
 * (SR-16) and its canonical JSON (the exact text that was, or should have been, signed: for the session
 * start record of the journal). Immutable.
 *
 * @param prescription  the prescription as written (not yet validated against protocol and device).
 * @param authorisation whether its signature verified, by whom, or why not.
 * @param canonicalJson {@code StrictJson.canonicalBytes} of the prescription object, as UTF-8 text.
 */
public record SignedPrescription(Prescription prescription, AuthorisationResult authorisation, String canonicalJson)
{
}
