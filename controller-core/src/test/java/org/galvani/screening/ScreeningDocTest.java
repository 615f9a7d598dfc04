package org.galvani.screening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ScreeningDocTest
{
    static String conditionsMarkdown()
    {
        final StringBuilder sb = new StringBuilder("| condition | code | description |\n|---|---|---|\n");
        for (final Condition condition : Condition.values())
        {
            sb.append("| ").append(condition).append(" | ").append(condition.code()).append(" | ")
                .append(condition.description()).append(" |\n");
        }
        return sb.toString();
    }

    static String placementsMarkdown()
    {
        final StringBuilder sb = new StringBuilder(
            "| placement | path crosses chest | path crosses head | electrodes on chest or head | description |\n" +
            "|---|---|---|---|---|\n");
        for (final Placement placement : Placement.values())
        {
            sb.append("| ").append(placement).append(" | ").append(yes(placement.pathCrossesChest()))
                .append(" | ").append(yes(placement.pathCrossesHead()))
                .append(" | ").append(yes(placement.electrodesOnChestOrHead()))
                .append(" | ").append(placement.description()).append(" |\n");
        }
        return sb.toString();
    }

    static String currentPathMarkdown()
    {
        final StringBuilder sb = new StringBuilder("| site | region |");
        for (final Placement placement : Placement.values())
        {
            sb.append(' ').append(placement).append(" |");
        }
        sb.append("\n|---|---|").append("---|".repeat(Placement.values().length)).append('\n');
        for (final BodySite site : BodySite.values())
        {
            sb.append("| ").append(site).append(" | ").append(site.description()).append(" |");
            for (final Placement placement : Placement.values())
            {
                sb.append(CurrentPath.inPath(site, placement) ? " in path |" : " — |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String yes(final boolean value)
    {
        return value ? "yes" : "no";
    }

    @Test
    @DisplayName("SR-1 SR-19 docs/screening.md holds the code's conditions, placements, current paths and default policy")
    void docMatchesCode() throws IOException
    {
        final String text = Files.readString(Path.of("..", "docs", "screening.md"), StandardCharsets.UTF_8);
        final String[] tables = {conditionsMarkdown(), placementsMarkdown(), currentPathMarkdown(),
            InterlockPolicy.defaults().toMarkdown()};
        final Path generated = Path.of("target", "screening-tables.md");
        Files.writeString(generated, String.join("\n", tables), StandardCharsets.UTF_8);
        for (final String table : tables)
        {
            assertTrue(text.contains(table), "docs/screening.md is out of date; copy the tables from " +
                generated.toAbsolutePath() + ":\n" + table);
        }
    }
}
