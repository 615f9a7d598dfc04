package org.galvani.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.galvani.authority.Authoriser;
import org.galvani.authority.Ed25519Authoriser;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.journal.JournalAnchor;
import org.galvani.journal.JournalVerifier;
import org.galvani.journal.VerifyReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani verify DIR}: checks a device journal's hash chain, every seal against the device's
 * public key, tick continuity and session framing (SR-14), and with {@code --anchor} that the journal still
 * reaches an anchor exported earlier by {@code galvani anchor} (ADR-16), and with {@code --trusted-clinicians}
 * re-verifies every journaled clinician override (SR-19). Exit 0 OK, 4 INCOMPLETE with every crash attested by
 * a signed recovery record, 5 INCOMPLETE with an unattested unsigned tail, 1 FAILED (ADR-15), 9 OK but with
 * journaled overrides not re-verified (no {@code --trusted-clinicians}).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
        "Verifies a journal: the hash chain, the device's seals, tick continuity and session framing (SR-14).",
        "Prints OK with counts; INCOMPLETE_ATTESTED (sessions ended by a crash, each attested by the device's "
            + "signed recovery record, exit 4); INCOMPLETE_UNATTESTED (an unsigned tail no recovery record attests: "
            + "a crash not yet attested, or a cut or rewritten tail, exit 5); or FAILED with the first bad record, "
            + "or the damaged file and offset (exit 1).",
        "With --anchor FILE (from 'galvani anchor'), also proves the journal still reaches that seal.",
        "With --trusted-clinicians FILE, re-verifies the signature of every journaled clinician override (SR-19); "
            + "without it a journal that records overrides is reported OVERRIDES UNVERIFIED (exit 9), not OK."
    })
public final class VerifyCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Mixin
    private SignedJournalOptions journal;

    @Option(names = "--anchor", paramLabel = "FILE",
        description = "An anchor exported earlier by 'galvani anchor': the journal must still reach it.")
    private Path anchorFile;

    @Option(names = "--trusted-clinicians", paramLabel = "FILE",
        description = "The trusted clinician keys (the device's trusted-keys file): every journaled clinician "
            + "override's signature is re-verified against them (SR-19).")
    private Path trustedClinicians;

    @Override
    public Integer call()
    {
        final long startNs = System.nanoTime();
        final JournalAnchor anchor = anchorFile == null ? null : JournalArgs.anchor(anchorFile);
        final Authoriser clinicians = trustedClinicians == null ? null :
            new Ed25519Authoriser(TrustedClinicianKeys.load(trustedClinicians));
        final VerifyReport report = JournalVerifier.verify(journal.journal(), journal.devicePublicKey(),
            anchor, clinicians);
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
        if (anchor != null)
        {
            out.println("anchor reached: index 0x" + Long.toHexString(anchor.index()) + " holds the anchored chain value");
        }
        if (report.overridesVerified() > 0)
        {
            out.println("clinician overrides re-verified against the trusted clinician keys: " +
                report.overridesVerified());
        }
        if (report.overridesUnverified() > 0)
        {
            out.println("OVERRIDES UNVERIFIED: " + report.overridesUnverified() + " journaled clinician override(s) " +
                "not re-verified: give --trusted-clinicians FILE to check their signatures");
            if (report.status() == VerifyReport.Status.OK)
            {
                return ExitCodes.OVERRIDES_UNVERIFIED;
            }
        }
        return exitCode(report.status());
    }

    /**
     * @param status a verdict.
     * @return its exit code.
     */
    static int exitCode(final VerifyReport.Status status)
    {
        switch (status)
        {
            case OK:
                return ExitCodes.OK;
            case INCOMPLETE_ATTESTED:
                return ExitCodes.INCOMPLETE_ATTESTED;
            case INCOMPLETE_UNATTESTED:
                return ExitCodes.INCOMPLETE_UNATTESTED;
            default:
                return ExitCodes.FAILED;
        }
    }
}
