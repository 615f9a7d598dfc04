package org.galvani.campaign;

/**
 * A property that did not hold: which, in which tick, and the values that show it.
 *
 * <p>Threading: immutable.
 *
 * @param property the property.
 * @param tick     the tick (-1 for a whole-trial check such as the journal's).
 * @param message  the values.
 */
public record Violation(Property property, long tick, String message)
{
    @Override
    public String toString()
    {
        return property.title() + " violated" + (tick >= 0 ? " at tick " + tick : "") + ": " + message;
    }
}
