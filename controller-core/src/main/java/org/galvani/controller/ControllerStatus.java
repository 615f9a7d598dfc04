package org.galvani.controller;

import org.galvani.safety.TripCause;
import org.galvani.session.Clamp;
import org.galvani.session.RejectReason;
import org.galvani.session.SessionState;

/**
 * A consistent copy of the controller's published status, owned by one reader thread and filled by
 * {@link StatusPublisher#read(ControllerStatus)}.
 */
public final class ControllerStatus
{
    long tick;
    int stateCode;
    double currentUa;
    double setpointUa;
    double targetUa;
    double capUa;
    double doseNormalUc;
    double doseReversedUc;
    double doseTargetUc;
    long treatmentElapsedNs;
    long treatmentRemainingNs;
    int activeClamps;
    int lastTripCause;
    long lastTripTick;
    double lastTripMeasured;
    double lastTripLimit;
    long lastRejectedCommandId;
    int lastRejectReason;
    boolean polarityReversed;
    int dutyPermille;
    double averageUa;
    long longestTickNs;
    long overrunCount;
    long lastAcceptedCommandId;

    public long tick()
    {
        return tick;
    }

    public SessionState state()
    {
        return SessionState.fromCode(stateCode);
    }

    /** @return measured current magnitude (µA; the peak in pulsed mode). */
    public double currentUa()
    {
        return currentUa;
    }

    /** @return average current (µA; equals {@link #currentUa()} when continuous). */
    public double averageUa()
    {
        return averageUa;
    }

    public double setpointUa()
    {
        return setpointUa;
    }

    /** @return the operator's titrated target (µA). */
    public double targetUa()
    {
        return targetUa;
    }

    /** @return the prescription cap on titration (µA). */
    public double capUa()
    {
        return capUa;
    }

    public double doseNormalUc()
    {
        return doseNormalUc;
    }

    public double doseReversedUc()
    {
        return doseReversedUc;
    }

    /** @return dose delivered in both polarities, mA·min. */
    public double doseMaMin()
    {
        return (doseNormalUc + doseReversedUc) / 60_000.0;
    }

    public double doseTargetUc()
    {
        return doseTargetUc;
    }

    public long treatmentElapsedNs()
    {
        return treatmentElapsedNs;
    }

    public long treatmentRemainingNs()
    {
        return treatmentRemainingNs;
    }

    public int activeClamps()
    {
        return activeClamps;
    }

    /** @return the active clamps with their reasons (allocates). */
    public String activeClampReasons()
    {
        return Clamp.describe(activeClamps);
    }

    public TripCause lastTripCause()
    {
        return TripCause.fromCode(lastTripCause);
    }

    public long lastTripTick()
    {
        return lastTripTick;
    }

    public double lastTripMeasured()
    {
        return lastTripMeasured;
    }

    public double lastTripLimit()
    {
        return lastTripLimit;
    }

    public long lastRejectedCommandId()
    {
        return lastRejectedCommandId;
    }

    public RejectReason lastRejectReason()
    {
        return RejectReason.fromCode(lastRejectReason);
    }

    public long lastAcceptedCommandId()
    {
        return lastAcceptedCommandId;
    }

    public boolean polarityReversed()
    {
        return polarityReversed;
    }

    public int dutyPermille()
    {
        return dutyPermille;
    }

    /** @return longest tick so far (ns, SR-9 overrun tracking). */
    public long longestTickNs()
    {
        return longestTickNs;
    }

    /** @return ticks that took longer than the overrun threshold. */
    public long overrunCount()
    {
        return overrunCount;
    }

    @Override
    public String toString()
    {
        return "tick=" + tick + " state=" + state() + " I=" + Math.round(currentUa) + "uA setpoint=" +
            Math.round(setpointUa) + "uA target=" + Math.round(targetUa) + "uA dose=" +
            String.format("%.3f", doseMaMin()) + "mA.min elapsed=" + treatmentElapsedNs / 1_000_000 +
            "ms clamps=[" + activeClampReasons() + "] lastTrip=" + lastTripCause() +
            " lastReject=" + lastRejectReason();
    }
}
