package org.galvani.fleet.cli;

import org.galvani.fleet.engine.Engine;
import org.galvani.fleet.engine.LocalEngine;
import org.galvani.fleet.engine.SparkEngine;

import picocli.CommandLine.Option;

/**
 * The engine options every fleet command shares: {@code --engine local|spark}, {@code --threads N} for
 * local, {@code --master M} for Spark (default: spark-submit's, else local[*]).
 */
public final class EngineOptions
{
    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
        description = "Where the work runs: this JVM's threads (default) or Apache Spark.")
    String engine;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
        description = "Worker threads of the local engine (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--master", paramLabel = "URL",
        description = "Spark master, e.g. local[2] (default: the one spark-submit passes, else local[*]).")
    String master;

    /**
     * @return the engine.
     */
    Engine open()
    {
        return switch (engine)
        {
            case "local" ->
            {
                if (threads < 1 || threads > 4096)
                {
                    throw new IllegalArgumentException(
                        "--threads = " + threads + " is out of range: allowed 1 .. 4096");
                }
                yield new LocalEngine(threads);
            }
            case "spark" -> new SparkEngine(SparkEngine.session(master != null ? master :
                System.getProperty("spark.master") != null ? null : "local[*]"), true, 2);
            default -> throw new IllegalArgumentException(
                "--engine = " + engine + " is not allowed: local or spark");
        };
    }
}
