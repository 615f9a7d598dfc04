package org.galvani.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.galvani.config.InvalidConfigurationException;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.galvani.journal.SessionHeader;
import org.galvani.report.HtmlReport;
import org.galvani.report.JournalSource;
import org.galvani.report.ReportBuilder;
import org.galvani.report.SessionRecordSink;
import org.galvani.report.SessionSummaryView;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code galvani report DIR --out report.html}: one self-contained HTML page an auditor would print for a
 * session of the journal (the last one unless {@code --session N}): header, prescription vs delivered,
 * current and setpoint over time with state bands and trip markers, dose curve, trips, clamps, events.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Writes a self-contained HTML report of a journaled session (inline SVG plots, no external "
        + "resources): prescription vs delivered, current and setpoint with state bands and trips, dose, events.")
public final class ReportCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal folder.")
    private Path dir;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The HTML file to write.")
    private Path out;

    @Option(names = "--session", paramLabel = "N", defaultValue = "0",
        description = "Which session of the journal, 1-based (default: the last one).")
    private int session;

    @Override
    public Integer call() throws IOException
    {
        final int chosen = SessionChoice.choose(JournalArgs.requireJournal(dir), session);
        final ReportBuilder builder = new ReportBuilder();
        final boolean[] started = new boolean[1];
        JournalSource.play(dir, chosen, new SessionRecordSink()
        {
            @Override
            public void onSessionStart(final SessionHeader header)
            {
                builder.configHash(JournalSource.configHash(header));
                builder.onSessionStart(header);
                started[0] = true;
            }

            @Override
            public void onEvent(final ControllerEvent event)
            {
                builder.onEvent(event);
            }

            @Override
            public void onTick(final TickRecord tick)
            {
                builder.onTick(tick);
            }

            @Override
            public void onSessionEnd(final SessionSummaryView summary)
            {
                builder.onSessionEnd(summary);
            }
        });
        if (!started[0])
        {
            throw new InvalidConfigurationException("DIR", "journal " + dir + " has no session " + chosen);
        }
        Files.writeString(out, HtmlReport.render(builder.build()), StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("report of session " + chosen + ": " + out);
        return ExitCodes.OK;
    }
}
