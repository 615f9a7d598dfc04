package org.galvani.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Ed25519AuthoriserTest
{
    private static final byte[] MESSAGE =
        "galvani-reset-v1\ndr-ada\nelectrode re-seated".getBytes(StandardCharsets.UTF_8);

    private final Ed25519Authoriser authoriser = TestKeys.authoriser();
    private final byte[] signature = TestKeys.signer(TestKeys.ADA).sign(MESSAGE);

    @Test
    @DisplayName("SR-16 a valid signature by a trusted clinician verifies")
    void valid()
    {
        final AuthorisationResult result = authoriser.verify(TestKeys.ADA, MESSAGE, signature);
        assertTrue(result.verified(), result.reason());
        assertEquals(TestKeys.ADA, result.clinicianId());
        assertEquals(64, signature.length);
    }

    @Test
    @DisplayName("SR-16 a tampered message is refused")
    void tamperedMessage()
    {
        final byte[] tampered = MESSAGE.clone();
        tampered[tampered.length - 1] ^= 1;
        final AuthorisationResult result = authoriser.verify(TestKeys.ADA, tampered, signature);
        assertFalse(result.verified());
        assertTrue(result.reason().contains("does not match"), result.reason());
    }

    @Test
    @DisplayName("SR-16 a tampered signature is refused without an exception")
    void tamperedSignature()
    {
        for (int i = 0; i < signature.length; i++)
        {
            final byte[] tampered = signature.clone();
            tampered[i] ^= (byte)0x80;
            assertFalse(authoriser.verify(TestKeys.ADA, MESSAGE, tampered).verified(), "byte " + i);
        }
    }

    @Test
    @DisplayName("SR-16 a signature by another trusted clinician's key does not verify for this clinician")
    void wrongKey()
    {
        final byte[] bobs = TestKeys.signer(TestKeys.BOB).sign(MESSAGE);
        assertFalse(authoriser.verify(TestKeys.ADA, MESSAGE, bobs).verified());
        assertTrue(authoriser.verify(TestKeys.BOB, MESSAGE, bobs).verified());
    }

    @Test
    @DisplayName("SR-16 an unknown clinician is refused and the reason names them")
    void unknownClinician()
    {
        final byte[] mallorys = TestKeys.signer(TestKeys.MALLORY).sign(MESSAGE);
        final AuthorisationResult result = authoriser.verify(TestKeys.MALLORY, MESSAGE, mallorys);
        assertFalse(result.verified());
        assertTrue(result.reason().contains("dr-mallory") && result.reason().contains("not in the trusted"),
            result.reason());
    }

    @Test
    @DisplayName("SR-16 empty, short, long, all-zero and null signatures are refused, never thrown")
    void malformedSignatures()
    {
        final byte[][] bad = {
            new byte[0], new byte[63], new byte[65], new byte[64], Arrays.copyOf(signature, 32), null,
            filled(64, (byte)0xFF),
        };
        for (final byte[] sig : bad)
        {
            final AuthorisationResult result = authoriser.verify(TestKeys.ADA, MESSAGE, sig);
            assertFalse(result.verified(), String.valueOf(sig == null ? null : sig.length));
            assertFalse(result.reason().isBlank());
        }
        assertTrue(authoriser.verify(TestKeys.ADA, MESSAGE, new byte[10]).reason().contains("10 bytes"));
        assertTrue(authoriser.verify(TestKeys.ADA, MESSAGE, new byte[0]).reason().contains("no signature"));
    }

    @Test
    @DisplayName("SR-16 null clinician and null message are refused, never thrown")
    void nullInputs()
    {
        assertFalse(authoriser.verify(null, MESSAGE, signature).verified());
        assertFalse(authoriser.verify("", MESSAGE, signature).verified());
        assertFalse(authoriser.verify(TestKeys.ADA, null, signature).verified());
    }

    @Test
    @DisplayName("SR-16 malformed or empty Base64 signature text is refused, never thrown")
    void malformedBase64()
    {
        final String good = Base64.getEncoder().encodeToString(signature);
        assertTrue(SignedStatements.verifyBase64(authoriser, TestKeys.ADA, MESSAGE, good).verified());
        for (final String text : new String[] {"", null, "!!!not base64!!!", good.substring(1), good + "A",
            "-" + good.substring(1), " " + good, "AAAA"})
        {
            final AuthorisationResult result = SignedStatements.verifyBase64(authoriser, TestKeys.ADA, MESSAGE, text);
            assertFalse(result.verified(), text);
            assertFalse(result.reason().isBlank());
        }
    }

    @Test
    @DisplayName("SR-16 an authoriser that throws is turned into a refusal")
    void throwingAuthoriser()
    {
        final Authoriser broken = (id, message, sig) ->
        {
            throw new IllegalStateException("boom");
        };
        final AuthorisationResult result = SignedStatements.verifyBase64(broken, TestKeys.ADA, MESSAGE,
            Base64.getEncoder().encodeToString(signature));
        assertFalse(result.verified());
        assertTrue(result.reason().contains("boom"));
    }

    private static byte[] filled(final int length, final byte value)
    {
        final byte[] bytes = new byte[length];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
