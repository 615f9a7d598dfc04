package org.galvani.journal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.controller.ControllerEvent;
import org.galvani.screening.Placement;
import org.galvani.screening.SkinHistory;
import org.galvani.screening.SkinOutcome;
import org.galvani.session.SkinCheck;

/**
 * The skin history a device reads from its own journal (SR-22, docs/decisions.md ADR-14): every SKIN_CHECK record,
 * by patient and electrode site; for each, the outcome of the last session (in journal order) that recorded a skin
 * check there — the most severe grade when that session recorded more than one. The reference a review must name
 * is the record's {@code <index>:<chain>} (Chronicle index in hexadecimal, chain value in 32 hexadecimal digits),
 * which identifies the record, its session and everything before it.
 *
 * <p>With the device's public key the journal is verified first ({@link JournalVerifier}): a journal that fails
 * (a record removed, edited or forged — e.g. a burn taken out) is refused, never read as "no burn". Without a key
 * the records are read as they are (the caller trusts the folder).
 *
 * <p>Threading: read once on the constructing thread (a set-up thread), then immutable. Allocation: at reading.
 */
public final class JournalSkinHistory implements SkinHistory
{
    private final Map<String, SkinOutcome> last;
    private final long checks;

    private JournalSkinHistory(final Map<String, SkinOutcome> last, final long checks)
    {
        this.last = Map.copyOf(last);
        this.checks = checks;
    }

    private static JournalSkinHistory scan(final Path dir)
    {
        long count = 0;
        final Map<String, SkinOutcome> last = new HashMap<>();
        final Map<String, SkinOutcome> inSession = new HashMap<>();
        final ControllerEvent event = new ControllerEvent();
        try (JournalReader reader = JournalReader.open(dir))
        {
            while (true)
            {
                final int length = reader.nextRaw();
                if (length < 0)
                {
                    break;
                }
                final UnsafeBuffer b = reader.buffer();
                final int type = b.getByte(JournalDescriptor.TYPE_OFFSET);
                if (type == JournalDescriptor.SESSION_START || type == JournalDescriptor.RECOVERY)
                {
                    inSession.clear();
                }
                if (type != JournalDescriptor.SKIN_CHECK)
                {
                    continue;
                }
                final String problem = JournalCodec.skinCheckProblem(b, 0, length);
                if (problem != null)
                {
                    throw new IllegalStateException("the record at index " + Long.toHexString(reader.index()) + " " +
                        problem);
                }
                JournalCodec.decodeSkinCheck(b, 0, event);
                final SkinCheck check = (SkinCheck)event.attachment;
                count++;
                final Placement placement = placement(check.placement());
                if (placement == null)
                {
                    continue; // a site this library does not know: no screening can name it
                }
                final byte[] chain = new byte[JournalDescriptor.CHAIN_LENGTH];
                b.getBytes(length - JournalDescriptor.CHAIN_LENGTH, chain);
                final SkinOutcome outcome = new SkinOutcome(check.patientId(), placement, check.grade(), check.note(),
                    Long.toHexString(reader.index()) + ":" + HexFormat.of().formatHex(chain));
                final String key = key(check.patientId(), placement);
                final SkinOutcome earlier = inSession.get(key);
                final SkinOutcome kept = earlier != null && earlier.grade().code() > outcome.grade().code() ? earlier :
                    outcome;
                inSession.put(key, kept);
                last.put(key, kept);
            }
        }
        catch (final JournalDamageException ex)
        {
            throw new IllegalStateException("the skin history cannot be read from the journal at " + dir + ": " +
                ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException("the skin history cannot be read from the journal at " + dir + ": " +
                RecordWriter.describe(ex), ex);
        }
        return new JournalSkinHistory(last, count);
    }

    /**
     * Reads the skin history of a journal without verifying it. A folder that does not exist yet (a device's first
     * session) has no history.
     *
     * @param dir the journal's folder.
     * @return the history.
     * @throws IllegalStateException when the journal cannot be read (one sentence).
     */
    public static JournalSkinHistory read(final Path dir)
    {
        return Files.isDirectory(dir) ? scan(dir) : new JournalSkinHistory(Map.of(), 0);
    }

    /**
     * Verifies the journal with the device's public key, then reads its skin history. OK and INCOMPLETE
     * (crash-attested or a bounded unsigned tail) journals are read; a journal that fails verification is refused.
     *
     * @param dir       the journal's folder.
     * @param deviceKey the device's Ed25519 public key.
     * @return the history.
     * @throws IllegalStateException when the journal fails verification or cannot be read (one sentence).
     */
    public static JournalSkinHistory read(final Path dir, final PublicKey deviceKey)
    {
        if (!Files.isDirectory(dir))
        {
            return new JournalSkinHistory(Map.of(), 0);
        }
        final VerifyReport report = JournalVerifier.verify(dir, deviceKey);
        if (report.status() == VerifyReport.Status.FAILED)
        {
            throw new IllegalStateException("the skin history journal at " + dir + " does not verify (" +
                report.message() + "): a skin record may have been removed or altered, so the session is refused");
        }
        return scan(dir);
    }

    @Override
    public SkinOutcome last(final String patientId, final Placement placement)
    {
        return last.get(key(patientId, placement));
    }

    /**
     * @return the SKIN_CHECK records read.
     */
    public long checks()
    {
        return checks;
    }

    private static String key(final String patientId, final Placement placement)
    {
        return patientId + "\n" + placement.name();
    }

    private static Placement placement(final String name)
    {
        for (final Placement placement : Placement.values())
        {
            if (placement.name().equals(name))
            {
                return placement;
            }
        }
        return null;
    }
}
