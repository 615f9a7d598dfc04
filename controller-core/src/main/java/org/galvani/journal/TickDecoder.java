package org.galvani.journal;

import org.agrona.DirectBuffer;
import org.galvani.controller.TickRecord;

/**
 * Decodes a journal's tick records in journal order, keeping the context a TICK_PACKED is decoded against:
 * the previous tick of its run (the run ends at every record that is not a tick; the next run starts from a
 * cleared record). Every reader of the journal — {@link JournalReader}, {@link JournalVerifier}, the writer's
 * recovery — decodes through one of these.
 *
 * <p>Threading: one thread. Allocation: none (one reused {@link TickRecord}).
 */
public final class TickDecoder
{
    private final TickRecord record = new TickRecord();
    private boolean inRun;

    /**
     * Decodes a TICK, TICK_WIDE or TICK_PACKED.
     *
     * @param b            the record's bytes.
     * @param o            its offset.
     * @param length       its length including the chain value or check.
     * @param tickPeriodNs the session's period.
     * @return whether it decoded (false: a malformed TICK_PACKED, or not a tick; the run then ends).
     */
    public boolean decode(final DirectBuffer b, final int o, final int length, final long tickPeriodNs)
    {
        final int type = b.getByte(o + JournalDescriptor.TYPE_OFFSET);
        if (type == JournalDescriptor.TICK_PACKED)
        {
            if (!inRun)
            {
                JournalCodec.clearTick(record);
            }
            inRun = JournalCodec.decodePackedTick(b, o, length, tickPeriodNs, record);
            return inRun;
        }
        if (type == JournalDescriptor.TICK || type == JournalDescriptor.TICK_WIDE)
        {
            JournalCodec.decodeTick(b, o, tickPeriodNs, record);
            inRun = true;
            return true;
        }
        inRun = false;
        return false;
    }

    /** A record that is not a tick was read: the run ends. */
    public void endRun()
    {
        inRun = false;
    }

    /**
     * @return the tick last decoded (reused; floats widened back to double).
     */
    public TickRecord record()
    {
        return record;
    }
}
