package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The device's public key derived from its private key is the key pair's own public key (so a journal verified
 * with it is verified with the key its seals were made with), and a key of another algorithm is refused.
 */
class DeviceKeysTest
{
    @Test
    @DisplayName("SR-22 the public key derived from 50 generated Ed25519 private keys equals the pair's public key")
    void derivedKeyIsThePairsPublicKey() throws NoSuchAlgorithmException
    {
        final KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        for (int i = 0; i < 50; i++)
        {
            final KeyPair pair = generator.generateKeyPair();
            assertArrayEquals(pair.getPublic().getEncoded(), DeviceKeys.publicKeyOf(pair.getPrivate()).getEncoded(),
                "key pair " + i);
        }
    }

    @Test
    @DisplayName("SR-22 a private key that is not Ed25519 is refused with the algorithm named")
    void otherAlgorithmRefused() throws NoSuchAlgorithmException
    {
        final KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> DeviceKeys.publicKeyOf(ec.getPrivate()));
    }
}
