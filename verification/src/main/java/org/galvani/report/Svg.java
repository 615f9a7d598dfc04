package org.galvani.report;

import java.util.ArrayList;
import java.util.List;

import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * The report's two inline SVG plots: current and setpoint over time with state bands and trip markers,
 * and the dose curve. Plain SVG 1.1 elements, system fonts, every text escaped.
 */
final class Svg
{
    /** Colour of the measured current series (the Chromium test looks for it in the screenshot). */
    static final String MEASURED_COLOUR = "#1565c0";
    /** Colour of the setpoint series. */
    static final String SETPOINT_COLOUR = "#e65100";
    /** Colour of trip markers and limits. */
    static final String TRIP_COLOUR = "#c62828";
    /** Colour of hold-off markers. */
    static final String HOLD_OFF_COLOUR = "#9a7400";
    /** Colour of the total dose. */
    static final String DOSE_COLOUR = "#2e7d32";
    /** Colour of the normal-polarity dose. */
    static final String DOSE_NORMAL_COLOUR = "#6a1b9a";
    /** Colour of the reversed-polarity dose. */
    static final String DOSE_REVERSED_COLOUR = "#00838f";

    private static final String[] STATE_COLOURS = {
        "#eeeeee", // IDLE
        "#e4e4f4", // SCREENED
        "#dce6ef", // ARMED
        "#fff1bf", // RAMP_UP
        "#d6efd6", // TREATING
        "#e9dbf3", // POLARITY_SWITCH
        "#fde0c5", // RAMP_DOWN
        "#cfe8f3", // COMPLETE
        "#ffe28f", // HOLD_OFF
        "#f6c1c1", // FAULT
        "#efa0a0", // E_STOP
    };

    private static final int WIDTH = 960;
    private static final double X0 = 72;
    private static final double X1 = 945;
    private static final double Y0 = 18;
    private static final double Y1 = 300;
    private static final int MAX_MARKERS_DRAWN = 400;
    private static final int MAX_LABELLED_MARKERS = 40;

    private Svg()
    {
    }

    /**
     * @param stateCode a state code.
     * @return its band colour (grey for unknown codes).
     */
    static String stateColour(final int stateCode)
    {
        return stateCode >= 0 && stateCode < STATE_COLOURS.length ? STATE_COLOURS[stateCode] : "#cccccc";
    }

    /**
     * @param r the report.
     * @return the current plot.
     */
    static String currentPlot(final SessionReport r)
    {
        final Frame f = Frame.of(r);
        final SessionPlan plan = r.plan();
        double maxUa = Math.max(r.delivered().maxMeasuredUa(), r.delivered().maxSetpointUa());
        if (plan != null)
        {
            maxUa = Math.max(maxUa, Math.max(plan.capUa(), plan.tripLevelUa()));
        }
        final Axis y = Axis.of(maxUa / 1000.0);
        final List<Legend> legend = new ArrayList<>();
        final StringBuilder sb = new StringBuilder(64 * 1024);
        open(sb, "Measured current and setpoint over time with state bands and trip markers");

        sb.append("<g class=\"bands\">");
        final boolean[] seen = new boolean[STATE_COLOURS.length];
        for (final SessionReport.StateBand band : r.bands())
        {
            final double xa = f.x(r.seconds(band.fromTick()));
            final double xb = f.x(r.seconds(band.toTick() + 1));
            sb.append("<rect x=\"").append(n(xa)).append("\" y=\"").append(n(Y0)).append("\" width=\"")
                .append(n(Math.max(0.5, xb - xa))).append("\" height=\"").append(n(Y1 - Y0)).append("\" fill=\"")
                .append(stateColour(band.state())).append("\"><title>")
                .append(Html.escape(EventText.state(band.state())))
                .append("</title></rect>");
            if (band.state() >= 0 && band.state() < seen.length)
            {
                seen[band.state()] = true;
            }
        }
        sb.append("</g>");
        grid(sb, f, y, "current (mA)");

        if (plan != null)
        {
            final double yt = y.y(plan.tripLevelUa() / 1000.0);
            sb.append("<line x1=\"").append(n(X0)).append("\" y1=\"").append(n(yt)).append("\" x2=\"").append(n(X1))
                .append("\" y2=\"").append(n(yt)).append("\" stroke=\"").append(TRIP_COLOUR)
                .append("\" stroke-width=\"1\" stroke-dasharray=\"2 3\"/>");
            sb.append("<text x=\"").append(n(X1 - 4)).append("\" y=\"").append(n(yt - 4))
                .append("\" text-anchor=\"end\" class=\"small\" fill=\"").append(TRIP_COLOUR).append("\">trip level ")
                .append(Html.fixed(plan.tripLevelUa() / 1000.0, 2)).append(" mA</text>");
            legend.add(new Legend("trip level (SR-3)", TRIP_COLOUR, "2 3", false));
        }
        markers(sb, r, f, legend);
        series(sb, "measured", r.measuredUa(), r, f, y, 1e-3, MEASURED_COLOUR, 1.8, null);
        series(sb, "setpoint", r.setpointUa(), r, f, y, 1e-3, SETPOINT_COLOUR, 1.2, "6 5");
        legend.add(0, new Legend("setpoint", SETPOINT_COLOUR, "6 5", false));
        legend.add(0, new Legend("measured current", MEASURED_COLOUR, null, false));
        for (int s = 0; s < seen.length; s++)
        {
            if (seen[s])
            {
                legend.add(new Legend(SessionState.fromCode(s).name(), STATE_COLOURS[s], null, true));
            }
        }
        axes(sb, f);
        return close(sb, legend);
    }

    /**
     * @param r the report.
     * @return the dose plot.
     */
    static String dosePlot(final SessionReport r)
    {
        final Frame f = Frame.of(r);
        final SessionPlan plan = r.plan();
        double maxMaMin = r.delivered().doseTotalUc() / 60_000.0;
        final double targetMaMin = plan != null ? plan.doseTargetUc() / 60_000.0 : 0.0;
        maxMaMin = Math.max(maxMaMin, targetMaMin);
        final Axis y = Axis.of(maxMaMin);
        final List<Legend> legend = new ArrayList<>();
        final StringBuilder sb = new StringBuilder(32 * 1024);
        open(sb, "Delivered dose over time, total and per polarity, against the prescribed dose");
        grid(sb, f, y, "dose (mA·min)");
        markers(sb, r, f, legend);
        if (targetMaMin > 0)
        {
            final double yt = y.y(targetMaMin);
            sb.append("<line x1=\"").append(n(X0)).append("\" y1=\"").append(n(yt)).append("\" x2=\"").append(n(X1))
                .append("\" y2=\"").append(n(yt)).append("\" stroke=\"").append(TRIP_COLOUR)
                .append("\" stroke-width=\"1.2\" stroke-dasharray=\"8 4\"/>");
            sb.append("<text x=\"").append(n(X0 + 4)).append("\" y=\"").append(n(yt - 4))
                .append("\" class=\"small\" fill=\"").append(TRIP_COLOUR).append("\">prescribed ")
                .append(Html.fixed(targetMaMin, 3)).append(" mA·min</text>");
            legend.add(new Legend("prescribed dose", TRIP_COLOUR, "8 4", false));
        }
        series(sb, "dose-normal", r.doseNormalMaMin(), r, f, y, 1.0, DOSE_NORMAL_COLOUR, 1.2, "4 2");
        series(sb, "dose-reversed", r.doseReversedMaMin(), r, f, y, 1.0, DOSE_REVERSED_COLOUR, 1.2, "2 2");
        series(sb, "dose-total", r.doseTotalMaMin(), r, f, y, 1.0, DOSE_COLOUR, 2.0, null);
        legend.add(0, new Legend("reversed polarity", DOSE_REVERSED_COLOUR, "2 2", false));
        legend.add(0, new Legend("normal polarity", DOSE_NORMAL_COLOUR, "4 2", false));
        legend.add(0, new Legend("delivered dose (total)", DOSE_COLOUR, null, false));
        axes(sb, f);
        return close(sb, legend);
    }

    private static void open(final StringBuilder sb, final String title)
    {
        sb.append("<svg class=\"plot\" viewBox=\"0 0 ").append(WIDTH).append(" HEIGHT\" role=\"img\" ")
            .append("font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\"><title>").append(Html.escape(title))
            .append("</title>");
    }

    private static String close(final StringBuilder sb, final List<Legend> legend)
    {
        double x = X0;
        double y = Y1 + 56;
        sb.append("<g class=\"legend\">");
        for (final Legend item : legend)
        {
            final double width = 34 + 6.6 * item.label().length() + 16;
            if (x + width > X1 && x > X0)
            {
                x = X0;
                y += 18;
            }
            if (item.box())
            {
                sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y - 9))
                    .append("\" width=\"26\" height=\"12\"")
                    .append(" fill=\"").append(item.colour()).append("\" stroke=\"#888\" stroke-width=\"0.5\"/>");
            }
            else
            {
                sb.append("<line x1=\"").append(n(x)).append("\" y1=\"").append(n(y - 3)).append("\" x2=\"")
                    .append(n(x + 26)).append("\" y2=\"").append(n(y - 3)).append("\" stroke=\"").append(item.colour())
                    .append("\" stroke-width=\"2.5\"");
                if (item.dash() != null)
                {
                    sb.append(" stroke-dasharray=\"").append(item.dash()).append('"');
                }
                sb.append("/>");
            }
            sb.append("<text x=\"").append(n(x + 32)).append("\" y=\"").append(n(y + 1)).append("\">")
                .append(Html.escape(item.label())).append("</text>");
            x += width;
        }
        sb.append("</g></svg>");
        final int height = (int) Math.ceil(y + 12);
        final int at = sb.indexOf(" HEIGHT\"");
        sb.replace(at, at + 8, " " + height + "\"");
        return sb.toString();
    }

    private static void grid(final StringBuilder sb, final Frame f, final Axis y, final String yLabel)
    {
        sb.append("<g class=\"grid\" stroke=\"#bbbbbb\" stroke-width=\"0.5\">");
        for (final double v : y.ticks())
        {
            final double py = y.y(v);
            sb.append("<line x1=\"").append(n(X0)).append("\" y1=\"").append(n(py)).append("\" x2=\"").append(n(X1))
                .append("\" y2=\"").append(n(py)).append("\"/>");
        }
        for (final double v : f.axis().ticks())
        {
            final double px = X0 + (X1 - X0) * v / f.axis().max();
            sb.append("<line x1=\"").append(n(px)).append("\" y1=\"").append(n(Y0)).append("\" x2=\"").append(n(px))
                .append("\" y2=\"").append(n(Y1)).append("\"/>");
        }
        sb.append("</g><g class=\"labels\">");
        for (final double v : y.ticks())
        {
            sb.append("<text x=\"").append(n(X0 - 6)).append("\" y=\"").append(n(y.y(v) + 4))
                .append("\" text-anchor=\"end\">").append(Html.escape(y.label(v))).append("</text>");
        }
        for (final double v : f.axis().ticks())
        {
            final double px = X0 + (X1 - X0) * v / f.axis().max();
            sb.append("<text x=\"").append(n(px)).append("\" y=\"").append(n(Y1 + 16))
                .append("\" text-anchor=\"middle\">").append(Html.escape(f.axis().label(v))).append("</text>");
        }
        sb.append("<text x=\"").append(n((X0 + X1) / 2)).append("\" y=\"").append(n(Y1 + 34))
            .append("\" text-anchor=\"middle\" font-weight=\"bold\">").append(Html.escape(f.label())).append("</text>");
        sb.append("<text transform=\"translate(16,").append(n((Y0 + Y1) / 2))
            .append(") rotate(-90)\" text-anchor=\"middle\" font-weight=\"bold\">").append(Html.escape(yLabel))
            .append("</text></g>");
    }

    private static void axes(final StringBuilder sb, final Frame f)
    {
        sb.append("<path d=\"M").append(n(X0)).append(',').append(n(Y0)).append(" V").append(n(Y1)).append(" H")
            .append(n(X1)).append("\" fill=\"none\" stroke=\"#222\" stroke-width=\"1\"/>");
    }

    private static void series(
        final StringBuilder sb,
        final String id,
        final List<SessionReport.Point> points,
        final SessionReport r,
        final Frame f,
        final Axis y,
        final double scale,
        final String colour,
        final double width,
        final String dash)
    {
        if (points.isEmpty())
        {
            return;
        }
        sb.append("<polyline class=\"series\" data-series=\"").append(id).append("\" fill=\"none\" stroke=\"")
            .append(colour).append("\" stroke-width=\"").append(width).append("\" stroke-linejoin=\"round\"");
        if (dash != null)
        {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
        sb.append(" points=\"");
        boolean first = true;
        for (final SessionReport.Point p : points)
        {
            if (!first)
            {
                sb.append(' ');
            }
            first = false;
            sb.append(n(f.x(r.seconds(p.tick())))).append(',').append(n(y.y(p.value() * scale)));
        }
        sb.append("\"/>");
    }

    private static void markers(final StringBuilder sb, final SessionReport r, final Frame f, final List<Legend> legend)
    {
        boolean trips = false;
        boolean holdOffs = false;
        int tripNumber = 0;
        int holdOffNumber = 0;
        int drawn = 0;
        for (final SessionReport.Marker m : r.markers())
        {
            final String label = m.trip() ? "T" + ++tripNumber : "H" + ++holdOffNumber;
            if (drawn++ >= MAX_MARKERS_DRAWN)
            {
                continue;
            }
            trips |= m.trip();
            holdOffs |= !m.trip();
            final double x = f.x(r.seconds(m.tick()));
            final String colour = m.trip() ? TRIP_COLOUR : HOLD_OFF_COLOUR;
            sb.append("<g class=\"marker ").append(m.trip() ? "trip" : "hold-off").append("\"><title>")
                .append(Html.escape(label + ": " + m.text())).append("</title><line x1=\"").append(n(x))
                .append("\" y1=\"").append(n(Y0)).append("\" x2=\"").append(n(x)).append("\" y2=\"").append(n(Y1))
                .append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(m.trip() ? "2" : "1.2")
                .append('"').append(m.trip() ? "" : " stroke-dasharray=\"3 2\"").append("/>");
            if (m.trip() || holdOffNumber <= MAX_LABELLED_MARKERS)
            {
                sb.append("<path d=\"M").append(n(x - 5)).append(',').append(n(Y0 - 8)).append(" h10 l-5,8 z\" fill=\"")
                    .append(colour).append("\"/><text x=\"").append(n(x + 7)).append("\" y=\"").append(n(Y0 + 10))
                    .append("\" class=\"small\" fill=\"").append(colour).append("\" font-weight=\"bold\">")
                    .append(label).append("</text>");
            }
            sb.append("</g>");
        }
        if (trips)
        {
            legend.add(new Legend("trip (T1, T2 …)", TRIP_COLOUR, null, false));
        }
        if (holdOffs)
        {
            legend.add(new Legend("hold-off (H1, H2 …)", HOLD_OFF_COLOUR, "3 2", false));
        }
    }

    private static String n(final double value)
    {
        final long tenths = Math.round(value * 10.0);
        final long whole = tenths / 10;
        final long fraction = Math.abs(tenths % 10);
        if (fraction == 0)
        {
            return Long.toString(whole);
        }
        return (tenths < 0 && whole == 0 ? "-" : "") + whole + "." + fraction;
    }

    /** One legend entry. */
    private record Legend(String label, String colour, String dash, boolean box)
    {
    }

    /** The time axis of a report: seconds or minutes, from the first tick to the end of the last. */
    private record Frame(Axis axis, double unitSeconds, String label)
    {
        static Frame of(final SessionReport r)
        {
            final double totalSeconds = r.tickCount() == 0 ? 1.0 : r.seconds(r.lastTick() + 1);
            final boolean minutes = totalSeconds > 180.0;
            final double unit = minutes ? 60.0 : 1.0;
            final double max = totalSeconds > 0 ? totalSeconds / unit : 1.0;
            return new Frame(Axis.exact(max), unit, minutes ? "session time (min)" : "session time (s)");
        }

        double x(final double seconds)
        {
            return X0 + (X1 - X0) * (seconds / unitSeconds) / axis.max();
        }
    }

    /** A linear axis from 0 with "nice" ticks (1, 2, 5 × 10^n). */
    private record Axis(double max, double step)
    {
        static Axis of(final double dataMax)
        {
            final double positive = dataMax > 0 && Double.isFinite(dataMax) ? dataMax : 1.0;
            final double step = niceStep(positive / 5.0);
            return new Axis(Math.ceil(positive * 1.04 / step) * step, step);
        }

        static Axis exact(final double max)
        {
            return new Axis(max, niceStep(max / 8.0));
        }

        static double niceStep(final double raw)
        {
            final double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            final double residual = raw / magnitude;
            final double nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10;
            return nice * magnitude;
        }

        List<Double> ticks()
        {
            final List<Double> ticks = new ArrayList<>();
            for (int i = 0; i * step <= max * (1 + 1e-9) && i < 100; i++)
            {
                ticks.add(i * step);
            }
            return ticks;
        }

        String label(final double value)
        {
            final int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
            return Html.fixed(value, Math.min(decimals, 6));
        }

        double y(final double value)
        {
            return Y1 - (Y1 - Y0) * value / max;
        }
    }
}
