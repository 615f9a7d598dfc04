package org.galvani.fleet.query;

import java.util.Locale;

/**
 * The auditor's documented questions over the fleet tables (docs/fleet-audit.md), as DuckDB SQL over the
 * views {@code journals}, {@code sessions} and {@code events} that {@link FleetDb} defines.
 */
public enum NamedQuery
{
    /** Delivered vs prescribed dose of completed dose-based sessions, by protocol: the error's distribution. */
    DOSE_ACCURACY("dose accuracy: delivered vs prescribed dose of completed dose-based sessions (% error)",
        "SELECT protocol, count(*) AS sessions, " +
            "round(min(err), 3) AS min_pct, round(quantile_cont(err, 0.5), 3) AS median_pct, " +
            "round(quantile_cont(err, 0.95), 3) AS p95_pct, round(max(err), 3) AS max_pct " +
            "FROM (SELECT protocol, 100.0 * (delivered_dose_ma_min - prescribed_dose_ma_min) / prescribed_dose_ma_min " +
            "AS err FROM sessions WHERE prescribed_dose_ma_min IS NOT NULL AND outcome = 'COMPLETE') " +
            "GROUP BY protocol ORDER BY protocol"),
    /** Trips per 1,000 sessions by cause (and the safety requirement that tripped). */
    TRIPS_PER_1000("trips per 1,000 sessions by cause",
        "SELECT cause, sr, count(*) AS trips, " +
            "round(1000.0 * count(*) / (SELECT count(*) FROM sessions), 1) AS per_1000_sessions " +
            "FROM events WHERE type = 'TRIP' GROUP BY cause, sr ORDER BY trips DESC, cause"),
    /** Devices whose contact faults per session rise over their sessions (least-squares slope > 0). */
    RISING_CONTACT_FAULTS("devices with rising contact faults (slope of contact events per session > 0)",
        "SELECT device, count(*) AS sessions, sum(contact_events) AS contact_events, " +
            "round(regr_slope(contact_events, seq), 3) AS slope_per_session, " +
            "list(contact_events ORDER BY seq) AS per_session " +
            "FROM (SELECT device, contact_events, row_number() OVER (PARTITION BY device ORDER BY session_id) AS seq " +
            "FROM sessions) GROUP BY device HAVING count(*) >= 3 AND regr_slope(contact_events, seq) > 0 " +
            "ORDER BY slope_per_session DESC, device"),
    /** Journals that did not verify, with their first bad record. */
    FAILED_JOURNALS("journals that failed verification, with the first bad record",
        "SELECT journal, device, verdict, bad_record, bad_index, message FROM journals " +
            "WHERE verdict IN ('FAILED', 'NO_KEY') ORDER BY journal"),
    /** Outcomes by protocol. */
    OUTCOMES("session outcomes by protocol",
        "SELECT protocol, outcome, count(*) AS sessions FROM sessions GROUP BY protocol, outcome " +
            "ORDER BY protocol, outcome");

    private final String title;
    private final String sql;

    NamedQuery(final String title, final String sql)
    {
        this.title = title;
        this.sql = sql;
    }

    /**
     * @return one line: what it answers.
     */
    public String title()
    {
        return title;
    }

    /**
     * @return the SQL.
     */
    public String sql()
    {
        return sql;
    }

    /**
     * @return the command-line name (dose-accuracy, trips-per-1000, …).
     */
    public String cliName()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param name a command-line name.
     * @return the query, or null.
     */
    public static NamedQuery fromCliName(final String name)
    {
        for (final NamedQuery q : values())
        {
            if (q.cliName().equals(name))
            {
                return q;
            }
        }
        return null;
    }
}
