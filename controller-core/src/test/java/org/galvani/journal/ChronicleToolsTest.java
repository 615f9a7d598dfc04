package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.main.DumpMain;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/journal-format.md promises that a journal stays openable by Chronicle Queue's own tools, so an auditor
 * can read it without Galvani: Chronicle's {@code DumpMain} and a plain Chronicle tailer see exactly the
 * journal's records, in order, with the record types of the descriptor.
 */
class ChronicleToolsTest
{
    @TempDir
    Path dir;

    @Test
    @DisplayName("SR-14 Chronicle Queue's own DumpMain and a plain tailer read every journal record, and only those")
    void chronicleToolsReadTheJournal()
    {
        JournalFixtures.writeSession(dir, JournalMode.DIRECT, 0, 3_000);
        final VerifyReport report = JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
        assertNotEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertTrue(report.seals() > 0, report.toString());

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            DumpMain.dump(dir.toFile(), out, Long.MAX_VALUE);
        }
        long dumped = 0;
        boolean inCycleFile = false;
        for (final String line : bytes.toString(StandardCharsets.UTF_8).split("\n"))
        {
            if (line.startsWith("## "))
            {
                inCycleFile = line.endsWith(".cq4"); // not metadata.cq4t, Chronicle's own table store
            }
            else if (inCycleFile && line.startsWith("--- !!data"))
            {
                dumped++;
            }
        }
        assertEquals(report.records(), dumped, "data documents in Chronicle's dump of the .cq4 files");

        long read = 0;
        long ticks = 0;
        try (ChronicleQueue queue = ChronicleQueue.singleBuilder(dir).readOnly(true).build())
        {
            final ExcerptTailer tailer = queue.createTailer();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final int type = dc.wire().bytes().readUnsignedByte(dc.wire().bytes().readPosition());
                    assertTrue(type >= JournalDescriptor.SESSION_START && type <= JournalDescriptor.RECOVERY ||
                        type == JournalDescriptor.TICK_PACKED,
                        "record type " + type + " at index " + Long.toHexString(dc.index()));
                    ticks += JournalDescriptor.isTick(type) ? 1 : 0;
                    read++;
                }
            }
        }
        assertEquals(report.records(), read, "documents a plain Chronicle tailer reads");
        assertEquals(report.ticks(), ticks, "TICK records seen by the tailer");
    }
}
