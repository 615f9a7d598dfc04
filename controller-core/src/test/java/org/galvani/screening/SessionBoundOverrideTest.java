package org.galvani.screening;

import static org.galvani.screening.ScreeningFixtures.EXPIRES;
import static org.galvani.screening.ScreeningFixtures.PATIENT;
import static org.galvani.screening.ScreeningFixtures.PRESCRIPTION;
import static org.galvani.screening.ScreeningFixtures.SESSION;
import static org.galvani.screening.ScreeningFixtures.SESSION_START;
import static org.galvani.screening.ScreeningFixtures.screening;
import static org.galvani.screening.ScreeningFixtures.signed;
import static org.galvani.screening.ScreeningFixtures.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.galvani.authority.TestKeys;
import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SR-19: an override counts for one session only (bound to its prescription, expiring), version-1 overrides are
 * refused with how to re-sign, and a metal implant blocks only when its site is in the placement's current path.
 */
class SessionBoundOverrideTest
{
    private static ScreeningResult evaluate(final Screening screening, final ScreeningSession session)
    {
        return ScreeningEvaluator.evaluate(screening, InterlockPolicy.defaults(), TestKeys.authoriser(), session);
    }

    private static Screening epilepsyWith(final ClinicianOverride override)
    {
        return screening(Placement.FEET, Set.of(Condition.EPILEPSY), Set.of(), List.of(override));
    }

    @Test
    @DisplayName("SR-19 H-22 a signed override presented again in a later session (another prescription) is refused")
    void replayedInALaterSessionIsRefused()
    {
        final ClinicianOverride override = valid(Placement.FEET, Condition.EPILEPSY);
        final ScreeningResult first = evaluate(epilepsyWith(override), SESSION);
        assertTrue(first.armable(), first.summary());
        assertEquals(List.of(override), first.acceptedOverrides());

        final ScreeningSession later = new ScreeningSession("RX-0043", SESSION_START.plus(Duration.ofHours(2)));
        final ScreeningResult second = evaluate(epilepsyWith(override), later);
        assertFalse(second.armable(), second.summary());
        assertEquals(Disposition.BLOCKED, second.outcome(Condition.EPILEPSY).disposition());
        assertTrue(second.summary().contains("override by dr-ada refused: it is bound to prescription RX-0042, not to " +
            "this session's prescription RX-0043"), second.summary());
        assertTrue(second.acceptedOverrides().isEmpty());
    }

    @Test
    @DisplayName("SR-19 an expired override is refused: the session's start (an input, no clock) is compared with the expiry")
    void expiredOverrideIsRefused()
    {
        final ClinicianOverride override = valid(Placement.FEET, Condition.EPILEPSY);
        assertTrue(evaluate(epilepsyWith(override), new ScreeningSession(PRESCRIPTION, EXPIRES.minusSeconds(1)))
            .armable());
        for (final Instant start : new Instant[] {EXPIRES, EXPIRES.plusSeconds(1), EXPIRES.plus(Duration.ofDays(400))})
        {
            final ScreeningResult result = evaluate(epilepsyWith(override), new ScreeningSession(PRESCRIPTION, start));
            assertFalse(result.armable(), result.summary());
            assertTrue(result.summary().contains("override by dr-ada refused: it expired at " + EXPIRES +
                ", the session starts at " + start), result.summary());
        }
    }

    @Test
    @DisplayName("SR-19 the prescription and the expiry are signed: editing either after signing breaks the signature")
    void bindingIsSigned()
    {
        final ClinicianOverride override = valid(Placement.FEET, Condition.EPILEPSY);
        final Instant later = EXPIRES.plus(Duration.ofDays(30));
        final ClinicianOverride extended = new ClinicianOverride(Condition.EPILEPSY, override.clinicianId(),
            PRESCRIPTION, later, override.reason(), override.signature());
        final ScreeningResult result = evaluate(epilepsyWith(extended), SESSION);
        assertFalse(result.armable(), result.summary());
        assertTrue(result.summary().contains("override by dr-ada refused: ") && !result.summary().contains("expired") &&
            !result.summary().contains("bound to"), result.summary());

        final ClinicianOverride rebound = new ClinicianOverride(Condition.EPILEPSY, override.clinicianId(), "RX-0043",
            EXPIRES, override.reason(), override.signature());
        assertFalse(evaluate(epilepsyWith(rebound), new ScreeningSession("RX-0043", SESSION_START)).armable());

        // a version-1 signature (over the old statement) does not verify as a version-2 override
        final String v1 = TestKeys.signer(TestKeys.ADA).signBase64(("galvani-override-v1\n" + PATIENT + "\nFEET\n" +
            "EPILEPSY\ndr-ada\nreviewed").getBytes(StandardCharsets.UTF_8));
        assertFalse(evaluate(epilepsyWith(ScreeningFixtures.override(Condition.EPILEPSY, TestKeys.ADA, "reviewed", v1)),
            SESSION).armable());
    }

    @Test
    @DisplayName("SR-19 a version-1 override in a screening file is refused in one line saying how to re-sign it")
    void versionOneRefused()
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class, () ->
            Screening.parse("{\"patientId\": \"P\", \"placement\": \"FEET\", \"conditions\": [\"EPILEPSY\"], " +
                "\"overrides\": [{\"condition\": \"EPILEPSY\", \"clinicianId\": \"dr-ada\", \"reason\": \"r\", " +
                "\"signature\": \"AAAA\"}]}"));
        assertEquals("overrides[0].prescriptionId", ex.field());
        assertTrue(ex.getMessage().contains("version-1 override") && ex.getMessage().contains("galvani sign-override"),
            ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"));
    }

    @Test
    @DisplayName("SR-19 the expiry has one spelling (ISO-8601 UTC, whole seconds) and both binding fields are required")
    void bindingFieldsValidated()
    {
        final String head = "{\"patientId\": \"P\", \"placement\": \"FEET\", \"conditions\": [\"EPILEPSY\"], " +
            "\"overrides\": [{\"condition\": \"EPILEPSY\", \"clinicianId\": \"dr-ada\", \"reason\": \"r\", " +
            "\"signature\": \"AAAA\", ";
        for (final String expiry : new String[] {"2026-12-06T18:00:00+01:00", "2026-12-06T18:00:00.500Z",
            "2026-12-06T18:00Z", "2026-12-06", "tomorrow", ""})
        {
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class, () ->
                Screening.parse(head + "\"prescriptionId\": \"RX-1\", \"expiresAt\": \"" + expiry + "\"}]}"), expiry);
            assertEquals("overrides[0].expiresAt", ex.field(), ex.getMessage());
        }
        assertEquals("overrides[0].expiresAt", assertThrows(InvalidConfigurationException.class, () ->
            Screening.parse(head + "\"prescriptionId\": \"RX-1\"}]}")).field());
        assertEquals("overrides[0].prescriptionId", assertThrows(InvalidConfigurationException.class, () ->
            Screening.parse(head + "\"expiresAt\": \"2026-12-06T18:00:00Z\"}]}")).field());
        assertEquals("overrides[0].prescriptionId", assertThrows(InvalidConfigurationException.class, () ->
            Screening.parse(head + "\"prescriptionId\": \"RX\\n1\", \"expiresAt\": \"2026-12-06T18:00:00Z\"}]}")).field());
        final Screening ok = Screening.parse(head + "\"prescriptionId\": \"RX-1\", \"expiresAt\": \"2026-12-06T18:00:00Z\"}]}");
        assertEquals(Instant.parse("2026-12-06T18:00:00Z"), ok.overrides().get(0).expiresAt());
    }

    @Test
    @DisplayName("SR-19 the statement splits back into its fields (an auditor's re-verification)")
    void statementRoundTrip()
    {
        final OverrideStatement statement = new OverrideStatement(PATIENT, PRESCRIPTION, Placement.FEET,
            Condition.EPILEPSY, "dr-ada", EXPIRES, "reviewed, with a comma: and a colon");
        assertEquals("galvani-override-v2\nP-0042\nRX-0042\nFEET\nEPILEPSY\ndr-ada\n2026-12-06T17:00:00Z\n" +
            "reviewed, with a comma: and a colon", statement.text());
        assertEquals(statement, OverrideStatement.parse(statement.text()));
        assertThrows(IllegalArgumentException.class, () -> OverrideStatement.parse("galvani-override-v1\nP\nFEET\n" +
            "EPILEPSY\ndr-ada\nr"));
        assertThrows(IllegalArgumentException.class, () -> OverrideStatement.parse(statement.text()
            .replace("FEET", "NOSE")));
        assertThrows(IllegalArgumentException.class, () -> OverrideStatement.parse("galvani-override-v2\nP"));
    }

    @ParameterizedTest
    @EnumSource(Placement.class)
    @DisplayName("SR-19 a metal implant blocks (unless overridden) exactly when its site is in the placement's current path")
    void metalImplantSiteDecides(final Placement placement)
    {
        for (final BodySite site : BodySite.values())
        {
            final Screening screening = new Screening(PATIENT, placement, Set.of(), Set.of(), List.of(), Set.of(site));
            final ScreeningResult result = evaluate(screening, SESSION);
            final ConditionOutcome metal = result.outcome(Condition.METAL_IMPLANT_IN_PATH);
            if (CurrentPath.inPath(site, placement))
            {
                assertEquals(Disposition.BLOCKED, metal.disposition(), result.summary());
                assertTrue(result.summary().contains("metal implant at [" + site + "] in the current path of " +
                    placement), result.summary());
                final Screening overridden = new Screening(PATIENT, placement, Set.of(), Set.of(),
                    List.of(valid(placement, Condition.METAL_IMPLANT_IN_PATH)), Set.of(site));
                assertEquals(Disposition.OVERRIDDEN, evaluate(overridden, SESSION)
                    .outcome(Condition.METAL_IMPLANT_IN_PATH).disposition());
            }
            else
            {
                assertEquals(null, metal, result.summary());
                assertTrue(result.summary().contains("not blocking: metal implant at [" + site +
                    "] outside the current path of " + placement), result.summary());
                assertEquals(!placement.electrodesOnChestOrHead(), result.armable(), result.summary());
                // nothing to override: an override naming the condition is refused as not present
                assertEquals("overrides[0].condition", assertThrows(InvalidConfigurationException.class, () ->
                    new Screening(PATIENT, placement, Set.of(), Set.of(),
                        List.of(valid(placement, Condition.METAL_IMPLANT_IN_PATH)), Set.of(site))).field());
            }
        }
    }

    @Test
    @DisplayName("SR-19 a knee implant does not block hand treatment; a shoulder implant does; listed sites come from the file")
    void metalImplantExamples()
    {
        final Screening knee = Screening.parse("{\"patientId\": \"P\", \"placement\": \"HANDS\", \"conditions\": [], " +
            "\"metalImplantSites\": [\"LEG\"]}");
        assertTrue(evaluate(knee, SESSION).armable());
        final Screening shoulder = Screening.parse("{\"patientId\": \"P\", \"placement\": \"HANDS\", \"conditions\": [], " +
            "\"metalImplantSites\": [\"LEG\", \"SHOULDER\"]}");
        final ScreeningResult result = evaluate(shoulder, SESSION);
        assertFalse(result.armable());
        assertTrue(result.summary().contains("blocked: METAL_IMPLANT_IN_PATH [METAL] by rule SR-1.R4"), result.summary());
        assertTrue(result.summary().contains("not blocking: metal implant at [LEG]"), result.summary());
        assertEquals("metalImplantSites[1]", assertThrows(InvalidConfigurationException.class, () -> Screening.parse(
            "{\"patientId\": \"P\", \"placement\": \"HANDS\", \"conditions\": [], \"metalImplantSites\": [\"LEG\", \"LEG\"]}"))
            .field());
        // the clinician's own judgement still stands: a listed METAL_IMPLANT_IN_PATH blocks whatever the sites say
        final Screening listed = new Screening(PATIENT, Placement.HANDS, Set.of(Condition.METAL_IMPLANT_IN_PATH),
            Set.of(), List.of(), Set.of(BodySite.FOOT));
        assertFalse(evaluate(listed, SESSION).armable());
    }

    @Test
    @DisplayName("SR-19 signed() with an explicit binding: another patient's override does not verify")
    void otherPatient()
    {
        final ClinicianOverride other = signed(TestKeys.ADA, TestKeys.ADA, "P-0043", PRESCRIPTION, EXPIRES,
            Placement.FEET, Condition.EPILEPSY, "reviewed");
        assertFalse(evaluate(epilepsyWith(other), SESSION).armable());
    }
}
