package org.galvani.clinical;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.galvani.authority.Ed25519Signer;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * Signs prescriptions with a clinician's Ed25519 private key (SR-16), producing the envelope that
 * {@link PrescriptionFile} reads. The signature is over {@code StrictJson.canonicalBytes} of the
 * prescription object. Used by the CLI's {@code sign} command and to produce the examples in
 * {@code docs/examples/}.
 *
 * <p>Key file format: base64 of the PKCS#8 DER encoding, on one or more lines; lines starting with
 * {@code #} and blank lines are ignored.
 *
 * <p>Threading: stateless and thread-safe. Not for the tick path.
 */
public final class PrescriptionSigner
{
    private PrescriptionSigner()
    {
    }

    /**
     * Reads an Ed25519 private key file (base64 PKCS#8 DER, {@code #} comment lines allowed).
     *
     * @param file the key file.
     * @return the key.
     * @throws InvalidConfigurationException when the file cannot be read or is not an Ed25519 key.
     */
    public static PrivateKey readPrivateKey(final Path file)
    {
        return Ed25519Signer.load(file).privateKey();
    }

    /**
     * @param text base64 PKCS#8 DER, possibly with {@code #} comment lines.
     * @return the Ed25519 private key.
     * @throws InvalidConfigurationException when it is not an Ed25519 PKCS#8 key.
     */
    public static PrivateKey privateKey(final String text)
    {
        return Ed25519Signer.fromText(text, "private key").privateKey();
    }

    /**
     * Signs a prescription object.
     *
     * @param prescription the prescription object (not the envelope).
     * @param key          the clinician's Ed25519 private key.
     * @return the base64 signature over the canonical bytes.
     */
    public static String sign(final JsonNode prescription, final PrivateKey key)
    {
        try
        {
            final Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(StrictJson.canonicalBytes(prescription));
            return Base64.getEncoder().encodeToString(signer.sign());
        }
        catch (final GeneralSecurityException ex)
        {
            throw new InvalidConfigurationException("privateKey", "cannot sign with this key: " + ex.getMessage(), ex);
        }
    }

    /**
     * Builds a signed envelope. The prescription is first bound strictly (unknown fields, wrong types,
     * missing required fields are refused: a clinician never signs a malformed prescription) and must
     * name {@code clinicianId} as {@code issuedBy}.
     *
     * @param prescription the prescription object.
     * @param clinicianId  the signing clinician's id (the key id in the trusted set).
     * @param key          the clinician's private key.
     * @return the envelope {@code {"prescription": ..., "authorisation": {...}}}.
     */
    public static ObjectNode envelope(final JsonNode prescription, final String clinicianId, final PrivateKey key)
    {
        final Prescription rx = StrictJson.bind(prescription, Prescription.class, "prescription");
        if (!rx.issuedBy().equals(clinicianId))
        {
            throw new InvalidConfigurationException("prescription.issuedBy", "prescription.issuedBy = " +
                rx.issuedBy() + " but the signing clinician is " + clinicianId + ": the issuing clinician must sign");
        }
        final ObjectNode envelope = StrictJson.mapper().createObjectNode();
        envelope.set("prescription", prescription.deepCopy());
        final ObjectNode authorisation = envelope.putObject("authorisation");
        authorisation.put("clinicianId", clinicianId);
        authorisation.put("signature", sign(prescription, key));
        return envelope;
    }

    /**
     * Signs a file holding either a bare prescription object or an envelope (whose old authorisation is
     * replaced), and returns the signed envelope as pretty-printed UTF-8 JSON.
     *
     * @param input       the unsigned prescription or envelope.
     * @param clinicianId the signing clinician.
     * @param key         the clinician's private key.
     * @return the signed envelope's bytes.
     */
    public static byte[] signFile(final Path input, final String clinicianId, final PrivateKey key)
    {
        final byte[] bytes = BoundedFiles.read(input, BoundedFiles.MAX_DOCUMENT_BYTES, "prescription",
            "prescription file");
        final JsonNode tree = StrictJson.tree(bytes, "prescription (" + input.getFileName() + ")");
        final JsonNode prescription = tree.has("prescription") ? tree.get("prescription") : tree;
        try
        {
            return (StrictJson.mapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(envelope(prescription, clinicianId, key)) + "\n").getBytes(StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("a JSON tree cannot be written", ex);
        }
    }

    /**
     * {@code PrescriptionSigner <key file> <clinician id> <input.json> <output.json>}.
     *
     * @param args key file, clinician id, input file, output file.
     * @throws IOException when the output cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        if (args.length != 4)
        {
            System.err.println("usage: PrescriptionSigner <key file> <clinician id> <input.json> <output.json>");
            System.exit(2);
            return;
        }
        final PrivateKey key = readPrivateKey(Path.of(args[0]));
        Files.write(Path.of(args[3]), signFile(Path.of(args[2]), args[1], key));
    }
}
