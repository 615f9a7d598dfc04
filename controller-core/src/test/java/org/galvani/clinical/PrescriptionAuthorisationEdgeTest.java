package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-16 an envelope whose authorisation lacks the clinician or the signature (PIT survivors of
 * {@code PrescriptionFile.verify}, docs/qa-campaign.md "PIT"): each missing one alone is refused with the one reason
 * naming both fields — not a NullPointerException — and the plan is not authorised, as is a blank clinician; an
 * authoriser that gives no answer refuses with a reason; a document that is not a JSON object is refused as such;
 * the signer's inputs ({@code PrescriptionSigner.signFile}, {@code privateKey}).
 */
class PrescriptionAuthorisationEdgeTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @Test
    @DisplayName("SR-16 an authorisation without clinicianId, or without signature, is refused naming both fields")
    void missingClinicianOrSignature() throws Exception
    {
        final TestEd25519Authoriser trusted = TestEd25519Authoriser.fromTrustedClinicians(
            EXAMPLES.resolve("trusted-clinicians.json"));
        final PrivateKey key = PrescriptionSigner.readPrivateKey(EXAMPLES.resolve("demo-clinician.key"));
        final JsonNode rx = StrictJson.tree(Files.readAllBytes(EXAMPLES.resolve("prescription-hyperhidrosis.json")),
            "t").get("prescription");
        final ObjectNode good = PrescriptionSigner.envelope(rx, "demo-clinician", key);
        assertTrue(PrescriptionFile.read(StrictJson.mapper().writeValueAsBytes(good), trusted, "t").authorisation()
            .verified(), "the unchanged envelope verifies");
        for (final String field : new String[] {"clinicianId", "signature"})
        {
            final ObjectNode envelope = PrescriptionSigner.envelope(rx, "demo-clinician", key);
            ((ObjectNode)envelope.get("authorisation")).remove(field);
            final SignedPrescription signed = PrescriptionFile.read(StrictJson.mapper().writeValueAsBytes(envelope),
                trusted, "t");
            assertFalse(signed.authorisation().verified(), field);
            assertEquals("authorisation.clinicianId and authorisation.signature are both required",
                signed.authorisation().reason(), field);
        }
        final ObjectNode blank = PrescriptionSigner.envelope(rx, "demo-clinician", key);
        ((ObjectNode)blank.get("authorisation")).put("clinicianId", "   ");
        final SignedPrescription blankSigned = PrescriptionFile.read(StrictJson.mapper().writeValueAsBytes(blank),
            trusted, "t");
        assertFalse(blankSigned.authorisation().verified(), "blank clinicianId");
        assertEquals("authorisation.clinicianId and authorisation.signature are both required",
            blankSigned.authorisation().reason(), "blank clinicianId");
    }

    @Test
    @DisplayName("SR-16 an authoriser that gives no answer: the prescription is read, refused with the reason, never a null result")
    void authoriserWithoutAnswer() throws Exception
    {
        final PrivateKey key = PrescriptionSigner.readPrivateKey(EXAMPLES.resolve("demo-clinician.key"));
        final JsonNode rx = StrictJson.tree(Files.readAllBytes(EXAMPLES.resolve("prescription-hyperhidrosis.json")),
            "t").get("prescription");
        final SignedPrescription signed = PrescriptionFile.read(StrictJson.mapper().writeValueAsBytes(
            PrescriptionSigner.envelope(rx, "demo-clinician", key)), (clinicianId, message, signature) -> null, "t");
        assertFalse(signed.authorisation().verified());
        assertEquals("demo-clinician", signed.authorisation().clinicianId());
        assertEquals("authoriser returned no result", signed.authorisation().reason());
    }

    @Test
    @DisplayName("SR-16 a prescription document that is not a JSON object is refused as such, naming what it is")
    void notAnObject()
    {
        for (final String[] doc : new String[][] {{"[]", "ARRAY"}, {"[{\"prescription\": {}}]", "ARRAY"},
            {"\"prescription\"", "STRING"}, {"42", "NUMBER"}})
        {
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                () -> PrescriptionFile.read(doc[0].getBytes(StandardCharsets.UTF_8), (c, m, s) -> null, "t"), doc[0]);
            assertEquals("prescription", ex.field(), doc[0]);
            assertEquals("t must be a JSON object with fields prescription and authorisation, got " + doc[1],
                ex.getMessage(), doc[0]);
        }
    }

    @Test
    @DisplayName("SR-16 signing an already signed envelope re-signs its prescription (not the envelope); a key's text gives the same key as its file")
    void signerInputs(@TempDir final Path dir) throws Exception
    {
        final TestEd25519Authoriser trusted = TestEd25519Authoriser.fromTrustedClinicians(
            EXAMPLES.resolve("trusted-clinicians.json"));
        final PrivateKey key = PrescriptionSigner.readPrivateKey(EXAMPLES.resolve("demo-clinician.key"));
        assertEquals(key, PrescriptionSigner.privateKey(Files.readString(EXAMPLES.resolve("demo-clinician.key"))));
        final Path envelope = dir.resolve("signed.json");
        Files.write(envelope, Files.readAllBytes(EXAMPLES.resolve("prescription-hyperhidrosis.json")));
        final byte[] again = PrescriptionSigner.signFile(envelope, "demo-clinician", key);
        final JsonNode tree = StrictJson.tree(again, "t");
        assertFalse(tree.get("prescription").has("prescription"), "not nested");
        assertEquals(StrictJson.tree(Files.readAllBytes(EXAMPLES.resolve("prescription-hyperhidrosis.json")), "t")
            .get("prescription"), tree.get("prescription"));
        assertTrue(PrescriptionFile.read(again, trusted, "t").authorisation().verified());
    }
}
