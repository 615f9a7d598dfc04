package org.galvani.journal;

/**
 * Arithmetic in GF(2^255 − 19) for the journal's allocation-free Ed25519 signer ({@link Ed25519SealSigner},
 * ADR-24): an element is a {@code long[16]} of 16-bit limbs (radix 2^16, little-endian), the representation
 * and the algorithms of TweetNaCl (Bernstein et al., public domain): schoolbook multiplication folded by 38,
 * carries that never branch on the value, a constant-time conditional swap, and inversion by Fermat's little
 * theorem (a fixed sequence of squarings and multiplications). Nothing here branches on or indexes by a
 * secret value.
 *
 * <p>Threading: an instance holds the scratch arrays of its operations and is confined to one thread.
 * Allocation: none after construction; every operation writes its result into an array the caller owns
 * (the result may be one of the operands).
 */
final class Curve25519Field
{
    /** Limbs of one element. */
    static final int LIMBS = 16;

    private final long[] product = new long[2 * LIMBS - 1];
    private final long[] packT = new long[LIMBS];
    private final long[] packM = new long[LIMBS];
    private final long[] inverse = new long[LIMBS];
    private final byte[] parity = new byte[32];

    /**
     * @return a new zero element (set-up only: allocates).
     */
    static long[] element()
    {
        return new long[LIMBS];
    }

    /**
     * @param value a small non-negative integer.
     * @param out   receives it as an element.
     */
    static void setSmall(final long value, final long[] out)
    {
        java.util.Arrays.fill(out, 0L);
        out[0] = value;
    }

    static void copy(final long[] from, final long[] to)
    {
        System.arraycopy(from, 0, to, 0, LIMBS);
    }

    /** {@code out = a + b} (no carry: limbs grow by a bit, which {@link #mul} absorbs). */
    static void add(final long[] out, final long[] a, final long[] b)
    {
        for (int i = 0; i < LIMBS; i++)
        {
            out[i] = a[i] + b[i];
        }
    }

    /** {@code out = a − b} (no carry; limbs may go negative, which {@link #mul} absorbs). */
    static void sub(final long[] out, final long[] a, final long[] b)
    {
        for (int i = 0; i < LIMBS; i++)
        {
            out[i] = a[i] - b[i];
        }
    }

    /**
     * Propagates carries once through all limbs, the top one folded back by 2^256 ≡ 38; the branches depend on
     * the limb index only.
     */
    static void carry(final long[] o)
    {
        for (int i = 0; i < LIMBS; i++)
        {
            o[i] += 1L << 16;
            final long c = o[i] >> 16;
            if (i < LIMBS - 1)
            {
                o[i + 1] += c - 1;
            }
            else
            {
                o[0] += 38 * (c - 1);
            }
            o[i] -= c << 16;
        }
    }

    /**
     * Swaps {@code p} and {@code q} when {@code bit} is 1, leaves them when 0, in constant time.
     *
     * @param bit 0 or 1.
     */
    static void swap(final long[] p, final long[] q, final int bit)
    {
        final long mask = ~((long)bit - 1);
        for (int i = 0; i < LIMBS; i++)
        {
            final long t = mask & (p[i] ^ q[i]);
            p[i] ^= t;
            q[i] ^= t;
        }
    }

    /** {@code out = a · b}. */
    void mul(final long[] out, final long[] a, final long[] b)
    {
        final long[] t = product;
        java.util.Arrays.fill(t, 0L);
        for (int i = 0; i < LIMBS; i++)
        {
            final long ai = a[i];
            for (int j = 0; j < LIMBS; j++)
            {
                t[i + j] += ai * b[j];
            }
        }
        for (int i = 0; i < LIMBS - 1; i++)
        {
            t[i] += 38 * t[i + LIMBS];
        }
        System.arraycopy(t, 0, out, 0, LIMBS);
        carry(out);
        carry(out);
    }

    /** {@code out = a^-1} (a^(p−2); the inverse of 0 is 0). */
    void invert(final long[] out, final long[] a)
    {
        final long[] c = inverse;
        copy(a, c);
        for (int i = 253; i >= 0; i--)
        {
            mul(c, c, c);
            if (i != 2 && i != 4)
            {
                mul(c, c, a);
            }
        }
        copy(c, out);
    }

    /**
     * Writes the canonical 32-byte little-endian encoding of {@code n} (fully reduced below p).
     *
     * @param out    destination.
     * @param offset where in it.
     * @param n      the element (unchanged).
     */
    void encode(final byte[] out, final int offset, final long[] n)
    {
        final long[] t = packT;
        final long[] m = packM;
        copy(n, t);
        carry(t);
        carry(t);
        carry(t);
        for (int j = 0; j < 2; j++)
        {
            m[0] = t[0] - 0xffed;
            for (int i = 1; i < LIMBS - 1; i++)
            {
                m[i] = t[i] - 0xffff - ((m[i - 1] >> 16) & 1);
                m[i - 1] &= 0xffff;
            }
            m[LIMBS - 1] = t[LIMBS - 1] - 0x7fff - ((m[LIMBS - 2] >> 16) & 1);
            final int borrow = (int)((m[LIMBS - 1] >> 16) & 1);
            m[LIMBS - 2] &= 0xffff;
            swap(t, m, 1 - borrow);
        }
        for (int i = 0; i < LIMBS; i++)
        {
            out[offset + 2 * i] = (byte)t[i];
            out[offset + 2 * i + 1] = (byte)(t[i] >> 8);
        }
    }

    /**
     * @param n an element.
     * @return the low bit of its canonical encoding (the "sign" of an x coordinate).
     */
    int parity(final long[] n)
    {
        encode(parity, 0, n);
        return parity[0] & 1;
    }

    /**
     * @param value an integer in [0, p) (set-up only: allocates).
     * @return it as an element.
     */
    static long[] of(final java.math.BigInteger value)
    {
        final long[] out = element();
        for (int i = 0; i < LIMBS; i++)
        {
            out[i] = value.shiftRight(16 * i).intValue() & 0xffff;
        }
        return out;
    }
}
