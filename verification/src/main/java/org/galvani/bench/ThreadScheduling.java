package org.galvani.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The calling thread's Linux scheduling, for benchmarks that compare a tick under the default scheduler with one
 * under real-time priority on a core of its own (issue 16): sets the policy (SCHED_FIFO), the nice value and the
 * CPU affinity of the calling thread only, and reads its context-switch counters from
 * {@code /proc/thread-self/status} (an involuntary switch is the kernel taking the CPU away: preemption).
 *
 * <p>Threading: every call acts on the calling thread. Allocation: set-up and read-out only, never in a measured
 * loop. Needs root (or CAP_SYS_NICE) for SCHED_FIFO and a negative nice value; fails with one sentence otherwise.
 */
final class ThreadScheduling
{
    private static final int SCHED_FIFO = 1;
    private static final int PRIO_PROCESS = 0;

    /** The few libc calls needed (JNA interface mapping: set-up only). */
    interface CLib extends Library
    {
        int sched_setscheduler(int pid, int policy, int[] param);

        int setpriority(int which, int who, int prio);

        int sched_setaffinity(int pid, long cpusetsize, long[] mask);
    }

    private static final CLib C = Native.load("c", CLib.class);

    private ThreadScheduling()
    {
    }

    /**
     * Applies a scheduling choice to the calling thread.
     *
     * @param priority "normal" (unchanged), "nice" (nice -20) or "fifo" (SCHED_FIFO priority 10).
     * @param cpu      the CPU to pin the thread to, or -1 for no pinning.
     * @throws IllegalArgumentException for an unknown priority; IllegalStateException when the kernel refuses.
     */
    static void apply(final String priority, final int cpu)
    {
        switch (priority)
        {
            case "normal":
                break;
            case "nice":
                check(C.setpriority(PRIO_PROCESS, 0, -20), "setpriority(-20)");
                break;
            case "fifo":
                check(C.sched_setscheduler(0, SCHED_FIFO, new int[] {10}), "sched_setscheduler(SCHED_FIFO, 10)");
                break;
            default:
                throw new IllegalArgumentException("priority '" + priority + "' is not normal, nice or fifo");
        }
        if (cpu >= 0)
        {
            check(C.sched_setaffinity(0, 8, new long[] {1L << cpu}), "sched_setaffinity(cpu " + cpu + ")");
        }
    }

    private static void check(final int rc, final String call)
    {
        if (rc != 0)
        {
            throw new IllegalStateException(call + " was refused (errno " + Native.getLastError() +
                "): run as root or with CAP_SYS_NICE");
        }
    }

    /**
     * @return the calling thread's {voluntary, involuntary} context switches so far.
     */
    static long[] contextSwitches()
    {
        final long[] counts = new long[2];
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/thread-self/status")))
            {
                if (line.startsWith("voluntary_ctxt_switches:"))
                {
                    counts[0] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
                else if (line.startsWith("nonvoluntary_ctxt_switches:"))
                {
                    counts[1] = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read /proc/thread-self/status: " + ex.getMessage(), ex);
        }
        return counts;
    }

    /**
     * Moves every other thread of this process (the JVM's compilers, collectors, service threads, a process
     * reaper…) onto the CPUs other than {@code keepFree}, so that the calling thread has that CPU to itself as far as
     * this process goes. A thread created afterwards inherits its creator's CPUs: call again after creating threads.
     *
     * @param keepFree the CPU left to the calling thread.
     * @return the number of threads moved (0 when this process may run on no other CPU).
     * @throws IllegalStateException when the thread list cannot be read or the kernel refuses a live thread.
     */
    static int confineOtherThreads(final int keepFree)
    {
        long mask = 0;
        for (final int cpu : allowedCpus())
        {
            if (cpu != keepFree && cpu < 64)
            {
                mask |= 1L << cpu;
            }
        }
        if (mask == 0)
        {
            return 0;
        }
        try
        {
            final String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            int moved = 0;
            try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
            {
                for (final Path task : (Iterable<Path>)tasks::iterator)
                {
                    final String tid = task.getFileName().toString();
                    if (tid.equals(self))
                    {
                        continue;
                    }
                    if (C.sched_setaffinity(Integer.parseInt(tid), 8, new long[] {mask}) == 0)
                    {
                        moved++;
                    }
                    else if (Files.exists(task))
                    {
                        throw new IllegalStateException("sched_setaffinity(thread " + tid + ") was refused (errno " +
                            Native.getLastError() + ")");
                    }
                }
            }
            return moved;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot list this process's threads in /proc: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the CPUs this process may run on ({@code Cpus_allowed_list} of {@code /proc/self/status}: a container's
     *         cpuset need not start at CPU 0), in ascending order.
     * @throws IllegalStateException when it cannot be read.
     */
    static int[] allowedCpus()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    return parseCpuList(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read /proc/self/status: " + ex.getMessage(), ex);
        }
        throw new IllegalStateException("/proc/self/status has no Cpus_allowed_list");
    }

    /**
     * @param list a kernel CPU list, e.g. {@code 0-3,6,8-9}.
     * @return its CPUs in ascending order.
     */
    static int[] parseCpuList(final String list)
    {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(part -> !part.isEmpty())
            .flatMapToInt(part ->
            {
                final int dash = part.indexOf('-');
                return dash < 0 ? java.util.stream.IntStream.of(Integer.parseInt(part)) :
                    java.util.stream.IntStream.rangeClosed(Integer.parseInt(part.substring(0, dash)),
                        Integer.parseInt(part.substring(dash + 1)));
            }).sorted().distinct().toArray();
    }
}
