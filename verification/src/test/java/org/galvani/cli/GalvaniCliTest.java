package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GalvaniCliTest
{
    static Stream<List<String>> helpCommands()
    {
        final Set<String> names = GalvaniCli.newCommandLine(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter())).getSubcommands().keySet();
        return Stream.concat(Stream.of(List.of("--help")), names.stream().map(name -> List.of(name, "--help")));
    }

    @ParameterizedTest(name = "galvani {0}")
    @MethodSource("helpCommands")
    @DisplayName("--help on every command exits 0 and prints its usage with the exit codes")
    void helpOnEveryCommand(final List<String> args)
    {
        final CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: galvani"), run.out());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertTrue(run.out().contains("bad usage or bad input"), run.out());
        assertEquals("", run.err());
    }

    @Test
    @DisplayName("--version exits 0 and names the HAL ABI, on the top command and on subcommands")
    void version()
    {
        for (final String[] args : List.of(new String[] {"--version"}, new String[] {"hal-demo", "--version"}))
        {
            final CliRun run = CliRun.of(args);
            assertEquals(ExitCodes.OK, run.exitCode());
            assertTrue(run.out().startsWith("galvani "), run.out());
            assertTrue(run.out().contains("native HAL ABI 1.1"), run.out());
        }
    }

    @Test
    @DisplayName("no command exits 2 with one sentence")
    void missingCommand()
    {
        final CliRun run = CliRun.of();
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("galvani: missing COMMAND (see 'galvani --help')", run.err().strip());
    }

    @Test
    @DisplayName("an unknown option exits 2 with one sentence naming it")
    void unknownOption()
    {
        final CliRun run = CliRun.of("hal-demo", "--bogus");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().startsWith("galvani hal-demo: Unknown option: '--bogus'"), run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest(name = "--fault {0}")
    @MethodSource("badFaultSpecs")
    @DisplayName("a bad fault spec exits 2 with one sentence naming the spec, before the driver is opened")
    void badFaultSpec(final String spec)
    {
        final CliRun run = CliRun.of("hal-demo", "--seconds", "1", "--fault", spec);
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().contains("fault spec '" + spec + "' is invalid"), run.err());
        assertEquals("", run.out());
    }

    static Stream<String> badFaultSpecs()
    {
        return Stream.of("bogus@1+2", "open-circuit", "open-circuit@x+5", "adc-offset@200+100",
            "open-circuit@1500+500/current-a", "adc-offset@200+100:big/current-a", "adc-stuck@1+1/current-c",
            "open-circuit@1500+0");
    }

    @Test
    @DisplayName("hal-demo --seconds 1 exits 0, prints sampled rows every 100 ms and a summary")
    void halDemoRuns()
    {
        // watchdog off: this checks the output, not the scheduling of a shared test machine
        final CliRun run = CliRun.of("hal-demo", "--seconds", "1", "--sim-config", "watchdog_ms=0");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals("", run.err());
        final List<String> rows = run.out().lines().filter(line -> line.matches("\\s+\\d+\\.\\d\\s.*")).toList();
        assertEquals(10, rows.size(), run.out());
        assertTrue(run.out().contains("t_ms"), run.out());
        assertTrue(rows.get(9).contains("OUT"), run.out());
        assertTrue(run.out().contains("summary: 1000 steps (1.000 s simulated)"), run.out());
        assertTrue(run.out().contains("result: completed"), run.out());
    }

    @Test
    @DisplayName("hal-demo shows an injected open circuit as the output stage at compliance with no current")
    void halDemoOpenCircuit()
    {
        final CliRun run = CliRun.of("hal-demo", "--seconds", "1", "--ramp-ms", "100", "--every-ms", "50",
            "--fault", "open-circuit@500+200", "--sim-config", "seed=5, watchdog_ms=0");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        final String row = run.out().lines().filter(line -> line.strip().startsWith("600.0")).findFirst()
            .orElseThrow();
        assertTrue(row.contains("COMPL"), row);
        assertTrue(run.out().contains("fault: open-circuit at 500 ms for 200 ms"), run.out());
    }

    @Test
    @DisplayName("hal-demo exits 1 when the driver returns errors (injected driver-error)")
    void halDemoDriverErrorIsAFault()
    {
        final CliRun run = CliRun.of("hal-demo", "--seconds", "0.5", "--fault", "driver-error@200+50",
            "--sim-config", "watchdog_ms=0");
        assertEquals(ExitCodes.FAILED, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("sample failed: E_INJECTED"), run.out());
        assertTrue(run.out().contains("result: FAULT"), run.out());
    }

    @Test
    @DisplayName("a malformed sim configuration exits 2 with the driver's one-sentence message")
    void badSimConfig()
    {
        final CliRun run = CliRun.of("hal-demo", "--sim-config", "no_such_key=1");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.errIsOneLine(), run.err());
        assertTrue(run.err().startsWith("galvani hal-demo: cannot open driver 'sim': E_CONFIG"), run.err());
        assertTrue(run.err().contains("no_such_key"), run.err());
    }

    @Test
    @DisplayName("an out-of-range option value exits 2 naming the option and the allowed range")
    void outOfRangeOption()
    {
        final CliRun run = CliRun.of("hal-demo", "--seconds", "0");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("galvani hal-demo: --seconds = 0.0 is out of range: allowed 0.001 .. 3600.0 s",
            run.err().strip());
    }

    @Test
    @DisplayName("a target current beyond the DAC's range exits 2 naming the largest current")
    void targetBeyondDac()
    {
        final CliRun run = CliRun.of("hal-demo", "--target-ma", "100");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("galvani hal-demo: --target-ma = 100.0 needs DAC code 131070, above the driver's largest "
            + "code 65535 (50.000 mA)", run.err().strip());
    }

    @Test
    @DisplayName("--verbose adds the stack trace, before or after the command name")
    void verboseAddsStackTrace()
    {
        for (final String[] args : List.of(
            new String[] {"--verbose", "hal-demo", "--sim-config", "no_such_key=1"},
            new String[] {"hal-demo", "--verbose", "--sim-config", "no_such_key=1"}))
        {
            final CliRun run = CliRun.of(args);
            assertEquals(ExitCodes.USAGE, run.exitCode());
            assertFalse(run.errIsOneLine(), run.err());
            assertTrue(run.err().contains("org.galvani.hal.HalException"), run.err());
        }
    }
}
