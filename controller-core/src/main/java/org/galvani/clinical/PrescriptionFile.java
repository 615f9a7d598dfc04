package org.galvani.clinical;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.authority.AuthorisationResult;
import org.galvani.authority.Authoriser;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * Reads a prescription file: a signed envelope (SR-16)
 * <pre>{@code
 * {"prescription": {...},
 *  "authorisation": {"clinicianId": "demo-clinician", "signature": "<base64 Ed25519>"}}
 * }</pre>
 * where the signature is over {@code StrictJson.canonicalBytes} of the {@code prescription} object (keys
 * sorted, no whitespace), so reformatting the file keeps it valid while any change of a value does not.
 *
 * <p>A malformed file (bad JSON, unknown or duplicate fields, wrong types, a missing prescription) throws
 * {@link InvalidConfigurationException}. A missing, malformed or unverified authorisation does not throw:
 * it yields a refused {@link AuthorisationResult} with the reason, and the validator's plan then has
 * {@code authorised = false}, so the controller refuses ARM. The signing clinician must be the
 * prescription's {@code issuedBy}.
 *
 * <p>Threading: stateless; call on the loader's or UI thread, never on the control thread.
 */
public final class PrescriptionFile
{
    private PrescriptionFile()
    {
    }

    /**
     * The authorisation part of the envelope. Immutable.
     *
     * @param clinicianId the signing clinician (a key id in the trusted clinician set).
     * @param signature   base64 Ed25519 signature over the canonical prescription bytes.
     */
    public record Authorisation(String clinicianId, String signature)
    {
    }

    /**
     * The envelope, as bound strictly (for field paths such as {@code prescription.capCurrentMa}).
     *
     * @param prescription  the prescription.
     * @param authorisation the signature, or null when unsigned.
     */
    public record Envelope(Prescription prescription, Authorisation authorisation)
    {
    }

    /**
     * Reads and verifies a prescription file.
     *
     * @param file       the file.
     * @param authoriser verifies the signature against the trusted clinician keys.
     * @return the prescription and its authorisation result.
     * @throws InvalidConfigurationException when the file is malformed.
     */
    public static SignedPrescription read(final Path file, final Authoriser authoriser)
    {
        final byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_DOCUMENT_BYTES, "prescription",
            "prescription file");
        return read(bytes, authoriser, "prescription file (" + file.getFileName() + ")");
    }

    /**
     * Reads and verifies a prescription envelope from bytes.
     *
     * @param json       UTF-8 JSON.
     * @param authoriser verifies the signature.
     * @param document   what the document is, for messages.
     * @return the prescription and its authorisation result.
     * @throws InvalidConfigurationException when the document is malformed.
     */
    public static SignedPrescription read(final byte[] json, final Authoriser authoriser, final String document)
    {
        final JsonNode tree = Checks.tree(json, document);
        if (!tree.isObject())
        {
            throw new InvalidConfigurationException("prescription", document + " must be a JSON object with " +
                "fields prescription and authorisation, got " + tree.getNodeType());
        }
        final Envelope envelope = StrictJson.bind(tree, Envelope.class, document);
        if (envelope == null || envelope.prescription() == null)
        {
            throw new InvalidConfigurationException("prescription", "prescription is missing: " + document +
                " must contain a \"prescription\" object");
        }
        final Prescription rx = envelope.prescription();
        final byte[] canonical = StrictJson.canonicalBytes(tree.get("prescription"));
        final AuthorisationResult result = verify(rx, envelope.authorisation(), canonical, authoriser);
        return new SignedPrescription(rx, result, new String(canonical, StandardCharsets.UTF_8));
    }

    private static AuthorisationResult verify(
        final Prescription rx, final Authorisation auth, final byte[] canonical, final Authoriser authoriser)
    {
        if (auth == null)
        {
            return AuthorisationResult.refused(rx.issuedBy(), "prescription is not signed (no authorisation)");
        }
        final String clinicianId = auth.clinicianId();
        if (clinicianId == null || clinicianId.isBlank() || auth.signature() == null)
        {
            return AuthorisationResult.refused(rx.issuedBy(),
                "authorisation.clinicianId and authorisation.signature are both required");
        }
        if (!clinicianId.equals(rx.issuedBy()))
        {
            return AuthorisationResult.refused(clinicianId, "signed by " + clinicianId +
                " but prescription.issuedBy = " + rx.issuedBy() + ": the issuing clinician must sign");
        }
        final byte[] signature;
        try
        {
            signature = Base64.getDecoder().decode(auth.signature());
        }
        catch (final IllegalArgumentException ex)
        {
            return AuthorisationResult.refused(clinicianId, "authorisation.signature is not valid base64");
        }
        final AuthorisationResult result = authoriser.verify(clinicianId, canonical, signature);
        return result == null ? AuthorisationResult.refused(clinicianId, "authoriser returned no result") : result;
    }
}
