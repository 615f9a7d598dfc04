package org.galvani.fleet.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB, embedded (its JDBC driver, an in-memory database), over the fleet's Parquet tables: one view
 * per table folder ({@code journals}, {@code sessions}, {@code events}, {@code trials} when present), so
 * an auditor asks questions in SQL on one machine without a cluster.
 *
 * <p>Threading: one thread per instance.
 */
public final class FleetDb implements AutoCloseable
{
    /**
     * A query's answer.
     *
     * @param columns the column names.
     * @param rows    the rows, values as JDBC returned them.
     */
    public record Answer(List<String> columns, List<List<Object>> rows)
    {
        /**
         * @return the answer as an aligned text table.
         */
        public String text()
        {
            final int[] widths = new int[columns.size()];
            for (int c = 0; c < widths.length; c++)
            {
                widths[c] = columns.get(c).length();
                for (final List<Object> row : rows)
                {
                    widths[c] = Math.max(widths[c], String.valueOf(row.get(c)).length());
                }
            }
            final StringBuilder sb = new StringBuilder();
            line(sb, columns.stream().map(Object.class::cast).toList(), widths);
            for (int c = 0; c < widths.length; c++)
            {
                sb.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
            }
            sb.append('\n');
            rows.forEach(r -> line(sb, r, widths));
            sb.append('(').append(rows.size()).append(rows.size() == 1 ? " row)\n" : " rows)\n");
            return sb.toString();
        }

        private static void line(final StringBuilder sb, final List<Object> values, final int[] widths)
        {
            for (int c = 0; c < widths.length; c++)
            {
                final String v = String.valueOf(values.get(c));
                sb.append(c == 0 ? "" : "  ").append(v).append(" ".repeat(widths[c] - v.length()));
            }
            sb.append('\n');
        }
    }

    private final Connection connection;

    /**
     * @param tables the folder the audit wrote (journals/, sessions/, events/ …).
     * @throws SQLException when DuckDB cannot open or read the tables.
     */
    public FleetDb(final Path tables) throws SQLException
    {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement())
        {
            for (final String table : List.of("journals", "sessions", "events", "trials"))
            {
                final Path dir = tables.resolve(table);
                if (Files.isDirectory(dir))
                {
                    s.execute("CREATE VIEW " + table + " AS SELECT * FROM read_parquet('" +
                        dir.toAbsolutePath().toString().replace("'", "''") + "/*.parquet')");
                }
            }
        }
    }

    /**
     * @param sql a query.
     * @return its answer.
     * @throws SQLException when DuckDB rejects it (the message names the problem).
     */
    public Answer query(final String sql) throws SQLException
    {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql))
        {
            final ResultSetMetaData meta = r.getMetaData();
            final List<String> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++)
            {
                columns.add(meta.getColumnLabel(c));
            }
            final List<List<Object>> rows = new ArrayList<>();
            while (r.next())
            {
                final List<Object> row = new ArrayList<>(columns.size());
                for (int c = 1; c <= columns.size(); c++)
                {
                    final Object value = r.getObject(c);
                    row.add(value instanceof java.sql.Array a ? List.of((Object[])a.getArray()) : value);
                }
                rows.add(row);
            }
            return new Answer(columns, rows);
        }
    }

    @Override
    public void close() throws SQLException
    {
        connection.close();
    }
}
