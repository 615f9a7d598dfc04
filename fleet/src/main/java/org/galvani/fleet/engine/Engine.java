package org.galvani.fleet.engine;

import java.io.Serializable;
import java.util.List;

/**
 * Runs a {@link Work} over items and returns the results in the items' order. Two engines run the same
 * work: {@link LocalEngine} (this machine's threads, the default) and {@link SparkEngine} (Apache Spark:
 * local[N] in tests, a cluster through spark-submit). Neither changes a result (ADR-17).
 *
 * <p>Threading: {@link #map} blocks the caller.
 */
public interface Engine extends AutoCloseable
{
    /**
     * @param items the items.
     * @param work  what to do with each.
     * @param <I>   item type.
     * @param <O>   result type.
     * @return one result per item, in the items' order.
     */
    <I extends Serializable, O extends Serializable> List<O> map(List<I> items, Work<I, O> work);

    /**
     * @return a short name for reports ("local[2]", "spark local[2]").
     */
    String describe();

    @Override
    void close();
}
