package org.galvani.session;

/**
 * A fault reset request after its authorisation was checked on the sender's thread (SR-16).
 * Immutable.
 *
 * @param operator   who resets.
 * @param reason     why (required, non-blank).
 * @param authorised whether the signature verified against the trusted keys.
 */
public record ResetAuthorisation(String operator, String reason, boolean authorised)
{
}
