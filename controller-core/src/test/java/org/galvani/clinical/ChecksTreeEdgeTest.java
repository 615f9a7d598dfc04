package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code Checks.tree} names the dotted path of the field a syntax error is in (PIT survivors of {@code Checks.path} and
 * {@code Checks.tree}, docs/qa-campaign.md "PIT"): an array index follows its field without a dot, a field inside an
 * array element follows the index with one; an error at the top level or before a field's name is reported against
 * the document; an empty document (no parser error at all) keeps its own message.
 */
class ChecksTreeEdgeTest
{
    private static InvalidConfigurationException refused(final String json)
    {
        return assertThrows(InvalidConfigurationException.class,
            () -> Checks.tree(json.getBytes(StandardCharsets.UTF_8), "doc"));
    }

    @Test
    @DisplayName("a syntax error inside nested objects and arrays names the path: p.q[0].r, a[0][1], [0]")
    void nestedPaths()
    {
        assertEquals("p.q[0].r", refused("{\"p\": {\"q\": [{\"r\": NaN}]}}").field());
        final InvalidConfigurationException nested = refused("{\"a\": [[1, NaN]]}");
        assertEquals("a[0][1]", nested.field());
        assertTrue(nested.getMessage().startsWith("a[0][1]: doc is not valid JSON at line 1, column 15: "),
            nested.getMessage());
        assertEquals("a[2]", refused("{\"a\": [1, 2, NaN]}").field());
        assertEquals("[0]", refused("[NaN]").field());
        assertEquals("a", refused("{\"a\": 1, \"a\": 2}").field(), "a duplicate key names the key");
    }

    @Test
    @DisplayName("an error at the top level or before a field's name, or an empty document, is reported against the document")
    void documentLevel()
    {
        final InvalidConfigurationException top = refused("NaN");
        assertEquals("doc", top.field());
        assertTrue(top.getMessage().startsWith("doc is not valid JSON at line 1, column 4: "), top.getMessage());
        final InvalidConfigurationException noName = refused("{NaN: 1}");
        assertEquals("doc", noName.field());
        assertTrue(noName.getMessage().startsWith("doc is not valid JSON at line 1, column 2: "), noName.getMessage());
        final InvalidConfigurationException empty = refused("");
        assertEquals("doc", empty.field());
        assertEquals("doc is empty", empty.getMessage());
    }
}
