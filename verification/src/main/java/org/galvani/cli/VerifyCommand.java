package org.galvani.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.galvani.journal.JournalVerifier;
import org.galvani.journal.VerifyReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code galvani verify DIR}: checks a device journal's hash chain, every seal against the device's
 * public key, tick continuity and session framing (SR-14). Prints OK with counts, INCOMPLETE when the
 * journal was cut off (a crash) and is valid up to its last complete record, or the first bad record and
 * why. Exit 0 for OK and INCOMPLETE, 1 when verification failed.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
        "Verifies a journal: the hash chain, the device's seals, tick continuity and session framing (SR-14).",
        "Prints OK with counts, INCOMPLETE (cut off, valid up to its last complete record) or the first bad "
            + "record and why. Exits 1 when verification failed."
    })
public final class VerifyCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal folder.")
    private Path dir;

    @Option(names = "--device-key", paramLabel = "FILE", required = true,
        description = "The device's Ed25519 public key (X.509 base64, as written by 'galvani keygen').")
    private Path deviceKey;

    @Override
    public Integer call()
    {
        final long startNs = System.nanoTime();
        final VerifyReport report = JournalVerifier.verify(JournalArgs.requireJournal(dir),
            JournalArgs.devicePublicKey(deviceKey));
        final PrintWriter out = spec.commandLine().getOut();
        out.println(report.message().startsWith(report.status().name()) ? report.message() :
            report.status() + ": " + report.message());
        out.printf("records %d, sessions %d, ticks %d, events %d, seals verified %d, unsealed tail %d (%.2f s)%n",
            report.records(), report.sessions(), report.ticks(), report.events(), report.seals(),
            report.unsealedRecords(), (System.nanoTime() - startNs) / 1e9);
        if (report.status() == VerifyReport.Status.FAILED)
        {
            out.println("first bad record: " + report.badRecord() + " (Chronicle index " + report.badIndex() + ")");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
