package org.galvani.screening;

import java.util.ArrayList;
import java.util.List;

import org.galvani.session.ScreeningDecision;

/**
 * The frozen outcome of {@link ScreeningEvaluator#evaluate} (SR-1): one {@link ConditionOutcome} per
 * present condition (in {@link Condition} order), whether the session may be armed, and a one-line
 * summary naming every blocking condition with its rule id, and every overridden condition with the
 * clinician and the reason. {@link #toDecision()} gives the control thread's {@link ScreeningDecision}.
 *
 * <p>Threading: immutable (unmodifiable copies) and thread-safe.
 */
public final class ScreeningResult
{
    private final Screening screening;
    private final ScreeningSession session;
    private final List<ConditionOutcome> outcomes;
    private final boolean armable;
    private final String summary;
    private final SkinGate.Verdict skin;

    ScreeningResult(final Screening screening, final ScreeningSession session, final List<ConditionOutcome> outcomes)
    {
        this(screening, session, outcomes, null);
    }

    ScreeningResult(final Screening screening, final ScreeningSession session, final List<ConditionOutcome> outcomes,
        final SkinGate.Verdict skin)
    {
        this.screening = screening;
        this.session = session;
        this.outcomes = List.copyOf(outcomes);
        this.skin = skin;
        boolean blocked = skin != null && skin.blocked();
        for (final ConditionOutcome outcome : this.outcomes)
        {
            blocked |= outcome.blocks();
        }
        this.armable = !blocked;
        this.summary = summarise(screening, this.outcomes, armable, skin);
    }

    /**
     * @return the SR-22 skin gate's verdict, or null when no skin history was consulted.
     */
    public SkinGate.Verdict skin()
    {
        return skin;
    }

    /**
     * @return whether the SR-22 skin gate blocks the session (an unreviewed blister or burn at this site).
     */
    public boolean blockedBySkin()
    {
        return skin != null && skin.blocked();
    }

    /**
     * @return the screening evaluated.
     */
    public Screening screening()
    {
        return screening;
    }

    /**
     * @return the session the screening was evaluated for (prescription and start, SR-19).
     */
    public ScreeningSession session()
    {
        return session;
    }

    /**
     * @return the overrides that lifted a block (disposition {@link Disposition#OVERRIDDEN}), each with the
     *         statement its signature verified over: what the journal records for an auditor to re-verify
     *         (SR-19); unmodifiable, in condition order.
     */
    public List<ClinicianOverride> acceptedOverrides()
    {
        final List<ClinicianOverride> accepted = new ArrayList<>();
        for (final ConditionOutcome outcome : outcomes)
        {
            if (outcome.disposition() == Disposition.OVERRIDDEN)
            {
                accepted.add(screening.overrideOf(outcome.condition()));
            }
        }
        return List.copyOf(accepted);
    }

    /**
     * @return one outcome per present condition, in {@link Condition} order; unmodifiable.
     */
    public List<ConditionOutcome> outcomes()
    {
        return outcomes;
    }

    /**
     * @param condition a condition.
     * @return its outcome, or null if it is not present.
     */
    public ConditionOutcome outcome(final Condition condition)
    {
        for (final ConditionOutcome outcome : outcomes)
        {
            if (outcome.condition() == condition)
            {
                return outcome;
            }
        }
        return null;
    }

    /**
     * @return the outcomes that block arming; unmodifiable.
     */
    public List<ConditionOutcome> blocking()
    {
        final List<ConditionOutcome> blocking = new ArrayList<>();
        for (final ConditionOutcome outcome : outcomes)
        {
            if (outcome.blocks())
            {
                blocking.add(outcome);
            }
        }
        return List.copyOf(blocking);
    }

    /**
     * @return whether no present condition blocks.
     */
    public boolean armable()
    {
        return armable;
    }

    /**
     * @return one line for the journal and the operator: a head ({@code "SR-1 screening of patient P,
     *         placement FEET: armable"}) then one {@code " | "}-separated item per present condition,
     *         blocked first, e.g. {@code "blocked: EPILEPSY [EPILEPSY] by rule SR-1.R5
     *         (BLOCK_UNLESS_OVERRIDDEN) - no clinician override"} or {@code "overridden: ... - overridden by
     *         dr-ada: \"reason\""}.
     */
    public String summary()
    {
        return summary;
    }

    /**
     * @return the decision handed to the controller.
     */
    public ScreeningDecision toDecision()
    {
        return new ScreeningDecision(armable, summary);
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return summary;
    }

    private static String summarise(
        final Screening screening, final List<ConditionOutcome> outcomes, final boolean armable,
        final SkinGate.Verdict skin)
    {
        final StringBuilder sb = new StringBuilder(256)
            .append("SR-1 screening of patient ").append(screening.patientId())
            .append(", placement ").append(screening.placement())
            .append(armable ? ": armable" : ": NOT armable");
        if (outcomes.isEmpty())
        {
            sb.append(", no contraindication present");
        }
        if (skin != null && skin.blocked())
        {
            sb.append(" | blocked: ").append(SkinGate.CODE).append(" by SR-22 - ").append(skin.detail());
        }
        appendGroup(sb, outcomes, Disposition.BLOCKED, "blocked");
        appendGroup(sb, outcomes, Disposition.OVERRIDDEN, "overridden");
        appendGroup(sb, outcomes, Disposition.ACKNOWLEDGED, "acknowledged");
        appendGroup(sb, outcomes, Disposition.ALLOWED, "allowed");
        if (!screening.implantSitesOutsidePath().isEmpty())
        {
            sb.append(" | not blocking: metal implant at ").append(screening.implantSitesOutsidePath())
                .append(" outside the current path of ").append(screening.placement());
        }
        if (skin != null && !skin.blocked() && skin.last() != null)
        {
            sb.append(" | skin: ").append(SkinGate.CODE).append(" by SR-22 - ").append(skin.detail());
        }
        return sb.toString();
    }

    private static void appendGroup(
        final StringBuilder sb, final List<ConditionOutcome> outcomes, final Disposition disposition,
        final String title)
    {
        for (final ConditionOutcome outcome : outcomes)
        {
            if (outcome.disposition() == disposition)
            {
                sb.append(" | ").append(title).append(": ")
                    .append(outcome.condition()).append(" [").append(outcome.condition().code()).append("] by rule ")
                    .append(outcome.rule().label()).append(" - ").append(outcome.detail());
            }
        }
    }
}
