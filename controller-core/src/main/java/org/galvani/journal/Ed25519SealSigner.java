package org.galvani.journal;

import java.math.BigInteger;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;

/**
 * Standard Ed25519 signing (RFC 8032, pure Ed25519, no context) that allocates nothing per signature, for the
 * journal's seals (ADR-24): the JDK's provider allocates about 15 KB per signature and BouncyCastle's
 * low-level {@code rfc8032.Ed25519} about 2.2 KB, which at one seal per 1,024 ticks is 15 and 2.2 bytes per
 * tick — more than a whole clinic day under the Epsilon collector allows. Signatures are byte for byte those
 * of the JDK's provider (Ed25519 is deterministic; {@code Ed25519SealSignerTest} compares them over random
 * keys and messages and the RFC 8032 vectors) and verify with the JDK's verifier that
 * {@link JournalVerifier} uses.
 *
 * <p>Algorithms: TweetNaCl's (public domain) — field arithmetic in {@link Curve25519Field}, the unified
 * extended-coordinates addition ({@link EdwardsPoints}), TweetNaCl's reduction modulo the group order — with the fixed-base
 * multiplication done over a table of j·16^i·B (i &lt; 64, j &lt; 16; 512 KB, built once per process with
 * BigInteger-derived constants) read in constant time: 64 additions per signature, no branch and no table
 * index depending on the key or the nonce. SHA-512 is the JDK's {@link MessageDigest}, one instance reused.
 *
 * <p>Threading: an instance is confined to one thread (it holds its scratch); the table is immutable after
 * class initialisation and shared. Allocation: none per {@link #sign} call; construction allocates the key's
 * state and scratch (about 3 KB) and the first use in a process builds the table.
 */
final class Ed25519SealSigner
{
    private static final int POINT = EdwardsPoints.POINT;
    private static final int WINDOWS = EdwardsPoints.WINDOWS;
    private static final int ENTRIES = EdwardsPoints.ENTRIES;

    /** The group order ℓ = 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger ORDER = BigInteger.ONE.shiftLeft(252)
        .add(new BigInteger("27742317777372353535851937790883648493"));
    /** ℓ's 32 little-endian bytes, each in a long. */
    private static final long[] L = new long[32];
    /** j·16^i·B for the base point B (y = 4/5, x even): shared with {@link Ed25519SealVerifier}, never written. */
    static final long[] BASE_TABLE;

    static
    {
        for (int i = 0; i < 32; i++)
        {
            L[i] = ORDER.shiftRight(8 * i).intValue() & 0xff;
        }
        final BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(EdwardsPoints.P))
            .mod(EdwardsPoints.P);
        final BigInteger[] base = EdwardsPoints.decode(y, false);
        BASE_TABLE = EdwardsPoints.multiplesTable(base[0], base[1]);
    }

    private final EdwardsPoints points = new EdwardsPoints();
    private final MessageDigest sha512;
    private final byte[] scalar = new byte[32];
    private final byte[] prefix = new byte[32];
    private final byte[] publicKey = new byte[32];
    private final byte[] nonce = new byte[64];
    private final byte[] challenge = new byte[64];
    private final long[] wide = new long[64];
    private final long[] accumulator = new long[POINT];
    private final long[] entry = new long[POINT];

    /**
     * @param key an Ed25519 private key whose 32-byte seed is available (the JDK's {@link EdECPrivateKey}).
     * @throws IllegalArgumentException if it is not one.
     */
    Ed25519SealSigner(final PrivateKey key)
    {
        this(seedOf(key));
    }

    /**
     * @param seed the 32-byte private key (RFC 8032's "secret key"); not kept.
     */
    Ed25519SealSigner(final byte[] seed)
    {
        if (seed.length != 32)
        {
            throw new IllegalArgumentException("an Ed25519 private key is 32 bytes, not " + seed.length);
        }
        try
        {
            sha512 = MessageDigest.getInstance("SHA-512");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no SHA-512", ex);
        }
        final byte[] expanded = sha512.digest(seed);
        expanded[0] &= (byte)248;
        expanded[31] &= 127;
        expanded[31] |= 64;
        System.arraycopy(expanded, 0, scalar, 0, 32);
        System.arraycopy(expanded, 32, prefix, 0, 32);
        Arrays.fill(expanded, (byte)0);
        scalarMultiplyBase(scalar);
        encodePoint(publicKey, 0);
    }

    private static byte[] seedOf(final PrivateKey key)
    {
        if (!(key instanceof EdECPrivateKey) ||
            !"Ed25519".equalsIgnoreCase(((EdECPrivateKey)key).getParams().getName()))
        {
            throw new IllegalArgumentException("the device key is a " + key.getAlgorithm() +
                " key: only Ed25519 keys sign seals");
        }
        return ((EdECPrivateKey)key).getBytes().orElseThrow(() ->
            new IllegalArgumentException("the device's Ed25519 private key does not expose its 32-byte seed"));
    }

    /**
     * @return a copy of the public key this signer's signatures verify with (RFC 8032 encoding; allocates).
     */
    byte[] publicKey()
    {
        return publicKey.clone();
    }

    /**
     * Signs {@code message[offset, offset + length)} into {@code signature[signatureOffset, +64)}; allocates
     * nothing.
     *
     * @param message         the message.
     * @param offset          where it starts.
     * @param length          its length.
     * @param signature       destination of the 64-byte signature (must not overlap the message).
     * @param signatureOffset where in it.
     */
    void sign(final byte[] message, final int offset, final int length, final byte[] signature,
        final int signatureOffset)
    {
        sha512.update(prefix, 0, 32);
        sha512.update(message, offset, length);
        digestInto(nonce);
        reduce(nonce);
        scalarMultiplyBase(nonce);
        encodePoint(signature, signatureOffset);

        sha512.update(signature, signatureOffset, 32);
        sha512.update(publicKey, 0, 32);
        sha512.update(message, offset, length);
        digestInto(challenge);
        reduce(challenge);

        final long[] x = wide;
        Arrays.fill(x, 0L);
        for (int i = 0; i < 32; i++)
        {
            x[i] = nonce[i] & 0xff;
        }
        for (int i = 0; i < 32; i++)
        {
            final long hi = challenge[i] & 0xff;
            for (int j = 0; j < 32; j++)
            {
                x[i + j] += hi * (scalar[j] & 0xff);
            }
        }
        modL(signature, signatureOffset + 32, x);
    }

    private void digestInto(final byte[] out)
    {
        try
        {
            sha512.digest(out, 0, 64);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException("SHA-512 into a 64-byte buffer failed", ex);
        }
    }

    /** Reduces the 64-byte little-endian integer in {@code r} modulo the group order into r[0, 32). */
    private void reduce(final byte[] r)
    {
        final long[] x = wide;
        for (int i = 0; i < 64; i++)
        {
            x[i] = r[i] & 0xff;
        }
        Arrays.fill(r, (byte)0);
        modL(r, 0, x);
    }

    /**
     * TweetNaCl's modL: {@code x} (64 signed limbs of 8 bits) modulo the group order into 32 bytes.
     *
     * @param r      destination.
     * @param offset where in it.
     * @param x      the integer (overwritten).
     */
    static void modL(final byte[] r, final int offset, final long[] x)
    {
        long carry;
        for (int i = 63; i >= 32; --i)
        {
            carry = 0;
            int j;
            for (j = i - 32; j < i - 12; ++j)
            {
                x[j] += carry - 16 * x[i] * L[j - (i - 32)];
                carry = (x[j] + 128) >> 8;
                x[j] -= carry << 8;
            }
            x[j] += carry;
            x[i] = 0;
        }
        carry = 0;
        for (int j = 0; j < 32; j++)
        {
            x[j] += carry - (x[31] >> 4) * L[j];
            carry = x[j] >> 8;
            x[j] &= 255;
        }
        for (int j = 0; j < 32; j++)
        {
            x[j] -= carry * L[j];
        }
        for (int i = 0; i < 32; i++)
        {
            x[i + 1] += x[i] >> 8;
            r[offset + i] = (byte)(x[i] & 255);
        }
    }

    /**
     * {@code accumulator = s·B} for a 32-byte little-endian scalar: one addition per 4-bit window of an entry
     * read from the table in constant time (all 16 entries of the window are read, one kept by mask).
     */
    private void scalarMultiplyBase(final byte[] s)
    {
        EdwardsPoints.setIdentity(accumulator, 0);
        for (int i = 0; i < WINDOWS; i++)
        {
            final int digit = (s[i >> 1] >> ((i & 1) << 2)) & 0x0f;
            Arrays.fill(entry, 0L);
            final int base = i * ENTRIES * POINT;
            for (int j = 0; j < ENTRIES; j++)
            {
                final long mask = -(((j ^ digit) - 1) >>> 31);
                final int at = base + j * POINT;
                for (int k = 0; k < POINT; k++)
                {
                    entry[k] |= mask & BASE_TABLE[at + k];
                }
            }
            points.add(accumulator, 0, entry, 0);
        }
    }

    /** Encodes {@link #accumulator} (RFC 8032 5.1.2: y with the parity of x in the top bit). */
    private void encodePoint(final byte[] out, final int offset)
    {
        points.encode(accumulator, 0, out, offset);
    }
}
