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

import org.galvani.authority.AuthorisationResult;
import org.galvani.authority.TestKeys;
import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-1 SR-19 the last unkilled screening mutants of issue 12 (docs/qa-campaign.md "PIT"): a rule's id, action and a
 * null rule refused with their own messages; a policy file parsed into its rules; the current path of a placement as
 * documented; an expiry with a fraction of a second refused even when written canonically; the screening file's
 * duplicate conditions and acknowledgements, null implant site, version-1 override and an override with an expiry but no
 * prescription each refused naming the field; an acknowledgement that does not lift a block says so; the metal-implant
 * note only on its own condition; an override of an advisory condition named as no substitute; a refusal without a
 * reason (issue 12's whole-package re-run).
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
        final InvalidConfigurationException noPrescription = refused(() -> Screening.parse(HEAD + "\"conditions\": " +
            "[\"EPILEPSY\"], \"overrides\": [{\"condition\": \"EPILEPSY\", \"clinicianId\": \"dr-ada\", \"reason\": " +
            "\"r\", \"expiresAt\": \"2026-12-06T18:00:00Z\", \"signature\": \"AAAA\"}]}"));
        assertEquals("overrides[0].prescriptionId", noPrescription.field());
        assertTrue(noPrescription.getMessage().contains("prescriptionId is missing"), noPrescription.getMessage());
        assertFalse(noPrescription.getMessage().contains("version-1"), noPrescription.getMessage());
        final InvalidConfigurationException twiceAcknowledged = refused(() -> Screening.parse(HEAD + "\"conditions\": " +
            "[\"CUTS_OR_SCRATCHES\"], \"acknowledged\": [\"CUTS_OR_SCRATCHES\", \"CUTS_OR_SCRATCHES\"]}"));
        assertEquals("acknowledged[1]", twiceAcknowledged.field());
        assertTrue(twiceAcknowledged.getMessage().contains("acknowledged[1] = CUTS_OR_SCRATCHES is listed twice"),
            twiceAcknowledged.getMessage());
    }

    @Test
    @DisplayName("SR-19 the metal-implant note is on the implant's own condition only, and only when an implant lies in the path")
    void metalImplantNote()
    {
        final ScreeningResult inPath = ScreeningFixtures.evaluate(new Screening(PATIENT, Placement.FEET,
            EnumSet.of(Condition.EPILEPSY), Set.of(), List.of(), Set.of(BodySite.FOOT)));
        assertEquals("metal implant at [FOOT] in the current path of FEET; no clinician override",
            inPath.outcome(Condition.METAL_IMPLANT_IN_PATH).detail());
        assertEquals("no clinician override", inPath.outcome(Condition.EPILEPSY).detail());
        final ScreeningResult listed = ScreeningFixtures.evaluate(ScreeningFixtures.screening(Placement.FEET,
            Condition.METAL_IMPLANT_IN_PATH));
        assertFalse(listed.armable());
        assertEquals("no clinician override", listed.outcome(Condition.METAL_IMPLANT_IN_PATH).detail());
    }

    @Test
    @DisplayName("SR-1 an advisory condition not acknowledged blocks; an override of it is named as no substitute")
    void advisoryOverrideNote()
    {
        final String plain = "not acknowledged: " + Condition.CUTS_OR_SCRATCHES.description();
        assertEquals(plain, ScreeningFixtures.evaluate(ScreeningFixtures.screening(Placement.FEET,
            Condition.CUTS_OR_SCRATCHES)).outcome(Condition.CUTS_OR_SCRATCHES).detail());
        final ScreeningResult overridden = ScreeningFixtures.evaluate(ScreeningFixtures.screening(Placement.FEET,
            EnumSet.of(Condition.CUTS_OR_SCRATCHES), Set.of(),
            List.of(ScreeningFixtures.valid(Placement.FEET, Condition.CUTS_OR_SCRATCHES))));
        assertFalse(overridden.armable());
        assertEquals(Disposition.BLOCKED, overridden.outcome(Condition.CUTS_OR_SCRATCHES).disposition());
        assertEquals(plain + "; an override does not replace the acknowledgement",
            overridden.outcome(Condition.CUTS_OR_SCRATCHES).detail());
    }

    @Test
    @DisplayName("SR-1 SR-16 an authoriser that refuses without a reason: the override is refused with '(no reason given)'")
    void refusalWithoutReason()
    {
        final ScreeningResult result = ScreeningEvaluator.evaluate(ScreeningFixtures.screening(Placement.FEET,
            EnumSet.of(Condition.EPILEPSY), Set.of(), List.of(ScreeningFixtures.valid(Placement.FEET, Condition.EPILEPSY))),
            InterlockPolicy.defaults(), (clinicianId, message, signature) ->
                AuthorisationResult.refused(clinicianId, null),
            ScreeningFixtures.SESSION);
        assertFalse(result.armable());
        assertEquals("override by " + TestKeys.ADA + " refused: (no reason given)",
            result.outcome(Condition.EPILEPSY).detail());
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
