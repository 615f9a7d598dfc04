package org.galvani.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;

import org.galvani.hal.HalInfo;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of {@link PidController} for arbitrary gains, periods and input sequences (QuickTheories).
 */
class PidControllerPropertyTest
{
    private static final HalInfo INFO = PidGainsTest.INFO;
    private static final long[] PERIODS_NS = {10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L};
    private static final double[] EXTREMES = {0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0, 1e9, -1e9, 1e300, -1e300,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    /** Inputs: ordinary values, huge values and the extremes above (never NaN). */
    private static Gen<Double> input()
    {
        return doubles().between(-100_000.0, 100_000.0)
            .mix(doubles().between(-1e12, 1e12), 20)
            .mix(integers().between(0, EXTREMES.length - 1).map(i -> EXTREMES[i]), 20);
    }

    @Test
    @DisplayName("SR-10 the output stays in [0, dacMaxCode] and moves at most the slew step per update, " +
        "for arbitrary gains, periods and NaN-free inputs including extremes")
    void outputInRangeAndSlewLimited()
    {
        qt()
            .withFixedSeed(20_261_101L)
            .withExamples(200)
            .forAll(
                lists().of(input()).ofSize(450),
                lists().of(doubles().fromZeroToOne()).ofSize(6),
                integers().between(0, PERIODS_NS.length - 1),
                integers().between(0, Integer.MAX_VALUE))
            .checkAssert((inputs, g, periodIndex, bits) -> check(inputs, g, PERIODS_NS[periodIndex], bits));
    }

    private static void check(final List<Double> inputs, final List<Double> g, final long periodNs, final int bits)
    {
        final PidGains gains = new PidGains(
            10.0 * g.get(0),
            10_000.0 * g.get(1),
            0.1 * g.get(2),
            1e-6 + (1.0 - 1e-6) * g.get(3),
            1.0 + 1e7 * g.get(4),
            1.0 + (1e6 - 1.0) * g.get(5),
            2.0 * g.get(0) * g.get(5),
            g.get(2),
            1.0 + 9_999.0 * g.get(3));
        final PidController pid = new PidController(gains, INFO, periodNs);
        final double slewStep = pid.slewStepCodes();
        final double tolerance = 1e-9 * Math.max(1.0, slewStep);
        double previous = pid.outputCodes();
        assertEquals(0.0, previous);
        for (int i = 0; i + 2 < inputs.size(); i += 3)
        {
            final boolean compliance = ((bits >>> (i % 31)) & 1) != 0;
            final double out = pid.update(inputs.get(i), inputs.get(i + 1), inputs.get(i + 2), compliance);
            assertTrue(out >= 0.0 && out <= INFO.dacMaxCode(), "out of range: " + out);
            assertTrue(Math.abs(out - previous) <= slewStep + tolerance,
                "step " + (out - previous) + " > slew step " + slewStep);
            assertTrue(Double.isFinite(pid.integralCodes()) && Double.isFinite(pid.derivativeCodes()) &&
                Double.isFinite(pid.proportionalCodes()) && Double.isFinite(pid.feedForwardCodes()));
            assertTrue(Math.abs(pid.integralCodes() * INFO.dacUaPerCode()) <= gains.integratorLimitUa() + 1e-6);
            previous = out;
        }
    }
}
