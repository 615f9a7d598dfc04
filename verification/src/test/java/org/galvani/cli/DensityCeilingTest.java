package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-4 margin (issue 11, item 1): a prescription the validator accepts never trips CURRENT_DENSITY by design.
 * Before the margin, 4 mA on 8 cm² (exactly 0.5 mA/cm²) was accepted and tripped at 40 s, and every
 * density-clamped hyperhidrosis session titrated to its cap tripped too.
 */
class DensityCeilingTest
{
    @TempDir
    Path dir;

    @Test
    @DisplayName("SR-4 4 mA dexamethasone on 8 cm² (exactly the density trip level) is refused, not tripped mid-treatment")
    void exactlyAtTheTripLevelIsRefused() throws IOException
    {
        final Path rx = DemoRx.signed(dir, "rx-4ma-8cm2.json", "\"protocol\": \"sports-injury-dexamethasone\", " +
            "\"mode\": \"TARGET\", \"targetCurrentMa\": 4.0, \"doseMaMin\": 40.0, \"electrodeAreaCm2\": 8.0, " +
            "\"drugCharge\": \"ANIONIC\"");
        final CliRun run = DemoRx.simulate("screening-dexamethasone.json", rx);
        assertFalse(run.out().contains("CURRENT_DENSITY"), run.out());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out() + run.err());
        assertTrue(run.errIsOneLine() && run.err().contains("prescription.targetCurrentMa = 4.0") &&
            run.err().contains("allowed 0.1 .. 3.8 mA"), run.err());
    }

    @Test
    @DisplayName("SR-4 a prescription at exactly the prescribable ceiling (3.8 mA on 8 cm²) runs to COMPLETE without a trip")
    void atTheCeilingCompletes() throws IOException
    {
        final Path rx = DemoRx.signed(dir, "rx-ceiling.json", "\"protocol\": \"sports-injury-dexamethasone\", " +
            "\"mode\": \"TARGET\", \"targetCurrentMa\": 3.8, \"doseMaMin\": 20.0, \"electrodeAreaCm2\": 8.0, " +
            "\"drugCharge\": \"ANIONIC\"");
        final CliRun run = DemoRx.simulate("screening-dexamethasone.json", rx);
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertFalse(run.out().contains("TRIP"), run.out());
        assertTrue(run.out().contains("session ended in COMPLETE"), run.out());
    }

    @Test
    @DisplayName("SR-4 SR-17 a density-clamped hyperhidrosis session titrated to its cap runs its 20 min without a trip")
    void clampedHyperhidrosisTitratedToCap() throws IOException
    {
        final Path rx = DemoRx.signed(dir, "rx-hands-20cm2.json", "\"protocol\": \"hyperhidrosis-hands\", " +
            "\"mode\": \"TITRATION\", \"startCurrentMa\": 2.0, \"capCurrentMa\": 18.0, \"stepCurrentMa\": 1.0, " +
            "\"durationMin\": 20.0, \"electrodeAreaCm2\": 20.0, \"polarity\": \"NORMAL\"");
        final CliRun run = DemoRx.simulate("screening-clear.json", rx, "--titrate", "+20@20", "--every-s", "600");
        assertFalse(run.out().contains("CURRENT_DENSITY"), run.out());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("cap 9.50 mA"), run.out());
        assertTrue(run.out().contains("peak current 9.5"), run.out());
    }
}
