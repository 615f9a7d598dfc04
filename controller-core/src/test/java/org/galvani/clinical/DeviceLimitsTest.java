package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The device limits file: the example equals the defaults; every out-of-range or malformed field is
 * refused with its name, value, range and bound.
 */
class DeviceLimitsTest
{
    private static final Path EXAMPLE = Path.of("..", "docs", "examples", "device-limits.json");

    @Test
    @DisplayName("docs/examples/device-limits.json equals DeviceLimits.defaults()")
    void exampleIsDefaults()
    {
        assertEquals(DeviceLimits.defaults(), DeviceLimits.read(EXAMPLE));
    }

    @Test
    @DisplayName("SR-3 SR-5 monitor limits follow the device limits")
    void monitorLimits()
    {
        assertEquals(35_000.0, DeviceLimits.defaults().monitorLimits(1_000_000).absoluteLimitUa());
    }

    @ParameterizedTest(name = "deviceLimits.{0} = {1} is refused")
    @CsvSource(delimiter = '|', value = {
        "absoluteCurrentMa         | 80.0",
        "absoluteCurrentMa         | 0",
        "maxPrescribableCurrentMa  | 36.0",
        "complianceVoltageV        | 250",
        "maxCurrentDensityMaPerCm2 | 5.0",
        "maxCurrentDensityMaPerCm2 | -0.5",
        "maxRampRateMaPerS         | 10.0",
        "doseCapMaMin              | 1e9",
        "maxSessionMin             | 600",
        "maxDoseLengtheningFactor  | 0.5",
        "overcurrentTripMarginMa   | 0",
        "doseOvershootPercent      | 50",
        "minDutyPermille           | 0",
        "minDutyPermille           | 2000",
        "maxPulseFrequencyHz       | 1e6",
        "contactTestCurrentUa      | 2000",
        "contactOpenOhm            | 1e8",
        "contactShortOhm           | 60000",
        "absoluteCurrentMa         | NaN",
        "absoluteCurrentMa         | 1e999",
        "absoluteCurrentMa         | \"35\"",
        "minDutyPermille           | 200.5",
        "absoluteCurrentMa         | null"})
    void outOfRange(final String field, final String value) throws Exception
    {
        final String text = Files.readString(EXAMPLE, StandardCharsets.UTF_8)
            .replaceFirst("\"" + field + "\": [^,\\n]+", "\"" + field + "\": " + value);
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> DeviceLimits.read(text.getBytes(StandardCharsets.UTF_8), "deviceLimits"));
        assertTrue(ex.field().endsWith(field), ex.field() + ": " + ex.getMessage());
        assertTrue(ex.getMessage().contains(field), ex.getMessage());
    }

    @Test
    @DisplayName("a missing field, an unknown field and truncated JSON are refused with the field named")
    void malformed() throws Exception
    {
        final String text = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        final InvalidConfigurationException missing = assertThrows(InvalidConfigurationException.class,
            () -> DeviceLimits.read(text.replaceFirst("\"doseCapMaMin\": [^,]+,", "")
                .getBytes(StandardCharsets.UTF_8), "deviceLimits"));
        assertEquals("deviceLimits.doseCapMaMin", missing.field());
        final InvalidConfigurationException unknown = assertThrows(InvalidConfigurationException.class,
            () -> DeviceLimits.read(text.replace("{", "{\"maxCurrentMa\": 30,").getBytes(StandardCharsets.UTF_8),
                "deviceLimits"));
        assertEquals("maxCurrentMa", unknown.field());
        assertThrows(InvalidConfigurationException.class,
            () -> DeviceLimits.read(text.substring(0, text.length() / 2).getBytes(StandardCharsets.UTF_8), "dl"));
    }

    @Test
    @DisplayName("SR-6 the open-contact limit must be measurable with the test current within the compliance voltage")
    void contactCrossCheck()
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> new DeviceLimits(35.0, 30.0, 30.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 200, 1000.0, 500.0,
                100_000.0, 300.0));
        assertEquals("deviceLimits.contactOpenOhm", ex.field());
        assertTrue(ex.getMessage().contains("complianceVoltageV / contactTestCurrentUa"), ex.getMessage());
    }
}
