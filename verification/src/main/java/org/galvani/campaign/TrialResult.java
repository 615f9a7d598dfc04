package org.galvani.campaign;

import java.nio.file.Path;
import java.util.List;

/**
 * What one trial showed: its violations (empty when every property held), the ticks it ran, the coverage
 * it added, the bytes the tick path allocated (-1 when not measured) and where its journal is kept (null
 * when deleted).
 *
 * <p>Threading: immutable after construction (the matrix is the trial's own).
 *
 * @param violations      the violations, at most one per property.
 * @param ticks           ticks run.
 * @param coverage        fault class × state at onset of this trial.
 * @param allocatedBytes  bytes allocated by {@code Controller.tick} after the warm-up ticks, the journal's
 *                        calls excluded, or -1.
 * @param journalBytes    bytes the journal's calls (DIRECT mode) allocated on the control thread, or -1.
 * @param journalDir      the kept journal, or null.
 */
public record TrialResult(
    List<Violation> violations, long ticks, CoverageMatrix coverage, long allocatedBytes, long journalBytes,
    Path journalDir)
{
    /**
     * @return whether every property held (known findings count as violations here).
     */
    public boolean passed()
    {
        return violations.isEmpty();
    }

    /**
     * @return the violations that are not a {@link KnownFinding}.
     */
    public List<Violation> unexplained()
    {
        return violations.stream().filter(v -> !v.explained()).toList();
    }

    /**
     * @param property a property.
     * @return whether it was violated other than by a known finding.
     */
    public boolean violatesUnexplained(final Property property)
    {
        for (final Violation violation : violations)
        {
            if (violation.property() == property && !violation.explained())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param property a property.
     * @return whether it was violated.
     */
    public boolean violates(final Property property)
    {
        for (final Violation violation : violations)
        {
            if (violation.property() == property)
            {
                return true;
            }
        }
        return false;
    }
}
