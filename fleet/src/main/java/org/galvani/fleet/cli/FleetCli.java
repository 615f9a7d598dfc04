package org.galvani.fleet.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.galvani.campaign.FaultKind;
import org.galvani.fleet.audit.FleetAudit;
import org.galvani.fleet.audit.JournalRow;
import org.galvani.fleet.audit.Tables;
import org.galvani.fleet.engine.Engine;
import org.galvani.fleet.engine.SparkEngine;
import org.galvani.fleet.gen.FleetGenerator;
import org.galvani.fleet.query.FleetDb;
import org.galvani.fleet.query.FleetReport;
import org.galvani.fleet.query.NamedQuery;
import org.galvani.fleet.trial.FleetCampaign;
import org.galvani.fleet.trial.TrialRow;
import org.galvani.fleet.trial.TrialWork;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code galvani-fleet}: the fleet commands, apart from {@code galvani} so that the device-side command line
 * never carries Spark or DuckDB (ADR-17). Exit codes as {@code galvani}: 0 ok, 1 a journal failed
 * verification or a trial failed, 2 bad usage, 3 internal error.
 */
@Command(name = "galvani-fleet", mixinStandardHelpOptions = true, version = "galvani-fleet 0.1.0",
    description = "Fleet audit and distributed campaigns: local threads or Apache Spark, Parquet tables, DuckDB.",
    subcommands = {FleetCli.Generate.class, FleetCli.Audit.class, FleetCli.Campaign.class, FleetCli.Query.class,
        FleetCli.Report.class, FleetCli.Bench.class})
public final class FleetCli
{
    private FleetCli()
    {
        // picocli gets its instance from execute
    }

    /**
     * @param out stdout.
     * @param err stderr.
     * @param args the arguments.
     * @return the exit code.
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        final CommandLine cli = new CommandLine(new FleetCli()).setOut(out).setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            final boolean bad = ex instanceof IllegalArgumentException || ex instanceof SQLException ||
                ex instanceof org.galvani.config.InvalidConfigurationException;
            commandLine.getErr().println("galvani-fleet " + commandLine.getCommandName() + ": " + ex.getMessage());
            return bad ? 2 : 3;
        });
        final int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * @param args the arguments.
     */
    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        final PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(out, err, args));
    }

    /** {@code generate}: a simulated fleet. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generates N simulated devices x M sessions (journals sealed with per-device keys).")
    static final class Generate implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;
        @Option(names = "--devices", defaultValue = "10", description = "Devices (default: ${DEFAULT-VALUE}).")
        int devices;
        @Option(names = "--sessions", defaultValue = "5", description = "Sessions per device (default: ${DEFAULT-VALUE}).")
        int sessions;
        @Option(names = "--faulty-every", defaultValue = "4",
            description = "Every N-th device is faulty (0: none; default: ${DEFAULT-VALUE}).")
        int faultyEvery;
        @Option(names = "--examples", defaultValue = "docs/examples",
            description = "The example files (clinician key, trusted keys, screenings; default: ${DEFAULT-VALUE}).")
        Path examples;
        @Option(names = "--threads", defaultValue = "2", description = "Sessions run at once (default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--out", required = true, description = "The fleet folder (journals/, keys/, prescriptions/).")
        Path out;

        @Override
        public Integer call()
        {
            range("--devices", devices, 1, 100_000);
            range("--sessions", sessions, 1, 100_000);
            range("--threads", threads, 1, 1024);
            range("--faulty-every", faultyEvery, 0, 100_000);
            final long start = System.nanoTime();
            final List<FleetGenerator.Generated> all = new FleetGenerator(out, examples, devices, sessions, faultyEvery,
                threads).generate();
            spec.commandLine().getOut().printf(Locale.ROOT, "generated %d sessions of %d devices in %.1f s: %s/journals, " +
                "keys in %s/keys%n", all.size(), devices, (System.nanoTime() - start) / 1e9, out, out);
            return 0;
        }
    }

    /** {@code audit}: verify and tabulate many journals. */
    @Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Verifies every journal under the folders and writes Parquet tables journals/, sessions/, "
            + "events/ into --out. A journal that fails verification is listed with its first bad record.",
            "Exits 1 when a journal failed verification or had no key."})
    static final class Audit implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;
        @Mixin
        EngineOptions engine;
        @Parameters(paramLabel = "DIR", arity = "1..*", description = "Folders holding journals (searched recursively).")
        List<Path> roots;
        @Option(names = "--keys", required = true, description = "Folder of device public keys DEVICE.pub.")
        Path keys;
        @Option(names = "--out", required = true, description = "Where the Parquet tables go.")
        Path out;

        @Override
        public Integer call()
        {
            final PrintWriter w = spec.commandLine().getOut();
            final List<Path> journals = FleetAudit.findJournals(roots);
            try (Engine e = engine.open())
            {
                final FleetAudit.Result result = FleetAudit.run(e, journals, FleetAudit.readKeys(keys));
                FleetAudit.write(e, result, out);
                w.printf(Locale.ROOT, "%d journals (%.3f GB), %d sessions, %d events on %s in %.2f s (%.3f GB/s); " +
                    "tables in %s%n", result.journals().size(), result.bytes() / 1e9, result.sessions().size(),
                    result.events().size(), e.describe(), result.elapsedNs() / 1e9,
                    result.bytes() / 1e9 / (result.elapsedNs() / 1e9), out);
                for (final JournalRow bad : result.failed())
                {
                    w.println(bad.verdict() + " " + bad.journal() + ": first bad record " + bad.badRecord() +
                        " (Chronicle index " + bad.badIndex() + "): " + bad.message());
                }
                return result.failed().isEmpty() ? 0 : 1;
            }
        }
    }

    /** {@code campaign}: the QA campaign on an engine. */
    @Command(name = "campaign", mixinStandardHelpOptions = true,
        description = {"The QA fault-injection campaign on local threads or Spark; trial k is trial k mod 2000 of "
            + "'galvani campaign --seed blockSeed(S, k/2000)' (block 0: S itself).",
            "Exits 1 when a trial failed other than by a known finding."})
    static final class Campaign implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;
        @Mixin
        EngineOptions engine;
        @Option(names = "--tries", defaultValue = "1000", description = "Trials (default: ${DEFAULT-VALUE}).")
        int tries;
        @Option(names = "--seed", required = true, description = "Seed.")
        long seed;
        @Option(names = "--faults", split = ",", description = "Fault classes, as galvani campaign (default: its defaults,"
            + " all but the scheduler-dependent native-driver races bus-stall and relay-stuck).")
        List<String> faults = new ArrayList<>();
        @Option(names = "--journal-every", defaultValue = "10",
            description = "P5 (journal, verify, replay) on every N-th trial (default: ${DEFAULT-VALUE}).")
        int journalEvery;
        @Option(names = "--seal-interval", defaultValue = "8192", description = "Records between seals.")
        int sealInterval;
        @Option(names = "--out", description = "Write the trials table (Parquet) and a shrunk failure's journal here.")
        Path out;

        @Override
        public Integer call() throws Exception
        {
            range("--tries", tries, 1, 1_000_000_000);
            range("--journal-every", journalEvery, 1, 1_000_000_000);
            final List<String> kinds = new ArrayList<>();
            for (final String name : faults)
            {
                kinds.add(FaultKind.fromName(name).name());
            }
            if (kinds.isEmpty())
            {
                FaultKind.defaults().forEach(k -> kinds.add(k.name()));
            }
            final TrialWork work = new TrialWork(seed, kinds, journalEvery, sealInterval);
            final PrintWriter w = spec.commandLine().getOut();
            try (Engine e = engine.open())
            {
                final FleetCampaign.Result result = FleetCampaign.run(e, work, tries, true,
                    out == null ? null : out.resolve("failure-journal"));
                w.printf(Locale.ROOT, "%d trials on %s in %.1f s (%.1f trials/s, %d ticks): %d failed, %d known " +
                    "findings only, coverage %d cells%n", result.rows().size(), result.engine(),
                    result.elapsedNs() / 1e9, result.trialsPerSecond(), result.ticks(), result.failed(), result.known(),
                    result.filledCells(work.faultKinds()));
                result.rows().stream().filter(r -> !r.violations().isEmpty()).limit(20).forEach(r ->
                    w.println("trial " + r.index() + " (galvani campaign --seed " + r.blockSeed() + " --trial " +
                        r.position() + "): " + r.violations()));
                if (out != null)
                {
                    final List<TrialTableRow> rows = result.rows().stream().map(TrialTableRow::of).toList();
                    if (e instanceof SparkEngine s)
                    {
                        Tables.writeSpark(s.spark(), out, "trials", TrialTableRow.class, rows);
                    }
                    else
                    {
                        Tables.writeLocal(out, "trials", TrialTableRow.class, rows);
                    }
                }
                if (result.failure() != null)
                {
                    w.println("first failure shrunk: trial " + result.failure().index() + " of seed block, schedule " +
                        result.failure().shrunk().schedule() + (out == null ? "" : ", journal " +
                        result.failure().journalDir()));
                }
                return result.failed() == 0 ? 0 : 1;
            }
        }
    }

    /**
     * A trial as a row of the {@code trials} table.
     *
     * @param index      index.
     * @param blockSeed  seed of its block.
     * @param position   position in the block.
     * @param ticks      ticks.
     * @param journaled  P5 checked.
     * @param unexplained a violation nobody has explained.
     * @param violations the violations, " | "-separated.
     */
    public record TrialTableRow(int index, long blockSeed, int position, long ticks, boolean journaled,
        boolean unexplained, String violations)
    {
        static TrialTableRow of(final TrialRow r)
        {
            return new TrialTableRow(r.index(), r.blockSeed(), r.position(), r.ticks(), r.journaled(), r.unexplained(),
                String.join(" | ", r.violations()));
        }
    }

    /** {@code query}: SQL or a named query over the tables, with DuckDB. */
    @Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Asks DuckDB a question of the Parquet tables (views journals, sessions, events, trials): "
            + "SQL, or a named query: dose-accuracy, trips-per-1000, rising-contact-faults, failed-journals, "
            + "outcomes. --list prints the named queries with their SQL."})
    static final class Query implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;
        @Option(names = "--tables", defaultValue = "fleet-tables", description = "The audit's output folder.")
        Path tables;
        @Option(names = "--list", description = "List the named queries.")
        boolean list;
        @Parameters(paramLabel = "SQL|NAME", arity = "0..1", description = "A query or a named query.")
        String query;

        @Override
        public Integer call() throws SQLException
        {
            final PrintWriter w = spec.commandLine().getOut();
            if (list || query == null)
            {
                for (final NamedQuery q : NamedQuery.values())
                {
                    w.println(q.cliName() + ": " + q.title() + "\n  " + q.sql() + "\n");
                }
                return 0;
            }
            final NamedQuery named = NamedQuery.fromCliName(query);
            try (FleetDb db = new FleetDb(tables))
            {
                if (named != null)
                {
                    w.println(named.title());
                }
                w.print(db.query(named != null ? named.sql() : query).text());
            }
            return 0;
        }
    }

    /** {@code report}: the fleet HTML report. */
    @Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the fleet report: the named queries' answers with their plots, one HTML page.")
    static final class Report implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;
        @Option(names = "--tables", defaultValue = "fleet-tables", description = "The audit's output folder.")
        Path tables;
        @Option(names = "--out", required = true, description = "The HTML file.")
        Path out;

        @Override
        public Integer call() throws Exception
        {
            try (FleetDb db = new FleetDb(tables))
            {
                Files.writeString(out, FleetReport.render(db), StandardCharsets.UTF_8);
            }
            spec.commandLine().getOut().println("fleet report: " + out);
            return 0;
        }
    }

    /** {@code bench}: the same work on both engines in one run, with a paper estimate for a cluster. */
    @Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures trials/s and journal GB/s on local threads and on Spark local[N], the same work "
            + "in one run, and estimates a cluster's rate from the measured per-item costs."})
    static final class Bench implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;
        @Option(names = "--tries", defaultValue = "200", description = "Trials (default: ${DEFAULT-VALUE}).")
        int tries;
        @Option(names = "--seed", defaultValue = "20261206", description = "Seed (default: ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--journal-every", defaultValue = "10", description = "P5 on every N-th trial.")
        int journalEvery;
        @Option(names = "--journals", required = true, description = "A fleet's journals folder.")
        Path journals;
        @Option(names = "--keys", required = true, description = "Its keys folder.")
        Path keys;
        @Option(names = "--threads", defaultValue = "2", description = "Local threads and Spark local[N].")
        int threads;
        @Option(names = "--cluster-cores", defaultValue = "64", description = "Cores of the estimated cluster.")
        int clusterCores;

        @Override
        public Integer call() throws Exception
        {
            final PrintWriter w = spec.commandLine().getOut();
            final TrialWork work = new TrialWork(seed, FaultKind.defaults().stream().map(Enum::name).toList(),
                journalEvery, 8192);
            final List<Path> found = FleetAudit.findJournals(List.of(journals));
            final java.util.Map<String, String> keyMap = FleetAudit.readKeys(keys);
            try (Engine local = new org.galvani.fleet.engine.LocalEngine(threads);
                Engine spark = new SparkEngine(SparkEngine.session("local[" + threads + "]"), true, 2))
            {
                // warm both up on a little of the same work (JIT, Spark's first job)
                FleetCampaign.run(local, work, Math.min(20, tries), false, null);
                FleetCampaign.run(spark, work, Math.min(20, tries), false, null);
                FleetAudit.run(local, found.subList(0, Math.min(2, found.size())), keyMap);
                FleetAudit.run(spark, found.subList(0, Math.min(2, found.size())), keyMap);
                final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                for (final Engine e : List.of(local, spark))
                {
                    final long cpu0 = os.getProcessCpuTime();
                    final FleetCampaign.Result c = FleetCampaign.run(e, work, tries, false, null);
                    final long cpu1 = os.getProcessCpuTime();
                    final FleetAudit.Result a = FleetAudit.run(e, found, keyMap);
                    final long cpu2 = os.getProcessCpuTime();
                    final double trialCpuS = (cpu1 - cpu0) / 1e9 / c.rows().size();
                    final double gbCpuS = (cpu2 - cpu1) / 1e9 / (a.bytes() / 1e9);
                    w.printf(Locale.ROOT, "%-22s campaign %d trials in %.1f s = %.1f trials/s (wall), %.3f CPU-s/trial; " +
                        "audit %d journals %.3f GB in %.1f s = %.4f GB/s (wall), %.1f CPU-s/GB%n", e.describe(),
                        c.rows().size(), c.elapsedNs() / 1e9, c.trialsPerSecond(), trialCpuS, a.journals().size(),
                        a.bytes() / 1e9, a.elapsedNs() / 1e9, a.bytes() / 1e9 / (a.elapsedNs() / 1e9), gbCpuS);
                    if (e == spark)
                    {
                        w.printf(Locale.ROOT, "paper estimate, %d cores at Spark's measured CPU cost per item (perfect " +
                            "scaling, journals on a file system fast enough): %.0f trials/s (10^7 trials in %.1f h), " +
                            "%.2f GB/s of journals%n", clusterCores, clusterCores / trialCpuS,
                            1e7 * trialCpuS / clusterCores / 3600, clusterCores / gbCpuS);
                    }
                }
            }
            return 0;
        }
    }

    private static void range(final String option, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException(option + " = " + value + " is out of range: allowed " + min + " .. " + max);
        }
    }
}
