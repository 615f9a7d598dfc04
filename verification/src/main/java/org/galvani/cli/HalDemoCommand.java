package org.galvani.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import org.galvani.campaign.FaultSpec;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.hal.HardwareDriver;
import org.galvani.hal.binding.HalBinding;
import org.galvani.hal.jna.JnaHardwareDriver;
import org.galvani.hal.jna.SimDriver;
import org.galvani.hal.jna.SimTruth;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani hal-demo}: drives a native backend open loop (no controller) with a soft-start ramp of the
 * DAC code up to the code of a fixed target current, and prints what the driver sampled every N ms and a
 * summary. On {@code sim} (the default) with optional injected faults, one sim step per actuation as fast as
 * the machine goes; on {@code iio} (board bring-up, {@code --config FILE}) in real time at one actuation per
 * millisecond, with the output <em>off</em> unless {@code --target-ma} is given.
 *
 * <p>Exits {@link ExitCodes#FAILED} when the driver returned an error code or its watchdog tripped.
 */
@Command(
    name = "hal-demo",
    mixinStandardHelpOptions = true,
    description = {
        "Drives a native backend open loop (no controller): ramps the DAC code softly up to the code "
            + "of --target-ma, holds it, and prints what the driver sampled every --every-ms and a summary.",
        "--backend iio --config FILE brings a board up in real time (1 kHz); its output stays off unless "
            + "--target-ma is given.",
        "Exits 1 when the driver returned an error or its watchdog tripped."
    },
    footer = {
        "",
        "Fault SPEC: " + FaultSpec.SYNTAX,
        "  in simulated ms (+inf = permanent), e.g. open-circuit@1500+500 or",
        "  adc-offset@200+100:40/current-a. Repeat --fault for several faults.",
        "Kinds: open-circuit, short, adc-stuck, adc-offset, adc-noisy, adc-out-of-range,",
        "  channel-disagree, dac-stuck, dac-slew, supply-sag, driver-error, load-step,",
        "  load-drift, bus-stall (magnitude: ms of wall time per call), relay-stuck,",
        "  actuate-error (actuate alone fails after its write);",
        "  the adc-* kinds need a /channel.",
        "Channels: current-a, current-b, electrode-v, supply-v, dac-readback.",
        "Sim config keys include seed, step_us, compliance_v, r_series_ohm,",
        "  r_skin_initial_ohm, adc_noise_lsb and watchdog_ms (0 = off).",
    })
public final class HalDemoCommand implements Callable<Integer>
{
    private static final double MAX_SECONDS = 3600.0;
    private static final double MAX_TARGET_MA = 1000.0;
    private static final String ROW_FORMAT = "%9s %9s %9s %9s %8s %7s %7s  %s%n";

    @Spec
    private CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "3",
        description = "Simulated seconds to run (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--target-ma", paramLabel = "MA",
        description = "Target current in mA, turned into one fixed DAC code (default: 5 on sim; 0, output off, "
            + "on iio).")
    private Double targetMa;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "sim",
        description = "Driver backend: sim or iio (default: ${DEFAULT-VALUE}).")
    private String backend;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Backend configuration file: key=value pairs, one or more a line (commas between), "
            + "# starts a comment. Required for iio; for sim it replaces --sim-config.")
    private Path configFile;

    @Option(names = "--ramp-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Soft-start ramp of the DAC code from 0 to the target code, simulated ms "
            + "(default: ${DEFAULT-VALUE}).")
    private long rampMs;

    @Option(names = "--sim-config", paramLabel = "K=V,...", defaultValue = "",
        description = "Sim configuration, comma-separated key=value pairs (default: the driver's defaults).")
    private String simConfig;

    @Option(names = "--fault", paramLabel = "SPEC", converter = FaultSpecConverter.class,
        description = "Injects a sim fault (repeatable): " + FaultSpec.SYNTAX + ".")
    private List<FaultSpec> faults = new ArrayList<>();

    @Option(names = "--every-ms", paramLabel = "MS", defaultValue = "100",
        description = "Print one sample row every MS simulated ms (default: ${DEFAULT-VALUE}).")
    private long everyMs;

    @Override
    public Integer call()
    {
        final boolean iio = "iio".equals(backend);
        if (!iio && !"sim".equals(backend))
        {
            throw new InvalidConfigurationException("--backend", "--backend = " + backend + " is not sim or iio");
        }
        if (iio && configFile == null)
        {
            throw new InvalidConfigurationException("--config", "--backend iio needs --config FILE (the iio "
                + "configuration: root, adc_name, dac_name, enable_path, limit_current_ua, scales; see "
                + "docs/integration-guide.md section 3)");
        }
        if (iio && !faults.isEmpty())
        {
            throw new InvalidConfigurationException("--fault", "--fault injects sim faults: not on --backend iio");
        }
        final double target = targetMa != null ? targetMa : iio ? 0.0 : 5.0;
        InvalidConfigurationException.requireInRange("--seconds", seconds, 0.001, MAX_SECONDS, "s");
        InvalidConfigurationException.requireInRange("--target-ma", target, 0.0, MAX_TARGET_MA, "mA");
        InvalidConfigurationException.requireInRange("--ramp-ms", rampMs, 0, (long)(MAX_SECONDS * 1000), "ms");
        InvalidConfigurationException.requireInRange("--every-ms", everyMs, 1, (long)(MAX_SECONDS * 1000), "ms");
        final PrintWriter out = spec.commandLine().getOut();
        final boolean verbose = verbose();
        final String config = configFile != null ? readConfig(configFile) : simConfig;
        final HalBinding binding = HalBinding.configured();
        try (HardwareDriver sim = iio ? binding.open("iio", config) : binding.openSim(config))
        {
            final HalInfo info = sim.info();
            final double targetMa = target;
            final long targetCodeLong = Math.round(targetMa * 1000.0 / info.dacUaPerCode());
            if (targetCodeLong > info.dacMaxCode())
            {
                throw new InvalidConfigurationException("--target-ma", String.format(Locale.ROOT,
                    "--target-ma = %s needs DAC code %d, above the driver's largest code %d (%.3f mA)", targetMa,
                    targetCodeLong, info.dacMaxCode(), info.dacMaxCode() * info.dacUaPerCode() / 1000.0));
            }
            final int targetCode = (int)targetCodeLong;
            final long stepUs = iio ? REAL_TIME_STEP_US : info.stepUs();
            final long totalSteps = Math.max(1, Math.round(seconds * 1_000_000.0 / stepUs));
            final long rampSteps = rampMs * 1000 / stepUs;
            final long everySteps = Math.max(1, everyMs * 1000 / stepUs);
            out.printf(Locale.ROOT, "hal-demo: %s, %d us per step%s, %d steps (%.3f s), DAC %.4f uA/code, "
                + "target %.3f mA = code %d%s, soft start %d ms%n", backend, stepUs, iio ? " (real time)" : "",
                totalSteps, totalSteps * stepUs / 1e6, info.dacUaPerCode(), targetMa, targetCode,
                targetCode == 0 ? " (output off)" : "", rampMs);
            out.printf(Locale.ROOT, "driver: current A %.4f uA/LSB, B %.4f uA/LSB, electrode %.4f mV/LSB, supply "
                + "%.4f mV/LSB, read-back %.4f codes/LSB, ADC %d..%d, DAC max %d, compliance %.1f V, watchdog %d ms, "
                + "safety limit %.0f uA / DAC %d%n", info.currentAUaPerLsb(), info.currentBUaPerLsb(),
                info.electrodeMvPerLsb(), info.supplyMvPerLsb(), info.readbackCodesPerLsb(), info.adcMinCode(),
                info.adcMaxCode(), info.dacMaxCode(), info.complianceMv() / 1000.0, info.watchdogMs(),
                sim instanceof JnaHardwareDriver ? ((JnaHardwareDriver)sim).limitCurrentUa() : Double.NaN,
                sim instanceof JnaHardwareDriver ? ((JnaHardwareDriver)sim).limitDacCode() : -1);
            if (verbose)
            {
                out.println("driver: " + sim);
            }
            for (final FaultSpec fault : faults)
            {
                fault.injectInto((SimDriver)sim, stepUs);
                out.printf(Locale.ROOT, "fault: %s at %d ms for %s%s%s%n", fault.kind().cliName(),
                    fault.onsetMs(), fault.permanent() ? "ever" : fault.durationMs() + " ms",
                    fault.magnitude() == 0.0 ? "" : ", magnitude " + fault.magnitude(),
                    fault.channel() == null ? "" : ", channel " + FaultSpec.channelName(fault.channel()));
            }
            final DemoStats stats = run(sim, info, out, totalSteps, rampSteps, everySteps, targetCode, iio);
            if (verbose && sim instanceof SimDriver)
            {
                final SimTruth truth = new SimTruth();
                if (((SimDriver)sim).truth(truth) == HalErrorCode.OK)
                {
                    out.printf(Locale.ROOT, "truth: current %.3f mA, load %.1f ohm, skin %.1f ohm, "
                        + "compliance %.2f V, step %d%n", truth.currentUa() / 1000.0, truth.loadOhm(),
                        truth.skinOhm(), truth.complianceMv() / 1000.0, truth.step());
                }
            }
            stats.print(out, info, sim);
            out.flush();
            return stats.faulted() ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /** Real-time pace of the iio bring-up loop: one sample and one actuation per millisecond. */
    static final long REAL_TIME_STEP_US = 1_000;

    /**
     * @param file a configuration file: key=value pairs, one or more a line, # comments.
     * @return the one-line configuration string.
     */
    static String readConfig(final Path file)
    {
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file);
        }
        catch (final IOException ex)
        {
            throw new InvalidConfigurationException("--config", "cannot read --config " + file + ": " + ex.getMessage());
        }
        final StringBuilder config = new StringBuilder();
        for (final String line : lines)
        {
            final int hash = line.indexOf('#');
            final String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (!text.isEmpty())
            {
                config.append(config.length() == 0 ? "" : ", ").append(text.endsWith(",") ?
                    text.substring(0, text.length() - 1) : text);
            }
        }
        return config.toString();
    }

    private static DemoStats run(
        final HardwareDriver sim, final HalInfo info, final PrintWriter out, final long totalSteps,
        final long rampSteps, final long everySteps, final int targetCode, final boolean realTime)
    {
        final HalSample sample = new HalSample();
        final HalCommand command = new HalCommand();
        final DemoStats stats = new DemoStats(rampSteps);
        final long startNs = System.nanoTime();
        out.printf(Locale.ROOT, ROW_FORMAT, "t_ms", "ia_mA", "ib_mA", "ve_V", "vs_V", "dac_cmd", "dac_rb",
            "status");
        int dacCode = 0;
        final long stepUs = realTime ? REAL_TIME_STEP_US : info.stepUs();
        for (long step = 0; step < totalSteps; step++)
        {
            if (realTime)
            {
                final long deadline = startNs + step * stepUs * 1_000;
                for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime())
                {
                    LockSupport.parkNanos(wait);
                }
            }
            final double timeMs = step * stepUs / 1000.0;
            final int sampled = sim.sample(sample);
            if (sampled == HalErrorCode.OK)
            {
                stats.sampled(step, sample, info);
            }
            stats.driverResult("sample", sampled, timeMs, sim, out);
            if (step % everySteps == 0)
            {
                printRow(out, info, timeMs, dacCode, sampled == HalErrorCode.OK ? sample : null);
            }
            dacCode = rampSteps == 0 || step >= rampSteps ? targetCode : (int)(targetCode * (step + 1) / rampSteps);
            stats.driverResult("actuate", sim.actuate(command.set(dacCode, false, targetCode > 0,
                HalCommand.CONTINUOUS_DUTY_PERMILLE)), timeMs, sim, out);
        }
        sim.actuate(command.safe());
        stats.wallNs = System.nanoTime() - startNs;
        stats.steps = totalSteps;
        return stats;
    }

    private static void printRow(
        final PrintWriter out, final HalInfo info, final double timeMs, final int dacCode, final HalSample sample)
    {
        if (sample == null)
        {
            out.printf(Locale.ROOT, ROW_FORMAT, fmt("%.1f", timeMs), "-", "-", "-", "-", dacCode, "-",
                "(sample failed)");
            return;
        }
        out.printf(Locale.ROOT, ROW_FORMAT,
            fmt("%.1f", timeMs),
            fmt("%.3f", info.currentAUa(sample.currentARaw()) / 1000.0),
            fmt("%.3f", info.currentBUa(sample.currentBRaw()) / 1000.0),
            fmt("%.2f", info.electrodeMv(sample.electrodeVoltageRaw()) / 1000.0),
            fmt("%.2f", info.supplyMv(sample.supplyVoltageRaw()) / 1000.0),
            dacCode,
            Math.round(info.readbackDacCode(sample.dacReadbackRaw())),
            statusText(sample.statusBits()));
    }

    private static String fmt(final String format, final double value)
    {
        return String.format(Locale.ROOT, format, value);
    }

    /**
     * @param statusBits {@link HalStatus} bits.
     * @return e.g. {@code OUT|COMPL}, or {@code -} when none is set.
     */
    static String statusText(final int statusBits)
    {
        final StringBuilder text = new StringBuilder();
        appendIf(text, statusBits, HalStatus.OUTPUT_ENABLED, "OUT");
        appendIf(text, statusBits, HalStatus.POLARITY_REVERSED, "REV");
        appendIf(text, statusBits, HalStatus.COMPLIANCE, "COMPL");
        appendIf(text, statusBits, HalStatus.WATCHDOG_TRIPPED, "WDOG");
        appendIf(text, statusBits, HalStatus.ADC_OVERRANGE, "OVR");
        appendIf(text, statusBits, HalStatus.PULSED, "PULSE");
        appendIf(text, statusBits, HalStatus.SAFETY_LATCHED, "SAFETY");
        final int known = HalStatus.OUTPUT_ENABLED | HalStatus.POLARITY_REVERSED | HalStatus.COMPLIANCE |
            HalStatus.WATCHDOG_TRIPPED | HalStatus.ADC_OVERRANGE | HalStatus.PULSED | HalStatus.SAFETY_LATCHED;
        if ((statusBits & ~known) != 0)
        {
            text.append(text.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(statusBits & ~known));
        }
        return text.length() == 0 ? "-" : text.toString();
    }

    private static void appendIf(final StringBuilder text, final int bits, final int bit, final String name)
    {
        if ((bits & bit) != 0)
        {
            text.append(text.length() == 0 ? "" : "|").append(name);
        }
    }

    private boolean verbose()
    {
        final Object root = spec.root().userObject();
        final boolean inherited = spec.findOption("--verbose") != null &&
            Boolean.TRUE.equals(spec.findOption("--verbose").getValue());
        return inherited || root instanceof GalvaniCli && ((GalvaniCli)root).verbose();
    }
}
