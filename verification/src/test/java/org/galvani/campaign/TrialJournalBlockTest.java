package org.galvani.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.galvani.journal.JournalVerifier;
import org.galvani.journal.VerifyReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial's journal in the campaign's 2 MiB Chronicle blocks (docs/decisions.md ADR-28, ADR-34, hazard H-57) holds the
 * same records as in the device's default blocks: the same trial run both ways passes P5 with the same ticks,
 * events and seals, and the campaign's queue file is a small fraction of the default one that {@code verify}
 * would otherwise read to its end.
 */
class TrialJournalBlockTest
{
    @TempDir
    Path dir;

    @Test
    @DisplayName("SR-14 SR-15 a trial journaled in the campaign's blocks verifies and replays like one in the device's default blocks")
    void campaignBlockSizeKeepsTheJournal() throws IOException
    {
        final Trial trial = Campaign.trial(20_261_130L, 3, FaultKind.defaults());
        final VerifyReport small;
        final VerifyReport device;
        final long smallFile;
        final long deviceFile;
        try (TrialRunner campaign = new TrialRunner(dir.resolve("base"), 8192);
            TrialRunner deviceDefault = new TrialRunner(dir.resolve("base"), 8192, 0))
        {
            Files.createDirectories(dir.resolve("base"));
            final TrialResult a = campaign.run(trial, false, dir.resolve("campaign"));
            final TrialResult b = deviceDefault.run(trial, false, dir.resolve("device"));
            assertEquals(List.of(), a.unexplained(), "campaign block size");
            assertEquals(List.of(), b.unexplained(), "device block size");
            assertEquals(a.ticks(), b.ticks());
            small = JournalVerifier.verify(dir.resolve("campaign"), campaign.devicePublicKey());
            device = JournalVerifier.verify(dir.resolve("device"), deviceDefault.devicePublicKey());
            smallFile = queueBytes(dir.resolve("campaign"));
            deviceFile = queueBytes(dir.resolve("device"));
        }
        assertEquals(VerifyReport.Status.OK, small.status(), small.message());
        assertEquals(VerifyReport.Status.OK, device.status(), device.message());
        assertEquals(device.ticks(), small.ticks());
        assertEquals(device.events(), small.events());
        assertEquals(device.seals(), small.seals());
        assertEquals(device.sessions(), small.sessions());
        System.out.println("queue file: " + smallFile + " bytes in " + TrialRunner.JOURNAL_BLOCK_BYTES +
            "-byte blocks, " + deviceFile + " bytes in Chronicle's default blocks");
        assertTrue(smallFile * 8 < deviceFile, smallFile + " vs " + deviceFile + " bytes");
    }

    private static long queueBytes(final Path journal) throws IOException
    {
        try (Stream<Path> files = Files.list(journal))
        {
            return files.filter(p -> p.toString().endsWith(".cq4")).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
