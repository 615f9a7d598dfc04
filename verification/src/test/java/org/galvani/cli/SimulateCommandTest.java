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
 * {@code galvani session} in process, on the example files in docs/examples (the README's main job).
 */
class SimulateCommandTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    Path dir;

    static CliRun session(final String screening, final String prescription, final String... more)
    {
        final String[] base = {"simulate", "--trusted-keys", EXAMPLES.resolve("trusted-clinicians.json").toString(),
            "--screening", EXAMPLES.resolve(screening).toString(), "--prescription", prescription};
        final String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    @DisplayName("SR-11 the dexamethasone example runs to COMPLETE with 40 mA·min delivered (exit 0)")
    void dexamethasoneCompletes()
    {
        final CliRun run = session("screening-dexamethasone.json",
            EXAMPLES.resolve("prescription-dexamethasone.json").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("session ended in COMPLETE"), run.out());
        assertTrue(run.out().contains("dose 40.0"), run.out());
    }

    @Test
    @DisplayName("SR-1 the pacemaker example is refused at SCREEN and never armed (exit 1)")
    void pacemakerRefused()
    {
        final CliRun run = session("screening-pacemaker.json",
            EXAMPLES.resolve("prescription-dexamethasone.json").toString());
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("SR-1.R1"), run.out());
        assertTrue(run.out().contains("command SCREEN refused"), run.out());
        assertTrue(run.out().contains("session refused: not armed"), run.out());
    }

    @Test
    @DisplayName("SR-16 a prescription edited after signing is refused at ARM (exit 1)")
    void tamperedPrescriptionRefused() throws IOException
    {
        final Path tampered = dir.resolve("tampered.json");
        final String original = Files.readString(EXAMPLES.resolve("prescription-dexamethasone.json"));
        final String edited = original.replace("\"targetCurrentMa\" : 4.0", "\"targetCurrentMa\" : 3.5");
        assertTrue(!edited.equals(original), "the example's target current was found and edited");
        Files.writeString(tampered, edited);
        final CliRun run = session("screening-dexamethasone.json", tampered.toString());
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("command ARM refused"), run.out());
    }

    @Test
    @DisplayName("SR-3 an injected overcurrent ends the session in FAULT with the trip named (exit 1)")
    void faultEndsInTrip()
    {
        final CliRun run = session("screening-dexamethasone.json",
            EXAMPLES.resolve("prescription-dexamethasone.json").toString(),
            // the drug is delivered from the cathode: the readings are negative, so -3 mA adds to their magnitude
            "--fault", "adc-offset@60000+inf:-2000/current-a", "--fault", "adc-offset@60000+inf:-2000/current-b");
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("TRIP OVERCURRENT (SR-3"), run.out());
        assertTrue(run.out().contains("session ended in FAULT"), run.out());
    }

    @Test
    @DisplayName("bad input: a missing file is one sentence naming it (exit 2)")
    void missingFile()
    {
        final CliRun run = session("screening-dexamethasone.json", dir.resolve("nope.json").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("nope.json"), run.err());
    }

    @Test
    @DisplayName("SR-26 faster than real time, a stdout nobody reads never stalls the control loop: the session ends and its journal is sealed while the output is blocked")
    void fastLoopNeverWaitsForStdout() throws Exception
    {
        final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        final java.io.OutputStream blocked = new java.io.OutputStream()
        {
            @Override
            public void write(final int b) throws java.io.IOException
            {
                try
                {
                    release.await();
                }
                catch (final InterruptedException ex)
                {
                    throw new java.io.InterruptedIOException();
                }
            }
        };
        final Path journal = dir.resolve("journal");
        final int[] exit = {-1};
        final Thread run = new Thread(() -> exit[0] = GalvaniCli.execute(new java.io.PrintWriter(blocked),
            new java.io.PrintWriter(new java.io.StringWriter()), "simulate", "--trusted-keys",
            EXAMPLES.resolve("trusted-clinicians.json").toString(), "--screening",
            EXAMPLES.resolve("screening-dexamethasone.json").toString(), "--prescription",
            EXAMPLES.resolve("prescription-dexamethasone.json").toString(), "--journal", journal.toString(),
            "--device-key", EXAMPLES.resolve("demo-device.key").toString(), "--every-s", "0.01"));
        run.setDaemon(true);
        run.start();
        final java.security.PublicKey key = JournalArgsAccess.devicePublicKey(EXAMPLES.resolve("demo-device.pub"));
        final long deadline = System.nanoTime() + 120_000_000_000L;
        org.galvani.journal.VerifyReport report = null;
        while (System.nanoTime() < deadline)
        {
            Thread.sleep(500);
            if (java.nio.file.Files.isDirectory(journal))
            {
                report = org.galvani.journal.JournalVerifier.verify(journal, key);
                if (report.ok())
                {
                    break;
                }
            }
        }
        try
        {
            assertTrue(report != null && report.ok(), "the session ended, sealed, while stdout was blocked: " + report);
        }
        finally
        {
            release.countDown();
        }
        run.join(60_000);
        assertEquals(ExitCodes.OK, exit[0]);
    }
}
