package org.galvani.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PairedRounds}: the loop/floor ratio of late rates and its spread over resampled pairs of rounds.
 */
class PairedRoundsTest
{
    @Test
    @DisplayName("the ratio is of late rates per deadline, summed over the rounds")
    void ratioOfRates()
    {
        final PairedRounds pairs = new PairedRounds(3);
        pairs.add(2, 1_000, 3, 1_000);
        pairs.add(0, 1_000, 1, 1_000);
        pairs.add(2, 2_000, 2, 1_000);
        // floor 4 in 4,000; loop 6 in 3,000
        assertEquals((6.0 / 3_000) / (4.0 / 4_000), pairs.ratio(), 1e-12);
        assertEquals(3, pairs.rounds());
        assertThrows(IllegalStateException.class, () -> pairs.add(1, 1, 1, 1));
    }

    @Test
    @DisplayName("a loop late three times as often as the floor in every round: an interval around 3, not 1")
    void consistentExcessIsBounded()
    {
        final PairedRounds pairs = new PairedRounds(60);
        for (int r = 0; r < 60; r++)
        {
            final long floor = 2 + r % 5; // bursty rounds: 2..6 late
            pairs.add(floor, 10_000, 3 * floor, 10_000);
        }
        final double[] interval = pairs.ratioInterval(0.9, 2_000);
        assertEquals(3.0, interval[0], 1e-9, "every resample has the same ratio");
        assertEquals(3.0, interval[1], 1e-9);
    }

    @Test
    @DisplayName("bursts in a few rounds widen the interval; more rounds of the same kind narrow it")
    void burstsWidenMoreRoundsNarrow()
    {
        final double[] few = bursty(20).ratioInterval(0.9, 4_000);
        final double[] many = bursty(200).ratioInterval(0.9, 4_000);
        assertTrue(few[0] < 1.0 && few[1] > 1.0, "equal programs: the interval holds 1 (" + few[0] + "-" + few[1] + ")");
        assertTrue(many[0] < 1.0 && many[1] > 1.0, "equal programs: the interval holds 1 (" + many[0] + "-" + many[1] + ")");
        assertTrue(many[1] - many[0] < (few[1] - few[0]) / 2, "ten times the rounds: a narrower interval");
    }

    @Test
    @DisplayName("a floor with no late deadline cannot bound the ratio; the same seed gives the same interval")
    void unboundedAndReproducible()
    {
        final PairedRounds none = new PairedRounds(5);
        for (int r = 0; r < 5; r++)
        {
            none.add(0, 1_000, r == 2 ? 1 : 0, 1_000);
        }
        assertTrue(Double.isNaN(none.ratio()));
        assertEquals(Double.POSITIVE_INFINITY, none.ratioInterval(0.9, 1_000)[1]);
        assertArrayEquals(bursty(30).ratioInterval(0.9, 1_000), bursty(30).ratioInterval(0.9, 1_000));
    }

    /** Floor and loop alike: each has a burst of 20 in its own rounds (a different one each), 0-1 otherwise. */
    private static PairedRounds bursty(final int rounds)
    {
        final PairedRounds pairs = new PairedRounds(rounds);
        for (int r = 0; r < rounds; r++)
        {
            final long floor = r % 10 == 3 ? 20 : r % 2;
            final long loop = r % 10 == 7 ? 20 : (r + 1) % 2;
            pairs.add(floor, 5_000, loop, 5_000);
        }
        return pairs;
    }
}
