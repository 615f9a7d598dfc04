package org.galvani.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-16's authority code at its edges (PIT survivors in authority, docs/qa-campaign.md "PIT"): each refusal says
 * which of its reasons applies, in the words an operator reads; a reason of exactly the longest length is accepted
 * and one character more is not; the trusted key set answers for unknown and null clinicians without throwing;
 * only Ed25519 keys are accepted wherever a key enters.
 */
class AuthorityEdgeTest
{
    private static final byte[] MESSAGE = "galvani-test\nstatement".getBytes(StandardCharsets.UTF_8);

    private final Ed25519Authoriser authoriser = TestKeys.authoriser();

    @Test
    @DisplayName("SR-16 each refusal of the authoriser names its one reason")
    void authoriserReasons()
    {
        final byte[] signature = TestKeys.signer(TestKeys.ADA).sign(MESSAGE);
        assertEquals(AuthorisationResult.verified(TestKeys.ADA), authoriser.verify(TestKeys.ADA, MESSAGE, signature));
        assertEquals(AuthorisationResult.refused("", "no clinician named"), authoriser.verify("", MESSAGE, signature));
        assertEquals(AuthorisationResult.refused(null, "no clinician named"), authoriser.verify(null, MESSAGE, signature));
        assertEquals(AuthorisationResult.refused(TestKeys.ADA, "no signed statement"),
            authoriser.verify(TestKeys.ADA, null, signature));
        assertEquals(AuthorisationResult.refused(TestKeys.ADA, "no signature"),
            authoriser.verify(TestKeys.ADA, MESSAGE, null));
        assertEquals(AuthorisationResult.refused(TestKeys.ADA, "signature is 63 bytes: an Ed25519 signature is 64 bytes"),
            authoriser.verify(TestKeys.ADA, MESSAGE, new byte[63]));
        final byte[] tampered = MESSAGE.clone();
        tampered[0] ^= 1;
        assertEquals(AuthorisationResult.refused(TestKeys.ADA,
            "signature does not match the statement for clinician 'dr-ada'"),
            authoriser.verify(TestKeys.ADA, tampered, signature));
        // a signature whose S is out of range makes the JDK's provider throw: refused, with the provider's words
        final byte[] outOfRange = new byte[64];
        java.util.Arrays.fill(outOfRange, (byte)0xFF);
        final String malformed = authoriser.verify(TestKeys.ADA, MESSAGE, outOfRange).reason();
        assertTrue(malformed.startsWith("signature is malformed: SignatureException ") &&
            malformed.length() > "signature is malformed: SignatureException ".length(), malformed);
        assertSame(TestKeys.trusted(), authoriser.keys());
        assertThrows(NullPointerException.class, () -> new Ed25519Authoriser(null));
    }

    @Test
    @DisplayName("SR-16 an unknown clinician's id is shown shortened to one line in the refusal")
    void unknownClinicianAbbreviated()
    {
        final String longId = "dr-" + "x".repeat(60) + "\n";
        final String reason = authoriser.verify(longId, MESSAGE, new byte[64]).reason();
        assertEquals("clinician '" + ("dr-" + "x".repeat(42)) + "...' is not in the trusted clinician keys", reason);
        final String exactly48 = "y".repeat(47) + "\t";
        assertEquals("clinician '" + "y".repeat(47) + "?' is not in the trusted clinician keys",
            authoriser.verify(exactly48, MESSAGE, new byte[64]).reason());
    }

    @Test
    @DisplayName("SR-16 Base64 signatures: missing, malformed, an authoriser without an answer, one that throws")
    void base64Reasons()
    {
        final String good = TestKeys.signer(TestKeys.ADA).signBase64(MESSAGE);
        assertTrue(SignedStatements.verifyBase64(authoriser, TestKeys.ADA, MESSAGE, good).verified());
        assertEquals("no signature", SignedStatements.verifyBase64(authoriser, TestKeys.ADA, MESSAGE, "").reason());
        assertEquals("no signature", SignedStatements.verifyBase64(authoriser, TestKeys.ADA, MESSAGE, null).reason());
        assertTrue(SignedStatements.verifyBase64(authoriser, TestKeys.ADA, MESSAGE, "%%%").reason()
            .startsWith("signature is not valid Base64: "));
        // an empty signature text is refused before any authoriser is asked (even one that would accept anything)
        final Authoriser acceptsAnything = (id, message, sig) -> AuthorisationResult.verified(id);
        assertEquals(AuthorisationResult.refused(TestKeys.ADA, "no signature"),
            SignedStatements.verifyBase64(acceptsAnything, TestKeys.ADA, MESSAGE, ""));
        final AuthorisationResult silent = SignedStatements.verifyBase64((id, message, sig) -> null, TestKeys.ADA,
            MESSAGE, good);
        assertEquals(AuthorisationResult.refused(TestKeys.ADA, "authoriser gave no answer"), silent);
        final AuthorisationResult thrown = SignedStatements.verifyBase64((id, message, sig) ->
        {
            throw new IllegalStateException("key store offline");
        }, TestKeys.ADA, MESSAGE, good);
        assertEquals(AuthorisationResult.refused(TestKeys.ADA,
            "authoriser failed: java.lang.IllegalStateException: key store offline"), thrown);
    }

    @Test
    @DisplayName("SR-16 a reason of exactly the longest length is accepted, one character more is not; control characters are named by index")
    void reasonBounds()
    {
        assertNull(SignedStatements.reasonProblem("r".repeat(500), 500));
        assertEquals("the reason is 501 characters: at most 500 are allowed",
            SignedStatements.reasonProblem("r".repeat(501), 500));
        assertEquals("a non-blank reason is required", SignedStatements.reasonProblem(" \t", 500));
        assertEquals("a non-blank reason is required", SignedStatements.reasonProblem(null, 500));
        assertEquals("the reason contains a control character (line break, tab, ...) at index 0: it must be one line " +
            "of text", SignedStatements.reasonProblem("\u0007bell", 500));
        assertEquals("the reason contains a control character (line break, tab, ...) at index 4: it must be one line " +
            "of text", SignedStatements.reasonProblem("last\n", 500));
        assertNull(SignedStatements.reasonProblem("one line, ünïcode and all", 500));
    }

    @Test
    @DisplayName("SR-16 reset: a 500-character reason is authorised, 501 is not; every refusal starts 'reset refused'")
    void resetReasons()
    {
        final ResetAuthoriser resets = new ResetAuthoriser(authoriser);
        final String longest = "r".repeat(ResetAuthoriser.MAX_REASON_LENGTH);
        final String signature = TestKeys.signer(TestKeys.ADA).signBase64(ResetAuthoriser.statement(TestKeys.ADA,
            longest));
        assertEquals(AuthorisationResult.verified(TestKeys.ADA), resets.check(TestKeys.ADA, longest, signature));
        assertTrue(resets.authorise(TestKeys.ADA, longest, signature).authorised());
        final String tooLong = longest + "r";
        final String tooLongSignature = TestKeys.signer(TestKeys.ADA).signBase64(ResetAuthoriser.statement(
            TestKeys.ADA, tooLong));
        assertEquals("reset refused: the reason is 501 characters: at most 500 are allowed",
            resets.check(TestKeys.ADA, tooLong, tooLongSignature).reason());
        assertEquals("reset refused: no operator named", resets.check(" ", longest, signature).reason());
        assertEquals("reset refused: no operator named", resets.check(null, longest, signature).reason());
        assertEquals("reset refused: signature does not match the statement for clinician 'dr-bob'",
            resets.check(TestKeys.BOB, longest, signature).reason());
        assertEquals("", resets.authorise(TestKeys.ADA, null, signature).reason());
        assertEquals("", resets.authorise(null, longest, signature).operator());
        assertThrows(NullPointerException.class, () -> new ResetAuthoriser(null));
    }

    @Test
    @DisplayName("SR-16 the trusted key set answers for unknown and null clinicians without throwing")
    void trustedKeySet()
    {
        final TrustedClinicianKeys keys = TestKeys.trusted();
        assertNull(keys.keyOf(null));
        assertNull(keys.keyOf(TestKeys.MALLORY));
        assertTrue(keys.keyOf(TestKeys.ADA) != null);
        assertFalse(keys.isTrusted(null));
        assertFalse(keys.isTrusted(TestKeys.MALLORY));
        assertTrue(keys.isTrusted(TestKeys.ADA));
        assertTrue(keys.isTrusted(TestKeys.BOB));
        assertEquals(2, keys.size());
        assertEquals(List.of(TestKeys.ADA, TestKeys.BOB), List.copyOf(keys.clinicianIds()));
        assertEquals("TrustedClinicianKeys[dr-ada, dr-bob]", keys.toString());
        assertThrows(UnsupportedOperationException.class, () -> keys.clinicianIds().remove(TestKeys.ADA));
    }

    @Test
    @DisplayName("SR-16 a key set in memory: empty, null, a missing key and a key not Ed25519 are refused naming the entry")
    void keySetOfMap() throws NoSuchAlgorithmException
    {
        assertEquals("clinicians", assertThrows(InvalidConfigurationException.class,
            () -> TrustedClinicianKeys.of(Map.of())).field());
        assertEquals("clinicians", assertThrows(InvalidConfigurationException.class,
            () -> TrustedClinicianKeys.of(null)).field());
        final Map<String, PublicKey> missing = new HashMap<>();
        missing.put("dr-x", null);
        final InvalidConfigurationException none = assertThrows(InvalidConfigurationException.class,
            () -> TrustedClinicianKeys.of(missing));
        assertEquals("clinicians[dr-x].publicKey", none.field());
        assertEquals("clinicians[dr-x].publicKey is missing: only Ed25519 keys are allowed", none.getMessage());
        for (final String algorithm : new String[] {"RSA", "Ed448"})
        {
            final PublicKey key = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic();
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                () -> TrustedClinicianKeys.of(Map.of("dr-x", key)));
            assertEquals("clinicians[dr-x].publicKey is a " + algorithm + " key: only Ed25519 keys are allowed",
                ex.getMessage());
        }
        final InvalidConfigurationException badId = assertThrows(InvalidConfigurationException.class,
            () -> TrustedClinicianKeys.of(Map.of("dr x", TestKeys.trusted().keyOf(TestKeys.ADA))));
        assertEquals("clinicians[dr x].id", badId.field());
        assertEquals(1, TrustedClinicianKeys.of(Map.of("a", TestKeys.trusted().keyOf(TestKeys.ADA))).size());
    }

    @Test
    @DisplayName("SR-16 a trusted key document: a missing or null id or key, or one of the wrong JSON type, is named in words")
    void keyDocumentMessages()
    {
        final String key = TestKeys.pair(TestKeys.ADA).publicKeyBase64();
        final String missingId = "clinicians[0].id is missing: a clinician id (" + TrustedClinicianKeys.ID_PATTERN_TEXT +
            ") is required";
        for (final String entry : new String[] {"{\"publicKey\": \"" + key + "\"}",
            "{\"id\": null, \"publicKey\": \"" + key + "\"}"})
        {
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                () -> TrustedClinicianKeys.parse("{\"clinicians\": [" + entry + "]}"));
            assertEquals("clinicians[0].id", ex.field());
            assertEquals(missingId, ex.getMessage());
        }
        final InvalidConfigurationException number = assertThrows(InvalidConfigurationException.class,
            () -> TrustedClinicianKeys.parse("{\"clinicians\": [{\"id\": 7, \"publicKey\": \"" + key + "\"}]}"));
        assertEquals("field 'clinicians[0].id' must be a JSON string, found number", number.getMessage());
        final String missingKey = "clinicians[0].publicKey (dr-ada) is missing: a Base64 X.509 Ed25519 public key is " +
            "required";
        for (final String entry : new String[] {"{\"id\": \"dr-ada\"}", "{\"id\": \"dr-ada\", \"publicKey\": null}"})
        {
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                () -> TrustedClinicianKeys.parse("{\"clinicians\": [" + entry + "]}"));
            assertEquals("clinicians[0].publicKey", ex.field());
            assertEquals(missingKey, ex.getMessage());
        }
        assertEquals(TestKeys.trusted().keyOf(TestKeys.ADA), TrustedClinicianKeys.parse("{\"clinicians\": [{\"id\": " +
            "\"dr-ada\", \"publicKey\": \"" + key + "\"}]}").keyOf(TestKeys.ADA));
    }

    @Test
    @DisplayName("SR-16 clinician ids: 1 to 64 characters of the allowed alphabet; a missing id and a long bad one are named")
    void clinicianIds()
    {
        TrustedClinicianKeys.requireId("id", "a");
        TrustedClinicianKeys.requireId("id", "A" + "b".repeat(63));
        final InvalidConfigurationException tooLong = assertThrows(InvalidConfigurationException.class,
            () -> TrustedClinicianKeys.requireId("id", "A" + "b".repeat(64)));
        assertEquals("id", tooLong.field());
        assertEquals("id = \"A" + "b".repeat(44) + "...\" is not a valid clinician id: allowed " +
            TrustedClinicianKeys.ID_PATTERN_TEXT, tooLong.getMessage());
        assertEquals("id is missing: a clinician id (" + TrustedClinicianKeys.ID_PATTERN_TEXT + ") is required",
            assertThrows(InvalidConfigurationException.class, () -> TrustedClinicianKeys.requireId("id", null))
                .getMessage());
        assertEquals("k is missing: a Base64 X.509 Ed25519 public key is required",
            assertThrows(InvalidConfigurationException.class, () -> TrustedClinicianKeys.decodePublicKey("k", " "))
                .getMessage());
        assertEquals("k is missing: a Base64 X.509 Ed25519 public key is required",
            assertThrows(InvalidConfigurationException.class, () -> TrustedClinicianKeys.decodePublicKey("k", null))
                .getMessage());
    }

    @Test
    @DisplayName("SR-16 a signer takes only an Ed25519 private key; its key signs what the public half verifies")
    void signerKeys() throws NoSuchAlgorithmException
    {
        for (final String algorithm : new String[] {"RSA", "Ed448"})
        {
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                () -> Ed25519Signer.of(KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPrivate()));
            assertEquals("privateKey", ex.field());
            assertEquals("privateKey is a " + algorithm + " key: only Ed25519 keys are allowed", ex.getMessage());
        }
        final Ed25519Signer ada = TestKeys.signer(TestKeys.ADA);
        final Ed25519Signer again = Ed25519Signer.of(ada.privateKey());
        assertTrue(authoriser.verify(TestKeys.ADA, MESSAGE, again.sign(MESSAGE)).verified());
        assertEquals(Base64.getEncoder().encodeToString(ada.sign(MESSAGE)), again.signBase64(MESSAGE),
            "Ed25519 is deterministic: the same key signs the same bytes alike");
        final Ed25519Signer.EncodedKeyPair pair = Ed25519Signer.generate();
        final Ed25519Signer crlf = Ed25519Signer.fromText("# key\r\n" + pair.privateKeyBase64() + "\r\n", "key");
        final TrustedClinicianKeys keys = TrustedClinicianKeys.of(Map.of("dr-new",
            TrustedClinicianKeys.decodePublicKey("k", pair.publicKeyBase64())));
        assertTrue(new Ed25519Authoriser(keys).verify("dr-new", MESSAGE, crlf.sign(MESSAGE)).verified());
        assertTrue(assertThrows(InvalidConfigurationException.class, () -> Ed25519Signer.fromText("  \n# c\n", "key file"))
            .getMessage().startsWith("key file holds no key"));
    }
}
