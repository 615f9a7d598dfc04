package org.galvani.campaign;

import java.util.List;
import java.util.Locale;

import org.galvani.session.SessionState;

/**
 * Counts of faults by class × session state at onset (the controller's state when the tick of the fault's
 * onset began), so QA sees which cells a campaign exercised and how often.
 *
 * <p>Threading: not thread-safe; merge per-worker matrices with {@link #add(CoverageMatrix)} on one thread.
 * Allocation: none when counting.
 */
public final class CoverageMatrix
{
    private static final int STATES = SessionState.values().length;

    private final long[] counts = new long[FaultKind.values().length * STATES];

    /**
     * @param kind  the fault class.
     * @param state the state at onset.
     */
    public void increment(final FaultKind kind, final SessionState state)
    {
        counts[kind.ordinal() * STATES + state.ordinal()]++;
    }

    /**
     * @param other counts to add to these.
     */
    public void add(final CoverageMatrix other)
    {
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] += other.counts[i];
        }
    }

    /**
     * @param kind  the fault class.
     * @param state the state.
     * @return the count of that cell.
     */
    public long count(final FaultKind kind, final SessionState state)
    {
        return counts[kind.ordinal() * STATES + state.ordinal()];
    }

    /**
     * @param kinds the fault classes of the campaign (the rows).
     * @return cells with a count above zero, among those rows.
     */
    public int filledCells(final List<FaultKind> kinds)
    {
        int filled = 0;
        for (final FaultKind kind : kinds)
        {
            for (final SessionState state : SessionState.values())
            {
                filled += count(kind, state) > 0 ? 1 : 0;
            }
        }
        return filled;
    }

    /**
     * @param kinds the rows to print.
     * @return the matrix as an aligned text table, with the fill.
     */
    public String render(final List<FaultKind> kinds)
    {
        final StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s", "fault \\ state"));
        for (final SessionState state : SessionState.values())
        {
            sb.append(String.format(Locale.ROOT, " %9s", abbreviation(state)));
        }
        sb.append('\n');
        for (final FaultKind kind : kinds)
        {
            sb.append(String.format(Locale.ROOT, "%-18s", kind.cliName()));
            for (final SessionState state : SessionState.values())
            {
                sb.append(String.format(Locale.ROOT, " %9d", count(kind, state)));
            }
            sb.append('\n');
        }
        final int cells = kinds.size() * STATES;
        sb.append(String.format(Locale.ROOT, "filled: %d of %d cells (%.1f %%)%n", filledCells(kinds), cells,
            cells == 0 ? 0.0 : 100.0 * filledCells(kinds) / cells));
        return sb.toString();
    }

    /**
     * @param kinds the rows.
     * @return the matrix as CSV (header {@code fault,STATE,...}).
     */
    public String toCsv(final List<FaultKind> kinds)
    {
        final StringBuilder sb = new StringBuilder("fault");
        for (final SessionState state : SessionState.values())
        {
            sb.append(',').append(state.name());
        }
        sb.append('\n');
        for (final FaultKind kind : kinds)
        {
            sb.append(kind.cliName());
            for (final SessionState state : SessionState.values())
            {
                sb.append(',').append(count(kind, state));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String abbreviation(final SessionState state)
    {
        final String name = state.name();
        return name.length() <= 9 ? name : name.substring(0, 9);
    }
}
