package org.galvani.journal;

import static org.galvani.journal.JournalDescriptor.CHAIN_LENGTH;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The journal's hash chain (docs/journal-format.md, "Conventions"): {@code chain(n) = first 16 bytes of
 * SHA-256(chain(n-1) ‖ record(n) without its chain value)}, from 16 zero bytes. The one place the chain is
 * computed: the writer ({@link RecordWriter}), the recovery at open (which continues the chain from the
 * queue's end) and the {@link JournalVerifier} all step it through this class.
 *
 * <p>Threading: one thread (holds a {@link MessageDigest}). Allocation: none after construction.
 */
final class ChainHash
{
    private final MessageDigest sha256;
    private final byte[] digest = new byte[32];
    private final byte[] value = new byte[CHAIN_LENGTH];

    ChainHash()
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("this JDK has no SHA-256", ex);
        }
    }

    /** Back to {@code chain(-1)}: 16 zero bytes (a new queue). */
    void reset()
    {
        Arrays.fill(value, (byte)0);
    }

    /**
     * Continues the chain from a known value (the chain value stored in the queue's last record).
     *
     * @param source an array holding a chain value.
     * @param offset where it starts.
     */
    void continueFrom(final byte[] source, final int offset)
    {
        System.arraycopy(source, offset, value, 0, CHAIN_LENGTH);
    }

    /**
     * Steps the chain over one record: {@code value = first 16 bytes of SHA-256(value ‖ record[0, length -
     * 16))}.
     *
     * @param record the record's bytes (from offset 0), its last 16 bytes its chain value (not hashed).
     * @param length the record's length including its chain value.
     */
    void step(final byte[] record, final int length)
    {
        sha256.update(value, 0, CHAIN_LENGTH);
        sha256.update(record, 0, length - CHAIN_LENGTH);
        try
        {
            sha256.digest(digest, 0, digest.length);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
        System.arraycopy(digest, 0, value, 0, CHAIN_LENGTH);
    }

    /**
     * @param record a record's bytes.
     * @param length its length including its chain value.
     * @return whether its stored chain value (its last 16 bytes) equals the current chain value.
     */
    boolean matches(final byte[] record, final int length)
    {
        return Arrays.equals(value, 0, CHAIN_LENGTH, record, length - CHAIN_LENGTH, length);
    }

    /**
     * Writes the current chain value into a record's last 16 bytes.
     *
     * @param record the record's bytes.
     * @param length its length including the chain value.
     */
    void store(final byte[] record, final int length)
    {
        System.arraycopy(value, 0, record, length - CHAIN_LENGTH, CHAIN_LENGTH);
    }

    /**
     * @return the current chain value (live array: copy it to keep it; owner thread only).
     */
    byte[] value()
    {
        return value;
    }
}
