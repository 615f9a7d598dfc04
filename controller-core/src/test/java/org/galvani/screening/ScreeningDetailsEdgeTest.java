package org.galvani.screening;

import static org.galvani.screening.ScreeningFixtures.PATIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-1 SR-19 the last unkilled screening mutants of issue 12 (docs/qa-campaign.md "PIT"): a rule's id, action and a
 * null rule refused with their own messages; a policy file parsed into its rules; the current path of a placement as
 * documented; an expiry with a fraction of a second refused even when written canonically; the screening file's
 * duplicate conditions, null implant site and version-1 override each refused naming the field; an acknowledgement
 * that does not lift a block says so.
 */
class ScreeningDetailsEdgeTest
{
    private static final String HEAD = "{\"patientId\": \"P\", \"placement\": \"FEET\", ";

    private static InvalidConfigurationException refused(final org.junit.jupiter.api.function.Executable executable)
    {
        return assertThrows(InvalidConfigurationException.class, executable);
    }

    @Test
    @DisplayName("SR-1 a rule's missing or malformed id, missing action, and a null rule are refused with their own messages")
    void ruleFields()
    {
        final InvalidConfigurationException missing = refused(() -> new InterlockRule(null, Condition.EPILEPSY, null,
            InterlockAction.ABSOLUTE_BLOCK, "r"));
        assertEquals("id", missing.field());
        assertEquals("id = (missing) is not a valid rule id: allowed " + InterlockRule.ID_PATTERN_TEXT,
            missing.getMessage());
        assertEquals("id = \"a b\" is not a valid rule id: allowed " + InterlockRule.ID_PATTERN_TEXT,
            refused(() -> new InterlockRule("a b", Condition.EPILEPSY, null, InterlockAction.ABSOLUTE_BLOCK, "r"))
                .getMessage());
        final InvalidConfigurationException action = refused(() -> new InterlockRule("A-1", Condition.EPILEPSY, null,
            null, "r"));
        assertEquals("action", action.field());
        assertEquals("rule A-1: action is missing: allowed " + Arrays.toString(InterlockAction.values()),
            action.getMessage());
        final InvalidConfigurationException nullRule = refused(() -> InterlockPolicy.defaults()
            .tighten(Arrays.asList((InterlockRule) null)));
        assertEquals("rules[0]", nullRule.field());
        assertEquals("rules[0] is null: a rule object is required", nullRule.getMessage());
    }

    @Test
    @DisplayName("SR-1 a policy file is parsed into its rules in file order")
    void parseRules()
    {
        final List<InterlockRule> rules = InterlockPolicy.parseRules("{\"rules\": [{\"id\": \"ACME-1\", \"condition\": " +
            "\"EPILEPSY\", \"action\": \"ABSOLUTE_BLOCK\", \"rationale\": \"r\"}, {\"id\": \"ACME-2\", \"condition\": " +
            "\"PREGNANCY\", \"placement\": \"FEET\", \"action\": \"ABSOLUTE_BLOCK\", \"rationale\": \"s\"}]}");
        assertEquals(2, rules.size());
        assertEquals("ACME-1", rules.get(0).id());
        assertEquals(Placement.FEET, rules.get(1).placement());
        assertEquals(InterlockAction.ABSOLUTE_BLOCK, InterlockPolicy.defaults().tighten(rules)
            .ruleFor(Condition.EPILEPSY, Placement.HANDS).action());
    }

    @Test
    @DisplayName("SR-19 the current path of the feet runs foot-leg-pelvis-leg-foot, as the placement documents")
    void currentPath()
    {
        final Set<BodySite> feet = CurrentPath.sites(Placement.FEET);
        assertTrue(feet.containsAll(EnumSet.of(BodySite.FOOT, BodySite.LEG, BodySite.PELVIS)), feet.toString());
        assertFalse(feet.contains(BodySite.HAND) || feet.contains(BodySite.CHEST), feet.toString());
    }

    @Test
    @DisplayName("SR-19 an expiry with a fraction of a second is refused even when written as Instant writes it")
    void expiryFraction()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> OverrideStatement.parseExpiry("2026-12-06T18:00:00.500Z"));
        assertEquals("'2026-12-06T18:00:00.500Z' is not in canonical form: write ISO-8601 UTC with whole seconds, e.g. " +
            "2026-12-06T18:00:00Z", ex.getMessage());
        assertEquals(java.time.Instant.parse("2026-12-06T18:00:00Z"), OverrideStatement.parseExpiry("2026-12-06T18:00:00Z"));
    }

    @Test
    @DisplayName("SR-1 SR-19 the screening file: a duplicate condition, a null implant site and a version-1 override are refused naming the field")
    void screeningFile()
    {
        assertEquals("conditions[1]", refused(() -> Screening.parse(HEAD + "\"conditions\": [\"EPILEPSY\", \"EPILEPSY\"]}"))
            .field());
        assertEquals("metalImplantSites[0]", refused(() -> Screening.parse(HEAD + "\"conditions\": [], " +
            "\"metalImplantSites\": [null]}")).field());
        final InvalidConfigurationException v1 = refused(() -> Screening.parse(HEAD + "\"conditions\": [\"EPILEPSY\"], " +
            "\"overrides\": [{\"condition\": \"EPILEPSY\", \"clinicianId\": \"dr-ada\", \"reason\": \"r\", " +
            "\"signature\": \"AAAA\"}]}"));
        assertTrue(v1.getMessage().contains("a version-1 override (of EPILEPSY by dr-ada, without prescriptionId and " +
            "expiresAt) is no longer accepted"), v1.getMessage());
        final InvalidConfigurationException noExpiry = refused(() -> Screening.parse(HEAD + "\"conditions\": " +
            "[\"EPILEPSY\"], \"overrides\": [{\"condition\": \"EPILEPSY\", \"clinicianId\": \"dr-ada\", \"reason\": " +
            "\"r\", \"prescriptionId\": \"RX-1\", \"signature\": \"AAAA\"}]}"));
        assertTrue(noExpiry.field().endsWith("expiresAt"), noExpiry.field());
        assertFalse(noExpiry.getMessage().contains("version-1"), noExpiry.getMessage());
    }

    @Test
    @DisplayName("SR-1 an acknowledgement does not lift a block-unless-overridden rule, and the outcome says so")
    void acknowledgementDoesNotLift()
    {
        final ScreeningResult result = ScreeningFixtures.evaluate(new Screening(PATIENT, Placement.FEET,
            EnumSet.of(Condition.EPILEPSY), Set.of(Condition.EPILEPSY), List.of()));
        assertFalse(result.armable());
        assertEquals("no clinician override; an acknowledgement does not lift this rule",
            result.outcome(Condition.EPILEPSY).detail());
        assertEquals("no clinician override", ScreeningFixtures.evaluate(ScreeningFixtures.screening(Placement.FEET,
            Condition.EPILEPSY)).outcome(Condition.EPILEPSY).detail());
    }
}
