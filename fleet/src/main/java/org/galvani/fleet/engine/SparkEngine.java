package org.galvani.fleet.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Apache Spark: the items are split into partitions of consecutive items, each partition opens one
 * {@link Worker} on its executor thread and maps its items in order; the results are collected in the
 * items' order. The same {@link Work} object as on {@link LocalEngine}, serialised to the executors; the
 * native driver travels inside the job's jar (hal-native's {@code linux-x86-64/} folder, which JNA
 * extracts on each executor), so an executor needs nothing but a JDK.
 *
 * <p>Threading: {@link #map} blocks the caller (the Spark driver).
 */
public final class SparkEngine implements Engine
{
    private final SparkSession spark;
    private final boolean owned;
    private final int partitionsPerCore;

    /**
     * @param spark             the session.
     * @param owned             whether {@link #close()} stops it.
     * @param partitionsPerCore partitions per default-parallelism slot (more: better balance, more overhead).
     */
    public SparkEngine(final SparkSession spark, final boolean owned, final int partitionsPerCore)
    {
        this.spark = spark;
        this.owned = owned;
        this.partitionsPerCore = Math.max(1, partitionsPerCore);
    }

    /**
     * A session on {@code master} ("local[2]", "spark://host:7077", or null to take spark-submit's), bound to
     * the loopback address when local, without the web UI.
     *
     * @param master the master, or null.
     * @return the session.
     */
    public static SparkSession session(final String master)
    {
        final SparkSession.Builder builder = SparkSession.builder().appName("galvani-fleet")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4");
        if (master != null)
        {
            builder.master(master);
            if (master.startsWith("local"))
            {
                builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        return builder.getOrCreate();
    }

    /**
     * @return the session (to write tables).
     */
    public SparkSession spark()
    {
        return spark;
    }

    @Override
    public <I extends Serializable, O extends Serializable> List<O> map(final List<I> items, final Work<I, O> work)
    {
        if (items.isEmpty())
        {
            return List.of();
        }
        final JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final int partitions = Math.min(items.size(), sc.defaultParallelism() * partitionsPerCore);
        return sc.parallelize(new ArrayList<>(items), partitions).mapPartitions(it ->
        {
            final List<O> out = new ArrayList<>();
            try (Worker<I, O> worker = work.open())
            {
                while (it.hasNext())
                {
                    out.add(worker.apply(it.next()));
                }
            }
            return out.iterator();
        }).collect();
    }

    @Override
    public String describe()
    {
        return "spark " + spark.sparkContext().master();
    }

    @Override
    public void close()
    {
        if (owned)
        {
            spark.stop();
        }
    }
}
