package org.galvani.config;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Reads configuration documents (device limits, protocols, prescriptions, screenings, trusted keys)
 * strictly, with Jackson: unknown fields, duplicate keys, trailing content, nulls for numbers,
 * NaN/Infinity and numbers for enums are all rejected, and every failure becomes an
 * {@link InvalidConfigurationException} that names the document, the field path and what was wrong.
 * Also produces the canonical byte form of a JSON tree (sorted keys, no whitespace) over which
 * signatures are computed (SR-16).
 *
 * <p>Threading: the mapper is immutable after construction and thread-safe. Not for the tick path.
 */
public final class StrictJson
{
    private static final ObjectMapper MAPPER = strictMapper();

    private static ObjectMapper strictMapper()
    {
        final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
        // A number or a boolean where text is expected ("prescriptionId": 42) is a mistake, not a string.
        mapper.coercionConfigFor(LogicalType.Textual)
            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    private StrictJson()
    {
    }

    /**
     * @return the shared strict mapper (thread-safe; do not reconfigure).
     */
    public static ObjectMapper mapper()
    {
        return MAPPER;
    }

    /**
     * Reads a document file into a type.
     *
     * @param file     the file.
     * @param type     the record or class to bind.
     * @param document what the document is, for messages, e.g. "prescription".
     * @param <T>      the bound type.
     * @return the bound value (its own constructor validates ranges).
     * @throws InvalidConfigurationException naming the document, field and problem.
     */
    public static <T> T read(final Path file, final Class<T> type, final String document)
    {
        final byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_DOCUMENT_BYTES, document, document + " file");
        return read(bytes, type, document + " (" + file.getFileName() + ")");
    }

    /**
     * Reads a document from bytes into a type.
     *
     * @param json     UTF-8 JSON.
     * @param type     the bound type.
     * @param document what the document is, for messages.
     * @param <T>      the bound type.
     * @return the bound value.
     * @throws InvalidConfigurationException naming the document, field and problem.
     */
    public static <T> T read(final byte[] json, final Class<T> type, final String document)
    {
        try
        {
            final T value = MAPPER.readValue(json, type);
            if (value == null)
            {
                throw new InvalidConfigurationException(document, document + " is empty (JSON null)");
            }
            return value;
        }
        catch (final IOException ex)
        {
            throw translate(ex, document);
        }
    }

    /**
     * Parses a document into a tree (for signed envelopes, whose canonical bytes are verified).
     *
     * @param json     UTF-8 JSON.
     * @param document what the document is, for messages.
     * @return the tree.
     */
    public static JsonNode tree(final byte[] json, final String document)
    {
        try
        {
            final JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode() || node.isNull())
            {
                throw new InvalidConfigurationException(document, document + " is empty");
            }
            return node;
        }
        catch (final IOException ex)
        {
            throw translate(ex, document);
        }
    }

    /**
     * Binds a tree to a type with the same strict rules as {@link #read(byte[], Class, String)}.
     *
     * @param node     the tree.
     * @param type     the bound type.
     * @param document what the document is, for messages.
     * @param <T>      the bound type.
     * @return the bound value.
     */
    public static <T> T bind(final JsonNode node, final Class<T> type, final String document)
    {
        try
        {
            return MAPPER.treeToValue(node, type);
        }
        catch (final JsonProcessingException | IllegalArgumentException ex)
        {
            if (ex.getCause() instanceof InvalidConfigurationException)
            {
                throw (InvalidConfigurationException)ex.getCause();
            }
            throw translate(ex, document);
        }
    }

    /**
     * The canonical form of a tree by RFC 8785, the JSON Canonicalization Scheme (library
     * io.github.erdtman:java-json-canonicalization): keys sorted at every level, no insignificant whitespace,
     * numbers in their shortest ECMAScript form ({@code 3}, {@code 3.0} and {@code 3e0} are all {@code 3}), UTF-8.
     * Signatures over documents are computed over these bytes, so reformatting a file, reordering its keys or
     * writing a number another way does not invalidate a signature, while any change of a value does.
     *
     * @param node the tree.
     * @return canonical UTF-8 bytes.
     */
    public static byte[] canonicalBytes(final JsonNode node)
    {
        try
        {
            // RFC 8785 (JCS): keys sorted by UTF-16 code units, numbers as ECMAScript serialises IEEE-754
            // doubles (3 and 3.0 are both "3"), strings with the minimal escapes, no whitespace (ADR-13).
            return new JsonCanonicalizer(MAPPER.writeValueAsString(node)).getEncodedUTF8();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("a parsed JSON tree cannot be canonicalised (RFC 8785)", ex);
        }
    }

    private static InvalidConfigurationException translate(final Exception ex, final String document)
    {
        Throwable cause = ex;
        while (cause != null)
        {
            if (cause instanceof InvalidConfigurationException)
            {
                return (InvalidConfigurationException)cause;
            }
            cause = cause.getCause();
        }
        if (ex instanceof UnrecognizedPropertyException)
        {
            final UnrecognizedPropertyException upe = (UnrecognizedPropertyException)ex;
            final String field = path(upe);
            return new InvalidConfigurationException(field, document + ": unknown field '" + field +
                "' (allowed here: " + upe.getKnownPropertyIds() + ")", ex);
        }
        if (ex instanceof InvalidFormatException)
        {
            final InvalidFormatException ife = (InvalidFormatException)ex;
            final String field = path(ife);
            return new InvalidConfigurationException(field, document + ": field '" + field + "' has value " +
                ife.getValue() + ", which is not a valid " + ife.getTargetType().getSimpleName(), ex);
        }
        if (ex instanceof MismatchedInputException)
        {
            final MismatchedInputException mie = (MismatchedInputException)ex;
            final String field = path(mie);
            return new InvalidConfigurationException(field, document + ": field '" + field +
                "' is missing or has the wrong type: " + firstLine(mie.getOriginalMessage()), ex);
        }
        if (ex instanceof JsonParseException)
        {
            final JsonParseException jpe = (JsonParseException)ex;
            final String where = jpe.getLocation() == null ? "" :
                " at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr();
            return new InvalidConfigurationException(document, document + " is not valid JSON" + where + ": " +
                firstLine(jpe.getOriginalMessage()), ex);
        }
        if (ex instanceof JsonMappingException)
        {
            final JsonMappingException jme = (JsonMappingException)ex;
            final String field = path(jme);
            return new InvalidConfigurationException(field, document + ": field '" + field + "': " +
                firstLine(jme.getOriginalMessage()), ex);
        }
        return new InvalidConfigurationException(document, document + " cannot be read: " + firstLine(ex.getMessage()), ex);
    }

    private static String path(final JsonMappingException ex)
    {
        final StringBuilder sb = new StringBuilder();
        for (final JsonMappingException.Reference ref : ex.getPath())
        {
            if (ref.getFieldName() != null)
            {
                if (sb.length() > 0)
                {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
            else if (ref.getIndex() >= 0)
            {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(document)" : sb.toString();
    }

    private static String firstLine(final String message)
    {
        if (message == null)
        {
            return "";
        }
        final int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
