package org.galvani.command;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.galvani.session.SessionEvent;

/**
 * Commands from any thread to the control thread, through an Agrona many-to-one ring buffer.
 *
 * <p>Threading: {@link #send} may be called from any number of threads; {@link #drain} only from the
 * control thread. Memory ordering: an attachment is stored in its slot (CAS, a volatile write) before
 * the ring buffer's commit (a release store), so the control thread, which reads the message after
 * the ring buffer's acquire, sees the attachment. The control thread clears the slot after use.
 *
 * <p>Allocation: {@link #drain} allocates nothing. {@link #send} allocates nothing either; attachments
 * are built by the caller beforehand (validation and signature checks run on the caller's thread, never
 * on the control thread).
 */
public final class CommandInbox
{
    /** Returned by {@link #send} when the ring buffer or the attachment slots are full. */
    public static final long REJECTED_FULL = -1;

    private static final int SLOTS = 64;

    private final RingBuffer ringBuffer;
    private final AtomicLong nextCommandId = new AtomicLong(1);
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicReferenceArray<Object> attachments = new AtomicReferenceArray<>(SLOTS);
    private final org.agrona.concurrent.MessageHandler messageHandler = this::onMessage;
    private CommandHandler handler;

    /**
     * @param capacityBytes ring buffer capacity, a power of two (e.g. 64 KiB).
     */
    public CommandInbox(final int capacityBytes)
    {
        final ByteBuffer buffer = ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH);
        ringBuffer = new ManyToOneRingBuffer(new UnsafeBuffer(buffer));
    }

    /**
     * Sends a command.
     *
     * @param event      an operator event ({@link SessionEvent#fromOperator()}).
     * @param arg        ADJUST steps (signed), otherwise 0.
     * @param attachment screening decision, session plan or reset authorisation; null when none.
     * @return the command id (positive), or {@link #REJECTED_FULL}.
     * @throws IllegalArgumentException when the event is not an operator event.
     */
    public long send(final SessionEvent event, final int arg, final Object attachment)
    {
        if (!event.fromOperator())
        {
            throw new IllegalArgumentException(event + " is not an operator command");
        }
        int slot = -1;
        if (attachment != null)
        {
            slot = (int)(nextSlot.getAndIncrement() & (SLOTS - 1));
            if (!attachments.compareAndSet(slot, null, attachment))
            {
                return REJECTED_FULL;
            }
        }
        final int index = ringBuffer.tryClaim(event.code() + 1, CommandDescriptor.LENGTH);
        if (index <= 0)
        {
            if (slot >= 0)
            {
                attachments.set(slot, null);
            }
            return REJECTED_FULL;
        }
        final long commandId = nextCommandId.getAndIncrement();
        final MutableDirectBuffer buffer = ringBuffer.buffer();
        buffer.putLong(index + CommandDescriptor.COMMAND_ID_OFFSET, commandId);
        buffer.putInt(index + CommandDescriptor.ARG_OFFSET, arg);
        buffer.putInt(index + CommandDescriptor.SLOT_OFFSET, slot);
        ringBuffer.commit(index);
        return commandId;
    }

    /**
     * Drains up to {@code limit} commands into the handler (control thread only).
     *
     * @param handler receives each command.
     * @param limit   most commands to drain this tick (bounds the tick's work).
     * @return the number drained.
     */
    public int drain(final CommandHandler handler, final int limit)
    {
        this.handler = handler;
        return ringBuffer.read(messageHandler, limit);
    }

    private void onMessage(
        final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final long commandId = buffer.getLong(index + CommandDescriptor.COMMAND_ID_OFFSET);
        final int arg = buffer.getInt(index + CommandDescriptor.ARG_OFFSET);
        final int slot = buffer.getInt(index + CommandDescriptor.SLOT_OFFSET);
        Object attachment = null;
        if (slot >= 0 && slot < SLOTS)
        {
            attachment = attachments.get(slot);
            attachments.set(slot, null);
        }
        handler.onCommand(SessionEvent.fromCode(msgTypeId - 1), commandId, arg, attachment);
    }
}
