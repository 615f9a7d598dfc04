package org.galvani.fleet.engine;

import java.io.Serializable;

/**
 * One kind of unit of work as a pure function, shipped to wherever it runs (a local thread, a Spark
 * executor): {@link #open()} makes a {@link Worker} that holds the per-thread resources (a trial runner
 * with its native sim, a reader), and the worker maps one item to one result. The result of an item
 * depends on the item and this object's fields only, never on where or in which order it ran: that is
 * what lets both engines produce the same outputs bit for bit.
 *
 * <p>Threading: the object is immutable and serialisable; each worker is used by one thread.
 *
 * @param <I> the item (serialisable).
 * @param <O> the result (serialisable).
 */
public interface Work<I extends Serializable, O extends Serializable> extends Serializable
{
    /**
     * @return a worker for the calling thread.
     */
    Worker<I, O> open();
}
