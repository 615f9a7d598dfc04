package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.galvani.controller.TickRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-14 crash safety, for real: a child JVM runs a controller on the native sim with the journal at real
 * time and is killed with SIGKILL after a random delay; the journal it leaves verifies up to its last
 * complete record and says "ended without session end at tick N" (INCOMPLETE_UNATTESTED) — never corrupt,
 * never unreadable; reopened, the journal writes a signed RECOVERY record and the crash verifies as
 * INCOMPLETE_ATTESTED (ADR-15).
 */
class CrashSafetyTest
{
    private static final Pattern ENDED = Pattern.compile("^session 0 \\(from record 0\\) ended without session end at tick (\\d+): .*");

    @TempDir
    Path root;

    @Test
    @DisplayName("SR-14 a journal killed with SIGKILL mid-session (6 times, both modes) verifies up to its last record")
    void killedMidSession() throws Exception
    {
        final PublicKey deviceKey = JournalChildren.demoPublicKey();
        final Random random = new Random(20261125L);
        for (int run = 0; run < 6; run++)
        {
            final JournalMode mode = run % 2 == 0 ? JournalMode.HAND_OFF : JournalMode.DIRECT;
            final Path dir = root.resolve("run-" + run);
            final Process child = new ProcessBuilder(JournalChildren.javaCommand(dir.toString(), mode.name(), "0", "0"))
                .redirectErrorStream(true).start();
            final List<String> output = new ArrayList<>();
            try (BufferedReader out = JournalChildren.stdout(child))
            {
                assertNotNull(JournalChildren.awaitLine(out, "READY", output), "child output: " + output);
                Thread.sleep(200 + random.nextInt(1300));
                child.destroyForcibly();
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            finally
            {
                child.destroyForcibly();
            }
            assertEquals(137, child.exitValue(), "killed by SIGKILL");

            final VerifyReport report = JournalVerifier.verify(dir, deviceKey);
            assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, report.status(), run + " " + mode + ": " +
                report.message());
            final Matcher ended = ENDED.matcher(report.message());
            assertTrue(ended.matches(), report.message());
            final long tickN = Long.parseLong(ended.group(1));
            assertTrue(tickN > 50, "ran for a while: " + report.message());
            assertEquals(tickN + 1, report.ticks(), "every tick from 0 to N is there");
            final long lastRead = lastTickRead(dir);
            assertEquals(tickN, lastRead, "the reader reads up to the same last complete record");
            System.out.println("run " + run + " " + mode + ": " + report.message());

            // the device restarts: its journal attests the tail it found, and the crash verifies as attested
            try (ChronicleJournal reopened = ChronicleJournal.open(dir, new JournalOptions()
                .devicePrivateKey(JournalChildMain.demoKey()).mode(mode)))
            {
                assertTrue(reopened.recovered(), "a recovery record was written");
            }
            final VerifyReport attested = JournalVerifier.verify(dir, deviceKey);
            assertEquals(VerifyReport.Status.INCOMPLETE_ATTESTED, attested.status(), attested.message());
            assertEquals(List.of("session 0 (from record 0) ended at tick " + tickN + " without session end, " +
                report.unsealedRecords() + " unsigned records, attested by the recovery record at record " +
                report.records()), attested.crashes(), attested.message());
        }
    }

    private static long lastTickRead(final Path dir)
    {
        final long[] last = {-1};
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (reader.next(new JournalVisitor()
            {
                @Override
                public void onTick(final long index, final TickRecord record)
                {
                    last[0] = record.tick;
                }
            }))
            {
                // reads to the end
            }
        }
        return last[0];
    }
}
