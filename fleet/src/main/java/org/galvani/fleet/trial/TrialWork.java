package org.galvani.fleet.trial;

import java.util.ArrayList;
import java.util.List;

import org.galvani.campaign.Campaign;
import org.galvani.campaign.CoverageMatrix;
import org.galvani.campaign.FaultKind;
import org.galvani.campaign.Trial;
import org.galvani.campaign.TrialResult;
import org.galvani.campaign.TrialRunner;
import org.galvani.campaign.Violation;
import org.galvani.fleet.engine.Work;
import org.galvani.fleet.engine.Worker;
import org.galvani.session.SessionState;

/**
 * The trial as a pure function, {@code (seed, index) → TrialRow}: trial k of a fleet campaign is trial
 * {@code k mod BLOCK} of the QuickTheories campaign seeded {@link #blockSeed(long, int) blockSeed(seed, k /
 * BLOCK)} (block 0 is the seed itself, so the first {@value #BLOCK} trials are exactly those of
 * {@code galvani campaign --seed S}), run through the verification module's {@link TrialRunner} — the real
 * controller, JNA, the native sim and, on every {@code journalEvery}-th trial, a sealed Chronicle journal
 * verified and replayed (P5). Blocks bound the cost of generating a trial: QuickTheories generates a seed's
 * trials in sequence, so a worker generates at most {@value #BLOCK} to reach any trial.
 *
 * <p>The tick path's allocation (P7's allocation half) is not counted here: it depends on what the JIT
 * has compiled, which differs between engines and runs; {@code galvani campaign} counts it.
 *
 * <p>Threading: immutable; each worker owns one {@link TrialRunner}.
 *
 * @param seed         the campaign's seed.
 * @param kinds        fault classes drawn (enum names).
 * @param journalEvery journal and check P5 on every n-th trial (by global index).
 * @param sealInterval records between two seals of a journaled trial.
 */
public record TrialWork(long seed, List<String> kinds, int journalEvery, int sealInterval)
    implements Work<TrialChunk, ArrayList<TrialRow>>
{
    private static final long serialVersionUID = 1L;

    /** Trials per generation block. */
    public static final int BLOCK = 2_000;

    /**
     * Copies in.
     */
    public TrialWork
    {
        kinds = List.copyOf(kinds);
        if (journalEvery < 1)
        {
            throw new IllegalArgumentException("journalEvery must be at least 1, was " + journalEvery);
        }
    }

    /**
     * @param seed  the campaign's seed.
     * @param block a block number.
     * @return the QuickTheories seed of that block: the seed itself for block 0, else a SplitMix64 mix.
     */
    public static long blockSeed(final long seed, final int block)
    {
        if (block == 0)
        {
            return seed;
        }
        long z = seed + block * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * @param tries     trials in the campaign.
     * @param chunkSize trials per chunk.
     * @return the chunks covering trials 0 … tries-1, in order.
     */
    public static List<TrialChunk> chunks(final int tries, final int chunkSize)
    {
        final List<TrialChunk> chunks = new ArrayList<>();
        for (int start = 0; start < tries; )
        {
            final int block = start / BLOCK;
            final int from = start % BLOCK;
            final int to = Math.min(BLOCK, Math.min(from + chunkSize, tries - block * BLOCK));
            chunks.add(new TrialChunk(block, from, to));
            start = block * BLOCK + to;
        }
        return chunks;
    }

    /**
     * @return the fault classes.
     */
    public List<FaultKind> faultKinds()
    {
        return kinds.stream().map(FaultKind::valueOf).toList();
    }

    /**
     * @param chunk a chunk.
     * @return its trials as generated, in order.
     */
    public List<Trial> generate(final TrialChunk chunk)
    {
        final List<Trial> trials = new ArrayList<>(chunk.to() - chunk.from());
        final int[] position = {0};
        Campaign.generate(blockSeed(seed, chunk.block()), chunk.to(), faultKinds(), trial ->
        {
            if (position[0]++ >= chunk.from())
            {
                trials.add(trial);
            }
        });
        return trials;
    }

    @Override
    public Worker<TrialChunk, ArrayList<TrialRow>> open()
    {
        final TrialRunner runner = new TrialRunner(TrialRunner.defaultBaseDir(), sealInterval);
        return new Worker<>()
        {
            @Override
            public ArrayList<TrialRow> apply(final TrialChunk chunk)
            {
                final List<Trial> trials = generate(chunk);
                final ArrayList<TrialRow> rows = new ArrayList<>(trials.size());
                for (int i = 0; i < trials.size(); i++)
                {
                    final int position = chunk.from() + i;
                    final int index = chunk.block() * BLOCK + position;
                    rows.add(row(index, position, runner.run(trials.get(i), false, null, index % journalEvery == 0),
                        index % journalEvery == 0));
                }
                return rows;
            }

            @Override
            public void close()
            {
                runner.close();
            }
        };
    }

    private TrialRow row(final int index, final int position, final TrialResult result, final boolean journaled)
    {
        final List<String> violations = new ArrayList<>();
        for (final Violation v : result.violations())
        {
            violations.add(v.toString());
        }
        return new TrialRow(index, blockSeed(seed, index / BLOCK), position, result.ticks(), journaled, violations,
            !result.unexplained().isEmpty(), cells(result.coverage()));
    }

    /**
     * @param coverage a matrix.
     * @return its cells, row-major over fault class × state.
     */
    public static long[] cells(final CoverageMatrix coverage)
    {
        final FaultKind[] kinds = FaultKind.values();
        final SessionState[] states = SessionState.values();
        final long[] cells = new long[kinds.length * states.length];
        for (int k = 0; k < kinds.length; k++)
        {
            for (int s = 0; s < states.length; s++)
            {
                cells[k * states.length + s] = coverage.count(kinds[k], states[s]);
            }
        }
        return cells;
    }
}
