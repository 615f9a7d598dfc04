package org.galvani.controller;

import org.galvani.safety.TripRecord;

/**
 * What {@link StatusPublisher} reads from the controller, on the control thread.
 */
interface StatusSource
{
    long tick();

    int stateCode();

    int activeClamps();

    double measuredUa();

    double averageUa();

    double setpointUa();

    double targetUa();

    double capUa();

    double doseNormalUc();

    double doseReversedUc();

    double doseTargetUc();

    long treatmentElapsedNs();

    long treatmentRemainingNs();

    TripRecord lastTrip();

    int lastRejectReasonCode();

    long lastRejectedCommandId();

    long lastAcceptedCommandId();

    boolean polarityReversed();

    int dutyPermille();

    long longestTickNs();

    long overrunCount();
}
