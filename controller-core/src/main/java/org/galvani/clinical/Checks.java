package org.galvani.clinical;

import java.util.Set;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * Range checks whose messages name the field (dotted path), the value, the allowed range and the limit
 * that sets it, e.g. {@code "prescription.capCurrentMa = 45.0 is out of range: allowed 0.1 .. 30.0 mA
 * (device limit maxPrescribableCurrentMa)"}. Stateless; not for the tick path.
 */
final class Checks
{
    private Checks()
    {
    }

    /**
     * A limit value and the name of what sets it, for messages.
     *
     * @param value  the limit.
     * @param source what sets it, e.g. "device limit absoluteCurrentMa".
     */
    record Bound(double value, String source)
    {
        /**
         * @param other another upper bound.
         * @return the lower (tighter) of two upper bounds; on a tie, both sources named.
         */
        Bound tighterUpper(final Bound other)
        {
            if (other.value == value)
            {
                return new Bound(value, source + " and " + other.source);
            }
            return other.value < value ? other : this;
        }

        /**
         * @param other another lower bound.
         * @return the higher (tighter) of two lower bounds; on a tie, both sources named.
         */
        Bound tighterLower(final Bound other)
        {
            if (other.value == value)
            {
                return new Bound(value, source + " and " + other.source);
            }
            return other.value > value ? other : this;
        }
    }

    static InvalidConfigurationException fail(final String field, final String message)
    {
        return new InvalidConfigurationException(field, message);
    }

    static double range(
        final String field, final double value, final double min, final double max, final String unit,
        final String limit)
    {
        if (!Double.isFinite(value) || value < min || value > max)
        {
            throw fail(field, field + " = " + value + " is out of range: allowed " + min + " .. " + max + " " +
                unit + " (" + limit + ")");
        }
        return value;
    }

    static double range(
        final String field, final double value, final Bound min, final Bound max, final String unit)
    {
        if (value < min.value())
        {
            throw fail(field, field + " = " + value + " is out of range: allowed " + min.value() + " .. " +
                max.value() + " " + unit + " (lower bound: " + min.source() + ")");
        }
        if (!Double.isFinite(value) || value > max.value())
        {
            throw fail(field, field + " = " + value + " is out of range: allowed " + min.value() + " .. " +
                max.value() + " " + unit + " (" + max.source() + ")");
        }
        return value;
    }

    static long range(
        final String field, final long value, final long min, final long max, final String unit,
        final String limit)
    {
        if (value < min || value > max)
        {
            throw fail(field, field + " = " + value + " is out of range: allowed " + min + " .. " + max + " " +
                unit + " (" + limit + ")");
        }
        return value;
    }

    static <T> T present(final String field, final T value, final String why)
    {
        if (value == null)
        {
            throw fail(field, field + " is missing: " + why);
        }
        return value;
    }

    static String id(final String field, final String value)
    {
        present(field, value, "an identifier of 1 .. 128 printable characters is required");
        if (value.isBlank() || value.length() > 128 || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
        {
            throw fail(field, field + " = \"" + value + "\" is not a valid identifier: allowed 1 .. 128 printable " +
                "ASCII characters, not blank");
        }
        return value;
    }

    /**
     * {@link StrictJson#tree} with the field named in syntax errors too: a NaN, Infinity or malformed value
     * is reported with the dotted path of the field it was found in (the parser's context at the error).
     */
    static JsonNode tree(final byte[] json, final String document)
    {
        try
        {
            return StrictJson.tree(json, document);
        }
        catch (final InvalidConfigurationException ex)
        {
            final JsonParser parser = ex.getCause() instanceof JsonParseException ?
                ((JsonParseException)ex.getCause()).getProcessor() : null;
            if (parser != null && parser.getParsingContext() != null)
            {
                final String field = path(parser.getParsingContext());
                if (!field.isEmpty())
                {
                    throw new InvalidConfigurationException(field, field + ": " + ex.getMessage(), ex.getCause());
                }
            }
            throw ex;
        }
    }

    private static String path(final JsonStreamContext context)
    {
        final StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent())
        {
            final String separator = sb.length() > 0 && sb.charAt(0) != '[' ? "." : "";
            if (c.inObject() && c.getCurrentName() != null)
            {
                sb.insert(0, c.getCurrentName() + separator);
            }
            else if (c.inArray())
            {
                sb.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]" + separator);
            }
        }
        return sb.toString();
    }

    /**
     * Checks that a JSON object has every field of a record (Jackson would otherwise bind a missing
     * primitive as 0, which a range check would report less clearly).
     */
    static void requireAllFields(
        final JsonNode node, final Class<? extends Record> type, final String prefix, final Set<String> optional)
    {
        if (!node.isObject())
        {
            throw fail(prefix, prefix + " must be a JSON object, got " + node.getNodeType());
        }
        for (final java.lang.reflect.RecordComponent component : type.getRecordComponents())
        {
            final String name = component.getName();
            if (!optional.contains(name) && !node.has(name))
            {
                throw fail(prefix + "." + name, prefix + "." + name + " is missing: every field of " + prefix +
                    " is required");
            }
        }
    }
}
