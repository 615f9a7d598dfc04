package org.galvani.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The documents point only at what exists (issue 13, "comments that are true"): every relative link of the
 * README and docs/*.md reaches a file of the repository, and a link's {@code #anchor} a heading of that file;
 * every {@code `Class#method`} they cite names a class of the repository that declares that method; every
 * {@code docs/*.md} a file names exists; and no source or document cites the old design document
 * ({@code DESIGN}{@code .md}), which the repository does not hold.
 */
class DocReferencesTest
{
    private static final Path ROOT = Path.of("..");
    private static final String[] MODULES = {"controller-core", "hal-native", "hal-ffm", "verification", "fleet"};
    /** A Markdown link or image: [text](target) or ![alt](target); the target has no blank. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a (?:name|id)=\"([^\"]+)\"");
    private static final Pattern METHOD_REF = Pattern.compile("`([A-Z]\\w+)#(\\w+)`");

    @Test
    @DisplayName("every relative link of README.md and docs/*.md reaches an existing file, and its #anchor a heading there")
    void relativeLinksResolve() throws IOException
    {
        final List<String> problems = new ArrayList<>();
        int links = 0;
        for (final Path doc : documents())
        {
            final List<String> lines = prose(doc);
            for (int n = 0; n < lines.size(); n++)
            {
                final Matcher link = LINK.matcher(lines.get(n));
                while (link.find())
                {
                    final String target = link.group(1);
                    if (target.matches("^[a-zA-Z][a-zA-Z+.-]*:.*"))
                    {
                        continue; // https:, mailto:: outside the repository
                    }
                    links++;
                    final String where = ROOT.relativize(doc) + ":" + (n + 1) + ": " + target;
                    final int hash = target.indexOf('#');
                    final String path = hash < 0 ? target : target.substring(0, hash);
                    final Path file = path.isEmpty() ? doc : doc.getParent().resolve(path).normalize();
                    if (!Files.exists(file))
                    {
                        problems.add(where + " (no such file)");
                    }
                    else if (hash >= 0 && file.toString().endsWith(".md") &&
                        !anchors(file).contains(target.substring(hash + 1)))
                    {
                        problems.add(where + " (no such heading in " + file.getFileName() + ")");
                    }
                }
            }
        }
        assertTrue(links > 50, "only " + links + " relative links found: the pattern reads nothing");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @DisplayName("every `Class#method` that README.md and docs/*.md cite is declared in that class of the repository")
    void citedMethodsExist() throws IOException
    {
        final Map<String, List<Path>> classes = javaFiles();
        final List<String> problems = new ArrayList<>();
        int cited = 0;
        for (final Path doc : documents())
        {
            final Matcher ref = METHOD_REF.matcher(String.join("\n", prose(doc)));
            while (ref.find())
            {
                final String name = ref.group(1);
                if (name.equals("Class"))
                {
                    continue; // the placeholder of the documents that explain the notation
                }
                cited++;
                final List<Path> files = classes.get(name);
                if (files == null)
                {
                    problems.add(ROOT.relativize(doc) + ": " + ref.group() + " (no class " + name + ")");
                }
                else if (!declares(files, ref.group(2)))
                {
                    problems.add(ROOT.relativize(doc) + ": " + ref.group() + " (" + name + " has no method " +
                        ref.group(2) + ")");
                }
            }
        }
        assertTrue(cited > 100, "only " + cited + " citations found: the pattern reads nothing");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @DisplayName("no source file or document cites the old design document, which is not in the repository")
    void noReferenceToDesignMd() throws IOException
    {
        final String missing = "DESIGN" + ".md"; // split, so that this file does not cite it either
        assertTrue(Files.notExists(ROOT.resolve(missing)), "the repository now holds it: drop this test");
        final List<String> citing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT))
        {
            for (final Path file : files.filter(DocReferencesTest::tracked).collect(Collectors.toList()))
            {
                if (text(file).contains(missing))
                {
                    citing.add(ROOT.relativize(file).toString());
                }
            }
        }
        assertTrue(citing.isEmpty(), "cite docs/architecture.md, the SRS or an ADR instead: " + citing);
    }

    @Test
    @DisplayName("every docs/*.md that a source file or a document names exists")
    void citedDocumentsExist() throws IOException
    {
        final Pattern cited = Pattern.compile("docs/[\\w.-]+\\.md");
        final Set<String> missing = new java.util.TreeSet<>();
        int found = 0;
        try (Stream<Path> files = Files.walk(ROOT))
        {
            for (final Path file : files.filter(DocReferencesTest::tracked).collect(Collectors.toList()))
            {
                final Matcher doc = cited.matcher(text(file));
                while (doc.find())
                {
                    found++;
                    if (Files.notExists(ROOT.resolve(doc.group())))
                    {
                        missing.add(doc.group() + " (named in " + ROOT.relativize(file) + ")");
                    }
                }
            }
        }
        assertTrue(found > 50, "only " + found + " names of documents found: the pattern reads nothing");
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** A file's bytes as ISO-8859-1: never malformed, and ASCII names read the same in any encoding. */
    private static String text(final Path file) throws IOException
    {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private static boolean tracked(final Path file)
    {
        final String path = file.toString().replace('\\', '/');
        final String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !path.contains("/target/") && !path.contains("/.git/") &&
            !path.contains("/node_modules/") && name.matches(".*\\.(java|md|c|h|sh|xml|properties)$");
    }

    private static List<Path> documents() throws IOException
    {
        final List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs")))
        {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The lines of a Markdown file outside fenced code blocks (a block's text is code, not a reference). */
    private static List<String> prose(final Path doc) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (final String line : Files.readAllLines(doc))
        {
            if (line.startsWith("```"))
            {
                fenced = !fenced;
                lines.add("");
                continue;
            }
            lines.add(fenced ? "" : line);
        }
        return lines;
    }

    /** The anchors GitHub derives from a file's headings (lower case, punctuation dropped, blanks to '-'). */
    private static Set<String> anchors(final Path doc) throws IOException
    {
        final Set<String> anchors = new HashSet<>();
        final Map<String, Integer> seen = new HashMap<>();
        for (final String line : prose(doc))
        {
            final Matcher heading = HEADING.matcher(line);
            if (heading.matches())
            {
                final String slug = slug(heading.group(2));
                final int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
            final Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find())
            {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }

    private static String slug(final String heading)
    {
        final String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        final StringBuilder slug = new StringBuilder();
        text.codePoints().forEach(c ->
        {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_')
            {
                slug.appendCodePoint(c);
            }
            else if (c == ' ')
            {
                slug.append('-');
            }
        });
        return slug.toString();
    }

    private static Map<String, List<Path>> javaFiles() throws IOException
    {
        final Map<String, List<Path>> classes = new HashMap<>();
        for (final String module : MODULES)
        {
            final Path src = ROOT.resolve(module).resolve("src");
            if (!Files.isDirectory(src))
            {
                continue;
            }
            try (Stream<Path> files = Files.walk(src))
            {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> classes
                    .computeIfAbsent(f.getFileName().toString().replace(".java", ""), k -> new ArrayList<>()).add(f));
            }
        }
        return classes;
    }

    /** Whether one of the files declares the method (its name after a type: {@code void iio(}, {@code Foo bar(}). */
    private static boolean declares(final List<Path> files, final String method) throws IOException
    {
        final Pattern declaration = Pattern.compile("[\\w>\\]]\\s+" + Pattern.quote(method) + "\\s*\\(");
        for (final Path file : files)
        {
            if (declaration.matcher(Files.readString(file)).find())
            {
                return true;
            }
        }
        return false;
    }
}
