package org.galvani.screening;

import static org.galvani.screening.ScreeningFixtures.PATIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-1 SR-19 a screening's collections at their edges (PIT survivors of {@link Screening}'s constructor,
 * docs/qa-campaign.md "PIT"): a missing list of overrides or implant sites is empty, a missing list of conditions is
 * refused; a null inside any of them is refused naming the field and the allowed values, never a
 * NullPointerException; an override of an absent condition names the implants outside the current path only when
 * there are some.
 */
class ScreeningInputEdgeTest
{
    private static InvalidConfigurationException refused(final org.junit.jupiter.api.function.Executable executable)
    {
        return assertThrows(InvalidConfigurationException.class, executable);
    }

    @Test
    @DisplayName("SR-1 no overrides, no acknowledgements and no implant sites given: each is empty")
    void missingListsAreEmpty()
    {
        final Screening screening = new Screening(PATIENT, Placement.FEET, EnumSet.of(Condition.EPILEPSY), null, null,
            null);
        assertEquals(List.of(), screening.overrides());
        assertEquals(Set.of(), screening.acknowledged());
        assertEquals(Set.of(), screening.metalImplantSites());
        assertEquals(Set.of(Condition.EPILEPSY), screening.presentConditions());
    }

    @Test
    @DisplayName("SR-1 a missing condition list, or a null in conditions or implant sites, is refused naming the field and the allowed values")
    void nullsRefused()
    {
        final InvalidConfigurationException conditions = refused(() -> new Screening(PATIENT, Placement.FEET, null,
            Set.of(), List.of()));
        assertEquals("conditions", conditions.field());
        assertEquals("conditions is missing: list the present conditions, [] when none is present",
            conditions.getMessage());
        final InvalidConfigurationException nullCondition = refused(() -> new Screening(PATIENT, Placement.FEET,
            new HashSet<>(Arrays.asList(Condition.EPILEPSY, null)), Set.of(), List.of()));
        assertEquals("conditions", nullCondition.field());
        assertEquals("conditions holds a null: allowed " + Arrays.toString(Condition.values()),
            nullCondition.getMessage());
        final InvalidConfigurationException nullSite = refused(() -> new Screening(PATIENT, Placement.FEET, Set.of(),
            Set.of(), List.of(), new HashSet<>(Arrays.asList(BodySite.FOOT, null))));
        assertEquals("metalImplantSites", nullSite.field());
        assertEquals("metalImplantSites holds a null: allowed " + Arrays.toString(BodySite.values()),
            nullSite.getMessage());
    }

    @Test
    @DisplayName("SR-19 an override of an absent condition is refused; the message names implants outside the current path only when there are some")
    void overrideOfAnAbsentCondition()
    {
        final ClinicianOverride metal = ScreeningFixtures.valid(Placement.FEET, Condition.METAL_IMPLANT_IN_PATH);
        final InvalidConfigurationException none = refused(() -> new Screening(PATIENT, Placement.FEET,
            Set.of(Condition.EPILEPSY), Set.of(), List.of(metal)));
        assertEquals("overrides[0].condition", none.field());
        assertEquals("overrides[0].condition = METAL_IMPLANT_IN_PATH is not present in this screening (conditions " +
            "[EPILEPSY], placement FEET)", none.getMessage());
        final InvalidConfigurationException outside = refused(() -> new Screening(PATIENT, Placement.FEET,
            Set.of(Condition.EPILEPSY), Set.of(), List.of(metal), Set.of(BodySite.SHOULDER)));
        assertEquals("overrides[0].condition = METAL_IMPLANT_IN_PATH is not present in this screening (conditions " +
            "[EPILEPSY], placement FEET, metal implants at [SHOULDER], none in its current path " +
            CurrentPath.sites(Placement.FEET) + ")", outside.getMessage());
        assertTrue(new Screening(PATIENT, Placement.FEET, Set.of(), Set.of(), List.of(metal), Set.of(BodySite.LEG))
            .presentConditions().contains(Condition.METAL_IMPLANT_IN_PATH), "an implant in the path: present");
    }
}
