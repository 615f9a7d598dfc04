package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-14, the journal's hash chain (docs/journal-format.md, "Conventions"): {@link ChainHash} equals the reference
 * computation chain(n) = first 16 bytes of SHA-256(chain(n−1) ‖ record(n) without its tag), from 16 zero bytes, the
 * tag being 16 bytes (a TICK_PACKED's 4); its stored tag and its match look at exactly the tag's bytes.
 */
class ChainHashTest
{
    private static final int[] TYPES = {JournalDescriptor.TICK_PACKED, JournalDescriptor.SESSION_START,
        JournalDescriptor.EVENT, JournalDescriptor.SEAL, JournalDescriptor.TICK_WIDE};

    private static byte[] reference(final byte[] previous, final byte[] record) throws Exception
    {
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(previous);
        sha.update(record, 0, record.length - JournalDescriptor.chainTagLength(record[0]));
        return Arrays.copyOf(sha.digest(), JournalDescriptor.CHAIN_LENGTH);
    }

    private static byte[] record(final Random random, final int type)
    {
        final byte[] r = new byte[20 + random.nextInt(200)];
        random.nextBytes(r);
        r[0] = (byte)type;
        return r;
    }

    @Test
    @DisplayName("SR-14 200 records of every tag length: each step equals the reference SHA-256 chain from 16 zero bytes")
    void stepEqualsTheReferenceChain() throws Exception
    {
        final Random random = new Random(20_261_206L);
        final ChainHash chain = new ChainHash();
        assertArrayEquals(new byte[JournalDescriptor.CHAIN_LENGTH], chain.value(), "chain(-1) is 16 zero bytes");
        byte[] expected = new byte[JournalDescriptor.CHAIN_LENGTH];
        for (int i = 0; i < 200; i++)
        {
            final byte[] r = record(random, TYPES[i % TYPES.length]);
            final byte[] buffer = Arrays.copyOf(r, r.length + 7); // bytes past the length are not part of it
            for (int k = r.length; k < buffer.length; k++)
            {
                buffer[k] = (byte)random.nextInt();
            }
            chain.step(buffer, r.length);
            expected = reference(expected, r);
            assertArrayEquals(expected, chain.value(), "record " + i);
        }
        chain.reset();
        assertArrayEquals(new byte[JournalDescriptor.CHAIN_LENGTH], chain.value(), "reset: back to zeros");
    }

    @Test
    @DisplayName("SR-14 continueFrom takes the 16 bytes at its offset; store then matches; one changed tag byte (first or last) does not match")
    void storeMatchAndContinue() throws Exception
    {
        final Random random = new Random(5);
        for (final int type : TYPES)
        {
            final byte[] start = new byte[40];
            random.nextBytes(start);
            final ChainHash chain = new ChainHash();
            chain.continueFrom(start, 9);
            assertArrayEquals(Arrays.copyOfRange(start, 9, 25), chain.value(), "continued from offset 9");
            final byte[] r = record(random, type);
            chain.step(r, r.length);
            assertArrayEquals(reference(Arrays.copyOfRange(start, 9, 25), r), chain.value());
            final int tag = JournalDescriptor.chainTagLength(type);
            final byte[] body = Arrays.copyOf(r, r.length - tag);
            chain.store(r, r.length);
            assertArrayEquals(body, Arrays.copyOf(r, r.length - tag), "store writes the tag only");
            assertArrayEquals(Arrays.copyOf(chain.value(), tag), Arrays.copyOfRange(r, r.length - tag, r.length),
                "the tag is the chain value's first " + tag + " bytes");
            assertTrue(chain.matches(r, r.length), "type " + type);
            for (final int at : new int[] {r.length - tag, r.length - 1})
            {
                r[at] ^= 1;
                assertFalse(chain.matches(r, r.length), "type " + type + ", tag byte " + (at - r.length + tag));
                r[at] ^= 1;
            }
            r[r.length - tag - 1] ^= 1; // the byte before the tag is hashed, not compared
            assertTrue(chain.matches(r, r.length));
            assertEquals(JournalDescriptor.CHAIN_LENGTH, chain.value().length);
        }
    }
}
