package org.galvani.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reduces a failing {@link FaultSchedule} to a short, readable one: delta debugging (ddmin, Zeller and
 * Hildebrandt) over its faults, then each fault's duration shortened (halving; a permanent fault first made
 * finite) and its onset moved later (halving the distance to the horizon), keeping every change that still
 * fails. The result is 1-minimal: removing any one of its faults makes the trial pass
 * ({@link Result#oneMinimal()} says whether that was confirmed within the budget).
 *
 * <p>The predicate is "the trial with this schedule still fails the same way"; results are memoised, so a
 * schedule is never run twice. Threading: the caller's thread. Allocation: per candidate.
 */
public final class Minimiser
{
    /**
     * The shrunk schedule.
     *
     * @param schedule   the smallest failing schedule found.
     * @param runs       how many candidate schedules were run.
     * @param oneMinimal whether removing any single fault was confirmed to make it pass.
     */
    public record Result(FaultSchedule schedule, int runs, boolean oneMinimal)
    {
    }

    private final Predicate<FaultSchedule> fails;
    private final long horizonTicks;
    private final int maxRuns;
    private final Map<FaultSchedule, Boolean> memo = new HashMap<>();

    /**
     * @param fails        whether a schedule still fails (runs a trial).
     * @param horizonTicks ticks of the trial (a permanent fault lasts this long at most).
     * @param maxRuns      budget of candidate runs.
     */
    public Minimiser(final Predicate<FaultSchedule> fails, final long horizonTicks, final int maxRuns)
    {
        this.fails = fails;
        this.horizonTicks = horizonTicks;
        this.maxRuns = maxRuns;
    }

    private boolean failing(final FaultSchedule candidate)
    {
        final Boolean known = memo.get(candidate);
        if (known != null)
        {
            return known;
        }
        if (memo.size() >= maxRuns)
        {
            return false;
        }
        final boolean result = fails.test(candidate);
        memo.put(candidate, result);
        return result;
    }

    /**
     * @param failing a schedule that fails.
     * @return the reduced schedule.
     */
    public Result minimise(final FaultSchedule failing)
    {
        memo.put(failing, Boolean.TRUE);
        FaultSchedule current = ddmin(failing);
        current = shortenDurations(current);
        current = moveOnsets(current);
        boolean oneMinimal = true;
        for (int i = 0; i < current.size(); i++)
        {
            final FaultSchedule without = current.without(i);
            if (!memo.containsKey(without) && memo.size() >= maxRuns)
            {
                oneMinimal = false;
                break;
            }
            if (failing(without))
            {
                oneMinimal = false;
                break;
            }
        }
        return new Result(current, memo.size() - 1, oneMinimal);
    }

    private FaultSchedule ddmin(final FaultSchedule start)
    {
        List<ScheduledFault> faults = start.faults();
        if (failing(FaultSchedule.NONE))
        {
            return FaultSchedule.NONE;
        }
        int n = 2;
        while (faults.size() >= 2)
        {
            final List<List<ScheduledFault>> chunks = split(faults, n);
            boolean reduced = false;
            for (final List<ScheduledFault> chunk : chunks)
            {
                if (failing(new FaultSchedule(chunk)))
                {
                    faults = chunk;
                    n = 2;
                    reduced = true;
                    break;
                }
            }
            if (!reduced)
            {
                for (int i = 0; i < chunks.size(); i++)
                {
                    final List<ScheduledFault> complement = new ArrayList<>();
                    for (int j = 0; j < chunks.size(); j++)
                    {
                        if (j != i)
                        {
                            complement.addAll(chunks.get(j));
                        }
                    }
                    if (failing(new FaultSchedule(complement)))
                    {
                        faults = complement;
                        n = Math.max(n - 1, 2);
                        reduced = true;
                        break;
                    }
                }
            }
            if (!reduced)
            {
                if (n >= faults.size())
                {
                    break;
                }
                n = Math.min(faults.size(), 2 * n);
            }
        }
        return new FaultSchedule(faults);
    }

    private static List<List<ScheduledFault>> split(final List<ScheduledFault> faults, final int n)
    {
        final List<List<ScheduledFault>> chunks = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < n; i++)
        {
            final int end = start + (faults.size() - start) / (n - i);
            if (end > start)
            {
                chunks.add(new ArrayList<>(faults.subList(start, end)));
            }
            start = end;
        }
        return chunks;
    }

    private FaultSchedule shortenDurations(final FaultSchedule start)
    {
        FaultSchedule current = start;
        for (int i = 0; i < current.size(); i++)
        {
            ScheduledFault fault = current.faults().get(i);
            if (fault.durationTicks() == ScheduledFault.PERMANENT)
            {
                final long finite = Math.max(1, horizonTicks - fault.onsetTick());
                final FaultSchedule candidate = current.with(i, fault.withDuration(finite));
                if (!failing(candidate))
                {
                    continue;
                }
                current = candidate;
                fault = current.faults().get(i);
            }
            long low = 0; // longest duration known to pass (0: none tried)
            long high = fault.durationTicks(); // shortest known to fail
            while (high - low > 1)
            {
                final long mid = low + (high - low) / 2;
                final FaultSchedule candidate = current.with(i, fault.withDuration(mid));
                if (failing(candidate))
                {
                    high = mid;
                }
                else
                {
                    low = mid;
                }
            }
            current = current.with(i, fault.withDuration(high));
        }
        return current;
    }

    private FaultSchedule moveOnsets(final FaultSchedule start)
    {
        FaultSchedule current = start;
        for (int i = 0; i < current.size(); i++)
        {
            long step = Math.max(1, (horizonTicks - current.faults().get(i).onsetTick()) / 2);
            while (step >= 1)
            {
                final ScheduledFault fault = current.faults().get(i);
                final long onset = fault.onsetTick() + step;
                if (onset < horizonTicks)
                {
                    final FaultSchedule candidate = current.with(i, fault.withOnset(onset));
                    if (failing(candidate))
                    {
                        current = candidate;
                        continue;
                    }
                }
                step /= 2;
            }
        }
        return current;
    }
}
