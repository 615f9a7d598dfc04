package org.galvani.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.galvani.campaign.Campaign;
import org.galvani.campaign.FaultKind;
import org.galvani.campaign.FaultSchedule;
import org.galvani.campaign.Property;
import org.galvani.campaign.Trial;
import org.galvani.campaign.TrialResult;
import org.galvani.campaign.TrialRunner;
import org.galvani.campaign.Violation;
import org.galvani.config.InvalidConfigurationException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani campaign}: property-based fault injection through the real controller, JNA, native sim and
 * journal (docs/qa-campaign.md). Prints the seed, a progress bar on stderr, pass/fail per property, the
 * coverage matrix (fault class × state at onset) and, for a failure, the shrunk schedule as command lines
 * that reproduce it with its journal. {@code --trial K} re-runs one trial of a seed (optionally with a
 * {@code --schedule} in place of its own) and keeps its journal. Exit 0 when every property held, 1 otherwise.
 */
@Command(
    name = "campaign",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a property-based fault-injection campaign through the controller on the native sim and checks "
            + "the safety properties P1..P7 in every tick; prints pass/fail per property, the fault × state "
            + "coverage matrix, and a failure's shrunk fault schedule as a reproducing command line.",
        "Exits 0 when no property was violated other than by a documented known finding (listed apart), 1 otherwise."
    })
public final class CampaignCommand implements Callable<Integer>
{
    /** Ticks a lone trial (--trial) runs unmeasured before its measured run, to warm the JIT up. */
    private static final long SINGLE_TRIAL_WARMUP_TICKS = 200_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--tries", paramLabel = "N", defaultValue = "1000",
        description = "Number of trials (default: ${DEFAULT-VALUE}).")
    private int tries;

    @Option(names = "--seed", paramLabel = "S",
        description = "Seed of the campaign (default: a fresh one, printed).")
    private Long seed;

    @Option(names = "--faults", paramLabel = "CLASS,...", split = ",",
        description = "Fault classes to draw from (default: all but the opt-in ones): open-circuit, short, adc-stuck, "
            + "adc-offset, adc-noisy, adc-out-of-range, channel-disagree, dac-stuck, dac-slew, supply-sag, driver-error, "
            + "load-step, load-drift, late-ticks, tick-stall; opt-in: bus-stall, relay-stuck, actuate-error, "
            + "electrode-offset, current-stuck, journal-refusal; 'all': every kind, the opt-in ones included.")
    private List<String> faults = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
        description = "Write the summary, the coverage matrix (coverage.csv) and a failure's journal here.")
    private Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
        description = "Worker threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--allocation-every", paramLabel = "N", defaultValue = "1",
        description = "Count the tick path's allocation on every N-th trial after the warm-up (0: never; "
            + "default: ${DEFAULT-VALUE}).")
    private int allocationEvery;

    @Option(names = "--seal-interval", paramLabel = "RECORDS", defaultValue = "8192",
        description = "Records between two Ed25519 seals of each trial's journal; a final seal always follows "
            + "the session end (default: ${DEFAULT-VALUE}; a device's default is 1024). Signing and checking "
            + "seals is most of a trial's cost; the seal logic is the same at any interval.")
    private int sealIntervalRecords;

    @Option(names = "--journal-every", paramLabel = "N", defaultValue = "1",
        description = "Journal, verify and replay (P5) every N-th trial; the other trials check P1-P4, P6, P7 "
            + "without a journal (default: ${DEFAULT-VALUE}, every trial). A failure is always shrunk and kept "
            + "with its journal.")
    private int journalEvery;

    @Option(names = "--journal-dir", paramLabel = "DIR",
        description = "Folder for the trials' journals, one folder per trial, deleted after its checks (default: "
            + "/dev/shm when present, else the temporary folder). A huge-page tmpfs is cheapest on a machine whose "
            + "page faults are slow (docs/qa-campaign.md).")
    private Path journalDir;

    @Option(names = "--max-shrink-runs", paramLabel = "N", defaultValue = "300",
        description = "Budget of the fault-schedule minimiser (default: ${DEFAULT-VALUE}).")
    private int maxShrinkRuns;

    @Option(names = "--exclude-trials", paramLabel = "K,...", split = ",",
        description = "Trial indices to generate but not run (e.g. a baseline's known failures in a mutation run).")
    private List<Integer> excludedTrials = new ArrayList<>();

    @Option(names = "--trial", paramLabel = "K", defaultValue = "-1",
        description = "Re-run only trial K of the seed and keep its journal (in --out, or a temporary folder).")
    private int trialIndex;

    @Option(names = "--schedule", paramLabel = "SPECS",
        description = "With --trial: run it with this fault schedule instead (specs joined by ';').")
    private String schedule;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        InvalidConfigurationException.requireInRange("--tries", tries, 1, 100_000_000, "");
        InvalidConfigurationException.requireInRange("--threads", threads, 1, 64, "");
        InvalidConfigurationException.requireInRange("--journal-every", journalEvery, 1, 1_000_000, "");
        InvalidConfigurationException.requireInRange("--seal-interval", sealIntervalRecords, 1,
            org.galvani.journal.JournalDescriptor.MAX_SEAL_INTERVAL_RECORDS, "records");
        final Path trialJournals = trialJournals();
        final PrintWriter stdout = spec.commandLine().getOut();
        final List<FaultKind> kinds = new ArrayList<>();
        for (final String name : faults)
        {
            try
            {
                if ("all".equalsIgnoreCase(name.strip()))
                {
                    kinds.addAll(FaultKind.all());
                    continue;
                }
                kinds.add(FaultKind.fromName(name));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new InvalidConfigurationException("--faults", ex.getMessage());
            }
        }
        if (kinds.isEmpty())
        {
            kinds.addAll(FaultKind.defaults());
        }
        final long campaignSeed = seed != null ? seed : System.nanoTime() & ((1L << 48) - 1);
        stdout.printf(Locale.ROOT, "campaign seed %d (reproduce: galvani campaign --seed %d --tries %d%s)%n",
            campaignSeed, campaignSeed, tries, faults.isEmpty() ? "" : " --faults " + String.join(",", faults));
        if (out != null)
        {
            Files.createDirectories(out);
        }
        if (trialIndex >= 0)
        {
            return single(stdout, campaignSeed, kinds, trialJournals);
        }
        final Path failureJournal = out != null ? out.resolve("failure-journal") :
            Files.createTempDirectory(trialJournals, "galvani-failure-");
        final Campaign.Report report = Campaign.run(new Campaign.Options(tries, campaignSeed, kinds, threads,
            allocationEvery, maxShrinkRuns, failureJournal, System.err, java.util.Set.copyOf(excludedTrials),
            sealIntervalRecords, journalEvery, trialJournals));
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%d trials, %,d ticks simulated in %.1f s: %.1f trials/s, %,.0f ticks/s " +
            "(%d threads; tick-path allocation counted on %d trials, %d of them allocated in the first run only (JIT), " +
            "the DIRECT journal's own: %,d bytes)%n",
            report.tries(), report.ticks(), report.elapsedNs() / 1e9, report.triesPerSecond(), report.ticksPerSecond(),
            threads, report.allocationChecked(), report.transientAllocations(), report.journalBytes()));
        for (final Property property : Property.values())
        {
            final long failed = report.failuresByProperty().get(property);
            final String sampled = property == Property.JOURNAL_VERIFY_REPLAY && journalEvery > 1 ?
                " [checked on 1 trial in " + journalEvery + ": " + ((report.tries() + journalEvery - 1) / journalEvery) +
                    " trials, journal sealed every " + sealIntervalRecords + " records]" :
                property == Property.JOURNAL_VERIFY_REPLAY ? " [journal sealed every " + sealIntervalRecords + " records]" : "";
            final long known = report.knownByProperty().get(property);
            text.append(String.format(Locale.ROOT, "  %-4s %s%s%s%s%n", failed == 0 ? "PASS" : "FAIL", property.title(),
                sampled, failed == 0 ? "" : " — violated in " + failed + " trial(s)",
                known == 0 ? "" : " — known finding only (docs/qa-campaign.md, Findings) in " + known + " trial(s)"));
        }
        text.append("coverage (fault class × session state at onset):\n").append(report.coverage().render(kinds));
        final Campaign.Failure failure = report.failure();
        if (failure != null)
        {
            text.append("failing trials:\n");
            for (final String failed : report.failedTrials())
            {
                text.append("  ").append(failed).append('\n');
            }
            text.append(describe(failure, campaignSeed, tries, kinds));
        }
        else
        {
            text.append(report.knownTrials().isEmpty() ? "no violation\n" : "no violation other than known findings\n");
            Files.deleteIfExists(failureJournal);
        }
        if (!report.knownTrials().isEmpty())
        {
            text.append("trials with known findings only (not failures; first 50):\n");
            for (final String known : report.knownTrials())
            {
                text.append("  ").append(known).append('\n');
            }
        }
        stdout.print(text);
        stdout.flush();
        if (out != null)
        {
            Files.writeString(out.resolve("summary.txt"), text, StandardCharsets.UTF_8);
            Files.writeString(out.resolve("coverage.csv"), report.coverage().toCsv(kinds), StandardCharsets.UTF_8);
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static String describe(final Campaign.Failure failure, final long seed, final int tries,
        final List<FaultKind> kinds)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("FIRST FAILURE: trial ").append(failure.index()).append('\n');
        for (final Violation violation : failure.violations())
        {
            sb.append("  ").append(violation).append('\n');
        }
        sb.append("  trial: ").append(failure.trial()).append('\n');
        sb.append(String.format(Locale.ROOT, "shrunk schedule (%d of %d faults, %d runs, %s): %s%n",
            failure.shrunk().schedule().size(), failure.trial().schedule().size(), failure.shrunk().runs(),
            failure.shrunk().oneMinimal() ? "1-minimal: removing any fault makes it pass" : "not confirmed 1-minimal",
            failure.shrunk().schedule()));
        for (final Violation violation : failure.shrunkViolations())
        {
            sb.append("  ").append(violation).append('\n');
        }
        final Trial trial = failure.trial();
        sb.append("reproduce exactly: galvani campaign --seed ").append(seed)
            .append(kinds.equals(FaultKind.defaults()) ? "" : " --faults " + names(kinds))
            .append(" --trial ").append(failure.index()).append(" --schedule '")
            .append(failure.shrunk().schedule().toSpecs()).append("'\n");
        sb.append("as a simulate command line (sim faults; the session comes from the prescription files): galvani simulate ")
            .append("--seed ").append(trial.simSeed()).append(" --sim-config '").append(trial.simConfig()).append("' ")
            .append(failure.shrunk().schedule().simulateArguments())
            .append(" --trusted-keys docs/examples/trusted-clinicians.json --screening docs/examples/screening-clear.json")
            .append(" --prescription docs/examples/prescription-hyperhidrosis.json\n");
        sb.append("journal of the shrunk trial: ").append(failure.journalDir()).append('\n');
        return sb.toString();
    }

    private static String names(final List<FaultKind> kinds)
    {
        if (kinds.equals(FaultKind.all()))
        {
            return "all";
        }
        final List<String> names = new ArrayList<>();
        for (final FaultKind kind : kinds)
        {
            names.add(kind.cliName());
        }
        return String.join(",", names);
    }

    /** The trials' journal folder: {@code --journal-dir} or the default, which must exist and be writable. */
    private Path trialJournals()
    {
        final Path folder = journalDir != null ? journalDir : TrialRunner.defaultBaseDir();
        if (!Files.isDirectory(folder) || !Files.isWritable(folder))
        {
            throw new InvalidConfigurationException("--journal-dir",
                "--journal-dir must be an existing writable folder, got " + folder);
        }
        return folder;
    }

    private int single(final PrintWriter stdout, final long campaignSeed, final List<FaultKind> kinds,
        final Path trialJournals) throws IOException
    {
        Trial trial = Campaign.trial(campaignSeed, trialIndex, kinds);
        if (schedule != null)
        {
            try
            {
                trial = trial.withSchedule(FaultSchedule.parse(schedule));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new InvalidConfigurationException("--schedule", ex.getMessage());
            }
        }
        final Path journal = out != null ? out.resolve("trial-" + trialIndex + "-journal") :
            Files.createTempDirectory(trialJournals, "galvani-trial-" + trialIndex + "-");
        final TrialResult result;
        try (TrialRunner runner = new TrialRunner(trialJournals, sealIntervalRecords))
        {
            // A campaign counts allocation only after its first trials have warmed the JIT up; a lone trial
            // warms itself up the same way (its journals deleted), then runs measured, and allocation that a
            // second run does not repeat is the JIT's, as in the campaign.
            long warmTicks = 0;
            while (warmTicks < SINGLE_TRIAL_WARMUP_TICKS)
            {
                warmTicks += Math.max(1, runner.run(trial, false, null).ticks());
            }
            TrialResult measured = runner.run(trial, true, journal);
            // On a loaded machine the JIT may still be compiling after the warm-up: allocation that any of
            // three further runs does not repeat is the JIT's (the tick path is deterministic).
            for (int confirmation = 0; confirmation < 3 && measured.allocatedBytes() > 0; confirmation++)
            {
                measured = Campaign.confirmAllocation(runner, trial, measured);
            }
            result = measured;
        }
        stdout.println("trial " + trialIndex + ": " + trial);
        stdout.println(result.ticks() + " ticks; journal: " + journal);
        for (final Violation violation : result.violations())
        {
            stdout.println("  " + violation);
        }
        final int unexplained = result.unexplained().size();
        stdout.println(result.passed() ? "every property held" : unexplained == 0 ?
            "every property held apart from known findings (docs/qa-campaign.md, Findings)" :
            unexplained + " property(ies) violated");
        return unexplained == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
