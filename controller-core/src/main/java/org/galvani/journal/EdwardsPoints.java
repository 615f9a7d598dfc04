package org.galvani.journal;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Points of the Ed25519 curve (−x² + y² = 1 + d·x²·y² over GF(2^255 − 19)) for the journal's own signer and
 * verifier ({@link Ed25519SealSigner}, {@link Ed25519SealVerifier}; ADR-24, ADR-35): a point is 4 consecutive
 * field elements (X, Y, Z, T) in extended coordinates, x = X/Z, y = Y/Z, x·y = T/Z, stored in a {@code long[]}
 * at an offset. Addition is the unified formula for a = −1 (it doubles too, and the identity needs no special
 * case); tables of j·16^i·P (i &lt; 64, j &lt; 16) turn a scalar multiplication into 64 additions. Encoding is
 * RFC 8032's (y with the parity of x in the top bit).
 *
 * <p>Threading: an instance holds the scratch of its operations and is confined to one thread; the static
 * constants and tables are immutable. Allocation: none per operation after construction; the static
 * helpers that take or return {@link BigInteger}s and tables are for set-up only.
 */
final class EdwardsPoints
{
    static final int LIMBS = Curve25519Field.LIMBS;
    /** longs of one point. */
    static final int POINT = 4 * LIMBS;
    /** 4-bit windows of a 256-bit scalar. */
    static final int WINDOWS = 64;
    /** Entries of one window (digits 0 … 15). */
    static final int ENTRIES = 16;
    /** longs of a table of j·16^i·P. */
    static final int TABLE_LENGTH = WINDOWS * ENTRIES * POINT;

    /** The field's modulus 2^255 − 19. */
    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** The curve's d = −121665/121666. */
    static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final long[] D2 = Curve25519Field.of(D.shiftLeft(1).mod(P));

    private final Curve25519Field field = new Curve25519Field();
    private final long[] zInverse = Curve25519Field.element();
    private final long[] affineX = Curve25519Field.element();
    private final long[] affineY = Curve25519Field.element();
    private final long[] a = Curve25519Field.element();
    private final long[] b = Curve25519Field.element();
    private final long[] c = Curve25519Field.element();
    private final long[] d = Curve25519Field.element();
    private final long[] e = Curve25519Field.element();
    private final long[] f = Curve25519Field.element();
    private final long[] g = Curve25519Field.element();
    private final long[] h = Curve25519Field.element();
    private final long[] t = Curve25519Field.element();

    /**
     * Sets the point at {@code offset} to the identity (0, 1, 1, 0).
     *
     * @param point  the points' array.
     * @param offset where the point starts.
     */
    static void setIdentity(final long[] point, final int offset)
    {
        Arrays.fill(point, offset, offset + POINT, 0L);
        point[offset + LIMBS] = 1;
        point[offset + 2 * LIMBS] = 1;
    }

    /**
     * {@code p += q}, the unified formula for a = −1 (also when p = q or either is the identity).
     *
     * @param p       the array of the point added to.
     * @param pOffset where it starts.
     * @param q       the array of the point added (may be {@code p}'s array, not the same point).
     * @param qOffset where it starts.
     */
    void add(final long[] p, final int pOffset, final long[] q, final int qOffset)
    {
        final Curve25519Field fe = field;
        final long[] x1 = t;
        final long[] x2 = h;
        load(p, pOffset, 1, x1);
        load(p, pOffset, 0, x2);
        Curve25519Field.sub(a, x1, x2);
        Curve25519Field.add(b, x1, x2);
        load(q, qOffset, 1, x1);
        load(q, qOffset, 0, x2);
        Curve25519Field.sub(g, x1, x2);
        fe.mul(a, a, g);
        Curve25519Field.add(g, x1, x2);
        fe.mul(b, b, g);
        load(p, pOffset, 3, x1);
        load(q, qOffset, 3, x2);
        fe.mul(c, x1, x2);
        fe.mul(c, c, D2);
        load(p, pOffset, 2, x1);
        load(q, qOffset, 2, x2);
        fe.mul(d, x1, x2);
        Curve25519Field.add(d, d, d);
        Curve25519Field.sub(e, b, a);
        Curve25519Field.sub(f, d, c);
        Curve25519Field.add(g, d, c);
        Curve25519Field.add(h, b, a);
        fe.mul(x1, e, f);
        store(x1, p, pOffset, 0);
        fe.mul(x1, h, g);
        store(x1, p, pOffset, 1);
        fe.mul(x1, g, f);
        store(x1, p, pOffset, 2);
        fe.mul(x1, e, h);
        store(x1, p, pOffset, 3);
    }

    /**
     * Writes the point's RFC 8032 encoding (canonical y, the parity of x in the top bit).
     *
     * @param point  the points' array (unchanged).
     * @param offset where the point starts.
     * @param out    destination of 32 bytes.
     * @param at     where in it.
     */
    void encode(final long[] point, final int offset, final byte[] out, final int at)
    {
        load(point, offset, 2, t);
        field.invert(zInverse, t);
        load(point, offset, 0, t);
        field.mul(affineX, t, zInverse);
        load(point, offset, 1, t);
        field.mul(affineY, t, zInverse);
        field.encode(out, at, affineY);
        out[at + 31] ^= (byte)(field.parity(affineX) << 7);
    }

    private static void load(final long[] point, final int offset, final int coordinate, final long[] out)
    {
        System.arraycopy(point, offset + coordinate * LIMBS, out, 0, LIMBS);
    }

    private static void store(final long[] in, final long[] point, final int offset, final int coordinate)
    {
        System.arraycopy(in, 0, point, offset + coordinate * LIMBS, LIMBS);
    }

    /**
     * Decodes an RFC 8032 point encoding (set-up only: allocates).
     *
     * @param y    the y coordinate, as the encoding's low 255 bits.
     * @param xOdd the encoding's top bit (the parity of x).
     * @return {x, y}, or null when y is not canonical (≥ p), no x exists, or x = 0 with the odd bit set.
     */
    static BigInteger[] decode(final BigInteger y, final boolean xOdd)
    {
        if (y.signum() < 0 || y.compareTo(P) >= 0)
        {
            return null;
        }
        final BigInteger y2 = y.multiply(y).mod(P);
        final BigInteger u = y2.subtract(BigInteger.ONE).multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P))
            .mod(P);
        BigInteger x = u.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).mod(P).equals(u))
        {
            x = x.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P)).mod(P);
        }
        if (!x.multiply(x).mod(P).equals(u) || (x.signum() == 0 && xOdd))
        {
            return null;
        }
        if (x.testBit(0) != xOdd)
        {
            x = P.subtract(x).mod(P);
        }
        return new BigInteger[] {x, y};
    }

    /**
     * j·16^i·(x, y) for i &lt; {@link #WINDOWS}, j &lt; {@link #ENTRIES}, each as (X, Y, Z, T) at
     * {@code (i · ENTRIES + j) · POINT} (set-up only: allocates 512 KB).
     *
     * @param x the point's affine x, in [0, p).
     * @param y its affine y, in [0, p).
     * @return the table.
     */
    static long[] multiplesTable(final BigInteger x, final BigInteger y)
    {
        final long[] table = new long[TABLE_LENGTH];
        final EdwardsPoints scratch = new EdwardsPoints();
        final long[] power = new long[POINT];
        final long[] copy = new long[POINT];
        System.arraycopy(Curve25519Field.of(x), 0, power, 0, LIMBS);
        System.arraycopy(Curve25519Field.of(y), 0, power, LIMBS, LIMBS);
        power[2 * LIMBS] = 1;
        System.arraycopy(Curve25519Field.of(x.multiply(y).mod(P)), 0, power, 3 * LIMBS, LIMBS);
        for (int i = 0; i < WINDOWS; i++)
        {
            final int base = i * ENTRIES * POINT;
            setIdentity(table, base);
            for (int j = 1; j < ENTRIES; j++)
            {
                System.arraycopy(table, base + (j - 1) * POINT, table, base + j * POINT, POINT);
                scratch.add(table, base + j * POINT, power, 0);
            }
            for (int k = 0; k < 4; k++)
            {
                System.arraycopy(power, 0, copy, 0, POINT);
                scratch.add(power, 0, copy, 0);
            }
        }
        return table;
    }
}
