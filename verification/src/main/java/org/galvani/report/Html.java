package org.galvani.report;

import java.util.Locale;

/**
 * Text escaping and number formatting for the HTML report (package-private helpers).
 */
final class Html
{
    private Html()
    {
    }

    /**
     * Escapes text for HTML element content, attribute values and inline SVG: the five markup characters
     * become entities and control characters (invalid in XML) become U+FFFD, so no journaled text can
     * open a tag, close an attribute or inject a script.
     *
     * @param text any text, null printed as the empty string.
     * @return the escaped text.
     */
    static String escape(final String text)
    {
        if (text == null)
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default ->
                {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f)
                    {
                        sb.append('\uFFFD');
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * @param value    a number.
     * @param decimals decimals to print.
     * @return the number with a dot decimal separator, whatever the default locale.
     */
    static String fixed(final double value, final int decimals)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return Double.toString(value);
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * @param value a count.
     * @return the count with thousands separators (1,234,567).
     */
    static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * @param seconds a time in seconds.
     * @return m:ss.mmm, e.g. "12:03.250".
     */
    static String clock(final double seconds)
    {
        final long ms = Math.round(seconds * 1000.0);
        final long minutes = ms / 60_000;
        final long rest = ms % 60_000;
        return String.format(Locale.ROOT, "%d:%02d.%03d", minutes, rest / 1000, rest % 1000);
    }
}
