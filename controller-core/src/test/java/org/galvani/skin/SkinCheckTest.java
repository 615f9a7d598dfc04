package org.galvani.skin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.galvani.audit.IndependentJournalReader;
import org.galvani.authority.Ed25519Authoriser;
import org.galvani.authority.TrustedClinicianKeys;
import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TickRecord;
import org.galvani.journal.ChronicleJournal;
import org.galvani.journal.JournalDescriptor;
import org.galvani.journal.JournalFixtures;
import org.galvani.journal.JournalMode;
import org.galvani.journal.JournalOptions;
import org.galvani.journal.JournalReader;
import org.galvani.journal.JournalSkinHistory;
import org.galvani.journal.JournalVerifier;
import org.galvani.journal.JournalVisitor;
import org.galvani.journal.SessionHeader;
import org.galvani.journal.VerifyReport;
import org.galvani.replay.Replayer;
import org.galvani.screening.InterlockPolicy;
import org.galvani.screening.Placement;
import org.galvani.screening.Screening;
import org.galvani.screening.ScreeningEvaluator;
import org.galvani.screening.ScreeningResult;
import org.galvani.screening.ScreeningSession;
import org.galvani.screening.SkinGate;
import org.galvani.screening.SkinOutcome;
import org.galvani.screening.SkinReview;
import org.galvani.session.RejectReason;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.galvani.session.SkinCheck;
import org.galvani.session.SkinGrade;
import org.galvani.testing.FakeLoadDriver;
import org.galvani.testing.TestPlans;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-22: the post-session skin check goes through the command path only once the session ended, is journaled as a
 * SKIN_CHECK record that verify checks and replay reproduces, and a blister or burn blocks the patient's next
 * session at the same site until a clinician's signed review of exactly that record verifies.
 */
class SkinCheckTest
{
    private static final long SECOND_TICKS = 1_000;
    private static final ScreeningDecision CLEAR = new ScreeningDecision(true, "clear");
    /** The next session the screenings are evaluated for (SR-19: overrides are bound to a session). */
    private static final ScreeningSession SESSION = new ScreeningSession("rx-next", Instant.parse("2026-12-06T09:00:00Z"));
    private static final SkinCheck BURN = new SkinCheck(SkinGrade.BLISTER_OR_BURN, "2 mm blister under the anode",
        "P-0042", "FEET");

    @TempDir
    Path root;

    /** A controller on a fake load whose events are kept. */
    private static final class Rig
    {
        final List<ControllerEvent> events = new ArrayList<>();
        final SessionDriver session;

        Rig(final JournalSink also)
        {
            final ControllerContext ctx = TestPlans.context();
            final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
            final Controller controller = new Controller(ctx, new FakeLoadDriver(3_000), inbox, new JournalSink()
            {
                @Override
                public boolean onTick(final TickRecord record)
                {
                    return also.onTick(record);
                }

                @Override
                public boolean onEvent(final ControllerEvent event)
                {
                    events.add(new ControllerEvent().copyFrom(event));
                    return also.onEvent(event);
                }
            }, new StatusPublisher());
            session = new SessionDriver(controller, inbox);
        }

        Controller controller()
        {
            return session.controller();
        }

        ControllerEvent last(final EventType type)
        {
            for (int i = events.size() - 1; i >= 0; i--)
            {
                if (events.get(i).type == type)
                {
                    return events.get(i);
                }
            }
            return null;
        }

        /** A 2 s session to COMPLETE. */
        void treatToCompletion()
        {
            assertTrue(session.begin(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(2 * TestPlans.SECOND_NS)
                .conclude(), 10 * SECOND_TICKS));
            session.until(SessionState.COMPLETE, 10 * SECOND_TICKS);
            assertEquals(SessionState.COMPLETE, controller().state());
        }
    }

    @Test
    @DisplayName("SR-22 the skin check is refused before the session ended (IDLE, ARMED, TREATING) and without a "
        + "check, and accepted in COMPLETE with no state change and a SKIN_CHECKED event carrying the grade")
    void acceptedOnlyAfterTheSessionEnded()
    {
        final Rig rig = new Rig(JournalSink.NONE);
        rig.session.send(SessionEvent.SKIN_CHECK, 0, BURN);
        assertEquals(RejectReason.SESSION_NOT_ENDED.code(), rig.controller().lastRejectReasonCode(), "in IDLE");
        rig.session.send(SessionEvent.SCREEN, 0, CLEAR);
        rig.session.send(SessionEvent.ARM, 0, TestPlans.standard().targetUa(2_000)
            .durationNs(2 * TestPlans.SECOND_NS).conclude());
        final long armed = rig.session.send(SessionEvent.SKIN_CHECK, 0, BURN);
        assertEquals(armed, rig.controller().lastRejectedCommandId());
        assertEquals(RejectReason.SESSION_NOT_ENDED.code(), rig.controller().lastRejectReasonCode(), "in ARMED");
        rig.session.send(SessionEvent.START, 0, null);
        rig.session.until(SessionState.TREATING, 10 * SECOND_TICKS);
        final long treating = rig.session.send(SessionEvent.SKIN_CHECK, 0, BURN);
        assertEquals(treating, rig.controller().lastRejectedCommandId());
        assertEquals(RejectReason.SESSION_NOT_ENDED.code(), rig.controller().lastRejectReasonCode(), "in TREATING");
        assertEquals(SessionState.TREATING, rig.controller().state(), "a refused check changes nothing");
        assertTrue(rig.controller().command().outputEnabled());
        assertNull(rig.last(EventType.SKIN_CHECKED), "nothing recorded before the end");

        rig.session.until(SessionState.COMPLETE, 10 * SECOND_TICKS);
        final long none = rig.session.send(SessionEvent.SKIN_CHECK, 0, null);
        assertEquals(none, rig.controller().lastRejectedCommandId());
        assertEquals(RejectReason.NOTHING_SUBMITTED.code(), rig.controller().lastRejectReasonCode());
        final long accepted = rig.session.send(SessionEvent.SKIN_CHECK, 0, BURN);
        assertEquals(accepted, rig.controller().lastAcceptedCommandId());
        assertEquals(SessionState.COMPLETE, rig.controller().state());
        final ControllerEvent skin = rig.last(EventType.SKIN_CHECKED);
        assertNotNull(skin);
        assertEquals(SkinGrade.BLISTER_OR_BURN.code(), skin.code);
        assertEquals(SessionState.COMPLETE.code(), skin.fromState);
        assertEquals(accepted, skin.commandId);
        assertEquals(BURN, skin.attachment);
        assertFalse(rig.controller().command().outputEnabled());
    }

    @Test
    @DisplayName("SR-22 a session ended by the e-stop or a fault takes the skin check too (latched, no state change)")
    void acceptedAfterEmergencyStop()
    {
        final Rig rig = new Rig(JournalSink.NONE);
        assertTrue(rig.session.begin(CLEAR, TestPlans.standard().targetUa(2_000).durationNs(60 * TestPlans.SECOND_NS)
            .conclude(), 10 * SECOND_TICKS));
        rig.session.send(SessionEvent.E_STOP, 0, null);
        assertEquals(SessionState.E_STOP, rig.controller().state());
        final long accepted = rig.session.send(SessionEvent.SKIN_CHECK, 0,
            new SkinCheck(SkinGrade.ERYTHEMA, "", "P-0042", "FEET"));
        assertEquals(accepted, rig.controller().lastAcceptedCommandId());
        assertEquals(SessionState.E_STOP, rig.controller().state());
        assertEquals(SkinGrade.ERYTHEMA.code(), rig.last(EventType.SKIN_CHECKED).code);
    }

    @Test
    @DisplayName("SR-22 a skin check's fields are validated on the sender's thread: grade, one-line note, patient, placement")
    void badChecksAreRefusedBeforeSending()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SkinCheck(null, "", "P", "FEET"))
            .getMessage().contains("none, dryness, erythema, irritation, blister-or-burn"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new SkinCheck(SkinGrade.NONE, "two\nlines", "P", "FEET")).getMessage().startsWith("note "));
        assertThrows(IllegalArgumentException.class, () -> new SkinCheck(SkinGrade.NONE, "", " ", "FEET"));
        assertThrows(IllegalArgumentException.class, () -> new SkinCheck(SkinGrade.NONE, "x".repeat(501), "P", "FEET"));
        assertEquals(SkinGrade.BLISTER_OR_BURN, SkinGrade.parse("Burn"));
        assertEquals(SkinGrade.ERYTHEMA, SkinGrade.parse("ERYTHEMA"));
        assertNull(SkinGrade.parse("rash"));
    }

    /** Writes a journaled session that ends COMPLETE and records the check; returns the folder. */
    private Path journaledSession(final Path dir, final KeyPair device, final SkinCheck check)
    {
        return journaledSession(dir, device, check, JournalMode.DIRECT);
    }

    private Path journaledSession(final Path dir, final KeyPair device, final SkinCheck check, final JournalMode mode)
    {
        try (ChronicleJournal journal = ChronicleJournal.open(dir,
            new JournalOptions().devicePrivateKey(device.getPrivate()).mode(mode).sealIntervalRecords(64)))
        {
            final Rig rig = new Rig(journal);
            journal.startSession(SessionHeader.of("skin-test", TestPlans.context(), FakeLoadDriver.INFO));
            rig.treatToCompletion();
            rig.session.send(SessionEvent.SKIN_CHECK, 0, check);
            rig.session.ticks(2);
            journal.endSession();
        }
        return dir;
    }

    @Test
    @DisplayName("SR-22 the skin check is journaled as a SKIN_CHECK record: read back equal, verified, replayed bit "
        + "for bit, accepted by an independent reader; a changed grade breaks the chain, a re-chained one the seal")
    void journaledVerifiedReplayedAndTamperEvident() throws Exception
    {
        final KeyPair device = keyPair();
        final Path dir = journaledSession(root.resolve("j"), device, BURN);
        assertEquals(VerifyReport.Status.OK, JournalVerifier.verify(dir, device.getPublic()).status());
        assertNull(IndependentJournalReader.verify(dir, device.getPublic()).problem());

        final List<SkinCheck> read = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            final Replay replay = new Replay();
            while (reader.next(new JournalVisitor()
            {
                @Override
                public void onSessionStart(final long index, final SessionHeader header)
                {
                    replay.replayer = new Replayer(header);
                }

                @Override
                public void onEvent(final long index, final ControllerEvent event)
                {
                    if (event.type == EventType.SKIN_CHECKED)
                    {
                        read.add((SkinCheck)event.attachment);
                    }
                    replay.replayer.onRecordedEvent(event);
                }

                @Override
                public void onTick(final long index, final TickRecord record)
                {
                    replay.replayer.onRecordedTick(record);
                }
            }))
            {
                // each record pushed into the replayer
            }
            assertNull(replay.replayer.divergence(), () -> "replay diverged: " + replay.replayer.divergence());
        }
        assertEquals(List.of(BURN), read, "the SKIN_CHECK record reads back equal");

        final List<byte[]> raw = rawRecords(dir);
        int skin = -1;
        for (int i = 0; i < raw.size(); i++)
        {
            if (raw.get(i)[0] == JournalDescriptor.SKIN_CHECK)
            {
                skin = i;
            }
        }
        assertTrue(skin > 0, "a SKIN_CHECK record is in the journal");
        final List<byte[]> tampered = copyAll(raw);
        tampered.get(skin)[JournalDescriptor.SKIN_GRADE_OFFSET] = (byte)SkinGrade.NONE.code();
        final VerifyReport broken = JournalVerifier.verify(JournalFixtures.writeRecords(root.resolve("t1"), tampered),
            device.getPublic());
        assertEquals(VerifyReport.Status.FAILED, broken.status());
        assertEquals(skin, broken.badRecord(), broken.message());
        assertTrue(broken.message().contains("breaks the chain"), broken.message());

        rechain(tampered);
        final VerifyReport forged = JournalVerifier.verify(JournalFixtures.writeRecords(root.resolve("t2"), tampered),
            device.getPublic());
        assertEquals(VerifyReport.Status.FAILED, forged.status(), "a burn re-chained into 'none' fails at a seal");
        assertTrue(forged.badRecord() > skin, forged.message());
    }

    @Test
    @DisplayName("SR-22 in HAND_OFF (the real-time journal thread) the skin check is journaled the same: one SKIN_CHECK "
        + "record after the session ended, read back equal, the journal verified")
    void journaledThroughTheHandOffToo() throws Exception
    {
        final KeyPair device = keyPair();
        final Path dir = journaledSession(root.resolve("h"), device, BURN, JournalMode.HAND_OFF);
        assertEquals(VerifyReport.Status.OK, JournalVerifier.verify(dir, device.getPublic()).status());
        final List<byte[]> raw = rawRecords(dir);
        assertEquals(1, raw.stream().filter(r -> r[0] == JournalDescriptor.SKIN_CHECK).count());
        assertEquals(BURN.note(), JournalSkinHistory.read(dir).last("P-0042", Placement.FEET).note());
    }

    /** Holder for the replayer built at the session start. */
    private static final class Replay
    {
        Replayer replayer;
    }

    @Test
    @DisplayName("SR-22 a burn in the last session of that patient and site blocks the next one (screening not armable, "
        + "the controller refuses SCREEN) until a review of that very record signed by a trusted clinician verifies; a "
        + "review of another patient, site or record, or by an untrusted key, does not unblock; another site is not blocked")
    void burnBlocksTheNextSessionUntilReviewed() throws Exception
    {
        final KeyPair device = keyPair();
        final Path dir = journaledSession(root.resolve("j"), device, BURN);
        final JournalSkinHistory history = JournalSkinHistory.read(dir, device.getPublic());
        assertEquals(1, history.checks());
        final SkinOutcome last = history.last("P-0042", Placement.FEET);
        assertNotNull(last);
        assertEquals(SkinGrade.BLISTER_OR_BURN, last.grade());
        assertTrue(last.reference().matches("[0-9a-f]+:[0-9a-f]{32}"), last.reference());

        final KeyPair ada = keyPair();
        final KeyPair mallory = keyPair();
        final Ed25519Authoriser authoriser = new Ed25519Authoriser(TrustedClinicianKeys.of(Map.of("dr-ada",
            ada.getPublic())));
        final Screening feet = Screening.parse("{\"patientId\": \"P-0042\", \"placement\": \"FEET\", \"conditions\": []}");

        final ScreeningResult blocked = ScreeningEvaluator.evaluate(feet, InterlockPolicy.defaults(), authoriser, SESSION,
            history, List.of());
        assertFalse(blocked.armable());
        assertTrue(blocked.blockedBySkin());
        assertTrue(blocked.summary().contains("blocked: " + SkinGate.CODE) &&
            blocked.summary().contains(last.reference()), blocked.summary());
        final Rig rig = new Rig(JournalSink.NONE);
        rig.session.send(SessionEvent.SCREEN, 0, blocked.toDecision());
        assertEquals(RejectReason.SCREENING_BLOCKS.code(), rig.controller().lastRejectReasonCode());
        assertEquals(SessionState.IDLE, rig.controller().state(), "the blocked session is never screened");

        final SkinReview good = sign(new SkinReview("P-0042", Placement.FEET, last.reference(), "dr-ada",
            "blister healed, sponges replaced", ""), ada);
        final List<SkinReview> wrong = List.of(
            sign(new SkinReview("P-0043", Placement.FEET, last.reference(), "dr-ada", "other patient", ""), ada),
            sign(new SkinReview("P-0042", Placement.HANDS, last.reference(), "dr-ada", "other site", ""), ada),
            sign(new SkinReview("P-0042", Placement.FEET, "5139000000ff:" + "0".repeat(32), "dr-ada", "other record",
                ""), ada),
            sign(new SkinReview("P-0042", Placement.FEET, last.reference(), "dr-ada", "signed by another key", ""),
                mallory),
            new SkinReview("P-0042", Placement.FEET, last.reference(), "dr-ada", "edited after signing",
                good.signature()));
        for (final SkinReview review : wrong)
        {
            final ScreeningResult still = ScreeningEvaluator.evaluate(feet, InterlockPolicy.defaults(), authoriser, SESSION,
                history, List.of(review));
            assertFalse(still.armable(), () -> "must stay blocked: " + review);
            assertTrue(still.summary().contains("review by dr-ada"), still.summary());
        }
        final ScreeningResult reviewed = ScreeningEvaluator.evaluate(feet, InterlockPolicy.defaults(), authoriser, SESSION,
            history, List.of(wrong.get(0), good));
        assertTrue(reviewed.armable(), reviewed.summary());
        assertTrue(reviewed.summary().contains("reviewed by dr-ada"), reviewed.summary());
        final Rig next = new Rig(JournalSink.NONE);
        next.session.send(SessionEvent.SCREEN, 0, reviewed.toDecision());
        assertEquals(SessionState.SCREENED, next.controller().state());

        final Screening hands = Screening.parse("{\"patientId\": \"P-0042\", \"placement\": \"HANDS\", \"conditions\": []}");
        assertTrue(ScreeningEvaluator.evaluate(hands, InterlockPolicy.defaults(), authoriser, SESSION, history,
            List.of())
            .armable(), "another electrode site of the same patient is not blocked");
    }

    @Test
    @DisplayName("SR-22 the last session counts: a later session at the same site with a milder check, and a burn "
        + "followed in the same session by a milder entry, keep the most severe grade of the last session that recorded one")
    void theLastSessionWithACheckCounts() throws Exception
    {
        final KeyPair device = keyPair();
        final Path dir = root.resolve("j");
        journaledSession(dir, device, BURN);
        assertEquals(SkinGrade.BLISTER_OR_BURN, JournalSkinHistory.read(dir).last("P-0042", Placement.FEET).grade());
        journaledSession(dir, device, new SkinCheck(SkinGrade.DRYNESS, "", "P-0042", "FEET"));
        assertEquals(SkinGrade.DRYNESS, JournalSkinHistory.read(dir, device.getPublic()).last("P-0042",
            Placement.FEET).grade());
        assertNull(JournalSkinHistory.read(root.resolve("none")).last("P-0042", Placement.FEET), "no journal, no history");
    }

    @Test
    @DisplayName("SR-22 a skin history journal that fails verification is refused, never read as 'no burn'")
    void tamperedHistoryIsRefused() throws Exception
    {
        final KeyPair device = keyPair();
        final Path dir = journaledSession(root.resolve("j"), device, BURN);
        final List<byte[]> raw = rawRecords(dir);
        raw.removeIf(r -> r[0] == JournalDescriptor.SKIN_CHECK);
        final Path cut = JournalFixtures.writeRecords(root.resolve("cut"), raw);
        assertNull(JournalSkinHistory.read(cut).last("P-0042", Placement.FEET), "unverified, the burn is gone");
        final IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> JournalSkinHistory.read(cut, device.getPublic()));
        assertTrue(refused.getMessage().contains("does not verify"), refused.getMessage());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private static SkinReview sign(final SkinReview review, final KeyPair key) throws GeneralSecurityException
    {
        final Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(review.statement());
        return review.withSignature(Base64.getEncoder().encodeToString(signer.sign()));
    }

    private static KeyPair keyPair() throws GeneralSecurityException
    {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static List<byte[]> rawRecords(final Path dir)
    {
        final List<byte[]> records = new ArrayList<>();
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
            .readOnly(true).build())
        {
            final var tailer = queue.createTailer();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    if (dc.isData())
                    {
                        final var bytes = dc.wire().bytes();
                        final byte[] record = new byte[(int)bytes.readRemaining()];
                        bytes.read(record);
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private static List<byte[]> copyAll(final List<byte[]> records)
    {
        final List<byte[]> copy = new ArrayList<>();
        for (final byte[] r : records)
        {
            copy.add(r.clone());
        }
        return copy;
    }

    private static void rechain(final List<byte[]> records) throws GeneralSecurityException
    {
        byte[] chain = new byte[JournalDescriptor.CHAIN_LENGTH];
        for (final byte[] r : records)
        {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            final int tag = JournalDescriptor.chainTagLength(r[0]); // 4 for a packed tick (schema 2)
            sha.update(chain);
            sha.update(r, 0, r.length - tag);
            chain = Arrays.copyOf(sha.digest(), JournalDescriptor.CHAIN_LENGTH);
            System.arraycopy(chain, 0, r, r.length - tag, tag);
        }
    }
}
