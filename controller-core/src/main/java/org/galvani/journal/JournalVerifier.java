package org.galvani.journal;

import static org.galvani.journal.JournalDescriptor.CHAIN_LENGTH;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.authority.AuthorisationResult;
import org.galvani.authority.Authoriser;
import org.galvani.authority.SignedStatements;
import org.galvani.config.StrictJson;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.safety.TripCause;
import org.galvani.screening.OverrideStatement;
import org.galvani.session.SessionState;

/**
 * Checks a device journal with the device's public key only (SR-14): the SHA-256 chain over every record,
 * every seal's Ed25519 signature and the chain value it covers, that every completed session's end is
 * sealed, tick continuity within each session (+1 each; a jump only after a TRIP event with cause
 * INTERNAL_ERROR, whose failed tick consumed its index), session framing (start before ticks and events,
 * end after them), the schema version, the configuration hash of each session start, and that each
 * session end's summary matches the ticks it follows.
 *
 * <p>Crash or tamper (ADR-15): the unsigned span after the last sealed record may never exceed what a
 * crash can leave ({@link JournalDescriptor#MAX_UNSIGNED_RECORDS} non-seal records and
 * {@link JournalDescriptor#MAX_UNSIGNED_NS} of ticks; the writer keeps it under half); a session left open
 * must be closed by a RECOVERY record describing exactly the tail before it, sealed after it. Reports OK,
 * INCOMPLETE_ATTESTED (every crash attested), INCOMPLETE_UNATTESTED (a bounded unsigned tail at the end, or
 * an unfinished write) or FAILED naming the first bad record, or the damaged file and offset. With an
 * {@link JournalAnchor} (ADR-16) it also proves the journal still holds the anchored record.
 *
 * <p>Clinician overrides (SR-19): every override a session header records is checked against the header
 * itself (a version-2 statement, signed by the clinician it names, bound to the session's prescription and
 * patient, not expired at the session's start) and, with the trusted clinician keys, its signature is
 * re-verified; a failure is FAILED naming the session start record. Without the keys the overrides are
 * counted as not re-verified ({@link VerifyReport#overridesUnverified()}), never passed silently.
 *
 * <p>Reads the files through {@link JournalReader} (a file channel, never a memory mapping): damaged or
 * truncated files are reported, never met with a fault (F-5).
 *
 * <p>Threading: each call is independent; no shared state. Allocation: per session start and seal only.
 * Usable as a library (the CLI and the fleet module call it).
 */
public final class JournalVerifier
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Chain values remembered for seal checks: twice the writer's bound on how late a seal may come. */
    private static final int RECENT = 2 * JournalDescriptor.MAX_SEAL_LAG_RECORDS;
    private static final long NONE = Long.MIN_VALUE;

    private final PublicKey deviceKey;
    /** The trusted clinician keys that re-verify journaled overrides, or null (counted as unverified). */
    private final Authoriser clinicians;
    private long overridesVerified;
    private long overridesUnverified;
    /** Receives every record that passed its checks (the fused verify-and-replay pass), or null. */
    private final JournalVisitor visitor;
    private final MessageDigest sha256;
    /**
     * Seal signatures are checked on worker threads while the chain walk goes on: the JDK's Ed25519 costs
     * about 0.6 ms a signature, the chain about 0.2 µs a record.
     */
    private final ExecutorService signatureChecks = Executors.newFixedThreadPool(
        Math.max(1, Runtime.getRuntime().availableProcessors()), runnable ->
        {
            final Thread thread = new Thread(runnable, "galvani-seal-check");
            thread.setDaemon(true);
            return thread;
        });
    private final List<PendingSeal> pendingSeals = new ArrayList<>();
    private final ThreadLocal<Signature> workerVerifier = new ThreadLocal<>();
    /** The fast first check of a seal (ADR-35); the JDK's verifier decides every seal it does not show valid. */
    private final ThreadLocal<Ed25519SealVerifier> fastVerifier = new ThreadLocal<>();
    private long currentIndex;
    private final ChainHash chainHash = new ChainHash();
    private final long[] recentIndex = new long[RECENT];
    private final byte[] recentChain = new byte[RECENT * CHAIN_LENGTH];
    private final long[] recentNonSealCount = new long[RECENT];
    private long nonSealRecords;
    private long nonSealSealed;
    private final SessionSummary.Accumulator summary = new SessionSummary.Accumulator();

    private long records;
    private long sessions;
    private long ticks;
    private long events;
    private long seals;
    private long lastTick = NONE;
    private long lastTickOverall = -1;
    private long sealedThrough = -1;
    private long unsealedEnd = -1;
    private boolean sessionOpen;
    private boolean gapAllowed;
    private final long[] recentTickCount = new long[RECENT];
    private long ticksSealed;
    private long tickPeriodNs;
    private int sessionVersion = JournalDescriptor.SCHEMA_VERSION;
    private final TickDecoder tickDecoder = new TickDecoder();
    private long sessionStartRecord = -1;
    private long previousIndex = -1;
    /** Position of a RECOVERY record not yet covered by a seal, -1 none. */
    private long pendingRecovery = -1;
    private final List<String> pendingCrashes = new ArrayList<>();
    private final List<String> attestedCrashes = new ArrayList<>();
    private int notesSeen;
    private final JournalAnchor anchor;
    private boolean anchorReached;
    private JournalAnchor latestSeal;

    private JournalVerifier(
        final PublicKey deviceKey, final JournalAnchor anchor, final JournalVisitor visitor, final Authoriser clinicians)
    {
        this.deviceKey = deviceKey;
        this.clinicians = clinicians;
        this.anchor = anchor;
        this.visitor = visitor;
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
            Signature.getInstance("Ed25519");
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("this JDK has no SHA-256 or Ed25519", ex);
        }
    }

    /**
     * Verifies a journal.
     *
     * @param dir       the journal's folder.
     * @param deviceKey the device's Ed25519 public key.
     * @return the report.
     */
    public static VerifyReport verify(final Path dir, final PublicKey deviceKey)
    {
        return new JournalVerifier(deviceKey, null, null, null).run(dir);
    }

    /**
     * Verifies a journal and that it still reaches an anchor exported earlier (ADR-16): the anchored record
     * must be present with the anchored chain value, and the anchor's signature must be the device's.
     *
     * @param dir       the journal's folder.
     * @param deviceKey the device's Ed25519 public key.
     * @param anchor    the anchor (null: none).
     * @return the report; FAILED when the journal no longer reaches the anchor.
     */
    public static VerifyReport verify(final Path dir, final PublicKey deviceKey, final JournalAnchor anchor)
    {
        return new JournalVerifier(deviceKey, anchor, null, null).run(dir);
    }

    /**
     * Verifies a journal, that it still reaches an anchor (when given), and re-verifies every journaled
     * clinician override against the trusted clinician keys (SR-19).
     *
     * @param dir        the journal's folder.
     * @param deviceKey  the device's Ed25519 public key.
     * @param anchor     the anchor (null: none).
     * @param clinicians the trusted clinician keys (null: overrides are counted as not re-verified).
     * @return the report; FAILED naming the session start whose override does not verify.
     */
    public static VerifyReport verify(
        final Path dir, final PublicKey deviceKey, final JournalAnchor anchor, final Authoriser clinicians)
    {
        return new JournalVerifier(deviceKey, anchor, null, clinicians).run(dir);
    }

    /**
     * Verifies a journal and, in the same pass, decodes every record that passed its checks into a visitor (a
     * replayer: the journal is read once, not once to verify and again to replay). The visitor sees records in
     * order up to, not including, the first bad one; a bad seal signature (checked on worker threads, known
     * only when the walk is over) is in the report, so its caller must still look at the report before
     * trusting what the visitor saw.
     *
     * @param dir       the journal's folder.
     * @param deviceKey the device's Ed25519 public key.
     * @param visitor   receives each record that passed its checks, on the calling thread.
     * @return the report.
     */
    public static VerifyReport verifyAndVisit(final Path dir, final PublicKey deviceKey, final JournalVisitor visitor)
    {
        return new JournalVerifier(deviceKey, null, visitor, null).run(dir);
    }

    /**
     * A seal whose signature is being checked: its position, index, the check's outcome (null = good), and the
     * counts of the records before it, so that a bad seal found after the walk reports what precedes it, not
     * the whole journal.
     */
    private record PendingSeal(long record, long index, Future<String> problem, long sessionsBefore, long ticksBefore,
        long eventsBefore, long sealsBefore, long unsealedBefore, long lastTickBefore)
    {
    }

    private VerifyReport run(final Path dir)
    {
        try
        {
            final VerifyReport report = walk(dir);
            final VerifyReport badSeal = firstBadSeal(report.status() == VerifyReport.Status.FAILED ?
                report.badRecord() : Long.MAX_VALUE);
            return badSeal != null ? badSeal : report;
        }
        finally
        {
            signatureChecks.shutdownNow();
        }
    }

    /**
     * @param before only seals at positions before this one count.
     * @return the report of the earliest seal whose signature failed, or null.
     */
    private VerifyReport firstBadSeal(final long before)
    {
        for (final PendingSeal seal : pendingSeals)
        {
            if (seal.record() >= before)
            {
                break;
            }
            String problem;
            try
            {
                problem = seal.problem().get();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                problem = "is a seal whose signature check was interrupted";
            }
            catch (final ExecutionException ex)
            {
                problem = "is a seal whose signature cannot be checked: " + ex.getCause();
            }
            if (problem != null)
            {
                return new VerifyReport(VerifyReport.Status.FAILED, seal.record() + 1, seal.sessionsBefore(),
                    seal.ticksBefore(), seal.eventsBefore(), seal.sealsBefore(), seal.unsealedBefore(),
                    seal.lastTickBefore(), seal.record(), seal.index(),
                    "record " + seal.record() + " (index " + hex(seal.index()) + ") " + problem, attestedCrashes,
                    null, overridesVerified, overridesUnverified);
            }
        }
        return null;
    }

    private VerifyReport walk(final Path dir)
    {
        final List<String> notes;
        try (JournalReader reader = JournalReader.open(dir))
        {
            notes = reader.notes();
            while (true)
            {
                final int length;
                try
                {
                    length = reader.nextRaw();
                }
                catch (final JournalDamageException ex)
                {
                    return failed(-1, "the journal's files are damaged after record " + (records - 1) + " (index " +
                        hex(currentIndex) + "): " + ex.getMessage());
                }
                if (length < 0)
                {
                    break;
                }
                if (notes.size() > notesSeen)
                {
                    // an unfinished write at the end of an earlier file: a crash the next RECOVERY must attest
                    for (; notesSeen < notes.size(); notesSeen++)
                    {
                        pendingCrashes.add(notes.get(notesSeen));
                    }
                }
                final long index = reader.index();
                currentIndex = index;
                final String problem = check(reader.buffer(), length, index);
                if (problem != null)
                {
                    return failed(index, "record " + records + " (index " + hex(index) + ") " + problem);
                }
                if (visitor != null)
                {
                    try
                    {
                        if (JournalDescriptor.isTick(reader.buffer().getByte(JournalDescriptor.TYPE_OFFSET)))
                        {
                            // check() has just decoded this tick (continuity): hand over that record, not a second decode
                            visitor.onTick(index, tickDecoder.record());
                        }
                        else
                        {
                            reader.dispatch(length, visitor);
                        }
                    }
                    catch (final RuntimeException ex)
                    {
                        throw new VisitorFailure(ex);
                    }
                }
                previousIndex = index;
                records++;
            }
        }
        catch (final VisitorFailure ex)
        {
            // the visitor's own failure, not the journal's: its caller sees it unchanged
            throw (RuntimeException)ex.getCause();
        }
        catch (final JournalDamageException ex)
        {
            return failed(-1, "the journal's files are damaged: " + ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            return failed(-1, "the journal cannot be read: " + RecordWriter.describe(ex));
        }
        return conclude(notes);
    }

    private VerifyReport conclude(final List<String> notes)
    {
        if (anchor != null)
        {
            if (!anchor.verifies(deviceKey))
            {
                return failed(-1, "the anchor's signature does not verify with the device key: it is not this " +
                    "device's seal");
            }
            if (!anchorReached)
            {
                return failed(-1, "the journal no longer reaches its anchor (index " + hex(anchor.index()) + ", " +
                    anchor.records() + " records when exported): records up to the last " + records +
                    " were kept, the rest of the journal was cut off");
            }
        }
        final long unsealed = nonSealRecords - nonSealSealed;
        final List<String> unattested = new ArrayList<>();
        for (; notesSeen < notes.size(); notesSeen++)
        {
            pendingCrashes.add(notes.get(notesSeen));
        }
        if (records == 0)
        {
            return report(VerifyReport.Status.INCOMPLETE_UNATTESTED, -1, -1, "the journal holds no records: " +
                "created but never written (a crash while the queue was created), or its records were wiped; " +
                "nothing is proven" + (pendingCrashes.isEmpty() ? "" : " (" + String.join("; ", pendingCrashes) + ")"));
        }
        if (sessionOpen)
        {
            pendingCrashes.add("session " + (sessions - 1) + " (from record " + sessionStartRecord + ") " +
                (lastTick == NONE ? "ended without session end before its first tick" :
                "ended without session end at tick " + lastTick));
        }
        if (unsealedEnd >= 0)
        {
            pendingCrashes.add("the session end at record " + unsealedEnd + " was never sealed");
        }
        if (pendingRecovery >= 0)
        {
            unattested.add("the recovery record at record " + pendingRecovery + " is not sealed");
        }
        unattested.addAll(pendingCrashes);
        final String counts = records + " records, " + sessions + " sessions, " + ticks + " ticks, " + events +
            " events, " + seals + " seals";
        if (!unattested.isEmpty())
        {
            return report(VerifyReport.Status.INCOMPLETE_UNATTESTED, -1, -1, String.join("; ", unattested) +
                ": accepted up to the last complete record (" + counts + "), " + unsealed + " records after the " +
                "last seal are chained but not signed and no recovery record attests them (within the bound a " +
                "crash can leave; only an anchor can prove nothing was cut or rewritten)" +
                (attestedCrashes.isEmpty() ? "" : "; crashes attested earlier: " + String.join("; ", attestedCrashes)));
        }
        if (!attestedCrashes.isEmpty())
        {
            return report(VerifyReport.Status.INCOMPLETE_ATTESTED, -1, -1, attestedCrashes.size() +
                " session(s) ended by a crash, each attested by the device's signed recovery record: " +
                String.join("; ", attestedCrashes) + "; everything else verified (" + counts + ")");
        }
        return report(VerifyReport.Status.OK, -1, -1, "OK: " + counts + "; chain, seals, tick continuity and " +
            "session framing verified" + overridesNote());
    }

    private String overridesNote()
    {
        if (overridesUnverified > 0)
        {
            return "; " + overridesUnverified + " journaled clinician override(s) NOT re-verified: give the trusted " +
                "clinician keys";
        }
        return overridesVerified > 0 ? "; " + overridesVerified + " journaled clinician override(s) re-verified" : "";
    }

    private VerifyReport failed(final long index, final String message)
    {
        return report(VerifyReport.Status.FAILED, records, index, message);
    }

    private VerifyReport report(final VerifyReport.Status status, final long badRecord, final long badIndex,
        final String message)
    {
        final long unsealed = nonSealRecords - nonSealSealed;
        final List<String> crashes = new ArrayList<>(attestedCrashes);
        crashes.addAll(pendingCrashes);
        return new VerifyReport(status, status == VerifyReport.Status.FAILED ? records + 1 : records, sessions, ticks,
            events, seals, unsealed, lastTickOverall, badRecord, badIndex, message, crashes,
            status == VerifyReport.Status.FAILED ? null : latestSeal, overridesVerified, overridesUnverified);
    }

    /**
     * @return null when the record is good, else the rest of a sentence saying what is wrong.
     */
    private String check(final UnsafeBuffer b, final int length, final long index)
    {
        final byte[] bytes = b.byteArray();
        if (length < 1 || length < 1 + JournalDescriptor.chainTagLength(bytes[0]))
        {
            return "is too short (" + length + " bytes) to be a journal record";
        }
        chainHash.step(bytes, length);
        if (!chainHash.matches(bytes, length))
        {
            return "breaks the chain: it was modified, or a record before it was removed, inserted or reordered";
        }
        final byte[] chain = chainHash.value();
        final int slot = (int)(records & (RECENT - 1));
        recentIndex[slot] = index;
        if (bytes[0] != JournalDescriptor.SEAL)
        {
            nonSealRecords++;
        }
        recentNonSealCount[slot] = nonSealRecords;
        System.arraycopy(chain, 0, recentChain, slot * CHAIN_LENGTH, CHAIN_LENGTH);
        if (anchor != null && index == anchor.index())
        {
            if (!Arrays.equals(chain, anchor.chain()))
            {
                return "holds the anchored index with a different chain value: the journal was rewritten since " +
                    "the anchor was exported";
            }
            anchorReached = true;
        }

        final int type = bytes[0];
        if (!JournalDescriptor.isTick(type))
        {
            tickDecoder.endRun();
        }
        final String problem = checkType(b, length, type, index);
        recentTickCount[slot] = ticks;
        if (problem != null)
        {
            return problem;
        }
        return checkUnsignedSpan();
    }

    /**
     * @return null while the unsigned span since the last sealed record is within what a crash can leave.
     */
    private String checkUnsignedSpan()
    {
        final long unsignedRecords = nonSealRecords - nonSealSealed;
        final long unsignedNs = (ticks - ticksSealed) * tickPeriodNs;
        if (unsignedRecords > JournalDescriptor.MAX_UNSIGNED_RECORDS || unsignedNs > JournalDescriptor.MAX_UNSIGNED_NS)
        {
            return "is the " + unsignedRecords + "th record (" + (ticks - ticksSealed) + " ticks) after the last " +
                "sealed one: no crash leaves an unsigned span beyond " + JournalDescriptor.MAX_UNSIGNED_RECORDS +
                " records or " + JournalDescriptor.MAX_UNSIGNED_NS / 1_000_000_000L + " s of ticks (the writer " +
                "seals at least every half of that), so these records were written or rewritten without the " +
                "device key";
        }
        return null;
    }

    private String checkType(final UnsafeBuffer b, final int length, final int type, final long index)
    {
        switch (type)
        {
            case JournalDescriptor.TICK:
            case JournalDescriptor.TICK_WIDE:
            case JournalDescriptor.TICK_PACKED:
                return checkTick(b, length, type);
            case JournalDescriptor.EVENT:
                return checkEvent(b, length);
            case JournalDescriptor.SESSION_START:
                return checkStart(b, length);
            case JournalDescriptor.SESSION_END:
                return checkEnd(b, length);
            case JournalDescriptor.SEAL:
                return checkSeal(b, length);
            case JournalDescriptor.RECOVERY:
                return checkRecovery(b, length);
            case JournalDescriptor.SKIN_CHECK:
                return checkSkinCheck(b, length);
            default:
                return "has an unknown record type " + type;
        }
    }

    private String checkTick(final UnsafeBuffer b, final int length, final int type)
    {
        if (type != JournalDescriptor.TICK_PACKED)
        {
            final int expected = type == JournalDescriptor.TICK ? JournalDescriptor.TICK_LENGTH :
                JournalDescriptor.TICK_WIDE_LENGTH;
            if (length != expected)
            {
                return "is a tick of " + length + " bytes instead of " + expected;
            }
        }
        if (sessionOpen && (type == JournalDescriptor.TICK && sessionVersion != 1 ||
            type == JournalDescriptor.TICK_PACKED && sessionVersion == 1))
        {
            return "is a " + JournalDescriptor.typeName(type) + " in a session of schema version " + sessionVersion +
                " (version 1 writes TICK, version 2 TICK_PACKED)";
        }
        if (!sessionOpen)
        {
            return "is a tick outside a session (no session start before it)";
        }
        if (!tickDecoder.decode(b, 0, length, Math.max(1, tickPeriodNs)))
        {
            return "is a packed tick whose fields do not fill its " + length + " bytes";
        }
        final TickRecord decoded = tickDecoder.record();
        final long tick = decoded.tick;
        if (lastTick != NONE && tick != lastTick + 1 && !(gapAllowed && tick > lastTick))
        {
            return "holds tick " + tick + " where tick " + (lastTick + 1) + " was expected";
        }
        gapAllowed = false;
        lastTick = tick;
        lastTickOverall = tick;
        ticks++;
        summary.onTick(decoded);
        return null;
    }

    private String checkEvent(final UnsafeBuffer b, final int length)
    {
        if (length < JournalDescriptor.EVENT_MIN_LENGTH ||
            b.getInt(JournalDescriptor.EVENT_ATTACHMENT_LENGTH_OFFSET, LE) != length - JournalDescriptor.EVENT_MIN_LENGTH)
        {
            return "is an event whose attachment length does not match its record length";
        }
        if (!sessionOpen)
        {
            return "is an event outside a session (no session start before it)";
        }
        final long tick = b.getLong(JournalDescriptor.EVENT_TICK_OFFSET, LE);
        if (lastTick != NONE && tick <= lastTick)
        {
            return "is an event of tick " + tick + " after the record of tick " + lastTick;
        }
        final int eventType = b.getByte(JournalDescriptor.EVENT_TYPE_OFFSET) & 0xFF;
        if (eventType >= EventType.values().length)
        {
            return "has an unknown event type " + eventType;
        }
        if (eventType == EventType.TRIP.code() &&
            b.getInt(JournalDescriptor.EVENT_CODE_OFFSET, LE) == TripCause.INTERNAL_ERROR.code())
        {
            gapAllowed = true;
        }
        events++;
        return null;
    }

    /**
     * SR-22: a skin check belongs to an open session, to a tick not yet recorded (like an event), and was recorded
     * once the session had ended: its state is COMPLETE, FAULT or E_STOP.
     */
    private String checkSkinCheck(final UnsafeBuffer b, final int length)
    {
        final String layout = JournalCodec.skinCheckProblem(b, 0, length);
        if (layout != null)
        {
            return layout;
        }
        if (!sessionOpen || lastTick == NONE)
        {
            return "is a skin check outside a session that ran (no session start and tick before it)";
        }
        final long tick = b.getLong(JournalDescriptor.SKIN_TICK_OFFSET, LE);
        if (tick <= lastTick)
        {
            return "is a skin check of tick " + tick + " after the record of tick " + lastTick;
        }
        final int state = b.getByte(JournalDescriptor.SKIN_STATE_OFFSET) & 0xFF;
        if (state != SessionState.COMPLETE.code() && state != SessionState.FAULT.code() &&
            state != SessionState.E_STOP.code())
        {
            return "is a skin check recorded in session state " + state + ": only after the session ended " +
                "(COMPLETE, FAULT or E_STOP)";
        }
        events++;
        return null;
    }

    private String checkStart(final UnsafeBuffer b, final int length)
    {
        final int version = b.getShort(JournalDescriptor.START_SCHEMA_VERSION_OFFSET, LE) & 0xFFFF;
        if (version < JournalDescriptor.OLDEST_READ_SCHEMA_VERSION || version > JournalDescriptor.SCHEMA_VERSION)
        {
            return "is a session start of schema version " + version + "; this verifier reads versions " +
                JournalDescriptor.OLDEST_READ_SCHEMA_VERSION + " to " + JournalDescriptor.SCHEMA_VERSION;
        }
        if (unsealedEnd >= 0)
        {
            return "starts a session although the session end at record " + unsealedEnd + " was never sealed";
        }
        if (sessionOpen)
        {
            return "starts a session while session " + (sessions - 1) + " (from record " + sessionStartRecord +
                ") is still open: no recovery record attests how it ended (after a crash the device writes one " +
                "at its next start)";
        }
        final int jsonLength = b.getInt(JournalDescriptor.START_JSON_LENGTH_OFFSET, LE);
        if (jsonLength < 0 || JournalDescriptor.START_JSON_OFFSET + jsonLength + CHAIN_LENGTH != length)
        {
            return "is a session start whose JSON length does not match its record length";
        }
        sha256.update(b.byteArray(), JournalDescriptor.START_JSON_OFFSET, jsonLength);
        final byte[] configHash = sha256.digest();
        if (!Arrays.equals(configHash, 0, 32, b.byteArray(), JournalDescriptor.START_CONFIG_SHA256_OFFSET,
            JournalDescriptor.START_CONFIG_SHA256_OFFSET + 32))
        {
            return "is a session start whose configuration hash does not match its header";
        }
        final SessionHeader header;
        try
        {
            header = JournalReader.decodeSessionStart(b, length);
        }
        catch (final RuntimeException ex)
        {
            return "is a session start whose header does not parse: " + ex.getMessage();
        }
        final String overrideProblem = checkOverrides(header);
        if (overrideProblem != null)
        {
            return overrideProblem;
        }
        tickPeriodNs = Math.max(0, header.tickPeriodNs());
        sessionVersion = version;
        sessionStartRecord = records;
        sessionOpen = true;
        lastTick = NONE;
        gapAllowed = false;
        summary.reset();
        sessions++;
        return null;
    }

    /**
     * Checks every override a session header records (SR-19): against the header, and with the trusted
     * clinician keys its signature.
     *
     * @return null when every override holds, else the rest of a sentence.
     */
    private String checkOverrides(final SessionHeader header)
    {
        final List<JournaledOverride> overrides = header.overrides();
        if (overrides.isEmpty())
        {
            return null;
        }
        final String prescriptionId;
        final String patientId;
        final Instant start;
        try
        {
            final JsonNode rx = StrictJson.tree(header.prescriptionJson().getBytes(StandardCharsets.UTF_8),
                "prescription");
            prescriptionId = rx.path("prescriptionId").asText("");
            patientId = rx.path("patientId").asText("");
            start = Instant.parse(header.sessionStart());
        }
        catch (final RuntimeException ex)
        {
            return "is a session start that records clinician overrides without a readable prescription and session " +
                "start to check them against: " + RecordWriter.describe(ex);
        }
        for (int i = 0; i < overrides.size(); i++)
        {
            final JournaledOverride journaled = overrides.get(i);
            final String problem = overrideProblem(journaled, prescriptionId, patientId, start);
            if (problem != null)
            {
                return "is a session start whose override " + i + " (by " + journaled.clinicianId() + ") " + problem;
            }
        }
        return null;
    }

    private String overrideProblem(
        final JournaledOverride journaled, final String prescriptionId, final String patientId, final Instant start)
    {
        final OverrideStatement statement;
        try
        {
            statement = OverrideStatement.parse(journaled.statement());
        }
        catch (final IllegalArgumentException | DateTimeParseException ex)
        {
            return "is not a valid override statement: " + ex.getMessage();
        }
        if (!statement.clinicianId().equals(journaled.clinicianId()))
        {
            return "names clinician " + statement.clinicianId() + " in its statement";
        }
        if (!statement.prescriptionId().equals(prescriptionId) || !statement.patientId().equals(patientId))
        {
            return "is bound to prescription " + statement.prescriptionId() + " of patient " + statement.patientId() +
                ", not to this session's prescription " + prescriptionId + " of patient " + patientId;
        }
        if (!start.isBefore(statement.expiresAt()))
        {
            return "expired at " + statement.expiresAt() + ", before the session started at " + start;
        }
        if (clinicians == null)
        {
            overridesUnverified++;
            return null;
        }
        final AuthorisationResult result = SignedStatements.verifyBase64(clinicians, journaled.clinicianId(),
            journaled.statement().getBytes(StandardCharsets.UTF_8), journaled.signature());
        if (!result.verified())
        {
            return "(override of " + statement.condition() + ") does not verify with the trusted clinician keys: " +
                result.reason();
        }
        overridesVerified++;
        return null;
    }

    private String checkEnd(final UnsafeBuffer b, final int length)
    {
        if (length != JournalDescriptor.SESSION_END_LENGTH)
        {
            return "is a session end of " + length + " bytes instead of " + JournalDescriptor.SESSION_END_LENGTH;
        }
        if (!sessionOpen)
        {
            return "is a session end outside a session";
        }
        final SessionSummary recorded = JournalCodec.decodeSessionEnd(b, 0);
        final SessionSummary computed = summary.toSummary();
        if (!recorded.equals(computed))
        {
            return "is a session end whose summary does not match the session's ticks (recorded " + recorded +
                ", computed " + computed + ")";
        }
        sessionOpen = false;
        unsealedEnd = records;
        return null;
    }

    private String checkSeal(final UnsafeBuffer b, final int length)
    {
        if (length != JournalDescriptor.SEAL_LENGTH)
        {
            return "is a seal of " + length + " bytes instead of " + JournalDescriptor.SEAL_LENGTH;
        }
        final long coveredIndex = b.getLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET, LE);
        final byte[] coveredChain = new byte[CHAIN_LENGTH];
        b.getBytes(JournalDescriptor.SEAL_COVERED_CHAIN_OFFSET, coveredChain);
        long covered = -1;
        // The records before this one still in the look-back: RECENT - 1 of them, since this seal's own entry has
        // already taken the slot of the record RECENT before it (a seal claiming its own index is not among them).
        for (long r = records - 1; r >= 0 && r > records - RECENT; r--)
        {
            final int slot = (int)(r & (RECENT - 1));
            if (recentIndex[slot] == coveredIndex)
            {
                if (!Arrays.equals(recentChain, slot * CHAIN_LENGTH, slot * CHAIN_LENGTH + CHAIN_LENGTH, coveredChain,
                    0, CHAIN_LENGTH))
                {
                    return "is a seal whose chain value differs from that of the record it covers (index " +
                        hex(coveredIndex) + ")";
                }
                covered = r;
                break;
            }
        }
        if (covered < 0)
        {
            return "is a seal covering index " + hex(coveredIndex) + ", which is not among the records before it";
        }
        final byte[] signature = new byte[JournalDescriptor.SIGNATURE_LENGTH];
        b.getBytes(JournalDescriptor.SEAL_SIGNATURE_OFFSET, signature);
        final byte[] message = JournalCodec.sealMessage(coveredIndex, coveredChain);
        pendingSeals.add(new PendingSeal(records, currentIndex, signatureChecks.submit(() -> checkSignature(message,
            signature)), sessions, ticks, events, seals, nonSealRecords - nonSealSealed, lastTickOverall));
        if (covered > sealedThrough)
        {
            sealedThrough = covered;
            nonSealSealed = recentNonSealCount[(int)(covered & (RECENT - 1))];
            ticksSealed = recentTickCount[(int)(covered & (RECENT - 1))];
        }
        if (unsealedEnd >= 0 && sealedThrough >= unsealedEnd)
        {
            unsealedEnd = -1;
        }
        if (pendingRecovery >= 0 && sealedThrough >= pendingRecovery)
        {
            attestedCrashes.addAll(pendingCrashes);
            pendingCrashes.clear();
            pendingRecovery = -1;
        }
        latestSeal = new JournalAnchor(coveredIndex, coveredChain, signature, records + 1);
        seals++;
        return null;
    }

    private String checkRecovery(final UnsafeBuffer b, final int length)
    {
        if (length != JournalDescriptor.RECOVERY_LENGTH)
        {
            return "is a recovery record of " + length + " bytes instead of " + JournalDescriptor.RECOVERY_LENGTH;
        }
        final long lastIndex = b.getLong(JournalDescriptor.RECOVERY_LAST_INDEX_OFFSET, LE);
        final long unsigned = b.getLong(JournalDescriptor.RECOVERY_UNSIGNED_RECORDS_OFFSET, LE);
        final long attestedTick = b.getLong(JournalDescriptor.RECOVERY_LAST_TICK_OFFSET, LE);
        final long expectedUnsigned = nonSealRecords - 1 - nonSealSealed;
        final long expectedTick = sessionOpen && lastTick != NONE ? lastTick : -1;
        if (records == 0 || (expectedUnsigned == 0 && !sessionOpen && unsealedEnd < 0 && pendingCrashes.isEmpty()))
        {
            return "is a recovery record although nothing was left to recover before it";
        }
        if (lastIndex != previousIndex || unsigned != expectedUnsigned || attestedTick != expectedTick)
        {
            return "is a recovery record that does not describe the tail before it: it attests " + unsigned +
                " unsigned records ending at index " + hex(lastIndex) + ", last tick " + attestedTick +
                "; the journal holds " + expectedUnsigned + " ending at index " + hex(previousIndex) +
                ", last tick " + expectedTick;
        }
        if (sessionOpen)
        {
            pendingCrashes.add("session " + (sessions - 1) + " (from record " + sessionStartRecord + ") " +
                (lastTick == NONE ? "ended before its first tick" : "ended at tick " + lastTick) +
                " without session end, " + unsigned + " unsigned records, attested by the recovery record at " +
                "record " + records);
            sessionOpen = false;
        }
        else
        {
            pendingCrashes.add((unsealedEnd >= 0 ? "the seal of the session end at record " + unsealedEnd +
                " was lost" : unsigned + " unsigned records") + ", attested by the recovery record at record " +
                records);
        }
        unsealedEnd = -1;
        lastTick = NONE;
        pendingRecovery = records;
        return null;
    }

    /**
     * On a signature-check thread: the journal's own check first, which only ever shows a signature valid when
     * the JDK's verifier would accept it too; the JDK's verifier decides every other (ADR-35).
     *
     * @return null when the signature verifies, else what is wrong.
     */
    private String checkSignature(final byte[] message, final byte[] signature)
    {
        Ed25519SealVerifier fast = fastVerifier.get();
        if (fast == null)
        {
            final Ed25519SealVerifier.DeviceKey prepared = Ed25519SealVerifier.DeviceKey.of(deviceKey);
            if (prepared != null)
            {
                fast = new Ed25519SealVerifier(prepared);
                fastVerifier.set(fast);
            }
        }
        if (fast != null && fast.verifies(message, signature))
        {
            return null; // shown to verify: the JDK's verifier accepts it too (ADR-35)
        }
        try
        {
            Signature verifier = workerVerifier.get();
            if (verifier == null)
            {
                verifier = Signature.getInstance("Ed25519");
                workerVerifier.set(verifier);
            }
            verifier.initVerify(deviceKey);
            verifier.update(message);
            return verifier.verify(signature) ? null :
                "is a seal whose Ed25519 signature does not verify with the device key";
        }
        catch (final GeneralSecurityException ex)
        {
            return "is a seal whose signature cannot be checked: " + ex.getMessage();
        }
    }

    private static String hex(final long index)
    {
        return "0x" + Long.toHexString(index);
    }

    /** Carries a visitor's exception out of the walk past the handlers that report journal defects. */
    private static final class VisitorFailure extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        VisitorFailure(final RuntimeException cause)
        {
            super(cause);
        }
    }
}
