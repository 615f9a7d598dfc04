package org.galvani.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.galvani.fleet.cli.FleetCli;
import org.galvani.fleet.query.FleetDb;
import org.galvani.fleet.query.NamedQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet command line end to end on the generated fleet: audit on local threads into Parquet (written
 * by DuckDB) and on Spark local[2] (written by Spark), the same answers from DuckDB over either, the named
 * queries (dose accuracy, trips per 1,000 sessions, the faulty device's rising contact faults), the HTML
 * report with its plots, and one-sentence errors for bad input.
 */
class FleetCliTest
{
    private static String[] run(final int expected, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = FleetCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(expected, code, "exit of " + String.join(" ", args) + ": " + out + err);
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void auditQueryAndReport(@TempDir final Path dir) throws Exception
    {
        final Path fleet = TestFleet.fleet();
        final Path local = dir.resolve("local");
        final String[] audit = run(0, "audit", fleet.resolve("journals").toString(), "--keys",
            fleet.resolve("keys").toString(), "--out", local.toString(), "--threads", "2");
        assertTrue(audit[0].contains("12 journals") && audit[0].contains("12 sessions"), audit[0]);
        TestFleet.spark();
        final Path spark = dir.resolve("spark");
        run(0, "audit", fleet.resolve("journals").toString(), "--keys", fleet.resolve("keys").toString(), "--out",
            spark.toString(), "--engine", "spark", "--master", "local[2]");
        try (FleetDb a = new FleetDb(local); FleetDb b = new FleetDb(spark))
        {
            for (final String sql : List.of("SELECT * FROM sessions ORDER BY session_id",
                "SELECT * FROM events ORDER BY journal, tick, type, text", "SELECT * FROM journals ORDER BY journal"))
            {
                assertEquals(a.query(sql).rows(), b.query(sql).rows(), sql);
            }
            final FleetDb.Answer rising = a.query(NamedQuery.RISING_CONTACT_FAULTS.sql());
            assertEquals(1, rising.rows().size(), rising.text());
            assertEquals("dev-003", rising.rows().get(0).get(0));
            final FleetDb.Answer dose = a.query(NamedQuery.DOSE_ACCURACY.sql());
            assertEquals("sports-injury-dexamethasone", dose.rows().get(0).get(0), dose.text());
            assertTrue(Math.abs(((Number)dose.rows().get(0).get(3)).doubleValue()) < 2.0, dose.text());
            final FleetDb.Answer trips = a.query(NamedQuery.TRIPS_PER_1000.sql());
            assertEquals(1, trips.rows().size(), trips.text());
            assertEquals(83.3, ((Number)trips.rows().get(0).get(3)).doubleValue(), 0.05, trips.text());
        }
        final String[] named = run(0, "query", "--tables", local.toString(), "rising-contact-faults");
        assertTrue(named[0].contains("dev-003") && named[0].contains("(1 row)"), named[0]);
        final String[] sql = run(0, "query", "--tables", local.toString(),
            "SELECT count(*) AS n FROM sessions WHERE verdict = 'OK'");
        assertTrue(sql[0].contains("12"), sql[0]);
        final Path html = dir.resolve("fleet.html");
        run(0, "report", "--tables", local.toString(), "--out", html.toString());
        final String page = Files.readString(html, StandardCharsets.UTF_8);
        assertTrue(page.contains("<svg") && page.contains("dev-003") && page.contains("trips per 1,000 sessions"));
        assertEquals(3, page.split("<svg", -1).length - 1, "three plots");
        final String[] bad = run(2, "query", "--tables", local.toString(), "SELECT nope FROM sessions");
        assertTrue(bad[1].startsWith("galvani-fleet query: ") && bad[1].contains("nope"), bad[1]);
        final String[] engine = run(2, "audit", fleet.toString(), "--keys", fleet.resolve("keys").toString(), "--out",
            dir.resolve("x").toString(), "--engine", "flink");
        assertTrue(engine[1].contains("--engine = flink is not allowed: local or spark"), engine[1]);
    }
}
