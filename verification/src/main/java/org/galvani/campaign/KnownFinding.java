package org.galvani.campaign;

/**
 * Findings of the campaign that are understood, documented (docs/qa-campaign.md, "Findings") and accepted as
 * physical residuals, not controller defects. A violation is recognised as one only when the
 * {@link PropertyChecker} itself marked it under that finding's exact conditions; the campaign still counts
 * and lists it, but does not fail on it or shrink it.
 *
 * <p>Threading: stateless. Allocation: none.
 */
public enum KnownFinding
{
    /**
     * F1 residual (SR-10): after a transient of the plant that limited the current (a load step or drift, or a
     * supply sag, that began or ended within {@link PropertyChecker#LOAD_RECOVERY_TICKS} ticks) with the output on
     * throughout,
     * the true current comes back at the output stage's own lag — never above its level before the transient.
     */
    F1_LOAD_RECOVERY("F1", " [load recovery: ");

    private final String id;
    private final String mark;

    KnownFinding(final String id, final String mark)
    {
        this.id = id;
        this.mark = mark;
    }

    /**
     * @return the finding's id in docs/qa-campaign.md.
     */
    public String id()
    {
        return id;
    }

    /**
     * @return the text the checker puts in a violation's message under this finding's conditions.
     */
    String mark()
    {
        return mark;
    }

    /**
     * @param violation a violation.
     * @return the known finding the checker marked it as, or null for a violation nobody has explained.
     */
    public static KnownFinding of(final Violation violation)
    {
        if (violation.property() == Property.RAMP_RATE && violation.message().contains(F1_LOAD_RECOVERY.mark))
        {
            return F1_LOAD_RECOVERY;
        }
        return null;
    }

    /**
     * @param violation a violation.
     * @return whether it is a known finding.
     */
    public static boolean explains(final Violation violation)
    {
        return of(violation) != null;
    }
}
