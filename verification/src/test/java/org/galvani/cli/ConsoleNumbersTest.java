package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A session's printed numbers read as they did in {@link Locale#ROOT}, and a status line costs what JDK 25
 * makes of it on JDK 17 too (issue 16: JDK 17 built a 5.6 KB DecimalFormatSymbols for every number printed in
 * ROOT, most of a clinic day's allocation above 1 byte per tick).
 */
class ConsoleNumbersTest
{
    private static final String STATUS = "  [%9.3f s] %-15s I %7.3f mA (avg %7.3f) setpoint %7.3f target %7.3f mA, " +
        "dose %8.3f mA·min, treated %7.1f s, remaining %7.1f s, limits: %s; %,d ticks, %,.1f µs, %d‰%n";

    @Test
    @DisplayName("the same text as Locale.ROOT: negatives, grouping, rounding, NaN and infinity")
    void sameTextAsRoot()
    {
        final double[] values = {0, -0.0, -1234567.8915, 1e-9, 12345.6785, Double.NaN, Double.NEGATIVE_INFINITY,
            Double.MAX_VALUE, 40.0005};
        for (final double v : values)
        {
            final Object[] args = {v, "TREATING", v, -v, v / 3, v * 7, v, v, -v, "none", (long)v * 1001, v * 999, 5};
            assertEquals(String.format(Locale.ROOT, STATUS, args), String.format(ConsoleNumbers.LOCALE, STATUS, args),
                "value " + v);
        }
    }

    @Test
    @DisplayName("a status line allocates < 6,000 bytes (JDK 17 in Locale.ROOT: 9,500; in US and on JDK 25: 3,900)")
    void statusLineAllocation()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final PrintWriter out = new PrintWriter(OutputStream.nullOutputStream());
        for (int i = 0; i < 20_000; i++)
        {
            print(out, i);
        }
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 2_000; i++)
        {
            print(out, i);
        }
        final long perLine = (threads.getCurrentThreadAllocatedBytes() - before) / 2_000;
        assertTrue(perLine < 6_000, "bytes per status line: " + perLine);
    }

    private static void print(final PrintWriter out, final int i)
    {
        out.printf(ConsoleNumbers.LOCALE, STATUS, i * 1e-3, "TREATING", i / 7.0, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, "none",
            (long)i * 1001, i * 0.37, i % 1000);
    }
}
