package org.galvani.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.galvani.campaign.FaultSpec;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.hal.HalCommand;
import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalInfo;
import org.galvani.hal.HalSample;
import org.galvani.hal.HalStatus;
import org.galvani.hal.binding.HalBinding;
import org.galvani.hal.jna.SimDriver;
import org.galvani.hal.jna.SimTruth;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani hal-demo}: drives the native {@code sim} backend open loop (no controller yet) with a
 * soft-start ramp of the DAC code up to the code of a fixed target current, optionally with injected
 * faults, and prints what the driver sampled every N ms and a summary.
 *
 * <p>Simulated time advances one sim step per actuation, as fast as the machine goes; the sim's
 * wall-clock watchdog is kicked by every actuation. Exits {@link ExitCodes#FAILED} when the driver
 * returned an error code or its watchdog tripped.
 */
@Command(
    name = "hal-demo",
    mixinStandardHelpOptions = true,
    description = {
        "Drives the native sim backend open loop (no controller): ramps the DAC code softly up to the code "
            + "of --target-ma, holds it, and prints what the driver sampled every --every-ms and a summary.",
        "Exits 1 when the driver returned an error or its watchdog tripped."
    },
    footer = {
        "",
        "Fault SPEC: " + FaultSpec.SYNTAX,
        "  in simulated ms (+inf = permanent), e.g. open-circuit@1500+500 or",
        "  adc-offset@200+100:40/current-a. Repeat --fault for several faults.",
        "Kinds: open-circuit, short, adc-stuck, adc-offset, adc-noisy, adc-out-of-range,",
        "  channel-disagree, dac-stuck, dac-slew, supply-sag, driver-error, load-step,",
        "  load-drift; the adc-* kinds need a /channel.",
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

    @Option(names = "--target-ma", paramLabel = "MA", defaultValue = "5",
        description = "Target current in mA, turned into one fixed DAC code (default: ${DEFAULT-VALUE}).")
    private double targetMa;

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
        InvalidConfigurationException.requireInRange("--seconds", seconds, 0.001, MAX_SECONDS, "s");
        InvalidConfigurationException.requireInRange("--target-ma", targetMa, 0.0, MAX_TARGET_MA, "mA");
        InvalidConfigurationException.requireInRange("--ramp-ms", rampMs, 0, (long)(MAX_SECONDS * 1000), "ms");
        InvalidConfigurationException.requireInRange("--every-ms", everyMs, 1, (long)(MAX_SECONDS * 1000), "ms");
        final PrintWriter out = spec.commandLine().getOut();
        final boolean verbose = verbose();
        try (SimDriver sim = HalBinding.configured().openSim(simConfig))
        {
            final HalInfo info = sim.info();
            final long targetCodeLong = Math.round(targetMa * 1000.0 / info.dacUaPerCode());
            if (targetCodeLong > info.dacMaxCode())
            {
                throw new InvalidConfigurationException("--target-ma", String.format(Locale.ROOT,
                    "--target-ma = %s needs DAC code %d, above the driver's largest code %d (%.3f mA)", targetMa,
                    targetCodeLong, info.dacMaxCode(), info.dacMaxCode() * info.dacUaPerCode() / 1000.0));
            }
            final int targetCode = (int)targetCodeLong;
            final long stepUs = info.stepUs();
            final long totalSteps = Math.max(1, Math.round(seconds * 1_000_000.0 / stepUs));
            final long rampSteps = rampMs * 1000 / stepUs;
            final long everySteps = Math.max(1, everyMs * 1000 / stepUs);
            out.printf(Locale.ROOT, "hal-demo: sim, %d us per step, %d steps (%.3f s), DAC %.4f uA/code, "
                + "target %.3f mA = code %d, soft start %d ms%n",
                stepUs, totalSteps, totalSteps * stepUs / 1e6, info.dacUaPerCode(), targetMa, targetCode, rampMs);
            if (verbose)
            {
                out.println("driver: " + sim);
            }
            for (final FaultSpec fault : faults)
            {
                fault.injectInto(sim, stepUs);
                out.printf(Locale.ROOT, "fault: %s at %d ms for %s%s%s%n", fault.kind().cliName(),
                    fault.onsetMs(), fault.permanent() ? "ever" : fault.durationMs() + " ms",
                    fault.magnitude() == 0.0 ? "" : ", magnitude " + fault.magnitude(),
                    fault.channel() == null ? "" : ", channel " + FaultSpec.channelName(fault.channel()));
            }
            final DemoStats stats = run(sim, info, out, totalSteps, rampSteps, everySteps, targetCode);
            if (verbose)
            {
                final SimTruth truth = new SimTruth();
                if (sim.truth(truth) == HalErrorCode.OK)
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

    private static DemoStats run(
        final SimDriver sim, final HalInfo info, final PrintWriter out, final long totalSteps,
        final long rampSteps, final long everySteps, final int targetCode)
    {
        final HalSample sample = new HalSample();
        final HalCommand command = new HalCommand();
        final DemoStats stats = new DemoStats(rampSteps);
        final long startNs = System.nanoTime();
        out.printf(Locale.ROOT, ROW_FORMAT, "t_ms", "ia_mA", "ib_mA", "ve_V", "vs_V", "dac_cmd", "dac_rb",
            "status");
        int dacCode = 0;
        for (long step = 0; step < totalSteps; step++)
        {
            final double timeMs = step * info.stepUs() / 1000.0;
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
            stats.driverResult("actuate", sim.actuate(command.set(dacCode, false, true,
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
        final int known = HalStatus.OUTPUT_ENABLED | HalStatus.POLARITY_REVERSED | HalStatus.COMPLIANCE |
            HalStatus.WATCHDOG_TRIPPED | HalStatus.ADC_OVERRANGE | HalStatus.PULSED;
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
