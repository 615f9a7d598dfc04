package org.galvani.fleet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * ADR-17's boundary: what a device maker embeds (controller-core, hal-native) and the galvani command line
 * (verification) declare no Spark, DuckDB or fleet dependency and import none of their packages, and the
 * galvani launcher's class path is the verification module's own.
 */
class FleetModuleBoundaryTest
{
    private static final Path ROOT = Paths.get("..");

    @Test
    void noSparkOrDuckDbOutsideTheFleetModule() throws IOException
    {
        for (final String module : List.of("controller-core", "hal-native", "verification"))
        {
            final String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"), StandardCharsets.UTF_8);
            for (final String banned : List.of("spark", "duckdb", "galvani-fleet", "parquet", "hadoop"))
            {
                assertFalse(pom.toLowerCase().contains(banned), module + "/pom.xml mentions " + banned);
            }
            try (Stream<Path> sources = Files.walk(ROOT.resolve(module).resolve("src")))
            {
                for (final Path source : sources.filter(p -> p.toString().endsWith(".java")).toList())
                {
                    final String text = Files.readString(source, StandardCharsets.UTF_8);
                    assertFalse(text.contains("import org.apache.spark") || text.contains("import org.duckdb") ||
                        text.contains("import org.galvani.fleet"), source + " imports the fleet's libraries");
                }
            }
        }
        final String launcher = Files.readString(ROOT.resolve("galvani"), StandardCharsets.UTF_8);
        assertTrue(launcher.contains("target=\"${here}/verification/target\"") &&
            launcher.contains("-cp \"${jar}:${target}/lib/*\""), "galvani runs from verification/target only");
    }
}
