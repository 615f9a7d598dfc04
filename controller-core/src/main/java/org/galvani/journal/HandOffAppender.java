package org.galvani.journal;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;

/**
 * {@link JournalMode#HAND_OFF}: the control thread encodes each record into a staging buffer and copies it
 * into an Agrona one-to-one ring buffer; a {@link JournalAgent} on its own thread (an {@link AgentRunner}
 * with a {@link BackoffIdleStrategy}: spin, yield, then park 10 µs to 1 ms) chains and appends. Event
 * attachments (immutable objects) travel by reference in a slot array, stored before the ring's commit.
 *
 * <p>Threading: the {@link JournalAppender} contract. Allocation and blocking — what HAND_OFF costs the
 * control thread: {@link #appendTick} and {@link #appendEvent} allocate nothing, take no lock and never
 * wait (a one-to-one ring's write is a bounds check, a copy and an ordered store; a full ring or full slot
 * array fails the journal instead of waiting). Session start and end (set-up thread) wait, bounded by
 * 10 s, for the agent to write them.
 */
final class HandOffAppender implements JournalAppender
{
    private static final int SLOTS = 1024;
    private static final int EVENT_MESSAGE_LENGTH = JournalDescriptor.EVENT_ATTACHMENT_OFFSET + 4;
    private static final long SET_UP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final JournalHealth health;
    private final OneToOneRingBuffer ring;
    private final UnsafeBuffer stage = new UnsafeBuffer(new byte[JournalDescriptor.TICK_WIDE_LENGTH + 64]);
    private final AtomicReferenceArray<Object> slots = new AtomicReferenceArray<>(SLOTS);
    private final JournalAgent agent;
    private final AgentRunner runner;
    private long nextSlot;

    HandOffAppender(final RecordWriter writer, final JournalHealth health, final int capacityBytes)
    {
        this.health = health;
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.agent = new JournalAgent(ring, slots, writer, health);
        this.runner = new AgentRunner(
            new BackoffIdleStrategy(1, 1, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1)),
            ex -> health.fail("the journal thread failed: " + RecordWriter.describe(ex)), null, agent);
        AgentRunner.startOnThread(runner, task ->
        {
            final Thread thread = new Thread(task, agent.roleName());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void startSession(final SessionHeader header)
    {
        final long before = agent.startsDone;
        agent.pendingHeader = header;
        sendControl(JournalAgent.MSG_START);
        awaitCounter(before, true);
    }

    @Override
    public SessionSummary endSession()
    {
        final long before = agent.endsDone;
        sendControl(JournalAgent.MSG_END);
        awaitCounter(before, false);
        return agent.lastSummary;
    }

    /** Control thread: copies the encoded tick into the ring; no allocation, no lock, no wait. */
    @Override
    public boolean appendTick(final TickRecord record, final long tickPeriodNs)
    {
        final int length = JournalCodec.encodeTick(record, tickPeriodNs, stage, 0) - JournalDescriptor.CHAIN_LENGTH;
        if (!ring.write(JournalAgent.MSG_TICK, stage, 0, length))
        {
            return health.fail("the hand-off ring buffer is full at tick " + record.tick +
                ": the journal thread fell behind");
        }
        return true;
    }

    /** Control thread: copies the event's fixed part into the ring, its attachment into a slot; no allocation, no lock, no wait. */
    @Override
    public boolean appendEvent(final ControllerEvent event)
    {
        JournalCodec.encodeEventFixed(event, stage, 0);
        int slot = -1;
        if (event.attachment != null)
        {
            slot = (int)(nextSlot++ & (SLOTS - 1));
            if (slots.get(slot) != null)
            {
                return health.fail("the hand-off attachment slots are full at tick " + event.tick);
            }
            slots.lazySet(slot, event.attachment);
        }
        stage.putInt(JournalDescriptor.EVENT_ATTACHMENT_OFFSET, slot);
        if (!ring.write(JournalAgent.MSG_EVENT, stage, 0, EVENT_MESSAGE_LENGTH))
        {
            if (slot >= 0)
            {
                slots.lazySet(slot, null);
            }
            return health.fail("the hand-off ring buffer is full at tick " + event.tick +
                ": the journal thread fell behind");
        }
        return true;
    }

    /**
     * Stops the agent: the runner stops calling doWork, the agent's onClose drains the ring, and the thread
     * is joined (Agrona retries the join every 5 s, interrupting the thread, until it ended).
     */
    @Override
    public void close()
    {
        runner.close(AgentRunner.RETRY_CLOSE_TIMEOUT_MS,
            thread -> health.fail("the journal thread did not stop within " + AgentRunner.RETRY_CLOSE_TIMEOUT_MS + " ms"));
    }

    private void sendControl(final int msgType)
    {
        final long deadline = System.nanoTime() + SET_UP_TIMEOUT_NS;
        while (!ring.write(msgType, stage, 0, 4))
        {
            if (System.nanoTime() - deadline > 0)
            {
                health.fail("the hand-off ring buffer stayed full for 10 s");
                health.requireHealthy();
            }
            Thread.onSpinWait();
        }
    }

    private void awaitCounter(final long before, final boolean starts)
    {
        final long deadline = System.nanoTime() + SET_UP_TIMEOUT_NS;
        while ((starts ? agent.startsDone : agent.endsDone) == before)
        {
            health.requireHealthy();
            if (System.nanoTime() - deadline > 0)
            {
                health.fail("the journal thread did not write the session " + (starts ? "start" : "end") +
                    " within 10 s");
                health.requireHealthy();
            }
            LockSupport.parkNanos(100_000);
        }
        health.requireHealthy();
    }
}
