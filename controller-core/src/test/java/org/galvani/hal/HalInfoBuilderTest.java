package org.galvani.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link HalInfo.Builder}: scales and ranges by name, every one required and checked.
 */
class HalInfoBuilderTest
{
    private static HalInfo.Builder complete()
    {
        return HalInfo.builder()
            .abiVersion(1 << 16)
            .backend(HalInfo.BACKEND_SIM)
            .currentAUaPerLsb(1.5)
            .currentBUaPerLsb(1.25)
            .electrodeMvPerLsb(3.0)
            .supplyMvPerLsb(2.5)
            .readbackCodesPerLsb(1.0)
            .dacUaPerCode(0.76)
            .dacMaxCode(65535)
            .adcMinCode(-32768)
            .adcMaxCode(32767)
            .complianceMv(60_000.0);
    }

    @Test
    @DisplayName("every named value lands in its own field (all distinct, so a crossed wire shows), step and watchdog 0 unless named")
    void eachValueInItsField()
    {
        final HalInfo info = complete().conclude();
        assertEquals(1 << 16, info.abiVersion());
        assertEquals(HalInfo.BACKEND_SIM, info.backend());
        assertEquals(1.5, info.currentAUaPerLsb());
        assertEquals(1.25, info.currentBUaPerLsb());
        assertEquals(3.0, info.electrodeMvPerLsb());
        assertEquals(2.5, info.supplyMvPerLsb());
        assertEquals(1.0, info.readbackCodesPerLsb());
        assertEquals(0.76, info.dacUaPerCode());
        assertEquals(65535, info.dacMaxCode());
        assertEquals(-32768, info.adcMinCode());
        assertEquals(32767, info.adcMaxCode());
        assertEquals(0, info.stepUs());
        assertEquals(0, info.watchdogMs());
        assertEquals(60_000.0, info.complianceMv());
        assertEquals(1000, complete().stepUs(1000).conclude().stepUs());
        assertEquals(50, complete().watchdogMs(50).conclude().watchdogMs());
    }

    @Test
    @DisplayName("conclude refuses an unset scale, a non-positive scale, an unknown backend and an empty ADC range, naming the field")
    void refusesWhatIsMissingOrOutOfRange()
    {
        assertMessage("halInfo.dacUaPerCode is not set", complete().dacUaPerCode(Double.NaN));
        assertMessage("halInfo.currentBUaPerLsb = 0.0 is out of range", complete().currentBUaPerLsb(0.0));
        assertMessage("halInfo.backend = 3 is out of range", complete().backend(3));
        assertMessage("halInfo.adcMinCode = 32767 is out of range", complete().adcMinCode(32767));
        assertMessage("halInfo.abiVersion is not set", complete().abiVersion(Integer.MIN_VALUE));
    }

    private static void assertMessage(final String start, final HalInfo.Builder builder)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::conclude);
        assertTrue(ex.getMessage().startsWith(start), ex.getMessage());
    }
}
