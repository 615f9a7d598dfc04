package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maker's round trip: a new clinician key, a prescription signed with it, a session that accepts it.
 */
class KeygenSignCommandTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    Path dir;

    @Test
    @DisplayName("keygen writes a private key readable by the owner only and a public key, and never overwrites")
    void keygen() throws IOException
    {
        final CliRun run = CliRun.of("keygen", "--out", dir.resolve("device").toString(), "--comment", "device 42");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("device.key"))));
        assertTrue(Files.readString(dir.resolve("device.key")).startsWith("# device 42\n"));
        assertTrue(Files.readString(dir.resolve("device.pub")).strip().length() > 40);
        final CliRun again = CliRun.of("keygen", "--out", dir.resolve("device").toString());
        assertEquals(ExitCodes.USAGE, again.exitCode());
        assertTrue(again.errIsOneLine() && again.err().contains("never overwritten"), again.err());
    }

    @Test
    @DisplayName("SR-16 a prescription signed with a new clinician key runs once that key is trusted, and is refused otherwise")
    void signAndRun() throws IOException
    {
        assertEquals(ExitCodes.OK, CliRun.of("keygen", "--out", dir.resolve("dr-new").toString()).exitCode());
        final String unsigned = Files.readString(EXAMPLES.resolve("prescription-dexamethasone.json"))
            .replace("\"issuedBy\" : \"demo-clinician\"", "\"issuedBy\" : \"dr-new\"");
        assertTrue(unsigned.contains("dr-new"), "the example's issuedBy was found");
        Files.writeString(dir.resolve("rx.json"), unsigned);
        final CliRun sign = CliRun.of("sign", "--key", dir.resolve("dr-new.key").toString(), "--clinician", "dr-new",
            "--in", dir.resolve("rx.json").toString(), "--out", dir.resolve("rx-signed.json").toString());
        assertEquals(ExitCodes.OK, sign.exitCode(), sign.err());

        final String pub = Files.readString(dir.resolve("dr-new.pub")).strip();
        Files.writeString(dir.resolve("trusted.json"),
            "{\"clinicians\": [{\"id\": \"dr-new\", \"publicKey\": \"" + pub + "\"}]}");
        final String[] session = {"session", "--trusted-keys", dir.resolve("trusted.json").toString(),
            "--screening", EXAMPLES.resolve("screening-dexamethasone.json").toString(),
            "--prescription", dir.resolve("rx-signed.json").toString()};
        final CliRun trusted = CliRun.of(session);
        assertEquals(ExitCodes.OK, trusted.exitCode(), trusted.out() + trusted.err());

        session[2] = EXAMPLES.resolve("trusted-clinicians.json").toString(); // only the demo clinician
        final CliRun untrusted = CliRun.of(session);
        assertEquals(ExitCodes.FAILED, untrusted.exitCode(), untrusted.out() + untrusted.err());
        assertTrue(untrusted.out().contains("command ARM refused"), untrusted.out());
    }

    @Test
    @DisplayName("sign refuses a signer who is not the prescription's issuedBy, in one sentence")
    void wrongSigner() throws IOException
    {
        assertEquals(ExitCodes.OK, CliRun.of("keygen", "--out", dir.resolve("dr-other").toString()).exitCode());
        final CliRun sign = CliRun.of("sign", "--key", dir.resolve("dr-other.key").toString(), "--clinician",
            "dr-other", "--in", EXAMPLES.resolve("prescription-dexamethasone.json").toString(), "--out",
            dir.resolve("out.json").toString());
        assertEquals(ExitCodes.USAGE, sign.exitCode(), sign.out());
        assertTrue(sign.errIsOneLine(), sign.err());
    }
}
