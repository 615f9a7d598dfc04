package org.galvani.fleet.trial;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * What one trial showed, as plain values that travel between engines and compare exactly: its global
 * index, the seed and position it was generated from, the ticks it ran, its violations as text (property,
 * tick, message, and the known finding that explains it if any) and its coverage cells (fault class ×
 * state at onset, row-major over {@code FaultKind.values()} × {@code SessionState.values()}).
 *
 * <p>Immutable (the array is copied in and out).
 *
 * @param index      the trial's index in the fleet campaign.
 * @param blockSeed  the seed of its generation block.
 * @param position   its position in that block ({@code galvani campaign --seed blockSeed --trial position}).
 * @param ticks      ticks run.
 * @param journaled  whether P5 (journal, verify, replay) was checked.
 * @param violations every violation, in the order the checker found them.
 * @param unexplained whether a violation is not explained by a known finding.
 * @param coverage   coverage cells.
 */
public record TrialRow(
    int index, long blockSeed, int position, long ticks, boolean journaled, List<String> violations,
    boolean unexplained, long[] coverage) implements Serializable
{
    private static final long serialVersionUID = 1L;

    /**
     * Copies in.
     */
    public TrialRow
    {
        violations = List.copyOf(violations);
        coverage = coverage.clone();
    }

    @Override
    public long[] coverage()
    {
        return coverage.clone();
    }

    /**
     * @return whether every property held, known findings apart.
     */
    public boolean passed()
    {
        return !unexplained;
    }

    /**
     * @return one canonical line (tab separated) holding every field: what the engines' comparison hashes.
     */
    public String canonical()
    {
        return index + "\t" + blockSeed + "\t" + position + "\t" + ticks + "\t" + journaled + "\t" + unexplained +
            "\t" + String.join(" | ", violations) + "\t" + Arrays.toString(coverage);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof TrialRow r && canonical().equals(r.canonical());
    }

    @Override
    public int hashCode()
    {
        return canonical().hashCode();
    }
}
