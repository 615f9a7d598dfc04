package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.galvani.session.SessionPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Signed prescription envelopes (SR-16): the committed examples verify with the demo clinician's public
 * key, tampering is detected, and hostile documents are refused with the field named.
 */
class PrescriptionFileTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    private static TestEd25519Authoriser trusted;
    private static PrivateKey demoKey;

    @BeforeAll
    static void keys() throws Exception
    {
        trusted = TestEd25519Authoriser.fromTrustedClinicians(EXAMPLES.resolve("trusted-clinicians.json"));
        demoKey = PrescriptionSigner.readPrivateKey(EXAMPLES.resolve("demo-clinician.key"));
    }

    private static PrescriptionValidator validator()
    {
        return new PrescriptionValidator(DeviceLimits.read(EXAMPLES.resolve("device-limits.json")),
            ProtocolCatalogue.builtIn());
    }

    private static byte[] example(final String name) throws Exception
    {
        return Files.readAllBytes(EXAMPLES.resolve(name));
    }

    @ParameterizedTest(name = "SR-16 example {0} verifies with the demo clinician key and validates")
    @CsvSource({"prescription-hyperhidrosis.json", "prescription-dexamethasone.json"})
    void examplesVerify(final String name)
    {
        final SignedPrescription signed = PrescriptionFile.read(EXAMPLES.resolve(name), trusted);
        assertTrue(signed.authorisation().verified(), signed.authorisation().reason());
        assertEquals("demo-clinician", signed.authorisation().clinicianId());
        final SessionPlan plan = validator().validate(signed);
        assertTrue(plan.authorised());
    }

    @Test
    @DisplayName("SR-16 the example plans: hyperhidrosis titration 20 min with reversal; dexamethasone 4 mA 40 mA·min")
    void examplePlans()
    {
        final SessionPlan hh = validator().validate(
            PrescriptionFile.read(EXAMPLES.resolve("prescription-hyperhidrosis.json"), trusted));
        assertEquals(18_000.0, hh.capUa());
        assertTrue(hh.reverseAtHalfTime());
        assertEquals(20 * 60_000_000_000L, hh.durationNs());
        final SessionPlan dex = validator().validate(
            PrescriptionFile.read(EXAMPLES.resolve("prescription-dexamethasone.json"), trusted));
        assertEquals(4_000.0, dex.capUa());
        assertEquals(40 * 60_000.0, dex.doseTargetUc());
        assertTrue(dex.startReversed());
    }

    @Test
    @DisplayName("SR-16 the demo key pair matches: a fresh signature by the demo private key verifies")
    void demoKeyPairMatches() throws Exception
    {
        final JsonNode rx = StrictJson.tree(example("prescription-hyperhidrosis.json"), "t").get("prescription");
        final ObjectNode envelope = PrescriptionSigner.envelope(rx, "demo-clinician", demoKey);
        assertTrue(PrescriptionFile.read(bytes(envelope), trusted, "t").authorisation().verified());
        assertTrue(Files.readString(EXAMPLES.resolve("demo-clinician.key"))
            .startsWith("# DEMO KEY - for the simulator only, never on a device\n"));
    }

    @Test
    @DisplayName("SR-16 a value changed after signing is not authorised, and the plan says so")
    void tamperedNotAuthorised() throws Exception
    {
        final String text = new String(example("prescription-hyperhidrosis.json"), StandardCharsets.UTF_8);
        final String tampered = text.replace("\"capCurrentMa\" : 18.0", "\"capCurrentMa\" : 25.0");
        assertFalse(text.equals(tampered));
        final SignedPrescription signed = PrescriptionFile.read(tampered.getBytes(StandardCharsets.UTF_8), trusted, "t");
        assertFalse(signed.authorisation().verified());
        final SessionPlan plan = validator().validate(signed);
        assertFalse(plan.authorised());
        assertEquals(25_000.0, plan.capUa());
    }

    @Test
    @DisplayName("SR-16 reformatting and reordering keys keeps the signature valid (canonical bytes)")
    void reformattedStillAuthorised() throws Exception
    {
        final JsonNode tree = StrictJson.tree(example("prescription-dexamethasone.json"), "t");
        final String compact = StrictJson.mapper().writeValueAsString(tree);
        final String reordered = "{\"authorisation\":" + tree.get("authorisation") + ",\"prescription\":" +
            "{\"drugCharge\":\"ANIONIC\",\"electrodeAreaCm2\":10.0,\"doseMaMin\":40.0,\"targetCurrentMa\":4.0," +
            "\"mode\":\"TARGET\",\"protocol\":\"sports-injury-dexamethasone\",\"issuedBy\":\"demo-clinician\"," +
            "\"patientId\":\"PATIENT-DEMO-43\",\"prescriptionId\":\"RX-DEMO-0002\"}}";
        assertTrue(PrescriptionFile.read(compact.getBytes(StandardCharsets.UTF_8), trusted, "t")
            .authorisation().verified());
        assertTrue(PrescriptionFile.read(reordered.getBytes(StandardCharsets.UTF_8), trusted, "t")
            .authorisation().verified());
    }

    @Test
    @DisplayName("SR-16 unsigned, unknown clinician, other key, wrong signer, bad base64: all not authorised")
    void refusedAuthorisations() throws Exception
    {
        final JsonNode rx = StrictJson.tree(example("prescription-hyperhidrosis.json"), "t").get("prescription");
        final ObjectNode unsigned = StrictJson.mapper().createObjectNode();
        unsigned.set("prescription", rx);
        assertRefused(unsigned, "not signed");

        final PrivateKey otherKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        assertRefused(PrescriptionSigner.envelope(rx, "demo-clinician", otherKey), "bad signature");

        final ObjectNode wrongSigner = PrescriptionSigner.envelope(rx, "demo-clinician", demoKey);
        ((ObjectNode)wrongSigner.get("authorisation")).put("clinicianId", "someone-else");
        assertRefused(wrongSigner, "issuedBy");

        final ObjectNode badBase64 = PrescriptionSigner.envelope(rx, "demo-clinician", demoKey);
        ((ObjectNode)badBase64.get("authorisation")).put("signature", "not base64 !!");
        assertRefused(badBase64, "base64");

        final ObjectNode unknownClinician = ((ObjectNode)rx.deepCopy()).put("issuedBy", "dr-unknown");
        final TestEd25519Authoriser none = new TestEd25519Authoriser(Map.of());
        assertFalse(PrescriptionFile.read(bytes(PrescriptionSigner.envelope(unknownClinician, "dr-unknown", demoKey)),
            none, "t").authorisation().verified());
    }

    private static void assertRefused(final ObjectNode envelope, final String reason) throws Exception
    {
        final SignedPrescription signed = PrescriptionFile.read(bytes(envelope), trusted, "t");
        assertFalse(signed.authorisation().verified());
        assertTrue(signed.authorisation().reason().contains(reason), signed.authorisation().reason());
        assertFalse(validator().validate(signed).authorised());
    }

    private static byte[] bytes(final JsonNode node) throws Exception
    {
        return StrictJson.mapper().writeValueAsBytes(node);
    }

    @ParameterizedTest(name = "hostile input: {0} = {1} → InvalidConfigurationException naming the field")
    @CsvSource(delimiter = '|', value = {
        "capCurrentMa      | NaN",
        "capCurrentMa      | Infinity",
        "capCurrentMa      | -Infinity",
        "capCurrentMa      | 1e999",
        "capCurrentMa      | -18.0",
        "capCurrentMa      | 1e300",
        "capCurrentMa      | \"18\"",
        "capCurrentMa      | true",
        "capCurrentMa      | [18.0]",
        "capCurrentMa      | {}",
        "startCurrentMa    | -0.5",
        "stepCurrentMa     | 0",
        "durationMin       | 1e6",
        "durationMin       | -20",
        "electrodeAreaCm2  | 0",
        "electrodeAreaCm2  | NaN",
        "electrodeAreaCm2  | null",
        "dutyPermille      | 1e10",
        "dutyPermille      | 99999999999",
        "dutyPermille      | 500.5",
        "dutyPermille      | 50",
        "pulseFrequencyHz  | 100.0",
        "doseMaMin         | 40.0",
        "polarity          | \"SIDEWAYS\"",
        "polarity          | 1",
        "reverseAtHalfTime | \"yes\"",
        "protocol          | \"hyperhidrosis\"",
        "mode              | \"titration\"",
        "issuedBy          | \"\"",
        "prescriptionId    | 42",
        "unknownField      | 1"})
    void hostileInputs(final String field, final String value) throws Exception
    {
        final String text = withValue(new String(example("prescription-hyperhidrosis.json"), StandardCharsets.UTF_8),
            field, value);
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> validator().validate(PrescriptionFile.read(text.getBytes(StandardCharsets.UTF_8), trusted, "rx")));
        assertEquals("prescription." + field, ex.field(), ex.getMessage());
        assertTrue(ex.getMessage().contains(field), ex.getMessage());
    }

    @Test
    @DisplayName("a duplicate key names the field")
    void duplicateKey() throws Exception
    {
        final String text = new String(example("prescription-hyperhidrosis.json"), StandardCharsets.UTF_8)
            .replace("\"capCurrentMa\" : 18.0", "\"capCurrentMa\" : 18.0, \"capCurrentMa\" : 30.0");
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> PrescriptionFile.read(text.getBytes(StandardCharsets.UTF_8), trusted, "rx"));
        assertEquals("prescription.capCurrentMa", ex.field(), ex.getMessage());
        assertTrue(ex.getMessage().contains("Duplicate field 'capCurrentMa'"), ex.getMessage());
    }

    /** Replaces the field's value in the pretty-printed example, or adds the field. */
    private static String withValue(final String text, final String field, final String value)
    {
        final String key = "\"" + field + "\" : ";
        final int at = text.indexOf(key);
        if (at < 0)
        {
            return text.replace("\"capCurrentMa\" : 18.0", "\"capCurrentMa\" : 18.0, " + key + value);
        }
        final int end = text.indexOf('\n', at);
        final boolean comma = text.charAt(end - 1) == ',';
        return text.substring(0, at) + key + value + (comma ? "," : "") + text.substring(end);
    }

    @ParameterizedTest(name = "hostile document: {0}")
    @CsvSource(delimiter = '|', value = {
        "truncated       | {\"prescription\" : {\"prescriptionId\" : \"RX\"",
        "empty           | ''",
        "null            | null",
        "array           | []",
        "no prescription | {\"authorisation\" : {\"clinicianId\" : \"a\", \"signature\" : \"AA==\"}}",
        "unknown top     | {\"prescription\" : {}, \"comment\" : 1}",
        "trailing        | {} {}",
        "missing fields  | {\"prescription\" : {\"prescriptionId\" : \"RX\"}}"})
    void hostileDocuments(final String what, final String json)
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> PrescriptionFile.read(json.getBytes(StandardCharsets.UTF_8), trusted, "rx"));
        assertFalse(ex.getMessage().isBlank(), what);
        assertFalse(ex.field().isBlank(), what);
    }

    @Test
    @DisplayName("PrescriptionSigner: signs a bare prescription file; refuses a malformed one or a signer ≠ issuedBy")
    void signer(@TempDir final Path dir) throws Exception
    {
        final Path in = dir.resolve("rx.json");
        final JsonNode rx = StrictJson.tree(example("prescription-dexamethasone.json"), "t").get("prescription");
        Files.write(in, bytes(rx));
        final Path out = dir.resolve("signed.json");
        PrescriptionSigner.main(new String[] {EXAMPLES.resolve("demo-clinician.key").toString(), "demo-clinician",
            in.toString(), out.toString()});
        assertTrue(PrescriptionFile.read(out, trusted).authorisation().verified());

        assertEquals("prescription.issuedBy", assertThrows(InvalidConfigurationException.class,
            () -> PrescriptionSigner.envelope(rx, "someone-else", demoKey)).field());
        final ObjectNode malformed = ((ObjectNode)rx.deepCopy()).put("bogus", 1);
        assertThrows(InvalidConfigurationException.class,
            () -> PrescriptionSigner.envelope(malformed, "demo-clinician", demoKey));
        assertEquals("privateKey", assertThrows(InvalidConfigurationException.class,
            () -> PrescriptionSigner.privateKey("# comment\nAAAA")).field());
    }
}
