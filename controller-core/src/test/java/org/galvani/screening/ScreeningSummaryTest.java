package org.galvani.screening;

import static org.galvani.screening.ScreeningFixtures.PATIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-1 the screening summary as documented on {@link ScreeningResult#summary()} (PIT survivors of its rendering,
 * docs/qa-campaign.md "PIT"): a head with the patient, placement and verdict, then one item per present condition
 * grouped blocked, overridden, acknowledged — each with its condition, code, rule label and detail — then the
 * metal implants outside the current path; and the result's lists: blocking outcomes only, accepted overrides in
 * condition order, no outcome for an absent condition.
 */
class ScreeningSummaryTest
{
    private static String item(final String title, final ConditionOutcome outcome)
    {
        return " | " + title + ": " + outcome.condition() + " [" + outcome.condition().code() + "] by rule " +
            outcome.rule().label() + " - " + outcome.detail();
    }

    @Test
    @DisplayName("SR-1 every group in its order: blocked, overridden, acknowledged; implants outside the path last; NOT armable")
    void everyGroupInOrder()
    {
        final ClinicianOverride pregnancy = ScreeningFixtures.valid(Placement.FEET, Condition.PREGNANCY);
        final Screening screening = new Screening(PATIENT, Placement.FEET,
            EnumSet.of(Condition.EPILEPSY, Condition.PREGNANCY, Condition.THROMBOSIS, Condition.CUTS_OR_SCRATCHES),
            Set.of(Condition.CUTS_OR_SCRATCHES), List.of(pregnancy), Set.of(BodySite.SHOULDER));
        final ScreeningResult result = ScreeningFixtures.evaluate(screening);
        assertFalse(result.armable());
        final ConditionOutcome epilepsy = result.outcome(Condition.EPILEPSY);
        final ConditionOutcome thrombosis = result.outcome(Condition.THROMBOSIS);
        final ConditionOutcome overridden = result.outcome(Condition.PREGNANCY);
        final ConditionOutcome cuts = result.outcome(Condition.CUTS_OR_SCRATCHES);
        assertEquals(Disposition.BLOCKED, epilepsy.disposition());
        assertEquals(Disposition.BLOCKED, thrombosis.disposition());
        assertEquals(Disposition.OVERRIDDEN, overridden.disposition());
        assertEquals(Disposition.ACKNOWLEDGED, cuts.disposition());
        assertEquals("SR-1 screening of patient P-0042, placement FEET: NOT armable" + item("blocked", epilepsy) +
            item("blocked", thrombosis) + item("overridden", overridden) + item("acknowledged", cuts) +
            " | not blocking: metal implant at [SHOULDER] outside the current path of FEET", result.summary());
        assertEquals(result.summary(), result.toString());
        assertTrue(overridden.detail().contains("dr-ada"), overridden.detail());

        assertEquals(List.of(epilepsy, thrombosis), result.blocking());
        assertEquals(List.of(pregnancy), result.acceptedOverrides());
        assertNull(result.outcome(Condition.HEART_CONDITION), "absent: no outcome");
        assertEquals(List.of(epilepsy, overridden, thrombosis, cuts), result.outcomes(), "in Condition order");
        assertEquals(screening, result.screening());
        assertEquals(ScreeningFixtures.SESSION, result.session());
    }

    @Test
    @DisplayName("SR-1 with nothing blocking the head says armable; no condition: 'no contraindication present'; an acknowledgement is no override")
    void armable()
    {
        final ScreeningResult none = ScreeningFixtures.evaluate(ScreeningFixtures.screening(Placement.HANDS));
        assertTrue(none.armable());
        assertEquals("SR-1 screening of patient P-0042, placement HANDS: armable, no contraindication present",
            none.summary());
        assertEquals(List.of(), none.blocking());
        assertEquals(List.of(), none.acceptedOverrides());

        final ScreeningResult acknowledged = ScreeningFixtures.evaluate(new Screening(PATIENT, Placement.HANDS,
            EnumSet.of(Condition.CUTS_OR_SCRATCHES), Set.of(Condition.CUTS_OR_SCRATCHES), List.of()));
        assertTrue(acknowledged.armable());
        assertTrue(acknowledged.summary().startsWith("SR-1 screening of patient P-0042, placement HANDS: armable | " +
            "acknowledged: CUTS_OR_SCRATCHES [SKIN-BREAKS] by rule SR-1.R12"), acknowledged.summary());
        assertEquals(List.of(), acknowledged.acceptedOverrides(), "acknowledged is not overridden");
    }
}
