package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.galvani.authority.Ed25519Authoriser;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.screening.Condition;
import org.galvani.screening.Disposition;
import org.galvani.screening.InterlockPolicy;
import org.galvani.screening.Screening;
import org.galvani.screening.ScreeningEvaluator;
import org.galvani.screening.ScreeningResult;
import org.galvani.screening.ScreeningSession;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-19 through the command line: {@code galvani sign-override} signs an override for one session; the session
 * under that prescription arms, a later session under another prescription and a session after the expiry are
 * refused; the journaled override is re-verified by {@code galvani verify --trusted-clinicians}, reported
 * unverified (exit 9) without the keys, and FAILED against other keys.
 */
class SignOverrideCommandTest
{
    private static final Path EXAMPLES = DemoRx.EXAMPLES;
    private static final String DEXAMETHASONE = "\"protocol\": \"sports-injury-dexamethasone\", \"mode\": \"TARGET\", " +
        "\"targetCurrentMa\": 4.0, \"doseMaMin\": 40.0, \"electrodeAreaCm2\": 10.0, \"drugCharge\": \"ANIONIC\"";

    @TempDir
    Path dir;

    private CliRun signOverride(final String... changes)
    {
        final String[] args = {"sign-override", "--key", EXAMPLES.resolve("demo-clinician.key").toString(),
            "--clinician", "demo-clinician", "--patient", "PATIENT-DEMO-43", "--prescription-id", "RX-OV-1",
            "--placement", "LIMB_LOCAL", "--condition", "EPILEPSY", "--expires", "PT8H",
            "--reason", "seizure-free for 12 years, neurologist consulted",
            "--trusted-clinicians", EXAMPLES.resolve("trusted-clinicians.json").toString()};
        final java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        for (int i = 0; i < changes.length; i += 2)
        {
            final int at = all.indexOf(changes[i]);
            if (at >= 0)
            {
                all.set(at + 1, changes[i + 1]);
            }
            else
            {
                all.add(changes[i]);
                all.add(changes[i + 1]);
            }
        }
        return CliRun.of(all.toArray(new String[0]));
    }

    private Path screeningWith(final String overrideEntry) throws IOException
    {
        final Path file = dir.resolve("screening-" + Integer.toHexString(overrideEntry.hashCode()) + ".json");
        Files.writeString(file, "{\"patientId\": \"PATIENT-DEMO-43\", \"placement\": \"LIMB_LOCAL\", " +
            "\"conditions\": [\"EPILEPSY\"], \"overrides\": [" + overrideEntry + "]}");
        return file;
    }

    private static CliRun simulate(final Path screening, final Path rx, final String... more)
    {
        final String[] base = {"simulate", "--trusted-keys", EXAMPLES.resolve("trusted-clinicians.json").toString(),
            "--screening", screening.toString(), "--prescription", rx.toString(), "--stop-at", "1"};
        final String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    @DisplayName("SR-19 H-22 a signed override arms its own session and is refused when presented in a later session")
    void overrideReplayedInASecondSessionIsRefused() throws IOException
    {
        final CliRun sign = signOverride();
        assertEquals(ExitCodes.OK, sign.exitCode(), sign.err());
        final Path screening = screeningWith(sign.out());
        final Path rx1 = DemoRx.signedWithId(dir, "rx1.json", "RX-OV-1", "PATIENT-DEMO-43", DEXAMETHASONE);
        final Path rx2 = DemoRx.signedWithId(dir, "rx2.json", "RX-OV-2", "PATIENT-DEMO-43", DEXAMETHASONE);

        final CliRun first = simulate(screening, rx1);
        assertEquals(ExitCodes.STOPPED_BY_OPERATOR, first.exitCode(), first.out() + first.err());
        assertTrue(first.out().contains("overridden: EPILEPSY [EPILEPSY] by rule SR-1.R5"), first.out());
        assertTrue(first.out().contains(": the clinician overrides above were judged against it (SR-19)"), first.out());

        final CliRun second = simulate(screening, rx2);
        assertEquals(ExitCodes.FAILED, second.exitCode(), second.out() + second.err());
        assertTrue(second.out().contains("override by demo-clinician refused: it is bound to prescription RX-OV-1, " +
            "not to this session's prescription RX-OV-2"), second.out());
        assertTrue(second.out().contains("command SCREEN refused"), second.out());
    }

    @Test
    @DisplayName("SR-19 a session starting after the override's expiry is refused; --session-start is checked")
    void expiredOverrideIsRefused() throws IOException
    {
        final CliRun sign = signOverride("--expires", "PT1H");
        assertEquals(ExitCodes.OK, sign.exitCode(), sign.err());
        final Path screening = screeningWith(sign.out());
        final Path rx1 = DemoRx.signedWithId(dir, "rx1.json", "RX-OV-1", "PATIENT-DEMO-43", DEXAMETHASONE);
        final String later = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS).toString();
        final CliRun run = simulate(screening, rx1, "--session-start", later);
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("override by demo-clinician refused: it expired at ") &&
            run.out().contains("the session starts at " + later), run.out());

        final CliRun bad = simulate(screening, rx1, "--session-start", "tomorrow");
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertTrue(bad.errIsOneLine() && bad.err().contains("--session-start"), bad.err());
    }

    @Test
    @DisplayName("SR-19 the journaled override is re-verified by verify --trusted-clinicians; without keys exit 9; other keys FAILED")
    void journaledOverrideReverifiedByVerify() throws IOException
    {
        final CliRun sign = signOverride();
        assertEquals(ExitCodes.OK, sign.exitCode(), sign.err());
        final Path rx1 = DemoRx.signedWithId(dir, "rx1.json", "RX-OV-1", "PATIENT-DEMO-43", DEXAMETHASONE);
        final Path journal = dir.resolve("journal");
        final CliRun run = simulate(screeningWith(sign.out()), rx1, "--journal", journal.toString(), "--device-key",
            EXAMPLES.resolve("demo-device.key").toString());
        assertEquals(ExitCodes.STOPPED_BY_OPERATOR, run.exitCode(), run.out() + run.err());
        final String pub = EXAMPLES.resolve("demo-device.pub").toString();

        final CliRun verified = CliRun.of("verify", journal.toString(), "--device-key", pub, "--trusted-clinicians",
            EXAMPLES.resolve("trusted-clinicians.json").toString());
        assertEquals(ExitCodes.OK, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().contains("clinician overrides re-verified against the trusted clinician keys: 1"),
            verified.out());

        final CliRun unverified = CliRun.of("verify", journal.toString(), "--device-key", pub);
        assertEquals(ExitCodes.OVERRIDES_UNVERIFIED, unverified.exitCode(), unverified.out() + unverified.err());
        assertTrue(unverified.out().contains("OVERRIDES UNVERIFIED: 1 journaled clinician override(s)"),
            unverified.out());

        // an auditor holding other keys for demo-clinician (the journaled override was not signed by them)
        assertEquals(ExitCodes.OK, CliRun.of("keygen", "--out", dir.resolve("other").toString()).exitCode());
        final Path otherKeys = dir.resolve("other-trusted.json");
        Files.writeString(otherKeys, "{\"clinicians\": [{\"id\": \"demo-clinician\", \"publicKey\": \"" +
            Files.readString(dir.resolve("other.pub")).strip() + "\"}]}");
        final CliRun failed = CliRun.of("verify", journal.toString(), "--device-key", pub, "--trusted-clinicians",
            otherKeys.toString());
        assertEquals(ExitCodes.FAILED, failed.exitCode(), failed.out() + failed.err());
        assertTrue(failed.out().contains("first bad record: 0") &&
            failed.out().contains("does not verify with the trusted clinician keys"), failed.out());
    }

    @Test
    @DisplayName("SR-19 a version-1 override in the screening file is refused in one line saying how to re-sign it")
    void versionOneOverrideRefused() throws IOException
    {
        final Path screening = screeningWith("{\"condition\": \"EPILEPSY\", \"clinicianId\": \"demo-clinician\", " +
            "\"reason\": \"reviewed\", \"signature\": \"AAAA\"}");
        final CliRun run = simulate(screening, EXAMPLES.resolve("prescription-dexamethasone.json"));
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("version-1 override") && run.err().contains("galvani sign-override"), run.err());
    }

    @Test
    @DisplayName("SR-19 sign-override validates every input first, one line naming the option")
    void badInputsRefusedInOneLine()
    {
        final String[][] cases = {
            {"--placement", "NOSE", "--placement"},
            {"--condition", "MIGRAINE", "--condition"},
            {"--condition", "IMPLANTED_ELECTRONIC_DEVICE", "ABSOLUTE_BLOCK"},
            {"--condition", "CUTS_OR_SCRATCHES", "acknowledges"},
            {"--patient", " P ", "--patient"},
            {"--clinician", "dr ada", "--clinician"},
            {"--prescription-id", "RX\u00e9", "--prescription-id"},
            {"--expires", "2020-01-01T00:00:00Z", "not in the future"},
            {"--expires", "P400D", "more than 30 days ahead"},
            {"--expires", "tomorrow", "--expires"},
            {"--expires", "PT1.5S", "whole seconds"},
            {"--reason", "  ", "--reason"},
            {"--reason", "two\nlines", "--reason"},
            {"--clinician", "dr-bob", "--key does not match clinician dr-bob"},
        };
        for (final String[] c : cases)
        {
            final CliRun run = signOverride(c[0], c[1]);
            assertEquals(ExitCodes.USAGE, run.exitCode(), c[0] + " " + c[1] + ": " + run.out() + run.err());
            assertTrue(run.errIsOneLine(), c[0] + " " + c[1] + ": " + run.err());
            assertTrue(run.err().contains(c[2]), c[0] + " " + c[1] + ": " + run.err());
            assertFalse(run.out().contains("signature"), run.out());
        }
    }

    @Test
    @DisplayName("SR-19 --into adds the override to the screening file (replacing one of the same condition), checked first")
    void intoScreeningFile() throws IOException
    {
        final Path screening = dir.resolve("screening.json");
        Files.writeString(screening, "{\"patientId\": \"PATIENT-DEMO-43\", \"placement\": \"LIMB_LOCAL\", " +
            "\"conditions\": [\"EPILEPSY\"]}");
        for (final String expires : new String[] {"PT8H", "PT4H"})
        {
            final CliRun run = signOverride("--expires", expires, "--into", screening.toString());
            assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        }
        final Screening read = Screening.load(screening);
        assertEquals(1, read.overrides().size(), "the second signing replaced the first");
        assertEquals(Condition.EPILEPSY, read.overrides().get(0).condition());

        final Path other = dir.resolve("other.json");
        final String otherText = "{\"patientId\": \"PATIENT-DEMO-42\", \"placement\": \"LIMB_LOCAL\", " +
            "\"conditions\": [\"EPILEPSY\"]}";
        Files.writeString(other, otherText);
        final CliRun wrongPatient = signOverride("--into", other.toString());
        assertEquals(ExitCodes.USAGE, wrongPatient.exitCode());
        assertTrue(wrongPatient.errIsOneLine() && wrongPatient.err().contains("--into"), wrongPatient.err());
        assertEquals(otherText, Files.readString(other), "a refused file is left as it was");

        final Path absent = dir.resolve("absent.json");
        final String absentText = "{\"patientId\": \"PATIENT-DEMO-43\", \"placement\": \"LIMB_LOCAL\", " +
            "\"conditions\": []}";
        Files.writeString(absent, absentText);
        final CliRun notPresent = signOverride("--into", absent.toString());
        assertEquals(ExitCodes.USAGE, notPresent.exitCode());
        assertTrue(notPresent.errIsOneLine() && notPresent.err().contains("overrides[0].condition"), notPresent.err());
        assertEquals(absentText, Files.readString(absent));
    }

    @Test
    @DisplayName("SR-19 the example screening's override verifies with the example keys for its prescription and session")
    void exampleVerifies()
    {
        final Screening screening = Screening.load(EXAMPLES.resolve("screening-metal-implant.json"));
        final Ed25519Authoriser keys = new Ed25519Authoriser(TrustedClinicianKeys.load(
            EXAMPLES.resolve("trusted-clinicians.json")));
        final ScreeningResult result = ScreeningEvaluator.evaluate(screening, InterlockPolicy.defaults(), keys,
            new ScreeningSession("RX-DEMO-0002", Instant.parse("2026-12-06T09:00:00Z")));
        assertTrue(result.armable(), result.summary());
        assertEquals(Disposition.OVERRIDDEN, result.outcome(Condition.METAL_IMPLANT_IN_PATH).disposition());
        assertTrue(result.summary().contains("not blocking: metal implant at [CHEST] outside the current path of " +
            "LIMB_LOCAL"), result.summary());
        assertFalse(ScreeningEvaluator.evaluate(screening, InterlockPolicy.defaults(), keys,
            new ScreeningSession("RX-DEMO-0003", Instant.parse("2026-12-06T09:00:00Z"))).armable());
    }
}
