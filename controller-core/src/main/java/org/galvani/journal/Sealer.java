package org.galvani.journal;

import java.security.PrivateKey;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Signs seal requests with the device key on its own thread, so that the Ed25519 work (tens of µs) never
 * runs on the thread that appends.
 *
 * <p>Threading: one requesting thread (the appender's owner) calls {@link #tryRequest}, {@link #poll} and
 * {@link #release}; the sealer thread signs. One request is outstanding at a time. Memory ordering: the
 * request fields are written before the volatile store of {@code state = REQUESTED}, the response fields
 * before the volatile store of {@code state = SIGNED}; each side reads {@code state} first.
 *
 * <p>Allocation: the requesting side allocates nothing (plus one {@link LockSupport#unpark} per request);
 * the sealer thread allocates nothing per seal either: it signs with {@link Ed25519SealSigner} into its own
 * buffers (ADR-24), so that a clinic day of sessions runs without a collector. {@link #signNow} (session end, on
 * the set-up thread) has a signer of its own and returns a new array.
 */
final class Sealer implements AutoCloseable
{
    private static final int IDLE = 0;
    private static final int REQUESTED = 1;
    private static final int SIGNED = 2;

    private final Ed25519SealSigner signer;
    private final Ed25519SealSigner setUpSigner;
    private final byte[] message = new byte[JournalCodec.SEAL_MESSAGE_LENGTH];
    private final Thread thread;
    private final byte[] requestChain = new byte[JournalDescriptor.CHAIN_LENGTH];
    private final byte[] responseChain = new byte[JournalDescriptor.CHAIN_LENGTH];
    private final byte[] responseSignature = new byte[JournalDescriptor.SIGNATURE_LENGTH];
    private long requestIndex;
    private long responseIndex;
    private volatile int state = IDLE;
    private volatile boolean running = true;
    private volatile String failure;

    Sealer(final PrivateKey key, final String name)
    {
        this.signer = newSigner(key);
        this.setUpSigner = newSigner(key);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param index Chronicle index of the record to seal.
     * @param chain its chain value.
     * @return false when a request is still outstanding (try again later).
     */
    boolean tryRequest(final long index, final byte[] chain)
    {
        if (state != IDLE)
        {
            return false;
        }
        requestIndex = index;
        System.arraycopy(chain, 0, requestChain, 0, requestChain.length);
        state = REQUESTED;
        LockSupport.unpark(thread);
        return true;
    }

    /**
     * @return whether a signed seal waits in {@link #index()}, {@link #chain()} and {@link #signature()}.
     */
    boolean poll()
    {
        return state == SIGNED;
    }

    /**
     * @return whether a request is outstanding or signed but not released.
     */
    boolean busy()
    {
        return state != IDLE;
    }

    long index()
    {
        return responseIndex;
    }

    byte[] chain()
    {
        return responseChain;
    }

    byte[] signature()
    {
        return responseSignature;
    }

    /** Frees the response for the next request (after the seal record was appended). */
    void release()
    {
        state = IDLE;
    }

    /**
     * @return why signing failed, or null.
     */
    String failure()
    {
        return failure;
    }

    /**
     * Waits (bounded) until the outstanding request, if any, is signed: session end only.
     *
     * @param timeoutNs longest wait.
     * @return whether nothing is outstanding any more (signed or idle).
     */
    boolean awaitSigned(final long timeoutNs)
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (state == REQUESTED && failure == null)
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            LockSupport.parkNanos(50_000);
        }
        return failure == null;
    }

    /**
     * Signs on the calling thread (session end: not the control thread).
     *
     * @param index Chronicle index of the sealed record.
     * @param chain its chain value.
     * @return the signature.
     */
    byte[] signNow(final long index, final byte[] chain)
    {
        return sign(setUpSigner, index, chain);
    }

    /**
     * Signs a seal with a new signer (set-up, recovery and tests: allocates).
     *
     * @param key   the device key.
     * @param index Chronicle index of the sealed record.
     * @param chain its chain value.
     * @return the signature.
     */
    static byte[] sign(final PrivateKey key, final long index, final byte[] chain)
    {
        return sign(newSigner(key), index, chain);
    }

    private static byte[] sign(final Ed25519SealSigner with, final long index, final byte[] chain)
    {
        final byte[] signed = JournalCodec.sealMessage(index, chain);
        final byte[] signature = new byte[JournalDescriptor.SIGNATURE_LENGTH];
        with.sign(signed, 0, signed.length, signature, 0);
        return signature;
    }

    private static Ed25519SealSigner newSigner(final PrivateKey key)
    {
        try
        {
            return new Ed25519SealSigner(key);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalStateException("Ed25519 signing of the journal seal is impossible: " + ex.getMessage(),
                ex);
        }
    }

    private void run()
    {
        while (running)
        {
            if (state == REQUESTED)
            {
                try
                {
                    JournalCodec.writeSealMessage(requestIndex, requestChain, message);
                    signer.sign(message, 0, message.length, responseSignature, 0);
                    responseIndex = requestIndex;
                    System.arraycopy(requestChain, 0, responseChain, 0, responseChain.length);
                    state = SIGNED; // release: the response fields above happen-before the requester's poll()
                }
                catch (final RuntimeException ex)
                {
                    failure = ex.getMessage();
                    return;
                }
            }
            else
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
