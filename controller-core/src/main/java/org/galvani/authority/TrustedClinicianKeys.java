package org.galvani.authority;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * The maker's trusted clinician public keys (SR-16): clinician id → Ed25519 public key. Loaded from a
 * document of the form
 * <pre>{@code
 * {"clinicians": [{"id": "dr-ada", "publicKey": "MCowBQYDK2VwAyEA..."}]}
 * }</pre>
 * where {@code publicKey} is the standard Base64 (with padding, no line breaks) of the key's X.509
 * SubjectPublicKeyInfo DER encoding, as {@code PublicKey.getEncoded()} and {@code openssl pkey -pubout
 * -outform DER} produce. Duplicate ids, bad Base64 and keys that are not Ed25519 are rejected with an
 * {@link InvalidConfigurationException} naming the entry.
 *
 * <p>Clinician ids match {@value #ID_PATTERN_TEXT}: no whitespace or line breaks, so the ids can stand on
 * their own line in a canonical signed statement.
 *
 * <p>Threading: immutable after construction and thread-safe.
 */
public final class TrustedClinicianKeys
{
    /** The allowed form of a clinician id. */
    public static final String ID_PATTERN_TEXT = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}";

    private static final Pattern ID_PATTERN = Pattern.compile(ID_PATTERN_TEXT);
    private static final String DOCUMENT = "trusted clinician keys";

    private final Map<String, PublicKey> keys;

    private TrustedClinicianKeys(final Map<String, PublicKey> keys)
    {
        this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    /**
     * Builds a key set from keys already in memory (tests, a maker's own key store).
     *
     * @param keys clinician id → Ed25519 public key; at least one.
     * @return the key set.
     * @throws InvalidConfigurationException if an id is malformed, a key is null or not Ed25519, or the map
     *                                       is empty.
     */
    public static TrustedClinicianKeys of(final Map<String, PublicKey> keys)
    {
        if (keys == null || keys.isEmpty())
        {
            throw new InvalidConfigurationException("clinicians",
                "clinicians is empty: at least one trusted clinician key is required");
        }
        final TreeMap<String, PublicKey> copy = new TreeMap<>();
        for (final Map.Entry<String, PublicKey> entry : keys.entrySet())
        {
            final String field = "clinicians[" + entry.getKey() + "]";
            requireId(field + ".id", entry.getKey());
            final PublicKey key = entry.getValue();
            if (key == null || !isEd25519(key))
            {
                throw new InvalidConfigurationException(field + ".publicKey", field + ".publicKey is " +
                    (key == null ? "missing" : "a " + describe(key) + " key") + ": only Ed25519 keys are allowed");
            }
            copy.put(entry.getKey(), key);
        }
        return new TrustedClinicianKeys(copy);
    }

    /**
     * Loads a trusted key document.
     *
     * @param file the JSON file.
     * @return the key set.
     * @throws InvalidConfigurationException naming the entry and the problem.
     */
    public static TrustedClinicianKeys load(final Path file)
    {
        return fromDocument(StrictJson.read(file, KeysDocument.class, DOCUMENT));
    }

    /**
     * Parses a trusted key document.
     *
     * @param json UTF-8 JSON.
     * @return the key set.
     * @throws InvalidConfigurationException naming the entry and the problem.
     */
    public static TrustedClinicianKeys parse(final byte[] json)
    {
        return fromDocument(StrictJson.read(json, KeysDocument.class, DOCUMENT));
    }

    /**
     * Parses a trusted key document.
     *
     * @param json JSON text.
     * @return the key set.
     */
    public static TrustedClinicianKeys parse(final String json)
    {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes one public key from its Base64 X.509 SubjectPublicKeyInfo text.
     *
     * @param field  the field, for messages.
     * @param base64 the Base64 text.
     * @return the Ed25519 public key.
     * @throws InvalidConfigurationException if the text is not Base64 or not an Ed25519 key.
     */
    public static PublicKey decodePublicKey(final String field, final String base64)
    {
        if (base64 == null || base64.isBlank())
        {
            throw new InvalidConfigurationException(field, field
                + " is missing: a Base64 X.509 Ed25519 public key is required");
        }
        final byte[] der;
        try
        {
            der = Base64.getDecoder().decode(base64);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigurationException(field, field + " = \"" + abbreviate(base64) +
                "\" is not valid Base64 (standard alphabet, with padding, no line breaks): " + ex.getMessage(), ex);
        }
        try
        {
            final PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            if (!isEd25519(key))
            {
                throw new InvalidConfigurationException(field, field + " is a " + describe(key) +
                    " key: only Ed25519 keys are allowed");
            }
            return key;
        }
        catch (final InvalidKeySpecException | RuntimeException ex)
        {
            if (ex instanceof InvalidConfigurationException)
            {
                throw (InvalidConfigurationException)ex;
            }
            throw new InvalidConfigurationException(field, field + " = \"" + abbreviate(base64) +
                "\" is not an Ed25519 public key (X.509 SubjectPublicKeyInfo DER): " + ex.getMessage(), ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no Ed25519 KeyFactory (JDK 15+ required)", ex);
        }
    }

    /**
     * @param clinicianId a clinician id (may be null).
     * @return the clinician's public key, or null if the clinician is not trusted.
     */
    public PublicKey keyOf(final String clinicianId)
    {
        return clinicianId == null ? null : keys.get(clinicianId);
    }

    /**
     * @param clinicianId a clinician id (may be null).
     * @return whether the clinician has a trusted key.
     */
    public boolean isTrusted(final String clinicianId)
    {
        return clinicianId != null && keys.containsKey(clinicianId);
    }

    /**
     * @return the trusted clinician ids, sorted, unmodifiable.
     */
    public Set<String> clinicianIds()
    {
        return keys.keySet();
    }

    /**
     * @return how many clinicians are trusted.
     */
    public int size()
    {
        return keys.size();
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public String toString()
    {
        return "TrustedClinicianKeys" + keys.keySet();
    }

    /**
     * Checks the form of a clinician id.
     *
     * @param field the field, for messages.
     * @param id    the id.
     * @throws InvalidConfigurationException if the id is missing or does not match {@value #ID_PATTERN_TEXT}.
     */
    public static void requireId(final String field, final String id)
    {
        if (id == null)
        {
            throw new InvalidConfigurationException(field, field + " is missing: a clinician id (" +
                ID_PATTERN_TEXT + ") is required");
        }
        if (!ID_PATTERN.matcher(id).matches())
        {
            throw new InvalidConfigurationException(field, field + " = \"" + abbreviate(id) +
                "\" is not a valid clinician id: allowed " + ID_PATTERN_TEXT);
        }
    }

    static boolean isEd25519(final Key key)
    {
        return key instanceof EdECKey && "Ed25519".equalsIgnoreCase(((EdECKey)key).getParams().getName());
    }

    static String describe(final Key key)
    {
        return key instanceof EdECKey ? ((EdECKey)key).getParams().getName() : key.getAlgorithm();
    }

    static String abbreviate(final String text)
    {
        final String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 48 ? oneLine : oneLine.substring(0, 45) + "...";
    }

    private static TrustedClinicianKeys fromDocument(final KeysDocument document)
    {
        final TreeMap<String, PublicKey> keys = new TreeMap<>();
        for (int i = 0; i < document.clinicians.size(); i++)
        {
            final String field = "clinicians[" + i + "]";
            final ClinicianEntry entry = document.clinicians.get(i);
            if (entry == null)
            {
                throw new InvalidConfigurationException(field, field
                    + " is null: an object {id, publicKey} is required");
            }
            final String id = text(field + ".id", entry.id);
            requireId(field + ".id", id);
            if (keys.containsKey(id))
            {
                throw new InvalidConfigurationException(field + ".id", field + ".id = \"" + id +
                    "\" is a duplicate: each clinician id may appear once");
            }
            final String keyField = field + ".publicKey";
            try
            {
                keys.put(id, decodePublicKey(keyField + " (" + id + ")", text(keyField, entry.publicKey)));
            }
            catch (final InvalidConfigurationException ex)
            {
                throw new InvalidConfigurationException(keyField, ex.getMessage(), ex);
            }
        }
        return of(keys);
    }

    private static String text(final String field, final JsonNode node)
    {
        if (node == null || node.isNull() || node.isMissingNode())
        {
            return null;
        }
        if (!node.isTextual())
        {
            throw new InvalidConfigurationException(field, "field '" + field + "' must be a JSON string, found " +
                node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node.textValue();
    }

    /** The file form: {@code {"clinicians": [...]}}. */
    static final class KeysDocument
    {
        final List<ClinicianEntry> clinicians;

        @JsonCreator
        KeysDocument(@JsonProperty("clinicians") final List<ClinicianEntry> clinicians)
        {
            if (clinicians == null)
            {
                throw new InvalidConfigurationException("clinicians",
                    "clinicians is missing: a list of {id, publicKey} is required");
            }
            this.clinicians = clinicians;
        }
    }

    /** One file entry. */
    static final class ClinicianEntry
    {
        final JsonNode id;
        final JsonNode publicKey;

        @JsonCreator
        ClinicianEntry(
            @JsonProperty("id") final JsonNode id,
            @JsonProperty("publicKey") final JsonNode publicKey)
        {
            this.id = id;
            this.publicKey = publicKey;
        }
    }
}
