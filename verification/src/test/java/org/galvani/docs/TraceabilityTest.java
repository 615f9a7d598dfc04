package org.galvani.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/traceability.md stays true: every safety requirement SR-1 … SR-18 has at least one test, every
 * cited test method exists (as {@code void method(} in {@code Class.java} under a module's
 * {@code src/test/java}), and every cited code class or file exists under a module's {@code src/main}.
 */
class TraceabilityTest
{
    private static final Path ROOT = Path.of("..");
    private static final String[] MODULES = {"controller-core", "hal-native", "hal-ffm", "verification"};
    private static final int REQUIREMENTS = 18;
    private static final Pattern ROW = Pattern.compile("^\\| (SR-\\d+) \\|(.*)\\|(.*)\\|(.*)\\|(.*)\\|\\s*$");
    /** A row of the mutation run's table in docs/qa-campaign.md: id, check disabled (naming its SRs), caught. */
    private static final Pattern MUTANT_ROW =
        Pattern.compile("^\\| ([MC]\\d\\d) \\| ([^|]*) \\| (yes|\\*\\*no\\*\\*|backstop) \\|(.*)$");
    /** A backstop's row names the compound mutant that shows it firing ("compound M26"). */
    private static final Pattern COMPOUND_REF = Pattern.compile("compound ([MC]\\d\\d)");
    private static final Pattern SR_ID = Pattern.compile("SR-\\d+");
    private static final Pattern TOOTH = Pattern.compile("([MC]\\d\\d) ([✓✗◑])");
    private static final Pattern TEST_REF = Pattern.compile("`(\\w+)#(\\w+)`");
    private static final Pattern CODE_REF = Pattern.compile("`([\\w.]+)`");

    @Test
    @DisplayName("SR-1 … SR-18: docs/traceability.md names an existing test for every requirement and only existing code")
    void everyRequirementTracedToExistingTests() throws IOException
    {
        final Map<String, String[]> rows = new TreeMap<>();
        for (final String line : Files.readAllLines(ROOT.resolve("docs/traceability.md")))
        {
            final Matcher row = ROW.matcher(line);
            if (row.matches())
            {
                rows.put(row.group(1), new String[] {row.group(3), row.group(4), row.group(5)});
            }
        }
        final List<String> problems = new ArrayList<>();
        // SR-1 .. SR-REQUIREMENTS are contiguous; later requirements are numbered in reserved blocks (e.g.
        // SR-24 .. SR-26), so every further row is checked the same way
        final java.util.Set<String> ids = new java.util.TreeSet<>(rows.keySet());
        for (int n = 1; n <= REQUIREMENTS; n++)
        {
            ids.add("SR-" + n);
        }
        for (final String id : ids)
        {
            final String[] row = rows.get(id);
            if (row == null)
            {
                problems.add(id + " has no row");
                continue;
            }
            final Matcher tests = TEST_REF.matcher(row[1]);
            int found = 0;
            while (tests.find())
            {
                found++;
                if (!testMethodExists(tests.group(1), tests.group(2)))
                {
                    problems.add(id + " cites " + tests.group(1) + "#" + tests.group(2) + ", which does not exist");
                }
            }
            if (found == 0)
            {
                problems.add(id + " cites no test");
            }
            final Matcher code = CODE_REF.matcher(row[0]);
            while (code.find())
            {
                if (!codeExists(code.group(1)))
                {
                    problems.add(id + " cites code " + code.group(1) + ", which does not exist");
                }
            }
        }
        assertTrue(rows.size() >= REQUIREMENTS, "one row per requirement: " + rows.keySet());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @DisplayName("SR-1 … SR-20: the teeth column of docs/traceability.md lists exactly the mutation run's mutants of each requirement, with their verdicts; a backstop names its compound mutant and unit test")
    void teethColumnMatchesTheMutationRun() throws IOException
    {
        // expected: SR -> (mutant -> caught), from the mutation run's table
        final Map<String, Map<String, String>> expected = new TreeMap<>();
        final List<String> compounds = new ArrayList<>();
        int mutants = 0;
        for (final String line : Files.readAllLines(ROOT.resolve("docs/qa-campaign.md")))
        {
            final Matcher row = MUTANT_ROW.matcher(line);
            if (!row.matches())
            {
                continue;
            }
            mutants++;
            final String verdict = row.group(3).equals("yes") ? "✓" : row.group(3).equals("backstop") ? "◑" : "✗";
            if (verdict.equals("◑"))
            {
                backstop(row.group(1), row.group(4), compounds);
            }
            final Matcher sr = SR_ID.matcher(row.group(2));
            boolean named = false;
            while (sr.find())
            {
                named = true;
                final String previous = expected.computeIfAbsent(sr.group(), k -> new TreeMap<>())
                    .put(row.group(1), verdict);
                assertTrue(previous == null || previous.equals(verdict),
                    row.group(1) + " has two verdicts in docs/qa-campaign.md");
            }
            assertTrue(named, row.group(1) + " names no SR in docs/qa-campaign.md: " + line);
        }
        assertTrue(mutants >= 25, "the mutation run's table in docs/qa-campaign.md has " + mutants + " rows");
        for (final String compound : compounds)
        {
            final boolean caught = expected.values().stream().anyMatch(m -> "✓".equals(m.get(compound)));
            assertTrue(caught, "the compound mutant " + compound + " a backstop cites is not a caught row of the table");
        }
        final List<String> problems = new ArrayList<>();
        for (final String line : Files.readAllLines(ROOT.resolve("docs/traceability.md")))
        {
            final Matcher row = ROW.matcher(line);
            if (!row.matches())
            {
                continue;
            }
            final Map<String, String> listed = new TreeMap<>();
            final Matcher tooth = TOOTH.matcher(row.group(5));
            while (tooth.find())
            {
                listed.put(tooth.group(1), tooth.group(2));
            }
            final Map<String, String> wanted = expected.getOrDefault(row.group(1), Map.of());
            if (!listed.equals(wanted))
            {
                problems.add(row.group(1) + " teeth column lists " + listed + ", the mutation run says " + wanted);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * A backstop (a check structurally redundant behind another, not caught alone by the campaign) must name the
     * compound mutant that shows it firing and a unit test that kills it alone, which must exist.
     */
    private static void backstop(final String id, final String rest, final List<String> compounds) throws IOException
    {
        final Matcher compound = COMPOUND_REF.matcher(rest);
        assertTrue(compound.find(), id + " is a backstop but names no compound mutant (\"compound Mnn\")");
        compounds.add(compound.group(1));
        final Matcher test = TEST_REF.matcher(rest);
        assertTrue(test.find(), id + " is a backstop but names no unit test that kills it alone");
        assertTrue(testMethodExists(test.group(1), test.group(2)), id + " cites " + test.group() + ", which does not exist");
    }

    private static boolean testMethodExists(final String className, final String method) throws IOException
    {
        final Pattern declaration = Pattern.compile("\\bvoid " + Pattern.quote(method) + "\\(");
        for (final Path file : find("src/test/java", className + ".java"))
        {
            if (declaration.matcher(Files.readString(file)).find())
            {
                return true;
            }
        }
        return false;
    }

    private static boolean codeExists(final String name) throws IOException
    {
        final String fileName = name.contains(".") ? name : name + ".java";
        return !find("src/main", fileName).isEmpty();
    }

    private static List<Path> find(final String under, final String fileName) throws IOException
    {
        final List<Path> found = new ArrayList<>();
        for (final String module : MODULES)
        {
            final Path base = ROOT.resolve(module).resolve(under);
            if (Files.isDirectory(base))
            {
                try (Stream<Path> files = Files.walk(base))
                {
                    files.filter(f -> f.getFileName().toString().equals(fileName)).forEach(found::add);
                }
            }
        }
        return found;
    }
}
