package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code galvani hal-demo --backend iio --config FILE}: board bring-up from the command line, on a sysfs tree
 * laid out as the kernel's {@code iio_simple_dummy} presents it (docs/integration-guide.md section 3) plus what
 * the backend needs added: a DAC device, a relay file with read-back, device names.
 */
class HalDemoIioTest
{
    @TempDir
    Path root;

    private Path tree() throws IOException
    {
        // iio_simple_dummy: name "iio_dummy_part_no", in_voltage0_raw, in_voltage0_scale "0.001333",
        // in_voltage0_offset, in_voltage1-voltage2_raw (differential), in_voltage-voltage_scale, ...
        final Path adc = Files.createDirectories(root.resolve("iio:device0"));
        Files.writeString(adc.resolve("name"), "iio_dummy_part_no\n");
        Files.writeString(adc.resolve("in_voltage1-voltage2_raw"), "33\n");
        Files.writeString(adc.resolve("in_voltage-voltage_scale"), "0.000001344\n");
        for (int ch = 0; ch < 5; ch++)
        {
            Files.writeString(adc.resolve("in_voltage" + ch + "_raw"), (ch == 3 ? "20000" : "73") + "\n");
            Files.writeString(adc.resolve("in_voltage" + ch + "_scale"), "0.001333\n");
        }
        Files.writeString(adc.resolve("in_voltage0_offset"), "0\n");
        final Path dac = Files.createDirectories(root.resolve("iio:device1"));
        Files.writeString(dac.resolve("name"), "dummy_dac\n");
        Files.writeString(dac.resolve("out_voltage0_raw"), "0\n");
        Files.writeString(dac.resolve("out_voltage0_scale"), "0.5\n");
        Files.writeString(root.resolve("enable"), "0\n");
        final Path config = root.resolve("board.conf");
        Files.writeString(config, String.join("\n",
            "# bring-up of the dummy board",
            "root=" + root + ", adc_name=iio_dummy_part_no, dac_name=dummy_dac",
            "enable_path=enable   # the output relay, read back every sample",
            "limit_current_ua=35000, watchdog_ms=50",
            "current_ua_per_mv=1000, voltage_mv_per_mv=40", ""));
        return config;
    }

    @Test
    @DisplayName("SR-18 hal-demo --backend iio --config FILE runs in real time with the output off and prints the scales")
    void bringUp() throws IOException
    {
        final Path config = tree();
        final CliRun run = CliRun.of("hal-demo", "--backend", "iio", "--config", config.toString(), "--seconds", "0.2",
            "--every-ms", "50");
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("hal-demo: iio, 1000 us per step (real time)") &&
            run.out().contains("(output off)") && run.out().contains("safety limit 35000 uA"), run.out());
        assertEquals("0", Files.readString(root.resolve("enable")).strip(), "the relay stayed open");
    }

    @Test
    @DisplayName("hal-demo iio: a renumbered device or a missing config is one clear line")
    void clearErrors() throws IOException
    {
        final Path config = tree();
        Files.writeString(root.resolve("iio:device0/name"), "ads1115\n");
        CliRun run = CliRun.of("hal-demo", "--backend", "iio", "--config", config.toString(), "--seconds", "0.1");
        assertTrue(run.exitCode() != ExitCodes.OK && run.errIsOneLine() && run.err().contains("renumbered"), run.err());
        run = CliRun.of("hal-demo", "--backend", "iio");
        assertTrue(run.exitCode() != ExitCodes.OK && run.errIsOneLine() && run.err().contains("--config"), run.err());
        run = CliRun.of("hal-demo", "--backend", "spi");
        assertTrue(run.exitCode() != ExitCodes.OK && run.errIsOneLine() && run.err().contains("sim or iio"), run.err());
    }
}
