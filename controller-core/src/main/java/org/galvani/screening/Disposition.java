package org.galvani.screening;

/**
 * What became of one present condition in a screening evaluation (SR-1).
 *
 * <p>Threading: immutable.
 */
public enum Disposition
{
    /** Its rule is {@link InterlockAction#ALLOW}. */
    ALLOWED,
    /** Its rule is advisory and the operator acknowledged it. */
    ACKNOWLEDGED,
    /** Its rule is block-unless-overridden and a trusted clinician's signed override verified. */
    OVERRIDDEN,
    /** It blocks arming: absolute block, no or refused override, or advisory not acknowledged. */
    BLOCKED;

    /**
     * @return whether this condition stops the session from being armed.
     */
    public boolean blocks()
    {
        return this == BLOCKED;
    }
}
