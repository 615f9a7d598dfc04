package org.galvani.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.galvani.controller.EventType;
import org.galvani.session.Clamp;
import org.galvani.session.SessionState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The report of a synthetic 100,000-tick session: every section, the plots with their series, bands and
 * markers, escaped text, and a bounded size for a 40-minute session.
 */
class HtmlReportTest
{
    private static final long TICKS = 100_000;
    private static SyntheticSession session;
    private static SessionReport report;
    private static String html;

    @BeforeAll
    static void render() throws IOException
    {
        session = new SyntheticSession(TICKS);
        final ReportBuilder builder = new ReportBuilder().configHash("sha256:0f3a<9>");
        session.pushTo(builder, true);
        report = builder.build();
        html = HtmlReport.render(report);
    }

    @Test
    @DisplayName("the report has every section an auditor needs, in order")
    void everySection()
    {
        int at = 0;
        for (final String id : List.of("session", "delivered", "current", "dose", "states", "trips", "clamps", "events",
            "summary"))
        {
            final int next = html.indexOf("id=\"" + id + "\"");
            assertTrue(next > at, "section " + id + " missing or out of order");
            at = next;
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("@page { size: A4;"), "print CSS for A4");
        assertTrue(html.contains("thead { display: table-header-group; }"), "headers repeat on each printed page");
        assertTrue(html.contains("sha256:0f3a&lt;9&gt;"), "configuration hash shown, escaped");
        assertTrue(html.contains("signature verified against trusted key of dr-who"), "authorisation outcome");
        assertTrue(html.contains("dr-&lt;b&gt;who&lt;/b&gt;"), "the signer, escaped");
        assertTrue(html.contains("PATIENT-43") && html.contains("sports-injury-dexamethasone"), "prescription fields");
        assertTrue(html.contains("<th>Dose (mA·min)</th><td>6.000</td>"), "prescribed dose against delivered");
        assertTrue(html.contains("FAULT") && html.contains("a safety trip ended the session"), "the outcome");
    }

    @Test
    @DisplayName("the current plot has both series, coloured state bands, a trip marker and a hold-off marker")
    void plotSeriesBandsMarkers()
    {
        final String current = section("current", "dose");
        assertTrue(current.contains("data-series=\"measured\""));
        assertTrue(current.contains("data-series=\"setpoint\""));
        for (final SessionState state : List.of(SessionState.ARMED, SessionState.RAMP_UP, SessionState.TREATING,
            SessionState.HOLD_OFF, SessionState.FAULT))
        {
            assertTrue(current.contains("<title>" + state.name() + "</title></rect>"), "band for " + state);
        }
        assertEquals(1, count(current, "class=\"marker trip\""));
        assertEquals(1, count(current, "class=\"marker hold-off\""));
        assertTrue(current.contains("current (mA)") && current.contains("session time (s)"), "axes with units");
        assertTrue(current.contains("measured current</text>") && current.contains("trip (T1, T2 …)</text>"),
            "legend");
        final String dose = section("dose", "states");
        assertTrue(dose.contains("data-series=\"dose-total\"") && dose.contains("prescribed 6.000 mA·min"));
        assertTrue(dose.contains("dose (mA·min)"));
    }

    @Test
    @DisplayName("downsampling keeps at most 2,048 points per current series and the one-tick spike that tripped")
    void downsamplingKeepsSpike()
    {
        assertTrue(report.measuredUa().size() <= ReportBuilder.MAX_SERIES_POINTS,
            "points: " + report.measuredUa().size());
        assertTrue(report.measuredUa().contains(new SessionReport.Point(session.tripTick(), SyntheticSession.SPIKE_UA)),
            "the spike survives downsampling");
        final Matcher polyline = Pattern.compile("data-series=\"measured\"[^>]*points=\"([^\"]*)\"").matcher(html);
        assertTrue(polyline.find());
        assertEquals(report.measuredUa().size(), polyline.group(1).split(" ").length);
        assertEquals(TICKS, report.tickCount());
        assertEquals(SyntheticSession.SPIKE_UA, report.delivered().maxMeasuredUa());
    }

    @Test
    @DisplayName("SR-17 clamps are listed with their reasons, the prescription's own clamp marked, the refusal counted")
    void clampsWithReasons()
    {
        final String clamps = section("clamps", "events");
        assertTrue(clamps.contains("COMPLIANCE_LIMITED"));
        assertTrue(clamps.contains(Html.escape(Clamp.COMPLIANCE_LIMITED.reason())));
        assertTrue(clamps.contains("DENSITY_CAP <i>(set by validation)</i>"));
        assertTrue(clamps.contains("1 titration request(s) above the prescription cap"));
        final SessionReport.ClampUsage compliance = report.clamps().stream()
            .filter(c -> c.clamp() == Clamp.COMPLIANCE_LIMITED).findFirst().orElseThrow();
        assertEquals(TICKS / 4 - TICKS / 5, compliance.activeTicks());
        assertEquals(1, compliance.activations());
        assertEquals(2, compliance.changeEvents());
    }

    @Test
    @DisplayName("the trip and event tables decode every code to text")
    void tripAndEventTables()
    {
        final String trips = section("trips", "clamps");
        assertTrue(trips.contains("OVERCURRENT (SR-3)"));
        assertTrue(trips.contains("measured 9000 µA, limit 4400 µA"));
        assertTrue(trips.contains("CONTACT_LOST (SR-6)"));
        final String events = section("events", "summary");
        assertTrue(events.contains("TREATING → FAULT on TRIP"));
        assertTrue(events.contains("ADJUST refused in TREATING (argument 5): ABOVE_CAP: "));
        assertTrue(events.contains("clamps now COMPLIANCE_LIMITED"));
        assertTrue(events.contains("contact check: 3200 Ω against limit 50000 Ω"));
        assertEquals(report.events().size(), count(events, "<tr") - 1);
        assertTrue(report.events().stream().anyMatch(e -> e.type() == EventType.PRESCRIPTION_ARMED));
    }

    @Test
    @DisplayName("journaled text cannot inject markup: screening summary, prescription id, notes, device id")
    void textIsEscaped()
    {
        assertFalse(html.contains("<script"), "no script element");
        assertFalse(html.contains("<img"), "no img element");
        assertFalse(html.contains("<b>who"), "no markup from the signer id");
        assertEquals(1, count(html, "</style>"), "the notes cannot close the style element");
        assertTrue(html.contains(
            "&lt;script&gt;alert(&#39;screening&#39;)&lt;/script&gt; &amp; &quot;no contraindication&quot;"));
        assertTrue(html.contains("RX-&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assertTrue(html.contains("device-&lt;7&gt;"));
    }

    @Test
    @DisplayName("SR-19 the report shows the journaled clinician overrides and the session's start, escaped")
    void journaledOverridesShown()
    {
        assertTrue(html.contains("Clinician overrides (SR-19)"), "the overrides row");
        assertTrue(html.contains("EPILEPSY by dr-&lt;b&gt;who&lt;/b&gt; for prescription RX-&quot;&gt;&lt;img " +
            "src=x onerror=alert(1)&gt;, placement LIMB_LOCAL, expires 2026-12-06T17:00:00Z: &quot;&lt;img src=x " +
            "onerror=alert(2)&gt; seizure-free, reviewed&quot;"), "the override, escaped");
        assertTrue(html.contains("session started 2026-12-06T09:00:00Z"));
    }

    @Test
    @DisplayName("the page is self-contained: no script, link, image, external font or URL")
    void selfContained()
    {
        for (final String forbidden : List.of("http:", "https:", "url(", "@import", "<link", "<script", "<img",
            "<iframe", "<object", "@font-face"))
        {
            assertFalse(html.contains(forbidden), "must not contain " + forbidden);
        }
        assertFalse(Pattern.compile("<[a-zA-Z][^<>]*\\s(src|href|xlink:href)=").matcher(html).find(),
            "no element with a src or href attribute");
    }

    @Test
    @DisplayName("the journal summary is checked against the ticks: agrees, DIFFERS when tampered, missing when cut")
    void summaryCheck() throws IOException
    {
        final String summary = section("summary", "</body>");
        assertFalse(summary.contains("DIFFERS"), summary);
        assertTrue(summary.contains("agrees"));

        final SyntheticSession other = new SyntheticSession(30_000);
        final ReportBuilder cut = new ReportBuilder();
        other.pushTo(cut, false);
        final String cutHtml = HtmlReport.render(cut.build());
        assertTrue(cutHtml.contains("without a session-end record"));
        assertTrue(cutHtml.contains("The journal has no session-end record: it ends at tick 29999"));

        final ReportBuilder tampered = new ReportBuilder();
        other.pushTo(tampered, false);
        final SessionSummaryView real = other.summary();
        tampered.onSessionEnd(new SessionSummaryView(real.lastTick(), real.finalState(), real.doseNormalUc() + 1.0,
            real.doseReversedUc(), real.maxCurrentUa(), real.treatmentElapsedNs(), real.trips(), real.ticksPerState()));
        assertTrue(HtmlReport.render(tampered.build()).contains("<span class=\"bad\">DIFFERS</span>"));
    }

    @Test
    @DisplayName("a 40-minute session at 1 kHz (2.4 M ticks) gives a report of about the same bounded size")
    void sizeBoundedForLongSession() throws IOException
    {
        final SyntheticSession longSession = new SyntheticSession(2_400_000);
        final ReportBuilder builder = new ReportBuilder();
        longSession.pushTo(builder, true);
        final SessionReport longReport = builder.build();
        final String longHtml = HtmlReport.render(longReport);
        assertTrue(longHtml.length() < 400_000, "report size " + longHtml.length());
        assertTrue(longHtml.length() < html.length() * 1.5, longHtml.length() + " vs " + html.length());
        assertTrue(longReport.measuredUa().size() <= ReportBuilder.MAX_SERIES_POINTS);
        assertTrue(longReport.measuredUa().contains(
            new SessionReport.Point(longSession.tripTick(), SyntheticSession.SPIKE_UA)), "spike kept at 2.4 M ticks");
        assertTrue(longHtml.contains("session time (min)"), "minutes on the time axis of a long session");
        assertNotNull(longReport.summary());
        assertFalse(longHtml.contains("DIFFERS"));
    }

    private static String section(final String id, final String next)
    {
        final int from = html.indexOf("id=\"" + id + "\"");
        final int to = next.startsWith("<") ? html.indexOf(next, from) : html.indexOf("id=\"" + next + "\"", from);
        assertTrue(from >= 0 && to > from, "section " + id);
        return html.substring(from, to);
    }

    private static int count(final String text, final String needle)
    {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length()))
        {
            n++;
        }
        return n;
    }
}
