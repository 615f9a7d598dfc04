package org.galvani.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.galvani.fleet.engine.SparkEngine;
import org.galvani.fleet.gen.FleetGenerator;

/**
 * What the fleet tests share in their one JVM: one generated fleet (4 devices × 3 sessions, device dev-003
 * faulty) and one Spark session on local[2] (starting Spark costs seconds; it is stopped at JVM exit).
 */
final class TestFleet
{
    static final Path EXAMPLES = Paths.get("..", "docs", "examples");
    private static Path fleet;
    private static List<FleetGenerator.Generated> generated;
    private static SparkSession spark;

    private TestFleet()
    {
    }

    static synchronized Path fleet()
    {
        if (fleet == null)
        {
            try
            {
                final Path dir = Files.createDirectories(Paths.get("target", "test-fleet"));
                final Path out = Files.createTempDirectory(dir, "fleet-");
                generated = new FleetGenerator(out, EXAMPLES, 4, 3, 4, 2).generate();
                fleet = out;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return fleet;
    }

    static synchronized List<FleetGenerator.Generated> generated()
    {
        fleet();
        return generated;
    }

    static synchronized SparkSession spark()
    {
        if (spark == null)
        {
            spark = SparkEngine.session("local[2]");
            Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
        }
        return spark;
    }
}
