package org.galvani.hal.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.HardwareDriver;
import org.galvani.hal.binding.HalBinding;
import org.galvani.hal.jna.HardwareDriverContract;
import org.galvani.hal.jna.SimDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HAL contract ({@link HardwareDriverContract}, the same tests the JNA binding passes) through FFM, plus
 * what is FFM's own: loading and the ABI self-test, selection by configuration.
 */
class FfmHardwareDriverTest extends HardwareDriverContract
{
    @Override
    protected SimDriver openSim(final String config)
    {
        return FfmSimDriver.open(config);
    }

    @Override
    protected HardwareDriver open(final String backend, final String config)
    {
        return FfmHardwareDriver.open(backend, config);
    }

    @Override
    protected int expectedAbiVersion()
    {
        return FfmNative.EXPECTED_ABI_VERSION;
    }

    @Override
    protected String lastErrorDetail(final HardwareDriver driver)
    {
        return ((FfmHardwareDriver)driver).lastErrorDetail();
    }

    @Test
    @DisplayName("the library binds through FFM and passes its ABI self-test; strerror reads the C string")
    void loadsAndSelfTests() throws Throwable
    {
        FfmNative.ensureLoaded();
        assertEquals(FfmNative.EXPECTED_ABI_VERSION, (int)FfmNative.VERSION.invokeExact());
        assertEquals("unknown backend (known: sim, iio)", FfmNative.strerror(HalErrorCode.UNKNOWN_BACKEND));
    }

    @Test
    @DisplayName("the pure crossing (HalCallBenchmark) is a real call of galvani_hal_version through the critical handle")
    void crossEmptyCallsTheLibrary()
    {
        assertEquals(FfmNative.EXPECTED_ABI_VERSION, HalBinding.named("ffm").crossEmpty());
    }

    @Test
    @DisplayName("the binding is chosen by configuration: ffm names this binding, an unknown name is one clear sentence")
    void chosenByConfiguration()
    {
        final HalBinding binding = HalBinding.named("FFM");
        assertEquals("ffm", binding.name());
        assertTrue(binding.describe().contains("java.lang.foreign"), binding.describe());
        try (SimDriver sim = binding.openSim("watchdog_ms=0"))
        {
            assertTrue(sim instanceof FfmSimDriver);
        }
        assertEquals("jna", HalBinding.named("jna").name());
        final HalException ex = assertThrows(HalException.class, () -> HalBinding.named("panama"));
        assertTrue(ex.getMessage().contains("galvani.hal.binding") && ex.getMessage().contains("jna"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-13 an FFM open of a bad backend is a HalException with the driver's code")
    void badBackend()
    {
        final HalException ex = assertThrows(HalException.class, () -> FfmHardwareDriver.open("bogus", ""));
        assertEquals(HalErrorCode.UNKNOWN_BACKEND, ex.code());
    }
}
