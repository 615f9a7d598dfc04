package org.galvani.hal.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The C side of the house rule Checkstyle holds for Java (docs/decisions.md, ADR-22): no function of the driver
 * or its C tests is longer than {@link #MAX_LINES} lines, from the first line of its signature to its closing
 * brace, except the ones named in {@link #EXCEPTIONS}, each with its reason. An exception whose function is
 * gone or back under the limit fails too, so the list never outlives its reason.
 *
 * <p>The driver's style makes functions easy to find: the opening and closing braces of a function body are
 * the only braces in column 0 that follow a signature.
 */
class CFunctionLengthTest
{
    static final int MAX_LINES = 100;

    /** file:function → why it may be longer. */
    static final Map<String, String> EXCEPTIONS = Map.of();

    private static final Path MAIN_C = Path.of("src/main/c");
    private static final Path TEST_C = Path.of("src/test/c");

    /** One function definition. */
    record Function(String name, int firstLine, int lines)
    {
    }

    @Test
    @DisplayName("no C function of the driver or its tests is longer than 100 lines, but the named exceptions")
    void noCFunctionIsLongerThanTheLimit() throws IOException
    {
        final List<String> tooLong = new ArrayList<>();
        final Map<String, Integer> exceptionLengths = new TreeMap<>();
        int functions = 0;
        for (final Path file : cFiles())
        {
            final String fileName = file.getFileName().toString();
            for (final Function function : functions(Files.readAllLines(file, StandardCharsets.UTF_8)))
            {
                functions++;
                final String key = fileName + ":" + function.name();
                if (EXCEPTIONS.containsKey(key))
                {
                    exceptionLengths.put(key, function.lines());
                }
                else if (function.lines() > MAX_LINES)
                {
                    tooLong.add(key + " (line " + function.firstLine() + ") is " + function.lines() + " lines");
                }
            }
        }
        assertTrue(functions > 50, "only " + functions + " C functions found: is the working directory hal-native?");
        assertTrue(tooLong.isEmpty(), "C functions over " + MAX_LINES + " lines (split them along their steps, " +
            "or name them with a reason in CFunctionLengthTest.EXCEPTIONS): " + tooLong);
        for (final String key : EXCEPTIONS.keySet())
        {
            final Integer lines = exceptionLengths.get(key);
            assertTrue(lines != null && lines > MAX_LINES, key + " is " + (lines == null ? "gone" : lines + " lines") +
                ": remove it from CFunctionLengthTest.EXCEPTIONS");
        }
    }

    @Test
    @DisplayName("the function finder measures a definition from its signature to its closing brace")
    void finderMeasuresDefinitions()
    {
        final List<Function> found = functions(List.of(
            "#include <stdio.h>",
            "static int table[] = { 1, 2 };",
            "int prototype(int a);",
            "/* a comment */",
            "static int32_t two_line_signature(int a,",
            "                                  int b)",
            "{",
            "    if (a)",
            "    {",
            "        return b;",
            "    }",
            "    return a;",
            "}",
            "",
            "void empty(void)",
            "{",
            "}"));
        assertEquals(List.of(new Function("two_line_signature", 5, 9), new Function("empty", 15, 3)), found);
    }

    private static List<Path> cFiles() throws IOException
    {
        final List<Path> files = new ArrayList<>();
        for (final Path dir : List.of(MAIN_C, TEST_C))
        {
            try (Stream<Path> paths = Files.list(dir))
            {
                paths.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    /**
     * @param lines a C file.
     * @return its function definitions: a column-0 '{' after a signature, up to the next column-0 '}'.
     */
    static List<Function> functions(final List<String> lines)
    {
        final List<Function> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++)
        {
            if (!lines.get(i).startsWith("{"))
            {
                continue;
            }
            int first = i - 1;
            while (first > 0 && !lines.get(first).isEmpty() && Character.isWhitespace(lines.get(first).charAt(0)))
            {
                first--;
            }
            final String signature = String.join(" ", lines.subList(Math.max(first, 0), i));
            final int paren = signature.indexOf('(');
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("}"))
            {
                end++;
            }
            if (first >= 0 && paren > 0 && !signature.contains("="))
            {
                final String beforeParen = signature.substring(0, paren).strip();
                final String name = beforeParen.substring(beforeParen.lastIndexOf(' ') + 1).replace("*", "");
                found.add(new Function(name, first + 1, end - first + 1));
            }
            i = end;
        }
        return found;
    }
}
