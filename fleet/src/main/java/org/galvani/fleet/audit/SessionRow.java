package org.galvani.fleet.audit;

import java.io.Serializable;

/**
 * One session of a verified journal with its aggregates: a row of the {@code sessions} table.
 *
 * @param journal             the journal's folder.
 * @param device              the device id (session header).
 * @param sessionId           the prescription id when present, else journal#ordinal.
 * @param ordinal             the session's position in its journal (0 …).
 * @param protocol            the prescription's protocol, "" when none.
 * @param drug                the prescription's drug, null when it names none.
 * @param mode                the prescription's mode (TARGET, TITRATION …), "" when none.
 * @param prescribedDoseMaMin the prescribed dose (mA·min), null when the prescription has none.
 * @param deliveredDoseMaMin  the dose delivered, both polarities (mA·min), from the last tick.
 * @param durationS           ticks × period (s).
 * @param outcome             the session's final state (COMPLETE, FAULT, E_STOP …); INCOMPLETE when the
 *                            journal ends inside it.
 * @param ticks               tick records.
 * @param trips               entries into FAULT.
 * @param tripsByCause        trips by cause, "CAUSE=n;…" sorted by cause, "" when none.
 * @param clampsByCause       clamp activations (rising edges over the ticks) by clamp, "CLAMP=n;…".
 * @param contactEvents       contact events: hold-offs and trips for lost contact, failed contact checks.
 * @param holdOffs            hold-off events.
 * @param longestTickUs       longest tick duration recorded (µs).
 * @param lateTicks           ticks that started later than the monitor's late threshold.
 * @param maxMeasuredMa       largest measured current (mA).
 * @param seals               seals verified in the whole journal.
 * @param verdict             the journal's verdict (OK or an INCOMPLETE one).
 */
public record SessionRow(
    String journal, String device, String sessionId, int ordinal, String protocol, String drug, String mode,
    Double prescribedDoseMaMin, double deliveredDoseMaMin, double durationS, String outcome, long ticks, long trips,
    String tripsByCause, String clampsByCause, long contactEvents, long holdOffs, double longestTickUs,
    long lateTicks, double maxMeasuredMa, long seals, String verdict) implements Serializable
{
    private static final long serialVersionUID = 1L;
}
