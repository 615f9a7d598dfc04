package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/journal-format.md and {@link JournalDescriptor} agree, field by field. */
class JournalFormatDocTest
{
    private static final Pattern HEADING = Pattern.compile("^### (.+) \\((type|attachment) (\\d+)\\)$");
    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| (\\d+|var) \\| ([^|]+) \\| (\\w+) \\|.*$");

    @Test
    @DisplayName("SR-14 every record table of docs/journal-format.md matches the descriptor's offsets, lengths and types")
    void docMatchesDescriptor() throws IOException
    {
        final Path doc = Path.of("..", "docs", "journal-format.md");
        final Map<Integer, List<JournalDescriptor.Field>> tables = new LinkedHashMap<>();
        List<JournalDescriptor.Field> current = null;
        for (final String line : Files.readAllLines(doc, StandardCharsets.UTF_8))
        {
            final Matcher heading = HEADING.matcher(line);
            if (heading.matches())
            {
                final int code = Integer.parseInt(heading.group(3));
                current = new ArrayList<>();
                tables.put(heading.group(2).equals("type") ? code : 100 + code, current);
                continue;
            }
            final Matcher row = ROW.matcher(line);
            if (row.matches() && current != null)
            {
                current.add(new JournalDescriptor.Field(row.group(4), Integer.parseInt(row.group(1)),
                    row.group(2).equals("var") ? 0 : Integer.parseInt(row.group(2)), row.group(3).strip()));
            }
        }
        final int[] expected = {JournalDescriptor.SESSION_START, JournalDescriptor.TICK, JournalDescriptor.EVENT,
            JournalDescriptor.SEAL, JournalDescriptor.SESSION_END, JournalDescriptor.TICK_WIDE,
            JournalDescriptor.RECOVERY, JournalDescriptor.SKIN_CHECK, JournalDescriptor.PLAN_TABLE};
        assertEquals(expected.length, tables.size(), "tables in the doc: " + tables.keySet());
        for (final int type : expected)
        {
            assertTrue(tables.containsKey(type), "the doc has no table for " + type);
            assertEquals(JournalDescriptor.fields(type), tables.get(type), "table of record type " + type);
        }
    }

    @Test
    @DisplayName("SR-14 the fixed layouts have the lengths the descriptor states, with the chain value last")
    void layoutsAreConsistent()
    {
        for (final int type : new int[] {JournalDescriptor.TICK, JournalDescriptor.TICK_WIDE, JournalDescriptor.SEAL,
            JournalDescriptor.SESSION_END, JournalDescriptor.RECOVERY})
        {
            final List<JournalDescriptor.Field> fields = JournalDescriptor.fields(type);
            int end = 0;
            for (final JournalDescriptor.Field f : fields)
            {
                assertTrue(f.offset() >= end, "fields overlap at " + f);
                end = f.offset() + f.length();
            }
            final JournalDescriptor.Field last = fields.get(fields.size() - 1);
            assertEquals("chain", last.name());
            final int length = type == JournalDescriptor.TICK ? JournalDescriptor.TICK_LENGTH :
                type == JournalDescriptor.TICK_WIDE ? JournalDescriptor.TICK_WIDE_LENGTH :
                type == JournalDescriptor.SEAL ? JournalDescriptor.SEAL_LENGTH :
                type == JournalDescriptor.RECOVERY ? JournalDescriptor.RECOVERY_LENGTH : JournalDescriptor.SESSION_END_LENGTH;
            assertEquals(length, end, JournalDescriptor.typeName(type));
        }
        assertTrue(JournalDescriptor.TICK_LENGTH + JournalDescriptor.CHRONICLE_HEADER_LENGTH <= 128);
    }
}
