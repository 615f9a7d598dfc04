package org.galvani.journal;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The latest seal of a journal, exported to a system outside the device (a fleet server, a ticket) so that
 * cutting off the journal's whole tail — seals included — stays detectable: {@link JournalVerifier} given
 * the anchor proves that the journal still holds the anchored record with the same chain value (ADR-16).
 * The anchor carries the seal's Ed25519 signature, so it cannot be forged without the device key.
 *
 * <p>Text form (one line): {@code galvani-anchor-1 index=0x<hex> chain=<32 hex digits>
 * signature=<base64> records=<n>}.
 *
 * <p>Threading: immutable. Allocation: on creation and parsing.
 *
 * @param index     Chronicle index of the record the seal covers.
 * @param chain     that record's chain value (16 bytes).
 * @param signature the seal's signature (64 bytes).
 * @param records   records of the journal up to and including the seal when exported (informative).
 */
public record JournalAnchor(long index, byte[] chain, byte[] signature, long records)
{
    /** First word of the text form. */
    public static final String MAGIC = "galvani-anchor-1";

    public JournalAnchor
    {
        if (chain == null || chain.length != JournalDescriptor.CHAIN_LENGTH)
        {
            throw new IllegalArgumentException("anchor chain must be " + JournalDescriptor.CHAIN_LENGTH + " bytes");
        }
        if (signature == null || signature.length != JournalDescriptor.SIGNATURE_LENGTH)
        {
            throw new IllegalArgumentException("anchor signature must be " + JournalDescriptor.SIGNATURE_LENGTH +
                " bytes");
        }
        chain = chain.clone();
        signature = signature.clone();
    }

    @Override
    public byte[] chain()
    {
        return chain.clone();
    }

    @Override
    public byte[] signature()
    {
        return signature.clone();
    }

    /**
     * @param deviceKey the device's Ed25519 public key.
     * @return whether the anchor's signature is the device's over its index and chain value.
     */
    public boolean verifies(final PublicKey deviceKey)
    {
        try
        {
            final Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(deviceKey);
            verifier.update(JournalCodec.sealMessage(index, chain));
            return verifier.verify(signature);
        }
        catch (final GeneralSecurityException ex)
        {
            return false;
        }
    }

    /**
     * @return the one-line text form.
     */
    public String toText()
    {
        return MAGIC + " index=0x" + Long.toHexString(index) + " chain=" + HexFormat.of().formatHex(chain) +
            " signature=" + Base64.getEncoder().encodeToString(signature) + " records=" + records;
    }

    /**
     * @param text the text form (surrounding white space ignored).
     * @return the anchor.
     * @throws IllegalArgumentException naming the field that is missing or malformed.
     */
    public static JournalAnchor parse(final String text)
    {
        final String[] words = text.strip().split("\\s+");
        if (words.length != 5 || !MAGIC.equals(words[0]))
        {
            throw new IllegalArgumentException("an anchor is one line: " + MAGIC +
                " index=0x<hex> chain=<32 hex digits> signature=<base64> records=<n>");
        }
        try
        {
            final long index = Long.parseUnsignedLong(value(words[1], "index=0x"), 16);
            final byte[] chain = HexFormat.of().parseHex(value(words[2], "chain="));
            final byte[] signature = Base64.getDecoder().decode(value(words[3], "signature="));
            final long records = Long.parseLong(value(words[4], "records="));
            return new JournalAnchor(index, chain, signature, records);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("the anchor is malformed: " + ex.getMessage(), ex);
        }
    }

    private static String value(final String word, final String prefix)
    {
        if (!word.startsWith(prefix))
        {
            throw new IllegalArgumentException("expected " + prefix + "..., found '" + word + "'");
        }
        return word.substring(prefix.length());
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof JournalAnchor a && a.index == index && a.records == records &&
            Arrays.equals(a.chain, chain) && Arrays.equals(a.signature, signature);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(index) * 31 + Arrays.hashCode(chain);
    }

    @Override
    public String toString()
    {
        return toText();
    }
}
