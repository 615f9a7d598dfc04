package org.galvani.screening;

/**
 * What an interlock rule does when its condition is present (SR-1), from the least to the most strict;
 * a maker may replace a rule only by one at least as strict ({@link #atLeastAsStrictAs}).
 *
 * <p>Threading: immutable.
 */
public enum InterlockAction
{
    /** The condition does not block. */
    ALLOW,
    /** The condition blocks until the operator acknowledges the advice (e.g. cover cuts with petroleum jelly). */
    ADVISORY_ACKNOWLEDGE,
    /** The condition blocks unless an authorised clinician signs an override naming it and a reason. */
    BLOCK_UNLESS_OVERRIDDEN,
    /** The condition always blocks; no override is accepted. */
    ABSOLUTE_BLOCK;

    /**
     * @param other another action.
     * @return whether this action is at least as strict as {@code other}.
     */
    public boolean atLeastAsStrictAs(final InterlockAction other)
    {
        return ordinal() >= other.ordinal();
    }
}
