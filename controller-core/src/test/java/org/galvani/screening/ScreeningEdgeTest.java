package org.galvani.screening;

import static org.galvani.screening.ScreeningFixtures.EXPIRES;
import static org.galvani.screening.ScreeningFixtures.PRESCRIPTION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.galvani.authority.TestKeys;
import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Screening input at its edges (PIT survivors in screening, docs/qa-campaign.md "PIT"): each length limit is
 * inclusive — exactly the longest id is accepted, one character more is refused with the field named; the allowed
 * alphabet's ends; an override's fields one by one; the same action is as strict as itself, so a maker may restate
 * a default rule; the policy table says "any" for a rule that covers every placement.
 */
class ScreeningEdgeTest
{
    private static InvalidConfigurationException refused(final Executable executable)
    {
        return assertThrows(InvalidConfigurationException.class, executable);
    }

    @Test
    @DisplayName("SR-1 a patient id of exactly 64 characters is accepted; 65, surrounding blanks or a control character are refused")
    void patientIdBounds()
    {
        Screening.requirePatientId("P".repeat(Screening.MAX_PATIENT_ID_LENGTH));
        Screening.requirePatientId("P 42");
        final String tail = ": allowed 1..64 characters, no control characters, no leading or trailing blanks";
        for (final String bad : new String[] {"P".repeat(65), " P", "P ", "P\u0007"})
        {
            final InvalidConfigurationException ex = refused(() -> Screening.requirePatientId(bad));
            assertEquals("patientId", ex.field());
            assertEquals("patientId = \"" + bad.replace('\u0007', '?') + "\" is not acceptable" + tail, ex.getMessage());
        }
        for (final String missing : new String[] {null, "", "   "})
        {
            assertEquals("patientId is missing or blank: a patient id is required",
                refused(() -> Screening.requirePatientId(missing)).getMessage());
        }
    }

    @Test
    @DisplayName("SR-19 a prescription id of exactly 128 printable ASCII characters is accepted; 129, DEL or non-ASCII are refused")
    void prescriptionIdBounds()
    {
        ClinicianOverride.requirePrescriptionId("f", "R".repeat(ClinicianOverride.MAX_PRESCRIPTION_ID_LENGTH));
        ClinicianOverride.requirePrescriptionId("f", " R~");
        final String tail = ": the id of the prescription of the one session the override is for, 1..128 printable " +
            "ASCII characters";
        for (final String bad : new String[] {"R".repeat(129), "R\u007f", "R\u001f", "Rü", " "})
        {
            final InvalidConfigurationException ex = refused(() -> ClinicianOverride.requirePrescriptionId("f", bad));
            assertEquals("f", ex.field());
            assertEquals("f = \"" + bad.replaceAll("\\p{Cntrl}", "?") + "\" is not acceptable" + tail, ex.getMessage());
        }
        assertEquals("f is missing" + tail,
            refused(() -> ClinicianOverride.requirePrescriptionId("f", null)).getMessage());
        assertEquals("prescriptionId", refused(() -> new ScreeningSession("R".repeat(129), EXPIRES)).field());
        assertEquals("sessionStart", refused(() -> new ScreeningSession(PRESCRIPTION, null)).field());
    }

    @Test
    @DisplayName("SR-1 SR-19 an override is refused field by field: condition, expiry (whole seconds), reason, signature")
    void overrideFields()
    {
        final String sig = "AAAA";
        final String reason = "benefit outweighs risk";
        assertEquals("condition", refused(() -> new ClinicianOverride(null, TestKeys.ADA, PRESCRIPTION, EXPIRES, reason,
            sig)).field());
        assertEquals("clinicianId", refused(() -> new ClinicianOverride(Condition.EPILEPSY, "dr ada", PRESCRIPTION,
            EXPIRES, reason, sig)).field());
        assertEquals("prescriptionId", refused(() -> new ClinicianOverride(Condition.EPILEPSY, TestKeys.ADA, null,
            EXPIRES, reason, sig)).field());
        final InvalidConfigurationException noExpiry = refused(() -> new ClinicianOverride(Condition.EPILEPSY,
            TestKeys.ADA, PRESCRIPTION, null, reason, sig));
        assertEquals("expiresAt", noExpiry.field());
        assertTrue(noExpiry.getMessage().startsWith("expiresAt of the override of EPILEPSY by dr-ada is missing"),
            noExpiry.getMessage());
        final InvalidConfigurationException fraction = refused(() -> new ClinicianOverride(Condition.EPILEPSY,
            TestKeys.ADA, PRESCRIPTION, EXPIRES.plusNanos(1), reason, sig));
        assertEquals("expiresAt", fraction.field());
        assertEquals("expiresAt = " + EXPIRES.plusNanos(1) + " of the override of EPILEPSY is not in whole seconds",
            fraction.getMessage());
        final ClinicianOverride longest = new ClinicianOverride(Condition.EPILEPSY, TestKeys.ADA, PRESCRIPTION,
            EXPIRES, "r".repeat(ClinicianOverride.MAX_REASON_LENGTH), sig);
        assertEquals(500, longest.reason().length());
        final InvalidConfigurationException tooLong = refused(() -> new ClinicianOverride(Condition.EPILEPSY,
            TestKeys.ADA, PRESCRIPTION, EXPIRES, "r".repeat(501), sig));
        assertEquals("reason", tooLong.field());
        assertEquals("reason of the override of EPILEPSY by dr-ada is not acceptable: the reason is 501 characters: at " +
            "most 500 are allowed", tooLong.getMessage());
        for (final String blank : new String[] {null, "", " "})
        {
            assertEquals("signature", refused(() -> new ClinicianOverride(Condition.EPILEPSY, TestKeys.ADA, PRESCRIPTION,
                EXPIRES, reason, blank)).field());
        }
    }

    @Test
    @DisplayName("SR-22 a skin review: patient id up to 64, the reviewed record's reference up to 128 characters without blanks")
    void skinReviewBounds()
    {
        final String session = "s".repeat(SkinReview.MAX_SESSION_LENGTH);
        final SkinReview review = new SkinReview("P".repeat(64), Placement.FEET, session, TestKeys.ADA, "healed", null);
        assertEquals("", review.signature());
        assertEquals("patientId", refused(() -> new SkinReview("P".repeat(65), Placement.FEET, session, TestKeys.ADA,
            "healed", "")).field());
        assertEquals("patientId", refused(() -> new SkinReview("P\n", Placement.FEET, session, TestKeys.ADA, "healed",
            "")).field());
        assertEquals("patientId", refused(() -> new SkinReview(" ", Placement.FEET, session, TestKeys.ADA, "healed",
            "")).field());
        assertEquals("placement", refused(() -> new SkinReview("P", null, session, TestKeys.ADA, "healed", "")).field());
        for (final String bad : new String[] {session + "s", "a b", "a\tb", "a\u0001b", "", " "})
        {
            assertEquals("session", refused(() -> new SkinReview("P", Placement.FEET, bad, TestKeys.ADA, "healed", ""))
                .field(), bad);
        }
        assertEquals("reason", refused(() -> new SkinReview("P", Placement.FEET, session, TestKeys.ADA, "two\nlines",
            "")).field());
        assertEquals("galvani-skin-review-v1\nP\nFEET\nref-1\ndr-ada\nhealed",
            new String(new SkinReview("P", Placement.FEET, "ref-1", TestKeys.ADA, "healed", "x").statement(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("SR-1 an action is as strict as itself: a maker may restate a default rule, never loosen it")
    void sameActionRestated()
    {
        for (final InterlockAction action : InterlockAction.values())
        {
            assertTrue(action.atLeastAsStrictAs(action), action.name());
        }
        assertTrue(InterlockAction.ABSOLUTE_BLOCK.atLeastAsStrictAs(InterlockAction.BLOCK_UNLESS_OVERRIDDEN));
        assertFalse(InterlockAction.BLOCK_UNLESS_OVERRIDDEN.atLeastAsStrictAs(InterlockAction.ABSOLUTE_BLOCK));
        assertFalse(InterlockAction.ALLOW.atLeastAsStrictAs(InterlockAction.ADVISORY_ACKNOWLEDGE));
        final InterlockPolicy restated = InterlockPolicy.defaults().tighten(new InterlockRule("MAKER-1",
            Condition.EPILEPSY, null, InterlockAction.BLOCK_UNLESS_OVERRIDDEN, "our neurologist asks for it too"));
        assertEquals("MAKER-1", restated.ruleFor(Condition.EPILEPSY, Placement.FEET).id());
        assertEquals("SR-1.R5", InterlockPolicy.defaults().ruleFor(Condition.EPILEPSY, Placement.FEET).id());
    }

    @Test
    @DisplayName("SR-1 the policy table names 'any' for a rule of every placement, else the placements it holds at")
    void policyTable()
    {
        final String table = InterlockPolicy.defaults().toMarkdown();
        assertTrue(table.startsWith("| rule | condition | placements | action | rationale |\n|---|---|---|---|---|\n"),
            table);
        assertTrue(table.contains("| SR-1.R1 | IMPLANTED_ELECTRONIC_DEVICE | any | ABSOLUTE_BLOCK | "), table);
        assertTrue(table.contains("| SR-1.R3 | HEART_CONDITION | FEET, LIMB_LOCAL, TRUNK_LOCAL | BLOCK_UNLESS_OVERRIDDEN | "),
            table);
        assertTrue(table.contains("| SR-1.R2 | HEART_CONDITION | HANDS, HAND_AND_FOOT, AXILLAE, ACROSS_CHEST, ACROSS_HEAD " +
            "| ABSOLUTE_BLOCK | "), table);
        assertEquals(12, InterlockPolicy.defaults().rules().size());
        assertTrue(InterlockPolicy.defaults().toString().startsWith("InterlockPolicy[InterlockRule[id=SR-1.R1"));
        assertEquals("SR-1.R1 (ABSOLUTE_BLOCK)",
            InterlockPolicy.defaults().ruleFor(Condition.IMPLANTED_ELECTRONIC_DEVICE, Placement.FEET).label());
    }

    @Test
    @DisplayName("SR-1 a field of the wrong JSON type is named with what was found, shortened after 40 characters")
    void wrongTypeShortened()
    {
        final String head = "{\"placement\": \"FEET\", \"conditions\": [], \"patientId\": ";
        final String forty = "[\"" + "a".repeat(36) + "\"]";
        assertEquals(40, forty.length());
        final InvalidConfigurationException exact = refused(() -> Screening.parse(head + forty + "}"));
        assertEquals("patientId", exact.field());
        assertTrue(exact.getMessage().endsWith("field 'patientId' must be a JSON string, found array " + forty),
            exact.getMessage());
        final String fortyOne = "[\"" + "a".repeat(37) + "\"]";
        final InvalidConfigurationException longer = refused(() -> Screening.parse(head + fortyOne + "}"));
        assertTrue(longer.getMessage().endsWith("found array " + fortyOne.substring(0, 37) + "..."),
            longer.getMessage());
        assertTrue(refused(() -> Screening.parse(head + "7}")).getMessage().endsWith("found number 7"));
    }

    @Test
    @DisplayName("SR-19 the session's start exactly at the expiry is too late; the statement parser names what is wrong")
    void bindingAndStatementMessages()
    {
        final ClinicianOverride override = ScreeningFixtures.valid(Placement.FEET, Condition.EPILEPSY);
        assertEquals(null, new ScreeningSession(PRESCRIPTION, EXPIRES.minusSeconds(1)).bindingProblem(override));
        assertEquals("it expired at " + EXPIRES + ", the session starts at " + EXPIRES + " (sign a new one)",
            new ScreeningSession(PRESCRIPTION, EXPIRES).bindingProblem(override));
        assertEquals("it is bound to prescription " + PRESCRIPTION + ", not to this session's prescription RX-9 (an " +
            "override counts for one session only: sign a new one)",
            new ScreeningSession("RX-9", Instant.EPOCH).bindingProblem(override));
        assertEquals("a version-1 override statement (not bound to a session) is not accepted",
            assertThrows(IllegalArgumentException.class, () -> OverrideStatement.parse("galvani-override-v1\nx"))
                .getMessage());
        assertEquals("not a galvani-override-v2 statement",
            assertThrows(IllegalArgumentException.class, () -> OverrideStatement.parse("hello")).getMessage());
        assertEquals("no statement",
            assertThrows(IllegalArgumentException.class, () -> OverrideStatement.parse(null)).getMessage());
        assertEquals("a galvani-override-v2 statement has 8 lines, found 7",
            assertThrows(IllegalArgumentException.class, () -> OverrideStatement.parse(
                "galvani-override-v2\n1\n2\n3\n4\n5\n6")).getMessage());
        assertEquals("'2026-12-06T18:00:00.000Z' is not in canonical form: write ISO-8601 UTC with whole seconds, e.g. " +
            "2026-12-06T18:00:00Z", assertThrows(IllegalArgumentException.class,
                () -> OverrideStatement.parseExpiry("2026-12-06T18:00:00.000Z")).getMessage());
        assertEquals(List.of(), ScreeningFixtures.evaluate(ScreeningFixtures.screening(Placement.FEET))
            .acceptedOverrides());
    }
}
