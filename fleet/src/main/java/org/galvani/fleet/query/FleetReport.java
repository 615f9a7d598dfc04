package org.galvani.fleet.query;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet report: one self-contained HTML page (inline SVG, no script, no external resource, like the
 * session report of the verification module) with the answers of every {@link NamedQuery} and their plots:
 * the dose-accuracy histogram, trips per 1,000 sessions by cause, and contact events per session for each
 * device (the rising ones drawn in red).
 *
 * <p>Threading: one thread. Allocation: per report.
 */
public final class FleetReport
{
    private static final int W = 640;
    private static final int H = 240;
    private static final int PAD = 40;

    private FleetReport()
    {
    }

    /**
     * @param db the fleet's tables.
     * @return the page.
     * @throws SQLException when a query fails.
     */
    public static String render(final FleetDb db) throws SQLException
    {
        final StringBuilder sb = new StringBuilder(16_384);
        final FleetDb.Answer counts = db.query("SELECT (SELECT count(*) FROM journals) AS journals, " +
            "(SELECT count(*) FROM sessions) AS sessions, (SELECT count(DISTINCT device) FROM sessions) AS devices, " +
            "(SELECT count(*) FROM events WHERE type = 'TRIP') AS trips");
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Galvani fleet report</title>")
            .append("<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}")
            .append("td,th{border:1px solid #bbb;padding:2px 8px;text-align:left}th{background:#eee}")
            .append("svg{border:1px solid #ddd;margin:.5em 0}.bad{color:#b00}</style></head><body>\n")
            .append("<h1>Galvani fleet report</h1>\n<p>");
        for (int c = 0; c < counts.columns().size(); c++)
        {
            sb.append(c == 0 ? "" : " · ").append(esc(String.valueOf(counts.rows().get(0).get(c)))).append(' ')
                .append(esc(counts.columns().get(c)));
        }
        sb.append("</p>\n");
        final FleetDb.Answer failed = db.query(NamedQuery.FAILED_JOURNALS.sql());
        section(sb, NamedQuery.FAILED_JOURNALS, failed, failed.rows().isEmpty() ? "<p>none: every journal verified " +
            "with its device's key (OK or INCOMPLETE).</p>" : "<p class=\"bad\">" + failed.rows().size() +
            " journal(s) failed verification: their sessions are not in the tables.</p>");
        final FleetDb.Answer errors = db.query("SELECT 100.0 * (delivered_dose_ma_min - prescribed_dose_ma_min) / " +
            "prescribed_dose_ma_min AS err FROM sessions WHERE prescribed_dose_ma_min IS NOT NULL AND " +
            "outcome = 'COMPLETE' ORDER BY err");
        final List<Double> values = new ArrayList<>();
        errors.rows().forEach(r -> values.add(((Number)r.get(0)).doubleValue()));
        section(sb, NamedQuery.DOSE_ACCURACY, db.query(NamedQuery.DOSE_ACCURACY.sql()), histogram(values,
            "dose error (%)"));
        final FleetDb.Answer trips = db.query(NamedQuery.TRIPS_PER_1000.sql());
        final Map<String, Double> bars = new LinkedHashMap<>();
        trips.rows().forEach(r -> bars.put(r.get(0) + " (" + r.get(1) + ")", ((Number)r.get(3)).doubleValue()));
        section(sb, NamedQuery.TRIPS_PER_1000, trips, bars(bars, "trips per 1,000 sessions"));
        final FleetDb.Answer rising = db.query(NamedQuery.RISING_CONTACT_FAULTS.sql());
        final List<String> risingDevices = new ArrayList<>();
        rising.rows().forEach(r -> risingDevices.add(String.valueOf(r.get(0))));
        final FleetDb.Answer perSession = db.query("SELECT device, row_number() OVER (PARTITION BY device " +
            "ORDER BY session_id) AS seq, contact_events FROM sessions ORDER BY device, seq");
        final Map<String, List<double[]>> series = new LinkedHashMap<>();
        perSession.rows().forEach(r -> series.computeIfAbsent(String.valueOf(r.get(0)), d -> new ArrayList<>())
            .add(new double[] {((Number)r.get(1)).doubleValue(), ((Number)r.get(2)).doubleValue()}));
        section(sb, NamedQuery.RISING_CONTACT_FAULTS, rising, lines(series, risingDevices));
        section(sb, NamedQuery.OUTCOMES, db.query(NamedQuery.OUTCOMES.sql()), "");
        return sb.append("</body></html>\n").toString();
    }

    private static void section(final StringBuilder sb, final NamedQuery query, final FleetDb.Answer answer,
        final String figure)
    {
        sb.append("<h2>").append(esc(query.title())).append("</h2>\n").append(figure).append("\n<table><tr>");
        answer.columns().forEach(c -> sb.append("<th>").append(esc(c)).append("</th>"));
        sb.append("</tr>\n");
        for (final List<Object> row : answer.rows())
        {
            sb.append("<tr>");
            row.forEach(v -> sb.append("<td>").append(esc(String.valueOf(v))).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<p><small>named query <code>").append(query.cliName()).append("</code></small></p>\n");
    }

    private static String histogram(final List<Double> values, final String label)
    {
        if (values.isEmpty())
        {
            return "<p>no completed dose-based session.</p>";
        }
        final double min = values.get(0);
        final double max = values.get(values.size() - 1);
        final int buckets = 20;
        final double width = Math.max((max - min) / buckets, 1e-9);
        final int[] counts = new int[buckets];
        values.forEach(v -> counts[Math.min(buckets - 1, (int)((v - min) / width))]++);
        int top = 1;
        for (final int c : counts)
        {
            top = Math.max(top, c);
        }
        final StringBuilder svg = svgOpen(label + " — " + values.size() + " sessions, " + fmt(min) + " … " + fmt(max));
        final double bw = (W - 2.0 * PAD) / buckets;
        for (int i = 0; i < buckets; i++)
        {
            final double h = (H - 2.0 * PAD) * counts[i] / top;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" " +
                "fill=\"#4a7\"><title>%s … %s: %d</title></rect>", PAD + i * bw, H - PAD - h, bw - 1, h,
                fmt(min + i * width), fmt(min + (i + 1) * width), counts[i]));
        }
        axisText(svg, fmt(min), fmt(max), Integer.toString(top));
        return svg.append("</svg>").toString();
    }

    private static String bars(final Map<String, Double> bars, final String label)
    {
        if (bars.isEmpty())
        {
            return "<p>no trip in the fleet.</p>";
        }
        double top = 1e-9;
        for (final double v : bars.values())
        {
            top = Math.max(top, v);
        }
        final StringBuilder svg = svgOpen(label);
        final double bh = (H - 2.0 * PAD) / bars.size();
        int i = 0;
        for (final Map.Entry<String, Double> bar : bars.entrySet())
        {
            final double w = (W - 3.0 * PAD - 160) * bar.getValue() / top;
            final double y = PAD + i++ * bh;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\">%s</text>" +
                "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c44\"/>" +
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>", 4, y + bh / 2 + 4, esc(bar.getKey()),
                PAD + 160, y + 2, w, bh - 4, PAD + 164 + w, y + bh / 2 + 4, fmt(bar.getValue())));
        }
        return svg.append("</svg>").toString();
    }

    private static String lines(final Map<String, List<double[]>> series, final List<String> highlighted)
    {
        if (series.isEmpty())
        {
            return "<p>no sessions.</p>";
        }
        double maxX = 1;
        double maxY = 1;
        for (final List<double[]> points : series.values())
        {
            for (final double[] p : points)
            {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        final StringBuilder svg = svgOpen("contact events per session, by device (red: rising)");
        for (final Map.Entry<String, List<double[]>> device : series.entrySet())
        {
            final boolean red = highlighted.contains(device.getKey());
            svg.append("<polyline fill=\"none\" stroke=\"").append(red ? "#c00" : "#999").append("\" stroke-width=\"")
                .append(red ? 2 : 1).append("\" points=\"");
            for (final double[] p : device.getValue())
            {
                svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", PAD + (W - 2.0 * PAD) * (p[0] - 1) / Math.max(1,
                    maxX - 1), H - PAD - (H - 2.0 * PAD) * p[1] / maxY));
            }
            svg.append("\"><title>").append(esc(device.getKey())).append("</title></polyline>");
        }
        axisText(svg, "session 1", "session " + (int)maxX, fmt(maxY));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder svgOpen(final String title)
    {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" " +
            "width=\"%d\" height=\"%d\" role=\"img\"><title>%s</title><text x=\"%d\" y=\"16\" font-size=\"12\">%s" +
            "</text><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>", W, H, esc(title), PAD, esc(title),
            PAD, H - PAD, W - PAD, H - PAD));
    }

    private static void axisText(final StringBuilder svg, final String left, final String right, final String top)
    {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>" +
            "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>" +
            "<text x=\"2\" y=\"%d\" font-size=\"11\">%s</text>", PAD, H - PAD + 14, esc(left), W - PAD, H - PAD + 14,
            esc(right), PAD, esc(top)));
    }

    private static String fmt(final double v)
    {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String esc(final String s)
    {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
