package org.galvani.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.galvani.command.CommandInbox;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.TreatmentFiles;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerStatus;
import org.galvani.controller.StatusPublisher;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani session}: a whole treatment session through the real controller and the native sim,
 * faster than real time on this thread: the files are read and validated (device limits, trusted keys,
 * screening, signed prescription), then the operator's commands are sent through the command inbox
 * exactly as a device's UI would (SCREEN, ARM, START, scripted titration), and every tick runs the full
 * pipeline (safety monitor, state machine, PID, dose) against the sim's physical load, with any injected
 * faults. Events are printed as they happen, the status every --every-s simulated seconds.
 *
 * <p>Exit codes: 0 when the session completed, 1 when it was refused (screening, authorisation, contact
 * check) or ended in a fault or an e-stop, 2 for bad input.
 */
@Command(
    name = "session",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a whole treatment session through the controller on the native sim (faster than real time): "
            + "screening, signed prescription, contact check, ramp, treatment, ramp down, with optional faults "
            + "and scripted titration. Prints events and status.",
        "Exits 0 when the session completed, 1 when it was refused or ended in a fault."
    },
    footer = {
        "",
        "Example: galvani session --trusted-keys docs/examples/trusted-clinicians.json \\",
        "           --screening docs/examples/screening-clear.json \\",
        "           --prescription docs/examples/prescription-dexamethasone.json",
        "Fault SPEC: " + FaultSpec.SYNTAX + " (simulated ms from the start of the sim), see 'galvani hal-demo --help'."
    })
public final class SessionCommand implements Callable<Integer>
{
    private static final long MINUTE_NS = 60_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--prescription", paramLabel = "FILE", required = true,
        description = "The signed prescription (JSON envelope).")
    private Path prescriptionFile;

    @Option(names = "--screening", paramLabel = "FILE", required = true,
        description = "The patient's screening (JSON).")
    private Path screeningFile;

    @Option(names = "--trusted-keys", paramLabel = "FILE", required = true,
        description = "The maker's trusted clinician public keys (JSON).")
    private Path trustedKeysFile;

    @Option(names = "--device-limits", paramLabel = "FILE",
        description = "The maker's device limits (JSON; default: the built-in defaults).")
    private Path deviceLimitsFile;

    @Option(names = "--protocols", paramLabel = "FILE",
        description = "The maker's protocol tightening (JSON; default: the built-in catalogue).")
    private Path protocolsFile;

    @Option(names = "--policy", paramLabel = "FILE",
        description = "The maker's interlock policy tightening (JSON; default: the SR-1 default policy).")
    private Path policyFile;

    @Option(names = "--hz", paramLabel = "HZ", defaultValue = "1000",
        description = "Control rate in ticks per second (default: ${DEFAULT-VALUE}).")
    private long rateHz;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
        description = "Seed of the sim's noise (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--sim-config", paramLabel = "K=V,...", defaultValue = "",
        description = "Further sim configuration, e.g. r_skin_initial_ohm=6000 (see 'galvani hal-demo --help').")
    private String simConfig;

    @Option(names = "--fault", paramLabel = "SPEC", converter = FaultSpec.Converter.class,
        description = "Injects a sim fault (repeatable): " + FaultSpec.SYNTAX + ".")
    private List<FaultSpec> faults = new ArrayList<>();

    @Option(names = "--titrate", paramLabel = "STEPS@S", converter = TitrationStep.Converter.class,
        description = "Operator titration (repeatable): " + TitrationStep.SYNTAX + ", e.g. +4@30.")
    private List<TitrationStep> titrations = new ArrayList<>();

    @Option(names = "--every-s", paramLabel = "S", defaultValue = "60",
        description = "Print the status every S simulated seconds (default: ${DEFAULT-VALUE}).")
    private double everyS;

    @Override
    public Integer call()
    {
        InvalidConfigurationException.requireInRange("--hz", rateHz, 100, 20_000, "Hz");
        InvalidConfigurationException.requireInRange("--every-s", everyS, 0.001, 86_400, "s");
        InvalidConfigurationException.requireInRange("--seed", seed, 0, 1L << 53, "");
        final PrintWriter out = spec.commandLine().getOut();
        final TreatmentFiles files = TreatmentFiles.load(deviceLimitsFile, protocolsFile, policyFile, trustedKeysFile,
            screeningFile, prescriptionFile);
        final SessionPlan plan = files.plan();
        out.println(files.screening().summary());
        out.printf(Locale.ROOT, "prescription %s (%s), %s: %s%n", plan.prescriptionId(),
            files.prescription().prescription().protocol(), files.prescription().authorisation().clinicianId(),
            files.prescription().authorisation().reason());
        out.printf(Locale.ROOT, "plan: start %.2f mA, cap %.2f mA, ramp %.2f mA/s, %s, trip %.2f mA, duty %d‰%n",
            plan.startUa() / 1e3, plan.capUa() / 1e3, plan.rampRateUaPerS() / 1e3, ending(plan),
            plan.tripLevelUa() / 1e3, plan.dutyPermille());

        final long periodNs = 1_000_000_000L / rateHz;
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(periodNs)
            .monitorLimits(files.deviceLimits().monitorLimits(periodNs)).conclude();
        final String config = "seed=" + seed + ", watchdog_ms=0, step_us=" + periodNs / 1_000 +
            (simConfig.isBlank() ? "" : ", " + simConfig);
        try (JnaSimDriver sim = JnaSimDriver.open(config))
        {
            for (final FaultSpec fault : faults)
            {
                fault.injectInto(sim, periodNs / 1_000);
            }
            final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
            final StatusPublisher publisher = new StatusPublisher();
            final ConsoleJournal journal = new ConsoleJournal(out, periodNs);
            final Controller controller = new Controller(ctx, sim, inbox, journal, publisher);
            return run(out, controller, inbox, publisher, journal, files, periodNs);
        }
    }

    private int run(
        final PrintWriter out,
        final Controller controller,
        final CommandInbox inbox,
        final StatusPublisher publisher,
        final ConsoleJournal journal,
        final TreatmentFiles files,
        final long periodNs)
    {
        inbox.send(SessionEvent.SCREEN, 0, files.screening().toDecision());
        controller.tick(0, 0, 0, 0);
        inbox.send(SessionEvent.ARM, 0, files.plan());
        controller.tick(0, 0, 0, 0);
        if (controller.state() != SessionState.ARMED)
        {
            out.println("session refused: not armed (" + controller.state() + ")");
            return ExitCodes.FAILED;
        }
        inbox.send(SessionEvent.START, 0, null);
        final long startTick = controller.tick();
        final long everyTicks = Math.max(1, (long)(everyS * 1e9 / periodNs));
        final long budgetTicks = (files.plan().maxSessionNs() + 10 * MINUTE_NS) / periodNs;
        final ControllerStatus status = new ControllerStatus();
        int nextTitration = 0;
        final List<TitrationStep> script = new ArrayList<>(titrations);
        script.sort((a, b) -> Long.compare(a.atNs(), b.atNs()));
        for (long i = 0; i < budgetTicks; i++)
        {
            final long sinceStartNs = i * periodNs;
            while (nextTitration < script.size() && script.get(nextTitration).atNs() <= sinceStartNs)
            {
                inbox.send(SessionEvent.ADJUST, script.get(nextTitration++).steps(), null);
            }
            controller.tick(0, 0, 0, 0);
            if (i % everyTicks == 0 && i > 0)
            {
                print(out, publisher.read(status), periodNs);
            }
            final SessionState state = controller.state();
            if (state == SessionState.COMPLETE || state.latched() || state == SessionState.ARMED)
            {
                break;
            }
        }
        final ControllerStatus end = publisher.read(status);
        out.printf(Locale.ROOT, "session ended in %s after %.1f s of treatment (%d ticks from START): dose %.3f mA·min " +
            "(normal %.3f, reversed %.3f)%s, peak current %.3f mA, trips %d%n", end.state(),
            end.treatmentElapsedNs() / 1e9, controller.tick() - startTick, end.doseMaMin(),
            end.doseNormalUc() / 60_000.0, end.doseReversedUc() / 60_000.0,
            end.doseTargetUc() > 0 ? String.format(Locale.ROOT, " of %.3f prescribed", end.doseTargetUc() / 60_000.0) : "",
            journal.peakUa() / 1e3, journal.trips());
        if (end.state() == SessionState.FAULT)
        {
            out.println("last trip: " + controller.lastTrip());
        }
        return end.state() == SessionState.COMPLETE ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static void print(final PrintWriter out, final ControllerStatus s, final long periodNs)
    {
        out.printf(Locale.ROOT, "  [%9.3f s] %-15s I %7.3f mA (avg %7.3f) setpoint %7.3f target %7.3f mA, " +
            "dose %8.3f mA·min, treated %7.1f s, remaining %7.1f s, limits: %s%n", s.tick() * periodNs * 1e-9,
            s.state(), s.currentUa() / 1e3, s.averageUa() / 1e3, s.setpointUa() / 1e3, s.targetUa() / 1e3,
            s.doseMaMin(), s.treatmentElapsedNs() / 1e9, s.treatmentRemainingNs() / 1e9, s.activeClampReasons());
    }

    private static String ending(final SessionPlan plan)
    {
        if (plan.doseTargetUc() > 0)
        {
            return String.format(Locale.ROOT, "ends at %.1f mA·min (at most %.1f min)", plan.doseTargetUc() / 60_000.0,
                plan.maxSessionNs() / 60e9);
        }
        return String.format(Locale.ROOT, "%.1f min%s", plan.durationNs() / 60e9,
            plan.reverseAtHalfTime() ? ", polarity reversed at half time" : "");
    }
}
