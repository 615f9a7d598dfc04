package org.galvani.authority;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest
{
    private static final String ADA_PUBLIC = TestKeys.pair(TestKeys.ADA).publicKeyBase64();
    private static final String BOB_PUBLIC = TestKeys.pair(TestKeys.BOB).publicKeyBase64();

    @TempDir
    Path dir;

    private static InvalidConfigurationException rejects(final String json)
    {
        return assertThrows(InvalidConfigurationException.class, () -> TrustedClinicianKeys.parse(json));
    }

    private static String entry(final String id, final String key)
    {
        return "{\"id\": \"" + id + "\", \"publicKey\": \"" + key + "\"}";
    }

    @Test
    @DisplayName("SR-16 a trusted key file loads and its keys verify the clinicians' signatures")
    void loads() throws IOException
    {
        final Path file = dir.resolve("keys.json");
        Files.writeString(file, "{\"clinicians\": [" + entry("dr-ada", ADA_PUBLIC) + ", " +
            entry("dr-bob", BOB_PUBLIC) + "]}");
        final TrustedClinicianKeys keys = TrustedClinicianKeys.load(file);
        assertEquals(Set.of("dr-ada", "dr-bob"), keys.clinicianIds());
        final byte[] message = "x".getBytes(StandardCharsets.UTF_8);
        assertTrue(new Ed25519Authoriser(keys).verify("dr-bob", message, TestKeys.signer("dr-bob").sign(message))
            .verified());
    }

    @Test
    @DisplayName("SR-16 a duplicate clinician id is rejected naming the entry")
    void duplicateId()
    {
        final InvalidConfigurationException ex = rejects("{\"clinicians\": [" + entry("dr-ada", ADA_PUBLIC) + ", " +
            entry("dr-ada", BOB_PUBLIC) + "]}");
        assertEquals("clinicians[1].id", ex.field());
        assertTrue(ex.getMessage().contains("duplicate") && ex.getMessage().contains("dr-ada"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-16 bad Base64 in a public key is rejected naming the entry")
    void badBase64()
    {
        final InvalidConfigurationException ex = rejects("{\"clinicians\": [" + entry("dr-ada", "not*base64") + "]}");
        assertTrue(ex.field().startsWith("clinicians[0].publicKey"), ex.field());
        assertTrue(ex.getMessage().contains("dr-ada") && ex.getMessage().contains("Base64"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-16 RSA, EC, Ed448 and garbage keys are rejected: only Ed25519 is trusted")
    void notEd25519() throws NoSuchAlgorithmException
    {
        for (final String algorithm : new String[] {"RSA", "EC", "Ed448"})
        {
            final KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            final String key = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());
            final InvalidConfigurationException ex = rejects("{\"clinicians\": [" + entry("dr-x", key) + "]}");
            assertTrue(ex.getMessage().contains("dr-x") && ex.getMessage().contains("Ed25519"), ex.getMessage());
        }
        rejects("{\"clinicians\": [" + entry("dr-x", "AAAA") + "]}");
        rejects("{\"clinicians\": [" + entry("dr-x", "") + "]}");
    }

    @Test
    @DisplayName("SR-16 hostile trusted key files are rejected naming the field")
    void hostile()
    {
        assertEquals("clinicians[0].role",
            rejects("{\"clinicians\": [{\"id\": \"a\", \"publicKey\": \"" + ADA_PUBLIC
                + "\", \"role\": \"x\"}]}").field());
        assertEquals("clinicians", rejects("{}").field());
        assertEquals("clinicians", rejects("{\"clinicians\": []}").field());
        assertEquals("clinicians", rejects("{\"clinicians\": \"dr-ada\"}").field());
        assertEquals("clinicians[0].id", rejects("{\"clinicians\": [{\"publicKey\": \"" + ADA_PUBLIC
            + "\"}]}").field());
        assertEquals("clinicians[0].id", rejects("{\"clinicians\": [" + entry("dr ada", ADA_PUBLIC) + "]}").field());
        assertEquals("clinicians[0].id", rejects("{\"clinicians\": [{\"id\": 7, \"publicKey\": \"k\"}]}").field());
        assertEquals("clinicians[0].id",
            rejects("{\"clinicians\": [{\"id\": [\"a\"], \"publicKey\": \"k\"}]}").field());
        assertEquals("clinicians[0].publicKey",
            rejects("{\"clinicians\": [{\"id\": \"a\", \"publicKey\": true}]}").field());
        assertEquals("clinicians[0]", rejects("{\"clinicians\": [null]}").field());
        rejects("{\"clinicians\": [" + entry("dr-ada", ADA_PUBLIC));
        rejects("");
        rejects("[]");
    }

    @Test
    @DisplayName("SR-16 a private key file with comments loads and signs; bad key files are rejected")
    void privateKeyFile() throws IOException
    {
        final Ed25519Signer.EncodedKeyPair pair = Ed25519Signer.generate();
        final String b64 = pair.privateKeyBase64();
        final Path file = dir.resolve("dr-new.key");
        Files.writeString(file, "# galvani clinician key: dr-new\n\n" + b64.substring(0, 20) + "\n" +
            b64.substring(20) + "\n# end\n");
        final Ed25519Signer signer = Ed25519Signer.load(file);
        final byte[] message = "hello".getBytes(StandardCharsets.UTF_8);
        final TrustedClinicianKeys keys = TrustedClinicianKeys.parse(
            "{\"clinicians\": [" + entry("dr-new", pair.publicKeyBase64()) + "]}");
        assertTrue(new Ed25519Authoriser(keys).verify("dr-new", message, signer.sign(message)).verified());
        assertTrue(pair.toString().contains("hidden") && !pair.toString().contains(b64));

        assertThrows(InvalidConfigurationException.class, () -> Ed25519Signer.load(dir.resolve("missing.key")));
        assertThrows(InvalidConfigurationException.class, () -> Ed25519Signer.fromText("# only a comment\n", "k"));
        assertThrows(InvalidConfigurationException.class, () -> Ed25519Signer.fromText("%%%", "k"));
        assertThrows(InvalidConfigurationException.class, () -> Ed25519Signer.fromText(pair.publicKeyBase64(), "k"));
    }
}
