package org.galvani.replay;

/**
 * What a replay found (SR-15): how much was replayed and compared, the first divergence if any, and the
 * replay's throughput.
 *
 * <p>Immutable and thread-safe; built on demand by {@link Replayer#report()} (allocates).
 *
 * @param ticksReplayed    recorded ticks run through the replayed controller (up to and including the
 *                         divergent one).
 * @param eventsCompared   recorded events compared with the replayed controller's.
 * @param ticksNotCompared recorded ticks pushed after the divergence (not replayed).
 * @param divergence       the first divergence, or null when every decision was reproduced.
 * @param ticksPerSecond   replayed ticks per second of wall time, from the first push to the latest tick
 *                         (includes the time the source took to decode and push; 0 before two ticks).
 */
public record ReplayReport(
    long ticksReplayed, long eventsCompared, long ticksNotCompared, Divergence divergence, double ticksPerSecond)
{
    /**
     * @return whether every compared decision was reproduced.
     */
    public boolean reproduced()
    {
        return divergence == null;
    }

    @Override
    public String toString()
    {
        return (divergence == null ? "reproduced: " : "DIVERGED at " + divergence + "; ") + ticksReplayed +
            " ticks replayed, " + eventsCompared + " events compared, " + ticksNotCompared + " ticks not compared, " +
            String.format(java.util.Locale.ROOT, "%.0f", ticksPerSecond) + " ticks/s";
    }
}
