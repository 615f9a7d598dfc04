package org.galvani.journal;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.galvani.controller.ControllerContext;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.hal.HalInfo;
import org.galvani.safety.MonitorLimits;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionPlan;
import org.galvani.testing.TestHal;

/** Synthetic sessions for the journal's tests (no hardware). */
public final class JournalFixtures
{
    static final long PERIOD_NS = 1_000_000L;
    static final HalInfo INFO = TestHal.journalInfo();
    static final KeyPair KEYS = generate();

    private JournalFixtures()
    {
    }

    static KeyPair generate()
    {
        try
        {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static SessionHeader header()
    {
        final ControllerContext ctx = new ControllerContext().tickPeriodNs(PERIOD_NS)
            .monitorLimits(MonitorLimits.defaults(30_000, 50_000, PERIOD_NS));
        return SessionHeader.of("device-1", ctx, INFO)
            .withClinical("{}", "armable, no contraindication", "{\"rx\":1}", "dr-ada", "c2ln", "verified",
                "synthetic session, µ-test ✓");
    }

    static JournalOptions options(final JournalMode mode)
    {
        return new JournalOptions().devicePrivateKey(KEYS.getPrivate()).mode(mode).sealIntervalRecords(512);
    }

    /** Fills a tick record deterministically from its index (values vary in every field). */
    static TickRecord fill(final TickRecord r, final long tick)
    {
        final int i = (int)tick;
        r.tick = tick;
        r.scheduledNs = 5_000_000_000L + tick * PERIOD_NS;
        r.latenessNs = 1_000 + (i % 700);
        r.actualNs = r.scheduledNs + r.latenessNs;
        r.lastTickDurationNs = 900 + (i % 333);
        r.sampleResult = (i % 1000) == 7 ? -6 : 0;
        r.sample.set(1000 + (i % 2000), 1001 + (i % 2000), -3000 + (i % 17), 60_000 - (i % 9), 4000 + (i % 100),
            (i % 4) == 0 ? 1 : 3, tick + 3);
        r.stateBefore = i < 100 ? 0 : 4;
        r.stateAfter = i < 99 ? 0 : 4;
        r.verdict = (i % 5000) == 4999 ? 1 : 0;
        r.tripCause = r.verdict == 0 ? 0 : 7;
        r.activeClamps = (i % 3000) > 2000 ? 4 : 0;
        r.targetUa = 4000.0 + tick / 1000 * 500.0;
        r.setpointUa = Math.min(r.targetUa, tick * 1.1);
        r.measuredUa = r.setpointUa + Math.sin(tick) * 3.3;
        r.loadOhm = 3000.0 + Math.cos(tick) * 10.0 / 3.0;
        r.pTerm = Math.sin(tick * 0.1) / 3.0;
        r.iTerm = 1234.5678 + tick * 1e-3;
        r.dTerm = -Math.cos(tick * 0.2) / 7.0;
        r.ffTerm = 2000.0 / 3.0;
        r.command.set(1000 + (i % 30_000), (i % 20_000) > 10_000, i >= 100, 1000);
        r.actuateResult = 0;
        r.doseNormalUc = tick * 4.000001;
        r.doseReversedUc = tick * 0.5 / 3.0;
        r.treatmentElapsedNs = i < 100 ? 0 : (tick - 100) * PERIOD_NS;
        return r;
    }

    /** The event of tick n, with an attachment on some. */
    static ControllerEvent event(final ControllerEvent e, final long tick, final int k)
    {
        // the types journaled as EVENT records (SKIN_CHECKED, the last, is a SKIN_CHECK record of its own)
        final EventType type = EventType.values()[(int)((tick + k) % EventType.SKIN_CHECKED.ordinal())];
        e.reset(type, tick);
        e.commandId = tick * 10 + k;
        e.sessionEvent = k % 5;
        e.fromState = 2;
        e.toState = 3;
        e.code = (int)(tick % 21);
        e.arg = -k;
        e.measured = tick / 3.0;
        e.limit = 1e6 / 7.0;
        switch (k % 4)
        {
            case 1:
                e.attachment = new ScreeningDecision(tick % 2 == 0, "blocked by SR-1.R" + k + " — Überschuss ✓ 🙂");
                break;
            case 2:
                e.attachment = plan();
                break;
            case 3:
                e.attachment = new ResetAuthorisation("operator-" + k, "electrode re-seated, skin checked", true);
                break;
            default:
                e.attachment = null;
                break;
        }
        return e;
    }

    static SessionPlan plan()
    {
        return SessionPlan.builder()
            .prescriptionId("rx-42")
            .authorised(true)
            .startUa(4000)
            .capUa(20_000)
            .stepUa(500)
            .rampRateUaPerS(1000)
            .durationNs(1_200_000_000_000L)
            .doseTargetUc(2_400_000)
            .maxSessionNs(2_400_000_000_000L)
            .tripLevelUa(25_000)
            .densityLimitUa(30_000)
            .doseTripUc(2_500_000)
            .reverseAtHalfTime(true)
            .dutyPermille(800)
            .peakLimitUa(25_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300)
            .validationClamps(2)
            .conclude();
    }

    /** Writes one session of n ticks (events on every 50th tick, before it) and ends it. */
    static SessionSummary writeSession(final Path dir, final JournalMode mode, final long firstTick, final long n)
    {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, options(mode)))
        {
            journal.startSession(header());
            final SessionSummary summary = writeTicks(journal, firstTick, n);
            return summary;
        }
    }

    static SessionSummary writeTicks(final ChronicleJournal journal, final long firstTick, final long n)
    {
        final TickRecord r = new TickRecord();
        final ControllerEvent e = new ControllerEvent();
        for (long t = firstTick; t < firstTick + n; t++)
        {
            if (t % 50 == 0)
            {
                for (int k = 0; k < 4; k++)
                {
                    if (!journal.onEvent(event(e, t, k)))
                    {
                        throw new IllegalStateException(journal.failure());
                    }
                }
            }
            if (!journal.onTick(fill(r, t)))
            {
                throw new IllegalStateException(journal.failure());
            }
            if (journal.mode() == JournalMode.HAND_OFF)
            {
                pause(2_000); // a burst far faster than any control rate would only measure the ring's capacity
            }
        }
        return journal.endSession();
    }

    /**
     * Writes records byte for byte (chain values as they are) into a new queue at {@code dir}, rolled daily as the
     * device's journal: how the tamper and forgery tests lay down a journal someone has edited.
     *
     * @return {@code dir}.
     */
    public static Path writeRecords(final Path dir, final List<byte[]> records)
    {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile()).rollCycle(RollCycles.FAST_DAILY)
            .build();
             ExcerptAppender appender = queue.createAppender())
        {
            for (final byte[] record : records)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(record);
                }
            }
        }
        return dir;
    }

    static void pause(final long ns)
    {
        final long end = System.nanoTime() + ns;
        while (System.nanoTime() < end)
        {
            Thread.onSpinWait();
        }
    }
}
