package org.galvani.campaign;

import org.galvani.session.SessionPlan;

/**
 * One generated trial: the sim's seed and load, the patient's screening, the plan sent with ARM, the
 * operator's commands, the fault schedule, and how many ticks it runs (1 kHz).
 *
 * <p>Threading: immutable.
 *
 * @param simSeed   seed of the sim's noise.
 * @param simConfig further sim settings (load), e.g. {@code r_skin_initial_ohm=6000}.
 * @param screening the screening.
 * @param plan      the plan (authorised or not).
 * @param script    the operator's commands.
 * @param schedule  the faults.
 * @param ticks     ticks run.
 */
public record Trial(
    long simSeed, String simConfig, ScreeningCase screening, SessionPlan plan, CommandScript script,
    FaultSchedule schedule, int ticks)
{
    /**
     * @param other another schedule.
     * @return the same trial with that schedule.
     */
    public Trial withSchedule(final FaultSchedule other)
    {
        return new Trial(simSeed, simConfig, screening, plan, script, other, ticks);
    }

    /** The driver watchdog of a trial with a bus stall (ms); every other trial runs without one. */
    public static final int STALL_WATCHDOG_MS = 50;

    /**
     * @return the full sim configuration string: the driver's independent safety channel (SR-18) at the device's
     *         absolute limit, and its watchdog on only when a bus stall must race it.
     */
    public String fullSimConfig()
    {
        boolean stalls = false;
        for (final ScheduledFault fault : schedule.faults())
        {
            stalls |= fault.kind() == FaultKind.BUS_STALL;
        }
        return "seed=" + simSeed + ", watchdog_ms=" + (stalls ? STALL_WATCHDOG_MS : 0) + ", step_us=1000, " +
            "limit_current_ua=" + Generators.ABSOLUTE_LIMIT_UA + (simConfig.isBlank() ? "" : ", " + simConfig);
    }

    @Override
    public String toString()
    {
        return "trial(seed " + simSeed + ", " + ticks + " ticks, sim [" + simConfig + "], screening " + screening +
            ", plan " + plan + ", commands " + script + ", faults " + schedule + ")";
    }
}
