package org.galvani.authority;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.galvani.session.ResetAuthorisation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResetAuthoriserTest
{
    private static final String REASON = "electrode re-seated, skin checked";

    private final ResetAuthoriser resets = new ResetAuthoriser(TestKeys.authoriser());

    private static String sign(final String signer, final String operator, final String reason)
    {
        return TestKeys.signer(signer).signBase64(ResetAuthoriser.statement(operator, reason));
    }

    @Test
    @DisplayName("SR-16 the canonical reset statement is 'galvani-reset-v1', operator, reason on three lines")
    void canonicalStatement()
    {
        assertArrayEquals("galvani-reset-v1\ndr-ada\nelectrode re-seated".getBytes(StandardCharsets.UTF_8),
            ResetAuthoriser.statement("dr-ada", "electrode re-seated"));
    }

    @Test
    @DisplayName("SR-16 a reset signed by a trusted operator with a reason is authorised")
    void authorised()
    {
        final ResetAuthorisation reset = resets.authorise(TestKeys.ADA, REASON, sign(TestKeys.ADA, TestKeys.ADA,
            REASON));
        assertEquals(new ResetAuthorisation(TestKeys.ADA, REASON, true), reset);
    }

    @Test
    @DisplayName("SR-16 a reset by an untrusted operator is not authorised")
    void untrustedOperator()
    {
        final String signature = sign(TestKeys.MALLORY, TestKeys.MALLORY, REASON);
        assertFalse(resets.authorise(TestKeys.MALLORY, REASON, signature).authorised());
        assertTrue(resets.check(TestKeys.MALLORY, REASON, signature).reason().contains("not in the trusted"));
    }

    @Test
    @DisplayName("SR-16 a reset without a reason is not authorised, even when the signature covers it")
    void blankReason()
    {
        for (final String reason : new String[] {"", "   ", null, "two\nlines"})
        {
            final String signature = sign(TestKeys.ADA, TestKeys.ADA, String.valueOf(reason));
            final ResetAuthorisation reset = resets.authorise(TestKeys.ADA, reason, signature);
            assertFalse(reset.authorised(), String.valueOf(reason));
            assertFalse(resets.check(TestKeys.ADA, reason, signature).reason().isBlank());
        }
        assertTrue(resets.check(TestKeys.ADA, " ", sign(TestKeys.ADA, TestKeys.ADA, " ")).reason()
            .contains("non-blank reason"));
    }

    @Test
    @DisplayName("SR-16 a reset whose reason or operator was changed after signing is not authorised")
    void tampered()
    {
        final String signature = sign(TestKeys.ADA, TestKeys.ADA, REASON);
        assertFalse(resets.authorise(TestKeys.ADA, REASON + ".", signature).authorised());
        assertFalse(resets.authorise(TestKeys.BOB, REASON, signature).authorised());
        assertFalse(resets.authorise(TestKeys.ADA, REASON, sign(TestKeys.BOB, TestKeys.ADA, REASON)).authorised());
    }

    @Test
    @DisplayName("SR-16 missing operator, malformed or missing signature: not authorised, never thrown")
    void malformed()
    {
        assertFalse(resets.authorise(null, REASON, "AAAA").authorised());
        assertFalse(resets.authorise("", REASON, "AAAA").authorised());
        assertFalse(resets.authorise(TestKeys.ADA, REASON, null).authorised());
        assertFalse(resets.authorise(TestKeys.ADA, REASON, "").authorised());
        assertFalse(resets.authorise(TestKeys.ADA, REASON, "%%%").authorised());
        assertEquals("", resets.authorise(null, null, null).operator());
    }
}
