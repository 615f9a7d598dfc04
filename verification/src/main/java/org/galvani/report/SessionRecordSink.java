package org.galvani.report;

import java.io.IOException;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.TickRecord;
import org.galvani.journal.SessionHeader;

/**
 * Receives one journaled session in journal order: {@link #onSessionStart} once, then for each tick the
 * tick's events ({@link #onEvent}) followed by its record ({@link #onTick}), and finally
 * {@link #onSessionEnd} when the journal holds a session-end record (a journal cut short by a crash has
 * none: the sink is then simply not told, and renders what it saw).
 *
 * <p>The journal reader pushes decoded records into one or more sinks ({@link ReportBuilder},
 * {@link CsvExport}, {@link JsonExport}). Both {@link ControllerEvent} and {@link TickRecord} may be
 * reused by the caller after each call: a sink copies what it keeps. Threading: one thread at a time.
 */
public interface SessionRecordSink
{
    /**
     * @param header the session-start record.
     * @throws IOException when the sink cannot write.
     */
    void onSessionStart(SessionHeader header) throws IOException;

    /**
     * @param event one event of the tick about to be pushed with {@link #onTick}.
     * @throws IOException when the sink cannot write.
     */
    void onEvent(ControllerEvent event) throws IOException;

    /**
     * @param tick one tick record, after its events.
     * @throws IOException when the sink cannot write.
     */
    void onTick(TickRecord tick) throws IOException;

    /**
     * @param summary the session-end record.
     * @throws IOException when the sink cannot write.
     */
    void onSessionEnd(SessionSummaryView summary) throws IOException;
}
