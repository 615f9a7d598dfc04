package org.galvani.testing;

import org.galvani.hal.HalInfo;

/**
 * Driver descriptions for tests that need one without a driver, built by name through {@link HalInfo#builder()}
 * (shared with hal-native's and verification's tests through this module's test-jar).
 *
 * <p>Threading: stateless; allocation: a new builder per call (test set-up only).
 */
public final class TestHal
{
    /** The native sim's current ADC scale (±50 mA full scale), µA per LSB. */
    public static final double SIM_UA_PER_LSB = 50_000.0 / 32767;
    /** The native sim's voltage ADC scale (±100 V full scale), mV per LSB. */
    public static final double SIM_MV_PER_LSB = 100_000.0 / 32767;

    private TestHal()
    {
    }

    /**
     * A simulated 16-bit converter set (DAC codes 0..65535, ADC codes -32768..32767, ABI 1.0, 1 ms sim step,
     * no watchdog, 60 V compliance) whose scales the caller names.
     *
     * @return the builder, without scales.
     */
    public static HalInfo.Builder sixteenBitSim()
    {
        return HalInfo.builder()
            .abiVersion(1 << 16)
            .backend(HalInfo.BACKEND_SIM)
            .dacMaxCode(65535)
            .adcMinCode(-32768)
            .adcMaxCode(32767)
            .stepUs(1000)
            .complianceMv(60_000.0);
    }

    /**
     * The scales the native sim reports: 50 mA and 100 V full scale, a 16-bit DAC of 50 mA, 1 kHz, 60 V
     * compliance, no watchdog.
     *
     * @return the description.
     */
    public static HalInfo simScales()
    {
        return sixteenBitSim()
            .currentAUaPerLsb(SIM_UA_PER_LSB)
            .currentBUaPerLsb(SIM_UA_PER_LSB)
            .electrodeMvPerLsb(SIM_MV_PER_LSB)
            .supplyMvPerLsb(SIM_MV_PER_LSB)
            .readbackCodesPerLsb(1.0)
            .dacUaPerCode(50_000.0 / 65535)
            .conclude();
    }

    /**
     * The description the synthetic journals of the tests carry in their session header (1.5 µA and 3 mV per
     * ADC code, 0.76 µA per DAC code, a 50 ms watchdog).
     *
     * @return the description.
     */
    public static HalInfo journalInfo()
    {
        return sixteenBitSim()
            .currentAUaPerLsb(1.5)
            .currentBUaPerLsb(1.5)
            .electrodeMvPerLsb(3.0)
            .supplyMvPerLsb(3.0)
            .readbackCodesPerLsb(1.0)
            .dacUaPerCode(0.76)
            .watchdogMs(50)
            .conclude();
    }
}
