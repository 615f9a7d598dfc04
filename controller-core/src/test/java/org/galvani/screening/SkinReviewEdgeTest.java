package org.galvani.screening;

import static org.galvani.screening.ScreeningFixtures.PATIENT;
import static org.galvani.screening.ScreeningFixtures.SESSION;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.galvani.authority.TestKeys;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.session.SkinGrade;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-22 at its edges (PIT survivors of {@link SkinReview}, {@link SkinOutcome}, {@link SkinGate} and the skin part
 * of {@link ScreeningResult#summary()}, docs/qa-campaign.md "PIT"): a review's fields refused one by one with the
 * field named, each length limit inclusive; the file form's messages name the document; the gate's verdict and the
 * summary say which check blocks, why each offered review did not count, and who reviewed.
 */
class SkinReviewEdgeTest
{
    private static final String REF = "513900000123:9f86d081884c7d659a2feaa0c55ad015";
    private static final String REASON = "blister healed";

    private static InvalidConfigurationException refused(final org.junit.jupiter.api.function.Executable executable)
    {
        return assertThrows(InvalidConfigurationException.class, executable);
    }

    private static SkinReview review(final String patientId, final Placement placement, final String session)
    {
        return new SkinReview(patientId, placement, session, TestKeys.ADA, REASON, "");
    }

    private static SkinReview signed(final String signer, final String patientId, final Placement placement,
        final String session)
    {
        final SkinReview unsigned = review(patientId, placement, session);
        return unsigned.withSignature(TestKeys.signer(signer).signBase64(unsigned.statement()));
    }

    @Test
    @DisplayName("SR-22 a review's patient id: 1 .. 64 characters, no control characters; the field named")
    void patientIdBounds()
    {
        assertEquals("P".repeat(64), review("P".repeat(64), Placement.FEET, REF).patientId());
        final String message = "patientId is missing or not acceptable: 1..64 characters, no control characters";
        for (final String bad : new String[] {null, "", "  ", "P".repeat(65), "P\u0007"})
        {
            final InvalidConfigurationException ex = refused(() -> review(bad, Placement.FEET, REF));
            assertEquals("patientId", ex.field());
            assertEquals(message, ex.getMessage());
        }
        final InvalidConfigurationException placement = refused(() -> review(PATIENT, null, REF));
        assertEquals("placement", placement.field());
        assertTrue(placement.getMessage().startsWith("placement is missing: allowed [HANDS"), placement.getMessage());
    }

    @Test
    @DisplayName("SR-22 a review's session reference: 1 .. 128 characters without blanks or control characters")
    void sessionBounds()
    {
        assertEquals("s".repeat(128), review(PATIENT, Placement.FEET, "s".repeat(128)).session());
        for (final String bad : new String[] {null, "", "s".repeat(129), "a b", "a\tb", "a\u0001b"})
        {
            final InvalidConfigurationException ex = refused(() -> review(PATIENT, Placement.FEET, bad));
            assertEquals("session", ex.field());
            assertTrue(ex.getMessage().startsWith("session is missing or not acceptable: the reviewed skin check's " +
                "reference, 1..128 characters without blanks"), ex.getMessage());
        }
    }

    @Test
    @DisplayName("SR-22 a review's clinician and reason are checked; a missing signature is kept as empty text")
    void clinicianReasonSignature()
    {
        assertEquals("clinicianId", refused(() -> new SkinReview(PATIENT, Placement.FEET, REF, "dr ada", REASON, ""))
            .field());
        final InvalidConfigurationException reason = refused(() -> new SkinReview(PATIENT, Placement.FEET, REF,
            TestKeys.ADA, "r".repeat(SkinReview.MAX_REASON_LENGTH + 1), ""));
        assertEquals("reason", reason.field());
        assertTrue(reason.getMessage().startsWith("reason of the skin review is not acceptable: "), reason.getMessage());
        assertEquals("r".repeat(500), new SkinReview(PATIENT, Placement.FEET, REF, TestKeys.ADA, "r".repeat(500), null)
            .reason());
        assertEquals("", new SkinReview(PATIENT, Placement.FEET, REF, TestKeys.ADA, REASON, null).signature());
        final SkinReview review = review(PATIENT, Placement.FEET, REF);
        assertArrayEquals(("galvani-skin-review-v1\nP-0042\nFEET\n" + REF + "\ndr-ada\nblister healed")
            .getBytes(StandardCharsets.UTF_8), review.statement());
        assertEquals("c2ln", review.withSignature("c2ln").signature());
        assertEquals(review.reason(), review.withSignature("c2ln").reason());
    }

    @Test
    @DisplayName("SR-22 the file form: a missing or blank signature, a wrong type, a bad field, each named with the document (and the file's name)")
    void fileForm(@TempDir final Path dir) throws Exception
    {
        final String good = "{\"patientId\": \"P-0042\", \"placement\": \"FEET\", \"session\": \"" + REF + "\", " +
            "\"clinicianId\": \"dr-ada\", \"reason\": \"blister healed\", \"signature\": \"c2ln\"}";
        final SkinReview parsed = SkinReview.parse(good.getBytes(StandardCharsets.UTF_8));
        assertEquals(new SkinReview(PATIENT, Placement.FEET, REF, TestKeys.ADA, REASON, "c2ln"), parsed);
        final Path file = dir.resolve("review-1.json");
        Files.writeString(file, good);
        assertEquals(parsed, SkinReview.load(file));

        for (final String signature : new String[] {"", "\"signature\": null, ", "\"signature\": \"  \", "})
        {
            final String json = "{" + signature + "\"patientId\": \"P-0042\", \"placement\": \"FEET\", \"session\": \"" +
                REF + "\", \"clinicianId\": \"dr-ada\", \"reason\": \"blister healed\"}";
            final InvalidConfigurationException ex = refused(() -> SkinReview.parse(json.getBytes(StandardCharsets.UTF_8)));
            assertEquals("signature", ex.field());
            assertEquals("skin review: signature is missing: a Base64 Ed25519 signature over the skin review statement " +
                "is required (galvani sign-skin-review)", ex.getMessage());
        }
        final InvalidConfigurationException type = refused(() -> SkinReview.parse(good.replace("\"P-0042\"", "42")
            .getBytes(StandardCharsets.UTF_8)));
        assertEquals("patientId", type.field());
        assertEquals("skin review: field 'patientId' must be a JSON string, found number 42", type.getMessage());
        Files.writeString(file, good.replace(REF, "a b"));
        final InvalidConfigurationException loaded = refused(() -> SkinReview.load(file));
        assertEquals("session", loaded.field());
        assertTrue(loaded.getMessage().startsWith("skin review (review-1.json): session is missing or not acceptable"),
            loaded.getMessage());
    }

    @Test
    @DisplayName("SR-22 a skin outcome needs patient, placement, grade and a non-blank reference; a missing note is empty")
    void skinOutcome()
    {
        assertEquals("", new SkinOutcome(PATIENT, Placement.FEET, SkinGrade.NONE, null, REF).note());
        assertEquals("red", new SkinOutcome(PATIENT, Placement.FEET, SkinGrade.NONE, "red", REF).note());
        for (final Runnable bad : List.<Runnable>of(
            () -> new SkinOutcome(null, Placement.FEET, SkinGrade.NONE, "", REF),
            () -> new SkinOutcome(PATIENT, null, SkinGrade.NONE, "", REF),
            () -> new SkinOutcome(PATIENT, Placement.FEET, null, "", REF),
            () -> new SkinOutcome(PATIENT, Placement.FEET, SkinGrade.NONE, "", null),
            () -> new SkinOutcome(PATIENT, Placement.FEET, SkinGrade.NONE, "", " ")))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, bad::run);
            assertEquals("a skin outcome needs patientId, placement, grade and reference", ex.getMessage());
        }
    }

    @Test
    @DisplayName("SR-22 the gate: no history, a grade that needs no review, a burn blocked until a verified review of exactly that check, each refused review named")
    void gateVerdicts()
    {
        final Screening feet = ScreeningFixtures.screening(Placement.FEET);
        final SkinGate.Verdict nothing = SkinGate.judge(feet, SkinHistory.NONE, List.of(), TestKeys.authoriser());
        assertNull(nothing.last());
        assertFalse(nothing.blocked());
        assertEquals("no skin check recorded for patient P-0042 at FEET", nothing.detail());

        final SkinOutcome red = new SkinOutcome(PATIENT, Placement.FEET, SkinGrade.ERYTHEMA, "", REF);
        final SkinGate.Verdict mild = SkinGate.judge(feet, (p, s) -> red, List.of(), TestKeys.authoriser());
        assertFalse(mild.blocked());
        assertEquals(red, mild.last());
        assertEquals("last skin check of patient P-0042 at FEET (" + REF + "): erythema", mild.detail());

        final SkinOutcome burn = new SkinOutcome(PATIENT, Placement.FEET, SkinGrade.BLISTER_OR_BURN, "left heel", REF);
        final SkinHistory history = (p, s) -> p.equals(PATIENT) && s == Placement.FEET ? burn : null;
        final String found = "last skin check of patient P-0042 at FEET (" + REF + "): blister-or-burn \"left heel\"";
        final String how = ": sign one with galvani sign-skin-review --patient P-0042 --placement FEET --session " + REF;
        final SkinGate.Verdict blocked = SkinGate.judge(feet, history, List.of(), TestKeys.authoriser());
        assertTrue(blocked.blocked());
        assertEquals(found + "; no verified clinician review of it" + how, blocked.detail());

        final List<SkinReview> wrong = List.of(
            signed(TestKeys.ADA, "P-0043", Placement.FEET, REF),
            signed(TestKeys.ADA, PATIENT, Placement.HANDS, REF),
            signed(TestKeys.ADA, PATIENT, Placement.FEET, "other"),
            signed(TestKeys.MALLORY, PATIENT, Placement.FEET, REF));
        final SkinGate.Verdict refused = SkinGate.judge(feet, history, wrong, TestKeys.authoriser());
        assertTrue(refused.blocked());
        assertTrue(refused.detail().startsWith(found + "; no verified clinician review of it (the review by dr-ada is " +
            "for patient P-0043 at FEET; the review by dr-ada is for patient P-0042 at HANDS; the review by dr-ada is " +
            "of another skin check (other); the review by dr-ada is refused: "), refused.detail());
        assertTrue(refused.detail().endsWith(")" + how), refused.detail());

        final List<SkinReview> withGood = new java.util.ArrayList<>(wrong);
        withGood.add(signed(TestKeys.ADA, PATIENT, Placement.FEET, REF));
        final SkinGate.Verdict reviewed = SkinGate.judge(feet, history, withGood, TestKeys.authoriser());
        assertFalse(reviewed.blocked());
        assertEquals(found + "; reviewed by dr-ada: \"blister healed\"", reviewed.detail());
    }

    @Test
    @DisplayName("SR-1 SR-22 the summary: a skin block comes first and makes the session NOT armable; a passed or reviewed check is listed last; none without history")
    void summaryWithSkin()
    {
        final Screening feet = ScreeningFixtures.screening(Placement.FEET);
        final SkinOutcome burn = new SkinOutcome(PATIENT, Placement.FEET, SkinGrade.BLISTER_OR_BURN, "", REF);
        final ScreeningResult blocked = ScreeningEvaluator.evaluate(feet, InterlockPolicy.defaults(),
            TestKeys.authoriser(), SESSION, (p, s) -> burn, List.of());
        assertFalse(blocked.armable());
        assertTrue(blocked.blockedBySkin());
        assertTrue(blocked.skin().blocked());
        assertTrue(blocked.summary().startsWith("SR-1 screening of patient P-0042, placement FEET: NOT armable, no " +
            "contraindication present | blocked: SKIN-REVIEW by SR-22 - last skin check"), blocked.summary());
        assertFalse(blocked.summary().contains(" | skin: "), "a blocking check is listed once, as the block");
        assertFalse(blocked.toDecision().armable());
        assertEquals(blocked.summary(), blocked.toDecision().summary());

        final ScreeningResult reviewed = ScreeningEvaluator.evaluate(feet, InterlockPolicy.defaults(),
            TestKeys.authoriser(), SESSION, (p, s) -> burn, List.of(signed(TestKeys.ADA, PATIENT, Placement.FEET, REF)));
        assertTrue(reviewed.armable());
        assertFalse(reviewed.blockedBySkin());
        assertTrue(reviewed.summary().startsWith("SR-1 screening of patient P-0042, placement FEET: armable, no " +
            "contraindication present | skin: SKIN-REVIEW by SR-22 - last skin check"), reviewed.summary());
        assertTrue(reviewed.summary().endsWith("reviewed by dr-ada: \"blister healed\""), reviewed.summary());

        final ScreeningResult noHistory = ScreeningEvaluator.evaluate(feet, InterlockPolicy.defaults(),
            TestKeys.authoriser(), SESSION, SkinHistory.NONE, List.of());
        assertEquals("SR-1 screening of patient P-0042, placement FEET: armable, no contraindication present",
            noHistory.summary());
        assertFalse(noHistory.blockedBySkin());
        assertNull(noHistory.skin().last());
        assertNull(ScreeningFixtures.evaluate(feet).skin(), "no history consulted: no verdict");
        assertFalse(ScreeningFixtures.evaluate(feet).blockedBySkin());
    }
}
