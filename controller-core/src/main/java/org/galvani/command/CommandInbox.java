package org.galvani.command;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.galvani.session.SessionEvent;

/**
 * Commands from any thread to the control thread, through an Agrona many-to-one ring buffer, and the
 * emergency stop beside it, through a flag no sender can block (SR-12, docs/decisions.md ADR-4).
 *
 * <p>Why the e-stop does not travel in the ring: a sender that has claimed a slot ({@code tryClaim}) and not
 * yet committed it — preempted, stopped in a debugger, a UI thread stalled between the two calls — holds
 * every message after that slot: the reader stops at the first uncommitted record. An E_STOP queued behind
 * it would wait as long as the stalled sender. So {@link #send} of an {@link SessionEvent#E_STOP} sets
 * {@code emergencyStop} (the command id, one compare-and-exchange with release semantics: wait-free, no claim,
 * no ring) and {@link #drain} reads that flag first, before the ring, every tick.
 *
 * <p>Threading: {@link #send} may be called from any number of threads; {@link #drain} only from the
 * control thread. Memory ordering: an attachment is stored in its slot (CAS, a volatile write) before
 * the ring buffer's commit (a release store), so the control thread, which reads the message after
 * the ring buffer's acquire, sees the attachment. The control thread clears the slot after use. The e-stop
 * flag is set with a release CAS and taken with an acquire load and a volatile {@code getAndSet}.
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

    /** No e-stop pending (command ids start at 1). */
    private static final long NO_EMERGENCY_STOP = 0;

    private final RingBuffer ringBuffer;
    private final AtomicLong nextCommandId = new AtomicLong(1);
    /** The command id of the E_STOP not yet drained, or {@link #NO_EMERGENCY_STOP}. */
    private final AtomicLong emergencyStop = new AtomicLong(NO_EMERGENCY_STOP);
    private final AtomicLong nextSlot = new AtomicLong();
    private final AtomicReferenceArray<Object> attachments = new AtomicReferenceArray<>(SLOTS);
    private final org.agrona.concurrent.MessageHandler messageHandler = this::onMessage;
    private CommandHandler handler;

    /**
     * @param capacityBytes ring buffer capacity, a power of two (e.g. 64 KiB).
     */
    public CommandInbox(final int capacityBytes)
    {
        this(new UnsafeBuffer(ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * An inbox over memory the caller provides (Agrona's idiom: the ring's state lives in the buffer, so another
     * {@link ManyToOneRingBuffer} over the same memory — another process mapping it, or a test — sends into the
     * same ring).
     *
     * @param ringBufferMemory a power of two plus {@link RingBufferDescriptor#TRAILER_LENGTH} bytes, zeroed.
     */
    public CommandInbox(final AtomicBuffer ringBufferMemory)
    {
        ringBuffer = new ManyToOneRingBuffer(ringBufferMemory);
    }

    /**
     * Sends a command.
     *
     * <p>An {@link SessionEvent#E_STOP} never enters the ring and is never refused: it sets the e-stop flag the
     * next {@link #drain} takes first. While one e-stop is pending (not yet drained), another joins it and gets
     * its id: the one e-stop the control thread acts on stops the output for both senders.
     *
     * @param event      an operator event ({@link SessionEvent#fromOperator()}).
     * @param arg        ADJUST steps (signed), otherwise 0.
     * @param attachment screening decision, session plan or reset authorisation; null when none.
     * @return the command id (positive), or {@link #REJECTED_FULL} (never for E_STOP).
     * @throws IllegalArgumentException when the event is not an operator event, or an E_STOP carries an argument
     *                                  or an attachment.
     */
    public long send(final SessionEvent event, final int arg, final Object attachment)
    {
        if (!event.fromOperator())
        {
            throw new IllegalArgumentException(event + " is not an operator command");
        }
        if (event == SessionEvent.E_STOP)
        {
            return emergencyStop(arg, attachment);
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

    private long emergencyStop(final int arg, final Object attachment)
    {
        if (arg != 0 || attachment != null)
        {
            throw new IllegalArgumentException("E_STOP carries no argument and no attachment (arg " + arg + ")");
        }
        final long commandId = nextCommandId.getAndIncrement();
        // Release: everything this sender did before is visible to the control thread that takes the flag.
        // One CAS, never retried: wait-free. Lost only to another pending e-stop, which it then joins.
        final long pending = emergencyStop.compareAndExchangeRelease(NO_EMERGENCY_STOP, commandId);
        return pending == NO_EMERGENCY_STOP ? commandId : pending;
    }

    /**
     * Drains the pending e-stop, first, then up to {@code limit} commands from the ring into the handler (control
     * thread only). The e-stop does not count against the limit and is never held by a sender stalled mid-claim.
     *
     * @param handler receives each command.
     * @param limit   most ring commands to drain this tick (bounds the tick's work).
     * @return the number drained, the e-stop included.
     */
    public int drain(final CommandHandler handler, final int limit)
    {
        this.handler = handler;
        int drained = 0;
        // Acquire: pairs with the sender's release CAS. A plain check first so that a tick without an e-stop
        // costs one load, not an atomic read-modify-write; only this thread clears the flag, so once non-zero it
        // stays non-zero until the getAndSet below takes it.
        if (emergencyStop.getAcquire() != NO_EMERGENCY_STOP)
        {
            final long commandId = emergencyStop.getAndSet(NO_EMERGENCY_STOP);
            handler.onCommand(SessionEvent.E_STOP, commandId, 0, null);
            drained++;
        }
        return drained + ringBuffer.read(messageHandler, limit);
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
