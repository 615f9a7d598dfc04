package org.galvani.screening;

/**
 * The evaluation of one present condition (SR-1): the rule applied, the disposition, who overrode it and
 * why (when overridden), and one line explaining the outcome (why blocked, why an override or an
 * acknowledgement did not count).
 *
 * <p>Threading: immutable.
 *
 * @param condition   the condition.
 * @param rule        the rule applied for the session's placement.
 * @param disposition blocked, overridden, acknowledged or allowed.
 * @param clinicianId who overrode it, or null unless {@link Disposition#OVERRIDDEN}.
 * @param reason      the override's reason, or null unless {@link Disposition#OVERRIDDEN}.
 * @param detail      one line: what happened and why.
 */
public record ConditionOutcome(
    Condition condition,
    InterlockRule rule,
    Disposition disposition,
    String clinicianId,
    String reason,
    String detail)
{
    /**
     * @return whether this condition stops the session from being armed.
     */
    public boolean blocks()
    {
        return disposition.blocks();
    }
}
