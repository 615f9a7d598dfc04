package org.galvani.fleet.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The fleet's Parquet tables, one folder each under an output folder ({@code journals/}, {@code sessions/},
 * {@code events/}, {@code trials/}), whose columns are a row record's components in snake case. Written by
 * DuckDB ({@code COPY … TO … (FORMAT PARQUET)}, the local engine: no Spark started) or by Spark's own writer
 * (the Spark engine: part files); either folder reads as {@code read_parquet('DIR/*.parquet')}.
 *
 * <p>Threading: called on the driver.
 */
public final class Tables
{
    private Tables()
    {
    }

    /**
     * @param name a record component's name.
     * @return it in snake case.
     */
    public static String column(final String name)
    {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String sqlType(final Class<?> type)
    {
        if (type == String.class)
        {
            return "VARCHAR";
        }
        if (type == long.class || type == Long.class)
        {
            return "BIGINT";
        }
        if (type == int.class || type == Integer.class)
        {
            return "INTEGER";
        }
        if (type == double.class || type == Double.class)
        {
            return "DOUBLE";
        }
        if (type == boolean.class || type == Boolean.class)
        {
            return "BOOLEAN";
        }
        throw new IllegalArgumentException("no column type for " + type);
    }

    private static DataType sparkType(final Class<?> type)
    {
        return switch (sqlType(type))
        {
            case "VARCHAR" -> DataTypes.StringType;
            case "BIGINT" -> DataTypes.LongType;
            case "INTEGER" -> DataTypes.IntegerType;
            case "DOUBLE" -> DataTypes.DoubleType;
            default -> DataTypes.BooleanType;
        };
    }

    private static Object[] values(final Record row)
    {
        final RecordComponent[] components = row.getClass().getRecordComponents();
        final Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++)
        {
            try
            {
                values[i] = components[i].getAccessor().invoke(row);
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new IllegalStateException(ex);
            }
        }
        return values;
    }

    /**
     * Writes a table with DuckDB.
     *
     * @param out   the output folder.
     * @param table the table's name (its folder).
     * @param type  the row record type.
     * @param rows  the rows.
     * @param <R>   the row type.
     */
    public static <R extends Record> void writeLocal(final Path out, final String table, final Class<R> type,
        final List<R> rows)
    {
        final Path dir = fresh(out.resolve(table));
        final RecordComponent[] components = type.getRecordComponents();
        final StringBuilder create = new StringBuilder("CREATE TABLE t (");
        final StringBuilder insert = new StringBuilder("INSERT INTO t VALUES (");
        for (int i = 0; i < components.length; i++)
        {
            create.append(i == 0 ? "" : ", ").append(column(components[i].getName())).append(' ')
                .append(sqlType(components[i].getType()));
            insert.append(i == 0 ? "?" : ", ?");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement())
        {
            s.execute(create.append(')').toString());
            try (PreparedStatement p = c.prepareStatement(insert.append(')').toString()))
            {
                for (final R row : rows)
                {
                    final Object[] values = values(row);
                    for (int i = 0; i < values.length; i++)
                    {
                        if (values[i] == null)
                        {
                            p.setNull(i + 1, Types.NULL);
                        }
                        else
                        {
                            p.setObject(i + 1, values[i]);
                        }
                    }
                    p.addBatch();
                }
                p.executeBatch();
            }
            s.execute("COPY t TO '" + dir.resolve("part-00000.parquet").toString().replace("'", "''") +
                "' (FORMAT PARQUET)");
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("writing table " + table + " failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes a table with Spark.
     *
     * @param spark the session.
     * @param out   the output folder.
     * @param table the table's name.
     * @param type  the row record type.
     * @param rows  the rows.
     * @param <R>   the row type.
     */
    public static <R extends Record> void writeSpark(final SparkSession spark, final Path out, final String table,
        final Class<R> type, final List<R> rows)
    {
        final RecordComponent[] components = type.getRecordComponents();
        final List<StructField> fields = new ArrayList<>();
        for (final RecordComponent component : components)
        {
            fields.add(DataTypes.createStructField(column(component.getName()), sparkType(component.getType()),
                !component.getType().isPrimitive()));
        }
        final List<Row> sparkRows = new ArrayList<>(rows.size());
        for (final R row : rows)
        {
            sparkRows.add(RowFactory.create(values(row)));
        }
        final Path dir = fresh(out.resolve(table));
        spark.createDataFrame(sparkRows, new StructType(fields.toArray(new StructField[0]))).coalesce(1).write()
            .mode(SaveMode.Overwrite).parquet(dir.toString());
    }

    private static Path fresh(final Path dir)
    {
        try
        {
            if (Files.exists(dir))
            {
                try (Stream<Path> paths = Files.walk(dir))
                {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
