package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.galvani.authority.Ed25519Authoriser;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.clinical.PrescriptionFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 7: {@code galvani sign} validates first, and signs RFC 8785 canonical bytes. Before, it signed
 * a 6 mA dexamethasone prescription the device refuses without a word, and writing {@code 3} instead of
 * {@code 3.0} broke a signature although the docs said reformatting keeps it valid.
 */
class SignValidationTest
{
    private static final Path EXAMPLES = DemoRx.EXAMPLES;

    @TempDir
    Path dir;

    private CliRun sign(final Path in, final String... more)
    {
        final String[] base = {"sign", "--key", EXAMPLES.resolve("demo-clinician.key").toString(), "--clinician",
            "demo-clinician", "--in", in.toString(), "--out", dir.resolve("signed.json").toString()};
        final String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    @DisplayName("SR-16 sign refuses a prescription the device would refuse (6 mA dexamethasone), in one line; --force signs it and says why")
    void refusesWhatTheDeviceRefuses() throws IOException
    {
        final Path in = dir.resolve("rx-6ma.json");
        Files.writeString(in, Files.readString(EXAMPLES.resolve("prescription-dexamethasone.json"))
            .replace("\"targetCurrentMa\" : 4.0", "\"targetCurrentMa\" : 6.0"));
        final CliRun refused = sign(in);
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.out() + refused.err());
        assertTrue(refused.errIsOneLine() && refused.err().contains("not signed") &&
            refused.err().contains("prescription.targetCurrentMa = 6.0") && refused.err().contains("--force"),
            refused.err());
        assertFalse(Files.exists(dir.resolve("signed.json")), "nothing written");
        final CliRun forced = sign(in, "--force");
        assertEquals(ExitCodes.OK, forced.exitCode(), forced.out() + forced.err());
        assertTrue(forced.out().contains("WARNING signed with --force although the device will refuse it: " +
            "prescription.targetCurrentMa = 6.0"), forced.out());
    }

    @Test
    @DisplayName("SR-16 RFC 8785: writing 4 for 4.0 (or 4.00, 4e0) keeps the signature valid; changing the value breaks it")
    void numberFormsSignAlike() throws IOException
    {
        final CliRun signed = sign(EXAMPLES.resolve("prescription-dexamethasone.json"));
        assertEquals(ExitCodes.OK, signed.exitCode(), signed.out() + signed.err());
        final String text = Files.readString(dir.resolve("signed.json"));
        assertTrue(text.contains("\"targetCurrentMa\" : 4.0"), text);
        final Ed25519Authoriser authoriser = new Ed25519Authoriser(
            TrustedClinicianKeys.load(EXAMPLES.resolve("trusted-clinicians.json")));
        for (final String form : new String[] {"4", "4.00", "4e0", "40E-1"})
        {
            final Path reformatted = dir.resolve("rx-" + form + ".json");
            Files.writeString(reformatted, text.replace("\"targetCurrentMa\" : 4.0", "\"targetCurrentMa\" : " + form));
            assertTrue(PrescriptionFile.read(reformatted, authoriser).authorisation().verified(), form);
        }
        final Path changed = dir.resolve("rx-changed.json");
        Files.writeString(changed, text.replace("\"targetCurrentMa\" : 4.0", "\"targetCurrentMa\" : 3.9"));
        assertFalse(PrescriptionFile.read(changed, authoriser).authorisation().verified());
    }
}
