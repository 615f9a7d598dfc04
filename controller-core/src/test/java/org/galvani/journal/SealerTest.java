package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-14, the seal signer's hand-off (ADR-24): one request outstanding at a time, the response fields are the
 * request's and its signature is the device's over the seal message, release frees it for the next, the
 * set-up path signs the same bytes, a closed sealer signs nothing more, and its thread is a named daemon.
 */
class SealerTest
{
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(10);

    private static byte[] chain(final int seed)
    {
        final byte[] chain = new byte[JournalDescriptor.CHAIN_LENGTH];
        for (int i = 0; i < chain.length; i++)
        {
            chain[i] = (byte)(seed * 31 + i);
        }
        return chain;
    }

    private static boolean verifies(final long index, final byte[] chain, final byte[] signature) throws Exception
    {
        final Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(JournalFixtures.KEYS.getPublic());
        verifier.update(JournalCodec.sealMessage(index, chain));
        return verifier.verify(signature);
    }

    private static Thread thread(final String name)
    {
        for (final Thread t : Thread.getAllStackTraces().keySet())
        {
            if (t.getName().equals(name))
            {
                return t;
            }
        }
        return null;
    }

    @Test
    @DisplayName("SR-14 one request at a time: signed with the request's index and chain value, verifying with the device key; release frees it")
    void requestSignRelease() throws Exception
    {
        try (Sealer sealer = new Sealer(JournalFixtures.KEYS.getPrivate(), "sealer-test-1"))
        {
            assertFalse(sealer.busy());
            assertFalse(sealer.poll());
            assertTrue(sealer.awaitSigned(WAIT_NS), "nothing outstanding");
            for (int k = 1; k <= 3; k++)
            {
                final byte[] chain = chain(k);
                assertTrue(sealer.tryRequest(1000L * k, chain));
                assertTrue(sealer.busy());
                assertFalse(sealer.tryRequest(7, chain(9)), "a second request while one is outstanding");
                assertTrue(sealer.awaitSigned(WAIT_NS));
                assertTrue(sealer.poll());
                assertTrue(sealer.busy(), "signed but not released");
                assertFalse(sealer.tryRequest(7, chain(9)), "a request while the response waits");
                assertEquals(1000L * k, sealer.index());
                assertArrayEquals(chain, sealer.chain());
                assertTrue(verifies(1000L * k, chain, sealer.signature()), "request " + k);
                assertArrayEquals(Sealer.sign(JournalFixtures.KEYS.getPrivate(), 1000L * k, chain), sealer.signature(),
                    "the same bytes as the set-up path (Ed25519 is deterministic)");
                assertNull(sealer.failure());
                sealer.release();
                assertFalse(sealer.busy());
                assertFalse(sealer.poll());
            }
            final byte[] now = sealer.signNow(42, chain(5));
            assertTrue(verifies(42, chain(5), now));
            assertArrayEquals(Sealer.sign(JournalFixtures.KEYS.getPrivate(), 42, chain(5)), now);
        }
    }

    @Test
    @DisplayName("SR-14 the sealer thread is a named daemon that close() ends; a request after close is never signed and awaitSigned times out")
    void closeEndsTheThread()
    {
        final Sealer sealer = new Sealer(JournalFixtures.KEYS.getPrivate(), "sealer-test-2");
        final Thread thread = thread("sealer-test-2");
        assertTrue(thread != null && thread.isDaemon(), "a daemon thread named after the journal");
        sealer.close();
        assertFalse(thread.isAlive(), "close() joins the thread");
        assertTrue(sealer.tryRequest(1, chain(1)));
        final long start = System.nanoTime();
        assertFalse(sealer.awaitSigned(TimeUnit.MILLISECONDS.toNanos(20)), "nobody signs after close");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(20), "waited its bound");
        assertFalse(sealer.poll());
        assertNull(sealer.failure());
    }

    @Test
    @DisplayName("SR-14 a device key that is not Ed25519 is refused in one sentence at construction")
    void refusesAKeyThatCannotSeal() throws Exception
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> new Sealer(
            KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate(), "sealer-test-3"));
        assertEquals("Ed25519 signing of the journal seal is impossible: the device key is a EC key: only Ed25519 keys " +
            "sign seals", ex.getMessage());
        assertThrows(IllegalStateException.class, () -> Sealer.sign(
            KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate(), 1, chain(1)));
    }
}
