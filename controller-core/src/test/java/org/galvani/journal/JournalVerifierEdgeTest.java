package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-14, SR-24: the reports of {@link JournalVerifier} that {@link JournalVerifierChecksTest} does not reach, each
 * asserted whole (status, counts, the bad record and index, the message): a journal that cannot be read, holds no
 * records or whose files are damaged after its records, a device key that is not an Ed25519 key, and the
 * boundaries of the verifier's bookkeeping that PIT showed unpinned. One real 300-tick session is the base; edits
 * are made by a key holder ({@link KeyHolderForgery}).
 */
class JournalVerifierEdgeTest extends ForgedJournalFixture
{
    private VerifyReport baseReport;

    @BeforeAll
    void verifyBase()
    {
        baseReport = verify(base);
        assertEquals(VerifyReport.Status.OK, baseReport.status(), baseReport.message());
    }

    private static VerifyReport verify(final Path dir)
    {
        return JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic());
    }

    private Path copyOfBase()
    {
        return baseRecords.copy().write(nextDir("copy"));
    }

    private static Path cq4(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    // ---- the journal's files -------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a folder that does not exist is FAILED 'cannot be read' naming it, with no record counted")
    void missingFolder()
    {
        final Path missing = root.resolve("no-such-journal");
        final VerifyReport report = verify(missing);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("the journal cannot be read: IllegalArgumentException: there is no journal folder at " + missing,
            report.message());
        assertEquals(1, report.records());
        assertEquals(0, report.badRecord());
        assertEquals(-1, report.badIndex());
        assertEquals(0, report.sessions());
        assertEquals(-1, report.lastTick());
        assertNull(report.latestSeal());
    }

    @Test
    @DisplayName("SR-14 an empty folder, and a folder with an empty .cq4 file, hold no records: INCOMPLETE_UNATTESTED, nothing proven, the empty file named")
    void noRecords() throws IOException
    {
        final Path empty = Files.createDirectories(root.resolve("empty"));
        final VerifyReport none = verify(empty);
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, none.status(), none.message());
        assertEquals("the journal holds no records: created but never written (a crash while the queue was created), " +
            "or its records were wiped; nothing is proven", none.message());
        assertEquals(0, none.records());
        assertEquals(-1, none.badRecord());
        assertEquals(List.of(), none.crashes());

        final Path emptyFile = Files.createDirectories(root.resolve("empty-file"));
        Files.createFile(emptyFile.resolve("20261206F.cq4"));
        final VerifyReport created = verify(emptyFile);
        final String note = "in 20261206F.cq4: the file is empty: created but never written (a crash while the queue " +
            "was created)";
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, created.status(), created.message());
        assertEquals("the journal holds no records: created but never written (a crash while the queue was created), " +
            "or its records were wiped; nothing is proven (" + note + ")", created.message());
        assertEquals(List.of(note), created.crashes());
    }

    @Test
    @DisplayName("SR-14 a file whose name is no FAST_DAILY cycle is FAILED 'damaged' naming it")
    void badFileName() throws IOException
    {
        final Path dir = Files.createDirectories(root.resolve("bad-name"));
        Files.write(dir.resolve("journal.cq4"), new byte[64]);
        final VerifyReport report = verify(dir);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("the journal's files are damaged: the file's name is not a FAST_DAILY cycle (yyyyMMdd'F'.cq4) " +
            "(journal.cq4, offset 0)", report.message());
        assertEquals(0, report.badRecord());
        assertEquals(-1, report.badIndex());
    }

    @Test
    @DisplayName("SR-14 bytes written after the end of data are FAILED 'damaged after record n − 1 (index of it)', with every record before counted")
    void damageAfterTheLastRecord() throws IOException
    {
        final Path dir = copyOfBase();
        final int n = baseRecords.records.size();
        final long lastPosition;
        final int lastLength;
        try (JournalReader reader = JournalReader.open(dir))
        {
            int length;
            long position = -1;
            int last = -1;
            while ((length = reader.nextRaw()) >= 0)
            {
                position = reader.position();
                last = length;
            }
            lastPosition = position;
            lastLength = last;
        }
        final long endOfData = (lastPosition + lastLength + 3) & ~3L;
        final long garbage = endOfData + 64;
        try (RandomAccessFile file = new RandomAccessFile(cq4(dir).toFile(), "rw"))
        {
            file.seek(garbage);
            file.write(0x5a);
        }
        final VerifyReport report = verify(dir);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("the journal's files are damaged after record " + (n - 1) + " (index 0x" +
            Long.toHexString(baseRecords.index(n - 1)) + "): non-zero bytes after the end of data (which is at offset " +
            endOfData + "): bytes were appended, or a corrupted header ends the data early and hides the records after " +
            "it (" + cq4(dir).getFileName() + ", offset " + garbage + ")", report.message());
        assertEquals(n + 1, report.records());
        assertEquals(n, report.badRecord());
        assertEquals(-1, report.badIndex());
        assertEquals(TICKS, report.ticks());
        assertEquals(baseReport.seals(), report.seals());
        assertNull(report.latestSeal());
    }

    // ---- the device key ----------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a device key that is not Ed25519 fails at the first seal, 'cannot be checked' with the JDK's reason, counts before it")
    void keyOfAnotherAlgorithm() throws Exception
    {
        final PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        final InvalidKeyException why = assertThrows(InvalidKeyException.class,
            () -> Signature.getInstance("Ed25519").initVerify(ec));
        final VerifyReport report = JournalVerifier.verify(base, ec);
        final int seal = baseRecords.find(JournalDescriptor.SEAL, 0);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("record " + seal + " (index 0x" + Long.toHexString(baseRecords.index(seal)) + ") is a seal whose " +
            "signature cannot be checked: " + why.getMessage(), report.message());
        assertEquals(seal, report.badRecord());
        assertEquals(baseRecords.index(seal), report.badIndex());
        assertEquals(seal + 1, report.records());
        assertEquals(0, report.seals());
        assertTrue(report.ticks() > 0, "ticks before the first seal: " + report.ticks());
    }

    // ---- the seal-check threads ------------------------------------------------------------------------------

    @Test
    @DisplayName("the seal-check threads a verify starts are ended when it returns (a fleet verifies many journals in one process)")
    void sealCheckThreadsEnd() throws InterruptedException
    {
        final Set<Thread> before = sealCheckThreads();
        assertEquals(VerifyReport.Status.OK, verify(base).status());
        final long deadline = System.nanoTime() + 10_000_000_000L;
        Set<Thread> started = sealCheckThreads();
        started.removeAll(before);
        while (!started.isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
            started = sealCheckThreads();
            started.removeAll(before);
        }
        assertEquals(Set.of(), started, "seal-check threads still alive 10 s after verify returned");
    }

    @Test
    @DisplayName("the seal-check threads are daemons (a verify never keeps the JVM alive): seen from a visitor while the seals are checked")
    void sealCheckThreadsAreDaemons()
    {
        final List<Boolean> daemon = new java.util.ArrayList<>();
        final VerifyReport report = JournalVerifier.verifyAndVisit(base, JournalFixtures.KEYS.getPublic(), new JournalVisitor()
        {
            @Override
            public void onSeal(final long index, final long coveredIndex, final byte[] coveredChain, final byte[] signature)
            {
                for (final Thread t : sealCheckThreads())
                {
                    daemon.add(t.isDaemon());
                }
            }
        });
        assertEquals(VerifyReport.Status.OK, report.status(), report.message());
        assertTrue(!daemon.isEmpty(), "a seal-check thread was running at a seal");
        assertTrue(daemon.stream().allMatch(d -> d), "daemon: " + daemon);
    }

    private static Set<Thread> sealCheckThreads()
    {
        final Set<Thread> threads = new HashSet<>();
        for (final Thread t : Thread.getAllStackTraces().keySet())
        {
            if (t.isAlive() && "galvani-seal-check".equals(t.getName()))
            {
                threads.add(t);
            }
        }
        return threads;
    }

    // ---- ticks -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a schema 1 TICK before any session start is named as outside a session (not by the schema of no session)")
    void schemaOneTickOutsideASession()
    {
        final KeyHolderForgery f = baseRecords.copy();
        final byte[] tick = new byte[JournalDescriptor.TICK_LENGTH];
        tick[0] = JournalDescriptor.TICK;
        f.records.add(0, tick);
        assertFailedAt(f, 0, "is a tick outside a session (no session start before it)");
    }

    @Test
    @DisplayName("SR-14 after a TRIP of cause INTERNAL_ERROR a tick may skip ahead once, never repeat: the same tick again, or a second gap, is named")
    void internalErrorGapOnlyForward()
    {
        // tick 100 starts a run (events of tick 100 precede it): its record decodes alone wherever it is placed
        final KeyHolderForgery repeat = baseRecords.copy();
        final int tick100 = tickAt(repeat.records, 100);
        repeat.records.add(tick100 + 1, trip(101, org.galvani.safety.TripCause.INTERNAL_ERROR.code()));
        repeat.records.add(tick100 + 2, repeat.records.get(tick100).clone());
        assertFailedAt(repeat, tick100 + 2, "holds tick 100 where tick 101 was expected");

        // the gap is allowed once: tick 49 replaced by the trip, then tick 149 removed (the last of its run: tick 150
        // starts the next) — the second gap fails
        final KeyHolderForgery twice = baseRecords.copy();
        twice.records.set(tickAt(twice.records, 49), trip(49, org.galvani.safety.TripCause.INTERNAL_ERROR.code()));
        twice.records.remove(tickAt(twice.records, 149));
        twice.fixSummaries();
        assertFailedAt(twice, tickAt(twice.records, 150), "holds tick 150 where tick 149 was expected");
    }

    private static byte[] trip(final long tick, final int cause)
    {
        final org.galvani.controller.ControllerEvent e =
            new org.galvani.controller.ControllerEvent().reset(org.galvani.controller.EventType.TRIP, tick);
        e.code = cause;
        final org.agrona.concurrent.UnsafeBuffer b = new org.agrona.concurrent.UnsafeBuffer(new byte[1024]);
        return java.util.Arrays.copyOf(b.byteArray(), JournalCodec.encodeEvent(e, b, 0));
    }

    /** @return the position of the record of a tick (ticks decoded in journal order). */
    private static int tickAt(final List<byte[]> records, final long tick)
    {
        final TickDecoder decoder = new TickDecoder();
        for (int i = 0; i < records.size(); i++)
        {
            final byte[] r = records.get(i);
            if (decoder.decode(new org.agrona.concurrent.UnsafeBuffer(r), 0, r.length, JournalFixtures.PERIOD_NS) &&
                decoder.record().tick == tick)
            {
                return i;
            }
        }
        throw new IllegalStateException("no tick " + tick);
    }

    // ---- what a journal's end leaves unattested ----------------------------------------------------------------

    @Test
    @DisplayName("SR-24 a journal ending in an unsealed session end, or in a session start alone, is INCOMPLETE_UNATTESTED naming it, with every count")
    void unattestedEnds()
    {
        final KeyHolderForgery f = baseRecords.copy();
        f.records.removeIf(r -> r[0] == JournalDescriptor.SEAL);
        final int n = f.records.size();
        final int end = f.find(JournalDescriptor.SESSION_END, 0);
        final VerifyReport unsealed = verify(f);
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, unsealed.status(), unsealed.message());
        final String crash = "the session end at record " + end + " was never sealed";
        assertEquals(List.of(crash), unsealed.crashes());
        assertEquals(crash + ": accepted up to the last complete record (" + n + " records, 1 sessions, 300 ticks, " +
            "24 events, 0 seals), " + n + " records after the last seal are chained but not signed and no recovery " +
            "record attests them (within the bound a crash can leave; only an anchor can prove nothing was cut or " +
            "rewritten)", unsealed.message());
        assertEquals(n, unsealed.records());
        assertEquals(n, unsealed.unsealedRecords());
        assertEquals(TICKS - 1, unsealed.lastTick());
        assertNull(unsealed.latestSeal());

        final KeyHolderForgery g = baseRecords.copy();
        g.records.subList(1, g.records.size()).clear();
        final VerifyReport startOnly = verify(g);
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, startOnly.status(), startOnly.message());
        final String open = "session 0 (from record 0) ended without session end before its first tick";
        assertEquals(List.of(open), startOnly.crashes());
        assertEquals(open + ": accepted up to the last complete record (1 records, 1 sessions, 0 ticks, 0 events, " +
            "0 seals), 1 records after the last seal are chained but not signed and no recovery record attests them " +
            "(within the bound a crash can leave; only an anchor can prove nothing was cut or rewritten)",
            startOnly.message());
        assertEquals(-1, startOnly.lastTick());
    }

    private VerifyReport verify(final KeyHolderForgery f)
    {
        return verify(f.write(nextDir("copy")));
    }

    private void assertFailedAt(final KeyHolderForgery f, final int record, final String why)
    {
        final VerifyReport report = verify(f);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals(record, report.badRecord(), report.message());
        assertEquals(f.index(record), report.badIndex(), report.message());
        assertEquals(record + 1, report.records(), report.message());
        assertNull(report.latestSeal(), "no anchor from a FAILED journal");
        assertEquals("record " + record + " (index 0x" + Long.toHexString(f.index(record)) + ") " + why,
            report.message().substring(0, Math.min(report.message().length(),
            ("record " + record + " (index 0x" + Long.toHexString(f.index(record)) + ") " + why).length())));
    }

    // ---- sessions -----------------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a session start with an empty JSON (length 0, its hash right) is named as a header that does not parse, not as a length mismatch")
    void emptyHeaderJson() throws Exception
    {
        final KeyHolderForgery f = baseRecords.copy();
        final byte[] start = f.records.get(0);
        final byte[] r = new byte[JournalDescriptor.START_JSON_OFFSET + JournalDescriptor.CHAIN_LENGTH];
        System.arraycopy(start, 0, r, 0, JournalDescriptor.START_JSON_OFFSET);
        java.nio.ByteBuffer.wrap(r).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(JournalDescriptor.START_JSON_LENGTH_OFFSET, 0);
        System.arraycopy(java.security.MessageDigest.getInstance("SHA-256").digest(new byte[0]), 0, r,
            JournalDescriptor.START_CONFIG_SHA256_OFFSET, 32);
        f.records.set(0, r);
        assertFailedAt(f, 0, "is a session start whose header does not parse: ");
    }

    @Test
    @DisplayName("SR-14 two complete sealed sessions of the same ticks verify OK: each session's summary counts its own ticks only")
    void twoSessionsEachWithItsSummary()
    {
        final KeyHolderForgery f = baseRecords.copy();
        final int end = f.find(JournalDescriptor.SESSION_END, 0);
        final List<byte[]> session = List.copyOf(f.records.subList(0, end + 1));
        byte[] last = null;
        for (final byte[] r : session)
        {
            last = r.clone();
            f.records.add(last);
        }
        f.records.add(f.seal(last));
        final int n = f.records.size();
        final int seals = (int)f.records.stream().filter(r -> r[0] == JournalDescriptor.SEAL).count();
        final VerifyReport report = verify(f);
        assertEquals(VerifyReport.Status.OK, report.status(), report.message());
        assertEquals("OK: " + n + " records, 2 sessions, 600 ticks, 48 events, " + seals + " seals; chain, seals, tick " +
            "continuity and session framing verified", report.message());
    }

    // ---- recovery ------------------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-24 a crash while recovering: a second recovery record right after the first attests the first's unsigned tail too")
    void recoveryAfterRecovery()
    {
        final KeyHolderForgery f = baseRecords.copy();
        final int tick100 = tickAt(f.records, 100);
        f.records.subList(tick100 + 1, f.records.size()).clear();
        f.records.removeIf(r -> r[0] == JournalDescriptor.SEAL);
        final int unsigned = f.records.size();
        f.records.add(recovery(f.index(unsigned - 1), unsigned, 100));
        f.records.add(recovery(f.index(unsigned), unsigned + 1, -1));
        f.records.add(f.seal(f.records.get(unsigned + 1)));
        final VerifyReport report = verify(f);
        assertEquals(VerifyReport.Status.INCOMPLETE_ATTESTED, report.status(), report.message());
        assertEquals(List.of("session 0 (from record 0) ended at tick 100 without session end, " + unsigned +
            " unsigned records, attested by the recovery record at record " + unsigned,
            (unsigned + 1) + " unsigned records, attested by the recovery record at record " + (unsigned + 1)),
            report.crashes());
        assertEquals(0, report.unsealedRecords());
        assertEquals(101, report.ticks());
    }

    private static byte[] recovery(final long lastIndex, final long unsigned, final long lastTick)
    {
        final org.agrona.concurrent.UnsafeBuffer b =
            new org.agrona.concurrent.UnsafeBuffer(new byte[JournalDescriptor.RECOVERY_LENGTH]);
        JournalCodec.encodeRecovery(lastIndex, unsigned, lastTick, 1_765_000_000_000L, b, 0);
        return b.byteArray();
    }

    // ---- journaled clinician overrides (SR-19) -------------------------------------------------------------------

    private static final String OVERRIDE_START = "2026-12-06T09:00:00Z";
    private static final String RX = "{\"patientId\":\"P-0042\",\"prescriptionId\":\"RX-0042\"}";

    private static org.galvani.screening.OverrideStatement statement(final String patient, final String prescription)
    {
        return new org.galvani.screening.OverrideStatement(patient, prescription, org.galvani.screening.Placement.FEET,
            org.galvani.screening.Condition.EPILEPSY, org.galvani.authority.TestKeys.ADA,
            java.time.Instant.parse("2026-12-06T17:00:00Z"), "seizure-free for twelve years, neurologist consulted");
    }

    private static JournaledOverride signed(final org.galvani.screening.OverrideStatement statement)
    {
        return new JournaledOverride(statement.clinicianId(), statement.text(),
            org.galvani.authority.TestKeys.signer(statement.clinicianId()).signBase64(statement.bytes()));
    }

    private Path overrideJournal(final String prescriptionJson, final String sessionStart,
        final JournaledOverride... overrides)
    {
        final Path dir = nextDir("override");
        final SessionHeader header = JournalFixtures.header().withClinical("{}", "SR-1 screening: armable",
            prescriptionJson, "dr-ada", "c2ln", "verified", "override edge test")
            .withOverrides(sessionStart, List.of(overrides));
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalFixtures.options(JournalMode.DIRECT)))
        {
            journal.startSession(header);
            JournalFixtures.writeTicks(journal, 0, 10);
        }
        return dir;
    }

    private static void assertFailedAtTheStart(final VerifyReport report, final Path dir, final String why)
    {
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals(0, report.badRecord(), report.message());
        final long index = new KeyHolderForgery(dir).index(0);
        assertEquals("record 0 (index 0x" + Long.toHexString(index) + ") is a session start " + why,
            report.message().substring(0, Math.min(report.message().length(),
            ("record 0 (index 0x" + Long.toHexString(index) + ") is a session start " + why).length())));
        assertEquals(1, report.records());
        assertEquals(0, report.sessions());
    }

    @Test
    @DisplayName("SR-19 two good overrides are counted (2 re-verified with the keys, 2 unverified without); a second one for another patient is named as override 1 with both bindings")
    void overridesOneByOne()
    {
        final JournaledOverride good = signed(statement("P-0042", "RX-0042"));
        final Path two = overrideJournal(RX, OVERRIDE_START, good, good);
        final VerifyReport withKeys = JournalVerifier.verify(two, JournalFixtures.KEYS.getPublic(), null,
            org.galvani.authority.TestKeys.authoriser());
        assertEquals(VerifyReport.Status.OK, withKeys.status(), withKeys.message());
        assertEquals(2, withKeys.overridesVerified());
        assertEquals(0, withKeys.overridesUnverified());
        assertTrue(withKeys.message().endsWith("; chain, seals, tick continuity and session framing verified; 2 " +
            "journaled clinician override(s) re-verified"), withKeys.message());
        final VerifyReport without = JournalVerifier.verify(two, JournalFixtures.KEYS.getPublic());
        assertEquals(0, without.overridesVerified());
        assertEquals(2, without.overridesUnverified());
        assertTrue(without.message().endsWith("; 2 journaled clinician override(s) NOT re-verified: give the trusted " +
            "clinician keys"), without.message());

        final Path otherPatient = overrideJournal(RX, OVERRIDE_START, good, signed(statement("P-0043", "RX-0042")));
        assertFailedAtTheStart(JournalVerifier.verify(otherPatient, JournalFixtures.KEYS.getPublic()), otherPatient,
            "whose override 1 (by dr-ada) is bound to prescription RX-0042 of patient P-0043, not to this session's " +
            "prescription RX-0042 of patient P-0042");
    }

    @Test
    @DisplayName("SR-19 overrides in a header whose prescription is not JSON, or whose session start is not an instant, are FAILED: nothing to check them against")
    void overridesWithoutAReadableHeader()
    {
        final JournaledOverride good = signed(statement("P-0042", "RX-0042"));
        final Path notJson = overrideJournal("prescription", OVERRIDE_START, good);
        assertFailedAtTheStart(JournalVerifier.verify(notJson, JournalFixtures.KEYS.getPublic()), notJson,
            "that records clinician overrides without a readable prescription and session start to check them against: ");
        final Path noInstant = overrideJournal(RX, "this morning", good);
        assertFailedAtTheStart(JournalVerifier.verify(noInstant, JournalFixtures.KEYS.getPublic()), noInstant,
            "that records clinician overrides without a readable prescription and session start to check them " +
            "against: DateTimeParseException: Text 'this morning' could not be parsed");
    }

    @Test
    @DisplayName("SR-14 a seal claiming its own index after the verifier's look-back has wrapped (131,072 records) is named 'not among the records before it', as early in a journal")
    void selfCoveringSealAfterTheLookBackWrapped()
    {
        final Path big = nextDir("big");
        // 135,000 ticks and their events: more records than the verifier's look-back (2 x the seal lag) holds.
        JournalFixtures.writeSession(big, JournalMode.DIRECT, 0, 135_000);
        final KeyHolderForgery f = new KeyHolderForgery(big);
        final int at = 2 * JournalDescriptor.MAX_SEAL_LAG_RECORDS + 100;
        assertTrue(f.records.size() > at + 1, f.records.size() + " records");
        final byte[] self = new byte[JournalDescriptor.SEAL_LENGTH];
        self[0] = JournalDescriptor.SEAL;
        java.nio.ByteBuffer.wrap(self).order(java.nio.ByteOrder.LITTLE_ENDIAN)
            .putLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET, f.index(at));
        f.records.add(at, self);
        final VerifyReport report = verify(f.write(nextDir("self-seal")));
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals(at, report.badRecord(), report.message());
        assertTrue(report.message().contains("is a seal covering index 0x" + Long.toHexString(f.index(at)) +
            ", which is not among the records before it"), report.message());
    }
}
