package org.galvani.hal.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.galvani.command.CommandInbox;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.hal.HalErrorCode;
import org.galvani.safety.MonitorLimits;
import org.galvani.safety.TripCause;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller on the {@code iio} backend (a fake sysfs tree): it can be built (the driver reports its
 * compliance voltage), and a pulsed plan — which a sysfs DAC cannot deliver — is refused by the driver
 * with the output forced off and trips the controller (SR-13), instead of running continuous.
 */
class IioControllerTest
{
    @TempDir
    Path root;

    private String tree() throws IOException
    {
        final Path adc = Files.createDirectories(root.resolve("iio:device0"));
        final Path dac = Files.createDirectories(root.resolve("iio:device1"));
        final String[] raw = {"0", "0", "0", "20000", "0"};
        for (int ch = 0; ch < 5; ch++)
        {
            Files.writeString(adc.resolve("in_voltage" + ch + "_raw"), raw[ch] + "\n");
            Files.writeString(adc.resolve("in_voltage" + ch + "_scale"), "1.0\n");
        }
        Files.writeString(dac.resolve("out_voltage0_raw"), "0\n");
        Files.writeString(dac.resolve("out_voltage0_scale"), "1.0\n");
        Files.writeString(root.resolve("enable"), "0\n");
        Files.writeString(root.resolve("polarity"), "0\n");
        Files.writeString(adc.resolve("name"), "ads1115\n");
        Files.writeString(dac.resolve("name"), "mcp4725\n");
        // 1 µA per mV of sense voltage, 3 mV per mV of electrode divider, 1 µA per mV of DAC output, 60 V stage
        return "root=" + root + ", adc_name=ads1115, dac_name=mcp4725, limit_current_ua=35000, " +
            "enable_path=enable, polarity_path=polarity, current_ua_per_mv=1, " +
            "voltage_mv_per_mv=3, dac_ua_per_mv=1, watchdog_ms=0, compliance_v=60";
    }

    @Test
    @DisplayName("SR-13 iio: a controller is built on it, and a pulsed output it cannot deliver is refused, output off, FAULT")
    void pulsedRefused() throws IOException
    {
        try (JnaHardwareDriver iio = JnaHardwareDriver.open("iio", tree()))
        {
            assertEquals(60_000.0, iio.info().complianceMv(), 1e-9);
            final ControllerContext ctx = new ControllerContext().tickPeriodNs(1_000_000L)
                .monitorLimits(MonitorLimits.defaults(35_000, 60_000, 1_000_000L)).conclude();
            final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
            final Controller controller = new Controller(ctx, iio, inbox, JournalSink.NONE, new StatusPublisher());
            final SessionDriver driver = new SessionDriver(controller, inbox);
            driver.postBegin(new ScreeningDecision(true, "clear"), SessionPlan.builder()
                .prescriptionId("pulsed")
                .authorised(true)
                .startUa(2_000)
                .capUa(2_000)
                .stepUa(500)
                .rampRateUaPerS(1_000)
                .durationNs(600_000_000_000L)
                .maxSessionNs(600_000_000_000L)
                .tripLevelUa(3_000)
                .densityLimitUa(8_000)
                .doseTripUc(1e12)
                .dutyPermille(500)
                .peakLimitUa(3_000)
                .contactTestUa(50)
                .contactMaxOhm(50_000)
                .contactMinOhm(300)
                .conclude());
            driver.until(SessionState.RAMP_UP, 5);
            assertEquals(SessionState.RAMP_UP, controller.state());
            // the tick that drained START drove the output for the contact check: pulsed, refused
            assertEquals(HalErrorCode.NOT_SUPPORTED, controller.record().actuateResult, "the driver refused the pulse");
            assertEquals("0", Files.readString(root.resolve("enable")).strip(), "output opened by the driver");
            driver.tick();
            assertEquals(SessionState.FAULT, controller.state());
            assertEquals(TripCause.DRIVER_ERROR, controller.lastTrip().cause());
            assertFalse(controller.command().outputEnabled());
            assertTrue(iio.describeError(HalErrorCode.NOT_SUPPORTED).contains("NOT_SUPPORTED"));
        }
    }
}
