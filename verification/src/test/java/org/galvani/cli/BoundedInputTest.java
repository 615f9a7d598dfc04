package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Issue 11, item 9: every file the CLI reads is size-bounded with a one-line refusal, and no Error escapes the
 * CLI's handler as a stack trace. Before, {@code --prescription /dev/zero} or a multi-GB screening, key or
 * prescription file was read whole: OutOfMemoryError with a stack trace.
 */
class BoundedInputTest
{
    private static final Path EXAMPLES = DemoRx.EXAMPLES;

    @TempDir
    Path dir;

    /** A sparse 3 GB file: nothing is written to disk but its length. */
    private Path huge(final String name) throws IOException
    {
        final Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(3L << 30);
        }
        return file;
    }

    private static void refusedInOneLine(final CliRun run, final String what)
    {
        assertEquals(ExitCodes.USAGE, run.exitCode(), what + ": " + run.out() + run.err());
        assertTrue(run.errIsOneLine(), what + ": " + run.err());
        assertTrue(run.err().contains("is larger than"), what + ": " + run.err());
    }

    @Test
    @DisplayName("--prescription /dev/zero is refused in one line, exit 2 (was: OutOfMemoryError and a stack trace)")
    void devZero()
    {
        final CliRun run = SimulateCommandTest.session("screening-dexamethasone.json", "/dev/zero");
        refusedInOneLine(run, "/dev/zero");
        assertTrue(run.err().contains("prescription file /dev/zero"), run.err());
    }

    @Test
    @DisplayName("multi-GB files for every file option of simulate, sign and verify are refused unread, in one line")
    void hugeFiles() throws IOException
    {
        final Path big = huge("big.json");
        final String keys = EXAMPLES.resolve("trusted-clinicians.json").toString();
        final String screening = EXAMPLES.resolve("screening-dexamethasone.json").toString();
        final String rx = EXAMPLES.resolve("prescription-dexamethasone.json").toString();
        refusedInOneLine(CliRun.of("simulate", "--trusted-keys", keys, "--screening", big.toString(),
            "--prescription", rx), "--screening");
        refusedInOneLine(CliRun.of("simulate", "--trusted-keys", big.toString(), "--screening", screening,
            "--prescription", rx), "--trusted-keys");
        refusedInOneLine(CliRun.of("simulate", "--trusted-keys", keys, "--screening", screening,
            "--prescription", rx, "--device-limits", big.toString()), "--device-limits");
        refusedInOneLine(CliRun.of("simulate", "--trusted-keys", keys, "--screening", screening,
            "--prescription", rx, "--protocols", big.toString()), "--protocols");
        refusedInOneLine(CliRun.of("simulate", "--trusted-keys", keys, "--screening", screening,
            "--prescription", rx, "--policy", big.toString()), "--policy");
        refusedInOneLine(CliRun.of("simulate", "--trusted-keys", keys, "--screening", screening,
            "--prescription", rx, "--journal", dir.resolve("j").toString(), "--device-key", big.toString()),
            "--device-key");
        refusedInOneLine(CliRun.of("sign", "--key", EXAMPLES.resolve("demo-clinician.key").toString(),
            "--clinician", "demo-clinician", "--in", big.toString(), "--out", dir.resolve("out.json").toString()),
            "sign --in");
        refusedInOneLine(CliRun.of("sign", "--key", big.toString(), "--clinician", "demo-clinician", "--in", rx,
            "--out", dir.resolve("out.json").toString()), "sign --key");
        java.nio.file.Files.createDirectories(dir.resolve("journal"));
        refusedInOneLine(CliRun.of("verify", dir.resolve("journal").toString(), "--device-key", big.toString()),
            "verify --device-key");
    }

    @Test
    @DisplayName("an Error (OutOfMemoryError) is one line naming it, exit 3, the stack trace only under --verbose")
    void errorIsOneLine()
    {
        final StringWriter err = new StringWriter();
        final CommandLine root = GalvaniCli.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
        root.parseArgs("hal-demo");
        final int code = new CliErrorHandler().handleExecutionException(
            new CommandLine.ExecutionException(root, "failed", new OutOfMemoryError("Java heap space")),
            root.getSubcommands().get("hal-demo"), root.getParseResult());
        assertEquals(ExitCodes.INTERNAL, code);
        assertEquals("galvani hal-demo: internal error: java.lang.OutOfMemoryError: Java heap space " +
            "(rerun with --verbose for the stack trace)", err.toString().strip());

        final StringWriter fatal = new StringWriter();
        assertEquals(ExitCodes.INTERNAL, CliErrorHandler.fatal(new PrintWriter(fatal), new String[] {"simulate"},
            new StackOverflowError()));
        assertEquals("galvani simulate: internal error: java.lang.StackOverflowError " +
            "(rerun with --verbose for the stack trace)", fatal.toString().strip());
    }
}
