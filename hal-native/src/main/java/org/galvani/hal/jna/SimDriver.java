package org.galvani.hal.jna;

import org.galvani.hal.HalException;
import org.galvani.hal.HardwareDriver;

/**
 * The native {@code sim} backend through any binding (JNA {@link JnaSimDriver}, or FFM on JDK 22+): the
 * {@link HardwareDriver} plus the sim's fault-injection API and ground truth.
 *
 * <p>Threading: as {@link HardwareDriver}; {@link #inject} and {@link #clearFaults} are set-up calls on the
 * thread that owns the driver (between ticks). {@link #truth(SimTruth)} does not allocate.
 */
public interface SimDriver extends HardwareDriver
{
    /**
     * Schedules a fault for sim steps [onset, onset + duration) (duration &lt; 0: permanent).
     *
     * @param kind          the fault.
     * @param channel       ADC channel for per-channel faults, else ignored (may be null).
     * @param onsetStep     first step.
     * @param durationSteps steps it lasts.
     * @param magnitude     kind-specific magnitude.
     * @return the fault id.
     * @throws HalException when the driver refuses it (the message says why).
     */
    int inject(SimFault kind, SimChannel channel, long onsetStep, long durationSteps, double magnitude);

    /**
     * Removes every scheduled fault.
     */
    void clearFaults();

    /**
     * Reads the physical model's ground truth.
     *
     * @param into reusable holder.
     * @return the driver code.
     */
    int truth(SimTruth into);

    /**
     * @return the detail of the latest failure on the calling thread (allocates).
     */
    String lastErrorDetail();

    /**
     * Reads the driver's independent safety channel (SR-18; allocates: diagnostics and tests).
     *
     * @return {cause (0 none, 1 current, 2 DAC code, 3 charge), measured, limit, session charge µC, ceiling µC,
     *         breaches since open, 0, 0}.
     * @throws HalException when closed or refused.
     */
    double[] safetyState();

    /**
     * @return the safety channel's absolute current limit (µA), from the configuration at open.
     */
    double limitCurrentUa();
}
