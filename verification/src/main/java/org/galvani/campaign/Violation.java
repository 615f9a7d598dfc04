package org.galvani.campaign;

/**
 * A property that did not hold: which, in which tick, the values that show it, and — when the
 * {@link PropertyChecker} recognised it under a documented finding's exact conditions — that finding.
 *
 * <p>Threading: immutable.
 *
 * @param property     the property.
 * @param tick         the tick (-1 for a whole-trial check such as the journal's).
 * @param message      the values.
 * @param knownFinding the known finding it is, or null for a violation nobody has explained.
 */
public record Violation(Property property, long tick, String message, KnownFinding knownFinding)
{
    /**
     * A violation nobody has explained.
     *
     * @param property the property.
     * @param tick     the tick (-1 for a whole-trial check).
     * @param message  the values.
     */
    public Violation(final Property property, final long tick, final String message)
    {
        this(property, tick, message, null);
    }

    /**
     * @return whether it is a known finding.
     */
    public boolean explained()
    {
        return knownFinding != null;
    }

    @Override
    public String toString()
    {
        return property.title() + " violated" + (tick >= 0 ? " at tick " + tick : "") + ": " + message +
            (knownFinding != null ? " (known finding " + knownFinding.id() + ")" : "");
    }
}
