package org.galvani.journal;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
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
 * the sealer thread allocates while signing.
 */
final class Sealer implements AutoCloseable
{
    private static final int IDLE = 0;
    private static final int REQUESTED = 1;
    private static final int SIGNED = 2;

    private final PrivateKey key;
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
        this.key = key;
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
        return sign(key, index, chain);
    }

    static byte[] sign(final PrivateKey key, final long index, final byte[] chain)
    {
        try
        {
            final Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(JournalCodec.sealMessage(index, chain));
            return signature.sign();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("Ed25519 signing of the journal seal failed: " + ex.getMessage(), ex);
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
                    final byte[] signature = sign(key, requestIndex, requestChain);
                    responseIndex = requestIndex;
                    System.arraycopy(requestChain, 0, responseChain, 0, responseChain.length);
                    System.arraycopy(signature, 0, responseSignature, 0, responseSignature.length);
                    state = SIGNED;
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
