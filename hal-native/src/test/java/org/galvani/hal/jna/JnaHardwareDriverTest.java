package org.galvani.hal.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HardwareDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The HAL contract ({@link HardwareDriverContract}) through JNA direct mapping, plus what is JNA's own: loading,
 * the ABI self-test, a missing library, raw entry points.
 */
class JnaHardwareDriverTest extends HardwareDriverContract
{
    @Override
    protected SimDriver openSim(final String config)
    {
        return JnaSimDriver.open(config);
    }

    @Override
    protected HardwareDriver open(final String backend, final String config)
    {
        return JnaHardwareDriver.open(backend, config);
    }

    @Override
    protected int expectedAbiVersion()
    {
        return GalvaniNative.EXPECTED_ABI_VERSION;
    }

    @Override
    protected String lastErrorDetail(final HardwareDriver driver)
    {
        return ((JnaHardwareDriver)driver).lastErrorDetail();
    }

    @Test
    @DisplayName("the library loads from the jar's linux-x86-64 folder and passes its ABI self-test")
    void loadsAndSelfTests()
    {
        GalvaniNative.ensureLoaded();
        assertTrue(GalvaniNative.isLoaded());
        assertEquals(GalvaniNative.EXPECTED_ABI_VERSION, GalvaniNative.galvani_hal_version());
        assertEquals("unknown backend (known: sim, iio)",
            GalvaniNative.galvani_hal_strerror(HalErrorCode.UNKNOWN_BACKEND));
    }

    @Test
    @DisplayName("the pure crossing (HalCallBenchmark) is a real call of galvani_hal_version through direct mapping")
    void crossEmptyCallsTheLibrary()
    {
        assertEquals(GalvaniNative.EXPECTED_ABI_VERSION, org.galvani.hal.binding.HalBinding.named("jna").crossEmpty());
    }

    @Test
    @DisplayName("SR-13 a driver library that cannot be loaded is reported with how to build it")
    void missingLibrary()
    {
        final Throwable failure = GalvaniNative.load("galvani_hal_does_not_exist");
        assertTrue(failure != null);
        final String message = GalvaniNative.loadFailureMessage("galvani_hal_does_not_exist", failure);
        assertTrue(message.contains("libgalvani_hal_does_not_exist.so"), message);
        assertTrue(message.contains("./mvnw -pl hal-native -am package") && message.contains("apt-get install -y gcc"),
            message);
    }

    @Test
    @DisplayName("fault names parse for the command line, with a clear error listing valid kinds")
    void faultNames()
    {
        assertEquals(SimFault.OPEN_CIRCUIT, SimFault.fromName("open-circuit"));
        assertEquals(SimFault.ADC_OUT_OF_RANGE, SimFault.fromName("ADC_OUT_OF_RANGE"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> SimFault.fromName("lightning"));
        assertTrue(ex.getMessage().contains("open-circuit") && ex.getMessage().contains("lightning"));
        assertEquals(SimChannel.CURRENT_B, SimChannel.fromName("current-b"));
    }

    @Test
    @DisplayName("SR-13 a closed handle's raw entry point answers HANDLE, even with a null block")
    void closedHandleRaw()
    {
        final JnaSimDriver sim = JnaSimDriver.open("watchdog_ms=0");
        sim.close();
        assertEquals(HalErrorCode.HANDLE, GalvaniNative.galvani_hal_sample(sim.handle(), null));
    }
}
