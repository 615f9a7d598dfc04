package org.galvani.hal.jna;

/**
 * Ground truth of the sim's physical model (for tests and properties, never for the controller).
 * Reusable: filled by {@link SimDriver#truth(SimTruth)} without allocation.
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

    /**
     * Fills the holder from the driver's truth block of {@code TRUTH_COUNT} doubles, in the header's order
     * (for a binding other than JNA; allocation-free).
     *
     * @param currentUa    true load current (µA).
     * @param electrodeMv  electrode voltage (mV).
     * @param loadOhm      load (Ω).
     * @param dacCode      DAC code applied.
     * @param skinOhm      skin resistance (Ω).
     * @param complianceMv compliance voltage (mV).
     * @param step         sim step.
     * @param outputOn     relay closed (non-zero).
     */
    public void setFromBlock(final double currentUa, final double electrodeMv, final double loadOhm,
        final double dacCode, final double skinOhm, final double complianceMv, final double step, final double outputOn)
    {
        this.currentUa = currentUa;
        this.electrodeMv = electrodeMv;
        this.loadOhm = loadOhm;
        this.dacCode = dacCode;
        this.skinOhm = skinOhm;
        this.complianceMv = complianceMv;
        this.step = (long)step;
        this.outputOn = outputOn != 0.0;
    }
}
