package org.galvani.authority;

import java.security.PublicKey;
import java.util.Map;

/**
 * Test fixture: two trusted clinicians and one untrusted key, generated once per JVM.
 */
public final class TestKeys
{
    /** A trusted clinician. */
    public static final String ADA = "dr-ada";
    /** Another trusted clinician. */
    public static final String BOB = "dr-bob";
    /** A clinician whose key is not trusted. */
    public static final String MALLORY = "dr-mallory";

    private static final Ed25519Signer.EncodedKeyPair ADA_PAIR = Ed25519Signer.generate();
    private static final Ed25519Signer.EncodedKeyPair BOB_PAIR = Ed25519Signer.generate();
    private static final Ed25519Signer.EncodedKeyPair MALLORY_PAIR = Ed25519Signer.generate();

    private static final TrustedClinicianKeys KEYS = TrustedClinicianKeys.of(Map.of(
        ADA, publicKey(ADA_PAIR), BOB, publicKey(BOB_PAIR)));

    private TestKeys()
    {
    }

    /**
     * @return keys trusting ADA and BOB.
     */
    public static TrustedClinicianKeys trusted()
    {
        return KEYS;
    }

    /**
     * @return an authoriser over {@link #trusted()}.
     */
    public static Ed25519Authoriser authoriser()
    {
        return new Ed25519Authoriser(KEYS);
    }

    /**
     * @param clinicianId ADA, BOB or MALLORY.
     * @return that clinician's signer.
     */
    public static Ed25519Signer signer(final String clinicianId)
    {
        return Ed25519Signer.fromText(pair(clinicianId).privateKeyBase64(), clinicianId);
    }

    /**
     * @param clinicianId ADA, BOB or MALLORY.
     * @return that clinician's key pair as text.
     */
    public static Ed25519Signer.EncodedKeyPair pair(final String clinicianId)
    {
        switch (clinicianId)
        {
            case ADA:
                return ADA_PAIR;
            case BOB:
                return BOB_PAIR;
            default:
                return MALLORY_PAIR;
        }
    }

    private static PublicKey publicKey(final Ed25519Signer.EncodedKeyPair pair)
    {
        return TrustedClinicianKeys.decodePublicKey("test", pair.publicKeyBase64());
    }
}
