package org.galvani.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the command line with captured output.
 *
 * @param exitCode the exit code.
 * @param out      what went to stdout.
 * @param err      what went to stderr.
 */
record CliRun(int exitCode, String out, String err)
{
    static CliRun of(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = GalvaniCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /**
     * @return whether stderr is exactly one line (one sentence, no stack trace).
     */
    boolean errIsOneLine()
    {
        return err.strip().lines().count() == 1 && !err.contains("\tat ");
    }
}
