package org.galvani.journal;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;

/**
 * Receives the records {@link JournalReader#next} decodes, one call per record, in journal order (a tick's
 * events come before its TICK record, the order the controller emits them). Every method has an empty
 * default, so a visitor implements what it needs.
 *
 * <p>Threading: called on the reader's thread. Allocation: the {@link TickRecord}, {@link ControllerEvent}
 * and the seal's arrays are reused by the reader and valid only during the call; headers, summaries and
 * event attachments are new immutable objects.
 */
public interface JournalVisitor
{
    /**
     * @param index  Chronicle index of the record.
     * @param header the session's header.
     */
    default void onSessionStart(final long index, final SessionHeader header)
    {
    }

    /**
     * @param index  Chronicle index of the record.
     * @param record the tick (reused; floats widened back to double).
     */
    default void onTick(final long index, final TickRecord record)
    {
    }

    /**
     * An EVENT record, or a SKIN_CHECK record (SR-22) delivered as the event the controller emitted:
     * {@link org.galvani.controller.EventType#SKIN_CHECKED} with the {@link org.galvani.session.SkinCheck} attached.
     *
     * @param index Chronicle index of the record.
     * @param event the event (reused) with its attachment decoded.
     */
    default void onEvent(final long index, final ControllerEvent event)
    {
    }

    /**
     * @param index        Chronicle index of the seal record.
     * @param coveredIndex Chronicle index of the record whose chain value is signed.
     * @param coveredChain that chain value (16 bytes, reused).
     * @param signature    the Ed25519 signature (64 bytes, reused).
     */
    default void onSeal(final long index, final long coveredIndex, final byte[] coveredChain, final byte[] signature)
    {
    }

    /**
     * @param index   Chronicle index of the record.
     * @param summary the summary the journal wrote.
     */
    default void onSessionEnd(final long index, final SessionSummary summary)
    {
    }

    /**
     * A RECOVERY record: the device, reopening its journal after a crash, attests the tail it found.
     *
     * @param index           the record's Chronicle index.
     * @param lastIndex       index of the last record found at the restart.
     * @param unsignedRecords non-seal records found after the last sealed one.
     * @param lastTick        last tick of the session left open, -1 none.
     */
    default void onRecovery(final long index, final long lastIndex, final long unsignedRecords, final long lastTick)
    {
    }
}
