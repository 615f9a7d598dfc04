package org.galvani.hal.jna;

/**
 * Ground truth of the sim's physical model (for tests and properties, never for the controller).
 * Reusable: filled by {@link JnaSimDriver#truth(SimTruth)} without allocation.
 */
public final class SimTruth
{
    double currentUa;
    double electrodeMv;
    double loadOhm;
    double dacCode;
    double skinOhm;
    double complianceMv;
    long step;
    boolean outputOn;

    /** @return true load current (µA, signed, on-phase). */
    public double currentUa()
    {
        return currentUa;
    }

    /** @return true electrode voltage (mV). */
    public double electrodeMv()
    {
        return electrodeMv;
    }

    /** @return true load impedance (Ω; infinite on open circuit). */
    public double loadOhm()
    {
        return loadOhm;
    }

    /** @return DAC code actually applied after DAC faults. */
    public double dacCode()
    {
        return dacCode;
    }

    /** @return skin resistance (Ω). */
    public double skinOhm()
    {
        return skinOhm;
    }

    /** @return compliance available after supply sag (mV). */
    public double complianceMv()
    {
        return complianceMv;
    }

    /** @return sim step index. */
    public long step()
    {
        return step;
    }

    /** @return whether the output relay is closed. */
    public boolean outputOn()
    {
        return outputOn;
    }
}
