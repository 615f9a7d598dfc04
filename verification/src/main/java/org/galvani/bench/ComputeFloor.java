package org.galvani.bench;

/**
 * The floor beside the tick in {@link TickTailHarness}: a pure-compute operation of a chosen length — a dependent
 * chain of 64-bit multiply-adds ({@code x = x * m + b}, the LCG step) with no calls, no memory traffic and no
 * allocation. Whatever tail this operation shows when timed the same way as the tick is the machine's (timer
 * interrupts, host preemption of the virtual CPU, SMIs), not the tick's.
 *
 * <p>Why the multiplier and increment are instance fields and not constants: with constants, C2 distributes
 * {@code (x * m + b) * m + b} into {@code x * m² + c} across an unrolled loop and collapses several steps into one
 * (600 constant LCG steps were measured at 70 ns); loaded from non-final fields they are loop-invariant values, not
 * constants, so every step stays a 3-cycle multiply and a 1-cycle add on the chain. {@link TickTailHarness} checks
 * it: twice the steps must take about twice the time.
 *
 * <p>Threading: one thread (the measured one). Allocation: {@link #run} allocates nothing.
 */
final class ComputeFloor
{
    private long multiplier = 6364136223846793005L;
    private long increment = 1442695040888963407L;
    private int steps;

    /**
     * @param steps the chain's length (≥ 1).
     */
    ComputeFloor(final int steps)
    {
        steps(steps);
    }

    /**
     * @param steps the chain's new length (≥ 1).
     * @throws IllegalArgumentException when below 1.
     */
    void steps(final int steps)
    {
        if (steps < 1)
        {
            throw new IllegalArgumentException("steps must be ≥ 1, got " + steps);
        }
        this.steps = steps;
    }

    /**
     * @return the chain's length.
     */
    int steps()
    {
        return steps;
    }

    /**
     * One operation: the chain from a seed; the caller consumes the result (feeds it to the next operation and
     * stores the last), so the JIT can drop none of it.
     *
     * @param seed the chain's start.
     * @return the chain's end.
     */
    long run(final long seed)
    {
        final long m = multiplier;
        final long b = increment;
        final int n = steps;
        long x = seed;
        for (int i = 0; i < n; i++)
        {
            x = x * m + b;
        }
        return x;
    }
}
