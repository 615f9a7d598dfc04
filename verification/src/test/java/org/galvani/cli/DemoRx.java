package org.galvani.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.galvani.clinical.PrescriptionSigner;
import org.galvani.config.StrictJson;

/**
 * Test helper: writes a prescription signed with the demo clinician's key (docs/examples), as a clinic would
 * with {@code galvani sign}, and runs {@code galvani simulate} on it.
 */
final class DemoRx
{
    static final Path EXAMPLES = Path.of("..", "docs", "examples");

    private DemoRx()
    {
    }

    /**
     * @param dir    where to write.
     * @param name   file name.
     * @param fields the prescription object's fields, as JSON without the braces.
     * @return the signed file.
     */
    static Path signed(final Path dir, final String name, final String fields) throws IOException
    {
        // the example screenings' patients: hands and feet (screening-clear), dexamethasone (the others)
        final String patient = fields.contains("hyperhidrosis") ? "PATIENT-DEMO-42" : "PATIENT-DEMO-43";
        return signed(dir, name, patient, fields);
    }

    /**
     * @param dir     where to write.
     * @param name    file name.
     * @param patient the patient id.
     * @param fields  the prescription object's other fields, as JSON without the braces.
     * @return the signed file.
     */
    static Path signed(final Path dir, final String name, final String patient, final String fields)
        throws IOException
    {
        return signedWithId(dir, name, "RX-T-" + Integer.toHexString(name.hashCode()), patient, fields);
    }

    /**
     * @param dir            where to write.
     * @param name           file name.
     * @param prescriptionId the prescription's id.
     * @param patient        the patient id.
     * @param fields         the prescription object's other fields, as JSON without the braces.
     * @return the signed file.
     */
    static Path signedWithId(
        final Path dir, final String name, final String prescriptionId, final String patient, final String fields)
        throws IOException
    {
        final String json = "{\"prescriptionId\": \"" + prescriptionId + "\", \"patientId\": \"" + patient + "\", " +
            "\"issuedBy\": \"demo-clinician\", " + fields + "}";
        final Path file = dir.resolve(name);
        Files.writeString(file, StrictJson.mapper().writeValueAsString(PrescriptionSigner.envelope(
            StrictJson.tree(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), name), "demo-clinician",
            PrescriptionSigner.readPrivateKey(EXAMPLES.resolve("demo-clinician.key")))));
        return file;
    }

    /**
     * @param screening    example screening file name.
     * @param prescription the prescription file.
     * @param more         further options.
     * @return the run.
     */
    static CliRun simulate(final String screening, final Path prescription, final String... more)
    {
        final String[] base = {"simulate", "--trusted-keys", EXAMPLES.resolve("trusted-clinicians.json").toString(),
            "--screening", EXAMPLES.resolve(screening).toString(), "--prescription", prescription.toString()};
        final String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }
}
