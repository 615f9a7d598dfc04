package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's commands on a real journal written by {@code galvani simulate}: verify, replay, report,
 * export, and a tampered journal.
 */
class JournalCommandsTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    static Path shared;

    private static Path journal;

    @TempDir
    Path dir;

    @BeforeAll
    static void simulate()
    {
        journal = shared.resolve("journal");
        final CliRun run = CliRun.of("simulate", "--trusted-keys", EXAMPLES.resolve("trusted-clinicians.json").toString(),
            "--screening", EXAMPLES.resolve("screening-dexamethasone.json").toString(),
            "--prescription", EXAMPLES.resolve("prescription-dexamethasone.json").toString(),
            "--protocol", "sports-injury-dexamethasone",
            "--journal", journal.toString(), "--device-key", EXAMPLES.resolve("demo-device.key").toString(),
            "--titrate", "-2@100", "--titrate", "+2@130");
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("session end written"), run.out());
    }

    private static CliRun verify(final Path journalDir)
    {
        return CliRun.of("verify", journalDir.toString(), "--device-key", EXAMPLES.resolve("demo-device.pub").toString());
    }

    @Test
    @DisplayName("SR-14 verify accepts the journal of a whole session: chain, seals, continuity, framing (exit 0)")
    void verifyAccepts()
    {
        final CliRun run = verify(journal);
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().startsWith("OK"), run.out());
        assertTrue(run.out().contains("sessions 1"), run.out());
        assertEquals("", run.err());
    }

    @Test
    @DisplayName("SR-15 replay reproduces every recorded decision of the journaled session (exit 0)")
    void replayReproduces()
    {
        final CliRun run = CliRun.of("replay", journal.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("session 1: REPRODUCED"), run.out());
        assertTrue(run.out().contains("every decision reproduced"), run.out());
    }

    @Test
    @DisplayName("report writes one self-contained HTML page with the session's plot and events")
    void report() throws IOException
    {
        final Path html = dir.resolve("report.html");
        final CliRun run = CliRun.of("report", journal.toString(), "--out", html.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        final String page = Files.readString(html);
        assertTrue(page.contains("<svg"), "inline SVG plot");
        assertTrue(page.contains("RX-DEMO-0002"), "the prescription");
        assertTrue(!page.contains("src=\"http") && !page.contains("href=\"http"), "no external resources");
    }

    @Test
    @DisplayName("export writes every tick and event as CSV and as JSON Lines")
    void export() throws IOException
    {
        final Path csv = dir.resolve("csv");
        assertEquals(ExitCodes.OK, CliRun.of("export", journal.toString(), "--format", "csv", "--out", csv.toString())
            .exitCode());
        final Path json = dir.resolve("session.jsonl");
        assertEquals(ExitCodes.OK, CliRun.of("export", journal.toString(), "--format", "json", "--out",
            json.toString()).exitCode());
        final long ticks;
        try (Stream<String> lines = Files.lines(csv.resolve("ticks.csv")))
        {
            ticks = lines.count() - 1;
        }
        assertTrue(ticks > 600_000, "ticks exported: " + ticks);
        final List<String> events = Files.readAllLines(csv.resolve("events.csv"));
        assertTrue(events.size() > 10 && events.stream().anyMatch(l -> l.contains("ADJUST")), events.toString());
        try (Stream<String> lines = Files.lines(json))
        {
            assertEquals(ticks, lines.filter(l -> l.contains("\"record\":\"tick\"")).count());
        }
    }

    @Test
    @DisplayName("SR-14 a journal with one byte changed fails verify and names the first bad record (exit 1)")
    void tamperedJournalFails() throws IOException
    {
        final Path copy = dir.resolve("tampered");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(journal))
        {
            for (final Path file : files.toList())
            {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        final Path cq4;
        try (Stream<Path> files = Files.list(copy))
        {
            cq4 = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        flipOneByteOfATickRecord(cq4);
        final CliRun run = verify(copy);
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("first bad record"), run.out());
    }

    /** Flips one byte 30 MB into the queue file: inside the tick records of a 640,000-tick session. */
    private static void flipOneByteOfATickRecord(final Path cq4) throws IOException
    {
        try (RandomAccessFile file = new RandomAccessFile(cq4.toFile(), "rw"))
        {
            // a position well inside the ticks (the file starts with Chronicle's header and index)
            final long position = 30_000_000L;
            file.seek(position);
            final int b = file.read();
            file.seek(position);
            file.write(b ^ 0x40);
        }
    }

    @Test
    @DisplayName("SR-12 SR-14 real time: the controller on its own thread, journal handed off; an e-stop after 2 s ends the session, the journal verifies and replays")
    void realtimeWithEmergencyStop()
    {
        final Path rt = dir.resolve("rt");
        final CliRun run = CliRun.of("simulate", "--realtime", "--trusted-keys",
            EXAMPLES.resolve("trusted-clinicians.json").toString(),
            "--screening", EXAMPLES.resolve("screening-dexamethasone.json").toString(),
            "--prescription", EXAMPLES.resolve("prescription-dexamethasone.json").toString(),
            "--journal", rt.toString(), "--device-key", EXAMPLES.resolve("demo-device.key").toString(),
            "--estop-at", "2", "--every-s", "1",
            // this checks the control thread, the hand-off journal and the e-stop, not the jitter of a shared
            // test JVM (SR-9 timing is tested by hand in SafetyScenarioTest; jitter is measured by LoopJitterHarness)
            "--overrun-trip-ms", "500", "--watchdog-ms", "2000");
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("session ended in E_STOP"), run.out());
        assertTrue(run.out().contains("real time:"), run.out());
        assertEquals(ExitCodes.OK, verify(rt).exitCode(), verify(rt).out());
        final CliRun replay = CliRun.of("replay", rt.toString());
        assertEquals(ExitCodes.OK, replay.exitCode(), replay.out());
    }

    private Path copyOfJournal(final String name) throws IOException
    {
        final Path copy = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> files = Files.list(journal))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    @Test
    @DisplayName("SR-24 verify's exit codes separate the verdicts: a session left open is 5 (unattested), 4 once the device reopened the journal (attested)")
    void verifyExitCodesSeparateTheVerdicts() throws Exception
    {
        final Path copy = copyOfJournal("crashed");
        final org.galvani.journal.SessionHeader[] header = {null};
        try (org.galvani.journal.JournalReader reader = org.galvani.journal.JournalReader.open(copy))
        {
            while (reader.next(new org.galvani.journal.JournalVisitor()
            {
                @Override
                public void onSessionStart(final long index, final org.galvani.journal.SessionHeader h)
                {
                    header[0] = h;
                }
            }))
            {
                // the session's header, reused for a second session
            }
        }
        final java.security.PrivateKey key = org.galvani.authority.Ed25519Signer.load(EXAMPLES.resolve("demo-device.key"))
            .privateKey();
        try (org.galvani.journal.ChronicleJournal journal = org.galvani.journal.ChronicleJournal.open(copy,
            new org.galvani.journal.JournalOptions().devicePrivateKey(key).mode(org.galvani.journal.JournalMode.DIRECT)))
        {
            journal.startSession(header[0]);
            final org.galvani.controller.TickRecord tick = new org.galvani.controller.TickRecord();
            for (int t = 0; t < 50; t++)
            {
                tick.tick = t;
                assertTrue(journal.onTick(tick));
            }
            // closed without a session end: as a crash leaves it
        }
        final CliRun unattested = verify(copy);
        assertEquals(ExitCodes.INCOMPLETE_UNATTESTED, unattested.exitCode(), unattested.out() + unattested.err());
        assertTrue(unattested.out().startsWith("INCOMPLETE_UNATTESTED: session 1 "), unattested.out());
        try (org.galvani.journal.ChronicleJournal journal = org.galvani.journal.ChronicleJournal.open(copy,
            new org.galvani.journal.JournalOptions().devicePrivateKey(key)))
        {
            assertTrue(journal.recovered());
        }
        final CliRun attested = verify(copy);
        assertEquals(ExitCodes.INCOMPLETE_ATTESTED, attested.exitCode(), attested.out() + attested.err());
        assertTrue(attested.out().contains("session 1 (from record") && attested.out().contains("ended at tick 49"),
            attested.out());
    }

    @Test
    @DisplayName("SR-25 galvani anchor exports the latest seal; verify --anchor reaches it (exit 0), another journal does not (exit 1)")
    void anchorRoundTrip() throws IOException
    {
        final Path anchor = dir.resolve("anchor.txt");
        final CliRun exported = CliRun.of("anchor", journal.toString(), "--device-key",
            EXAMPLES.resolve("demo-device.pub").toString(), "--out", anchor.toString());
        assertEquals(ExitCodes.OK, exported.exitCode(), exported.out() + exported.err());
        assertTrue(Files.readString(anchor).startsWith("galvani-anchor-1 index=0x"), Files.readString(anchor));
        final CliRun reached = CliRun.of("verify", journal.toString(), "--device-key",
            EXAMPLES.resolve("demo-device.pub").toString(), "--anchor", anchor.toString());
        assertEquals(ExitCodes.OK, reached.exitCode(), reached.out() + reached.err());
        assertTrue(reached.out().contains("anchor reached"), reached.out());

        final Path cut = copyOfJournal("cut");
        try (Stream<Path> files = Files.list(cut))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (file.toString().endsWith(".cq4"))
                {
                    // zero everything from the middle of the data on: a tail cut off at a record boundary
                    // looks the same to the anchor (it is no longer there)
                    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw"))
                    {
                        raf.setLength(0);
                    }
                }
            }
        }
        final CliRun missed = CliRun.of("verify", cut.toString(), "--device-key",
            EXAMPLES.resolve("demo-device.pub").toString(), "--anchor", anchor.toString());
        assertEquals(ExitCodes.FAILED, missed.exitCode(), missed.out() + missed.err());
        assertTrue(missed.out().contains("no longer reaches its anchor"), missed.out());
    }
}
