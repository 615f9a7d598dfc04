package org.galvani.journal;

import java.math.BigInteger;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.util.Arrays;

/**
 * A fast first check of seal signatures by one device key, in front of the JDK's Ed25519 verifier
 * ({@link JournalVerifier}, ADR-35). It answers only <em>shown</em> or <em>not shown</em>:
 * {@link #verifies} is true when S &lt; ℓ and R is byte for byte the RFC 8032 encoding of the point
 * [S]B − [k]A, k = SHA-512(R ‖ A ‖ M) mod ℓ. Then the JDK's verifier (RFC 8032 without the cofactor: S &lt; ℓ,
 * R decoded with y canonical, [S]B = R + [k]A) accepts the signature too, because R is the canonical encoding
 * of exactly that point. Every signature not shown here is passed to the JDK's verifier, whose verdict and
 * message stand: the signatures accepted are exactly those the JDK accepts, only most of them are found sooner.
 * {@code Ed25519SealVerifierTest} compares the two over random keys and messages, valid and tampered.
 *
 * <p>Cost: [S]B from the signer's table of the base point's multiples and [k](−A) from a table of the device
 * key's, built once per key ({@link DeviceKey}): at most 128 point additions and one inversion a signature,
 * about a quarter of the JDK's time here, and little code for the JIT to compile (the JDK's Ed25519 was half
 * of C2's time in a verify). Nothing here is secret, so nothing needs constant time.
 *
 * <p>Threading: an instance holds its scratch and is confined to one thread; a {@link DeviceKey} is immutable
 * and shared. Allocation: none per {@link #verifies} call; a {@link DeviceKey} is 512 KB, made once per key.
 */
final class Ed25519SealVerifier
{
    private static final int POINT = EdwardsPoints.POINT;
    private static final int ENTRIES = EdwardsPoints.ENTRIES;
    private static final int[] ORDER_BYTES = new int[32];

    static
    {
        for (int i = 0; i < 32; i++)
        {
            ORDER_BYTES[i] = Ed25519SealSigner.ORDER.shiftRight(8 * i).intValue() & 0xff;
        }
    }

    /** A device's public key ready for {@link Ed25519SealVerifier}: its encoding and j·16^i·(−A); immutable. */
    static final class DeviceKey
    {
        /** Guarded by DeviceKey.class. */
        private static DeviceKey lastPrepared;

        private final byte[] encoded;
        private final long[] negatedMultiples;

        private DeviceKey(final byte[] encoded, final long[] negatedMultiples)
        {
            this.encoded = encoded;
            this.negatedMultiples = negatedMultiples;
        }

        /**
         * The prepared key, made once for the key most recently asked for and reused (a fleet or a campaign
         * checks many journals of one device key).
         *
         * @param key a public key.
         * @return it prepared, or null when it is not a valid Ed25519 key (the JDK's verifier then checks every
         * signature alone, and reports what is wrong with the key).
         */
        static synchronized DeviceKey of(final PublicKey key)
        {
            if (!(key instanceof EdECPublicKey) ||
                !"Ed25519".equalsIgnoreCase(((EdECPublicKey)key).getParams().getName()))
            {
                return null;
            }
            final BigInteger y = ((EdECPublicKey)key).getPoint().getY();
            final boolean xOdd = ((EdECPublicKey)key).getPoint().isXOdd();
            final BigInteger[] point = EdwardsPoints.decode(y, xOdd);
            if (point == null)
            {
                return null;
            }
            // A as the JDK's verifier hashes it: y little-endian, the parity of x in the top bit
            final byte[] encoded = new byte[32];
            for (int i = 0; i < 32; i++)
            {
                encoded[i] = (byte)(y.shiftRight(8 * i).intValue() & 0xff);
            }
            encoded[31] |= (byte)(xOdd ? 0x80 : 0);
            final DeviceKey last = lastPrepared;
            if (last != null && Arrays.equals(last.encoded, encoded))
            {
                return last;
            }
            final DeviceKey prepared = new DeviceKey(encoded,
                EdwardsPoints.multiplesTable(EdwardsPoints.P.subtract(point[0]).mod(EdwardsPoints.P), point[1]));
            lastPrepared = prepared;
            return prepared;
        }
    }

    private final DeviceKey key;
    private final EdwardsPoints points = new EdwardsPoints();
    private final MessageDigest sha512;
    private final byte[] hash = new byte[64];
    private final byte[] k = new byte[32];
    private final long[] wide = new long[64];
    private final long[] accumulator = new long[POINT];
    private final byte[] encodedR = new byte[32];

    /**
     * @param key the device key the signatures must verify with.
     */
    Ed25519SealVerifier(final DeviceKey key)
    {
        this.key = key;
        try
        {
            sha512 = MessageDigest.getInstance("SHA-512");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no SHA-512", ex);
        }
    }

    /**
     * @param message   the signed message.
     * @param signature the 64-byte signature R ‖ S.
     * @return true when the signature is shown to verify with the device key (the JDK's verifier accepts it
     * too); false when it is not shown — ask the JDK's verifier, whose verdict stands.
     */
    boolean verifies(final byte[] message, final byte[] signature)
    {
        if (signature.length != 64 || !belowOrder(signature, 32))
        {
            return false;
        }
        sha512.update(signature, 0, 32);
        sha512.update(key.encoded, 0, 32);
        sha512.update(message, 0, message.length);
        try
        {
            sha512.digest(hash, 0, 64);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("SHA-512 into a 64-byte buffer failed", ex);
        }
        for (int i = 0; i < 64; i++)
        {
            wide[i] = hash[i] & 0xff;
        }
        Ed25519SealSigner.modL(k, 0, wide);

        // [S]B + [k](−A), one 4-bit window of each scalar at a time (S < ℓ and k < ℓ: 64 windows each)
        EdwardsPoints.setIdentity(accumulator, 0);
        for (int i = 0; i < EdwardsPoints.WINDOWS; i++)
        {
            final int shift = (i & 1) << 2;
            final int s = (signature[32 + (i >> 1)] >> shift) & 0x0f;
            if (s != 0)
            {
                points.add(accumulator, 0, Ed25519SealSigner.BASE_TABLE, (i * ENTRIES + s) * POINT);
            }
            final int h = (k[i >> 1] >> shift) & 0x0f;
            if (h != 0)
            {
                points.add(accumulator, 0, key.negatedMultiples, (i * ENTRIES + h) * POINT);
            }
        }
        points.encode(accumulator, 0, encodedR, 0);
        return Arrays.equals(encodedR, 0, 32, signature, 0, 32);
    }

    /** @return whether the 32-byte little-endian integer at {@code offset} is below the group order ℓ. */
    private static boolean belowOrder(final byte[] bytes, final int offset)
    {
        for (int i = 31; i >= 0; i--)
        {
            final int b = bytes[offset + i] & 0xff;
            if (b != ORDER_BYTES[i])
            {
                return b < ORDER_BYTES[i];
            }
        }
        return false;
    }
}
