package org.galvani.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.galvani.session.SessionEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The inbox at its edges (PIT survivors in command, docs/qa-campaign.md "PIT"): every operator event and
 * argument arrives as sent, in order, with its id; the 64 attachment slots full refuse a further attachment but
 * not a command without one; a command refused for a full ring gives its attachment slot back (every one of the
 * 64, the first included).
 */
class CommandInboxEdgeTest
{
    private record Seen(SessionEvent event, long id, int arg, Object attachment)
    {
    }

    private static List<Seen> drainAll(final CommandInbox inbox)
    {
        final List<Seen> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            inbox.drain((event, id, arg, attachment) -> seen.add(new Seen(event, id, arg, attachment)), 1_000);
        }
        return seen;
    }

    @Test
    @DisplayName("SR-16 every operator event through the ring, its argument and its id arrive as sent, in order")
    void everyEventArrivesAsSent()
    {
        final CommandInbox inbox = new CommandInbox(4096);
        final List<Long> ids = new ArrayList<>();
        final List<SessionEvent> sent = new ArrayList<>();
        int arg = -3;
        for (final SessionEvent event : SessionEvent.values())
        {
            // E_STOP has its own path (a flag drained before the ring, no argument): CommandInboxTest
            if (event.fromOperator() && event != SessionEvent.E_STOP)
            {
                ids.add(inbox.send(event, arg++, null));
                sent.add(event);
            }
        }
        final List<Seen> seen = drainAll(inbox);
        assertEquals(sent.size(), seen.size());
        for (int i = 0; i < sent.size(); i++)
        {
            assertEquals(sent.get(i), seen.get(i).event());
            assertEquals(ids.get(i), seen.get(i).id());
            assertEquals(-3 + i, seen.get(i).arg());
            assertNull(seen.get(i).attachment());
            assertTrue(i == 0 || ids.get(i) > ids.get(i - 1), "ids increase");
        }
    }

    @Test
    @DisplayName("64 attachments pending: a 65th is refused, a command without one is not; drained, the slots are free again")
    void attachmentSlotsFull()
    {
        final CommandInbox inbox = new CommandInbox(1 << 16);
        final List<Object> attachments = new ArrayList<>();
        for (int i = 0; i < 64; i++)
        {
            final Object attachment = "attachment " + i;
            attachments.add(attachment);
            assertTrue(inbox.send(SessionEvent.SCREEN, i, attachment) > 0, "slot " + i);
        }
        assertEquals(CommandInbox.REJECTED_FULL, inbox.send(SessionEvent.ARM, 0, "one too many"));
        assertTrue(inbox.send(SessionEvent.STOP, 0, null) > 0, "no attachment needs no slot");
        final List<Seen> seen = drainAll(inbox);
        assertEquals(65, seen.size());
        for (int i = 0; i < 64; i++)
        {
            assertSame(attachments.get(i), seen.get(i).attachment(), "command " + i + " carries its own attachment");
        }
        assertEquals(SessionEvent.STOP, seen.get(64).event());
        assertNull(seen.get(64).attachment());
        for (int i = 0; i < 64; i++)
        {
            assertTrue(inbox.send(SessionEvent.SCREEN, i, "again " + i) > 0, "slot " + i + " free again");
        }
    }

    @Test
    @DisplayName("a command refused for a full ring gives its attachment slot back")
    void fullRingReleasesTheSlot()
    {
        final CommandInbox inbox = new CommandInbox(1024);
        int accepted = 0;
        while (inbox.send(SessionEvent.STOP, 0, null) > 0)
        {
            accepted++;
        }
        // 100 attachments refused by the full ring: had their slots leaked, the 64 slots would be exhausted
        for (int i = 0; i < 100; i++)
        {
            assertEquals(CommandInbox.REJECTED_FULL, inbox.send(SessionEvent.SCREEN, 0, "refused " + i));
        }
        assertEquals(accepted, drainAll(inbox).size());
        final Object attachment = "after the ring drained";
        assertTrue(inbox.send(SessionEvent.SCREEN, 0, attachment) > 0);
        final List<Seen> seen = drainAll(inbox);
        assertEquals(1, seen.size());
        assertSame(attachment, seen.get(0).attachment());
        // every one of the 64 slots was given back, slot 0 (the first refusal's) included: 64 attachments in a row,
        // each drained before the next (the slots are handed out round-robin, so the 64 use each slot once)
        for (int i = 0; i < 64; i++)
        {
            final Object next = "attachment " + i;
            assertTrue(inbox.send(SessionEvent.SCREEN, i, next) > 0, next + " of 64");
            final List<Seen> one = drainAll(inbox);
            assertEquals(1, one.size());
            assertSame(next, one.get(0).attachment());
        }
    }
}
