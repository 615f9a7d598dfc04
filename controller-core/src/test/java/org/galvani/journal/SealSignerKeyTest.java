package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-14, which keys the seal signer accepts (ADR-24): only an Ed25519 key whose 32-byte seed it can read — an
 * Ed448 key (also an {@link EdECPrivateKey}), a key that hides its seed, and a seed of another length are each
 * refused in one sentence naming what is wrong.
 */
class SealSignerKeyTest
{
    @Test
    @DisplayName("SR-14 an Ed448 key is refused although it is an EdEC key")
    void ed448IsRefused() throws Exception
    {
        final PrivateKey ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPrivate();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new Ed25519SealSigner(ed448));
        assertTrue(ex.getMessage().startsWith("the device key is a ") &&
            ex.getMessage().endsWith(" key: only Ed25519 keys sign seals"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-14 an Ed25519 key that does not expose its seed is refused naming the missing seed")
    void keyWithoutSeedIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new Ed25519SealSigner(new HiddenSeedKey()));
        assertEquals("the device's Ed25519 private key does not expose its 32-byte seed", ex.getMessage());
    }

    @Test
    @DisplayName("SR-14 a seed of 31 or 33 bytes is refused naming its length")
    void seedLengthIsChecked()
    {
        for (final int length : new int[] {31, 33})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> new Ed25519SealSigner(new byte[length]));
            assertEquals("an Ed25519 private key is 32 bytes, not " + length, ex.getMessage());
        }
    }

    /** An Ed25519 private key held where its bytes cannot be read (as in a hardware store). */
    private static final class HiddenSeedKey implements EdECPrivateKey
    {
        private static final long serialVersionUID = 1L;

        @Override
        public Optional<byte[]> getBytes()
        {
            return Optional.empty();
        }

        @Override
        public NamedParameterSpec getParams()
        {
            return NamedParameterSpec.ED25519;
        }

        @Override
        public String getAlgorithm()
        {
            return "EdDSA";
        }

        @Override
        public String getFormat()
        {
            return null;
        }

        @Override
        public byte[] getEncoded()
        {
            return null;
        }
    }
}
