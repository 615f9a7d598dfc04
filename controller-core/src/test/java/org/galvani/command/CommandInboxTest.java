package org.galvani.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandInboxTest
{
    @Test
    @DisplayName("commands from many threads all arrive, in per-sender order, with unique ids")
    void manyProducers() throws Exception
    {
        final CommandInbox inbox = new CommandInbox(64 * 1024);
        final int threads = 4;
        final int perThread = 5_000;
        final CountDownLatch start = new CountDownLatch(1);
        final Thread[] senders = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            final int sender = t;
            senders[t] = new Thread(() ->
            {
                try
                {
                    start.await();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < perThread; i++)
                {
                    while (inbox.send(SessionEvent.ADJUST, sender * 1_000_000 + i, null) == CommandInbox.REJECTED_FULL)
                    {
                        Thread.onSpinWait();
                    }
                }
            });
            senders[t].start();
        }
        final int[] lastSeen = { -1, -1, -1, -1 };
        final AtomicInteger received = new AtomicInteger();
        final boolean[] ids = new boolean[threads * perThread + 1];
        start.countDown();
        while (received.get() < threads * perThread)
        {
            inbox.drain((event, id, arg, attachment) ->
            {
                final int sender = arg / 1_000_000;
                final int seq = arg % 1_000_000;
                assertTrue(seq > lastSeen[sender], "per-sender order");
                lastSeen[sender] = seq;
                assertTrue(!ids[(int)id], "unique id");
                ids[(int)id] = true;
                received.incrementAndGet();
            }, 100);
        }
        for (final Thread sender : senders)
        {
            sender.join();
        }
        assertEquals(threads * perThread, received.get());
    }

    @Test
    @DisplayName("an attachment travels with its command and its slot is freed")
    void attachment()
    {
        final CommandInbox inbox = new CommandInbox(4096);
        final ScreeningDecision decision = new ScreeningDecision(true, "no contraindication");
        for (int round = 0; round < 200; round++)
        {
            final long id = inbox.send(SessionEvent.SCREEN, 0, decision);
            assertTrue(id > 0);
            final Object[] seen = new Object[1];
            // At the end of the ring a drain may consume only the padding record: at most two drains.
            int drained = inbox.drain((event, commandId, arg, att) -> seen[0] = att, 10);
            if (drained == 0)
            {
                drained = inbox.drain((event, commandId, arg, att) -> seen[0] = att, 10);
            }
            assertEquals(1, drained);
            assertSame(decision, seen[0]);
        }
    }

    @Test
    @DisplayName("a full inbox refuses with REJECTED_FULL instead of blocking or dropping silently")
    void full()
    {
        final CommandInbox inbox = new CommandInbox(1024);
        long result = 0;
        int sent = 0;
        while (result != CommandInbox.REJECTED_FULL && sent < 10_000)
        {
            result = inbox.send(SessionEvent.STOP, 0, null);
            sent++;
        }
        assertEquals(CommandInbox.REJECTED_FULL, result);
        assertTrue(sent > 10);
    }

    @Test
    @DisplayName("internal events cannot be sent as commands")
    void onlyOperatorEvents()
    {
        final CommandInbox inbox = new CommandInbox(1024);
        assertThrows(IllegalArgumentException.class, () -> inbox.send(SessionEvent.TRIP, 0, null));
        assertThrows(IllegalArgumentException.class, () -> inbox.send(SessionEvent.RAMP_DONE, 0, null));
    }

    @Test
    @DisplayName("SR-12 an e-stop is drained first, past a sender stalled mid-claim that holds every ring command")
    void emergencyStopPastStalledClaim() throws Exception
    {
        final UnsafeBuffer memory = new UnsafeBuffer(ByteBuffer.allocateDirect(4096 + RingBufferDescriptor.TRAILER_LENGTH));
        final CommandInbox inbox = new CommandInbox(memory);
        final ManyToOneRingBuffer sameRing = new ManyToOneRingBuffer(memory); // another sender's view of the ring
        final CountDownLatch claimed = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread stalled = new Thread(() ->
        {
            final int index = sameRing.tryClaim(SessionEvent.STOP.code() + 1, CommandDescriptor.LENGTH);
            claimed.countDown();
            awaitQuietly(release); // claimed, not committed: the ring's reader stops here
            sameRing.buffer().putLong(index + CommandDescriptor.COMMAND_ID_OFFSET, 999);
            sameRing.buffer().putInt(index + CommandDescriptor.SLOT_OFFSET, -1);
            sameRing.commit(index);
        }, "sender-stalled-mid-claim");
        stalled.start();
        assertTrue(claimed.await(10, TimeUnit.SECONDS));
        final long adjustId = inbox.send(SessionEvent.ADJUST, 2, null); // behind the stalled claim
        assertTrue(adjustId > 0);
        final List<String> seen = new ArrayList<>();
        assertEquals(0, inbox.drain((event, id, arg, att) -> seen.add(event + "#" + id), 16),
            "the stalled claim holds the ring");

        final long[] estopId = new long[1];
        final Thread ui = new Thread(() -> estopId[0] = inbox.send(SessionEvent.E_STOP, 0, null), "e-stop-button");
        ui.start();
        ui.join(10_000);
        assertEquals(1, inbox.drain((event, id, arg, att) -> seen.add(event + "#" + id), 16));
        assertEquals(List.of("E_STOP#" + estopId[0]), seen, "the e-stop, while the sender is still stalled");

        release.countDown();
        stalled.join(10_000);
        seen.clear();
        assertEquals(2, inbox.drain((event, id, arg, att) -> seen.add(event + "#" + id), 16));
        assertEquals(List.of("STOP#999", "ADJUST#" + adjustId), seen, "the ring resumes once the claim commits");
    }

    @Test
    @DisplayName("SR-12 an e-stop goes first in its drain; a second one before the drain joins it; a full ring never refuses it")
    void emergencyStopOrderingAndCoalescing()
    {
        final CommandInbox inbox = new CommandInbox(1024);
        while (inbox.send(SessionEvent.STOP, 0, null) != CommandInbox.REJECTED_FULL)
        {
            // fill the ring
        }
        final long first = inbox.send(SessionEvent.E_STOP, 0, null);
        assertTrue(first > 0, "never REJECTED_FULL");
        assertEquals(first, inbox.send(SessionEvent.E_STOP, 0, null), "a pending e-stop is joined, not queued");
        final List<SessionEvent> seen = new ArrayList<>();
        inbox.drain((event, id, arg, att) -> seen.add(event), 4);
        assertEquals(List.of(SessionEvent.E_STOP, SessionEvent.STOP, SessionEvent.STOP, SessionEvent.STOP,
            SessionEvent.STOP), seen, "the e-stop first, not counted against the limit");
        assertTrue(inbox.send(SessionEvent.E_STOP, 0, null) > first, "after the drain, a new e-stop");
        assertThrows(IllegalArgumentException.class, () -> inbox.send(SessionEvent.E_STOP, 1, null));
        assertThrows(IllegalArgumentException.class, () -> inbox.send(SessionEvent.E_STOP, 0, "reason"));
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
