package org.galvani.screening;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.config.InvalidConfigurationException;

/**
 * Reads a text field of a document strictly: the shared mapper would coerce a number or a boolean into a
 * string, so text fields are bound as trees and checked here.
 *
 * <p>Threading: stateless.
 */
final class JsonText
{
    private JsonText()
    {
    }

    /**
     * @param field the field path, for messages.
     * @param node  the bound tree (null or JSON null when absent).
     * @return the text, or null when absent.
     * @throws InvalidConfigurationException if the value is present but not a JSON string.
     */
    static String text(final String field, final JsonNode node)
    {
        if (node == null || node.isNull() || node.isMissingNode())
        {
            return null;
        }
        if (!node.isTextual())
        {
            throw new InvalidConfigurationException(field, "field '" + field + "' must be a JSON string, found " +
                node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(node.toString()));
        }
        return node.textValue();
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
