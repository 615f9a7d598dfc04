package org.galvani.fleet.engine;

import java.io.Serializable;

/**
 * Maps items to results on one thread, with whatever that thread needs open.
 *
 * <p>Threading: one thread. Allocation: per item, as the work needs.
 *
 * @param <I> the item.
 * @param <O> the result.
 */
public interface Worker<I extends Serializable, O extends Serializable> extends AutoCloseable
{
    /**
     * @param item the item.
     * @return its result.
     */
    O apply(I item);

    @Override
    void close();
}
