package org.galvani.hal;

/**
 * What a driver reports about its converters, read once when it is opened: the scales that turn raw
 * codes into engineering units, and the ranges. Immutable and thread-safe.
 *
 * @param abiVersion              driver ABI version, {@code (major << 16) | minor}.
 * @param backend                 1 = sim, 2 = iio.
 * @param currentAUaPerLsb        current sense A, µA per ADC code.
 * @param currentBUaPerLsb        current sense B, µA per ADC code.
 * @param electrodeMvPerLsb       electrode voltage, mV per ADC code.
 * @param supplyMvPerLsb          supply voltage, mV per ADC code.
 * @param readbackCodesPerLsb     DAC codes per read-back ADC code.
 * @param dacUaPerCode            nominal output current per DAC code, µA.
 * @param dacMaxCode              largest DAC code.
 * @param adcMinCode              smallest ADC code (a reading at it is at the negative rail).
 * @param adcMaxCode              largest ADC code (a reading at it is at the positive rail).
 * @param stepUs                  simulated time per actuation (sim), 0 for real hardware.
 * @param watchdogMs              driver watchdog timeout, 0 when disabled.
 * @param complianceMv            nominal compliance voltage of the output stage, mV.
 */
public record HalInfo(
    int abiVersion,
    int backend,
    double currentAUaPerLsb,
    double currentBUaPerLsb,
    double electrodeMvPerLsb,
    double supplyMvPerLsb,
    double readbackCodesPerLsb,
    double dacUaPerCode,
    int dacMaxCode,
    int adcMinCode,
    int adcMaxCode,
    int stepUs,
    int watchdogMs,
    double complianceMv)
{
    /** Backend id of the simulated load. */
    public static final int BACKEND_SIM = 1;
    /** Backend id of Linux Industrial I/O. */
    public static final int BACKEND_IIO = 2;

    /**
     * @param raw current sense A code.
     * @return current in µA.
     */
    public double currentAUa(final int raw)
    {
        return raw * currentAUaPerLsb;
    }

    /**
     * @param raw current sense B code.
     * @return current in µA.
     */
    public double currentBUa(final int raw)
    {
        return raw * currentBUaPerLsb;
    }

    /**
     * @param raw electrode voltage code.
     * @return voltage in mV.
     */
    public double electrodeMv(final int raw)
    {
        return raw * electrodeMvPerLsb;
    }

    /**
     * @param raw supply voltage code.
     * @return voltage in mV.
     */
    public double supplyMv(final int raw)
    {
        return raw * supplyMvPerLsb;
    }

    /**
     * @param raw DAC read-back code.
     * @return the DAC code it represents.
     */
    public double readbackDacCode(final int raw)
    {
        return raw * readbackCodesPerLsb;
    }
}
