package org.galvani.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An auditor's journal verifier written from docs/journal-format.md alone — the JDK only, none of
 * Galvani's journal classes, no Chronicle Queue: it walks the .cq4 files by the container rules (4-byte
 * headers, bit 31 working, bit 30 metadata, 30-bit length, 4-byte padding, a 0 header ends the data), derives
 * each record's index from the file's FAST_DAILY cycle and its sequence, recomputes the chain, checks every
 * seal's Ed25519 signature and covered chain value, counts sessions and ticks and checks tick continuity. If
 * the doc omits something a verifier needs, this class cannot be written; the test that runs it against a
 * real journal proves the doc complete (issue 14).
 *
 * <p>Threading: one call at a time. Allocation: freely (a test tool).
 */
public final class IndependentJournalReader
{
    /** What the walk found. */
    public record Result(long records, long sessions, long ticks, long seals, long recoveries, String problem)
    {
    }

    private IndependentJournalReader()
    {
    }

    /**
     * @param dir       the journal folder.
     * @param deviceKey the device's Ed25519 public key.
     * @return the counts, and the first problem (null when none).
     */
    public static Result verify(final Path dir, final PublicKey deviceKey) throws IOException,
        GeneralSecurityException
    {
        final List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir))
        {
            list.filter(p -> p.getFileName().toString().matches("\\d{8}F\\.cq4")).sorted().forEach(files::add);
        }
        final Walk walk = new Walk(deviceKey);
        for (final Path file : files)
        {
            final long cycle = LocalDate.parse(file.getFileName().toString().substring(0, 8),
                DateTimeFormatter.BASIC_ISO_DATE).toEpochDay();
            final String problem = walk.file(cycle, ByteBuffer.wrap(Files.readAllBytes(file))
                .order(ByteOrder.LITTLE_ENDIAN));
            if (problem != null)
            {
                return walk.result(problem);
            }
        }
        return walk.result(null);
    }

    /** The walk over the files in cycle order: the chain, the counts and the tick continuity so far. */
    private static final class Walk
    {
        private final PublicKey deviceKey;
        private final MessageDigest sha;
        private final Map<Long, byte[]> chainByIndex = new HashMap<>();
        private byte[] chain = new byte[16];
        private long records;
        private long sessions;
        private long ticks;
        private long seals;
        private long recoveries;
        private long lastTick = Long.MIN_VALUE;
        /** The tick of the previous record when it is a tick (the context of a TICK_PACKED), else MIN_VALUE. */
        private long previousInRun = Long.MIN_VALUE;

        Walk(final PublicKey deviceKey) throws GeneralSecurityException
        {
            this.deviceKey = deviceKey;
            this.sha = MessageDigest.getInstance("SHA-256");
        }

        Result result(final String problem)
        {
            return new Result(records, sessions, ticks, seals, recoveries, problem);
        }

        /** One .cq4 file by the container rules; returns the first problem, or null. */
        String file(final long cycle, final ByteBuffer bytes) throws GeneralSecurityException
        {
            long sequence = 0;
            int at = 0;
            while (at + 4 <= bytes.limit())
            {
                final int header = bytes.getInt(at);
                if (header == 0)
                {
                    break; // end of data
                }
                final int length = header & 0x3FFF_FFFF;
                if ((header & 0x8000_0000) != 0)
                {
                    break; // being written (or the end-of-file marker): nothing complete after it
                }
                final boolean metadata = (header & 0x4000_0000) != 0;
                if (!metadata)
                {
                    final byte[] record = new byte[length];
                    bytes.get(at + 4, record);
                    final String problem = record(cycle << 32 | sequence++, record);
                    if (problem != null)
                    {
                        return problem;
                    }
                    records++;
                }
                at = (at + 4 + length + 3) & ~3;
            }
            return null;
        }

        /** One record: its chain value, then what its kind needs checked. */
        private String record(final long index, final byte[] record) throws GeneralSecurityException
        {
            final int length = record.length;
            final int tag = record[0] == 10 ? 4 : 16; // TICK_PACKED ends with a 4-byte check
            sha.update(chain);
            sha.update(record, 0, length - tag);
            final byte[] computed = Arrays.copyOf(sha.digest(), 16);
            if (!Arrays.equals(computed, 0, tag, record, length - tag, length))
            {
                return "record " + records + " breaks the chain";
            }
            chain = computed;
            chainByIndex.put(index, computed);
            final ByteBuffer r = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
            final long runTick = previousInRun;
            previousInRun = Long.MIN_VALUE; // a run of packed ticks ends at any other record
            switch (record[0])
            {
                case 1: // SESSION_START
                    return sessionStart(r, record);
                case 2: // TICK: i32 tick at 24
                case 6: // TICK_WIDE: i64 tick at 72
                case 10: // TICK_PACKED: the tick is stored when rare bit 0 is set, else previous + 1
                    previousInRun = record[0] == 2 ? r.getInt(24) : record[0] == 6 ? r.getLong(72) : packedTick(r, runTick);
                    return tick(previousInRun);
                case 4: // SEAL
                    return seal(r, record);
                case 8: // SKIN_CHECK
                    return skinCheck(r, record);
                case 7: // RECOVERY
                    recoveries++;
                    lastTick = Long.MIN_VALUE;
                    return null;
                default: // EVENT, SESSION_END: chained; not decoded here
                    return null;
            }
        }

        /** SESSION_START: schema 1 or 2, configSha256 = SHA-256 of the JSON. */
        private String sessionStart(final ByteBuffer r, final byte[] record) throws GeneralSecurityException
        {
            final int jsonLength = r.getInt(4);
            final byte[] json = Arrays.copyOfRange(record, 48, 48 + jsonLength);
            final int version = r.getShort(2) & 0xFFFF;
            if (version != 1 && version != 2 || !Arrays.equals(MessageDigest.getInstance("SHA-256")
                .digest(json), Arrays.copyOfRange(record, 8, 40)) ||
                !new String(json, StandardCharsets.UTF_8).startsWith("{"))
            {
                return "record " + records + " is a bad session start";
            }
            sessions++;
            lastTick = Long.MIN_VALUE;
            return null;
        }

        /** TICK and TICK_WIDE: consecutive within a session. */
        private String tick(final long tick)
        {
            if (lastTick != Long.MIN_VALUE && tick != lastTick + 1)
            {
                return "record " + records + " holds tick " + tick + " after " + lastTick;
            }
            lastTick = tick;
            ticks++;
            return null;
        }

        /** SKIN_CHECK: grade u8 at 1 (0..4), state u8 at 2 (7, 9 or 10), i32 text length at 24. */
        private String skinCheck(final ByteBuffer r, final byte[] record)
        {
            final int length = record.length;
            final int grade = record[1] & 0xFF;
            final int state = record[2] & 0xFF;
            if (grade > 4 || state != 7 && state != 9 && state != 10 || r.getInt(24) != length - 28 - 16)
            {
                return "record " + records + " is a bad skin check";
            }
            return null;
        }

        /** SEAL: coveredIndex at 8, coveredChain at 16, signature at 32. */
        private String seal(final ByteBuffer r, final byte[] record) throws GeneralSecurityException
        {
            final long covered = r.getLong(8);
            final byte[] coveredChain = Arrays.copyOfRange(record, 16, 32);
            final byte[] message = ByteBuffer.allocate(38).order(ByteOrder.LITTLE_ENDIAN)
                .put("galvani-seal-1".getBytes(StandardCharsets.US_ASCII)).putLong(covered)
                .put(coveredChain).array();
            final Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(deviceKey);
            verifier.update(message);
            if (!Arrays.equals(chainByIndex.get(covered), coveredChain) ||
                !verifier.verify(Arrays.copyOfRange(record, 32, 96)))
            {
                return "record " + records + " is a seal that does not verify";
            }
            seals++;
            return null;
        }

        /**
         * The tick of a TICK_PACKED, read from the doc's rules: type, flags (bit 5: a rare mask follows), u16
         * mask, [u16 rare mask], two zig-zag varints, the mask's fields (bits 0-5: 2 bytes, 6-11: 4, 12-15: 8),
         * then the rare fields, rare bit 0 (the tick, i64) first; absent, the run's previous tick + 1 (a run
         * starts from a cleared tick, 0).
         */
        private static long packedTick(final ByteBuffer r, final long previousTick)
        {
            final int flags = r.get(1) & 0xFF;
            final int mask = r.getShort(2) & 0xFFFF;
            int p = 4;
            int rare = 0;
            if ((flags & 0x20) != 0)
            {
                rare = r.getShort(p) & 0xFFFF;
                p += 2;
            }
            for (int varint = 0; varint < 2; varint++)
            {
                while ((r.get(p++) & 0x80) != 0)
                {
                    // continuation bytes
                }
            }
            for (int bit = 0; bit < 16; bit++)
            {
                if ((mask & (1 << bit)) != 0)
                {
                    p += bit < 6 ? 2 : bit < 12 ? 4 : 8;
                }
            }
            if ((rare & 1) != 0)
            {
                return r.getLong(p);
            }
            return (previousTick == Long.MIN_VALUE ? 0 : previousTick) + 1;
        }
    }
}
