package org.galvani.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.locks.LockSupport;

import org.galvani.command.CommandInbox;
import org.galvani.controller.AgentSessionDriver;
import org.galvani.controller.Controller;
import org.galvani.controller.ControllerAgent;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerStatus;
import org.galvani.controller.StatusPublisher;
import org.galvani.hal.jna.JnaSimDriver;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * A child JVM for the crash-safety and disk-full tests: a real {@link Controller} on the native sim,
 * journaled by a {@link ChronicleJournal} signed with the demo device key, run at real time (1 kHz) by its
 * {@link ControllerAgent} on this thread.
 *
 * <p>Arguments: journal folder, DIRECT or HAND_OFF, run milliseconds (0: until killed), Chronicle block size
 * (0: default), optionally the plan's longest session in ms (default one hour; the journal checks the
 * disk has room for it) and the disk runway in bytes. Prints {@code REFUSED <why>} when the journal refuses the session, {@code READY}
 * once the treatment runs and, when the controller faults or the time is up,
 * {@code STATE <state> <trip cause> <last trip tick>}, {@code FAILURE <journal failure>} and
 * {@code END <summary>} or {@code NOEND <why>} after trying to end the session.
 */
public final class JournalChildMain
{
    private JournalChildMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final JournalMode mode = JournalMode.valueOf(args[1]);
        final long runMs = Long.parseLong(args[2]);
        final long blockSize = Long.parseLong(args[3]);
        final long maxSessionNs = (args.length > 4 ? Long.parseLong(args[4]) : 3_600_000L) * 1_000_000L;
        final long runwayBytes = args.length > 5 ? Long.parseLong(args[5]) : JournalOptions.DEFAULT_RUNWAY_BYTES;
        final long periodNs = 1_000_000L;
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(periodNs)
            .monitorLimits(MonitorLimits.defaults(35_000, 60_000, periodNs)
                // a child JVM with a cold JIT on a shared machine: SR-9 timing trips are not under test here
                .withTiming(500_000_000L, 100_000_000L, 1000));
        try (JnaSimDriver sim = JnaSimDriver.open("seed=1, watchdog_ms=0");
             ChronicleJournal journal = ChronicleJournal.open(dir, new JournalOptions()
                 .devicePrivateKey(demoKey()).mode(mode).sealIntervalRecords(256).blockSizeBytes(blockSize)
                 .runwayBytes(runwayBytes)))
        {
            try
            {
                journal.startSession(SessionHeader.of("sim-crash-test", ctx, sim.info())
                    .withClinical("", "clear", "", "", "", "test plan, not a prescription", "sim seed=1"), maxSessionNs);
            }
            catch (final IllegalStateException ex)
            {
                System.out.println("REFUSED " + ex.getMessage());
                System.out.flush();
                return;
            }
            final CommandInbox inbox = new CommandInbox(ctx.conclude().inboxCapacityBytes());
            final StatusPublisher publisher = new StatusPublisher();
            final Controller controller = new Controller(ctx, sim, inbox, journal, publisher);
            final ControllerAgent agent = new ControllerAgent(controller);
            new AgentSessionDriver(inbox, publisher).postBegin(new ScreeningDecision(true, "clear"), SessionPlan.builder()
                .prescriptionId("crash-test")
                .authorised(true)
                .startUa(10_000)
                .capUa(20_000)
                .stepUa(500)
                .rampRateUaPerS(1_000)
                .durationNs(maxSessionNs)
                .maxSessionNs(maxSessionNs)
                .tripLevelUa(25_000)
                .densityLimitUa(30_000)
                .doseTripUc(1e12)
                .peakLimitUa(25_000)
                .contactTestUa(50)
                .contactMaxOhm(50_000)
                .contactMinOhm(300)
                .conclude());
            System.out.println("READY");
            System.out.flush();
            final long endNs = System.nanoTime() + runMs * 1_000_000L;
            while (runMs == 0 || (System.nanoTime() - endNs < 0 && controller.state() != SessionState.FAULT))
            {
                if (agent.doWork() == 0)
                {
                    LockSupport.parkNanos(20_000);
                }
            }
            final ControllerStatus status = publisher.read(new ControllerStatus());
            System.out.println("STATE " + controller.state() + " " + status.lastTripCause() + " " +
                status.lastTripTick());
            System.out.println("FAILURE " + journal.failure());
            System.out.flush();
            if (runMs > 0)
            {
                try
                {
                    System.out.println("END " + journal.endSession());
                }
                catch (final IllegalStateException ex)
                {
                    System.out.println("NOEND " + ex.getMessage());
                }
                System.out.flush();
            }
        }
    }

    static PrivateKey demoKey() throws Exception
    {
        final StringBuilder base64 = new StringBuilder();
        for (final String line : Files.readAllLines(demoKeyFile(), StandardCharsets.UTF_8))
        {
            if (!line.isBlank() && !line.startsWith("#"))
            {
                base64.append(line.strip());
            }
        }
        return KeyFactory.getInstance("Ed25519")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.toString())));
    }

    static Path demoKeyFile()
    {
        return Path.of("..", "docs", "examples", "demo-device.key").toAbsolutePath().normalize();
    }
}
