package org.galvani.hal;

/**
 * What a driver reports about its converters, read once when it is opened: the scales that turn raw
 * codes into engineering units, and the ranges. Immutable and thread-safe. A driver written in Java (or a
 * test) builds one by name with {@link #builder()}.
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

    /**
     * @return a builder that names every field; {@link Builder#conclude()} validates.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * A {@link HalInfo} by named fields (for drivers written in Java and for tests): every scale and range is
     * set by its name, so two scales cannot swap places unnoticed, and {@link #conclude()} refuses a
     * description with a value unset or out of range. Defaults only for {@code stepUs} and {@code watchdogMs}
     * (0: real hardware, no watchdog).
     *
     * <p>Threading: one set-up thread. Allocation: the description, in {@link #conclude()}.
     */
    public static final class Builder
    {
        private static final int UNSET = Integer.MIN_VALUE;

        private int abiVersion = UNSET;
        private int backend = UNSET;
        private double currentAUaPerLsb = Double.NaN;
        private double currentBUaPerLsb = Double.NaN;
        private double electrodeMvPerLsb = Double.NaN;
        private double supplyMvPerLsb = Double.NaN;
        private double readbackCodesPerLsb = Double.NaN;
        private double dacUaPerCode = Double.NaN;
        private int dacMaxCode = UNSET;
        private int adcMinCode = UNSET;
        private int adcMaxCode = UNSET;
        private int stepUs;
        private int watchdogMs;
        private double complianceMv = Double.NaN;

        private Builder()
        {
        }

        /**
         * @param abiVersion driver ABI version, {@code (major << 16) | minor}.
         * @return this.
         */
        public Builder abiVersion(final int abiVersion)
        {
            this.abiVersion = abiVersion;
            return this;
        }

        /**
         * @param backend {@link #BACKEND_SIM} or {@link #BACKEND_IIO}.
         * @return this.
         */
        public Builder backend(final int backend)
        {
            this.backend = backend;
            return this;
        }

        /**
         * @param currentAUaPerLsb current sense A, µA per ADC code.
         * @return this.
         */
        public Builder currentAUaPerLsb(final double currentAUaPerLsb)
        {
            this.currentAUaPerLsb = currentAUaPerLsb;
            return this;
        }

        /**
         * @param currentBUaPerLsb current sense B, µA per ADC code.
         * @return this.
         */
        public Builder currentBUaPerLsb(final double currentBUaPerLsb)
        {
            this.currentBUaPerLsb = currentBUaPerLsb;
            return this;
        }

        /**
         * @param electrodeMvPerLsb electrode voltage, mV per ADC code.
         * @return this.
         */
        public Builder electrodeMvPerLsb(final double electrodeMvPerLsb)
        {
            this.electrodeMvPerLsb = electrodeMvPerLsb;
            return this;
        }

        /**
         * @param supplyMvPerLsb supply voltage, mV per ADC code.
         * @return this.
         */
        public Builder supplyMvPerLsb(final double supplyMvPerLsb)
        {
            this.supplyMvPerLsb = supplyMvPerLsb;
            return this;
        }

        /**
         * @param readbackCodesPerLsb DAC codes per read-back ADC code.
         * @return this.
         */
        public Builder readbackCodesPerLsb(final double readbackCodesPerLsb)
        {
            this.readbackCodesPerLsb = readbackCodesPerLsb;
            return this;
        }

        /**
         * @param dacUaPerCode nominal output current per DAC code, µA.
         * @return this.
         */
        public Builder dacUaPerCode(final double dacUaPerCode)
        {
            this.dacUaPerCode = dacUaPerCode;
            return this;
        }

        /**
         * @param dacMaxCode largest DAC code.
         * @return this.
         */
        public Builder dacMaxCode(final int dacMaxCode)
        {
            this.dacMaxCode = dacMaxCode;
            return this;
        }

        /**
         * @param adcMinCode smallest ADC code (the negative rail).
         * @return this.
         */
        public Builder adcMinCode(final int adcMinCode)
        {
            this.adcMinCode = adcMinCode;
            return this;
        }

        /**
         * @param adcMaxCode largest ADC code (the positive rail).
         * @return this.
         */
        public Builder adcMaxCode(final int adcMaxCode)
        {
            this.adcMaxCode = adcMaxCode;
            return this;
        }

        /**
         * @param stepUs simulated time per actuation (sim); default 0 (real hardware).
         * @return this.
         */
        public Builder stepUs(final int stepUs)
        {
            this.stepUs = stepUs;
            return this;
        }

        /**
         * @param watchdogMs driver watchdog timeout; default 0 (disabled).
         * @return this.
         */
        public Builder watchdogMs(final int watchdogMs)
        {
            this.watchdogMs = watchdogMs;
            return this;
        }

        /**
         * @param complianceMv nominal compliance voltage of the output stage, mV.
         * @return this.
         */
        public Builder complianceMv(final double complianceMv)
        {
            this.complianceMv = complianceMv;
            return this;
        }

        /**
         * Checks that every value was set and is in range, then builds the description.
         *
         * @return the description.
         * @throws IllegalArgumentException naming the first value not set or out of range.
         */
        public HalInfo conclude()
        {
            requireSet("abiVersion", abiVersion);
            if (backend != BACKEND_SIM && backend != BACKEND_IIO)
            {
                throw new IllegalArgumentException("halInfo.backend = " + backend + " is out of range: allowed " +
                    BACKEND_SIM + " (sim) or " + BACKEND_IIO + " (iio)");
            }
            requirePositive("currentAUaPerLsb", currentAUaPerLsb);
            requirePositive("currentBUaPerLsb", currentBUaPerLsb);
            requirePositive("electrodeMvPerLsb", electrodeMvPerLsb);
            requirePositive("supplyMvPerLsb", supplyMvPerLsb);
            requirePositive("readbackCodesPerLsb", readbackCodesPerLsb);
            requirePositive("dacUaPerCode", dacUaPerCode);
            requireSet("dacMaxCode", dacMaxCode);
            if (dacMaxCode <= 0)
            {
                throw new IllegalArgumentException("halInfo.dacMaxCode = " + dacMaxCode + " is out of range: allowed > 0");
            }
            requireSet("adcMinCode", adcMinCode);
            requireSet("adcMaxCode", adcMaxCode);
            if (adcMinCode >= adcMaxCode)
            {
                throw new IllegalArgumentException("halInfo.adcMinCode = " + adcMinCode +
                    " is out of range: allowed below adcMaxCode " + adcMaxCode);
            }
            if (stepUs < 0 || watchdogMs < 0)
            {
                throw new IllegalArgumentException("halInfo.stepUs = " + stepUs + " and halInfo.watchdogMs = " +
                    watchdogMs + " must not be negative");
            }
            requirePositive("complianceMv", complianceMv);
            return new HalInfo(abiVersion, backend, currentAUaPerLsb, currentBUaPerLsb, electrodeMvPerLsb,
                supplyMvPerLsb, readbackCodesPerLsb, dacUaPerCode, dacMaxCode, adcMinCode, adcMaxCode, stepUs,
                watchdogMs, complianceMv);
        }

        private static void requireSet(final String field, final int value)
        {
            if (value == UNSET)
            {
                throw new IllegalArgumentException("halInfo." + field + " is not set");
            }
        }

        private static void requirePositive(final String field, final double value)
        {
            if (Double.isNaN(value))
            {
                throw new IllegalArgumentException("halInfo." + field + " is not set");
            }
            if (!(value > 0.0) || Double.isInfinite(value))
            {
                throw new IllegalArgumentException("halInfo." + field + " = " + value +
                    " is out of range: allowed a finite value > 0");
            }
        }
    }
}
