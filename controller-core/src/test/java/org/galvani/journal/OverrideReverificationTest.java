package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.galvani.authority.TestKeys;
import org.galvani.config.StrictJson;
import org.galvani.screening.Condition;
import org.galvani.screening.OverrideStatement;
import org.galvani.screening.Placement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-19: the overrides a session header journals are re-verified by the verifier: against the header (bound to
 * the session's prescription and patient, not expired at its start, signed by the clinician it names) and, with
 * the trusted clinician keys, their signatures. A tampered override is FAILED naming the session start record;
 * without the keys the overrides are counted as not re-verified, never passed silently.
 */
class OverrideReverificationTest
{
    private static final String START = "2026-12-06T09:00:00Z";
    private static final Instant EXPIRES = Instant.parse("2026-12-06T17:00:00Z");
    private static final String REASON = "seizure-free for twelve years, neurologist consulted";

    @TempDir
    Path root;

    private static OverrideStatement statement(final String prescriptionId, final Instant expires, final String reason)
    {
        return new OverrideStatement("P-0042", prescriptionId, Placement.FEET, Condition.EPILEPSY, TestKeys.ADA, expires,
            reason);
    }

    private static JournaledOverride signed(final String signer, final OverrideStatement statement)
    {
        return new JournaledOverride(statement.clinicianId(), statement.text(),
            TestKeys.signer(signer).signBase64(statement.bytes()));
    }

    private static JournaledOverride good()
    {
        return signed(TestKeys.ADA, statement("RX-0042", EXPIRES, REASON));
    }

    private Path journal(final String name, final JournaledOverride... overrides)
    {
        final Path dir = root.resolve(name);
        final SessionHeader header = JournalFixtures.header().withClinical("{}", "SR-1 screening: armable",
            "{\"patientId\":\"P-0042\",\"prescriptionId\":\"RX-0042\"}", "dr-ada", "c2ln", "verified", "override test")
            .withOverrides(START, List.of(overrides));
        try (ChronicleJournal journal = ChronicleJournal.open(dir, JournalFixtures.options(JournalMode.DIRECT)))
        {
            journal.startSession(header);
            JournalFixtures.writeTicks(journal, 0, 200);
        }
        return dir;
    }

    private static VerifyReport verify(final Path dir, final boolean withKeys)
    {
        return JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic(), null, withKeys ? TestKeys.authoriser() : null);
    }

    private static void assertFailedAtTheSessionStart(final VerifyReport report, final String why)
    {
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals(0, report.badRecord(), report.message());
        assertTrue(report.message().startsWith("record 0 (index "), report.message());
        assertTrue(report.message().contains(why), report.message());
    }

    @Test
    @DisplayName("SR-19 a journaled override is re-verified with the trusted keys; without them it is reported unverified")
    void journaledOverrideReverified()
    {
        final Path dir = journal("good", good());
        final VerifyReport withKeys = verify(dir, true);
        assertEquals(VerifyReport.Status.OK, withKeys.status(), withKeys.message());
        assertEquals(1, withKeys.overridesVerified());
        assertEquals(0, withKeys.overridesUnverified());
        assertTrue(withKeys.message().contains("1 journaled clinician override(s) re-verified"), withKeys.message());

        final VerifyReport withoutKeys = verify(dir, false);
        assertEquals(0, withoutKeys.overridesVerified());
        assertEquals(1, withoutKeys.overridesUnverified());
        assertTrue(withoutKeys.message().contains("NOT re-verified"), withoutKeys.message());

        final VerifyReport none = verify(journal("none"), false);
        assertEquals(VerifyReport.Status.OK, none.status(), none.message());
        assertEquals(0, none.overridesUnverified() + none.overridesVerified());
    }

    @Test
    @DisplayName("SR-19 an override journaled with a forged or edited signature is FAILED at its session start")
    void forgedOverrideFails()
    {
        // a device that journaled what the clinician never signed: chain and seals are the device's and valid
        final Path forged = journal("forged", signed(TestKeys.MALLORY, statement("RX-0042", EXPIRES, REASON)));
        assertFailedAtTheSessionStart(verify(forged, true), "does not verify with the trusted clinician keys");
        assertEquals(1, verify(forged, false).overridesUnverified(), "without keys it cannot be told: unverified");

        final JournaledOverride good = good();
        final JournaledOverride edited = new JournaledOverride(good.clinicianId(),
            good.statement().replace(REASON, "seizure-free"), good.signature());
        assertFailedAtTheSessionStart(verify(journal("edited", edited), true),
            "does not verify with the trusted clinician keys");
    }

    @Test
    @DisplayName("SR-19 an override journaled for another session, expired, or of version 1 is FAILED even without keys")
    void unboundOverrideFails()
    {
        assertFailedAtTheSessionStart(verify(journal("other", signed(TestKeys.ADA,
            statement("RX-0041", EXPIRES, REASON))), false), "is bound to prescription RX-0041");
        assertFailedAtTheSessionStart(verify(journal("expired", signed(TestKeys.ADA,
            statement("RX-0042", Instant.parse(START), REASON))), false), "expired at " + START);
        final String v1 = "galvani-override-v1\nP-0042\nFEET\nEPILEPSY\ndr-ada\n" + REASON;
        assertFailedAtTheSessionStart(verify(journal("v1", new JournaledOverride(TestKeys.ADA, v1,
            TestKeys.signer(TestKeys.ADA).signBase64(v1.getBytes(StandardCharsets.UTF_8)))), true),
            "is not a valid override statement");
        final JournaledOverride good = good();
        assertFailedAtTheSessionStart(verify(journal("renamed", new JournaledOverride(TestKeys.BOB, good.statement(),
            good.signature())), true), "names clinician dr-ada in its statement");
    }

    @Test
    @DisplayName("SR-14 SR-19 a byte of a journaled override changed in the file breaks the chain at the session start")
    void tamperedOverrideInTheFileFails() throws IOException
    {
        final Path dir = journal("tampered", good());
        final Path cq4;
        try (Stream<Path> files = Files.list(dir))
        {
            cq4 = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(cq4);
        final int at = indexOf(bytes, "neurologist".getBytes(StandardCharsets.UTF_8));
        assertTrue(at > 0, "the journaled statement is in the file");
        try (RandomAccessFile file = new RandomAccessFile(cq4.toFile(), "rw"))
        {
            file.seek(at);
            file.write('N');
        }
        final VerifyReport report = verify(dir, true);
        assertFailedAtTheSessionStart(report, "breaks the chain");
    }

    @Test
    @DisplayName("SR-19 a session header written before overrides were journaled still reads: no session start, no override")
    void olderHeaderReads() throws IOException
    {
        final String json = StrictJson.mapper().writeValueAsString(JournalFixtures.header());
        final String old = json.replace(",\"overrides\":[]", "").replace(",\"sessionStart\":\"\"", "");
        assertTrue(!old.contains("overrides") && !old.contains("sessionStart"), old);
        final SessionHeader header = StrictJson.read(old.getBytes(StandardCharsets.UTF_8), SessionHeader.class, "header");
        assertEquals(List.of(), header.overrides());
        assertEquals("", header.sessionStart());
        assertEquals(JournalFixtures.header(), header);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++)
        {
            for (int j = 0; j < needle.length; j++)
            {
                if (haystack[i + j] != needle[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
