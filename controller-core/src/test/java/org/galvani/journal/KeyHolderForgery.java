package org.galvani.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Test kit: rewrites a journal's records as someone holding the device key could — every chain value
 * recomputed and every seal re-signed over the record it covers — so that a modified journal passes the chain
 * and the signatures and only the verifier's other checks (framing, continuity, summaries, the unsigned span,
 * the recovery rules) can catch it. Each seal keeps covering the same record (the same array), wherever
 * insertions and removals moved it; {@link #seal} makes a new seal over a chosen record.
 *
 * <p>Indexes: the records of the rewritten queue get the indexes {@code first + position}, {@code first} being
 * the first index of the journal they were read from (one roll cycle of the same day).
 */
final class KeyHolderForgery
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    /** The records read, in order (arrays owned by the caller: edit, remove, insert them). */
    final List<byte[]> records = new ArrayList<>();
    private final Map<byte[], byte[]> covers = new IdentityHashMap<>();
    /** Seals whose signature is spoiled (one bit flipped after signing). */
    private final Map<byte[], Boolean> spoiled = new IdentityHashMap<>();
    private final long first;

    /**
     * @param dir a journal written by {@link ChronicleJournal} in one roll cycle.
     */
    KeyHolderForgery(final Path dir)
    {
        long firstIndex = -1;
        final List<Long> indexes = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir))
        {
            int length;
            while ((length = reader.nextRaw()) >= 0)
            {
                final byte[] record = java.util.Arrays.copyOf(reader.buffer().byteArray(), length);
                records.add(record);
                indexes.add(reader.index());
                if (firstIndex < 0)
                {
                    firstIndex = reader.index();
                }
            }
        }
        first = firstIndex;
        for (final byte[] record : records)
        {
            if (record[0] == JournalDescriptor.SEAL)
            {
                final long covered = ByteBuffer.wrap(record).order(LE).getLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET);
                covers.put(record, records.get(indexes.indexOf(covered)));
            }
        }
    }

    private KeyHolderForgery(final KeyHolderForgery from)
    {
        first = from.first;
        final Map<byte[], byte[]> copies = new IdentityHashMap<>();
        for (final byte[] record : from.records)
        {
            final byte[] copy = record.clone();
            copies.put(record, copy);
            records.add(copy);
        }
        from.covers.forEach((seal, covered) -> covers.put(copies.get(seal), copies.get(covered)));
        from.spoiled.forEach((seal, yes) -> spoiled.put(copies.get(seal), yes));
    }

    /** @return an independent copy (its own arrays; each seal still covers the same record). */
    KeyHolderForgery copy()
    {
        return new KeyHolderForgery(this);
    }

    /**
     * @param covered a record (one of {@link #records} or an inserted one).
     * @return a new seal over it (place it after it).
     */
    byte[] seal(final byte[] covered)
    {
        final byte[] seal = new byte[JournalDescriptor.SEAL_LENGTH];
        seal[0] = JournalDescriptor.SEAL;
        covers.put(seal, covered);
        return seal;
    }

    /**
     * @param seal a seal of {@link #records}: its signature will be signed, then one bit of it flipped.
     */
    void spoil(final byte[] seal)
    {
        spoiled.put(seal, Boolean.TRUE);
    }

    /** @return the index a record at this position of {@link #records} gets. */
    long index(final int position)
    {
        return first + position;
    }

    /** @return the position of the first record of the type, from a position on. */
    int find(final int type, final int from)
    {
        for (int i = from; i < records.size(); i++)
        {
            if (records.get(i)[0] == type)
            {
                return i;
            }
        }
        throw new IllegalStateException("no record of type " + type + " from " + from);
    }

    /**
     * Rewrites every session end's summary from the ticks before it (as the writer computes it), for a forgery
     * that changed the ticks and must pass the summary check.
     */
    void fixSummaries()
    {
        final TickDecoder decoder = new TickDecoder();
        final SessionSummary.Accumulator summary = new SessionSummary.Accumulator();
        for (int i = 0; i < records.size(); i++)
        {
            final byte[] record = records.get(i);
            final UnsafeBuffer b = new UnsafeBuffer(record);
            if (record[0] == JournalDescriptor.SESSION_START)
            {
                summary.reset();
            }
            if (decoder.decode(b, 0, record.length, JournalFixtures.PERIOD_NS))
            {
                summary.onTick(decoder.record());
            }
            else if (record[0] == JournalDescriptor.SESSION_END)
            {
                JournalCodec.encodeSessionEnd(summary.toSummary(), b, 0);
            }
        }
    }

    /**
     * Re-chains and re-signs {@link #records} (in place) and writes them as a new queue.
     *
     * @param dir where.
     * @return dir.
     */
    Path write(final Path dir)
    {
        final ChainHash chain = new ChainHash();
        final Map<byte[], byte[]> chainOf = new IdentityHashMap<>();
        final Map<byte[], Long> indexOf = new IdentityHashMap<>();
        for (int i = 0; i < records.size(); i++)
        {
            final byte[] record = records.get(i);
            final byte[] covered = covers.get(record);
            if (record[0] == JournalDescriptor.SEAL && covered != null && chainOf.containsKey(covered))
            {
                final ByteBuffer b = ByteBuffer.wrap(record).order(LE);
                final long coveredIndex = indexOf.get(covered);
                b.putLong(JournalDescriptor.SEAL_COVERED_INDEX_OFFSET, coveredIndex);
                System.arraycopy(chainOf.get(covered), 0, record, JournalDescriptor.SEAL_COVERED_CHAIN_OFFSET,
                    JournalDescriptor.CHAIN_LENGTH);
                final byte[] signature = Sealer.sign(JournalFixtures.KEYS.getPrivate(), coveredIndex, chainOf.get(covered));
                System.arraycopy(signature, 0, record, JournalDescriptor.SEAL_SIGNATURE_OFFSET, signature.length);
                if (spoiled.containsKey(record))
                {
                    record[JournalDescriptor.SEAL_SIGNATURE_OFFSET + 40] ^= 1; // in S, which stays below the order
                }
            }
            if (record.length < 1 + JournalDescriptor.chainTagLength(record[0]))
            {
                continue; // too short to hold its tag: written as it is (the verifier stops at it)
            }
            chain.step(record, record.length);
            chain.store(record, record.length);
            chainOf.put(record, chain.value().clone());
            indexOf.put(record, index(i));
        }
        return JournalFixtures.writeRecords(dir, records);
    }
}
