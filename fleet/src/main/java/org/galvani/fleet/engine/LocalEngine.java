package org.galvani.fleet.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default engine: {@code threads} worker threads of this JVM, each with its own {@link Worker}, taking
 * the next item from a shared counter. Nothing to install but the JDK, no Spark on the class path at run
 * time.
 *
 * <p>Threading: {@link #map} blocks the caller; the workers are its own daemon threads, stopped on return.
 */
public final class LocalEngine implements Engine
{
    private final int threads;

    /**
     * @param threads worker threads (1 …).
     */
    public LocalEngine(final int threads)
    {
        if (threads < 1)
        {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
    }

    @Override
    public <I extends Serializable, O extends Serializable> List<O> map(final List<I> items, final Work<I, O> work)
    {
        final Object[] results = new Object[items.size()];
        final AtomicInteger next = new AtomicInteger();
        final ExecutorService pool = Executors.newFixedThreadPool(threads, r ->
        {
            final Thread t = new Thread(r, "fleet-worker");
            t.setDaemon(true);
            return t;
        });
        try
        {
            final List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++)
            {
                futures.add(pool.submit(() ->
                {
                    try (Worker<I, O> worker = work.open())
                    {
                        for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement())
                        {
                            results[i] = worker.apply(items.get(i));
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> future : futures)
            {
                future.get();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        }
        finally
        {
            pool.shutdownNow();
        }
        final List<O> list = new ArrayList<>(results.length);
        for (final Object result : results)
        {
            @SuppressWarnings("unchecked")
            final O o = (O)result;
            list.add(o);
        }
        return list;
    }

    @Override
    public String describe()
    {
        return "local threads " + threads;
    }

    @Override
    public void close()
    {
        // no resources between calls
    }
}
