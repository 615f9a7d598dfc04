package org.galvani.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.galvani.controller.TickRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TICK_PACKED (schema 2): exact round trips against every kind of context, and malformed records refused. */
class PackedTickTest
{
    private static final long PERIOD_NS = 1_000_000L;

    @Test
    @DisplayName("SR-14 a packed tick decodes onto its context to exactly the tick encoded (floats as float32), whatever changed")
    void roundTripAgainstAnyContext()
    {
        final Random random = new Random(20261206);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[JournalDescriptor.PACKED_MAX_LENGTH]);
        final List<String> problems = new ArrayList<>();
        final TickRecord previous = JournalCodec.clearTick(new TickRecord());
        final TickRecord decoded = new TickRecord();
        for (int i = 0; i < 40_000 && problems.isEmpty(); i++)
        {
            final TickRecord r = next(random, previous, i);
            assertTrue(JournalCodec.fitsPacked(r, PERIOD_NS));
            final int length = JournalCodec.encodePackedTick(r, previous, PERIOD_NS, b, 0);
            assertTrue(length >= 10 && length <= JournalDescriptor.PACKED_MAX_LENGTH, "length " + length);
            decoded.copyFrom(previous);
            roundFloats(decoded);
            assertTrue(JournalCodec.decodePackedTick(b, 0, length, PERIOD_NS, decoded), "tick " + i + " decodes");
            ChronicleJournalTest.assertTickEquals(r, decoded, problems);
            if (random.nextInt(50) == 0)
            {
                JournalCodec.clearTick(previous); // a run ends: the next tick is stored against a cleared one
            }
            else
            {
                previous.copyFrom(r);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("SR-14 a tick equal to its predicted successor takes 10 bytes; a treating tick stays within 60 bytes (64 on disk)")
    void sizes()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[JournalDescriptor.PACKED_MAX_LENGTH]);
        final TickRecord previous = JournalFixtures.fill(new TickRecord(), 5000);
        final TickRecord same = new TickRecord().copyFrom(previous);
        same.tick++;
        same.scheduledNs += PERIOD_NS;
        same.actualNs += PERIOD_NS;
        same.sample.set(previous.sample.currentARaw(), previous.sample.currentBRaw(),
            previous.sample.electrodeVoltageRaw(), previous.sample.supplyVoltageRaw(), previous.sample.dacReadbackRaw(),
            previous.sample.statusBits(), previous.sample.sequence() + 1);
        same.latenessNs = 0;
        same.actualNs = same.scheduledNs;
        same.lastTickDurationNs = 0;
        assertEquals(10, JournalCodec.encodePackedTick(same, previous, PERIOD_NS, b, 0));
        // treating: every sample code, the DAC code, every float and one dose change; lateness 50 µs, duration 5 µs
        final TickRecord treating = new TickRecord().copyFrom(same);
        treating.sample.set(1, 2, 3, 4, 5, previous.sample.statusBits(), same.sample.sequence());
        treating.command.set(previous.command.dacCode() + 1, previous.command.polarityReversed(),
            previous.command.outputEnabled(), previous.command.dutyPermille());
        treating.measuredUa += 1;
        treating.loadOhm += 1;
        treating.pTerm += 1;
        treating.iTerm += 1;
        treating.dTerm += 1;
        treating.ffTerm += 1;
        treating.doseNormalUc += 1;
        treating.latenessNs = 50_000;
        treating.actualNs = treating.scheduledNs + treating.latenessNs;
        treating.lastTickDurationNs = 5_000;
        final int length = JournalCodec.encodePackedTick(treating, previous, PERIOD_NS, b, 0);
        assertTrue(length <= 60, "a treating tick takes " + length + " bytes");
    }

    @Test
    @DisplayName("SR-14 a packed tick cut short, padded or with an unknown bit is malformed, never read past its length")
    void malformedIsRefused()
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
        final TickRecord r = JournalFixtures.fill(new TickRecord(), 4321);
        final TickRecord ctx = JournalCodec.clearTick(new TickRecord());
        final int length = JournalCodec.encodePackedTick(r, ctx, PERIOD_NS, b, 0);
        for (int cut = 0; cut < length; cut++)
        {
            assertFalse(JournalCodec.decodePackedTick(b, 0, cut, PERIOD_NS, JournalCodec.clearTick(new TickRecord())),
                "cut to " + cut);
        }
        assertFalse(JournalCodec.decodePackedTick(b, 0, length + 1, PERIOD_NS, JournalCodec.clearTick(new TickRecord())));
        b.putByte(JournalDescriptor.PACKED_FLAGS_OFFSET, (byte)(b.getByte(JournalDescriptor.PACKED_FLAGS_OFFSET) | 0x40));
        assertFalse(JournalCodec.decodePackedTick(b, 0, length, PERIOD_NS, JournalCodec.clearTick(new TickRecord())));
    }

    /** A successor of the previous tick: mostly +1 with noise, sometimes jumps and code changes. */
    private static TickRecord next(final Random random, final TickRecord previous, final int i)
    {
        final TickRecord r = new TickRecord().copyFrom(previous);
        r.tick = random.nextInt(20) == 0 ? random.nextLong() >>> 1 : previous.tick + 1;
        r.scheduledNs = random.nextInt(20) == 0 ? random.nextLong() : previous.scheduledNs + PERIOD_NS;
        r.latenessNs = random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(100_000) - 1000;
        r.actualNs = r.scheduledNs + r.latenessNs;
        r.lastTickDurationNs = random.nextInt(10) == 0 ? random.nextLong() : random.nextInt(10_000);
        final long sequence = random.nextInt(20) == 0 ? random.nextLong() : previous.sample.sequence() + 1;
        r.sample.set(code(random, previous.sample.currentARaw(), true), code(random, previous.sample.currentBRaw(), true),
            code(random, previous.sample.electrodeVoltageRaw(), true), code(random, previous.sample.supplyVoltageRaw(), false),
            code(random, previous.sample.dacReadbackRaw(), false),
            random.nextInt(10) == 0 ? random.nextInt(256) : previous.sample.statusBits(), sequence);
        r.sampleResult = random.nextInt(10) == 0 ? random.nextInt(256) - 128 : previous.sampleResult;
        r.actuateResult = random.nextInt(10) == 0 ? random.nextInt(256) - 128 : previous.actuateResult;
        r.stateBefore = random.nextInt(10) == 0 ? random.nextInt(16) : previous.stateAfter;
        r.stateAfter = random.nextInt(10) == 0 ? random.nextInt(16) : r.stateBefore;
        r.verdict = random.nextInt(4);
        r.tripCause = random.nextInt(10) == 0 ? random.nextInt(256) : previous.tripCause;
        r.activeClamps = random.nextInt(10) == 0 ? random.nextInt(256) : previous.activeClamps;
        r.targetUa = random.nextInt(10) == 0 ? random.nextDouble() * 1e4 : previous.targetUa;
        r.setpointUa = random.nextInt(3) == 0 ? random.nextDouble() * 1e4 : previous.setpointUa;
        r.measuredUa = random.nextInt(5) == 0 ? previous.measuredUa : random.nextGaussian() * 1e3;
        r.loadOhm = random.nextInt(5) == 0 ? previous.loadOhm : random.nextDouble() * 1e4;
        r.pTerm = random.nextInt(5) == 0 ? previous.pTerm : random.nextGaussian();
        r.iTerm = random.nextInt(5) == 0 ? previous.iTerm : random.nextGaussian() * 100;
        r.dTerm = random.nextInt(5) == 0 ? (i % 2 == 0 ? -0.0 : Double.NaN) : random.nextGaussian();
        r.ffTerm = random.nextInt(5) == 0 ? previous.ffTerm : random.nextGaussian();
        r.command.set(code(random, previous.command.dacCode(), false), random.nextBoolean(), random.nextBoolean(),
            random.nextInt(10) == 0 ? random.nextInt(1001) : previous.command.dutyPermille());
        r.doseNormalUc = random.nextBoolean() ? previous.doseNormalUc + random.nextDouble() : previous.doseNormalUc;
        r.doseReversedUc = random.nextBoolean() ? previous.doseReversedUc : previous.doseReversedUc + random.nextDouble();
        final int elapsed = random.nextInt(3);
        r.treatmentElapsedNs = elapsed == 0 ? previous.treatmentElapsedNs : elapsed == 1 ?
            previous.treatmentElapsedNs + PERIOD_NS : random.nextLong();
        return r;
    }

    private static int code(final Random random, final int previous, final boolean signed)
    {
        if (random.nextInt(4) == 0)
        {
            return previous;
        }
        return signed ? random.nextInt(65536) - 32768 : random.nextInt(65536);
    }

    /** What a decoded context holds: the stored float32 values widened. */
    private static void roundFloats(final TickRecord r)
    {
        r.measuredUa = (float)r.measuredUa;
        r.loadOhm = (float)r.loadOhm;
        r.pTerm = (float)r.pTerm;
        r.iTerm = (float)r.iTerm;
        r.dTerm = (float)r.dTerm;
        r.ffTerm = (float)r.ffTerm;
    }
}
