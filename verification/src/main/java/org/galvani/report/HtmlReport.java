package org.galvani.report;

import java.util.List;
import java.util.Map;

import org.galvani.controller.EventType;
import org.galvani.hal.HalInfo;
import org.galvani.journal.JournaledOverride;
import org.galvani.journal.SessionHeader;
import org.galvani.safety.TripCause;
import org.galvani.screening.OverrideStatement;
import org.galvani.session.Clamp;
import org.galvani.session.RejectReason;
import org.galvani.session.SessionOutcome;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.session.SkinGrade;

/**
 * Renders a {@link SessionReport} as one self-contained HTML page an auditor can read on screen and print
 * on A4: session header, prescription vs delivered, an inline SVG plot of measured current and setpoint
 * with state bands and trip markers, the dose curve, time per state, trips and hold-offs, clamps with
 * their reasons (SR-17), every event, and a check of the journal's session summary against the tick
 * records. No script, no external font, image or style sheet; every journaled text is HTML-escaped, so a
 * screening summary or prescription id cannot inject markup. See docs/auditor-export.md.
 */
public final class HtmlReport
{
    private static final double UC_PER_MA_MIN = 60_000.0;
    private static final double NS_PER_MIN = 60e9;

    private static final String CSS = """
        @page { size: A4; margin: 14mm 12mm 16mm 12mm; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { font: 10pt/1.4 Arial, Helvetica, "Liberation Sans", sans-serif; color: #111; margin: 16px auto;
               max-width: 1000px; padding: 0 12px; }
        h1 { font-size: 17pt; margin: 0 0 2px 0; }
        h2 { font-size: 12.5pt; margin: 20px 0 6px 0; padding-bottom: 2px; border-bottom: 1.5px solid #555;
             break-after: avoid; page-break-after: avoid; }
        h3 { font-size: 10.5pt; margin: 12px 0 4px 0; break-after: avoid; page-break-after: avoid; }
        p { margin: 4px 0; }
        .sub { color: #444; margin-bottom: 10px; }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 4px 0 8px 0; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top;
                 overflow-wrap: anywhere; word-break: break-word; }
        th { background: #eef0f3; }
        table.kv th { width: 26%; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 8.5pt; }
        .ok { color: #1b5e20; font-weight: bold; }
        .bad { color: #b71c1c; font-weight: bold; }
        .warn { color: #8a5a00; font-weight: bold; }
        .swatch { display: inline-block; width: 12px; height: 10px; border: 1px solid #888; margin-right: 5px;
                  vertical-align: baseline; }
        figure { margin: 6px 0 10px 0; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: 9pt; color: #333; }
        svg.plot { width: 100%; height: auto; display: block; }
        svg .small { font-size: 10px; }
        tr.trip td { background: #fdeaea; }
        footer { margin-top: 18px; font-size: 8.5pt; color: #555; border-top: 1px solid #bbb; padding-top: 4px; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 9pt; }
          h2.page { break-before: page; page-break-before: always; }
        }
        """;

    private HtmlReport()
    {
    }

    /**
     * @param r the accumulated session.
     * @return the whole page.
     */
    public static String render(final SessionReport r)
    {
        final SessionHeader h = r.header();
        final StringBuilder sb = new StringBuilder(256 * 1024);
        final String prescriptionId = r.plan() != null ? r.plan().prescriptionId() : fieldValue(r, "prescriptionId");
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .append(esc("Galvani session report: " + h.deviceId() +
                (prescriptionId.isEmpty() ? "" : ", " + prescriptionId)))
            .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        sb.append("<h1>Galvani session report</h1>\n<p class=\"sub\">Device <b>").append(esc(h.deviceId()))
            .append("</b>")
            .append(prescriptionId.isEmpty() ? "" : " · prescription <b>" + esc(prescriptionId) + "</b>")
            .append(" · ").append(Html.count(r.tickCount())).append(" ticks · outcome ").append(outcome(r))
            .append("</p>\n");

        header(sb, r);
        prescriptionVsDelivered(sb, r);

        sb.append("<h2 id=\"current\">3. Current and setpoint</h2>\n<figure>").append(Svg.currentPlot(r))
            .append("<figcaption>Measured current (min and max per interval of ")
            .append(Html.count(r.bucketWidthTicks())).append(r.bucketWidthTicks() == 1 ? " tick" : " ticks")
            .append(", so single-tick spikes stay visible) and setpoint, over session time = tick index × ")
            .append(Html.fixed(h.tickPeriodNs() / 1000.0, 1))
            .append(" µs. Background: session state. Markers: trips (T) and hold-offs (H), numbered as in section 6.")
            .append("</figcaption></figure>\n");
        sb.append("<h2 id=\"dose\">4. Dose</h2>\n<figure>").append(Svg.dosePlot(r))
            .append("<figcaption>Delivered dose ∫|I|dt in mA·min (1 mA·min = 60,000 µC), total and per electrode ")
            .append("polarity, against the prescribed dose.</figcaption></figure>\n");

        states(sb, r);
        trips(sb, r);
        clamps(sb, r);
        events(sb, r);
        summaryCheck(sb, r);
        skinCheck(sb, r);

        sb.append("<footer>Generated from the session journal by Galvani ").append(esc(SessionHeader.LIBRARY_VERSION))
            .append(" (the journal was written by ").append(esc(h.libraryVersion()))
            .append("). Every value is read from the journal's records; nothing is estimated. ")
            .append("Series are downsampled for the plots only; the exports hold every tick.</footer>\n")
            .append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void header(final StringBuilder sb, final SessionReport r)
    {
        final SessionHeader h = r.header();
        sb.append("<h2 id=\"session\">1. Session</h2>\n<table class=\"kv\"><tbody>\n");
        kv(sb, "Device", esc(h.deviceId()));
        kv(sb, "Library version", esc(h.libraryVersion()));
        kv(sb, "Configuration hash",
            r.configHash().isEmpty() ? "<i>not recorded</i>"
                : "<span class=\"mono\">" + esc(r.configHash()) + "</span>");
        final HalInfo hal = h.hal();
        if (hal != null)
        {
            kv(sb, "Driver", esc((hal.backend() == HalInfo.BACKEND_SIM ? "sim (simulated load)"
                : hal.backend() == HalInfo.BACKEND_IIO ? "iio (Linux Industrial I/O)" : "backend " + hal.backend()) +
                ", ABI " + (hal.abiVersion() >>> 16) + "." + (hal.abiVersion() & 0xffff) + ", " +
                Html.fixed(hal.dacUaPerCode(), 4) + " µA per DAC code, compliance " +
                Html.fixed(hal.complianceMv() / 1000.0, 1) + " V"));
        }
        kv(sb, "Control period", esc(Html.fixed(h.tickPeriodNs() / 1000.0, 1) + " µs (" +
            Html.fixed(1e9 / Math.max(1, h.tickPeriodNs()), 0) + " Hz)"));
        final String ticks = r.tickCount() == 0 ? "none" : Html.count(r.tickCount()) + " (tick " + r.firstTick() +
            " to " + r.lastTick() + ", " + Html.clock(r.seconds(r.lastTick() + 1)) + " of session time)";
        kv(sb, "Tick records", esc(ticks) + (r.tickGaps() == 0 ? ""
            : " <span class=\"bad\">" + Html.count(r.tickGaps()) +
            " gap(s) in the tick index</span>"));
        kv(sb, "Session end record", r.summary() != null ? "present (checked in section 9)"
            : "<span class=\"bad\">none: the journal ends at tick " + r.lastTick() +
            " without a session-end record</span>");
        final String screening = h.screeningSummary().isEmpty() && r.screening() != null
            ? r.screening().summary() : h.screeningSummary();
        final String frozen = r.screening() == null ? "" : r.screening().armable()
            ? "<span class=\"ok\">armable</span> · " : "<span class=\"bad\">blocks the session</span> · ";
        kv(sb, "Screening (SR-1)", frozen + (screening.isEmpty() ? "<i>none recorded</i>" : esc(screening)));
        if (!h.overrides().isEmpty())
        {
            kv(sb, "Clinician overrides (SR-19)", overrides(h));
        }
        kv(sb, "Prescription signed by", h.prescriptionClinicianId().isEmpty() ? "<i>not signed</i>"
            : esc(h.prescriptionClinicianId()));
        kv(sb, "Signature (Ed25519, base64)", h.prescriptionSignature().isEmpty() ? "<i>none</i>"
            : "<span class=\"mono\">" + esc(h.prescriptionSignature()) + "</span>");
        kv(sb, "Authorisation (SR-16)", (h.authorisation().isEmpty() ? "<i>not recorded</i>" : esc(h.authorisation())) +
            (r.plan() == null ? "" : r.plan().authorised() ? " · <span class=\"ok\">plan authorised</span>"
                : " · <span class=\"bad\">plan NOT authorised</span>"));
        if (!h.notes().isEmpty())
        {
            kv(sb, "Notes", esc(h.notes()));
        }
        sb.append("</tbody></table>\n");
        sb.append("<h3>Prescription as signed</h3>\n");
        if (r.prescriptionFields().isEmpty())
        {
            sb.append("<p><i>The session header holds no prescription.</i></p>\n");
        }
        else
        {
            sb.append("<table class=\"kv\"><thead><tr><th>field</th><th>value</th></tr></thead><tbody>\n");
            for (final SessionReport.Field field : r.prescriptionFields())
            {
                kv(sb, esc(field.name()), esc(field.value()));
            }
            sb.append("</tbody></table>\n");
        }
    }

    private static void prescriptionVsDelivered(final StringBuilder sb, final SessionReport r)
    {
        final SessionPlan p = r.plan();
        final SessionReport.Delivered d = r.delivered();
        sb.append("<h2 id=\"delivered\">2. Prescription vs delivered</h2>\n");
        if (p == null)
        {
            sb.append("<p class=\"warn\">No prescription was armed in this session (no ARM event with a session ")
                .append("plan): only the delivered values are shown.</p>\n");
        }
        sb.append("<table><colgroup><col style=\"width:22%\"><col style=\"width:26%\"><col style=\"width:26%\">")
            .append("<col style=\"width:26%\"></colgroup><thead><tr><th>quantity</th><th>prescribed</th>")
            .append("<th>delivered</th><th>note</th></tr></thead><tbody>\n");
        final String finalState = d.finalState() < 0 ? "no ticks" : EventText.state(d.finalState());
        final SessionOutcome outcome = d.outcome(p);
        row(sb, "Outcome", "COMPLETE (plan delivered)", esc(outcome.name()) + " (final state " + esc(finalState) + ")",
            (outcome == SessionOutcome.COMPLETE ? "<span class=\"ok\">" : "<span class=\"bad\">") +
                esc(outcome.meaning()) + "</span>");
        final double deliveredMaMin = d.doseTotalUc() / UC_PER_MA_MIN;
        if (p != null && p.doseTargetUc() > 0)
        {
            final double target = p.doseTargetUc() / UC_PER_MA_MIN;
            final double diff = (deliveredMaMin - target) / target * 100.0;
            row(sb, "Dose (mA·min)", Html.fixed(target, 3), Html.fixed(deliveredMaMin, 3),
                (Math.abs(diff) <= 0.5 ? "<span class=\"ok\">" : "<span class=\"warn\">") + signed(diff, 2) +
                    " % of prescribed</span>; dose trip bound " + Html.fixed(p.doseTripUc() / UC_PER_MA_MIN, 3));
        }
        else
        {
            row(sb, "Dose (mA·min)", p == null ? "—" : "— (time-ended)", Html.fixed(deliveredMaMin, 3), "");
        }
        row(sb, "Polarity", p == null ? "—" : (p.startReversed() ? "reversed" : "normal") +
                (p.reverseAtHalfTime() ? ", swapped at half time" : ", fixed"),
            "normal " + Html.fixed(d.doseNormalUc() / UC_PER_MA_MIN, 3) + " mA·min, reversed " +
                Html.fixed(d.doseReversedUc() / UC_PER_MA_MIN, 3) + " mA·min", "dose per electrode polarity");
        final double minutes = d.treatmentElapsedNs() / NS_PER_MIN;
        if (p != null && p.durationNs() > 0)
        {
            row(sb, "Treatment time (min)", Html.fixed(p.durationNs() / NS_PER_MIN, 3), Html.fixed(minutes, 3),
                "longest permitted " + Html.fixed(p.maxSessionNs() / NS_PER_MIN, 3) + " min; paused in HOLD-OFF");
        }
        else
        {
            row(sb, "Treatment time (min)", p == null ? "—" : "— (dose-ended)", Html.fixed(minutes, 3),
                p == null ? "" : "longest permitted " + Html.fixed(p.maxSessionNs() / NS_PER_MIN, 3) + " min");
        }
        row(sb, "Current (mA)", p == null ? "—" : "start " + Html.fixed(p.startUa() / 1000.0, 3) + ", cap " +
                Html.fixed(p.capUa() / 1000.0, 3) + ", step " + Html.fixed(p.stepUa() / 1000.0, 3),
            "max measured " + Html.fixed(d.maxMeasuredUa() / 1000.0, 3) + (d.maxMeasuredTick() < 0 ? ""
                : " at " + Html.clock(r.seconds(d.maxMeasuredTick()))) + "; max setpoint " +
                Html.fixed(d.maxSetpointUa() / 1000.0, 3) + "; max target " + Html.fixed(d.maxTargetUa() / 1000.0, 3),
            p == null ? "" : d.maxMeasuredUa() > p.tripLevelUa()
                ? "<span class=\"bad\">above the trip level " + Html.fixed(p.tripLevelUa() / 1000.0, 3) + " mA</span>"
                : "below the trip level " + Html.fixed(p.tripLevelUa() / 1000.0, 3) + " mA (SR-3)");
        if (p != null)
        {
            row(sb, "Current density limit (mA)", Html.fixed(p.densityLimitUa() / 1000.0, 3) + " average", "—",
                "over the electrode area (SR-4)");
            row(sb, "Ramp rate (mA/s)", Html.fixed(p.rampRateUaPerS() / 1000.0, 3), "—",
                "soft start and ramp down (SR-10)");
            row(sb, "Pulse duty", p.dutyPermille() >= 1000 ? "continuous"
                : p.dutyPermille() + " ‰" + ", peak limit " +
                Html.fixed(p.peakLimitUa() / 1000.0, 3) + " mA", "—", "");
            row(sb, "Clamps set by validation", esc(Clamp.describe(p.validationClamps())), "—", "SR-17, section 7");
        }
        row(sb, "Output enabled", "—", esc(Html.count(d.outputEnabledTicks()) + " ticks (" +
            Html.clock(d.outputEnabledTicks() * (double) r.header().tickPeriodNs() / 1e9) + ")"), "");
        final long trips = r.markers().stream().filter(SessionReport.Marker::trip).count();
        row(sb, "Trips / hold-offs", "none", trips + " / " + (r.markers().size() - trips),
            trips == 0 ? "<span class=\"ok\">no trip</span>" : "<span class=\"bad\">see section 6</span>");
        sb.append("</tbody></table>\n");
    }

    private static void states(final StringBuilder sb, final SessionReport r)
    {
        sb.append("<h2 id=\"states\">5. Time in each state</h2>\n<table><colgroup><col style=\"width:34%\">")
            .append("<col style=\"width:22%\"><col style=\"width:22%\"><col style=\"width:22%\"></colgroup>")
            .append("<thead><tr><th>state</th><th>ticks</th><th>time (m:ss.mmm)</th><th>share</th></tr></thead>")
            .append("<tbody>\n");
        for (final Map.Entry<SessionState, Long> e : r.ticksPerState().entrySet().stream()
            .sorted(Map.Entry.comparingByKey()).toList())
        {
            sb.append("<tr><td><span class=\"swatch\" style=\"background:").append(Svg.stateColour(e.getKey().code()))
                .append("\"></span>").append(e.getKey().name()).append("</td><td class=\"num\">")
                .append(Html.count(e.getValue())).append("</td><td class=\"num\">")
                .append(Html.clock(e.getValue() * (double) r.header().tickPeriodNs() / 1e9))
                .append("</td><td class=\"num\">")
                .append(Html.fixed(100.0 * e.getValue() / Math.max(1, r.tickCount()), 2))
                .append(" %</td></tr>\n");
        }
        sb.append("</tbody></table>\n<p>").append(Html.count(r.bands().size())).append(" state interval(s).")
            .append(r.bandsTruncated() ? " <span class=\"warn\">More than " + ReportBuilder.MAX_BANDS +
                " state changes: the plot shows the rest as one band; the events in section 8 list every change.</span>"
                : "").append("</p>\n");
    }

    private static void trips(final StringBuilder sb, final SessionReport r)
    {
        sb.append("<h2 id=\"trips\">6. Trips and hold-offs</h2>\n");
        if (r.markers().isEmpty())
        {
            sb.append("<p class=\"ok\">No trip and no hold-off.</p>\n");
            return;
        }
        sb.append("<table><colgroup><col style=\"width:7%\"><col style=\"width:12%\"><col style=\"width:11%\">")
            .append("<col style=\"width:20%\"><col style=\"width:50%\"></colgroup><thead><tr><th>mark</th>")
            .append("<th>time (m:ss.mmm)</th><th>tick</th><th>cause</th><th>what the journal says</th></tr></thead>")
            .append("<tbody>\n");
        int tripNumber = 0;
        int holdOffNumber = 0;
        for (final SessionReport.Marker m : r.markers())
        {
            final String label = m.trip() ? "T" + ++tripNumber : "H" + ++holdOffNumber;
            final String requirement = m.cause() >= 0 && m.cause() < TripCause.values().length
                ? " (" + TripCause.fromCode(m.cause()).requirement() + ")" : "";
            sb.append(m.trip() ? "<tr class=\"trip\">" : "<tr>").append("<td>").append(label).append("</td><td>")
                .append(Html.clock(r.seconds(m.tick()))).append("</td><td class=\"num\">").append(m.tick())
                .append("</td><td>").append(esc(EventText.tripCause(m.cause()) + requirement)).append("</td><td>")
                .append(esc(m.text())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    private static void clamps(final StringBuilder sb, final SessionReport r)
    {
        sb.append("<h2 id=\"clamps\">7. Clamps (SR-17)</h2>\n");
        if (r.clamps().isEmpty())
        {
            sb.append("<p>No request was clamped in this session.</p>\n");
            return;
        }
        sb.append("<table><colgroup><col style=\"width:19%\"><col style=\"width:33%\"><col style=\"width:12%\">")
            .append("<col style=\"width:12%\"><col style=\"width:12%\"><col style=\"width:12%\"></colgroup><thead><tr>")
            .append("<th>clamp</th><th>reason</th><th>first active (m:ss.mmm)</th><th>time active (m:ss.mmm)</th>")
            .append("<th>activations</th>")
            .append("<th>change events</th></tr></thead><tbody>\n");
        for (final SessionReport.ClampUsage c : r.clamps())
        {
            sb.append("<tr><td>").append(c.clamp().name())
                .append(c.fromPrescription() ? " <i>(set by validation)</i>" : "")
                .append("</td><td>").append(esc(c.clamp().reason())).append("</td><td>")
                .append(c.firstTick() < 0 ? "—" : Html.clock(r.seconds(c.firstTick())))
                .append("</td><td class=\"num\">")
                .append(Html.clock(c.activeTicks() * (double) r.header().tickPeriodNs() / 1e9))
                .append("</td><td class=\"num\">").append(c.activations()).append("</td><td class=\"num\">")
                .append(c.changeEvents()).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        final List<SessionReport.EventLine> refused = r.events().stream()
            .filter(e -> e.type() == EventType.COMMAND_REJECTED && e.code() == RejectReason.ABOVE_CAP.code()).toList();
        if (!refused.isEmpty())
        {
            sb.append("<p>").append(refused.size())
                .append(" titration request(s) above the prescription cap were clamped and reported (section 8).")
                .append("</p>\n");
        }
    }

    private static void events(final StringBuilder sb, final SessionReport r)
    {
        sb.append("<h2 id=\"events\" class=\"page\">8. Events</h2>\n");
        if (r.events().isEmpty())
        {
            sb.append("<p>No events.</p>\n");
            return;
        }
        sb.append("<table><colgroup><col style=\"width:11%\"><col style=\"width:10%\"><col style=\"width:19%\">")
            .append("<col style=\"width:60%\"></colgroup><thead><tr><th>time (m:ss.mmm)</th><th>tick</th>")
            .append("<th>event</th>")
            .append("<th>details</th></tr></thead><tbody>\n");
        for (final SessionReport.EventLine e : r.events())
        {
            final boolean bad = e.type() != null && switch (e.type())
            {
                case TRIP, COMMAND_REJECTED -> true;
                default -> false;
            };
            sb.append(bad ? "<tr class=\"trip\">" : "<tr>").append("<td>").append(Html.clock(r.seconds(e.tick())))
                .append("</td><td class=\"num\">").append(e.tick()).append("</td><td>")
                .append(e.type() == null ? "?" : e.type().name()).append("</td><td>").append(esc(e.text()))
                .append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    /** SR-22: the post-session skin check(s) with the standard aftercare advice for each grade. */
    private static void skinCheck(final StringBuilder sb, final SessionReport r)
    {
        sb.append("<h2 id=\"skin\">10. Skin check and aftercare (SR-22)</h2>\n");
        boolean any = false;
        for (final SessionReport.EventLine e : r.events())
        {
            if (e.type() != EventType.SKIN_CHECKED)
            {
                continue;
            }
            if (!any)
            {
                sb.append("<table><colgroup><col style=\"width:16%\"><col style=\"width:34%\">")
                    .append("<col style=\"width:50%\"></colgroup><thead><tr><th>grade</th><th>recorded</th>")
                    .append("<th>aftercare advice</th></tr></thead><tbody>\n");
                any = true;
            }
            final SkinGrade grade = SkinGrade.fromCode(e.code());
            sb.append(grade.needsReview() ? "<tr class=\"trip\">" : "<tr>").append("<td>").append(esc(grade.cliName()))
                .append("</td><td>").append(esc(e.text())).append("</td><td>").append(esc(SkinAdvice.of(grade)))
                .append("</td></tr>\n");
        }
        if (!any)
        {
            sb.append("<p>No skin check was recorded for this session.</p>\n");
            return;
        }
        sb.append("</tbody></table>\n<p>A blister or burn blocks this patient's next session at this electrode site ")
            .append("until a clinician signs a review of it (galvani sign-skin-review). The advice is standard ")
            .append("aftercare, not a diagnosis; its sources are listed in docs/auditor-export.md.</p>\n");
    }

    private static void summaryCheck(final StringBuilder sb, final SessionReport r)
    {
        sb.append("<h2 id=\"summary\">9. Session summary check</h2>\n");
        final SessionSummaryView s = r.summary();
        if (s == null)
        {
            sb.append("<p class=\"bad\">The journal has no session-end record: it ends at tick ").append(r.lastTick())
                .append(". The values above are computed from the tick records alone.</p>\n");
            return;
        }
        final SessionReport.Delivered d = r.delivered();
        sb.append("<p>The journal's session-end record against the values computed from the tick records.</p>\n")
            .append("<table><colgroup><col style=\"width:28%\"><col style=\"width:27%\"><col style=\"width:27%\">")
            .append("<col style=\"width:18%\"></colgroup><thead><tr><th>value</th><th>session-end record</th>")
            .append("<th>from the ticks</th><th>check</th></tr></thead><tbody>\n");
        check(sb, "Last tick", Long.toString(s.lastTick()), Long.toString(r.lastTick()), s.lastTick() == r.lastTick());
        check(sb, "Final state", s.finalState().name(), EventText.state(d.finalState()),
            s.finalState().code() == d.finalState());
        check(sb, "Dose, normal polarity (µC)", Double.toString(s.doseNormalUc()), Double.toString(d.doseNormalUc()),
            Double.compare(s.doseNormalUc(), d.doseNormalUc()) == 0);
        check(sb, "Dose, reversed polarity (µC)", Double.toString(s.doseReversedUc()),
            Double.toString(d.doseReversedUc()), Double.compare(s.doseReversedUc(), d.doseReversedUc()) == 0);
        check(sb, "Max current (µA)", Double.toString(s.maxCurrentUa()), Double.toString(d.maxMeasuredUa()),
            Math.abs(s.maxCurrentUa() - d.maxMeasuredUa()) <= 1e-9 * Math.max(1.0, Math.abs(s.maxCurrentUa())));
        check(sb, "Treatment time (ns)", Long.toString(s.treatmentElapsedNs()), Long.toString(d.treatmentElapsedNs()),
            s.treatmentElapsedNs() == d.treatmentElapsedNs());
        final long trips = r.markers().stream().filter(SessionReport.Marker::trip).count();
        check(sb, "Trips", Integer.toString(s.trips()), Long.toString(trips) + " (TRIP events)", s.trips() == trips);
        for (final Map.Entry<SessionState, Long> e : s.ticksPerState().entrySet().stream()
            .sorted(Map.Entry.comparingByKey()).toList())
        {
            final long computed = r.ticksPerState().getOrDefault(e.getKey(), 0L);
            check(sb, "Ticks in " + e.getKey().name(), Long.toString(e.getValue()), Long.toString(computed),
                e.getValue() == computed);
        }
        sb.append("</tbody></table>\n");
    }

    private static void check(final StringBuilder sb, final String what, final String recorded, final String computed,
        final boolean agrees)
    {
        sb.append("<tr><td>").append(esc(what)).append("</td><td class=\"num\">").append(esc(recorded))
            .append("</td><td class=\"num\">").append(esc(computed)).append("</td><td>")
            .append(agrees ? "<span class=\"ok\">agrees</span>" : "<span class=\"bad\">DIFFERS</span>")
            .append("</td></tr>\n");
    }

    /**
     * @param h the session header.
     * @return the journaled overrides, one line each, escaped: what was overridden, by whom, for which
     *         prescription, until when and why, with the session's start they were judged against.
     */
    static String overrides(final SessionHeader h)
    {
        final StringBuilder sb = new StringBuilder();
        for (final JournaledOverride journaled : h.overrides())
        {
            if (sb.length() > 0)
            {
                sb.append("<br>");
            }
            try
            {
                final OverrideStatement st = OverrideStatement.parse(journaled.statement());
                sb.append(esc(st.condition() + " by " + st.clinicianId() + " for prescription " + st.prescriptionId() +
                    ", placement " + st.placement() + ", expires " + st.expiresAt() + ": \"" + st.reason() + "\""));
            }
            catch (final IllegalArgumentException ex)
            {
                sb.append("<span class=\"bad\">").append(esc("not a valid override statement: " + ex.getMessage()))
                    .append("</span>");
            }
        }
        return sb.append(" · session started ").append(h.sessionStart().isEmpty() ? "<i>not recorded</i>" :
            esc(h.sessionStart())).append(" · signatures re-verified by <span class=\"mono\">galvani verify " +
            "--trusted-clinicians</span>").toString();
    }

    private static String outcome(final SessionReport r)
    {
        final SessionOutcome outcome = r.delivered().outcome(r.plan());
        final String name = r.delivered().finalState() < 0 ? "no ticks" : outcome.name();
        final String css = outcome == SessionOutcome.COMPLETE ? "ok" : "bad";
        return "<span class=\"" + css + "\">" + esc(name) + "</span>";
    }

    private static String fieldValue(final SessionReport r, final String name)
    {
        for (final SessionReport.Field field : r.prescriptionFields())
        {
            if (field.name().equals(name) || field.name().endsWith("." + name))
            {
                return field.value();
            }
        }
        return "";
    }

    private static void kv(final StringBuilder sb, final String keyHtml, final String valueHtml)
    {
        sb.append("<tr><th>").append(keyHtml).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    private static void row(final StringBuilder sb, final String what, final String prescribedHtml,
        final String deliveredHtml, final String noteHtml)
    {
        sb.append("<tr><th>").append(esc(what)).append("</th><td>").append(prescribedHtml).append("</td><td>")
            .append(deliveredHtml).append("</td><td>").append(noteHtml).append("</td></tr>\n");
    }

    private static String signed(final double value, final int decimals)
    {
        return (value > 0 ? "+" : "") + Html.fixed(value, decimals);
    }

    private static String esc(final String text)
    {
        return Html.escape(text);
    }
}
