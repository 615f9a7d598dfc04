package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The journal's allocation-free Ed25519 signer (ADR-24) is standard Ed25519: RFC 8032's test vectors, and
 * byte-for-byte the JDK provider's signature (Ed25519 is deterministic) over random keys and messages, each
 * verified by the JDK's verifier as {@link JournalVerifier} does; and it allocates nothing per signature.
 */
class Ed25519SealSignerTest
{
    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("SR-14 RFC 8032 7.1 test vectors 1-3 and SHA(abc): public key and signature exact")
    void rfc8032Vectors()
    {
        vector("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        vector("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        vector("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
            "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
    }

    private static void vector(final String seed, final String publicKey, final String message, final String signature)
    {
        final Ed25519SealSigner signer = new Ed25519SealSigner(HEX.parseHex(seed));
        assertEquals(publicKey, HEX.formatHex(signer.publicKey()), "public key of seed " + seed);
        final byte[] m = HEX.parseHex(message);
        final byte[] out = new byte[64 + 3];
        signer.sign(m, 0, m.length, out, 3);
        assertEquals(signature, HEX.formatHex(out, 3, 67), "signature of message '" + message + "'");
    }

    @Test
    @DisplayName("SR-14 200 random keys × random messages (0-200 bytes, at offsets): the JDK provider's signature exactly, and it verifies")
    void sameAsJdkProvider() throws Exception
    {
        final SecureRandom keys = new SecureRandom();
        final Random lengths = new Random(20261206L);
        final KeyFactory factory = KeyFactory.getInstance("Ed25519");
        for (int k = 0; k < 200; k++)
        {
            final byte[] seed = new byte[32];
            keys.nextBytes(seed);
            if (k == 0)
            {
                java.util.Arrays.fill(seed, (byte)0xff);
            }
            else if (k == 1)
            {
                java.util.Arrays.fill(seed, (byte)0);
            }
            final PrivateKey jdkKey = factory.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            final Ed25519SealSigner signer = new Ed25519SealSigner(jdkKey);
            final PublicKey publicKey = publicKeyOf(factory, signer.publicKey());
            for (int m = 0; m < 3; m++)
            {
                final int offset = lengths.nextInt(5);
                final byte[] buffer = new byte[offset + lengths.nextInt(201)];
                keys.nextBytes(buffer);
                final int length = buffer.length - offset;
                final Signature jdk = Signature.getInstance("Ed25519");
                jdk.initSign(jdkKey);
                jdk.update(buffer, offset, length);
                final byte[] expected = jdk.sign();
                final byte[] actual = new byte[64];
                signer.sign(buffer, offset, length, actual, 0);
                assertArrayEquals(expected, actual, "key " + k + " message " + m);
                final Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(publicKey);
                verifier.update(buffer, offset, length);
                assertTrue(verifier.verify(actual), "verifies: key " + k + " message " + m);
            }
        }
    }

    /** The public key as the JDK sees it: the X.509 prefix for Ed25519 and the 32 bytes. */
    private static PublicKey publicKeyOf(final KeyFactory factory, final byte[] raw) throws Exception
    {
        final byte[] der = new byte[44];
        System.arraycopy(HEX.parseHex("302a300506032b6570032100"), 0, der, 0, 12);
        System.arraycopy(raw, 0, der, 12, 32);
        return factory.generatePublic(new java.security.spec.X509EncodedKeySpec(der));
    }

    @Test
    @DisplayName("SR-14 a JDK key pair's public key is the signer's, and seals from it verify with it")
    void jdkKeyPair() throws Exception
    {
        final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final Ed25519SealSigner signer = new Ed25519SealSigner(pair.getPrivate());
        final byte[] encoded = pair.getPublic().getEncoded();
        assertArrayEquals(java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length),
            signer.publicKey());
        final byte[] message = JournalCodec.sealMessage(42, new byte[JournalDescriptor.CHAIN_LENGTH]);
        final byte[] signature = new byte[64];
        signer.sign(message, 0, message.length, signature, 0);
        final Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        assertTrue(verifier.verify(signature));
        signature[32] ^= 1; // S changes, still below the group order
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        assertTrue(!verifier.verify(signature), "a flipped bit must not verify");
    }

    @Test
    @DisplayName("a key that is not Ed25519 is refused in one sentence")
    void refusesOtherKeys() throws Exception
    {
        final PrivateKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Ed25519SealSigner(ec));
        assertTrue(ex.getMessage().contains("only Ed25519 keys sign seals"), ex.getMessage());
        assertTrue(EdECPrivateKey.class.isInterface());
    }

    @Test
    @DisplayName("signing a seal allocates 0 bytes (2,000 signatures after 6,000 of warm-up, per-thread counter)")
    void allocationFree()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Ed25519SealSigner signer = new Ed25519SealSigner(HEX.parseHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        final byte[] message = new byte[JournalCodec.SEAL_MESSAGE_LENGTH];
        final byte[] signature = new byte[64];
        for (int i = 0; i < 6_000; i++) // until C2 compiled it (the interpreter's and C1's code allocate a little)
        {
            message[i & 31] ^= (byte)i;
            signer.sign(message, 0, message.length, signature, 0);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2_000; i++)
        {
            message[i & 31] ^= (byte)i;
            signer.sign(message, 0, message.length, signature, 0);
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0L, allocated, "bytes allocated by 2,000 signatures");
    }
}
