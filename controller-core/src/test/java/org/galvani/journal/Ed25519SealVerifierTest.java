package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verifier's fast first check of a seal (ADR-35) never shows a signature valid that the JDK's Ed25519
 * verifier rejects, and shows every valid one: RFC 8032's vectors, and random keys × random and seal messages,
 * each signed, then tampered with (a bit of the message, of R, of S, S + ℓ, another key, zeros) and judged by
 * both.
 */
class Ed25519SealVerifierTest
{
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("SR-14 RFC 8032 7.1 test vectors 1-3: shown valid; one bit off in the message: not shown")
    void rfc8032Vectors() throws Exception
    {
        vector("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        vector("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        vector("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
    }

    private static void vector(final String publicKey, final String message, final String signature) throws Exception
    {
        final Ed25519SealVerifier verifier = new Ed25519SealVerifier(
            Ed25519SealVerifier.DeviceKey.of(publicKeyOf(HEX.parseHex(publicKey))));
        final byte[] m = HEX.parseHex(message);
        assertTrue(verifier.verifies(m, HEX.parseHex(signature)), "vector of message '" + message + "'");
        final byte[] other = Arrays.copyOf(m, m.length + 1);
        assertFalse(verifier.verifies(other, HEX.parseHex(signature)), "a byte more than '" + message + "'");
    }

    @Test
    @DisplayName("SR-14 60 random keys × seal and random messages, valid and tampered 7 ways: shown valid ⇔ the JDK accepts")
    void agreesWithJdk() throws Exception
    {
        final Random random = new Random(20261206L);
        final KeyFactory factory = KeyFactory.getInstance("Ed25519");
        final BigInteger order = Ed25519SealSigner.ORDER;
        int tampered = 0;
        for (int k = 0; k < 60; k++)
        {
            final byte[] seed = new byte[32];
            random.nextBytes(seed);
            final PrivateKey privateKey =
                factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            final Ed25519SealSigner signer = new Ed25519SealSigner(privateKey);
            final PublicKey publicKey = publicKeyOf(signer.publicKey());
            final Ed25519SealVerifier verifier = new Ed25519SealVerifier(Ed25519SealVerifier.DeviceKey.of(publicKey));
            final PublicKey otherKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
            for (int m = 0; m < 4; m++)
            {
                final byte[] message;
                if (m < 2)
                {
                    final byte[] chain = new byte[JournalDescriptor.CHAIN_LENGTH];
                    random.nextBytes(chain);
                    message = JournalCodec.sealMessage(random.nextLong() & Long.MAX_VALUE, chain);
                }
                else
                {
                    message = new byte[random.nextInt(120)];
                    random.nextBytes(message);
                }
                final byte[] signature = new byte[64];
                signer.sign(message, 0, message.length, signature, 0);
                assertTrue(jdkAccepts(publicKey, message, signature), "the JDK accepts the valid signature");
                assertTrue(verifier.verifies(message, signature), "valid signature shown: key " + k + " message " + m);

                for (int kind = 0; kind < 6; kind++)
                {
                    final byte[] msg = message.clone();
                    final byte[] sig = signature.clone();
                    switch (kind)
                    {
                        case 0 -> {
                            if (msg.length == 0)
                            {
                                continue;
                            }
                            msg[random.nextInt(msg.length)] ^= (byte)(1 << random.nextInt(8));
                        }
                        case 1 -> sig[random.nextInt(32)] ^= (byte)(1 << random.nextInt(8));
                        case 2 -> sig[32 + random.nextInt(31)] ^= (byte)(1 << random.nextInt(8));
                        case 3 -> {
                            // S + ℓ: the same S modulo ℓ, not canonical (RFC 8032 refuses it, and so does the JDK)
                            final byte[] s = Arrays.copyOfRange(sig, 32, 64);
                            reverse(s);
                            final BigInteger sPlus = new BigInteger(1, s).add(order);
                            final byte[] big = sPlus.toByteArray();
                            reverse(big);
                            Arrays.fill(sig, 32, 64, (byte)0);
                            System.arraycopy(big, 0, sig, 32, Math.min(32, big.length));
                        }
                        case 4 -> Arrays.fill(sig, (byte)0);
                        default -> {
                            // the right signature by the same key over the message, judged under another key
                            assertFalse(jdkAccepts(otherKey, msg, sig), "another key");
                            assertFalse(new Ed25519SealVerifier(Ed25519SealVerifier.DeviceKey.of(otherKey))
                                .verifies(msg, sig), "another key: not shown");
                            tampered++;
                            continue;
                        }
                    }
                    final boolean jdk = jdkAccepts(publicKey, msg, sig);
                    final boolean shown = verifier.verifies(msg, sig);
                    assertTrue(!shown || jdk, "shown valid although the JDK rejects it: key " + k + " message " + m +
                        " tampering " + kind);
                    assertFalse(jdk, "a tampered signature the JDK accepts: key " + k + " tampering " + kind);
                    tampered++;
                }
            }
            // the cache of the last prepared key is the same key's
            assertSame(Ed25519SealVerifier.DeviceKey.of(publicKey), Ed25519SealVerifier.DeviceKey.of(publicKey));
        }
        assertTrue(tampered > 1_300, "tampered signatures judged: " + tampered);
    }

    @Test
    @DisplayName("a key that is not Ed25519 is not prepared (the JDK's verifier then judges every seal and names the problem)")
    void otherKeys() throws Exception
    {
        assertNull(Ed25519SealVerifier.DeviceKey.of(KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic()));
        assertNotNull(Ed25519SealVerifier.DeviceKey.of(
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic()));
    }

    @Test
    @DisplayName("SR-14 a valid signature one byte longer or shorter is not shown valid, and no exception escapes")
    void signatureLengthIsChecked() throws Exception
    {
        final KeyFactory factory = KeyFactory.getInstance("Ed25519");
        final byte[] seed = new byte[32];
        new Random(35L).nextBytes(seed);
        final Ed25519SealSigner signer =
            new Ed25519SealSigner(factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
        final PublicKey publicKey = publicKeyOf(signer.publicKey());
        final Ed25519SealVerifier verifier = new Ed25519SealVerifier(Ed25519SealVerifier.DeviceKey.of(publicKey));
        final byte[] message = JournalCodec.sealMessage(42, new byte[JournalDescriptor.CHAIN_LENGTH]);
        final byte[] signature = new byte[64];
        signer.sign(message, 0, message.length, signature, 0);
        assertTrue(verifier.verifies(message, signature));
        // one zero byte more: JDK 17 accepts it (it reads S as every byte after R, and a zero top byte leaves S as it
        // was), JDK 25 refuses it ("signature length invalid"); the fast check shows only 64-byte signatures, so the
        // JDK's verifier judges it (a seal record always holds 64 bytes)
        assertFalse(verifier.verifies(message, Arrays.copyOf(signature, 65)), "a signature of 65 bytes: not shown");
        for (final int length : new int[] {63, 32, 0})
        {
            final byte[] other = Arrays.copyOf(signature, length);
            assertFalse(jdkAccepts(publicKey, message, other), "the JDK refuses a signature of " + length + " bytes");
            assertFalse(verifier.verifies(message, other), "a signature of " + length + " bytes: not shown");
        }
    }

    /**
     * S at the group order's edge. Under the identity as public key (a small-order point the JDK's verifier takes,
     * y = 1) [k]A vanishes, so (R, S) verifies for every message exactly when R encodes [S]B and S &lt; ℓ: this is how
     * signatures with a chosen S are made without a discrete logarithm.
     */
    @Test
    @DisplayName("SR-14 S = ℓ − 1 (every byte but the lowest equal to ℓ's) is shown valid; S = ℓ and S = 2ℓ − 1 are not, as the JDK judges")
    void sAtTheOrder() throws Exception
    {
        final byte[] identity = new byte[32];
        identity[0] = 1;
        final PublicKey key = publicKeyOf(identity);
        final Ed25519SealVerifier verifier = new Ed25519SealVerifier(Ed25519SealVerifier.DeviceKey.of(key));
        final BigInteger order = Ed25519SealSigner.ORDER;
        // R = [ℓ − 1]B = −B: B's encoding (y = 4/5) with the parity bit of −x (B's x is even) set
        final byte[] minusB = HEX.parseHex("5866666666666666666666666666666666666666666666666666666666666666");
        minusB[31] |= (byte)0x80;
        final byte[] message = JournalCodec.sealMessage(7, new byte[JournalDescriptor.CHAIN_LENGTH]);
        final Object[][] cases = {
            {minusB, order.subtract(BigInteger.ONE), true},
            {identity, BigInteger.ZERO, true},
            {identity, order, false},
            {minusB, order.shiftLeft(1).subtract(BigInteger.ONE), false},
            {minusB, order.subtract(BigInteger.TWO), false},
        };
        for (final Object[] c : cases)
        {
            final byte[] signature = new byte[64];
            System.arraycopy((byte[])c[0], 0, signature, 0, 32);
            final byte[] s = littleEndian((BigInteger)c[1]);
            System.arraycopy(s, 0, signature, 32, 32);
            final boolean valid = (Boolean)c[2];
            assertEquals(valid, jdkAccepts(key, message, signature), "the JDK's verdict on S = " + c[1]);
            assertEquals(valid, verifier.verifies(message, signature), "shown valid with S = " + c[1]);
        }
    }

    @Test
    @DisplayName("a key that is not an Ed25519 point is not prepared: an Ed448 key whose y is an Ed25519 point's, an Ed25519 y with no x, y = p")
    void keysThatAreNoEd25519Point() throws Exception
    {
        final PublicKey ed448 = KeyFactory.getInstance("Ed448").generatePublic(
            new EdECPublicKeySpec(NamedParameterSpec.ED448, new EdECPoint(false, BigInteger.ZERO)));
        assertNotNull(EdwardsPoints.decode(BigInteger.ZERO, false), "y = 0 is an Ed25519 point's");
        assertNull(Ed25519SealVerifier.DeviceKey.of(ed448), "an Ed448 key");
        final BigInteger noX = BigInteger.TWO;
        assertNull(EdwardsPoints.decode(noX, false), "y = 2 has no x");
        final KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        assertNull(Ed25519SealVerifier.DeviceKey.of(ed25519.generatePublic(
            new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(false, noX)))), "y = 2");
    }

    @Test
    @DisplayName("the key prepared last is handed out again, not rebuilt, and another key replaces it")
    void preparedKeyIsReused() throws Exception
    {
        final PublicKey one = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        final PublicKey two = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        final Ed25519SealVerifier.DeviceKey first = Ed25519SealVerifier.DeviceKey.of(one);
        assertNotNull(first);
        final Ed25519SealVerifier.DeviceKey again = Ed25519SealVerifier.DeviceKey.of(one);
        assertNotNull(again);
        assertSame(first, again);
        final Ed25519SealVerifier.DeviceKey other = Ed25519SealVerifier.DeviceKey.of(two);
        assertNotNull(other);
        assertNotSame(first, other);
        assertNotSame(other, Ed25519SealVerifier.DeviceKey.of(one), "one was replaced by two: prepared anew");
    }

    @Test
    @DisplayName("the first key prepared in a JVM (none prepared before) is prepared and checks its own seals only")
    void firstKeyInTheProcess() throws Exception
    {
        final java.lang.reflect.Field last = Ed25519SealVerifier.DeviceKey.class.getDeclaredField("lastPrepared");
        last.setAccessible(true);
        synchronized (Ed25519SealVerifier.DeviceKey.class)
        {
            last.set(null, null); // as in a fresh process: the verify command prepares its first key
        }
        final KeyFactory factory = KeyFactory.getInstance("Ed25519");
        final Ed25519SealSigner signer = new Ed25519SealSigner(
            factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, new byte[32])));
        final PublicKey publicKey = publicKeyOf(signer.publicKey());
        final Ed25519SealVerifier.DeviceKey prepared = Ed25519SealVerifier.DeviceKey.of(publicKey);
        assertNotNull(prepared, "prepared with nothing prepared before");
        final byte[] message = JournalCodec.sealMessage(7, new byte[JournalDescriptor.CHAIN_LENGTH]);
        final byte[] signature = new byte[64];
        signer.sign(message, 0, message.length, signature, 0);
        assertTrue(new Ed25519SealVerifier(prepared).verifies(message, signature), "its own seal shown valid");
        final PublicKey other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        assertFalse(new Ed25519SealVerifier(Ed25519SealVerifier.DeviceKey.of(other)).verifies(message, signature),
            "another device's key prepared next does not show this device's seal");
    }

    private static byte[] littleEndian(final BigInteger value)
    {
        final byte[] out = new byte[32];
        for (int i = 0; i < 32; i++)
        {
            out[i] = (byte)(value.shiftRight(8 * i).intValue() & 0xff);
        }
        return out;
    }

    private static boolean jdkAccepts(final PublicKey key, final byte[] message, final byte[] signature)
        throws GeneralSecurityException
    {
        final Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(key);
        jdk.update(message);
        try
        {
            return jdk.verify(signature);
        }
        catch (final SignatureException ex)
        {
            return false; // e.g. "s is too large", as JournalVerifier reports it
        }
    }

    private static void reverse(final byte[] bytes)
    {
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--)
        {
            final byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
    }

    /** The public key as the JDK sees it: the X.509 prefix for Ed25519 and the 32 bytes. */
    private static PublicKey publicKeyOf(final byte[] raw) throws Exception
    {
        final byte[] der = new byte[44];
        System.arraycopy(HEX.parseHex("302a300506032b6570032100"), 0, der, 0, 12);
        System.arraycopy(raw, 0, der, 12, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }
}
