package org.galvani.campaign;

import org.galvani.screening.Screening;
import org.galvani.session.ScreeningDecision;

/**
 * A generated screening, the frozen decision the {@code ScreeningEvaluator} gave for it, and the campaign's
 * own independent expectation (an oracle over the SR-1 default policy's absolute blocks) of whether it may
 * arm.
 *
 * <p>Threading: immutable.
 *
 * @param screening      the clinician's input (placement, conditions, acknowledgements, overrides).
 * @param decision       what the evaluator decided (sent with SCREEN).
 * @param absoluteBlock  whether the oracle finds an absolute block (implanted device; heart condition with
 *                       a path across the chest or head): then no current may ever flow, whatever the evaluator said.
 * @param staleOverride  whether the oracle finds a block-unless-overridden condition whose only override is bound
 *                       to another session's prescription or expired at the session's start (SR-19): then too no
 *                       current may ever flow, however validly the override is signed.
 */
public record ScreeningCase(Screening screening, ScreeningDecision decision, boolean absoluteBlock, boolean staleOverride)
{
    /**
     * @return whether the oracle forbids arming: an absolute block or a stale override.
     */
    public boolean mustNotArm()
    {
        return absoluteBlock || staleOverride;
    }

    @Override
    public String toString()
    {
        return screening.placement() + " " + screening.conditions() + " overrides " + screening.overrides().size() +
            " → " + (decision.armable() ? "armable" : "blocked");
    }
}
