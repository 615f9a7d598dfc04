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
 * SR-21: the prescription's {@code drug} is signed, enforced, journaled in the session header (with the signed
 * prescription) and shown in the report. Before, a {@code drug} field was refused as unknown.
 */
class DrugSessionTest
{
    @TempDir
    Path dir;

    @Test
    @DisplayName("SR-21 a signed cisplatin prescription runs from the anode, its drug journaled and shown in the report")
    void drugJournaledAndReported() throws IOException
    {
        final Path rx = DemoRx.signed(dir, "rx-cisplatin.json", "\"protocol\": \"oncology\", \"drug\": \"cisplatin\", " +
            "\"mode\": \"TARGET\", \"targetCurrentMa\": 1.0, \"doseMaMin\": 5.0, \"electrodeAreaCm2\": 8.0");
        final Path journal = dir.resolve("journal");
        final CliRun run = DemoRx.simulate("screening-dexamethasone.json", rx, "--journal", journal.toString(),
            "--device-key", DemoRx.EXAMPLES.resolve("demo-device.key").toString(), "--every-s", "600");
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("(oncology, drug cisplatin)"), run.out());
        final Path html = dir.resolve("report.html");
        assertEquals(ExitCodes.OK, CliRun.of("report", journal.toString(), "--out", html.toString()).exitCode());
        final String page = Files.readString(html);
        assertTrue(page.contains("cisplatin"), "the report shows the drug");
        final CliRun verify = CliRun.of("verify", journal.toString(), "--device-key",
            DemoRx.EXAMPLES.resolve("demo-device.pub").toString());
        assertEquals(ExitCodes.OK, verify.exitCode(), verify.out() + verify.err());
    }

    @Test
    @DisplayName("SR-21 a cisplatin prescription asking for the cathode is refused naming the drug's charge")
    void wrongPolarityRefused() throws IOException
    {
        final Path rx = DemoRx.signed(dir, "rx-cisplatin-rev.json", "\"protocol\": \"oncology\", \"drug\": " +
            "\"cisplatin\", \"polarity\": \"REVERSED\", \"mode\": \"TARGET\", \"targetCurrentMa\": 1.0, " +
            "\"doseMaMin\": 5.0, \"electrodeAreaCm2\": 8.0");
        final CliRun run = DemoRx.simulate("screening-dexamethasone.json", rx);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertTrue(run.errIsOneLine() && run.err().contains("cisplatin is CATIONIC"), run.err());
    }
}
