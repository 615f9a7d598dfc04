package org.galvani.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.galvani.hal.jna.SimChannel;
import org.galvani.hal.jna.SimFault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FaultSpecTest
{
    @Test
    @DisplayName("kind@onset+duration with the kind's default magnitude")
    void plain()
    {
        final FaultSpec spec = FaultSpec.parse("open-circuit@1500+500");
        assertEquals(SimFault.OPEN_CIRCUIT, spec.kind());
        assertEquals(1500, spec.onsetMs());
        assertEquals(500, spec.durationMs());
        assertEquals(0.0, spec.magnitude());
        assertNull(spec.channel());
        assertEquals(0.5, FaultSpec.parse("supply-sag@0+10").magnitude());
    }

    @Test
    @DisplayName("magnitude and channel")
    void magnitudeAndChannel()
    {
        final FaultSpec spec = FaultSpec.parse("adc-offset@200+100:40/current-a");
        assertEquals(SimFault.ADC_OFFSET, spec.kind());
        assertEquals(40.0, spec.magnitude());
        assertEquals(SimChannel.CURRENT_A, spec.channel());
        assertEquals(-1.5, FaultSpec.parse("adc-out-of-range@0+1:-1.5/dac-readback").magnitude());
    }

    @Test
    @DisplayName("+inf is permanent")
    void permanent()
    {
        assertTrue(FaultSpec.parse("load-drift@10+inf:50").permanent());
    }

    @Test
    @DisplayName("errors name the spec and the valid choices")
    void errors()
    {
        final IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
            () -> FaultSpec.parse("nope@1+1"));
        assertEquals("fault spec 'nope@1+1' is invalid: unknown fault kind 'nope' (known: open-circuit, short, "
            + "adc-stuck, adc-offset, adc-noisy, adc-out-of-range, channel-disagree, dac-stuck, dac-slew, "
            + "supply-sag, driver-error, load-step, load-drift, bus-stall, relay-stuck, actuate-error)", kind.getMessage());
        final IllegalArgumentException channel = assertThrows(IllegalArgumentException.class,
            () -> FaultSpec.parse("adc-stuck@1+1"));
        assertEquals("fault spec 'adc-stuck@1+1' is invalid: adc-stuck needs an ADC channel, e.g. /current-a",
            channel.getMessage());
    }
}
