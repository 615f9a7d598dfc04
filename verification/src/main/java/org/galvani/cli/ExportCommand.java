package org.galvani.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.galvani.report.CsvExport;
import org.galvani.report.JournalSource;
import org.galvani.report.JsonExport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code galvani export DIR --format csv|json --out PATH}: every tick and event of a journaled session
 * for other tools — CSV as {@code PATH/ticks.csv} and {@code PATH/events.csv}, JSON as JSON Lines in the
 * file {@code PATH} (docs/auditor-export.md lists the columns and units).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Exports a journaled session: --format csv writes OUT/ticks.csv and OUT/events.csv, "
        + "--format json writes JSON Lines to the file OUT (every tick and event; see docs/auditor-export.md).")
public final class ExportCommand implements Callable<Integer>
{
    /** Export formats. */
    enum Format
    {
        csv, json
    }

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal folder.")
    private Path dir;

    @Option(names = "--format", paramLabel = "csv|json", required = true, description = "csv or json.")
    private Format format;

    @Option(names = "--out", paramLabel = "PATH", required = true,
        description = "csv: a folder (created); json: a file.")
    private Path out;

    @Option(names = "--session", paramLabel = "N", defaultValue = "0",
        description = "Which session of the journal, 1-based (default: the last one).")
    private int session;

    @Override
    public Integer call() throws IOException
    {
        final int chosen = SessionChoice.choose(JournalArgs.requireJournal(dir), session);
        if (format == Format.csv)
        {
            Files.createDirectories(out);
            try (Writer ticks = writer(out.resolve("ticks.csv"));
                Writer events = writer(out.resolve("events.csv"));
                CsvExport csv = new CsvExport(ticks, events))
            {
                JournalSource.play(dir, chosen, csv);
            }
        }
        else
        {
            try (Writer json = writer(out);
                JsonExport export = new JsonExport(json))
            {
                JournalSource.play(dir, chosen, export);
            }
        }
        spec.commandLine().getOut().println("exported session " + chosen + " as " + format + ": " + out);
        return ExitCodes.OK;
    }

    private static Writer writer(final Path file) throws IOException
    {
        return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }
}
