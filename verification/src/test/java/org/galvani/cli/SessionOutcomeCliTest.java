package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 6: COMPLETE only when the plan was delivered. Before, an operator-stopped, dose-ended session
 * ended "COMPLETE", exit 0, with 13.3 of 40 mA·min delivered.
 */
class SessionOutcomeCliTest
{
    @TempDir
    Path dir;

    @Test
    @DisplayName("SR-11 an operator STOP before the dose is STOPPED_BY_OPERATOR, exit 4, in the console and the report")
    void operatorStopIsNotComplete() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final CliRun run = SimulateCommandTest.session("screening-dexamethasone.json",
            DemoRx.EXAMPLES.resolve("prescription-dexamethasone.json").toString(), "--stop-at", "200",
            "--journal", journal.toString(), "--device-key", DemoRx.EXAMPLES.resolve("demo-device.key").toString());
        assertEquals(ExitCodes.STOPPED_BY_OPERATOR, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("outcome: STOPPED_BY_OPERATOR"), run.out());
        final Path html = dir.resolve("report.html");
        final CliRun report = CliRun.of("report", journal.toString(), "--out", html.toString());
        assertEquals(ExitCodes.OK, report.exitCode(), report.out() + report.err());
        final String page = Files.readString(html);
        assertTrue(page.contains("STOPPED_BY_OPERATOR") &&
            page.contains("stopped by the operator before the plan was delivered"), "the report's outcome line");
    }

    @Test
    @DisplayName("SR-11 SR-17 a dose-ended session stopped by the maker's time bound short of its dose is INCOMPLETE_DOSE, exit 5")
    void timeBoundShortOfDoseIsIncomplete() throws IOException
    {
        // 40 kΩ of skin: at 60 V compliance at most 1.5 mA flows, the 4 mA plan cannot deliver its dose in 1.5 × 10 min
        final Path rx = DemoRx.signed(dir, "rx-dose.json", "\"protocol\": \"sports-injury-dexamethasone\", " +
            "\"mode\": \"TARGET\", \"targetCurrentMa\": 4.0, \"doseMaMin\": 40.0, \"durationMin\": 10.0, " +
            "\"electrodeAreaCm2\": 10.0, \"drugCharge\": \"ANIONIC\"");
        final CliRun run = DemoRx.simulate("screening-dexamethasone.json", rx, "--sim-config",
            "r_skin_initial_ohm=40000, r_skin_final_ohm=40000", "--every-s", "600");
        assertEquals(ExitCodes.INCOMPLETE_DOSE, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("outcome: INCOMPLETE_DOSE"), run.out());
    }

    @Test
    @DisplayName("SR-11 the delivered dexamethasone example is COMPLETE, exit 0")
    void deliveredIsComplete()
    {
        final CliRun run = SimulateCommandTest.session("screening-dexamethasone.json",
            DemoRx.EXAMPLES.resolve("prescription-dexamethasone.json").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("outcome: COMPLETE (plan delivered)"), run.out());
    }
}
