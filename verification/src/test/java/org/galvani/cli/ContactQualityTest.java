package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-20 (issue 11, item 2): a drying or lifting electrode is noticed. Before, a load impedance 3–4 × its starting
 * value mid-session ({@code --fault load-step@120000+inf:10000}) gave no event at all: only above 100 kΩ counted.
 */
class ContactQualityTest
{
    private static final String RX = DemoRx.EXAMPLES.resolve("prescription-dexamethasone.json").toString();

    @Test
    @DisplayName("SR-20 a load step to 3-4 × the contact's impedance mid-session holds off with CONTACT_DEGRADED, " +
        "output off, until the operator resumes")
    void loadStepIsContactDegraded()
    {
        final CliRun run = SimulateCommandTest.session("screening-dexamethasone.json", RX,
            "--fault", "load-step@120000+inf:10000", "--every-s", "600");
        assertTrue(run.out().contains("HOLD-OFF CONTACT_DEGRADED"), run.out());
        assertTrue(run.out().contains("state TREATING -> HOLD_OFF (CONTACT_DEGRADED)"), run.out());
        assertFalse(run.out().contains("HOLD_OFF -> RAMP_UP"), "no automatic probe: " + run.out());
        final int at = run.out().indexOf("HOLD-OFF CONTACT_DEGRADED");
        final double seconds = Double.parseDouble(run.out().substring(run.out().lastIndexOf('[', at) + 1,
            run.out().lastIndexOf(" s]", at)).strip());
        assertTrue(seconds > 120.0 && seconds < 121.0, "within 500 ms of the step at 120 s: " + seconds);
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out());
        assertTrue(run.out().contains("outcome: NOT_ENDED"), run.out());
    }

    @Test
    @DisplayName("SR-20 the skin's own drift (resistance falling as it hydrates) and a fault-free session raise no event")
    void normalDriftIsQuiet()
    {
        final CliRun run = SimulateCommandTest.session("screening-dexamethasone.json", RX, "--every-s", "600");
        assertFalse(run.out().contains("CONTACT_DEGRADED"), run.out());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out());
    }

    @Test
    @DisplayName("SR-20 a slow drift up of the load (an electrode drying out) is noticed before the open-circuit limit")
    void slowDriftUpIsNoticed()
    {
        // +40 Ω per simulated second from minute 2: the load doubles within about two minutes, far below 100 kΩ
        final CliRun run = SimulateCommandTest.session("screening-dexamethasone.json", RX,
            "--fault", "load-drift@120000+inf:40", "--every-s", "600");
        assertTrue(run.out().contains("HOLD-OFF CONTACT_DEGRADED"), run.out());
        assertFalse(run.out().contains("CONTACT_LOST"), run.out());
    }
}
