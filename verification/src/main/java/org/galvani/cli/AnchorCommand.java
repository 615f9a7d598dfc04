package org.galvani.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.galvani.journal.JournalVerifier;
import org.galvani.journal.VerifyReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani anchor DIR --device-key FILE [--out FILE]}: verifies the journal, then exports its latest
 * seal as a one-line anchor for a system outside the device (a fleet server, a ticket), so that a later
 * {@code galvani verify --anchor} proves the journal still reaches that seal — cutting off the whole tail,
 * seals included, is then detected (ADR-16). Refuses (exit 1) when the journal fails verification or holds
 * no seal.
 */
@Command(
    name = "anchor",
    mixinStandardHelpOptions = true,
    description = {
        "Exports the journal's latest seal as an anchor (one line) for a system outside the device; "
            + "'galvani verify --anchor' later proves the journal still reaches it (a cut-off tail is detected).",
        "The journal is verified first; a FAILED journal or one without a seal has no anchor (exit 1)."
    })
public final class AnchorCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private SignedJournalOptions journal;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the anchor to this file (default: stdout).")
    private Path outFile;

    @Override
    public Integer call() throws IOException
    {
        final VerifyReport report = JournalVerifier.verify(journal.journal(), journal.devicePublicKey());
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (report.status() == VerifyReport.Status.FAILED || report.latestSeal() == null)
        {
            err.println("anchor: no anchor: " + (report.latestSeal() == null && report.status() !=
                VerifyReport.Status.FAILED ? "the journal holds no seal yet" : report.toString()));
            return ExitCodes.FAILED;
        }
        final String line = report.latestSeal().toText();
        if (outFile == null)
        {
            out.println(line);
        }
        else
        {
            Files.writeString(outFile, line + System.lineSeparator(), StandardCharsets.UTF_8);
            out.println("anchor written to " + outFile + " (" + report.status() + ", " + report.records() +
                " records): " + line);
        }
        return ExitCodes.OK;
    }
}
