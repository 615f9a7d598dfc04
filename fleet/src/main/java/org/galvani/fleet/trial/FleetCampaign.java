package org.galvani.fleet.trial;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.galvani.campaign.Campaign;
import org.galvani.campaign.CoverageMatrix;
import org.galvani.campaign.FaultKind;
import org.galvani.campaign.Trial;
import org.galvani.campaign.TrialResult;
import org.galvani.campaign.TrialRunner;
import org.galvani.fleet.engine.Engine;

/**
 * A fault-injection campaign on an {@link Engine}: the trials' chunks mapped by {@link TrialWork}, the rows
 * gathered in index order, and the first trial that failed unexplained re-run and shrunk on the driver by the
 * verification module's {@link Campaign#shrink} (its journal kept for the auditor).
 *
 * <p>Threading: {@link #run} blocks the caller.
 */
public final class FleetCampaign
{
    /** Trials per chunk: a worker's unit (generation of at most one block's prefix, then the runs). */
    public static final int CHUNK = 25;

    /**
     * The outcome.
     *
     * @param engine    which engine ran it.
     * @param rows      every trial's row, by index.
     * @param elapsedNs wall time of the trials (not of the shrinking).
     * @param failure   the first unexplained failure shrunk, or null.
     */
    public record Result(String engine, List<TrialRow> rows, long elapsedNs, Campaign.Failure failure)
    {
        /**
         * @return trials that failed other than by a known finding.
         */
        public long failed()
        {
            return rows.stream().filter(r -> !r.passed()).count();
        }

        /**
         * @return trials whose only violations are known findings.
         */
        public long known()
        {
            return rows.stream().filter(r -> r.passed() && !r.violations().isEmpty()).count();
        }

        /**
         * @return ticks simulated.
         */
        public long ticks()
        {
            return rows.stream().mapToLong(TrialRow::ticks).sum();
        }

        /**
         * @return trials a second.
         */
        public double trialsPerSecond()
        {
            return rows.size() / (elapsedNs / 1e9);
        }

        /**
         * @param kinds the campaign's fault classes.
         * @return cells of the coverage matrix with a count, among those classes.
         */
        public int filledCells(final List<FaultKind> kinds)
        {
            final int states = org.galvani.session.SessionState.values().length;
            final long[] sum = new long[FaultKind.values().length * states];
            for (final TrialRow row : rows)
            {
                final long[] cells = row.coverage();
                for (int i = 0; i < sum.length; i++)
                {
                    sum[i] += cells[i];
                }
            }
            int filled = 0;
            for (final FaultKind kind : kinds)
            {
                for (int s = 0; s < states; s++)
                {
                    filled += sum[kind.ordinal() * states + s] > 0 ? 1 : 0;
                }
            }
            return filled;
        }
    }

    private FleetCampaign()
    {
    }

    /**
     * @param engine         the engine.
     * @param work           the trial function and its settings.
     * @param tries          trials.
     * @param shrink         whether to shrink the first unexplained failure.
     * @param failureJournal where the shrunk failure's journal goes (with shrink).
     * @return the result.
     */
    public static Result run(final Engine engine, final TrialWork work, final int tries, final boolean shrink,
        final Path failureJournal)
    {
        final long startNs = System.nanoTime();
        final List<ArrayList<TrialRow>> chunks = engine.map(TrialWork.chunks(tries, CHUNK), work);
        final long elapsedNs = System.nanoTime() - startNs;
        final List<TrialRow> rows = new ArrayList<>(tries);
        chunks.forEach(rows::addAll);
        Campaign.Failure failure = null;
        if (shrink)
        {
            for (final TrialRow row : rows)
            {
                if (!row.passed())
                {
                    failure = shrink(work, row, failureJournal);
                    break;
                }
            }
        }
        return new Result(engine.describe(), List.copyOf(rows), elapsedNs, failure);
    }

    private static Campaign.Failure shrink(final TrialWork work, final TrialRow row, final Path failureJournal)
    {
        final Trial trial = work.generate(new TrialChunk(row.index() / TrialWork.BLOCK, row.position(),
            row.position() + 1)).get(0);
        final TrialResult again;
        try (TrialRunner runner = new TrialRunner(TrialRunner.defaultBaseDir(), work.sealInterval()))
        {
            again = runner.run(trial, false, null, true);
        }
        final Campaign.Options options = new Campaign.Options(1, row.blockSeed(), work.faultKinds(), 1, 0, 300,
            failureJournal, null, Set.of(), work.sealInterval(), 1);
        return Campaign.shrink(row.position(), trial, again.violations(), options);
    }

    /**
     * @param rows rows.
     * @return their coverage summed into a matrix-shaped array (for tests and reports).
     */
    public static long[] coverage(final List<TrialRow> rows)
    {
        final long[] sum = TrialWork.cells(new CoverageMatrix());
        for (final TrialRow row : rows)
        {
            final long[] cells = row.coverage();
            for (int i = 0; i < sum.length; i++)
            {
                sum[i] += cells[i];
            }
        }
        return sum;
    }
}
