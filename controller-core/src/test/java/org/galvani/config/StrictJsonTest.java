package org.galvani.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StrictJsonTest
{
    record Doc(String id, double currentMa)
    {
    }

    private static InvalidConfigurationException bad(final String json)
    {
        return assertThrows(InvalidConfigurationException.class,
            () -> StrictJson.read(json.getBytes(StandardCharsets.UTF_8), Doc.class, "test document"));
    }

    @Test
    @DisplayName("strict reading: unknown fields, wrong types, numbers or booleans for text, NaN and trailing content are rejected naming the field")
    void rejects()
    {
        assertEquals("extra", bad("{\"id\": \"a\", \"currentMa\": 1.0, \"extra\": 1}").field());
        assertEquals("id", bad("{\"id\": 42, \"currentMa\": 1.0}").field());
        assertEquals("id", bad("{\"id\": true, \"currentMa\": 1.0}").field());
        assertEquals("currentMa", bad("{\"id\": \"a\", \"currentMa\": \"1.0\"}").field());
        assertEquals("currentMa", bad("{\"id\": \"a\", \"currentMa\": null}").field());
        assertTrue(bad("{\"id\": \"a\", \"currentMa\": NaN}").getMessage().contains("not valid JSON"));
        assertTrue(bad("{\"id\": \"a\", \"currentMa\": 1.0} {}").getMessage().startsWith("test document"));
        assertTrue(bad("{\"id\": \"a\", \"id\": \"b\", \"currentMa\": 1.0}").getMessage().contains("id"));
        assertEquals(new Doc("a", 1.5), StrictJson.read("{\"currentMa\": 1.5, \"id\": \"a\"}"
            .getBytes(StandardCharsets.UTF_8), Doc.class, "test document"));
    }

    @Test
    @DisplayName("SR-16 canonical bytes: key order and whitespace do not matter, any value change does")
    void canonical()
    {
        final byte[] a = StrictJson.canonicalBytes(StrictJson.tree("{\"b\": 1, \"a\": {\"y\": 2, \"x\": [3, 4]}}"
            .getBytes(StandardCharsets.UTF_8), "t"));
        final byte[] b = StrictJson.canonicalBytes(StrictJson.tree("{ \"a\": {\"x\": [3,4], \"y\": 2},\n \"b\": 1 }"
            .getBytes(StandardCharsets.UTF_8), "t"));
        assertArrayEquals(a, b);
        assertEquals("{\"a\":{\"x\":[3,4],\"y\":2},\"b\":1}", new String(a, StandardCharsets.UTF_8));
    }
}
