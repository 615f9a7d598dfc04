package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fused pass {@link JournalVerifier#verifyAndVisit(Path, java.security.PublicKey, JournalVisitor)} (the campaign's P5,
 * docs/qa-campaign.md): it reports what the plain verify reports and hands the visitor exactly the records that
 * passed their checks, in order — all of them in a good journal, those before the first bad record otherwise;
 * a visitor's own exception reaches the caller unchanged, never reported as a journal defect.
 */
class FusedVerifyReplayTest
{
    private static final int TARGET = 700;

    @TempDir
    Path root;
    Path original;
    final List<byte[]> records = new ArrayList<>();

    /** Records the index of every record it is given, and the ticks with their decoded values. */
    private static final class Indexes implements JournalVisitor
    {
        final List<Long> seen = new ArrayList<>();
        final List<String> tickValues = new ArrayList<>();
        long ticks;

        @Override
        public void onSessionStart(final long index, final SessionHeader header)
        {
            seen.add(index);
        }

        @Override
        public void onTick(final long index, final TickRecord record)
        {
            seen.add(index);
            ticks++;
            tickValues.add(record.tick + " " + record.actualNs + " " + record.latenessNs + " " + record.stateAfter + " " +
                record.verdict + " " + record.activeClamps + " " + record.setpointUa + " " + record.measuredUa + " " +
                record.iTerm + " " + record.doseNormalUc + " " + record.treatmentElapsedNs);
        }

        @Override
        public void onEvent(final long index, final ControllerEvent event)
        {
            seen.add(index);
        }

        @Override
        public void onSeal(final long index, final long coveredIndex, final byte[] chain, final byte[] signature)
        {
            seen.add(index);
        }

        @Override
        public void onSessionEnd(final long index, final SessionSummary summary)
        {
            seen.add(index);
        }
    }

    @BeforeEach
    void writeJournal()
    {
        original = root.resolve("original");
        JournalFixtures.writeSession(original, JournalMode.DIRECT, 0, 3000);
        try (JournalReader reader = JournalReader.open(original))
        {
            int length;
            while ((length = reader.nextRaw()) >= 0)
            {
                records.add(Arrays.copyOf(reader.buffer().byteArray(), length));
            }
        }
    }

    private Path copy(final List<byte[]> modified)
    {
        final Path dir = root.resolve("copy");
        return JournalFixtures.writeRecords(dir, modified);
    }

    @Test
    @DisplayName("SR-14 SR-15 a good journal: the fused pass reports OK like verify and visits every record in order")
    void goodJournal()
    {
        final Indexes fused = new Indexes();
        final VerifyReport report = JournalVerifier.verifyAndVisit(original, JournalFixtures.KEYS.getPublic(), fused);
        final VerifyReport plain = JournalVerifier.verify(original, JournalFixtures.KEYS.getPublic());
        assertEquals(VerifyReport.Status.OK, report.status(), report.message());
        assertEquals(plain.message(), report.message());
        final Indexes read = new Indexes();
        try (JournalReader reader = JournalReader.open(original))
        {
            while (reader.next(read))
            {
                // every record
            }
        }
        assertEquals(read.seen, fused.seen);
        // the fused pass hands over the tick its continuity check decoded: the same values the reader decodes
        assertEquals(read.tickValues, fused.tickValues);
        assertEquals(3000, fused.ticks);
        assertEquals(records.size(), fused.seen.size());
    }

    @Test
    @DisplayName("SR-14 a modified record: the fused pass fails where verify fails and visits only the records before it")
    void modifiedRecord()
    {
        final List<byte[]> modified = new ArrayList<>(records);
        final byte[] bad = modified.get(TARGET).clone();
        bad[10] ^= 0x01;
        modified.set(TARGET, bad);
        final Path dir = copy(modified);
        final Indexes fused = new Indexes();
        final VerifyReport report = JournalVerifier.verifyAndVisit(dir, JournalFixtures.KEYS.getPublic(), fused);
        final VerifyReport plain = JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals(plain.message(), report.message());
        assertEquals(TARGET, report.badRecord(), report.message());
        assertEquals(TARGET, fused.seen.size(), "only the records before the bad one are visited");
    }

    @Test
    @DisplayName("a visitor's own exception reaches the caller unchanged, not as a journal defect")
    void visitorFailurePropagates()
    {
        final IllegalStateException boom = new IllegalStateException("replayer failed");
        final JournalVisitor failing = new JournalVisitor()
        {
            @Override
            public void onTick(final long index, final TickRecord record)
            {
                throw boom;
            }
        };
        assertSame(boom, assertThrows(IllegalStateException.class,
            () -> JournalVerifier.verifyAndVisit(original, JournalFixtures.KEYS.getPublic(), failing)));
    }
}
