package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link EdwardsPoints#decode}, which turns the device key into a point for the fast seal check (ADR-35), against
 * RFC 8032's definition computed with BigInteger: a y in [0, p) decodes exactly when u = (y² − 1) / (d·y² + 1) is a
 * square mod p (Euler's criterion), to the root x of u whose parity is the sign bit; x = 0 with the sign bit set, a
 * y outside [0, p) and a u that is no square decode to nothing.
 */
class EdwardsPointsTest
{
    private static final BigInteger P = EdwardsPoints.P;
    private static final BigInteger D = EdwardsPoints.D;

    @Test
    @DisplayName("SR-14 decode over the edges (y = −1, 0, 1, p − 1, p, p + 1, 2^255 − 1, small y) and 200 random y, both parities: as RFC 8032 defines it")
    void decodeAsDefined()
    {
        final List<BigInteger> ys = new ArrayList<>();
        for (int y = -1; y <= 40; y++)
        {
            ys.add(BigInteger.valueOf(y));
        }
        ys.add(P.subtract(BigInteger.ONE));
        ys.add(P);
        ys.add(P.add(BigInteger.ONE));
        ys.add(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE));
        ys.add(BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P)); // the base point's
        final Random random = new Random(20261206L);
        for (int i = 0; i < 200; i++)
        {
            ys.add(new BigInteger(255, random).mod(P));
        }
        int decoded = 0;
        int none = 0;
        for (final BigInteger y : ys)
        {
            for (final boolean xOdd : new boolean[] {false, true})
            {
                final BigInteger expectedX = expectedX(y, xOdd);
                final BigInteger[] point = EdwardsPoints.decode(y, xOdd);
                if (expectedX == null)
                {
                    assertNull(point, "y = " + y + ", odd " + xOdd);
                    none++;
                    continue;
                }
                assertNotNull(point, "y = " + y + ", odd " + xOdd);
                assertEquals(expectedX, point[0], "x of y = " + y + ", odd " + xOdd);
                assertEquals(y, point[1], "y");
                decoded++;
            }
        }
        assertTrue(decoded > 150 && none > 150, decoded + " decoded, " + none + " not");
        // the edges named in the method's contract
        assertNull(EdwardsPoints.decode(BigInteger.ONE, true), "x = 0 with the sign bit set");
        assertNotNull(EdwardsPoints.decode(BigInteger.ONE, false), "the identity");
        assertNull(EdwardsPoints.decode(P, false), "y = p, not canonical (it would read as y = 0, a point)");
        assertNotNull(EdwardsPoints.decode(BigInteger.ZERO, false));
        assertNull(EdwardsPoints.decode(BigInteger.valueOf(-1), false), "a negative y (y² = 1 would give x = 0)");
    }

    /** @return x by the definition (the root of u with the given parity), or null when y encodes no point. */
    private static BigInteger expectedX(final BigInteger y, final boolean xOdd)
    {
        if (y.signum() < 0 || y.compareTo(P) >= 0)
        {
            return null;
        }
        final BigInteger y2 = y.multiply(y).mod(P);
        final BigInteger u = y2.subtract(BigInteger.ONE).multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
        if (u.signum() == 0)
        {
            return xOdd ? null : BigInteger.ZERO;
        }
        if (!u.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE))
        {
            return null; // no square root
        }
        // a root by brute definition: p ≡ 5 mod 8, so one of u^((p+3)/8) and that times sqrt(−1) squares to u
        BigInteger x = u.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).mod(P).equals(u))
        {
            final BigInteger sqrtMinusOne = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
            x = x.multiply(sqrtMinusOne).mod(P);
        }
        assertEquals(u, x.multiply(x).mod(P), "the reference root");
        final BigInteger curveLeft = y2.subtract(x.multiply(x)).mod(P);
        final BigInteger curveRight = BigInteger.ONE.add(D.multiply(x.multiply(x)).multiply(y2)).mod(P);
        assertEquals(curveLeft, curveRight, "on the curve");
        return x.testBit(0) == xOdd ? x : P.subtract(x);
    }
}
