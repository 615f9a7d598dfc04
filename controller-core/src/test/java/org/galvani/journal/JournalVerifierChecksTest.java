package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.safety.TripCause;
import org.galvani.session.SessionState;
import org.galvani.session.SkinCheck;
import org.galvani.session.SkinGrade;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-14, SR-22, SR-24: each check of {@link JournalVerifier} beyond the chain and the signatures, reached by a
 * journal rewritten by someone holding the device key ({@link KeyHolderForgery}: chain recomputed, seals
 * re-signed), so that only the check under test can catch it — framing, tick continuity and its one allowed
 * gap, event and skin-check placement, schema versions, the header's hash and length, session summaries, the
 * unsigned span's time bound, seals that cover nothing, and the recovery record's rules. Each FAILED report
 * names the first bad record, its index and the counts before it. One real 300-tick session is the base.
 */
class JournalVerifierChecksTest extends ForgedJournalFixture
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private KeyHolderForgery forgery()
    {
        return baseRecords.copy();
    }

    private VerifyReport verify(final KeyHolderForgery forgery)
    {
        return JournalVerifier.verify(forgery.write(nextDir("copy")),
            JournalFixtures.KEYS.getPublic());
    }

    private VerifyReport forged(final Consumer<KeyHolderForgery> edit)
    {
        final KeyHolderForgery forgery = forgery();
        edit.accept(forgery);
        return verify(forgery);
    }

    private static void assertFailedAt(final VerifyReport report, final KeyHolderForgery f, final int record,
        final String why)
    {
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals(record, report.badRecord(), report.message());
        assertEquals(f.index(record), report.badIndex(), report.message());
        assertEquals(record + 1, report.records(), report.message());
        assertNull(report.latestSeal(), "no anchor from a FAILED journal");
        assertTrue(report.message().startsWith("record " + record + " (index 0x" + Long.toHexString(f.index(record)) +
            ") "), report.message());
        assertTrue(report.message().contains(why), () -> "'" + report.message() + "' should contain '" + why + "'");
    }

    private void assertFailedAt(final Consumer<KeyHolderForgery> edit, final int record, final String why)
    {
        final KeyHolderForgery forgery = forgery();
        edit.accept(forgery);
        assertFailedAt(verify(forgery), forgery, record, why);
    }

    /** @return the position of the record of a tick (ticks decoded in journal order). */
    private static int tickAt(final List<byte[]> records, final long tick)
    {
        final TickDecoder decoder = new TickDecoder();
        for (int i = 0; i < records.size(); i++)
        {
            final byte[] r = records.get(i);
            if (decoder.decode(new UnsafeBuffer(r), 0, r.length, JournalFixtures.PERIOD_NS) && decoder.record().tick == tick)
            {
                return i;
            }
        }
        throw new IllegalStateException("no tick " + tick);
    }

    private static byte[] event(final EventType type, final long tick, final int code)
    {
        final ControllerEvent e = new ControllerEvent().reset(type, tick);
        e.code = code;
        final UnsafeBuffer b = new UnsafeBuffer(new byte[1024]);
        return Arrays.copyOf(b.byteArray(), JournalCodec.encodeEvent(e, b, 0));
    }

    private static byte[] skinCheck(final long tick, final int state)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[1024]);
        final int length = JournalCodec.encodeSkinCheck(tick, 7, state,
            new SkinCheck(SkinGrade.ERYTHEMA, "slight redness", "patient-1", "forearm"), b, 0);
        return Arrays.copyOf(b.byteArray(), length);
    }

    private static byte[] recovery(final long lastIndex, final long unsigned, final long lastTick)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[JournalDescriptor.RECOVERY_LENGTH]);
        JournalCodec.encodeRecovery(lastIndex, unsigned, lastTick, 1_765_000_000_000L, b, 0);
        return b.byteArray();
    }

    private static int count(final List<byte[]> records, final int type)
    {
        int n = 0;
        for (final byte[] r : records)
        {
            n += r[0] == type ? 1 : 0;
        }
        return n;
    }

    /** Drops every seal (the forger wants an unsealed tail to attach something to). */
    private static void dropSeals(final KeyHolderForgery f)
    {
        f.records.removeIf(r -> r[0] == JournalDescriptor.SEAL);
    }

    // ---- the base and its counts ------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 the key holder's faithful rewrite verifies OK with every count, the OK sentence and the latest seal as anchor")
    void faithfulRewriteIsOkWithEveryCount()
    {
        final KeyHolderForgery f = forgery();
        final VerifyReport report = verify(f);
        final int seals = count(f.records, JournalDescriptor.SEAL);
        final int n = f.records.size();
        assertEquals(VerifyReport.Status.OK, report.status(), report.message());
        assertEquals("OK: " + n + " records, 1 sessions, 300 ticks, 24 events, " + seals + " seals; chain, seals, tick " +
            "continuity and session framing verified", report.message());
        assertEquals(n, report.records());
        assertEquals(1, report.sessions());
        assertEquals(TICKS, report.ticks());
        assertEquals(24, report.events());
        assertEquals(seals, report.seals());
        assertEquals(0, report.unsealedRecords());
        assertEquals(TICKS - 1, report.lastTick());
        assertEquals(-1, report.badRecord());
        assertEquals(-1, report.badIndex());
        assertEquals(List.of(), report.crashes());
        final byte[] last = f.records.get(n - 1);
        assertEquals(JournalDescriptor.SEAL, last[0]);
        final ByteBuffer b = ByteBuffer.wrap(last).order(LE);
        assertEquals(b.getLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET), report.latestSeal().index());
        assertEquals(n, report.latestSeal().records());
        assertTrue(report.latestSeal().verifies(JournalFixtures.KEYS.getPublic()));
        assertEquals(VerifyReport.Status.OK, JournalVerifier.verify(base, JournalFixtures.KEYS.getPublic(),
            report.latestSeal()).status(), "the original reaches the anchor of its rewrite (same chain)");
    }

    // ---- ticks --------------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a missing tick is named at the next tick (tick 50 where 49 was expected), with the counts before it")
    void missingTickIsNamed()
    {
        final KeyHolderForgery f = forgery();
        final int at = tickAt(f.records, 49);
        f.records.remove(at);
        final VerifyReport report = verify(f);
        final int bad = tickAt(f.records, 50);
        assertFailedAt(report, f, bad, "holds tick 50 where tick 49 was expected");
        assertEquals(49, report.ticks());
        assertEquals(48, report.lastTick());
        assertEquals(8, report.events());
        assertEquals(1, report.sessions());
    }

    @Test
    @DisplayName("SR-14 a gap is allowed once after a TRIP event of cause INTERNAL_ERROR (the failed tick consumed its index), not after another cause or type")
    void internalErrorTripAllowsOneGap()
    {
        final VerifyReport allowed = forged(f ->
        {
            final int at = tickAt(f.records, 49);
            f.records.set(at, event(EventType.TRIP, 49, TripCause.INTERNAL_ERROR.code()));
            f.fixSummaries();
        });
        assertEquals(VerifyReport.Status.OK, allowed.status(), allowed.message());
        assertEquals(TICKS - 1, allowed.ticks());
        assertEquals(25, allowed.events());
        for (final byte[] replacement : List.of(event(EventType.TRIP, 49, TripCause.INTERNAL_ERROR.code() + 1),
            event(EventType.values()[EventType.TRIP.ordinal() + 1], 49, TripCause.INTERNAL_ERROR.code())))
        {
            assertFailedAt(f ->
            {
                final int at = tickAt(f.records, 49);
                f.records.set(at, replacement);
                f.fixSummaries();
            }, tickAt(forgery().records, 50), "holds tick 50 where tick 49 was expected");
        }
    }

    @Test
    @DisplayName("SR-14 a tick before the session start or after its end is outside a session")
    void tickOutsideASession()
    {
        final byte[] tick50 = forgery().records.get(tickAt(forgery().records, 50));
        assertFailedAt(f -> f.records.add(0, tick50.clone()), 0, "is a tick outside a session (no session start before it)");
        final KeyHolderForgery probe = forgery();
        final int end = probe.find(JournalDescriptor.SESSION_END, 0);
        assertFailedAt(f -> f.records.add(end + 1, tick50.clone()), end + 1, "is a tick outside a session");
    }

    @Test
    @DisplayName("SR-14 a TICK or TICK_WIDE of the wrong length, a TICK in a schema 2 session and a packed tick cut short are each named")
    void tickLayouts()
    {
        final int at = tickAt(forgery().records, 120);
        final byte[] wrongTick = new byte[JournalDescriptor.TICK_LENGTH + 1];
        wrongTick[0] = JournalDescriptor.TICK;
        assertFailedAt(f -> f.records.set(at, wrongTick), at, "is a tick of 121 bytes instead of 120");
        final byte[] wrongWide = new byte[JournalDescriptor.TICK_WIDE_LENGTH - 1];
        wrongWide[0] = JournalDescriptor.TICK_WIDE;
        assertFailedAt(f -> f.records.set(at, wrongWide), at, "is a tick of 191 bytes instead of 192");
        final byte[] v1 = new byte[JournalDescriptor.TICK_LENGTH];
        v1[0] = JournalDescriptor.TICK;
        assertFailedAt(f -> f.records.set(at, v1), at, "is a TICK in a session of schema version 2");
        final byte[] packed = forgery().records.get(at);
        final byte[] cut = Arrays.copyOf(packed, JournalDescriptor.PACKED_BODY_OFFSET + 1 + JournalDescriptor.PACKED_CHECK_LENGTH);
        assertFailedAt(f -> f.records.set(at, cut), at, "is a packed tick whose fields do not fill its");
    }

    @Test
    @DisplayName("SR-14 a session start of schema version 1 followed by TICK_PACKED records is refused at the first of them")
    void packedTickInSchemaOneSession()
    {
        final int first = tickAt(forgery().records, 0);
        assertFailedAt(f -> setStart(f, b -> b.putShort(JournalDescriptor.START_SCHEMA_VERSION_OFFSET, (short)1)), first,
            "is a TICK_PACKED in a session of schema version 1 (version 1 writes TICK, version 2 TICK_PACKED)");
    }

    private static void setStart(final KeyHolderForgery f, final Consumer<ByteBuffer> edit)
    {
        edit.accept(ByteBuffer.wrap(f.records.get(0)).order(LE));
    }

    // ---- events and skin checks ---------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 an event before the session start, of a tick already recorded, or of an unknown type is named; the last known type passes")
    void eventPlacementAndType()
    {
        assertFailedAt(f -> f.records.add(0, event(EventType.TRIP, 0, 1)), 0,
            "is an event outside a session (no session start before it)");
        final int after49 = tickAt(forgery().records, 49) + 1;
        assertFailedAt(f -> f.records.add(after49, event(EventType.TRIP, 49, 1)), after49,
            "is an event of tick 49 after the record of tick 49");
        assertFailedAt(f -> f.records.add(after49, event(EventType.TRIP, 48, 1)), after49,
            "is an event of tick 48 after the record of tick 49");
        final byte[] unknown = event(EventType.TRIP, 50, 1);
        unknown[JournalDescriptor.EVENT_TYPE_OFFSET] = (byte)EventType.values().length;
        assertFailedAt(f -> f.records.add(after49, unknown), after49, "has an unknown event type " + EventType.values().length);
        final byte[] lastKnown = event(EventType.TRIP, 50, 1);
        lastKnown[JournalDescriptor.EVENT_TYPE_OFFSET] = (byte)(EventType.values().length - 1);
        final VerifyReport ok = forged(f -> f.records.add(after49, lastKnown));
        assertEquals(VerifyReport.Status.OK, ok.status(), ok.message());
        assertEquals(25, ok.events());
    }

    @Test
    @DisplayName("SR-14 an event whose attachment length disagrees with its record length, or shorter than an event, is named")
    void eventLengths()
    {
        final int after49 = tickAt(forgery().records, 49) + 1;
        final byte[] longer = event(EventType.TRIP, 50, 1);
        ByteBuffer.wrap(longer).order(LE).putInt(JournalDescriptor.EVENT_ATTACHMENT_LENGTH_OFFSET, 1);
        assertFailedAt(f -> f.records.add(after49, longer), after49, "is an event whose attachment length does not match");
        final byte[] shorter = Arrays.copyOf(event(EventType.TRIP, 50, 1), JournalDescriptor.EVENT_MIN_LENGTH - 1);
        assertFailedAt(f -> f.records.add(after49, shorter), after49, "is an event whose attachment length does not match");
    }

    @Test
    @DisplayName("SR-22 a skin check after the last tick in COMPLETE, FAULT or E_STOP verifies; in another state, of a recorded tick, or before any tick it is named")
    void skinCheckRules()
    {
        final int end = forgery().find(JournalDescriptor.SESSION_END, 0);
        for (final SessionState state : List.of(SessionState.COMPLETE, SessionState.FAULT, SessionState.E_STOP))
        {
            final VerifyReport ok = forged(f -> f.records.add(end, skinCheck(TICKS, state.code())));
            assertEquals(VerifyReport.Status.OK, ok.status(), state + ": " + ok.message());
            assertEquals(25, ok.events(), "a skin check counts as an event");
        }
        final SessionState running = SessionState.values()[SessionState.COMPLETE.ordinal() - 1];
        assertFailedAt(f -> f.records.add(end, skinCheck(TICKS, running.code())), end,
            "is a skin check recorded in session state " + running.code() + ": only after the session ended");
        assertFailedAt(f -> f.records.add(end, skinCheck(TICKS - 1, SessionState.COMPLETE.code())), end,
            "is a skin check of tick 299 after the record of tick 299");
        assertFailedAt(f -> f.records.add(1, skinCheck(0, SessionState.COMPLETE.code())), 1,
            "is a skin check outside a session that ran (no session start and tick before it)");
        assertFailedAt(f -> f.records.add(0, skinCheck(0, SessionState.COMPLETE.code())), 0,
            "is a skin check outside a session that ran");
        final byte[] bad = skinCheck(TICKS, SessionState.COMPLETE.code());
        bad[JournalDescriptor.SKIN_GRADE_OFFSET] = 9;
        assertFailedAt(f -> f.records.add(end, bad), end, "is a skin check of unknown grade 9");
    }

    // ---- session start and end ------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a session start of schema version 0 or 3, with a wrong JSON length, configuration hash or unparsable header is named")
    void sessionStartChecks()
    {
        for (final int version : new int[] {0, 3})
        {
            assertFailedAt(f -> setStart(f, b -> b.putShort(JournalDescriptor.START_SCHEMA_VERSION_OFFSET, (short)version)), 0,
                "is a session start of schema version " + version + "; this verifier reads versions 1 to 2");
        }
        for (final int delta : new int[] {-1, 1})
        {
            assertFailedAt(f -> setStart(f, b -> b.putInt(JournalDescriptor.START_JSON_LENGTH_OFFSET,
                b.getInt(JournalDescriptor.START_JSON_LENGTH_OFFSET) + delta)), 0,
                "is a session start whose JSON length does not match its record length");
        }
        assertFailedAt(f -> setStart(f, b -> b.putInt(JournalDescriptor.START_JSON_LENGTH_OFFSET, -1)), 0,
            "is a session start whose JSON length does not match its record length");
        assertFailedAt(f -> setStart(f, b -> b.put(JournalDescriptor.START_JSON_OFFSET + 3,
            (byte)(b.get(JournalDescriptor.START_JSON_OFFSET + 3) ^ 1))), 0,
            "is a session start whose configuration hash does not match its header");
        assertFailedAt(f -> f.records.set(0, withJson(f.records.get(0), "{\"not\":\"a header\"}")), 0,
            "is a session start whose header does not parse: ");
    }

    /** A session start with other JSON, its length and configuration hash made consistent. */
    private static byte[] withJson(final byte[] start, final String json)
    {
        final byte[] text = json.getBytes(StandardCharsets.UTF_8);
        final byte[] r = new byte[JournalDescriptor.START_JSON_OFFSET + text.length + JournalDescriptor.CHAIN_LENGTH];
        System.arraycopy(start, 0, r, 0, JournalDescriptor.START_JSON_OFFSET);
        System.arraycopy(text, 0, r, JournalDescriptor.START_JSON_OFFSET, text.length);
        final ByteBuffer b = ByteBuffer.wrap(r).order(LE);
        b.putInt(JournalDescriptor.START_JSON_LENGTH_OFFSET, text.length);
        try
        {
            final byte[] hash = MessageDigest.getInstance("SHA-256").digest(text);
            System.arraycopy(hash, 0, r, JournalDescriptor.START_CONFIG_SHA256_OFFSET, 32);
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        return r;
    }

    private static String json(final byte[] start)
    {
        final int length = ByteBuffer.wrap(start).order(LE).getInt(JournalDescriptor.START_JSON_LENGTH_OFFSET);
        return new String(start, JournalDescriptor.START_JSON_OFFSET, length, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("SR-14 a second session start while one is open, or after an end no seal covers, is named")
    void sessionFraming()
    {
        final int tick10 = tickAt(forgery().records, 10);
        assertFailedAt(f -> f.records.add(tick10, f.records.get(0).clone()), tick10,
            "starts a session while session 0 (from record 0) is still open: no recovery record attests how it ended");
        final KeyHolderForgery f = forgery();
        final int end = f.find(JournalDescriptor.SESSION_END, 0);
        final List<byte[]> session = List.copyOf(f.records.subList(0, end + 1));
        dropSeals(f);
        for (final byte[] r : session)
        {
            f.records.add(r.clone());
        }
        assertFailedAt(verify(f), f, end + 1, "starts a session although the session end at record " + end +
            " was never sealed");
    }

    @Test
    @DisplayName("SR-14 a session end of the wrong length, outside a session, or whose summary differs from the ticks is named")
    void sessionEndChecks()
    {
        final int end = forgery().find(JournalDescriptor.SESSION_END, 0);
        assertFailedAt(f -> f.records.set(end, Arrays.copyOf(f.records.get(end), JournalDescriptor.SESSION_END_LENGTH + 1)),
            end, "is a session end of " + (JournalDescriptor.SESSION_END_LENGTH + 1) + " bytes instead of " +
            JournalDescriptor.SESSION_END_LENGTH);
        assertFailedAt(f -> f.records.add(end + 1, f.records.get(end).clone()), end + 1, "is a session end outside a session");
        assertFailedAt(f -> f.records.remove(tickAt(f.records, TICKS - 1)), end - 1,
            "is a session end whose summary does not match the session's ticks (recorded ");
    }

    // ---- seals and the unsigned span --------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a seal of the wrong length, over an index no record before it has, or with another chain value is named")
    void sealChecks()
    {
        final int tick100 = tickAt(forgery().records, 100);
        final byte[] longSeal = new byte[JournalDescriptor.SEAL_LENGTH + 8];
        longSeal[0] = JournalDescriptor.SEAL;
        assertFailedAt(f -> f.records.add(tick100, longSeal), tick100, "is a seal of 120 bytes instead of 112");
        final byte[] nowhere = new byte[JournalDescriptor.SEAL_LENGTH];
        nowhere[0] = JournalDescriptor.SEAL;
        ByteBuffer.wrap(nowhere).order(LE).putLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET, forgery().index(tick100));
        assertFailedAt(f -> f.records.add(tick100, nowhere), tick100, "is a seal covering index 0x" +
            Long.toHexString(forgery().index(tick100)) + ", which is not among the records before it");
        final byte[] otherChain = nowhere.clone();
        ByteBuffer.wrap(otherChain).order(LE).putLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET, forgery().index(tick100 - 1));
        assertFailedAt(f -> f.records.add(tick100, otherChain), tick100, "is a seal whose chain value differs from that of " +
            "the record it covers (index 0x" + Long.toHexString(forgery().index(tick100 - 1)) + ")");
    }

    @Test
    @DisplayName("SR-24 the unsigned span's time bound: 60 s of 1-s ticks after the last sealed record pass, the 61st tick fails; a seal in between restarts it at the record it covers")
    void unsignedTimeBound()
    {
        final VerifyReport slow = forged(f ->
        {
            slowTicks(f);
            dropSeals(f);
        });
        final KeyHolderForgery probe = forgery();
        slowTicks(probe);
        dropSeals(probe);
        final int tick60 = tickAt(probe.records, 60);
        assertFailedAt(slow, probe, tick60, "th record (61 ticks) after the last sealed one: no crash leaves an unsigned " +
            "span beyond 65536 records or 60 s of ticks");
        // a seal over tick 30 placed after tick 49 (where a run of packed ticks ends anyway): the span restarts after
        // tick 30, so tick 91 is the first too many
        final KeyHolderForgery f = forgery();
        slowTicks(f);
        dropSeals(f);
        f.records.add(tickAt(f.records, 49) + 1, f.seal(f.records.get(tickAt(f.records, 30))));
        final int tick91 = tickAt(f.records, 91);
        assertFailedAt(verify(f), f, tick91, "(61 ticks) after the last sealed one");
    }

    @Test
    @DisplayName("SR-24 the unsigned span's record bound: 65,536 unsigned records pass, the 65,537th fails (a session start and events before its first tick)")
    void unsignedRecordBound()
    {
        final KeyHolderForgery f = forgery();
        final byte[] start = f.records.get(0);
        f.records.clear();
        f.records.add(start);
        final byte[] event = event(EventType.CONTACT_CHECK, 0, 0);
        for (int i = 0; i < JournalDescriptor.MAX_UNSIGNED_RECORDS; i++)
        {
            f.records.add(event.clone());
        }
        assertFailedAt(verify(f), f, JournalDescriptor.MAX_UNSIGNED_RECORDS, "is the 65537th record (0 ticks) after the " +
            "last sealed one: no crash leaves an unsigned span beyond 65536 records");
    }

    /** The session's period made 1 s (header JSON, its length and hash), so that 61 ticks exceed 60 s. */
    private static void slowTicks(final KeyHolderForgery f)
    {
        final String json = json(f.records.get(0));
        final String slow = json.replace("\"tickPeriodNs\":" + JournalFixtures.PERIOD_NS, "\"tickPeriodNs\":1000000000");
        assertTrue(!slow.equals(json), json);
        f.records.set(0, withJson(f.records.get(0), slow));
    }

    // ---- recovery records ------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-24 a session cut at tick 100 and closed by an exact, sealed recovery record is INCOMPLETE_ATTESTED naming it; unsealed it is UNATTESTED")
    void recoveryAttestsAnOpenSession()
    {
        final KeyHolderForgery f = forgery();
        final int tick100 = tickAt(f.records, 100);
        f.records.subList(tick100 + 1, f.records.size()).clear();
        dropSeals(f);
        final int unsigned = f.records.size();
        final byte[] recovery = recovery(f.index(unsigned - 1), unsigned, 100);
        f.records.add(recovery);
        f.records.add(f.seal(recovery));
        final VerifyReport report = verify(f);
        assertEquals(VerifyReport.Status.INCOMPLETE_ATTESTED, report.status(), report.message());
        final String crash = "session 0 (from record 0) ended at tick 100 without session end, " + unsigned +
            " unsigned records, attested by the recovery record at record " + unsigned;
        assertEquals(List.of(crash), report.crashes());
        assertTrue(report.message().startsWith("1 session(s) ended by a crash, each attested by the device's signed " +
            "recovery record: " + crash + "; everything else verified (" + (unsigned + 2) + " records, 1 sessions, 101 " +
            "ticks, 12 events, 1 seals)"), report.message());
        assertEquals(0, report.unsealedRecords());

        f.records.remove(f.records.size() - 1);
        final VerifyReport unsealed = verify(f);
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, unsealed.status(), unsealed.message());
        assertTrue(unsealed.message().startsWith("the recovery record at record " + unsigned + " is not sealed; " + crash +
            ": accepted up to the last complete record (" + (unsigned + 1) + " records, "), unsealed.message());
        assertEquals(unsigned + 1, unsealed.unsealedRecords());
    }

    @Test
    @DisplayName("SR-24 a recovery record that misstates the last index, the unsigned count or the last tick is named, with both accounts")
    void recoveryMustDescribeTheTail()
    {
        final KeyHolderForgery probe = forgery();
        final int tick100 = tickAt(probe.records, 100);
        final int unsigned = count(probe.records.subList(0, tick100 + 1), JournalDescriptor.SEAL) == 0 ? tick100 + 1 : -1;
        assertTrue(unsigned > 0, "no seal in the first 100 ticks of the base");
        final long lastIndex = probe.index(tick100);
        final long[][] lies = {{lastIndex - 1, unsigned, 100}, {lastIndex, unsigned + 1, 100}, {lastIndex, unsigned, 99},
            {lastIndex, unsigned - 1, 100}, {lastIndex, unsigned, -1}};
        for (final long[] lie : lies)
        {
            assertFailedAt(f ->
            {
                f.records.subList(tick100 + 1, f.records.size()).clear();
                f.records.add(recovery(lie[0], lie[1], lie[2]));
            }, tick100 + 1, "is a recovery record that does not describe the tail before it: it attests " + lie[1] +
                " unsigned records ending at index 0x" + Long.toHexString(lie[0]) + ", last tick " + lie[2] +
                "; the journal holds " + unsigned + " ending at index 0x" + Long.toHexString(lastIndex) + ", last tick 100");
        }
        assertFailedAt(f -> f.records.subList(tick100 + 1, f.records.size()).set(0,
            Arrays.copyOf(recovery(lastIndex, unsigned, 100), JournalDescriptor.RECOVERY_LENGTH + 1)), tick100 + 1,
            "is a recovery record of 65 bytes instead of 64");
    }

    @Test
    @DisplayName("SR-24 a recovery record with nothing to recover (first record, or after a sealed end) is named")
    void recoveryWithNothingToRecover()
    {
        assertFailedAt(f -> f.records.add(0, recovery(-1, 0, -1)), 0,
            "is a recovery record although nothing was left to recover before it");
        final KeyHolderForgery probe = forgery();
        final int n = probe.records.size();
        assertFailedAt(f -> f.records.add(recovery(f.index(n - 1), 0, -1)), n,
            "is a recovery record although nothing was left to recover before it");
    }

    @Test
    @DisplayName("SR-24 a lost seal of a session end, or a session cut before its first tick, attested by a sealed recovery record, is INCOMPLETE_ATTESTED naming it")
    void recoveryOfALostEndSealAndOfAnEmptySession()
    {
        final KeyHolderForgery f = forgery();
        dropSeals(f);
        final int end = f.find(JournalDescriptor.SESSION_END, 0);
        final int n = f.records.size();
        final byte[] recovery = recovery(f.index(n - 1), n, -1);
        f.records.add(recovery);
        f.records.add(f.seal(recovery));
        final VerifyReport lostSeal = verify(f);
        assertEquals(VerifyReport.Status.INCOMPLETE_ATTESTED, lostSeal.status(), lostSeal.message());
        assertEquals(List.of("the seal of the session end at record " + end + " was lost, attested by the recovery " +
            "record at record " + n), lostSeal.crashes());

        final KeyHolderForgery g = forgery();
        g.records.subList(1, g.records.size()).clear();
        final byte[] early = recovery(g.index(0), 1, -1);
        g.records.add(early);
        g.records.add(g.seal(early));
        final VerifyReport empty = verify(g);
        assertEquals(VerifyReport.Status.INCOMPLETE_ATTESTED, empty.status(), empty.message());
        assertEquals(List.of("session 0 (from record 0) ended before its first tick without session end, 1 unsigned " +
            "records, attested by the recovery record at record 1"), empty.crashes());
    }

    @Test
    @DisplayName("SR-14 a bad seal signature is named with the counts before it; a record failing before it wins, a bad seal before a failing record wins")
    void badSealAgainstOtherFailures()
    {
        final KeyHolderForgery f = forgery();
        final int last = f.records.size() - 1;
        f.spoil(f.records.get(last));
        final VerifyReport report = verify(f);
        assertFailedAt(report, f, last, "is a seal whose Ed25519 signature does not verify with the device key");
        assertEquals(TICKS, report.ticks());
        assertEquals(24, report.events());
        assertEquals(count(f.records, JournalDescriptor.SEAL) - 1, report.seals(), "the seals before it");
        assertEquals(TICKS - 1, report.lastTick());

        final int tick100 = tickAt(f.records, 100);
        final byte[] unknown = new byte[40];
        unknown[0] = 9;
        final KeyHolderForgery later = forgery();
        later.spoil(later.records.get(last));
        later.records.add(tick100, unknown);
        assertFailedAt(verify(later), later, tick100, "has an unknown record type 9");

        final KeyHolderForgery earlier = forgery();
        final int after49 = tickAt(earlier.records, 49) + 1;
        final byte[] seal = earlier.seal(earlier.records.get(tickAt(earlier.records, 30)));
        earlier.spoil(seal);
        earlier.records.add(after49, seal);
        earlier.records.add(tick100 + 1, unknown.clone());
        final VerifyReport first = verify(earlier);
        assertFailedAt(first, earlier, after49, "is a seal whose Ed25519 signature does not verify");
        assertEquals(50, first.ticks(), "ticks before the bad seal");
        assertEquals(4, first.events());
        assertEquals(0, first.seals());
        assertEquals(after49, first.unsealedRecords(), "every record before it is unsealed");
        assertEquals(49, first.lastTick());
    }

    @Test
    @DisplayName("SR-24 a seal over an older record than the last sealed one does not pull the unsigned span back")
    void olderSealDoesNotMoveTheSpanBack()
    {
        final KeyHolderForgery f = forgery();
        slowTicks(f);
        dropSeals(f);
        f.records.add(tickAt(f.records, 49) + 1, f.seal(f.records.get(tickAt(f.records, 45))));
        f.records.add(tickAt(f.records, 99) + 1, f.seal(f.records.get(tickAt(f.records, 20))));
        // sealed through tick 45: 61 ticks after it is tick 106
        assertFailedAt(verify(f), f, tickAt(f.records, 106), "(61 ticks) after the last sealed one");
    }

    @Test
    @DisplayName("SR-25 a key holder's rewrite of a record before the anchored one fails at the anchored index: different chain value")
    void rewriteBeforeTheAnchorIsCaughtAtIt()
    {
        final VerifyReport original = JournalVerifier.verify(base, JournalFixtures.KEYS.getPublic());
        final JournalAnchor anchor = original.latestSeal();
        final KeyHolderForgery f = forgery();
        final int event = f.find(JournalDescriptor.EVENT, 0);
        f.records.get(event)[JournalDescriptor.EVENT_MEASURED_OFFSET] ^= 1;
        final Path dir = f.write(nextDir("anchored"));
        assertEquals(VerifyReport.Status.OK, JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic()).status(),
            "without the anchor the key holder's rewrite verifies");
        final int anchored = (int)(anchor.index() - f.index(0));
        assertFailedAt(JournalVerifier.verify(dir, JournalFixtures.KEYS.getPublic(), anchor), f, anchored,
            "holds the anchored index with a different chain value: the journal was rewritten since the anchor was exported");
    }

    @Test
    @DisplayName("SR-24 a session whose start was sealed, cut before any tick, is attested by a recovery record of 0 unsigned records")
    void recoveryOfASealedStart()
    {
        final KeyHolderForgery f = forgery();
        f.records.subList(1, f.records.size()).clear();
        f.records.add(f.seal(f.records.get(0)));
        final byte[] recovery = recovery(f.index(1), 0, -1);
        f.records.add(recovery);
        f.records.add(f.seal(recovery));
        final VerifyReport report = verify(f);
        assertEquals(VerifyReport.Status.INCOMPLETE_ATTESTED, report.status(), report.message());
        assertEquals(List.of("session 0 (from record 0) ended before its first tick without session end, 0 unsigned " +
            "records, attested by the recovery record at record 2"), report.crashes());
    }

    @Test
    @DisplayName("SR-25 an anchor at the right index with the right chain value but a signature not the device's is refused as not this device's seal")
    void anchorSignatureIsChecked()
    {
        final JournalAnchor anchor = JournalVerifier.verify(base, JournalFixtures.KEYS.getPublic()).latestSeal();
        final byte[] signature = anchor.signature();
        signature[40] ^= 1;
        final JournalAnchor forged = new JournalAnchor(anchor.index(), anchor.chain(), signature, anchor.records());
        final VerifyReport report = JournalVerifier.verify(base, JournalFixtures.KEYS.getPublic(), forged);
        assertEquals(VerifyReport.Status.FAILED, report.status(), report.message());
        assertEquals("the anchor's signature does not verify with the device key: it is not this device's seal",
            report.message());
        final KeyHolderForgery f = forgery();
        f.records.subList((int)(anchor.index() - f.index(0)), f.records.size()).clear();
        final VerifyReport cut = JournalVerifier.verify(f.write(nextDir("cut")),
            JournalFixtures.KEYS.getPublic(), anchor);
        assertEquals("the journal no longer reaches its anchor (index 0x" + Long.toHexString(anchor.index()) + ", " +
            anchor.records() + " records when exported): records up to the last " + f.records.size() + " were kept, " +
            "the rest of the journal was cut off", cut.message());
    }

    @Test
    @DisplayName("SR-24 an attested crash followed by a session left open is INCOMPLETE_UNATTESTED naming both, the attested one as earlier")
    void attestedThenUnattested()
    {
        final KeyHolderForgery f = forgery();
        final List<byte[]> session = List.copyOf(f.records.subList(0, tickAt(f.records, 20) + 1));
        final int tick100 = tickAt(f.records, 100);
        f.records.subList(tick100 + 1, f.records.size()).clear();
        dropSeals(f);
        final int unsigned = f.records.size();
        final byte[] recovery = recovery(f.index(unsigned - 1), unsigned, 100);
        f.records.add(recovery);
        f.records.add(f.seal(recovery));
        final int second = f.records.size();
        for (final byte[] r : session)
        {
            f.records.add(r.clone());
        }
        final VerifyReport report = verify(f);
        assertEquals(VerifyReport.Status.INCOMPLETE_UNATTESTED, report.status(), report.message());
        final String attested = "session 0 (from record 0) ended at tick 100 without session end, " + unsigned +
            " unsigned records, attested by the recovery record at record " + unsigned;
        final String open = "session 1 (from record " + second + ") ended without session end at tick 20";
        assertEquals(List.of(attested, open), report.crashes());
        assertEquals(session.size(), report.unsealedRecords());
        assertEquals(open + ": accepted up to the last complete record (" + f.records.size() + " records, 2 sessions, " +
            (101 + 21) + " ticks, " + (12 + 4) + " events, 1 seals), " + session.size() + " records after the last seal " +
            "are chained but not signed and no recovery record attests them (within the bound a crash can leave; only " +
            "an anchor can prove nothing was cut or rewritten); crashes attested earlier: " + attested, report.message());
    }

    // ---- record level -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("SR-14 a record too short for its tag, or of an unknown type, is named; one byte longer than the tag is read as a record")
    void recordLevelChecks()
    {
        final int tick100 = tickAt(forgery().records, 100);
        final byte[] packed4 = {JournalDescriptor.TICK_PACKED, 0, 0, 0};
        assertFailedAt(g -> g.records.add(tick100, packed4), tick100, "is too short (4 bytes) to be a journal record");
        final byte[] packed5 = {JournalDescriptor.TICK_PACKED, 0, 0, 0, 0};
        assertFailedAt(g -> g.records.add(tick100, packed5), tick100, "is a packed tick whose fields do not fill its 5 bytes");
        final byte[] shortRecord = new byte[JournalDescriptor.CHAIN_LENGTH];
        shortRecord[0] = JournalDescriptor.EVENT;
        assertFailedAt(g -> g.records.add(tick100, shortRecord), tick100, "is too short (16 bytes) to be a journal record");
        final byte[] justLongEnough = new byte[JournalDescriptor.CHAIN_LENGTH + 1];
        justLongEnough[0] = JournalDescriptor.EVENT;
        assertFailedAt(g -> g.records.add(tick100, justLongEnough), tick100, "is an event whose attachment length");
        final byte[] unknown = new byte[40];
        unknown[0] = 9;
        assertFailedAt(g -> g.records.add(tick100, unknown), tick100, "has an unknown record type 9");
    }
}
