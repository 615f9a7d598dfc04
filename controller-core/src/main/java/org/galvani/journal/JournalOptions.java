package org.galvani.journal;

import java.security.PrivateKey;
import java.security.interfaces.EdECKey;
import java.util.Objects;

import org.galvani.config.InvalidConfigurationException;

/**
 * Settings of a {@link ChronicleJournal}, validated once in {@link #conclude()} before the journal opens.
 *
 * <p>Threading: configure on one set-up thread, then hand to {@link ChronicleJournal#open}; not
 * thread-safe while being configured, read-only afterwards. Allocation: set-up time only.
 */
public final class JournalOptions
{
    /** Default records between seals. */
    public static final int DEFAULT_SEAL_INTERVAL_RECORDS = 1024;
    /** Default hand-off ring capacity (bytes, a power of two): about 9,000 compact ticks. */
    public static final int DEFAULT_HAND_OFF_CAPACITY_BYTES = 1 << 20;

    /** Default disk runway preallocated ahead of the write position: 4 MiB, about 33,000 compact ticks. */
    public static final long DEFAULT_RUNWAY_BYTES = 4L << 20;

    private PrivateKey devicePrivateKey;
    private int sealIntervalRecords = DEFAULT_SEAL_INTERVAL_RECORDS;
    private JournalMode mode = JournalMode.HAND_OFF;
    private int handOffCapacityBytes = DEFAULT_HAND_OFF_CAPACITY_BYTES;
    private long blockSizeBytes;
    private long runwayBytes = DEFAULT_RUNWAY_BYTES;
    private boolean concluded;

    /**
     * @param key the device's Ed25519 private key (signs the seals).
     * @return this.
     */
    public JournalOptions devicePrivateKey(final PrivateKey key)
    {
        this.devicePrivateKey = key;
        return this;
    }

    /**
     * @param records records between two seals (1..16,384, {@link JournalDescriptor#MAX_SEAL_INTERVAL_RECORDS}:
     *                the unsigned tail a crash may leave is bounded, ADR-15).
     * @return this.
     */
    public JournalOptions sealIntervalRecords(final int records)
    {
        this.sealIntervalRecords = records;
        return this;
    }

    /**
     * @param mode who appends ({@link JournalMode#HAND_OFF} by default, see docs/journal.md).
     * @return this.
     */
    public JournalOptions mode(final JournalMode mode)
    {
        this.mode = mode;
        return this;
    }

    /**
     * @param bytes hand-off ring buffer capacity, a power of two from 64 KiB to 256 MiB.
     * @return this.
     */
    public JournalOptions handOffCapacityBytes(final int bytes)
    {
        this.handOffCapacityBytes = bytes;
        return this;
    }

    /**
     * @param bytes Chronicle block (mapping chunk) size; 0 keeps Chronicle's default.
     * @return this.
     */
    public JournalOptions blockSizeBytes(final long bytes)
    {
        this.blockSizeBytes = bytes;
        return this;
    }

    /**
     * @param bytes disk runway preallocated ahead of the write position (64 KiB to 1 GiB; default 4 MiB): a full
     *              disk is met when the runway cannot be extended, while half of it still holds the session's
     *              trip and end (ADR-16).
     * @return this.
     */
    public JournalOptions runwayBytes(final long bytes)
    {
        this.runwayBytes = bytes;
        return this;
    }

    public long runwayBytes()
    {
        return runwayBytes;
    }

    /**
     * Validates every setting once.
     *
     * @return this.
     * @throws InvalidConfigurationException naming the first bad setting.
     */
    public JournalOptions conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (devicePrivateKey == null)
        {
            throw new InvalidConfigurationException("journal.devicePrivateKey",
                "journal.devicePrivateKey is missing: seals are signed with the device's Ed25519 key");
        }
        if (!(devicePrivateKey instanceof EdECKey) ||
            !"Ed25519".equalsIgnoreCase(((EdECKey)devicePrivateKey).getParams().getName()))
        {
            throw new InvalidConfigurationException("journal.devicePrivateKey", "journal.devicePrivateKey is a " +
                devicePrivateKey.getAlgorithm() + " key: only Ed25519 keys are allowed");
        }
        InvalidConfigurationException.requireInRange("journal.sealIntervalRecords", sealIntervalRecords, 1,
            JournalDescriptor.MAX_SEAL_INTERVAL_RECORDS, "records");
        Objects.requireNonNull(mode, "mode");
        if (Integer.bitCount(handOffCapacityBytes) != 1 || handOffCapacityBytes < (1 << 16) ||
            handOffCapacityBytes > (1 << 28))
        {
            throw new InvalidConfigurationException("journal.handOffCapacityBytes",
                "journal.handOffCapacityBytes must be a power of two from 65536 to 268435456, got " +
                handOffCapacityBytes);
        }
        if (blockSizeBytes < 0)
        {
            throw new InvalidConfigurationException("journal.blockSizeBytes",
                "journal.blockSizeBytes must be 0 (Chronicle's default) or positive, got " + blockSizeBytes);
        }
        InvalidConfigurationException.requireInRange("journal.runwayBytes", runwayBytes, 1L << 16, 1L << 30, "bytes");
        concluded = true;
        return this;
    }

    public PrivateKey devicePrivateKey()
    {
        return devicePrivateKey;
    }

    public int sealIntervalRecords()
    {
        return sealIntervalRecords;
    }

    public JournalMode mode()
    {
        return mode;
    }

    public int handOffCapacityBytes()
    {
        return handOffCapacityBytes;
    }

    public long blockSizeBytes()
    {
        return blockSizeBytes;
    }
}
