package org.galvani.fleet.audit;

import java.io.Serializable;

/**
 * One noteworthy event of a session (trip, hold-off, clamp change, contact check, rejected command): a
 * row of the {@code events} table.
 *
 * @param journal   the journal's folder.
 * @param device    the device.
 * @param sessionId the session.
 * @param tick      the tick.
 * @param type      the event type.
 * @param cause     trip/hold-off cause name, clamp names, or reject reason; "" when none.
 * @param sr        the safety requirement of a trip or hold-off cause, "" otherwise.
 * @param text      the event as the report prints it.
 */
public record EventRow(String journal, String device, String sessionId, long tick, String type, String cause,
    String sr, String text) implements Serializable
{
    private static final long serialVersionUID = 1L;
}
