package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SR-14 disk full: a child JVM whose file size limit ({@code ulimit -f}, RLIMIT_FSIZE: unprivileged, so
 * available on any POSIX machine, as root or not, in a container or not; the JVM ignores SIGXFSZ, so the
 * write fails with EFBIG "File too large" exactly as on a full disk) runs a controller on the native sim
 * with a small Chronicle block size. When the queue cannot grow, onTick returns false, the journal's
 * failure() says why and the controller latches FAULT with TripCause.JOURNAL_FAILURE; the journal left
 * behind verifies, continuous, up to its last stored tick: never a silent gap.
 */
class DiskFullTest
{
    private static final Pattern STATE = Pattern.compile("^STATE (\\w+) (\\w+) (-?\\d+)$");
    private static final Pattern ENDED = Pattern.compile("^ended without session end at tick (\\d+): .*");

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(JournalMode.class)
    @DisplayName("SR-14 a journal that cannot grow (file size limit) makes the controller FAULT with JOURNAL_FAILURE")
    void fileSizeLimitTripsTheController(final JournalMode mode) throws Exception
    {
        final Path dir = root.resolve("journal");
        final String command = "ulimit -f 1024 && exec " + String.join(" ",
            JournalChildren.javaCommand(dir.toString(), mode.name(), "30000", "131072").stream()
                .map(arg -> "'" + arg.replace("'", "'\\''") + "'").toList());
        final Process child = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        final List<String> output = new ArrayList<>();
        final String state;
        final String failure;
        try (BufferedReader out = JournalChildren.stdout(child))
        {
            state = JournalChildren.awaitLine(out, "STATE ", output);
            failure = JournalChildren.awaitLine(out, "FAILURE ", output);
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        }
        finally
        {
            child.destroyForcibly();
        }
        assertNotNull(state, "child output: " + output);
        final Matcher m = STATE.matcher(state);
        assertTrue(m.matches(), state);
        assertEquals("FAULT", m.group(1), state);
        assertEquals("JOURNAL_FAILURE", m.group(2), state);
        final long tripTick = Long.parseLong(m.group(3));
        assertNotNull(failure, "child output: " + output);
        assertTrue(failure.contains("File too large"), failure);

        final VerifyReport report = JournalVerifier.verify(dir, JournalChildren.demoPublicKey());
        assertEquals(VerifyReport.Status.INCOMPLETE, report.status(), report.message());
        final Matcher ended = ENDED.matcher(report.message());
        assertTrue(ended.matches(), report.message());
        final long lastStored = Long.parseLong(ended.group(1));
        assertEquals(lastStored + 1, report.ticks(), "ticks 0 .. N all stored");
        if (mode == JournalMode.DIRECT)
        {
            assertEquals(tripTick - 1, lastStored, "the tick that could not be stored is the one that tripped");
        }
        else
        {
            assertTrue(lastStored < tripTick, "the controller tripped at the first tick after the journal thread failed");
        }
        System.out.println(mode + ": " + failure + " / tripped at tick " + tripTick + " / " + report.message());
    }
}
