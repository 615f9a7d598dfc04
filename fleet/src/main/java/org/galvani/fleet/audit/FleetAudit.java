package org.galvani.fleet.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.galvani.fleet.engine.Engine;
import org.galvani.fleet.engine.SparkEngine;

/**
 * The fleet audit: finds every journal folder under the given roots (a folder holding Chronicle Queue
 * {@code .cq4} files), maps {@link AuditWork} over them on an engine, and writes the {@code journals},
 * {@code sessions} and {@code events} tables.
 *
 * <p>Threading: {@link #run} blocks the caller.
 */
public final class FleetAudit
{
    /**
     * The outcome.
     *
     * @param journals  one row per journal, in path order.
     * @param sessions  the sessions of the journals that verified (OK or INCOMPLETE, attested or not).
     * @param events    their noteworthy events.
     * @param bytes     bytes of journal files read.
     * @param elapsedNs wall time of the audit (not of the writing).
     */
    public record Result(List<JournalRow> journals, List<SessionRow> sessions, List<EventRow> events, long bytes,
        long elapsedNs)
    {
        /**
         * @return the journals that failed verification or had no key.
         */
        public List<JournalRow> failed()
        {
            return journals.stream().filter(j -> j.verdict().equals("FAILED") || j.verdict().equals("NO_KEY")).toList();
        }
    }

    private FleetAudit()
    {
    }

    /**
     * @param roots folders to search.
     * @return the journal folders under them, sorted.
     */
    public static List<Path> findJournals(final List<Path> roots)
    {
        final List<Path> journals = new ArrayList<>();
        for (final Path root : roots)
        {
            try (Stream<Path> paths = Files.walk(root))
            {
                paths.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".cq4"))
                    .map(Path::getParent).distinct().forEach(journals::add);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return journals.stream().distinct().sorted().toList();
    }

    /**
     * Reads {@code DEVICE.pub} files (as written by {@code galvani keygen}).
     *
     * @param keysDir the folder.
     * @return device id → public key (base64).
     */
    public static Map<String, String> readKeys(final Path keysDir)
    {
        final Map<String, String> keys = new TreeMap<>();
        try (Stream<Path> files = Files.list(keysDir))
        {
            for (final Path file : files.filter(p -> p.getFileName().toString().endsWith(".pub")).sorted().toList())
            {
                final StringBuilder base64 = new StringBuilder();
                for (final String line : Files.readAllLines(file))
                {
                    if (!line.isBlank() && !line.strip().startsWith("#"))
                    {
                        base64.append(line.strip());
                    }
                }
                final String name = file.getFileName().toString();
                keys.put(name.substring(0, name.length() - ".pub".length()), base64.toString());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return keys;
    }

    /**
     * @param engine   the engine.
     * @param journals the journal folders.
     * @param keys     device id → public key.
     * @return the result (in memory; see {@link #write}).
     */
    public static Result run(final Engine engine, final List<Path> journals, final Map<String, String> keys)
    {
        final long startNs = System.nanoTime();
        final List<JournalTask> tasks = journals.stream().map(p -> new JournalTask(p.toString())).toList();
        final List<JournalAudit.Result> results = engine.map(tasks, new AuditWork(keys));
        final long elapsedNs = System.nanoTime() - startNs;
        final List<JournalRow> journalRows = new ArrayList<>();
        final List<SessionRow> sessions = new ArrayList<>();
        final List<EventRow> events = new ArrayList<>();
        long bytes = 0;
        for (final JournalAudit.Result result : results)
        {
            journalRows.add(result.journal());
            sessions.addAll(result.sessions());
            events.addAll(result.events());
            bytes += result.journal().bytes();
        }
        return new Result(journalRows, sessions, events, bytes, elapsedNs);
    }

    /**
     * Writes the tables with the engine's writer (Spark's on Spark, DuckDB's otherwise).
     *
     * @param engine the engine.
     * @param result the audit.
     * @param out    the output folder.
     */
    public static void write(final Engine engine, final Result result, final Path out)
    {
        if (engine instanceof SparkEngine spark)
        {
            Tables.writeSpark(spark.spark(), out, "journals", JournalRow.class, result.journals());
            Tables.writeSpark(spark.spark(), out, "sessions", SessionRow.class, result.sessions());
            Tables.writeSpark(spark.spark(), out, "events", EventRow.class, result.events());
        }
        else
        {
            Tables.writeLocal(out, "journals", JournalRow.class, result.journals());
            Tables.writeLocal(out, "sessions", SessionRow.class, result.sessions());
            Tables.writeLocal(out, "events", EventRow.class, result.events());
        }
    }
}
