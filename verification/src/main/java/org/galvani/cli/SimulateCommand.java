package org.galvani.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.galvani.authority.Ed25519Signer;
import org.galvani.campaign.FaultSpec;
import org.galvani.clinical.ProtocolId;
import org.galvani.command.CommandInbox;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.galvani.controller.AgentSessionDriver;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerAgent;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerStatus;
import org.galvani.controller.JournalSink;
import org.galvani.controller.SessionDriver;
import org.galvani.controller.StatusPublisher;
import org.galvani.controller.TeeJournalSink;
import org.galvani.hal.binding.HalBinding;
import org.galvani.hal.jna.JnaHardwareDriver;
import org.galvani.hal.jna.SimDriver;
import org.galvani.journal.ChronicleJournal;
import org.galvani.journal.DeviceKeys;
import org.galvani.journal.JournalMode;
import org.galvani.journal.JournalOptions;
import org.galvani.journal.JournaledOverride;
import org.galvani.journal.SessionHeader;
import org.galvani.safety.MonitorLimits;
import org.galvani.screening.ClinicianOverride;
import org.galvani.screening.ScreeningResult;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionOutcome;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.journal.JournalSkinHistory;
import org.galvani.report.SkinAdvice;
import org.galvani.screening.Screening;
import org.galvani.screening.SkinHistory;
import org.galvani.session.SkinCheck;
import org.galvani.session.SkinGrade;
import org.galvani.setup.TreatmentFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code galvani simulate}: a whole treatment session through the real controller and the native sim,
 * journaled to Chronicle Queue when {@code --journal} is given. The files are read and validated (device
 * limits, trusted keys, screening, signed prescription), then the operator's commands go through the
 * command inbox exactly as a device's UI would send them (SCREEN, ARM, START, scripted titration) and
 * every tick runs the full pipeline against the sim's physical load, with any injected faults.
 *
 * <p>Faster than real time by default, on this thread, with every event printed as it happens. With
 * {@code --realtime} the controller runs on its own {@code AgentRunner} thread at the tick rate (the
 * journal's hand-off keeps file work off that thread) and this thread prints the status and sends the
 * scripted titration. Exit codes: 0 when the plan was delivered ({@link SessionOutcome#COMPLETE}), 1 when
 * it was refused or ended in a fault, 2 for bad input, 6 {@link SessionOutcome#STOPPED_BY_OPERATOR}, 7
 * {@link SessionOutcome#INCOMPLETE_DOSE}.
 */
@Command(
    name = "simulate",
    aliases = "session",
    mixinStandardHelpOptions = true,
    description = {
        "Runs a whole treatment session through the controller on the native sim and journals it: screening, "
            + "signed prescription, contact check, ramp, treatment, ramp down, with optional faults and scripted "
            + "titration. Faster than real time unless --realtime. Prints events and status.",
        "Exits 0 when the plan was delivered, 1 when the session was refused or ended in a fault, 6 when the operator "
            + "stopped it early, 7 when it ended short of the prescribed dose or time, 8 when a blister or burn at this "
            + "site in the patient's last session awaits a clinician's signed review (SR-22)."
    },
    footer = {
        "",
        "Example: galvani simulate --trusted-keys docs/examples/trusted-clinicians.json \\",
        "           --screening docs/examples/screening-dexamethasone.json \\",
        "           --prescription docs/examples/prescription-dexamethasone.json \\",
        "           --journal /tmp/galvani-journal --device-key docs/examples/demo-device.key",
        "Fault SPEC: " + FaultSpec.SYNTAX + " (simulated ms from the start of the sim), see 'galvani hal-demo --help'."
    })
public final class SimulateCommand implements Callable<Integer>
{
    /** How long the real-time run waits for the control thread to drain ARM or the skin check. */
    private static final long COMMAND_TIMEOUT_NS = 5_000_000_000L;
    private static final long MINUTE_NS = 60_000_000_000L;

    @Spec
    private CommandSpec spec;

    @Option(names = "--prescription", paramLabel = "FILE", required = true,
        description = "The signed prescription (JSON envelope).")
    private Path prescriptionFile;

    @Option(names = "--protocol", paramLabel = "NAME",
        description = "Expected protocol of the prescription, e.g. hyperhidrosis-hands (checked, optional).")
    private String protocol;

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

    @Option(names = "--drugs", paramLabel = "FILE",
        description = "The maker's drug file: adds drugs or tightens built-in ones (JSON; default: the built-in catalogue).")
    private Path drugsFile;

    @Option(names = "--policy", paramLabel = "FILE",
        description = "The maker's interlock policy tightening (JSON; default: the SR-1 default policy).")
    private Path policyFile;

    @Option(names = "--session-start", paramLabel = "INSTANT",
        description = "When the session starts, ISO-8601 UTC (e.g. 2026-12-06T09:00:00Z): a clinician override that "
            + "expired by then does not count (SR-19). Default: now, read once before the files are judged; journaled.")
    private String sessionStart;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal the session into this device journal folder (Chronicle Queue; appended to).")
    private Path journalDir;

    @Option(names = "--device-key", paramLabel = "FILE",
        description = "The device's Ed25519 private key that seals the journal (needed with --journal).")
    private Path deviceKeyFile;

    @Option(names = "--device-id", paramLabel = "ID", defaultValue = "sim-device",
        description = "The device id written into the journal (default: ${DEFAULT-VALUE}).")
    private String deviceId;

    @Option(names = "--realtime",
        description = "Run at the real tick rate on a dedicated control thread (default: as fast as possible).")
    private boolean realtime;

    @Option(names = "--overrun-trip-ms", paramLabel = "MS", defaultValue = "0",
        description = "SR-9 bound: a tick longer than this, or starting this late, trips, and ticks later than half "
            + "of it count as late (default: 5 periods, half a period). Raise it to simulate in real time on a busy "
            + "desktop; a device keeps the default.")
    private double overrunTripMs;

    @Option(names = "--watchdog-ms", paramLabel = "MS", defaultValue = "50",
        description = "With --realtime: the sim driver's own watchdog timeout (default: ${DEFAULT-VALUE}).")
    private long watchdogMs;

    @Option(names = "--hz", paramLabel = "HZ", defaultValue = "1000",
        description = "Control rate in ticks per second (default: ${DEFAULT-VALUE}).")
    private long rateHz;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
        description = "Seed of the sim's noise (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--sim-config", paramLabel = "K=V,...", defaultValue = "",
        description = "Further sim configuration, e.g. r_skin_initial_ohm=6000 (see 'galvani hal-demo --help').")
    private String simConfig;

    @Option(names = "--fault", paramLabel = "SPEC", converter = FaultSpecConverter.class,
        description = "Injects a sim fault (repeatable): " + FaultSpec.SYNTAX + ".")
    private List<FaultSpec> faults = new ArrayList<>();

    @Option(names = "--titrate", paramLabel = "STEPS@S", converter = TitrationStep.Converter.class,
        description = "Operator titration (repeatable): " + TitrationStep.SYNTAX + ", e.g. +4@30.")
    private List<TitrationStep> titrations = new ArrayList<>();

    @Option(names = "--stop-at", paramLabel = "S", defaultValue = "-1",
        description = "The operator presses STOP S seconds after START (ramp down), e.g. to end early.")
    private double stopAtS;

    @Option(names = "--estop-at", paramLabel = "S", defaultValue = "-1",
        description = "The operator presses the EMERGENCY STOP S seconds after START (SR-12).")
    private double estopAtS;

    @Option(names = "--skin-check", paramLabel = "GRADE",
        description = "The post-session skin check entered when the session has ended (SR-22): none, dryness, "
            + "erythema, irritation or blister-or-burn; journaled before the session end, with aftercare advice.")
    private String skinCheck;

    @Option(names = "--skin-note", paramLabel = "TEXT", defaultValue = "",
        description = "A free one-line note with --skin-check (e.g. \"2 mm blister under the anode\").")
    private String skinNote;

    @Option(names = "--skin-history", paramLabel = "DIR",
        description = "The device journal to read the patient's skin history from (SR-22; default: the --journal "
            + "folder): a blister or burn at this site in the patient's last session blocks this one until reviewed.")
    private Path skinHistoryDir;

    @Option(names = "--skin-history-key", paramLabel = "FILE",
        description = "The public key of the device that wrote the skin history journal (default: derived from "
            + "--device-key): the history is verified first and a journal that fails is refused.")
    private Path skinHistoryKeyFile;

    @Option(names = "--skin-history-unverified",
        description = "Read the skin history without verifying it (no device key at hand): a removed or edited burn "
            + "record then goes unnoticed (H-48). Not with --skin-history-key.")
    private boolean skinHistoryUnverified;

    @Option(names = "--skin-review", paramLabel = "FILE",
        description = "A clinician's signed skin review (repeatable; from 'galvani sign-skin-review').")
    private List<Path> skinReviewFiles = new ArrayList<>();

    @Option(names = "--every-s", paramLabel = "S", defaultValue = "60",
        description = "Print the status every S simulated seconds (default: ${DEFAULT-VALUE}).")
    private double everyS;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        InvalidConfigurationException.requireInRange("--hz", rateHz, 100, 20_000, "Hz");
        InvalidConfigurationException.requireInRange("--every-s", everyS, 0.001, 86_400, "s");
        InvalidConfigurationException.requireInRange("--seed", seed, 0, 1L << 53, "");
        skinGrade();
        if (journalDir != null && deviceKeyFile == null)
        {
            throw new InvalidConfigurationException("--device-key", "--journal needs --device-key: the device's " +
                "private key seals the journal (make one with 'galvani keygen')");
        }
        if (realtime)
        {
            return simulate(spec.commandLine().getOut());
        }
        // faster than real time this thread is the control thread: it must never wait for the terminal
        final NonBlockingConsole console = new NonBlockingConsole(spec.commandLine().getOut());
        try (PrintWriter out = new PrintWriter(console))
        {
            return simulate(out);
        }
    }

    private int simulate(final PrintWriter out) throws IOException, InterruptedException
    {
        final SkinHistory history;
        try
        {
            history = skinHistory(out);
        }
        catch (final IllegalStateException ex)
        {
            // a skin history that cannot be read or does not verify: the session is refused, in one sentence
            out.flush();
            spec.commandLine().getErr().println("simulate: session refused: " + ex.getMessage());
            return ExitCodes.FAILED;
        }
        final Instant start = sessionStart();
        final TreatmentFiles files = TreatmentFiles.load(deviceLimitsFile, protocolsFile, drugsFile, policyFile,
            trustedKeysFile, screeningFile, prescriptionFile, start, history, skinReviewFiles);
        checkProtocol(files);
        printPlan(out, files);
        if (!files.screening().screening().overrides().isEmpty())
        {
            out.println("session start " + start + ": the clinician overrides above were judged against it (SR-19)");
        }

        final long periodNs = 1_000_000_000L / rateHz;
        MonitorLimits limits = files.deviceLimits().monitorLimits(periodNs);
        if (overrunTripMs > 0)
        {
            InvalidConfigurationException.requireInRange("--overrun-trip-ms", overrunTripMs, periodNs / 1e6, 1_000.0,
                "ms");
            limits = limits.withTiming((long)(overrunTripMs * 1e6),
                Math.max(limits.lateTickThresholdNs(), (long)(overrunTripMs * 1e6 / 2)), limits.lateTickTripCount());
        }
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(periodNs).monitorLimits(limits)
            .idleStrategy(new BusySpinIdleStrategy()).conclude();
        InvalidConfigurationException.requireInRange("--watchdog-ms", watchdogMs, 1, 60_000, "ms");
        // SR-18: the driver's independent channel gets the device's absolute limit, unless the sim config sets one.
        final String config = "seed=" + seed + ", watchdog_ms=" + (realtime ? watchdogMs : 0) + ", step_us=" +
            periodNs / 1_000 + (simConfig.contains("limit_current_ua") ? "" :
            ", " + JnaHardwareDriver.safetyLimitConfig(limits.absoluteLimitUa())) +
            (simConfig.isBlank() ? "" : ", " + simConfig);
        final HalBinding binding = HalBinding.configured();
        out.println(binding.describe());
        try (SimDriver sim = binding.openSim(config))
        {
            for (final FaultSpec fault : faults)
            {
                fault.injectInto(sim, periodNs / 1_000);
            }
            final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
            final StatusPublisher publisher = new StatusPublisher();
            final ConsoleJournal console = new ConsoleJournal(out, periodNs);
            final ChronicleJournal opened;
            try
            {
                opened = openJournal(header(ctx, sim, files, config, start), files.plan().maxSessionNs());
            }
            catch (final IllegalStateException ex)
            {
                // a full disk, a damaged journal: the session is refused before it starts, in one sentence
                out.flush();
                spec.commandLine().getErr().println("simulate: " + ex.getMessage());
                return ExitCodes.FAILED;
            }
            try (ChronicleJournal journal = opened)
            {
                final JournalSink sink = journal == null ? console : realtime ? journal :
                    new TeeJournalSink(journal, console);
                final Controller controller = new Controller(ctx, sim, inbox, sink, publisher);
                final int exit = realtime ? runRealtime(out, controller, inbox, publisher, files, periodNs) :
                    run(out, controller, inbox, publisher, console, files, periodNs);
                if (journal != null)
                {
                    if (journal.failure() == null)
                    {
                        journal.endSession();
                    }
                    out.println("journal: " + journalDir + (journal.failure() == null ? ", session end written" :
                        " FAILED, no session end: " + journal.failure()) + " (verify with: galvani verify " +
                        journalDir + " --device-key <device public key>)");
                }
                return exit;
            }
        }
    }

    private void checkProtocol(final TreatmentFiles files)
    {
        if (protocol != null)
        {
            final ProtocolId expected = ProtocolId.fromCliName(protocol);
            final ProtocolId actual = files.prescription().prescription().protocol();
            if (expected != actual)
            {
                throw new InvalidConfigurationException("--protocol", "--protocol " + protocol + " does not match " +
                    "the prescription's protocol " + actual.cliName());
            }
        }
    }

    /**
     * @return the session's start: {@code --session-start}, or the wall clock read once here, on the set-up
     *         thread, before any decision (the screening is judged against it and the journal records it).
     */
    private Instant sessionStart()
    {
        if (sessionStart == null)
        {
            return Instant.now().truncatedTo(ChronoUnit.SECONDS);
        }
        try
        {
            return Instant.parse(sessionStart);
        }
        catch (final DateTimeParseException ex)
        {
            throw new InvalidConfigurationException("--session-start", "--session-start '" + sessionStart +
                "' is not an instant: write ISO-8601 UTC, e.g. 2026-12-06T09:00:00Z");
        }
    }

    /**
     * @param screening the evaluated screening.
     * @return the overrides that lifted a block, as the session header records them (SR-19).
     */
    static List<JournaledOverride> journaledOverrides(final ScreeningResult screening)
    {
        final List<JournaledOverride> journaled = new ArrayList<>();
        for (final ClinicianOverride override : screening.acceptedOverrides())
        {
            journaled.add(new JournaledOverride(override.clinicianId(), override.statementFor(
                screening.screening().patientId(), screening.screening().placement()).text(), override.signature()));
        }
        return journaled;
    }

    private SessionHeader header(
        final ControllerContext ctx, final SimDriver sim, final TreatmentFiles files, final String config,
        final Instant start)
        throws IOException
    {
        final String signature = StrictJson.tree(BoundedFiles.read(prescriptionFile,
            BoundedFiles.MAX_DOCUMENT_BYTES, "--prescription", "prescription file"), "prescription")
            .path("authorisation").path("signature").asText("");
        final StringBuilder notes = new StringBuilder("sim: ").append(config);
        for (final FaultSpec fault : faults)
        {
            notes.append("; fault ").append(fault.kind().cliName()).append('@').append(fault.onsetMs())
                .append(fault.permanent() ? "+inf" : "+" + fault.durationMs()).append(':').append(fault.magnitude())
                .append(fault.channel() == null ? "" : "/" + FaultSpec.channelName(fault.channel()));
        }
        for (final Scripted command : script())
        {
            notes.append("; ").append(command.command()).append(command.arg() == 0 ? "" : " " + command.arg())
                .append(" at ").append(command.atNs() / 1e9).append(" s");
        }
        return SessionHeader.of(deviceId, ctx, sim.info()).withClinical(
            StrictJson.mapper().writeValueAsString(files.deviceLimits()), files.screening().summary(),
            files.prescription().canonicalJson(), files.prescription().authorisation().clinicianId(), signature,
            files.prescription().authorisation().reason(), notes.toString())
            .withOverrides(start.toString(), journaledOverrides(files.screening()));
    }

    private ChronicleJournal openJournal(final SessionHeader header, final long maxSessionNs)
    {
        if (journalDir == null)
        {
            return null;
        }
        // Faster than real time this thread is the control thread and may wait for the file: DIRECT. In real
        // time the control thread must not: HAND_OFF to the journal thread (docs/journal.md).
        final ChronicleJournal journal = ChronicleJournal.open(journalDir,
            new JournalOptions().devicePrivateKey(Ed25519Signer.load(deviceKeyFile).privateKey())
                .mode(realtime ? JournalMode.HAND_OFF : JournalMode.DIRECT));
        try
        {
            journal.startSession(header, maxSessionNs);
        }
        catch (final RuntimeException ex)
        {
            journal.close();
            throw ex;
        }
        return journal;
    }

    private static void printPlan(final PrintWriter out, final TreatmentFiles files)
    {
        final SessionPlan plan = files.plan();
        out.println(files.screening().summary());
        out.printf(ConsoleNumbers.LOCALE, "prescription %s (%s%s), %s: %s%n", plan.prescriptionId(),
            files.prescription().prescription().protocol().cliName(),
            files.prescription().prescription().drug() == null ? "" : ", drug " + files.prescription().prescription().drug(),
            files.prescription().authorisation().clinicianId(), files.prescription().authorisation().reason());
        out.printf(ConsoleNumbers.LOCALE, "plan: start %.2f mA, cap %.2f mA, ramp %.2f mA/s, %s, trip %.2f mA, duty %d‰%n",
            plan.startUa() / 1e3, plan.capUa() / 1e3, plan.rampRateUaPerS() / 1e3, ending(plan),
            plan.tripLevelUa() / 1e3, plan.dutyPermille());
    }

    private static boolean armed(final PrintWriter out, final SessionDriver driver, final TreatmentFiles files)
    {
        if (!driver.arm(files.screening().toDecision(), files.plan()))
        {
            out.println("session refused: not armed (" + driver.controller().state() + ")");
            return false;
        }
        return true;
    }

    /** One scripted operator command: what and when (ns after START). */
    private record Scripted(SessionEvent command, int arg, long atNs)
    {
    }

    private List<Scripted> script()
    {
        final List<Scripted> script = new ArrayList<>();
        for (final TitrationStep step : titrations)
        {
            script.add(new Scripted(SessionEvent.ADJUST, step.steps(), step.atNs()));
        }
        if (stopAtS >= 0)
        {
            script.add(new Scripted(SessionEvent.STOP, 0, (long)(stopAtS * 1e9)));
        }
        if (estopAtS >= 0)
        {
            script.add(new Scripted(SessionEvent.E_STOP, 0, (long)(estopAtS * 1e9)));
        }
        script.sort(Comparator.comparingLong(Scripted::atNs));
        return script;
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
        final SessionDriver driver = new SessionDriver(controller, inbox);
        if (!armed(out, driver, files))
        {
            return refused(out, files);
        }
        driver.post(SessionEvent.START, 0, null);
        final long startTick = controller.tick();
        final long everyTicks = Math.max(1, (long)(everyS * 1e9 / periodNs));
        final long budgetTicks = (files.plan().maxSessionNs() + 10 * MINUTE_NS) / periodNs;
        final ControllerStatus status = new ControllerStatus();
        final List<Scripted> script = script();
        int next = 0;
        for (long i = 0; i < budgetTicks; i++)
        {
            while (next < script.size() && script.get(next).atNs() <= i * periodNs)
            {
                final Scripted command = script.get(next++);
                driver.post(command.command(), command.arg(), null);
            }
            driver.tick();
            if (i % everyTicks == 0 && i > 0)
            {
                print(out, publisher.read(status), periodNs);
            }
            if (ended(controller.state()))
            {
                break;
            }
        }
        final int exit = summary(out, controller, publisher, files.plan(), journal.stopAccepted(),
            controller.tick() - startTick, journal.peakUa(), journal.trips());
        if (skinCheck != null)
        {
            // through the inbox, drained by the next tick (SR-22), before the journal's session end
            final long id = driver.send(SessionEvent.SKIN_CHECK, 0, skinCheckOf(files));
            reportSkinCheck(out, id, publisher.read(new ControllerStatus()));
        }
        return exit;
    }

    private int runRealtime(
        final PrintWriter out,
        final Controller controller,
        final CommandInbox inbox,
        final StatusPublisher publisher,
        final TreatmentFiles files,
        final long periodNs) throws InterruptedException
    {
        // before the first actuation of this sim arms its watchdog, which expects a kick within 50 ms
        warmUp(controller.context(), files);
        final ControllerAgent agent = new ControllerAgent(controller);
        final AgentRunner runner = new AgentRunner(controller.context().idleStrategy(),
            ex -> out.println("control loop error: " + ex), null, agent);
        final List<Scripted> script = script();
        int next = 0;
        double peakUa = 0;
        long startTick = 0;
        long startNs = 0;
        // From here on every tick runs on the control thread; this thread only sends commands and reads the
        // published status, as a device's user interface does.
        final AgentSessionDriver operator = new AgentSessionDriver(inbox, publisher);
        AgentRunner.startOnThread(runner);
        try
        {
            if (!operator.arm(files.screening().toDecision(), files.plan(), COMMAND_TIMEOUT_NS))
            {
                out.println("session refused: not armed (" + operator.status().state() + ", " +
                    operator.status().lastRejectReason() + ")");
                return refused(out, files);
            }
            startTick = operator.status().tick();
            operator.post(SessionEvent.START, 0, null);
            startNs = System.nanoTime();
            final long budgetNs = files.plan().maxSessionNs() + 10 * MINUTE_NS;
            long nextPrintNs = (long)(everyS * 1e9);
            while (true)
            {
                Thread.sleep(10);
                final long sinceNs = System.nanoTime() - startNs;
                while (next < script.size() && script.get(next).atNs() <= sinceNs)
                {
                    final Scripted command = script.get(next++);
                    operator.post(command.command(), command.arg(), null);
                }
                final ControllerStatus status = operator.status();
                peakUa = Math.max(peakUa, status.currentUa());
                if (sinceNs >= nextPrintNs)
                {
                    print(out, status, periodNs);
                    nextPrintNs += (long)(everyS * 1e9);
                }
                if (ended(status.state()) && status.tick() > startTick + 1 || sinceNs > budgetNs)
                {
                    break;
                }
            }
            if (skinCheck != null)
            {
                // through the inbox to the running control thread, as a device's UI would send it
                final long id = operator.post(SessionEvent.SKIN_CHECK, 0, skinCheckOf(files));
                operator.awaitDrained(id, COMMAND_TIMEOUT_NS);
                reportSkinCheck(out, id, operator.status());
            }
        }
        finally
        {
            runner.close();
        }
        out.printf(ConsoleNumbers.LOCALE, "real time: %,d ticks in %.1f s, %,d deadlines missed, longest tick %.1f µs%n",
            agent.ticks(), (System.nanoTime() - startNs) / 1e9, agent.missedDeadlines(),
            controller.overrun().longestNs() / 1e3);
        // the control thread's events go to the journal only: a STOP the script sent counts as the operator's
        return summary(out, controller, publisher, files.plan(), stopAtS >= 0, controller.tick() - startTick, peakUa,
            -1);
    }

    /**
     * Compiles the tick path before the real-time loop starts (a cold JVM runs its first ticks late enough
     * to trip SR-9): a throwaway controller on a second sim handle, faster than real time, through the same
     * states. A device does the same at power-up, before any patient is connected.
     */
    private static void warmUp(final ControllerContext ctx, final TreatmentFiles files)
    {
        try (SimDriver sim = HalBinding.configured()
            .openSim("seed=1, watchdog_ms=0, step_us=" + ctx.tickPeriodNs() / 1_000))
        {
            final CommandInbox inbox = new CommandInbox(ctx.inboxCapacityBytes());
            final SessionDriver driver = new SessionDriver(
                new Controller(ctx, sim, inbox, JournalSink.NONE, new StatusPublisher()), inbox);
            driver.postBegin(files.screening().toDecision(), files.plan());
            driver.ticks(50_000);
        }
    }

    /** SR-22: the grade typed with --skin-check, or null; a bad one (or a bad note) is a one-line usage error. */
    private SkinGrade skinGrade()
    {
        if (skinCheck == null)
        {
            return null;
        }
        final SkinGrade grade = SkinGrade.parse(skinCheck);
        if (grade == null)
        {
            throw new InvalidConfigurationException("--skin-check", "--skin-check = '" + skinCheck + "' is not a skin " +
                "grade: allowed " + SkinGrade.allowedNames());
        }
        try
        {
            new SkinCheck(grade, skinNote, "patient", "PLACEMENT");
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigurationException("--skin-note", "--skin-" + ex.getMessage());
        }
        return grade;
    }

    private SkinCheck skinCheckOf(final TreatmentFiles files)
    {
        final Screening screening = files.screening().screening();
        return new SkinCheck(skinGrade(), skinNote, screening.patientId(), screening.placement().name());
    }

    /**
     * SR-22: the history of the device journal (--skin-history, else --journal), verified by default (H-48) with
     * --skin-history-key or the public key of --device-key; read unverified only when asked by name.
     */
    private SkinHistory skinHistory(final PrintWriter out)
    {
        final Path dir = skinHistoryDir != null ? skinHistoryDir : journalDir;
        if (skinHistoryUnverified && skinHistoryKeyFile != null)
        {
            throw new InvalidConfigurationException("--skin-history-unverified", "--skin-history-unverified and " +
                "--skin-history-key exclude each other: give the key to verify the history, or neither");
        }
        if (dir == null)
        {
            return SkinHistory.NONE;
        }
        if (skinHistoryDir != null)
        {
            JournalArgs.requireJournal(skinHistoryDir);
        }
        if (skinHistoryUnverified)
        {
            out.println("skin history read UNVERIFIED from " + dir + " (--skin-history-unverified): a removed or " +
                "edited skin record would go unnoticed");
            return JournalSkinHistory.read(dir);
        }
        final PublicKey key = skinHistoryKeyFile != null ? JournalArgs.devicePublicKey(skinHistoryKeyFile) :
            deviceKeyFile != null ? DeviceKeys.publicKeyOf(Ed25519Signer.load(deviceKeyFile).privateKey()) : null;
        if (key == null)
        {
            throw new InvalidConfigurationException("--skin-history-key", "--skin-history needs the device's public " +
                "key to verify the history before it is trusted: --skin-history-key FILE (or --device-key); " +
                "--skin-history-unverified reads it as it is");
        }
        return JournalSkinHistory.read(dir, key);
    }

    private int refused(final PrintWriter out, final TreatmentFiles files)
    {
        if (skinCheck != null)
        {
            out.println("skin check not recorded: the session never started");
        }
        if (files.screening().blockedBySkin())
        {
            out.println("session refused by SR-22: " + files.screening().skin().detail());
            return ExitCodes.SKIN_REVIEW_REQUIRED;
        }
        return ExitCodes.FAILED;
    }

    private void reportSkinCheck(final PrintWriter out, final long id, final ControllerStatus status)
    {
        if (status.lastAcceptedCommandId() >= id)
        {
            final SkinGrade grade = skinGrade();
            out.println("skin check recorded" + (journalDir != null ? " and journaled" : "") + ": " + grade.cliName() +
                (skinNote.isEmpty() ? "" : " \"" + skinNote + "\"") + " (" + grade.description() + ")");
            out.println("aftercare: " + SkinAdvice.of(grade));
            if (grade.needsReview())
            {
                out.println("the next session of this patient at this site is blocked until a clinician signs a " +
                    "review (galvani sign-skin-review)");
            }
        }
        else
        {
            out.println("skin check refused: " + status.lastRejectReason().description());
        }
    }

    private static boolean ended(final SessionState state)
    {
        return state == SessionState.COMPLETE || state.latched() || state == SessionState.ARMED;
    }

    private static int summary(
        final PrintWriter out,
        final Controller controller,
        final StatusPublisher publisher,
        final SessionPlan plan,
        final boolean operatorStopped,
        final long ticks,
        final double peakUa,
        final long trips)
    {
        final ControllerStatus end = publisher.read(new ControllerStatus());
        out.printf(ConsoleNumbers.LOCALE, "session ended in %s after %.1f s of treatment (%d ticks from START): dose %.3f mA·min " +
            "(normal %.3f, reversed %.3f)%s, peak current %.3f mA%s%n", end.state(), end.treatmentElapsedNs() / 1e9,
            ticks, end.doseMaMin(), end.doseNormalUc() / 60_000.0, end.doseReversedUc() / 60_000.0,
            end.doseTargetUc() > 0 ? String.format(ConsoleNumbers.LOCALE, " of %.3f prescribed", end.doseTargetUc() / 60_000.0) : "",
            peakUa / 1e3, trips < 0 ? "" : ", trips " + trips);
        if (end.state().latched())
        {
            out.println("last trip: " + controller.lastTrip());
        }
        final SessionOutcome outcome = SessionOutcome.classify(end.state(), operatorStopped,
            end.doseNormalUc() + end.doseReversedUc(), end.treatmentElapsedNs(), plan.doseTargetUc(), plan.durationNs());
        out.printf(ConsoleNumbers.LOCALE, "outcome: %s (%s)%n", outcome, outcome.meaning());
        return ExitCodes.of(outcome);
    }

    private static void print(final PrintWriter out, final ControllerStatus s, final long periodNs)
    {
        out.printf(ConsoleNumbers.LOCALE, "  [%9.3f s] %-15s I %7.3f mA (avg %7.3f) setpoint %7.3f target %7.3f mA, " +
            "dose %8.3f mA·min, treated %7.1f s, remaining %7.1f s, limits: %s%n", s.tick() * periodNs * 1e-9,
            s.state(), s.currentUa() / 1e3, s.averageUa() / 1e3, s.setpointUa() / 1e3, s.targetUa() / 1e3,
            s.doseMaMin(), s.treatmentElapsedNs() / 1e9, s.treatmentRemainingNs() / 1e9, s.activeClampReasons());
    }

    private static String ending(final SessionPlan plan)
    {
        if (plan.doseTargetUc() > 0)
        {
            return String.format(ConsoleNumbers.LOCALE, "ends at %.1f mA·min (at most %.1f min)", plan.doseTargetUc() / 60_000.0,
                plan.maxSessionNs() / 60e9);
        }
        return String.format(ConsoleNumbers.LOCALE, "%.1f min%s", plan.durationNs() / 60e9,
            plan.reverseAtHalfTime() ? ", polarity reversed at half time" : "");
    }
}
