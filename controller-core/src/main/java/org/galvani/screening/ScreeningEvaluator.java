package org.galvani.screening;

import java.util.ArrayList;
import java.util.List;

import org.galvani.authority.AuthorisationResult;
import org.galvani.authority.Authoriser;
import org.galvani.authority.SignedStatements;

/**
 * Applies an {@link InterlockPolicy} to a {@link Screening} (SR-1), checking override signatures with an
 * {@link Authoriser} (SR-16). For each present condition (the listed ones plus the derived placement
 * condition) the rule for the session's placement decides:
 * <ul>
 *   <li>{@link InterlockAction#ALLOW}: allowed.</li>
 *   <li>{@link InterlockAction#ADVISORY_ACKNOWLEDGE}: blocked until acknowledged; an override does not
 *   stand in for the acknowledgement.</li>
 *   <li>{@link InterlockAction#BLOCK_UNLESS_OVERRIDDEN}: blocked unless an override names the condition, is
 *   bound to this session ({@link ScreeningSession}: this prescription, not expired at the session's start,
 *   SR-19), its clinician is trusted and its signature verifies over the canonical override statement
 *   ({@link OverrideStatement}). A refused override leaves the block and the summary says why.</li>
 *   <li>{@link InterlockAction#ABSOLUTE_BLOCK}: blocked; an override is refused and the summary says so.</li>
 * </ul>
 * The session is armable only if no condition is blocked. Never throws for a bad signature, an unknown
 * clinician or a failing authoriser: the override simply does not count. Deterministic: the session's
 * start is an input, no clock is read.
 *
 * <p>Threading: stateless and thread-safe; runs on the clinician UI's thread, never the control thread.
 */
public final class ScreeningEvaluator
{
    private ScreeningEvaluator()
    {
    }

    /**
     * @param screening  the clinician's input.
     * @param policy     the interlock policy (defaults, possibly tightened by the maker).
     * @param authoriser checks override signatures.
     * @param session    the session's prescription and start: an override bound elsewhere or expired does not
     *                   count (SR-19).
     * @return the frozen result.
     */
    public static ScreeningResult evaluate(
        final Screening screening, final InterlockPolicy policy, final Authoriser authoriser,
        final ScreeningSession session)
    {
        return new ScreeningResult(screening, session, outcomes(screening, policy, authoriser, session));
    }

    /**
     * Evaluates the screening and the SR-22 skin gate: a blister or burn recorded by the last skin check of the
     * patient at this placement blocks the session unless a review of exactly that record verifies
     * ({@link SkinGate}).
     *
     * @param screening  the clinician's input.
     * @param policy     the interlock policy.
     * @param authoriser checks override and review signatures.
     * @param session    the session's prescription and start (SR-19).
     * @param history    the patient's skin history ({@link SkinHistory#NONE} for none).
     * @param reviews    the clinicians' skin reviews offered (may be empty).
     * @return the frozen result; not armable when the skin gate blocks.
     */
    public static ScreeningResult evaluate(
        final Screening screening, final InterlockPolicy policy, final Authoriser authoriser,
        final ScreeningSession session, final SkinHistory history, final List<SkinReview> reviews)
    {
        return new ScreeningResult(screening, session, outcomes(screening, policy, authoriser, session),
            SkinGate.judge(screening, history, reviews, authoriser));
    }

    private static List<ConditionOutcome> outcomes(
        final Screening screening, final InterlockPolicy policy, final Authoriser authoriser,
        final ScreeningSession session)
    {
        final List<ConditionOutcome> outcomes = new ArrayList<>();
        for (final Condition condition : screening.presentConditions())
        {
            outcomes.add(judge(screening, condition, policy.ruleFor(condition, screening.placement()), authoriser,
                session));
        }
        return outcomes;
    }

    private static ConditionOutcome judge(
        final Screening screening, final Condition condition, final InterlockRule rule, final Authoriser authoriser,
        final ScreeningSession session)
    {
        final ConditionOutcome outcome = judgeOverride(screening, condition, rule, authoriser, session);
        if (condition == Condition.METAL_IMPLANT_IN_PATH && !screening.implantSitesInPath().isEmpty())
        {
            return new ConditionOutcome(outcome.condition(), outcome.rule(), outcome.disposition(),
                outcome.clinicianId(), outcome.reason(), "metal implant at " + screening.implantSitesInPath() +
                    " in the current path of " + screening.placement() + "; " + outcome.detail());
        }
        return outcome;
    }

    private static ConditionOutcome judgeOverride(
        final Screening screening, final Condition condition, final InterlockRule rule, final Authoriser authoriser,
        final ScreeningSession session)
    {
        final ClinicianOverride override = screening.overrideOf(condition);
        final boolean acknowledged = screening.acknowledged().contains(condition);
        switch (rule.action())
        {
            case ALLOW:
                return outcome(condition, rule, Disposition.ALLOWED, "allowed by policy" +
                    (override != null ? "; override by " + override.clinicianId() + " not needed" : ""));
            case ADVISORY_ACKNOWLEDGE:
                if (acknowledged)
                {
                    return outcome(condition, rule, Disposition.ACKNOWLEDGED, "acknowledged: "
                        + condition.description());
                }
                return outcome(condition, rule, Disposition.BLOCKED, "not acknowledged: " + condition.description() +
                    (override != null ? "; an override does not replace the acknowledgement" : ""));
            case BLOCK_UNLESS_OVERRIDDEN:
                if (override == null)
                {
                    return outcome(condition, rule, Disposition.BLOCKED, "no clinician override" +
                        (acknowledged ? "; an acknowledgement does not lift this rule" : ""));
                }
                final String unbound = session.bindingProblem(override);
                if (unbound != null)
                {
                    return outcome(condition, rule, Disposition.BLOCKED, "override by " + override.clinicianId() +
                        " refused: " + unbound);
                }
                final AuthorisationResult result = SignedStatements.verifyBase64(authoriser, override.clinicianId(),
                    override.statement(screening.patientId(), screening.placement()), override.signature());
                if (result.verified())
                {
                    return new ConditionOutcome(condition, rule, Disposition.OVERRIDDEN, override.clinicianId(),
                        override.reason(), "overridden by " + override.clinicianId() + ": \"" + override.reason()
                            + "\"");
                }
                return outcome(condition, rule, Disposition.BLOCKED, "override by " + override.clinicianId() +
                    " refused: " + oneLine(result.reason()));
            case ABSOLUTE_BLOCK:
            default:
                return outcome(condition, rule, Disposition.BLOCKED, "absolute block" +
                    (override != null ? "; override by " + override.clinicianId() +
                        " refused: an absolute block cannot be overridden" : ""));
        }
    }

    private static ConditionOutcome outcome(
        final Condition condition, final InterlockRule rule, final Disposition disposition, final String detail)
    {
        return new ConditionOutcome(condition, rule, disposition, null, null, detail);
    }

    private static String oneLine(final String text)
    {
        return text == null ? "(no reason given)" : text.replaceAll("\\p{Cntrl}", " ");
    }
}
