package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-14, the field under the seals' Ed25519 signer (ADR-24): every operation of {@link Curve25519Field} equals
 * BigInteger arithmetic modulo p = 2^255 − 19, on seeded random elements and on the edges where a carry or the
 * final reduction decides the result (0, 1, p − 1, p, p + 1, 2^255 − 1, 2^256 − 1 in limbs of 0xffff, limbs
 * made negative by a subtraction, limbs grown by additions). An element's value is Σ limb_i · 2^(16 i) (limbs may
 * be out of [0, 2^16) between operations), compared modulo p; an encoding must be the canonical one (below p).
 */
class Curve25519FieldTest
{
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final int LIMBS = Curve25519Field.LIMBS;

    /** The integer an element's limbs stand for (not reduced). */
    private static BigInteger value(final long[] limbs)
    {
        BigInteger v = BigInteger.ZERO;
        for (int i = LIMBS - 1; i >= 0; i--)
        {
            v = v.shiftLeft(16).add(BigInteger.valueOf(limbs[i]));
        }
        return v;
    }

    private static BigInteger mod(final long[] limbs)
    {
        return value(limbs).mod(P);
    }

    /** Limbs of any integer in [0, 2^256) (non-canonical above p). */
    private static long[] limbs(final BigInteger v)
    {
        final long[] out = new long[LIMBS];
        for (int i = 0; i < LIMBS; i++)
        {
            out[i] = v.shiftRight(16 * i).intValue() & 0xffff;
        }
        return out;
    }

    private static BigInteger decode(final byte[] bytes, final int offset)
    {
        final byte[] be = new byte[33];
        for (int i = 0; i < 32; i++)
        {
            be[32 - i] = bytes[offset + i];
        }
        return new BigInteger(be);
    }

    /** The edge values and 200 seeded random ones, all in [0, 2^256). */
    private static List<BigInteger> samples()
    {
        final List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
            BigInteger.valueOf(19), BigInteger.valueOf(0xffff), BigInteger.valueOf(0x10000), P.subtract(BigInteger.ONE),
            P, P.add(BigInteger.ONE), P.add(BigInteger.valueOf(18)), BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE),
            P.shiftLeft(1).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(128), BigInteger.ONE.shiftLeft(240)
                .subtract(BigInteger.ONE)));
        final Random random = new Random(20_261_206L);
        for (int i = 0; i < 200; i++)
        {
            values.add(new BigInteger(i % 2 == 0 ? 255 : 256, random));
        }
        return values;
    }

    @Test
    @DisplayName("SR-14 mul equals BigInteger a·b mod p over edges and random pairs, including limbs grown by add and made negative by sub")
    void multiplicationIsModularProduct()
    {
        final Curve25519Field field = new Curve25519Field();
        final List<BigInteger> values = samples();
        final long[] out = Curve25519Field.element();
        final long[] grown = Curve25519Field.element();
        final long[] negative = Curve25519Field.element();
        for (int i = 0; i < values.size(); i++)
        {
            final BigInteger x = values.get(i);
            final BigInteger y = values.get((i * 7 + 3) % values.size());
            final long[] a = limbs(x);
            final long[] b = limbs(y);
            field.mul(out, a, b);
            assertEquals(x.multiply(y).mod(P), mod(out), x + " · " + y);
            assertLimbsBelow(out, 1L << 17, x + " · " + y);
            Curve25519Field.add(grown, a, b);
            Curve25519Field.add(grown, grown, grown);
            assertEquals(x.add(y).shiftLeft(1), value(grown), "add never carries");
            Curve25519Field.sub(negative, b, a);
            assertEquals(y.subtract(x), value(negative), "sub never carries");
            field.mul(out, grown, negative);
            assertEquals(x.add(y).shiftLeft(1).multiply(y.subtract(x)).mod(P), mod(out), "(2(x+y))·(y−x)");
            field.mul(a, a, a); // the result may be an operand
            assertEquals(x.multiply(x).mod(P), mod(a), x + " squared in place");
        }
    }

    private static void assertLimbsBelow(final long[] limbs, final long bound, final String what)
    {
        for (int i = 0; i < LIMBS; i++)
        {
            final int limb = i;
            assertTrue(limbs[i] >= 0 && limbs[i] < bound, () -> what + ": limb " + limb + " = " + limbs[limb]);
        }
    }

    @Test
    @DisplayName("SR-14 encode writes the canonical little-endian value mod p (below p: p ↦ 0, 2^255 − 1 ↦ 18, 2^256 − 1 ↦ 37) at its offset, and nothing else")
    void encodingIsCanonical()
    {
        final Curve25519Field field = new Curve25519Field();
        for (final BigInteger x : samples())
        {
            final byte[] out = new byte[40];
            Arrays.fill(out, (byte)0x5a);
            final long[] n = limbs(x);
            final long[] before = n.clone();
            field.encode(out, 5, n);
            assertEquals(x.mod(P), decode(out, 5), "encoding of " + x);
            assertArrayEquals(before, n, "the element is unchanged");
            for (final int outside : new int[] {0, 1, 2, 3, 4, 37, 38, 39})
            {
                assertEquals((byte)0x5a, out[outside], "byte " + outside + " outside the encoding");
            }
            assertEquals(x.mod(P).testBit(0) ? 1 : 0, field.parity(n), "parity of " + x);
        }
        final byte[] out = new byte[32];
        field.encode(out, 0, limbs(P));
        assertArrayEquals(new byte[32], out, "p encodes as 0");
        field.encode(out, 0, limbs(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)));
        assertEquals(BigInteger.valueOf(37), decode(out, 0), "2^256 − 1 = 2p + 37");
    }

    @Test
    @DisplayName("SR-14 encode reduces elements whose limbs are out of range (negative after sub, over 2^16 after add)")
    void encodingReducesUnnormalisedLimbs()
    {
        final Curve25519Field field = new Curve25519Field();
        final List<BigInteger> values = samples();
        final long[] n = Curve25519Field.element();
        final byte[] out = new byte[32];
        for (int i = 0; i < values.size(); i++)
        {
            final long[] a = limbs(values.get(i));
            final long[] b = limbs(values.get((i * 5 + 1) % values.size()));
            Curve25519Field.sub(n, a, b);
            field.encode(out, 0, n);
            assertEquals(value(n).mod(P), decode(out, 0), "a − b");
            Curve25519Field.add(n, a, b);
            Curve25519Field.add(n, n, a);
            field.encode(out, 0, n);
            assertEquals(value(n).mod(P), decode(out, 0), "2a + b");
        }
    }

    @Test
    @DisplayName("SR-14 carry keeps the value mod p and leaves limbs 1-15 in [0, 2^16); limb 0 near that range after two")
    void carryKeepsTheValue()
    {
        final Random random = new Random(7);
        for (int k = 0; k < 500; k++)
        {
            final long[] o = new long[LIMBS];
            for (int i = 0; i < LIMBS; i++)
            {
                o[i] = k == 0 ? (1L << 36) - 1 : k == 1 ? -(1L << 36) : random.nextLong() >> 27;
            }
            final BigInteger before = mod(o);
            Curve25519Field.carry(o);
            assertEquals(before, mod(o), "one carry pass keeps the value mod p");
            for (int i = 1; i < LIMBS; i++)
            {
                final int limb = i;
                assertTrue(o[i] >= 0 && o[i] < 1 << 16, () -> "limb " + limb + " = " + o[limb]);
            }
            Curve25519Field.carry(o);
            assertEquals(before, mod(o), "a second pass too");
            assertTrue(o[0] > -(1L << 16) && o[0] < 1L << 17, "limb 0 after two passes: " + o[0]);
        }
    }

    @Test
    @DisplayName("SR-14 invert equals BigInteger modInverse (a · a^-1 ≡ 1); the inverse of 0 is 0; in place")
    void inversionIsModularInverse()
    {
        final Curve25519Field field = new Curve25519Field();
        final long[] out = Curve25519Field.element();
        final List<BigInteger> values = samples();
        for (int i = 0; i < values.size(); i += 4)
        {
            final BigInteger x = values.get(i);
            field.invert(out, limbs(x));
            assertEquals(x.mod(P).signum() == 0 ? BigInteger.ZERO : x.modInverse(P), mod(out), "inverse of " + x);
        }
        final long[] a = limbs(BigInteger.valueOf(121_666));
        field.invert(a, a);
        assertEquals(BigInteger.valueOf(121_666).modInverse(P), mod(a), "in place");
    }

    @Test
    @DisplayName("SR-14 swap exchanges every limb when the bit is 1 and none when it is 0; setSmall, copy and of build the values they name")
    void swapAndConstructors()
    {
        final long[] p = limbs(P.subtract(BigInteger.ONE));
        final long[] q = limbs(BigInteger.valueOf(12_345_678_901L));
        final long[] p0 = p.clone();
        final long[] q0 = q.clone();
        Curve25519Field.swap(p, q, 0);
        assertArrayEquals(p0, p);
        assertArrayEquals(q0, q);
        Curve25519Field.swap(p, q, 1);
        assertArrayEquals(q0, p);
        assertArrayEquals(p0, q);

        final long[] small = limbs(P);
        Curve25519Field.setSmall(9, small);
        assertEquals(BigInteger.valueOf(9), value(small));
        final long[] copy = Curve25519Field.element();
        Curve25519Field.copy(p0, copy);
        assertArrayEquals(p0, copy);
        for (final BigInteger x : samples())
        {
            if (x.compareTo(P) < 0)
            {
                assertArrayEquals(limbs(x), Curve25519Field.of(x), "of(" + x + ")");
            }
        }
        assertEquals(LIMBS, Curve25519Field.element().length);
    }
}
