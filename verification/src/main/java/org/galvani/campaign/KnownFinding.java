package org.galvani.campaign;

/**
 * Findings of the campaign that are understood, documented (docs/qa-campaign.md, "Findings") and accepted as
 * physical residuals, not controller defects. A {@link Violation} carries one only when the
 * {@link PropertyChecker} recognised it under that finding's exact conditions; the campaign still counts and
 * lists it, but does not fail on it or shrink it.
 *
 * <p>Threading: immutable.
 */
public enum KnownFinding
{
    /**
     * F1 residual (SR-10): after a transient of the plant that limited the current (a load step or drift, or a
     * supply sag, that began or ended within {@link PropertyChecker#LOAD_RECOVERY_TICKS} ticks) with the output on
     * throughout, the true current comes back at the output stage's own lag — never above its level before the
     * transient.
     */
    F1_LOAD_RECOVERY("F1");

    private final String id;

    KnownFinding(final String id)
    {
        this.id = id;
    }

    /**
     * @return the finding's id in docs/qa-campaign.md.
     */
    public String id()
    {
        return id;
    }
}
