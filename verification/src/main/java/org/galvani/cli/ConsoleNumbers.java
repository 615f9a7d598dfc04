package org.galvani.cli;

import java.util.Locale;

/**
 * The locale of the numbers a session prints (status lines, events, the plan and the summary):
 * {@link Locale#US}, whose digits, decimal point and grouping comma are those of {@link Locale#ROOT}. Not ROOT
 * because JDK 17's {@link java.util.Formatter} builds a new {@link java.text.DecimalFormatSymbols} for every
 * number it prints in any locale but US: about 5.6 KB more a status line (9.5 KB against 3.9 KB; JDK 25 caches
 * it), which was most of what keeps a clinic day on JDK 17 above 1 byte per tick (issue 16,
 * {@code verification/clinic-day.sh}). {@code ConsoleNumbersTest} holds the text and the allocation.
 *
 * <p>Threading: a constant. Allocation: none.
 */
final class ConsoleNumbers
{
    /** The locale every printed number of a session is formatted in. */
    static final Locale LOCALE = Locale.US;

    private ConsoleNumbers()
    {
    }
}
