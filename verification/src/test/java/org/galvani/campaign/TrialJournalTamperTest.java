package org.galvani.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P5 keeps its teeth in the campaign's trial journals (docs/decisions.md ADR-28, ADR-34; hazards H-57, H-62): the
 * journal a trial wrote in the campaign's blocks passes P5, and the same journal with one byte of a record changed,
 * or checked against a different number of ticks run, fails it — through {@code TrialRunner}'s own P5 check, the
 * one every journaled trial of a campaign runs.
 */
class TrialJournalTamperTest
{
    @TempDir
    Path dir;

    @Test
    @DisplayName("SR-14 SR-15 a trial's journal with a record changed or ticks missing fails P5 in the campaign's check")
    void tamperedTrialJournalFailsP5() throws IOException
    {
        final Trial trial = Campaign.trial(20_261_130L, 3, FaultKind.defaults());
        try (TrialRunner runner = new TrialRunner(dir, 8192))
        {
            final Path kept = dir.resolve("kept");
            final TrialResult result = runner.run(trial, false, kept);
            assertEquals(List.of(), result.unexplained(), "the trial itself");

            final List<Violation> good = new ArrayList<>();
            runner.checkJournal(kept, result.ticks(), good);
            assertEquals(List.of(), good, "the untouched journal passes P5");

            final List<Violation> missing = new ArrayList<>();
            runner.checkJournal(kept, result.ticks() + 1, missing);
            assertP5(missing, "journal holds");

            for (final double at : new double[] {0.3, 0.5, 0.7})
            {
                final Path copy = dir.resolve("tampered-" + at);
                copy(kept, copy);
                final long offset = flipDataByte(queueFile(copy), at);
                final List<Violation> tampered = new ArrayList<>();
                runner.checkJournal(copy, result.ticks(), tampered);
                assertP5(tampered, "verify: FAILED");
                System.out.println("byte " + offset + " changed: " + tampered.get(0));
            }
        }
    }

    private static void assertP5(final List<Violation> violations, final String text)
    {
        assertEquals(1, violations.size(), violations.toString());
        assertEquals(Property.JOURNAL_VERIFY_REPLAY, violations.get(0).property());
        assertTrue(violations.get(0).toString().contains(text), violations.toString());
    }

    /** Flips the lowest bit of the first non-zero byte at or after the given fraction of the file's data. */
    private static long flipDataByte(final Path file, final double fraction) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final byte[] bytes = new byte[(int)raf.length()];
            raf.readFully(bytes);
            int end = bytes.length - 1;
            while (end > 0 && bytes[end] == 0)
            {
                end--;
            }
            int at = (int)(end * fraction);
            while (bytes[at] == 0)
            {
                at++;
            }
            raf.seek(at);
            raf.write(bytes[at] ^ 1);
            return at;
        }
    }

    private static Path queueFile(final Path journal) throws IOException
    {
        try (Stream<Path> files = Files.list(journal))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
