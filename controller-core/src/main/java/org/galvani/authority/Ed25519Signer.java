package org.galvani.authority;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;

/**
 * Signs statements with a clinician's Ed25519 private key (the clinician-side tool and tests; the
 * controller itself only verifies). The key file is text: the standard Base64 of the PKCS#8
 * {@code PrivateKeyInfo} DER encoding, possibly split over several lines; blank lines and lines whose
 * first non-blank character is {@code #} are comments:
 * <pre>
 * # galvani clinician key: dr-ada
 * MC4CAQAwBQYDK2VwBCIEIB...
 * </pre>
 * {@link #generate()} makes a new key pair in the two encodings this library reads (the public half goes
 * into the maker's {@link TrustedClinicianKeys} document).
 *
 * <p>Threading: immutable and thread-safe; a fresh {@link Signature} is created per call.
 */
public final class Ed25519Signer
{
    private final PrivateKey privateKey;

    private Ed25519Signer(final PrivateKey privateKey)
    {
        this.privateKey = privateKey;
    }

    /**
     * A key pair as text: both halves standard Base64 of their DER encodings.
     *
     * @param publicKeyBase64  X.509 SubjectPublicKeyInfo, for the trusted keys document.
     * @param privateKeyBase64 PKCS#8 PrivateKeyInfo, for the clinician's key file.
     */
    public record EncodedKeyPair(String publicKeyBase64, String privateKeyBase64)
    {
        /**
         * Keeps the private half out of logs.
         *
         * @return the public half only.
         */
        @Override
        public String toString()
        {
            return "EncodedKeyPair[publicKeyBase64=" + publicKeyBase64 + ", privateKeyBase64=(hidden)]";
        }
    }

    /**
     * Generates a fresh Ed25519 key pair.
     *
     * @return the pair as Base64 text.
     */
    public static EncodedKeyPair generate()
    {
        try
        {
            final KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new EncodedKeyPair(
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no Ed25519 KeyPairGenerator (JDK 15+ required)", ex);
        }
    }

    /**
     * @param privateKey an Ed25519 private key.
     * @return a signer using it.
     * @throws InvalidConfigurationException if the key is not Ed25519.
     */
    public static Ed25519Signer of(final PrivateKey privateKey)
    {
        Objects.requireNonNull(privateKey, "privateKey");
        if (!TrustedClinicianKeys.isEd25519(privateKey))
        {
            throw new InvalidConfigurationException("privateKey", "privateKey is a " +
                TrustedClinicianKeys.describe(privateKey) + " key: only Ed25519 keys are allowed");
        }
        return new Ed25519Signer(privateKey);
    }

    /**
     * @return the private key (for components that sign with it themselves, e.g. the journal's sealer).
     */
    public PrivateKey privateKey()
    {
        return privateKey;
    }

    /**
     * Loads a private key file (see the class comment for its form).
     *
     * @param file the key file.
     * @return a signer.
     * @throws InvalidConfigurationException if the file is missing, unreadable, not Base64 or not an
     *                                       Ed25519 PKCS#8 key.
     */
    public static Ed25519Signer load(final Path file)
    {
        final String text = new String(BoundedFiles.read(file, BoundedFiles.MAX_KEY_BYTES, "privateKey",
            "private key file"), StandardCharsets.UTF_8);
        return fromText(text, "private key file " + file);
    }

    /**
     * Reads a private key from key-file text (comments allowed).
     *
     * @param text     the text.
     * @param document what the text is, for messages.
     * @return a signer.
     * @throws InvalidConfigurationException if it is not an Ed25519 PKCS#8 key.
     */
    public static Ed25519Signer fromText(final String text, final String document)
    {
        final StringBuilder base64 = new StringBuilder();
        for (final String line : text.split("\\R"))
        {
            final String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#"))
            {
                base64.append(trimmed);
            }
        }
        if (base64.length() == 0)
        {
            throw new InvalidConfigurationException("privateKey", document +
                " holds no key: expected the Base64 of a PKCS#8 Ed25519 private key");
        }
        final byte[] der;
        try
        {
            der = Base64.getDecoder().decode(base64.toString());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigurationException("privateKey", document + " is not valid Base64: " +
                ex.getMessage(), ex);
        }
        try
        {
            return of(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
        }
        catch (final InvalidKeySpecException | IllegalArgumentException ex)
        {
            throw new InvalidConfigurationException("privateKey", document +
                " is not an Ed25519 private key (PKCS#8 PrivateKeyInfo DER): " + ex.getMessage(), ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no Ed25519 KeyFactory (JDK 15+ required)", ex);
        }
    }

    /**
     * @param message the exact bytes to sign.
     * @return the 64-byte Ed25519 signature.
     */
    public byte[] sign(final byte[] message)
    {
        try
        {
            final Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("Ed25519 signing failed", ex);
        }
    }

    /**
     * @param message the exact bytes to sign.
     * @return the signature as standard Base64 text.
     */
    public String signBase64(final byte[] message)
    {
        return Base64.getEncoder().encodeToString(sign(message));
    }
}
