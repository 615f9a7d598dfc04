package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.galvani.journal.JournalSkinHistory;
import org.galvani.screening.Placement;
import org.galvani.session.SkinGrade;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 4 (SR-22) end to end through the command line: the skin check entered after the session ended is
 * journaled, verified, shown in the report and the exports with its aftercare advice; a blister or burn blocks the
 * patient's next session at the site (exit 8) until {@code galvani sign-skin-review} signs a review.
 */
class SkinCheckCliTest
{
    private static final String DEVICE_KEY = DemoRx.EXAMPLES.resolve("demo-device.key").toString();
    private static final String DEVICE_PUB = DemoRx.EXAMPLES.resolve("demo-device.pub").toString();
    private static final String RX = DemoRx.EXAMPLES.resolve("prescription-dexamethasone.json").toString();

    @TempDir
    Path dir;

    @Test
    @DisplayName("SR-22 simulate --skin-check blister-or-burn: journaled, verified, in the report and exports with "
        + "its advice; the next session of that patient and site is refused (exit 8) until a signed review")
    void burnIsJournaledReportedAndBlocksUntilReviewed() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final CliRun first = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--journal",
            journal.toString(), "--device-key", DEVICE_KEY, "--skin-check", "blister-or-burn", "--skin-note",
            "2 mm blister under the cathode", "--every-s", "600");
        assertEquals(ExitCodes.OK, first.exitCode(), first.out() + first.err());
        assertTrue(first.out().contains("skin check recorded and journaled: blister-or-burn \"2 mm blister under the " +
            "cathode\""), first.out());
        assertTrue(first.out().contains("aftercare: Do not burst"), first.out());

        final CliRun verify = CliRun.of("verify", journal.toString(), "--device-key", DEVICE_PUB);
        assertEquals(ExitCodes.OK, verify.exitCode(), verify.out() + verify.err());
        final CliRun replay = CliRun.of("replay", journal.toString());
        assertEquals(ExitCodes.OK, replay.exitCode(), replay.out() + replay.err());

        final Path html = dir.resolve("report.html");
        final CliRun report = CliRun.of("report", journal.toString(), "--out", html.toString());
        assertEquals(ExitCodes.OK, report.exitCode(), report.out() + report.err());
        final String page = Files.readString(html);
        assertTrue(page.contains("10. Skin check and aftercare (SR-22)"), "the report's skin section");
        assertTrue(page.contains("blister-or-burn") && page.contains("2 mm blister under the cathode") &&
            page.contains("Do not burst or scratch the blister"), "grade, note and advice in the report");
        final Path json = dir.resolve("export.jsonl");
        final CliRun export = CliRun.of("export", journal.toString(), "--format", "json", "--out", json.toString());
        assertEquals(ExitCodes.OK, export.exitCode(), export.out() + export.err());
        final String skinLine;
        try (Stream<String> lines = Files.lines(json))
        {
            skinLine = lines.filter(line -> line.contains("\"type\":\"SKIN_CHECKED\"")).findFirst().orElse("");
        }
        assertTrue(skinLine.contains("\"aftercare\":\"Do not burst") && skinLine.contains("BLISTER_OR_BURN"), skinLine +
            "the JSON export lists the skin check with its advice");

        final CliRun blocked = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--journal",
            journal.toString(), "--device-key", DEVICE_KEY);
        assertEquals(ExitCodes.SKIN_REVIEW_REQUIRED, blocked.exitCode(), blocked.out() + blocked.err());
        assertTrue(blocked.out().contains("session refused by SR-22") &&
            blocked.out().contains("sign-skin-review --patient PATIENT-DEMO-43 --placement LIMB_LOCAL --session "),
            blocked.out());

        final Path review = dir.resolve("review.json");
        final CliRun sign = CliRun.of("sign-skin-review", "--key", DemoRx.EXAMPLES.resolve("demo-clinician.key")
            .toString(), "--clinician", "demo-clinician", "--patient", "PATIENT-DEMO-43", "--placement", "LIMB_LOCAL",
            "--journal", journal.toString(), "--reason", "blister healed, electrodes re-padded", "--out",
            review.toString());
        assertEquals(ExitCodes.OK, sign.exitCode(), sign.out() + sign.err());
        final CliRun reviewed = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--journal",
            journal.toString(), "--device-key", DEVICE_KEY, "--skin-history-key", DEVICE_PUB, "--skin-review",
            review.toString(), "--every-s", "600");
        assertEquals(ExitCodes.OK, reviewed.exitCode(), reviewed.out() + reviewed.err());
        assertTrue(reviewed.out().contains("reviewed by demo-clinician"), reviewed.out());
    }

    @Test
    @DisplayName("SR-22 H-48 the skin history is verified by default with the public key of --device-key: a journal "
        + "another key sealed is refused; --skin-history alone needs a key or --skin-history-unverified by name")
    void historyVerifiedByDefault()
    {
        final Path journal = dir.resolve("journal");
        final CliRun first = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--journal",
            journal.toString(), "--device-key", DEVICE_KEY, "--stop-at", "2", "--every-s", "600");
        assertEquals(ExitCodes.STOPPED_BY_OPERATOR, first.exitCode(), first.out() + first.err());
        final String other = dir.resolve("other-device").toString();
        assertEquals(ExitCodes.OK, CliRun.of("keygen", "--out", other).exitCode());

        // an unverified read would find no skin record and let the session run: refused means it was verified
        final CliRun foreign = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--journal",
            journal.toString(), "--device-key", other + ".key", "--stop-at", "2", "--every-s", "600");
        assertEquals(ExitCodes.FAILED, foreign.exitCode(), foreign.out() + foreign.err());
        assertTrue(foreign.errIsOneLine() && foreign.err().contains("session refused") &&
            foreign.err().contains("does not verify"), foreign.err());

        final CliRun noKey = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--skin-history",
            journal.toString(), "--stop-at", "2", "--every-s", "600");
        assertEquals(ExitCodes.USAGE, noKey.exitCode(), noKey.out() + noKey.err());
        assertTrue(noKey.errIsOneLine() && noKey.err().contains("--skin-history-key"), noKey.err());

        final CliRun withKey = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--skin-history",
            journal.toString(), "--skin-history-key", DEVICE_PUB, "--stop-at", "2", "--every-s", "600");
        assertEquals(ExitCodes.STOPPED_BY_OPERATOR, withKey.exitCode(), withKey.out() + withKey.err());
        assertTrue(!withKey.out().contains("UNVERIFIED"), withKey.out());

        final CliRun unverified = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--skin-history",
            journal.toString(), "--skin-history-unverified", "--stop-at", "2", "--every-s", "600");
        assertEquals(ExitCodes.STOPPED_BY_OPERATOR, unverified.exitCode(), unverified.out() + unverified.err());
        assertTrue(unverified.out().contains("skin history read UNVERIFIED"), unverified.out());

        final CliRun both = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--skin-history",
            journal.toString(), "--skin-history-unverified", "--skin-history-key", DEVICE_PUB);
        assertEquals(ExitCodes.USAGE, both.exitCode(), both.out() + both.err());
        assertTrue(both.errIsOneLine() && both.err().contains("--skin-history-unverified"), both.err());
    }

    @Test
    @DisplayName("SR-22 an invalid grade or note is one line naming the option and the allowed values (exit 2)")
    void badGradeIsOneLine()
    {
        final CliRun run = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--skin-check", "rash");
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("--skin-check") &&
            run.err().contains("allowed none, dryness, erythema, irritation, blister-or-burn"), run.err());
        final CliRun note = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--skin-check", "none",
            "--skin-note", "x".repeat(501));
        assertEquals(ExitCodes.USAGE, note.exitCode(), note.out() + note.err());
        assertTrue(note.errIsOneLine() && note.err().contains("--skin-note"), note.err());
        final CliRun placement = CliRun.of("sign-skin-review", "--key", DEVICE_KEY, "--clinician", "x", "--patient",
            "P", "--placement", "ELBOW", "--session", "1:2", "--reason", "r", "--out", dir.resolve("r.json").toString());
        assertEquals(ExitCodes.USAGE, placement.exitCode());
        assertTrue(placement.errIsOneLine() && placement.err().contains("--placement"), placement.err());
    }

    @Test
    @DisplayName("SR-22 in real time (control thread, HAND_OFF journal) the skin check after the e-stop goes through the "
        + "inbox, is journaled by the journal thread before the session end, verifies and replays")
    void realtimeSkinCheckAfterEmergencyStop()
    {
        final Path rt = dir.resolve("rt");
        final CliRun run = CliRun.of("simulate", "--realtime", "--trusted-keys",
            DemoRx.EXAMPLES.resolve("trusted-clinicians.json").toString(),
            "--screening", DemoRx.EXAMPLES.resolve("screening-dexamethasone.json").toString(), "--prescription", RX,
            "--journal", rt.toString(), "--device-key", DEVICE_KEY, "--estop-at", "1", "--every-s", "1",
            // the control thread, the hand-off journal and the command path, not the jitter of a shared test JVM
            "--overrun-trip-ms", "500", "--watchdog-ms", "2000", "--skin-check", "erythema");
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("skin check recorded and journaled: erythema"), run.out());
        final CliRun verify = CliRun.of("verify", rt.toString(), "--device-key", DEVICE_PUB);
        assertEquals(ExitCodes.OK, verify.exitCode(), verify.out() + verify.err());
        assertEquals(ExitCodes.OK, CliRun.of("replay", rt.toString()).exitCode());
        assertEquals(SkinGrade.ERYTHEMA, JournalSkinHistory.read(rt).last("PATIENT-DEMO-43", Placement.LIMB_LOCAL)
            .grade());
    }
}
