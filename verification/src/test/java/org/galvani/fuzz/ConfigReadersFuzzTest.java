package org.galvani.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
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
import org.galvani.screening.InterlockRule;
import org.galvani.screening.Screening;
import org.galvani.screening.ScreeningEvaluator;
import org.galvani.screening.ScreeningSession;

/**
 * Coverage-guided fuzzing (Jazzer) of every configuration and prescription reader. The invariant of each
 * target: the reader returns a value or throws {@link InvalidConfigurationException} with a message — never
 * any other exception (a NullPointerException, an unchecked Jackson exception, an ArithmeticException, ...).
 *
 * <p>In {@code mvn test} (regression mode) each target runs over its committed inputs in
 * {@code src/test/resources/org/galvani/fuzz/ConfigReadersFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} one target is fuzzed (docs/qa-fuzzing.md).
 */
class ConfigReadersFuzzTest
{
    /** The demo clinician's public key (docs/examples/trusted-clinicians.json). */
    static final String DEMO_CLINICIAN_KEY = "MCowBQYDK2VwAyEAz91jLnFlqw7Eg1cS4gqcf+j0IqNMeepRwIZtMaJLshQ=";

    private static final Ed25519Authoriser AUTHORISER = new Ed25519Authoriser(TrustedClinicianKeys.parse(
        "{\"clinicians\": [{\"id\": \"demo-clinician\", \"publicKey\": \"" + DEMO_CLINICIAN_KEY + "\"}]}"));
    private static final PrescriptionValidator VALIDATOR =
        new PrescriptionValidator(DeviceLimits.defaults(), ProtocolCatalogue.builtIn());
    private static Path protocolsFile;

    /**
     * Runs a reader; an {@link InvalidConfigurationException} with a message is an accepted refusal,
     * anything else escapes to Jazzer as a finding.
     */
    static void refusedOnlyWithInvalidConfiguration(final Runnable reader)
    {
        try
        {
            reader.run();
        }
        catch (final InvalidConfigurationException ex)
        {
            // The field may be a blank JSON key as written ({"  ": ...}); the message then names the document.
            if (ex.getMessage() == null || ex.getMessage().isBlank() || ex.field() == null)
            {
                throw new IllegalStateException("an InvalidConfigurationException without a message or a field", ex);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void prescriptionEnvelope(final byte[] json)
    {
        refusedOnlyWithInvalidConfiguration(() ->
        {
            final SignedPrescription signed = PrescriptionFile.read(json, AUTHORISER, "prescription");
            if (signed.authorisation() == null)
            {
                throw new IllegalStateException("a prescription read without an authorisation result");
            }
            VALIDATOR.validate(signed);
        });
    }

    @FuzzTest(maxDuration = "5m")
    void deviceLimits(final byte[] json)
    {
        refusedOnlyWithInvalidConfiguration(() -> DeviceLimits.read(json, "deviceLimits"));
    }

    @FuzzTest(maxDuration = "5m")
    void screening(final byte[] json)
    {
        refusedOnlyWithInvalidConfiguration(() ->
            ScreeningEvaluator.evaluate(Screening.parse(json), InterlockPolicy.defaults(), AUTHORISER,
                new ScreeningSession("RX-FUZZ", java.time.Instant.EPOCH)));
    }

    @FuzzTest(maxDuration = "5m")
    void policyTightening(final byte[] json)
    {
        refusedOnlyWithInvalidConfiguration(() ->
        {
            final List<InterlockRule> rules = InterlockPolicy.parseRules(json);
            InterlockPolicy.defaults().tighten(rules);
        });
    }

    @FuzzTest(maxDuration = "5m")
    void trustedKeys(final byte[] json)
    {
        refusedOnlyWithInvalidConfiguration(() -> TrustedClinicianKeys.parse(json));
    }

    @FuzzTest(maxDuration = "5m")
    void protocolTightening(final byte[] json)
    {
        refusedOnlyWithInvalidConfiguration(() ->
        {
            final Path file = protocolsFile();
            try
            {
                Files.write(file, json);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            ProtocolCatalogue.builtIn().tighten(file, DeviceLimits.defaults());
        });
    }

    @FuzzTest(maxDuration = "5m")
    void privateKeyText(final byte[] text)
    {
        refusedOnlyWithInvalidConfiguration(() ->
            Ed25519Signer.fromText(new String(text, StandardCharsets.UTF_8), "private key file"));
    }

    private static synchronized Path protocolsFile()
    {
        if (protocolsFile == null)
        {
            try
            {
                protocolsFile = Files.createTempFile("galvani-fuzz-protocols", ".json");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            protocolsFile.toFile().deleteOnExit();
        }
        return protocolsFile;
    }
}
