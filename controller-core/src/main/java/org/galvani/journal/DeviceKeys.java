package org.galvani.journal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * The device's public key derived from its private seal key, so that a device holding only its private key (the
 * one file it needs to journal) can still verify its own journal before it trusts it — e.g. the skin history
 * (SR-22, docs/hazard-analysis.md H-48) is read from a verified journal by default, not only when an operator
 * remembers to name the public key.
 *
 * <p>Threading: stateless; any thread. Allocation: per call (set-up only, never on the tick path).
 */
public final class DeviceKeys
{
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410): the 32-byte key follows. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private DeviceKeys()
    {
    }

    /**
     * @param devicePrivateKey the device's Ed25519 private key (its 32-byte seed must be available, as for seals).
     * @return the matching Ed25519 public key (RFC 8032 derivation, the same the seals verify with).
     * @throws IllegalArgumentException if the key is not an Ed25519 private key with its seed.
     */
    public static PublicKey publicKeyOf(final PrivateKey devicePrivateKey)
    {
        final byte[] raw = new Ed25519SealSigner(devicePrivateKey).publicKey();
        final byte[] encoded = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
        try
        {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JDK cannot decode an Ed25519 public key (JDK 15+ required)", ex);
        }
    }
}
