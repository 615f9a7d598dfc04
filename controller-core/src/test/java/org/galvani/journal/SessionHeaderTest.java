package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.galvani.config.StrictJson;
import org.galvani.controller.ControllerContext;
import org.galvani.hal.HalInfo;
import org.galvani.safety.MonitorLimits;
import org.galvani.testing.TestHal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionHeaderTest
{
    private static final HalInfo INFO = TestHal.journalInfo();

    @Test
    @DisplayName("SR-15 the session header round-trips through strict JSON and rebuilds the same controller settings")
    void roundTrip() throws Exception
    {
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(500_000L)
            .monitorLimits(MonitorLimits.defaults(30_000, 50_000, 500_000L)).contactSettleNs(150_000_000L);
        final SessionHeader header = SessionHeader.of("device-1", ctx, INFO)
            .withClinical("{}", "armable", "{\"a\":1}", "dr", "c2ln", "verified", "sim seed=1");
        final byte[] json = StrictJson.mapper().writeValueAsBytes(header);
        final SessionHeader back = StrictJson.read(json, SessionHeader.class, "session header");
        assertEquals(header, back);
        final ControllerContext rebuilt = back.toContext().conclude();
        assertEquals(500_000L, rebuilt.tickPeriodNs());
        assertEquals(ctx.monitorLimits(), rebuilt.monitorLimits());
        assertEquals(150_000_000L, rebuilt.contactSettleNs());
        assertEquals(header.pidGains(), rebuilt.pidGains());
        assertNotEquals("unknown", SessionHeader.LIBRARY_VERSION);
    }
}
