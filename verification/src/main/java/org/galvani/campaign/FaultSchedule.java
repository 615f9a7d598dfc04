package org.galvani.campaign;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable list of {@link ScheduledFault}s injected into one trial, in order. Renders as the
 * {@code --fault} arguments of {@code galvani simulate} (sim faults) and of {@code galvani campaign
 * --schedule} (all faults, timing faults included).
 *
 * <p>Threading: immutable. Allocation: when derived or rendered.
 *
 * @param faults the faults.
 */
public record FaultSchedule(List<ScheduledFault> faults)
{
    /** The empty schedule. */
    public static final FaultSchedule NONE = new FaultSchedule(List.of());

    /**
     * Freezes the list.
     */
    public FaultSchedule
    {
        faults = List.copyOf(faults);
    }

    /**
     * @return number of faults.
     */
    public int size()
    {
        return faults.size();
    }

    /**
     * @param index a fault's position.
     * @param replacement what takes its place.
     * @return a copy with that fault replaced.
     */
    public FaultSchedule with(final int index, final ScheduledFault replacement)
    {
        final List<ScheduledFault> copy = new ArrayList<>(faults);
        copy.set(index, replacement);
        return new FaultSchedule(copy);
    }

    /**
     * @param index a fault's position.
     * @return a copy without that fault.
     */
    public FaultSchedule without(final int index)
    {
        final List<ScheduledFault> copy = new ArrayList<>(faults);
        copy.remove(index);
        return new FaultSchedule(copy);
    }

    /**
     * @param kind a fault kind.
     * @return whether the schedule has a fault of that kind.
     */
    public boolean contains(final FaultKind kind)
    {
        for (final ScheduledFault fault : faults)
        {
            if (fault.kind() == kind)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return {@code --fault SPEC} for every sim fault (what {@code galvani simulate} accepts), space-separated.
     */
    public String simulateArguments()
    {
        final StringBuilder sb = new StringBuilder();
        for (final ScheduledFault fault : faults)
        {
            if (fault.kind().simFault() != null)
            {
                sb.append(sb.length() == 0 ? "" : " ").append("--fault ").append(fault.toSimulateSpec());
            }
        }
        return sb.toString();
    }

    /**
     * @return every fault's spec joined by {@code ;} (the {@code galvani campaign --schedule} form).
     */
    public String toSpecs()
    {
        final StringBuilder sb = new StringBuilder();
        for (final ScheduledFault fault : faults)
        {
            sb.append(sb.length() == 0 ? "" : ";").append(fault.toSpec());
        }
        return sb.toString();
    }

    /**
     * @param specs specs joined by {@code ;} (empty: no fault).
     * @return the schedule.
     */
    public static FaultSchedule parse(final String specs)
    {
        final List<ScheduledFault> faults = new ArrayList<>();
        for (final String spec : specs.split(";"))
        {
            if (!spec.isBlank())
            {
                faults.add(ScheduledFault.parse(spec));
            }
        }
        return new FaultSchedule(faults);
    }

    @Override
    public String toString()
    {
        return faults.isEmpty() ? "(no fault)" : toSpecs();
    }
}
