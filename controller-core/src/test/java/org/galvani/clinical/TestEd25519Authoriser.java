package org.galvani.clinical;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.authority.AuthorisationResult;
import org.galvani.authority.Authoriser;
import org.galvani.config.StrictJson;

/**
 * Test-only {@link Authoriser}: JDK Ed25519 against a map of trusted public keys (the production
 * implementation lives in org.galvani.authority). Immutable.
 */
final class TestEd25519Authoriser implements Authoriser
{
    private final Map<String, PublicKey> keys;

    TestEd25519Authoriser(final Map<String, PublicKey> keys)
    {
        this.keys = Map.copyOf(keys);
    }

    /** Reads {@code {"clinicians": [{"id": ..., "publicKey": "<base64 X.509 DER>"}]}}. */
    static TestEd25519Authoriser fromTrustedClinicians(final Path file) throws IOException, GeneralSecurityException
    {
        final JsonNode tree = StrictJson.tree(Files.readAllBytes(file), "trusted clinicians");
        final Map<String, PublicKey> keys = new HashMap<>();
        for (final JsonNode clinician : tree.get("clinicians"))
        {
            final byte[] der = Base64.getDecoder().decode(clinician.get("publicKey").asText());
            keys.put(clinician.get("id").asText(),
                KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        }
        return new TestEd25519Authoriser(keys);
    }

    @Override
    public AuthorisationResult verify(final String clinicianId, final byte[] message, final byte[] signature)
    {
        final PublicKey key = keys.get(clinicianId);
        if (key == null)
        {
            return AuthorisationResult.refused(clinicianId, "unknown clinician " + clinicianId);
        }
        try
        {
            final Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature) ? AuthorisationResult.verified(clinicianId) :
                AuthorisationResult.refused(clinicianId, "bad signature");
        }
        catch (final GeneralSecurityException ex)
        {
            return AuthorisationResult.refused(clinicianId, "malformed signature: " + ex.getMessage());
        }
    }
}
