package org.galvani.journal;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

/**
 * The journal thread of {@link JournalMode#HAND_OFF}, as an Agrona {@link Agent}: each {@link #doWork()}
 * drains up to {@value #DRAIN_LIMIT} messages the control thread put in the ring, chains and appends them
 * through the {@link RecordWriter}, and when the ring was empty appends a seal the sealer has signed.
 * {@link #onClose()} (on the agent thread, after the runner stopped calling doWork) drains whatever is
 * left, so every record the control thread was told was accepted reaches the queue.
 *
 * <p>Threading: {@link #doWork} and {@link #onClose} on the agent thread only; {@link #pendingHeader},
 * {@link #startsDone}, {@link #endsDone} and {@link #lastSummary} are the set-up thread's hand-shake for
 * session start and end. Memory ordering: the ring's commit is a release and its read an acquire, so a
 * message's bytes and the attachment stored in its slot before the commit are visible here; the set-up
 * thread writes {@link #pendingHeader} (volatile) before sending MSG_START, and this thread writes the
 * summary before the counter that announces it (both volatile). Allocation: none per tick or event
 * record; session start and end allocate.
 */
final class JournalAgent implements Agent
{
    static final int MSG_TICK = 1;
    static final int MSG_EVENT = 2;
    static final int MSG_START = 3;
    static final int MSG_END = 4;
    /** Messages drained per duty cycle, so a seal is appended at least that often under load. */
    static final int DRAIN_LIMIT = 256;

    private final OneToOneRingBuffer ring;
    private final AtomicReferenceArray<Object> slots;
    private final RecordWriter writer;
    private final JournalHealth health;
    private final MessageHandler handler = this::onMessage;
    /** Set when this thread cannot write: it appends nothing more (a full ring alone does not stop it). */
    private volatile boolean writeFailed;
    volatile SessionHeader pendingHeader;
    volatile SessionSummary lastSummary;
    volatile long startsDone;
    volatile long endsDone;

    JournalAgent(final OneToOneRingBuffer ring, final AtomicReferenceArray<Object> slots, final RecordWriter writer,
        final JournalHealth health)
    {
        this.ring = ring;
        this.slots = slots;
        this.writer = writer;
        this.health = health;
    }

    @Override
    public int doWork()
    {
        final int work = ring.read(handler, DRAIN_LIMIT);
        if (work == 0 && !writeFailed)
        {
            try
            {
                writer.pollSeal();
            }
            catch (final RuntimeException | Error ex)
            {
                failWrite("a seal could not be appended: " + RecordWriter.describe(ex));
            }
        }
        return work;
    }

    /** Drains the ring: the records accepted before close are appended (agent thread). */
    @Override
    public void onClose()
    {
        while (ring.read(handler, DRAIN_LIMIT) > 0)
        {
            Thread.onSpinWait();
        }
    }

    @Override
    public String roleName()
    {
        return "galvani-journal";
    }

    /**
     * The journal thread cannot write: it stops appending (and the control thread's next record is
     * refused). Records the control thread could not enqueue (a full ring) are reported by the appender
     * alone: this thread still writes every record accepted before, so nothing acknowledged is lost.
     */
    private void failWrite(final String why)
    {
        writeFailed = true;
        health.fail(why);
    }

    private void onMessage(final int msgType, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgType == MSG_EVENT)
        {
            onEventMessage(buffer, index);
            return;
        }
        if (writeFailed)
        {
            return;
        }
        try
        {
            switch (msgType)
            {
                case MSG_TICK:
                    writer.scratch().putBytes(0, buffer, index, length);
                    writer.appendRecord(length + JournalDescriptor.CHAIN_LENGTH);
                    break;
                case MSG_START:
                    writer.writeSessionStart(pendingHeader);
                    startsDone = startsDone + 1;
                    break;
                case MSG_END:
                    lastSummary = writer.writeSessionEnd();
                    endsDone = endsDone + 1;
                    break;
                default:
                    failWrite("unknown hand-off message type " + msgType);
                    break;
            }
        }
        catch (final RuntimeException | Error ex)
        {
            failWrite("the journal thread could not append: " + RecordWriter.describe(ex));
        }
    }

    private void onEventMessage(final MutableDirectBuffer buffer, final int index)
    {
        final int slot = buffer.getInt(index + JournalDescriptor.EVENT_ATTACHMENT_OFFSET);
        final Object attachment = slot >= 0 ? slots.get(slot) : null;
        if (slot >= 0)
        {
            slots.lazySet(slot, null);
        }
        if (writeFailed)
        {
            return;
        }
        try
        {
            final UnsafeBuffer scratch = writer.scratch();
            scratch.putBytes(0, buffer, index, JournalDescriptor.EVENT_ATTACHMENT_OFFSET);
            final int recordLength = JournalCodec.completeEvent(attachment, scratch, 0);
            if (recordLength < 0)
            {
                failWrite("an event attachment is larger than " + RecordWriter.SCRATCH_CAPACITY + " bytes");
                return;
            }
            writer.appendRecord(recordLength);
        }
        catch (final RuntimeException | Error ex)
        {
            failWrite("an event could not be appended: " + RecordWriter.describe(ex));
        }
    }
}
