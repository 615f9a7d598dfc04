package org.galvani.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.galvani.authority.Ed25519Authoriser;
import org.galvani.authority.Ed25519Signer;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.clinical.DeviceLimits;
import org.galvani.clinical.PrescriptionFile;
import org.galvani.clinical.PrescriptionValidator;
import org.galvani.clinical.ProtocolCatalogue;
import org.galvani.clinical.SignedPrescription;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.screening.InterlockPolicy;
import org.galvani.screening.Screening;
import org.galvani.session.SessionPlan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus of every configuration and prescription reader: each committed file under
 * {@code src/test/resources/org/galvani/hostile/corpus/<reader>/} (wrong types, NaN and infinities, negative,
 * huge and overflowing numbers, unknown fields, duplicate keys, truncated, empty and binary files, wrong key
 * types) must be refused with an {@link InvalidConfigurationException} whose message holds the field (or
 * document) named in that folder's {@code expected.properties} — never another exception. Generated inputs
 * add what is too large or too repetitive to commit: every truncation of the valid example, deep nesting,
 * a 25-million-character string, a missing file and a folder in place of a file. A prescription whose
 * signature is missing, malformed, forged or from an untrusted clinician is not an error: it is read, with a
 * refused authorisation naming the reason, and its plan is not authorised (SR-16).
 */
class HostileConfigCorpusTest
{
    static final Path EXAMPLES = Path.of("../docs/examples");
    static final Ed25519Authoriser AUTHORISER =
        new Ed25519Authoriser(TrustedClinicianKeys.load(EXAMPLES.resolve("trusted-clinicians.json")));
    static final PrescriptionValidator VALIDATOR =
        new PrescriptionValidator(DeviceLimits.defaults(), ProtocolCatalogue.builtIn());

    static final String VALID_POLICY = "{\"rules\": [{\"id\": \"ACME-1\", \"condition\": \"EPILEPSY\", " +
        "\"action\": \"ABSOLUTE_BLOCK\", \"rationale\": \"maker policy\"}]}";
    static final String VALID_PROTOCOLS = "{\"protocols\": [{\"protocol\": \"hyperhidrosis-hands\", " +
        "\"maxCurrentMa\": 20.0, \"maxDurationMin\": 30.0}]}";

    @TempDir
    Path tmp;

    /** A reader under test: reads a file, and throws or not. */
    record Reader(String corpus, String document, Consumer<Path> read, byte[] valid)
    {
    }

    static List<Reader> readers()
    {
        return List.of(
            new Reader("device-limits", "deviceLimits", DeviceLimits::read, example("device-limits.json")),
            new Reader("prescription", "prescription", path -> VALIDATOR.validate(PrescriptionFile.read(path, AUTHORISER)),
                example("prescription-dexamethasone.json")),
            new Reader("screening", "screening", Screening::load, example("screening-dexamethasone.json")),
            new Reader("policy", "interlock policy", InterlockPolicy::loadTightened,
                VALID_POLICY.getBytes(StandardCharsets.UTF_8)),
            new Reader("trusted-keys", "trusted clinician keys", TrustedClinicianKeys::load,
                example("trusted-clinicians.json")),
            new Reader("protocols", "protocols", path -> ProtocolCatalogue.builtIn().tighten(path, DeviceLimits.defaults()),
                VALID_PROTOCOLS.getBytes(StandardCharsets.UTF_8)),
            new Reader("private-key", "private key file", Ed25519Signer::load, example("demo-clinician.key")));
    }

    static byte[] example(final String name)
    {
        try
        {
            return Files.readAllBytes(EXAMPLES.resolve(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static Path corpus(final String name)
    {
        try
        {
            return Path.of(HostileConfigCorpusTest.class.getResource("corpus/" + name).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static Map<String, String> expectations(final Path dir)
    {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("expected.properties")))
        {
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final Map<String, String> map = new TreeMap<>();
        properties.forEach((k, v) -> map.put((String)k, (String)v));
        return map;
    }

    /** Reads and expects exactly an InvalidConfigurationException whose message holds the token. */
    static InvalidConfigurationException refused(final Reader reader, final Path file, final String token)
    {
        final InvalidConfigurationException ex;
        try
        {
            reader.read().accept(file);
            return fail(reader.corpus() + ": " + file.getFileName() + " was accepted");
        }
        catch (final InvalidConfigurationException refusal)
        {
            ex = refusal;
        }
        catch (final RuntimeException | StackOverflowError other)
        {
            throw new AssertionError(reader.corpus() + ": " + file.getFileName() + " threw " + other +
                " instead of an InvalidConfigurationException", other);
        }
        assertNotNull(ex.getMessage(), file.toString());
        assertNotNull(ex.field(), file.toString());
        assertTrue(ex.getMessage().contains(token), () -> reader.corpus() + "/" + file.getFileName() +
            ": the message does not name '" + token + "': " + ex.getMessage());
        return ex;
    }

    @TestFactory
    @DisplayName("every committed bad input is refused with an InvalidConfigurationException naming its field")
    Stream<DynamicTest> committedCorpus()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Reader reader : readers())
        {
            final Path dir = corpus(reader.corpus());
            final Map<String, String> expected = expectations(dir);
            assertFalse(expected.isEmpty(), dir.toString());
            for (final Map.Entry<String, String> entry : expected.entrySet())
            {
                tests.add(DynamicTest.dynamicTest(reader.corpus() + "/" + entry.getKey(),
                    () -> refused(reader, dir.resolve(entry.getKey()), entry.getValue())));
            }
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("SR-16 a missing, malformed, forged or untrusted signature is a refused authorisation, never armable")
    Stream<DynamicTest> refusedPrescriptions()
    {
        final Path dir = corpus("prescription-refused");
        return expectations(dir).entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () ->
        {
            final SignedPrescription signed = PrescriptionFile.read(dir.resolve(entry.getKey()), AUTHORISER);
            assertFalse(signed.authorisation().verified(), entry.getKey());
            assertTrue(signed.authorisation().reason().contains(entry.getValue()),
                () -> entry.getKey() + ": " + signed.authorisation().reason());
            final SessionPlan plan = VALIDATOR.validate(signed);
            assertFalse(plan.authorised(), entry.getKey());
        }));
    }

    @TestFactory
    @DisplayName("every truncation of a valid file is refused with an InvalidConfigurationException naming the document")
    Stream<DynamicTest> truncations()
    {
        return readers().stream().map(reader -> DynamicTest.dynamicTest(reader.corpus(), () ->
        {
            final Path valid = write(reader.corpus() + "-valid", reader.valid());
            reader.read().accept(valid); // the untruncated file is accepted
            final int length = new String(reader.valid(), StandardCharsets.UTF_8).stripTrailing()
                .getBytes(StandardCharsets.UTF_8).length;
            for (int i = 0; i < length; i++)
            {
                final int cut = i;
                final byte[] prefix = Arrays.copyOf(reader.valid(), cut);
                final Path file = write(reader.corpus() + "-cut", prefix);
                final InvalidConfigurationException ex = refusedAnyField(reader, file);
                assertTrue(ex.getMessage().contains(reader.document()) || ex.getMessage().contains("is missing") ||
                    ex.getMessage().contains("."), () -> "cut at " + cut + ": " + ex.getMessage());
            }
        }));
    }

    @TestFactory
    @DisplayName("deep nesting, a 25-million-character string, a missing file and a folder are refused cleanly")
    Stream<DynamicTest> generatedHostileInputs()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Reader reader : readers())
        {
            tests.add(DynamicTest.dynamicTest(reader.corpus() + " deep arrays", () ->
                refusedAnyField(reader, write("deep", ("[".repeat(100_000) + "]".repeat(100_000))
                    .getBytes(StandardCharsets.US_ASCII)))));
            tests.add(DynamicTest.dynamicTest(reader.corpus() + " deep objects", () ->
                refusedAnyField(reader, write("deep", ("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000))
                    .getBytes(StandardCharsets.US_ASCII)))));
            tests.add(DynamicTest.dynamicTest(reader.corpus() + " huge string", () ->
                refusedAnyField(reader, write("huge", ("{\"x\": \"" + "A".repeat(25_000_000) + "\"}")
                    .getBytes(StandardCharsets.US_ASCII)))));
            tests.add(DynamicTest.dynamicTest(reader.corpus() + " huge number", () ->
                refusedAnyField(reader, write("huge", ("{\"x\": 1" + "0".repeat(2_000_000) + "}")
                    .getBytes(StandardCharsets.US_ASCII)))));
            tests.add(DynamicTest.dynamicTest(reader.corpus() + " missing file", () ->
                refused(reader, tmp.resolve("does-not-exist.json"), "does-not-exist.json")));
            tests.add(DynamicTest.dynamicTest(reader.corpus() + " a folder", () ->
                refusedAnyField(reader, Files.createDirectories(tmp.resolve("a-folder")))));
        }
        return tests.stream();
    }

    @TestFactory
    @DisplayName("a valid prescription whose every number is replaced by a hostile value is refused by the validator")
    Stream<DynamicTest> hostileNumbersInAValidPrescription()
    {
        final String valid = new String(example("prescription-hyperhidrosis.json"), StandardCharsets.UTF_8);
        final List<String> fields = List.of("startCurrentMa", "capCurrentMa", "stepCurrentMa", "durationMin",
            "electrodeAreaCm2");
        final List<String> values = List.of("NaN", "Infinity", "-Infinity", "-1.0", "1e308", "-1e308", "1e999",
            "\"1\"", "true", "[]", "{}");
        final List<String[]> cases = new ArrayList<>();
        for (final String field : fields)
        {
            for (final String value : values)
            {
                cases.add(new String[] {field, value});
            }
        }
        // zero, the smallest double and null where the prescription needs a positive value
        for (final String value : List.of("0.0", "4.9e-324", "null"))
        {
            cases.add(new String[] {"electrodeAreaCm2", value});
        }
        cases.add(new String[] {"capCurrentMa", "0.0"});
        cases.add(new String[] {"stepCurrentMa", "4.9e-324"});
        final List<DynamicTest> tests = new ArrayList<>();
        for (final String[] c : cases)
        {
            final String field = c[0];
            final String value = c[1];
            {
                tests.add(DynamicTest.dynamicTest(field + " = " + value, () ->
                {
                    final String json = valid.replaceFirst("\"" + field + "\" : [^,\\n]+", "\"" + field + "\" : " +
                        value.replace("\\", "\\\\"));
                    assertTrue(!json.equals(valid), field);
                    final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                        () -> VALIDATOR.validate(PrescriptionFile.read(json.getBytes(StandardCharsets.UTF_8),
                            AUTHORISER, "prescription")));
                    assertTrue(ex.getMessage().contains(field) || ex.getMessage().contains("prescription"),
                        ex.getMessage());
                }));
            }
        }
        return tests.stream();
    }

    private static InvalidConfigurationException refusedAnyField(final Reader reader, final Path file)
    {
        return refused(reader, file, "");
    }

    private Path write(final String name, final byte[] bytes) throws IOException
    {
        final Path file = tmp.resolve(name + ".json");
        Files.write(file, bytes);
        return file;
    }

    @TestFactory
    @DisplayName("the corpus folders hold exactly the files their expectations name")
    Stream<DynamicTest> corpusIsComplete()
    {
        return Stream.of("device-limits", "prescription", "prescription-refused", "screening", "policy",
            "trusted-keys", "protocols", "private-key").map(name -> DynamicTest.dynamicTest(name, () ->
            {
                final Path dir = corpus(name);
                try (Stream<Path> files = Files.list(dir))
                {
                    final List<String> names = files.map(f -> f.getFileName().toString())
                        .filter(f -> !f.equals("expected.properties")).sorted().toList();
                    assertEquals(List.copyOf(expectations(dir).keySet()), names);
                }
            }));
    }
}
