package org.galvani.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.galvani.journal.JournalReader;
import org.galvani.journal.JournalVisitor;
import org.galvani.journal.SessionHeader;
import org.galvani.journal.SessionSummary;
import org.galvani.replay.Divergence;
import org.galvani.replay.ReplayReport;
import org.galvani.replay.Replayer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code galvani replay DIR}: re-runs every session's recorded inputs (raw samples, driver return codes,
 * timing, operator commands) through this version's controller and confirms every recorded decision —
 * state, trips, clamps, setpoint, DAC command, dose — is reproduced bit for bit (SR-15). On a mismatch it
 * names the first divergent tick and field. Exit 0 when every session is reproduced, 1 otherwise.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Replays a journal through the controller and confirms every recorded decision is reproduced bit for "
            + "bit (SR-15); names the first divergent tick and field. Exits 1 on a divergence."
    })
public final class ReplayCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal folder.")
    private Path dir;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final Sessions sessions = new Sessions(out);
        final long startNs = System.nanoTime();
        try (JournalReader reader = JournalReader.open(JournalArgs.requireJournal(dir)))
        {
            while (reader.next(sessions))
            {
                // pushed into the replayer
            }
        }
        sessions.finish();
        out.printf(Locale.ROOT, "%d session(s), %,d ticks replayed in %.2f s: %s%n", sessions.count,
            sessions.ticks, (System.nanoTime() - startNs) / 1e9,
            sessions.diverged == 0 ? "every decision reproduced" : sessions.diverged + " session(s) DIVERGED");
        return sessions.diverged == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Feeds each session into its own replayer. */
    private static final class Sessions implements JournalVisitor
    {
        private final PrintWriter out;
        private Replayer replayer;
        private int count;
        private int diverged;
        private long ticks;

        Sessions(final PrintWriter out)
        {
            this.out = out;
        }

        @Override
        public void onSessionStart(final long index, final SessionHeader header)
        {
            finish();
            count++;
            replayer = new Replayer(header);
        }

        @Override
        public void onEvent(final long index, final ControllerEvent event)
        {
            if (replayer != null && replayer.divergence() == null)
            {
                replayer.onRecordedEvent(event);
            }
        }

        @Override
        public void onTick(final long index, final TickRecord record)
        {
            if (replayer != null && replayer.divergence() == null)
            {
                replayer.onRecordedTick(record);
            }
        }

        @Override
        public void onSessionEnd(final long index, final SessionSummary summary)
        {
            finish();
        }

        void finish()
        {
            if (replayer == null)
            {
                return;
            }
            final ReplayReport report = replayer.report();
            ticks += report.ticksReplayed();
            final Divergence divergence = report.divergence();
            if (divergence == null)
            {
                out.printf(Locale.ROOT, "session %d: REPRODUCED, %,d ticks and %,d events identical%n", count,
                    report.ticksReplayed(), report.eventsCompared());
            }
            else
            {
                diverged++;
                out.printf(Locale.ROOT, "session %d: DIVERGED at tick %d, field %s: recorded %s, replayed %s%n",
                    count, divergence.tick(), divergence.field(), divergence.recordedValue(),
                    divergence.replayedValue());
            }
            replayer = null;
        }
    }
}
