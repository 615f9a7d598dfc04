package org.galvani.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rounds of a loop-against-floor comparison, kept in pairs (the floor's round and the loop's round at the same
 * phase), and how far their ratio can be trusted: late deadlines come in bursts (a phase that meets a periodic
 * interruption of the platform is late every few milliseconds for the whole round), so the counts are not Poisson
 * and their ratio's spread is estimated by resampling whole pairs of rounds (a paired bootstrap), with a fixed seed
 * so that a run's figures are reproducible from its counts.
 *
 * <p>Threading: one thread. Allocation: at construction and in {@link #ratioInterval}; never in a measured loop.
 */
final class PairedRounds
{
    private static final long SEED = 20_261_206L;

    private final long[] floorLate;
    private final long[] floorDeadlines;
    private final long[] loopLate;
    private final long[] loopDeadlines;
    private int rounds;

    /**
     * @param capacity the most rounds that will be added.
     */
    PairedRounds(final int capacity)
    {
        floorLate = new long[capacity];
        floorDeadlines = new long[capacity];
        loopLate = new long[capacity];
        loopDeadlines = new long[capacity];
    }

    /**
     * Adds one round's pair.
     *
     * @param floorLateCount      the floor's late or skipped deadlines in the round.
     * @param floorDeadlineCount  the floor's deadlines in the round.
     * @param loopLateCount       the loop's late or skipped deadlines in the round.
     * @param loopDeadlineCount   the loop's deadlines in the round.
     */
    void add(final long floorLateCount, final long floorDeadlineCount, final long loopLateCount,
        final long loopDeadlineCount)
    {
        if (rounds == floorLate.length)
        {
            throw new IllegalStateException("more than " + floorLate.length + " rounds");
        }
        floorLate[rounds] = floorLateCount;
        floorDeadlines[rounds] = floorDeadlineCount;
        loopLate[rounds] = loopLateCount;
        loopDeadlines[rounds] = loopDeadlineCount;
        rounds++;
    }

    /**
     * @return the rounds added.
     */
    int rounds()
    {
        return rounds;
    }

    /**
     * @return the ratio of the late rates over all rounds (loop per deadline / floor per deadline); NaN when the
     *         floor has none late, or no round was added.
     */
    double ratio()
    {
        return ratioOf(null);
    }

    /**
     * @param confidence the interval's coverage, e.g. 0.9.
     * @param resamples  how many bootstrap resamples (e.g. 10,000).
     * @return {low, high}: the central {@code confidence} interval of the ratio over resamples of the pairs; a
     *         resample whose floor has none late counts as an infinite ratio (so a high end of infinity says the
     *         floor's late deadlines are too few to bound the ratio).
     */
    double[] ratioInterval(final double confidence, final int resamples)
    {
        if (rounds == 0)
        {
            return new double[] {Double.NaN, Double.NaN};
        }
        final SplittableRandom random = new SplittableRandom(SEED);
        final int[] pick = new int[rounds];
        final double[] ratios = new double[resamples];
        for (int r = 0; r < resamples; r++)
        {
            for (int i = 0; i < rounds; i++)
            {
                pick[i] = random.nextInt(rounds);
            }
            final double ratio = ratioOf(pick);
            ratios[r] = Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : ratio;
        }
        Arrays.sort(ratios);
        final double tail = (1 - confidence) / 2;
        final int low = (int)Math.floor(tail * (resamples - 1));
        final int high = (int)Math.ceil((1 - tail) * (resamples - 1));
        return new double[] {ratios[low], ratios[high]};
    }

    private double ratioOf(final int[] pick)
    {
        long fl = 0;
        long fd = 0;
        long ll = 0;
        long ld = 0;
        for (int i = 0; i < rounds; i++)
        {
            final int round = pick == null ? i : pick[i];
            fl += floorLate[round];
            fd += floorDeadlines[round];
            ll += loopLate[round];
            ld += loopDeadlines[round];
        }
        if (fl == 0 || fd == 0 || ld == 0)
        {
            return ll == 0 && fd > 0 && ld > 0 ? 1.0 : Double.NaN;
        }
        return ((double)ll / ld) / ((double)fl / fd);
    }
}
