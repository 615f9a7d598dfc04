package org.galvani.journal;

import static org.galvani.journal.JournalDescriptor.*;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.TickRecord;
import org.galvani.hal.HalSample;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionPlan;
import org.galvani.session.SkinCheck;
import org.galvani.session.SkinGrade;

/**
 * Encodes and decodes the records laid out in {@link JournalDescriptor}, little-endian, into and out of
 * Agrona buffers. Encoding leaves the chain value (the last {@link JournalDescriptor#CHAIN_LENGTH} bytes) to
 * the writer.
 *
 * <p>Threading: stateless, static methods; safe from any thread. Allocation: {@link #encodeTick},
 * {@link #encodeEvent} and the attachment encoders allocate nothing (strings are UTF-8 encoded char by
 * char); decoding of attachments and of session starts allocates (reader side only).
 */
public final class JournalCodec
{
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private JournalCodec()
    {
    }

    // ---- ticks ---------------------------------------------------------------------------------------

    /**
     * Encodes a tick, compact when every value fits exactly, otherwise wide.
     *
     * @param r            the record.
     * @param tickPeriodNs the session's period (0 when unknown: forces the wide layout).
     * @param b            destination.
     * @param o            offset in the destination.
     * @return the record's length including the (unfilled) chain value.
     */
    public static int encodeTick(final TickRecord r, final long tickPeriodNs, final MutableDirectBuffer b, final int o)
    {
        if (fitsCompact(r, tickPeriodNs))
        {
            final int flags = (r.command.polarityReversed() ? FLAG_POLARITY_REVERSED : 0) |
                (r.command.outputEnabled() ? FLAG_OUTPUT_ENABLED : 0) | (r.verdict << FLAG_VERDICT_SHIFT);
            b.putByte(o + TYPE_OFFSET, (byte)TICK);
            b.putByte(o + TICK_FLAGS_OFFSET, (byte)flags);
            b.putByte(o + TICK_STATES_OFFSET, (byte)(r.stateBefore | (r.stateAfter << 4)));
            b.putByte(o + TICK_TRIP_CAUSE_OFFSET, (byte)r.tripCause);
            b.putByte(o + TICK_SAMPLE_RESULT_OFFSET, (byte)r.sampleResult);
            b.putByte(o + TICK_ACTUATE_RESULT_OFFSET, (byte)r.actuateResult);
            b.putByte(o + TICK_STATUS_BITS_OFFSET, (byte)r.sample.statusBits());
            b.putByte(o + TICK_ACTIVE_CLAMPS_OFFSET, (byte)r.activeClamps);
            b.putShort(o + TICK_DUTY_PERMILLE_OFFSET, (short)r.command.dutyPermille(), LE);
            b.putShort(o + TICK_DAC_CODE_OFFSET, (short)r.command.dacCode(), LE);
            b.putShort(o + TICK_CURRENT_A_RAW_OFFSET, (short)r.sample.currentARaw(), LE);
            b.putShort(o + TICK_CURRENT_B_RAW_OFFSET, (short)r.sample.currentBRaw(), LE);
            b.putShort(o + TICK_ELECTRODE_VOLTAGE_RAW_OFFSET, (short)r.sample.electrodeVoltageRaw(), LE);
            b.putShort(o + TICK_SUPPLY_VOLTAGE_RAW_OFFSET, (short)r.sample.supplyVoltageRaw(), LE);
            b.putShort(o + TICK_DAC_READBACK_RAW_OFFSET, (short)r.sample.dacReadbackRaw(), LE);
            b.putShort(o + TICK_SEQUENCE_DELTA_OFFSET, (short)(r.sample.sequence() - r.tick), LE);
            b.putInt(o + TICK_TICK_OFFSET, (int)r.tick, LE);
            b.putInt(o + TICK_ELAPSED_TICKS_OFFSET, (int)(r.treatmentElapsedNs / tickPeriodNs), LE);
            b.putLong(o + TICK_SCHEDULED_NS_OFFSET, r.scheduledNs, LE);
            b.putInt(o + TICK_LATENESS_NS_OFFSET, (int)r.latenessNs, LE);
            b.putInt(o + TICK_LAST_DURATION_NS_OFFSET, (int)r.lastTickDurationNs, LE);
            b.putDouble(o + TICK_TARGET_UA_OFFSET, r.targetUa, LE);
            b.putDouble(o + TICK_SETPOINT_UA_OFFSET, r.setpointUa, LE);
            b.putDouble(o + TICK_DOSE_NORMAL_UC_OFFSET, r.doseNormalUc, LE);
            b.putDouble(o + TICK_DOSE_REVERSED_UC_OFFSET, r.doseReversedUc, LE);
            b.putFloat(o + TICK_MEASURED_UA_OFFSET, (float)r.measuredUa, LE);
            b.putFloat(o + TICK_LOAD_OHM_OFFSET, (float)r.loadOhm, LE);
            b.putFloat(o + TICK_P_TERM_OFFSET, (float)r.pTerm, LE);
            b.putFloat(o + TICK_I_TERM_OFFSET, (float)r.iTerm, LE);
            b.putFloat(o + TICK_D_TERM_OFFSET, (float)r.dTerm, LE);
            b.putFloat(o + TICK_FF_TERM_OFFSET, (float)r.ffTerm, LE);
            return TICK_LENGTH;
        }
        return encodeWideTick(r, b, o);
    }

    /**
     * Encodes a tick as TICK_WIDE: every field at full width (any value).
     *
     * @param r the record.
     * @param b destination.
     * @param o offset in the destination.
     * @return {@link JournalDescriptor#TICK_WIDE_LENGTH}, the chain value unfilled.
     */
    public static int encodeWideTick(final TickRecord r, final MutableDirectBuffer b, final int o)
    {
        final int flags = (r.command.polarityReversed() ? FLAG_POLARITY_REVERSED : 0) |
            (r.command.outputEnabled() ? FLAG_OUTPUT_ENABLED : 0);
        b.putByte(o + TYPE_OFFSET, (byte)TICK_WIDE);
        b.putByte(o + WIDE_FLAGS_OFFSET, (byte)flags);
        b.putShort(o + 2, (short)0, LE);
        b.putInt(o + WIDE_STATE_BEFORE_OFFSET, r.stateBefore, LE);
        b.putInt(o + WIDE_STATE_AFTER_OFFSET, r.stateAfter, LE);
        b.putInt(o + WIDE_VERDICT_OFFSET, r.verdict, LE);
        b.putInt(o + WIDE_TRIP_CAUSE_OFFSET, r.tripCause, LE);
        b.putInt(o + WIDE_SAMPLE_RESULT_OFFSET, r.sampleResult, LE);
        b.putInt(o + WIDE_ACTUATE_RESULT_OFFSET, r.actuateResult, LE);
        b.putInt(o + WIDE_STATUS_BITS_OFFSET, r.sample.statusBits(), LE);
        b.putInt(o + WIDE_ACTIVE_CLAMPS_OFFSET, r.activeClamps, LE);
        b.putInt(o + WIDE_DUTY_PERMILLE_OFFSET, r.command.dutyPermille(), LE);
        b.putInt(o + WIDE_DAC_CODE_OFFSET, r.command.dacCode(), LE);
        b.putInt(o + WIDE_CURRENT_A_RAW_OFFSET, r.sample.currentARaw(), LE);
        b.putInt(o + WIDE_CURRENT_B_RAW_OFFSET, r.sample.currentBRaw(), LE);
        b.putInt(o + WIDE_ELECTRODE_VOLTAGE_RAW_OFFSET, r.sample.electrodeVoltageRaw(), LE);
        b.putInt(o + WIDE_SUPPLY_VOLTAGE_RAW_OFFSET, r.sample.supplyVoltageRaw(), LE);
        b.putInt(o + WIDE_DAC_READBACK_RAW_OFFSET, r.sample.dacReadbackRaw(), LE);
        b.putLong(o + WIDE_SEQUENCE_OFFSET, r.sample.sequence(), LE);
        b.putLong(o + WIDE_TICK_OFFSET, r.tick, LE);
        b.putLong(o + WIDE_SCHEDULED_NS_OFFSET, r.scheduledNs, LE);
        b.putLong(o + WIDE_ACTUAL_NS_OFFSET, r.actualNs, LE);
        b.putLong(o + WIDE_LATENESS_NS_OFFSET, r.latenessNs, LE);
        b.putLong(o + WIDE_LAST_DURATION_NS_OFFSET, r.lastTickDurationNs, LE);
        b.putLong(o + WIDE_ELAPSED_NS_OFFSET, r.treatmentElapsedNs, LE);
        b.putDouble(o + WIDE_TARGET_UA_OFFSET, r.targetUa, LE);
        b.putDouble(o + WIDE_SETPOINT_UA_OFFSET, r.setpointUa, LE);
        b.putDouble(o + WIDE_DOSE_NORMAL_UC_OFFSET, r.doseNormalUc, LE);
        b.putDouble(o + WIDE_DOSE_REVERSED_UC_OFFSET, r.doseReversedUc, LE);
        b.putFloat(o + WIDE_MEASURED_UA_OFFSET, (float)r.measuredUa, LE);
        b.putFloat(o + WIDE_LOAD_OHM_OFFSET, (float)r.loadOhm, LE);
        b.putFloat(o + WIDE_P_TERM_OFFSET, (float)r.pTerm, LE);
        b.putFloat(o + WIDE_I_TERM_OFFSET, (float)r.iTerm, LE);
        b.putFloat(o + WIDE_D_TERM_OFFSET, (float)r.dTerm, LE);
        b.putFloat(o + WIDE_FF_TERM_OFFSET, (float)r.ffTerm, LE);
        return TICK_WIDE_LENGTH;
    }

    /**
     * @param r            a record.
     * @param tickPeriodNs the session's period.
     * @return whether the compact layout holds every value exactly.
     */
    public static boolean fitsCompact(final TickRecord r, final long tickPeriodNs)
    {
        final long sequenceDelta = r.sample.sequence() - r.tick;
        return tickPeriodNs > 0 &&
            r.stateBefore >= 0 && r.stateBefore <= 15 && r.stateAfter >= 0 && r.stateAfter <= 15 &&
            r.verdict >= 0 && r.verdict <= 3 &&
            r.tripCause >= 0 && r.tripCause <= 255 &&
            r.sampleResult >= Byte.MIN_VALUE && r.sampleResult <= Byte.MAX_VALUE &&
            r.actuateResult >= Byte.MIN_VALUE && r.actuateResult <= Byte.MAX_VALUE &&
            (r.sample.statusBits() & ~0xFF) == 0 && (r.activeClamps & ~0xFF) == 0 &&
            (r.command.dutyPermille() & ~0xFFFF) == 0 && (r.command.dacCode() & ~0xFFFF) == 0 &&
            isShort(r.sample.currentARaw()) && isShort(r.sample.currentBRaw()) &&
            isShort(r.sample.electrodeVoltageRaw()) &&
            (r.sample.supplyVoltageRaw() & ~0xFFFF) == 0 && (r.sample.dacReadbackRaw() & ~0xFFFF) == 0 &&
            sequenceDelta >= Short.MIN_VALUE && sequenceDelta <= Short.MAX_VALUE &&
            r.tick >= 0 && r.tick <= Integer.MAX_VALUE &&
            r.treatmentElapsedNs >= 0 && r.treatmentElapsedNs % tickPeriodNs == 0 &&
            r.treatmentElapsedNs / tickPeriodNs <= Integer.MAX_VALUE &&
            r.actualNs - r.scheduledNs == r.latenessNs &&
            r.latenessNs >= Integer.MIN_VALUE && r.latenessNs <= Integer.MAX_VALUE &&
            r.lastTickDurationNs >= Integer.MIN_VALUE && r.lastTickDurationNs <= Integer.MAX_VALUE;
    }

    // ---- packed ticks (schema 2) ---------------------------------------------------------------------

    /**
     * @param r            a record.
     * @param tickPeriodNs the session's period.
     * @return whether TICK_PACKED holds every value exactly (else the tick is written as TICK_WIDE).
     */
    public static boolean fitsPacked(final TickRecord r, final long tickPeriodNs)
    {
        return tickPeriodNs > 0 &&
            r.stateBefore >= 0 && r.stateBefore <= 15 && r.stateAfter >= 0 && r.stateAfter <= 15 &&
            r.verdict >= 0 && r.verdict <= 3 &&
            r.tripCause >= 0 && r.tripCause <= 255 &&
            r.sampleResult >= Byte.MIN_VALUE && r.sampleResult <= Byte.MAX_VALUE &&
            r.actuateResult >= Byte.MIN_VALUE && r.actuateResult <= Byte.MAX_VALUE &&
            (r.sample.statusBits() & ~0xFF) == 0 && (r.activeClamps & ~0xFF) == 0 &&
            (r.command.dutyPermille() & ~0xFFFF) == 0 && (r.command.dacCode() & ~0xFFFF) == 0 &&
            isShort(r.sample.currentARaw()) && isShort(r.sample.currentBRaw()) &&
            isShort(r.sample.electrodeVoltageRaw()) &&
            (r.sample.supplyVoltageRaw() & ~0xFFFF) == 0 && (r.sample.dacReadbackRaw() & ~0xFFFF) == 0 &&
            r.actualNs - r.scheduledNs == r.latenessNs;
    }

    /**
     * Sets every field of a record to 0: the context a run of packed ticks starts from (after any record
     * that is not a tick).
     *
     * @param r the record.
     * @return r.
     */
    public static TickRecord clearTick(final TickRecord r)
    {
        r.tick = 0;
        r.scheduledNs = 0;
        r.actualNs = 0;
        r.lastTickDurationNs = 0;
        r.latenessNs = 0;
        r.sampleResult = 0;
        r.sample.set(0, 0, 0, 0, 0, 0, 0);
        r.stateBefore = 0;
        r.stateAfter = 0;
        r.verdict = 0;
        r.tripCause = 0;
        r.activeClamps = 0;
        r.targetUa = 0;
        r.setpointUa = 0;
        r.measuredUa = 0;
        r.loadOhm = 0;
        r.pTerm = 0;
        r.iTerm = 0;
        r.dTerm = 0;
        r.ffTerm = 0;
        r.command.set(0, false, false, 0);
        r.actuateResult = 0;
        r.doseNormalUc = 0;
        r.doseReversedUc = 0;
        r.treatmentElapsedNs = 0;
        return r;
    }

    /**
     * Encodes a tick as TICK_PACKED against its context: the previous tick of the run (the previous record,
     * when it is a tick) or a cleared record ({@link #clearTick}) when the previous record is not a tick.
     * Only fields that differ from the context (floats compared as float32) are stored. The caller checked
     * {@link #fitsPacked}.
     *
     * @param r            the record.
     * @param ctx          the context (not modified).
     * @param tickPeriodNs the session's period.
     * @param b            destination (at least {@link JournalDescriptor#PACKED_MAX_LENGTH} bytes from o).
     * @param o            offset.
     * @return the record's length including the (unfilled) 4-byte check.
     */
    public static int encodePackedTick(final TickRecord r, final TickRecord ctx, final long tickPeriodNs,
        final MutableDirectBuffer b, final int o)
    {
        int mask = 0;
        mask |= bit(r.sample.currentARaw() != ctx.sample.currentARaw(), P_CURRENT_A_RAW);
        mask |= bit(r.sample.currentBRaw() != ctx.sample.currentBRaw(), P_CURRENT_B_RAW);
        mask |= bit(r.sample.electrodeVoltageRaw() != ctx.sample.electrodeVoltageRaw(), P_ELECTRODE_VOLTAGE_RAW);
        mask |= bit(r.sample.supplyVoltageRaw() != ctx.sample.supplyVoltageRaw(), P_SUPPLY_VOLTAGE_RAW);
        mask |= bit(r.sample.dacReadbackRaw() != ctx.sample.dacReadbackRaw(), P_DAC_READBACK_RAW);
        mask |= bit(r.command.dacCode() != ctx.command.dacCode(), P_DAC_CODE);
        mask |= bit(differs((float)r.measuredUa, (float)ctx.measuredUa), P_MEASURED_UA);
        mask |= bit(differs((float)r.loadOhm, (float)ctx.loadOhm), P_LOAD_OHM);
        mask |= bit(differs((float)r.pTerm, (float)ctx.pTerm), P_P_TERM);
        mask |= bit(differs((float)r.iTerm, (float)ctx.iTerm), P_I_TERM);
        mask |= bit(differs((float)r.dTerm, (float)ctx.dTerm), P_D_TERM);
        mask |= bit(differs((float)r.ffTerm, (float)ctx.ffTerm), P_FF_TERM);
        mask |= bit(differs(r.doseNormalUc, ctx.doseNormalUc), P_DOSE_NORMAL_UC);
        mask |= bit(differs(r.doseReversedUc, ctx.doseReversedUc), P_DOSE_REVERSED_UC);
        mask |= bit(differs(r.setpointUa, ctx.setpointUa), P_SETPOINT_UA);
        mask |= bit(differs(r.targetUa, ctx.targetUa), P_TARGET_UA);

        int flags = (r.command.polarityReversed() ? FLAG_POLARITY_REVERSED : 0) |
            (r.command.outputEnabled() ? FLAG_OUTPUT_ENABLED : 0) | (r.verdict << FLAG_VERDICT_SHIFT);
        int rare = 0;
        rare |= bit(r.tick != ctx.tick + 1, R_TICK);
        rare |= bit(r.scheduledNs != predictScheduled(ctx, r.tick, tickPeriodNs), R_SCHEDULED_NS);
        rare |= bit(r.sample.sequence() != r.tick + (ctx.sample.sequence() - ctx.tick), R_SEQUENCE);
        if (r.treatmentElapsedNs == ctx.treatmentElapsedNs + tickPeriodNs)
        {
            flags |= PACKED_FLAG_ELAPSED_ADVANCED;
        }
        else
        {
            rare |= bit(r.treatmentElapsedNs != ctx.treatmentElapsedNs, R_TREATMENT_ELAPSED_NS);
        }
        rare |= bit(r.stateBefore != ctx.stateBefore || r.stateAfter != ctx.stateAfter, R_STATES);
        rare |= bit(r.tripCause != ctx.tripCause, R_TRIP_CAUSE);
        rare |= bit(r.sampleResult != ctx.sampleResult, R_SAMPLE_RESULT);
        rare |= bit(r.actuateResult != ctx.actuateResult, R_ACTUATE_RESULT);
        rare |= bit(r.sample.statusBits() != ctx.sample.statusBits(), R_STATUS_BITS);
        rare |= bit(r.activeClamps != ctx.activeClamps, R_ACTIVE_CLAMPS);
        rare |= bit(r.command.dutyPermille() != ctx.command.dutyPermille(), R_DUTY_PERMILLE);
        if (rare != 0)
        {
            flags |= PACKED_FLAG_RARE;
        }

        b.putByte(o + TYPE_OFFSET, (byte)TICK_PACKED);
        b.putByte(o + PACKED_FLAGS_OFFSET, (byte)flags);
        b.putShort(o + PACKED_MASK_OFFSET, (short)mask, LE);
        int p = o + PACKED_BODY_OFFSET;
        if (rare != 0)
        {
            b.putShort(p, (short)rare, LE);
            p += 2;
        }
        p = putVarLong(b, p, r.latenessNs);
        p = putVarLong(b, p, r.lastTickDurationNs);
        p = putShortIf(b, p, mask, P_CURRENT_A_RAW, r.sample.currentARaw());
        p = putShortIf(b, p, mask, P_CURRENT_B_RAW, r.sample.currentBRaw());
        p = putShortIf(b, p, mask, P_ELECTRODE_VOLTAGE_RAW, r.sample.electrodeVoltageRaw());
        p = putShortIf(b, p, mask, P_SUPPLY_VOLTAGE_RAW, r.sample.supplyVoltageRaw());
        p = putShortIf(b, p, mask, P_DAC_READBACK_RAW, r.sample.dacReadbackRaw());
        p = putShortIf(b, p, mask, P_DAC_CODE, r.command.dacCode());
        p = putFloatIf(b, p, mask, P_MEASURED_UA, r.measuredUa);
        p = putFloatIf(b, p, mask, P_LOAD_OHM, r.loadOhm);
        p = putFloatIf(b, p, mask, P_P_TERM, r.pTerm);
        p = putFloatIf(b, p, mask, P_I_TERM, r.iTerm);
        p = putFloatIf(b, p, mask, P_D_TERM, r.dTerm);
        p = putFloatIf(b, p, mask, P_FF_TERM, r.ffTerm);
        p = putDoubleIf(b, p, mask, P_DOSE_NORMAL_UC, r.doseNormalUc);
        p = putDoubleIf(b, p, mask, P_DOSE_REVERSED_UC, r.doseReversedUc);
        p = putDoubleIf(b, p, mask, P_SETPOINT_UA, r.setpointUa);
        p = putDoubleIf(b, p, mask, P_TARGET_UA, r.targetUa);
        p = putLongIf(b, p, rare, R_TICK, r.tick);
        p = putLongIf(b, p, rare, R_SCHEDULED_NS, r.scheduledNs);
        p = putLongIf(b, p, rare, R_SEQUENCE, r.sample.sequence());
        p = putLongIf(b, p, rare, R_TREATMENT_ELAPSED_NS, r.treatmentElapsedNs);
        p = putByteIf(b, p, rare, R_STATES, r.stateBefore | (r.stateAfter << 4));
        p = putByteIf(b, p, rare, R_TRIP_CAUSE, r.tripCause);
        p = putByteIf(b, p, rare, R_SAMPLE_RESULT, r.sampleResult);
        p = putByteIf(b, p, rare, R_ACTUATE_RESULT, r.actuateResult);
        p = putByteIf(b, p, rare, R_STATUS_BITS, r.sample.statusBits());
        p = putByteIf(b, p, rare, R_ACTIVE_CLAMPS, r.activeClamps);
        p = putShortIf(b, p, rare, R_DUTY_PERMILLE, r.command.dutyPermille());
        return p - o + PACKED_CHECK_LENGTH;
    }

    /**
     * Decodes a TICK_PACKED onto its context: {@code r} holds the previous tick of the run, or was cleared
     * ({@link #clearTick}) when the previous record is not a tick; fields the record leaves out keep the
     * context's value. Every read is bounded by the record's length.
     *
     * @param b            source.
     * @param o            offset of the record.
     * @param length       the record's length including its check.
     * @param tickPeriodNs the session's period.
     * @param r            the context, overwritten with the tick.
     * @return whether the record's fields fill exactly its length (false: malformed; r is then undefined).
     */
    public static boolean decodePackedTick(final DirectBuffer b, final int o, final int length,
        final long tickPeriodNs, final TickRecord r)
    {
        final int limit = o + length - PACKED_CHECK_LENGTH;
        if (length < PACKED_BODY_OFFSET + PACKED_CHECK_LENGTH || b.getByte(o + TYPE_OFFSET) != TICK_PACKED)
        {
            return false;
        }
        final int flags = b.getByte(o + PACKED_FLAGS_OFFSET) & 0xFF;
        final int mask = b.getShort(o + PACKED_MASK_OFFSET, LE) & 0xFFFF;
        int p = o + PACKED_BODY_OFFSET;
        int rare = 0;
        if ((flags & PACKED_FLAG_RARE) != 0)
        {
            if (p + 2 > limit)
            {
                return false;
            }
            rare = b.getShort(p, LE) & 0xFFFF;
            p += 2;
        }
        if ((flags & ~0x3F) != 0 || (rare & ~0x7FF) != 0)
        {
            return false;
        }
        final long previousTick = r.tick;
        final long previousSequenceDelta = r.sample.sequence() - r.tick;
        final long predictedScheduled = r.scheduledNs;
        final int latenessLength = varLength(b, p, limit);
        if (latenessLength < 0)
        {
            return false;
        }
        final long lateness = getVarLong(b, p, latenessLength);
        p += latenessLength;
        final int durationLength = varLength(b, p, limit);
        if (durationLength < 0)
        {
            return false;
        }
        final long duration = getVarLong(b, p, durationLength);
        p += durationLength;
        if (p + packedBodyLength(mask, rare) != limit)
        {
            return false;
        }
        p = decodeMaskFields(b, p, mask, r);
        final long tick = has(rare, R_TICK) ? b.getLong(p, LE) : previousTick + 1;
        p += has(rare, R_TICK) ? 8 : 0;
        final long scheduled = has(rare, R_SCHEDULED_NS) ? b.getLong(p, LE) :
            predictedScheduled == 0 ? 0 : predictedScheduled + (tick - previousTick) * tickPeriodNs;
        p += has(rare, R_SCHEDULED_NS) ? 8 : 0;
        final long sequence = has(rare, R_SEQUENCE) ? b.getLong(p, LE) : tick + previousSequenceDelta;
        p += has(rare, R_SEQUENCE) ? 8 : 0;
        if (has(rare, R_TREATMENT_ELAPSED_NS))
        {
            r.treatmentElapsedNs = b.getLong(p, LE);
            p += 8;
        }
        else if ((flags & PACKED_FLAG_ELAPSED_ADVANCED) != 0)
        {
            r.treatmentElapsedNs += tickPeriodNs;
        }
        p = decodeRareCodes(b, p, rare, r);
        r.tick = tick;
        r.scheduledNs = scheduled;
        r.latenessNs = lateness;
        r.actualNs = scheduled + lateness;
        r.lastTickDurationNs = duration;
        r.verdict = (flags >>> FLAG_VERDICT_SHIFT) & 0x3;
        final HalSample sample = r.sample;
        sample.set(sample.currentARaw(), sample.currentBRaw(), sample.electrodeVoltageRaw(), sample.supplyVoltageRaw(),
            sample.dacReadbackRaw(), sample.statusBits(), sequence);
        r.command.set(r.command.dacCode(), (flags & FLAG_POLARITY_REVERSED) != 0, (flags & FLAG_OUTPUT_ENABLED) != 0,
            r.command.dutyPermille());
        return p == limit;
    }

    /** The mask's fields, in bit order, onto r (absent ones keep r's). */
    private static int decodeMaskFields(final DirectBuffer b, final int at, final int mask, final TickRecord r)
    {
        int p = at;
        final HalSample s = r.sample;
        final int currentA = has(mask, P_CURRENT_A_RAW) ? b.getShort(p, LE) : s.currentARaw();
        p += has(mask, P_CURRENT_A_RAW) ? 2 : 0;
        final int currentB = has(mask, P_CURRENT_B_RAW) ? b.getShort(p, LE) : s.currentBRaw();
        p += has(mask, P_CURRENT_B_RAW) ? 2 : 0;
        final int electrode = has(mask, P_ELECTRODE_VOLTAGE_RAW) ? b.getShort(p, LE) : s.electrodeVoltageRaw();
        p += has(mask, P_ELECTRODE_VOLTAGE_RAW) ? 2 : 0;
        final int supply = has(mask, P_SUPPLY_VOLTAGE_RAW) ? b.getShort(p, LE) & 0xFFFF : s.supplyVoltageRaw();
        p += has(mask, P_SUPPLY_VOLTAGE_RAW) ? 2 : 0;
        final int readback = has(mask, P_DAC_READBACK_RAW) ? b.getShort(p, LE) & 0xFFFF : s.dacReadbackRaw();
        p += has(mask, P_DAC_READBACK_RAW) ? 2 : 0;
        final int dacCode = has(mask, P_DAC_CODE) ? b.getShort(p, LE) & 0xFFFF : r.command.dacCode();
        p += has(mask, P_DAC_CODE) ? 2 : 0;
        s.set(currentA, currentB, electrode, supply, readback, s.statusBits(), s.sequence());
        r.command.set(dacCode, r.command.polarityReversed(), r.command.outputEnabled(), r.command.dutyPermille());
        r.measuredUa = has(mask, P_MEASURED_UA) ? b.getFloat(p, LE) : r.measuredUa;
        p += has(mask, P_MEASURED_UA) ? 4 : 0;
        r.loadOhm = has(mask, P_LOAD_OHM) ? b.getFloat(p, LE) : r.loadOhm;
        p += has(mask, P_LOAD_OHM) ? 4 : 0;
        r.pTerm = has(mask, P_P_TERM) ? b.getFloat(p, LE) : r.pTerm;
        p += has(mask, P_P_TERM) ? 4 : 0;
        r.iTerm = has(mask, P_I_TERM) ? b.getFloat(p, LE) : r.iTerm;
        p += has(mask, P_I_TERM) ? 4 : 0;
        r.dTerm = has(mask, P_D_TERM) ? b.getFloat(p, LE) : r.dTerm;
        p += has(mask, P_D_TERM) ? 4 : 0;
        r.ffTerm = has(mask, P_FF_TERM) ? b.getFloat(p, LE) : r.ffTerm;
        p += has(mask, P_FF_TERM) ? 4 : 0;
        r.doseNormalUc = has(mask, P_DOSE_NORMAL_UC) ? b.getDouble(p, LE) : r.doseNormalUc;
        p += has(mask, P_DOSE_NORMAL_UC) ? 8 : 0;
        r.doseReversedUc = has(mask, P_DOSE_REVERSED_UC) ? b.getDouble(p, LE) : r.doseReversedUc;
        p += has(mask, P_DOSE_REVERSED_UC) ? 8 : 0;
        r.setpointUa = has(mask, P_SETPOINT_UA) ? b.getDouble(p, LE) : r.setpointUa;
        p += has(mask, P_SETPOINT_UA) ? 8 : 0;
        r.targetUa = has(mask, P_TARGET_UA) ? b.getDouble(p, LE) : r.targetUa;
        p += has(mask, P_TARGET_UA) ? 8 : 0;
        return p;
    }

    /** The rare mask's byte-sized codes and the duty, in bit order, onto r (absent ones keep r's). */
    private static int decodeRareCodes(final DirectBuffer b, final int at, final int rare, final TickRecord r)
    {
        int p = at;
        if (has(rare, R_STATES))
        {
            final int states = b.getByte(p++) & 0xFF;
            r.stateBefore = states & 0xF;
            r.stateAfter = states >>> 4;
        }
        r.tripCause = has(rare, R_TRIP_CAUSE) ? b.getByte(p++) & 0xFF : r.tripCause;
        r.sampleResult = has(rare, R_SAMPLE_RESULT) ? b.getByte(p++) : r.sampleResult;
        r.actuateResult = has(rare, R_ACTUATE_RESULT) ? b.getByte(p++) : r.actuateResult;
        final HalSample s = r.sample;
        final int statusBits = has(rare, R_STATUS_BITS) ? b.getByte(p++) & 0xFF : s.statusBits();
        s.set(s.currentARaw(), s.currentBRaw(), s.electrodeVoltageRaw(), s.supplyVoltageRaw(), s.dacReadbackRaw(),
            statusBits, s.sequence());
        r.activeClamps = has(rare, R_ACTIVE_CLAMPS) ? b.getByte(p++) & 0xFF : r.activeClamps;
        final int duty = has(rare, R_DUTY_PERMILLE) ? b.getShort(p, LE) & 0xFFFF : r.command.dutyPermille();
        p += has(rare, R_DUTY_PERMILLE) ? 2 : 0;
        r.command.set(r.command.dacCode(), r.command.polarityReversed(), r.command.outputEnabled(), duty);
        return p;
    }

    /** Stored length of each optional field by bit: [0] the mask's, [1] the rare mask's. */
    private static final int[][] PACKED_LENGTHS = packedLengths();

    private static int[][] packedLengths()
    {
        final int[][] lengths = new int[2][16];
        for (final JournalDescriptor.PackedField f : JournalDescriptor.packedFields())
        {
            lengths[f.mask().equals("mask") ? 0 : 1][f.bit()] = f.length();
        }
        return lengths;
    }

    private static int packedBodyLength(final int mask, final int rare)
    {
        int n = 0;
        for (int bit = 0; bit < 16; bit++)
        {
            n += (has(mask, bit) ? PACKED_LENGTHS[0][bit] : 0) + (has(rare, bit) ? PACKED_LENGTHS[1][bit] : 0);
        }
        return n;
    }

    private static long predictScheduled(final TickRecord ctx, final long tick, final long tickPeriodNs)
    {
        return ctx.scheduledNs == 0 ? 0 : ctx.scheduledNs + (tick - ctx.tick) * tickPeriodNs;
    }

    private static boolean differs(final float a, final float b)
    {
        return Float.floatToRawIntBits(a) != Float.floatToRawIntBits(b);
    }

    private static boolean differs(final double a, final double b)
    {
        return Double.doubleToRawLongBits(a) != Double.doubleToRawLongBits(b);
    }

    private static int bit(final boolean set, final int bit)
    {
        return set ? 1 << bit : 0;
    }

    private static boolean has(final int mask, final int bit)
    {
        return (mask & (1 << bit)) != 0;
    }

    private static int putShortIf(final MutableDirectBuffer b, final int p, final int mask, final int bit, final int v)
    {
        if (!has(mask, bit))
        {
            return p;
        }
        b.putShort(p, (short)v, LE);
        return p + 2;
    }

    private static int putByteIf(final MutableDirectBuffer b, final int p, final int mask, final int bit, final int v)
    {
        if (!has(mask, bit))
        {
            return p;
        }
        b.putByte(p, (byte)v);
        return p + 1;
    }

    private static int putFloatIf(final MutableDirectBuffer b, final int p, final int mask, final int bit,
        final double v)
    {
        if (!has(mask, bit))
        {
            return p;
        }
        b.putFloat(p, (float)v, LE);
        return p + 4;
    }

    private static int putDoubleIf(final MutableDirectBuffer b, final int p, final int mask, final int bit,
        final double v)
    {
        if (!has(mask, bit))
        {
            return p;
        }
        b.putDouble(p, v, LE);
        return p + 8;
    }

    private static int putLongIf(final MutableDirectBuffer b, final int p, final int mask, final int bit, final long v)
    {
        if (!has(mask, bit))
        {
            return p;
        }
        b.putLong(p, v, LE);
        return p + 8;
    }

    /**
     * Writes a signed value as a zig-zag varint: {@code (v << 1) ^ (v >> 63)}, 7 bits a byte, low bits
     * first, high bit set on every byte but the last (1 byte for |v| < 64, 2 below 8,192, 3 below 1,048,576).
     */
    static int putVarLong(final MutableDirectBuffer b, final int at, final long v)
    {
        long z = (v << 1) ^ (v >> 63);
        int p = at;
        while ((z & ~0x7FL) != 0)
        {
            b.putByte(p++, (byte)((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        b.putByte(p++, (byte)z);
        return p;
    }

    /**
     * @return the length (1 to 10) of the zig-zag varint at p, or -1 when it runs to the limit or is longer.
     */
    static int varLength(final DirectBuffer b, final int p, final int limit)
    {
        for (int n = 0; n < 10; n++)
        {
            if (p + n >= limit)
            {
                return -1;
            }
            if ((b.getByte(p + n) & 0x80) == 0)
            {
                return n + 1;
            }
        }
        return -1;
    }

    /** Reads the zig-zag varint of the given length at p (see {@link #putVarLong}). */
    static long getVarLong(final DirectBuffer b, final int p, final int length)
    {
        long z = 0;
        for (int n = 0; n < length; n++)
        {
            z |= (long)(b.getByte(p + n) & 0x7F) << (7 * n);
        }
        return (z >>> 1) ^ -(z & 1);
    }

    private static boolean isShort(final int value)
    {
        return value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
    }

    /**
     * Decodes a TICK or TICK_WIDE record (floats widened back to double).
     *
     * @param b            source.
     * @param o            offset of the record.
     * @param tickPeriodNs the session's period (for the compact layout's elapsed ticks).
     * @param r            destination (reused).
     */
    public static void decodeTick(final DirectBuffer b, final int o, final long tickPeriodNs, final TickRecord r)
    {
        final int type = b.getByte(o + TYPE_OFFSET);
        if (type == TICK)
        {
            final int flags = b.getByte(o + TICK_FLAGS_OFFSET) & 0xFF;
            final int states = b.getByte(o + TICK_STATES_OFFSET) & 0xFF;
            r.tick = b.getInt(o + TICK_TICK_OFFSET, LE);
            r.scheduledNs = b.getLong(o + TICK_SCHEDULED_NS_OFFSET, LE);
            r.latenessNs = b.getInt(o + TICK_LATENESS_NS_OFFSET, LE);
            r.actualNs = r.scheduledNs + r.latenessNs;
            r.lastTickDurationNs = b.getInt(o + TICK_LAST_DURATION_NS_OFFSET, LE);
            r.sampleResult = b.getByte(o + TICK_SAMPLE_RESULT_OFFSET);
            r.sample.set(
                b.getShort(o + TICK_CURRENT_A_RAW_OFFSET, LE),
                b.getShort(o + TICK_CURRENT_B_RAW_OFFSET, LE),
                b.getShort(o + TICK_ELECTRODE_VOLTAGE_RAW_OFFSET, LE),
                b.getShort(o + TICK_SUPPLY_VOLTAGE_RAW_OFFSET, LE) & 0xFFFF,
                b.getShort(o + TICK_DAC_READBACK_RAW_OFFSET, LE) & 0xFFFF,
                b.getByte(o + TICK_STATUS_BITS_OFFSET) & 0xFF,
                r.tick + b.getShort(o + TICK_SEQUENCE_DELTA_OFFSET, LE));
            r.stateBefore = states & 0xF;
            r.stateAfter = states >>> 4;
            r.verdict = (flags >>> FLAG_VERDICT_SHIFT) & 0x3;
            r.tripCause = b.getByte(o + TICK_TRIP_CAUSE_OFFSET) & 0xFF;
            r.activeClamps = b.getByte(o + TICK_ACTIVE_CLAMPS_OFFSET) & 0xFF;
            r.targetUa = b.getDouble(o + TICK_TARGET_UA_OFFSET, LE);
            r.setpointUa = b.getDouble(o + TICK_SETPOINT_UA_OFFSET, LE);
            r.measuredUa = b.getFloat(o + TICK_MEASURED_UA_OFFSET, LE);
            r.loadOhm = b.getFloat(o + TICK_LOAD_OHM_OFFSET, LE);
            r.pTerm = b.getFloat(o + TICK_P_TERM_OFFSET, LE);
            r.iTerm = b.getFloat(o + TICK_I_TERM_OFFSET, LE);
            r.dTerm = b.getFloat(o + TICK_D_TERM_OFFSET, LE);
            r.ffTerm = b.getFloat(o + TICK_FF_TERM_OFFSET, LE);
            r.command.set(b.getShort(o + TICK_DAC_CODE_OFFSET, LE) & 0xFFFF, (flags & FLAG_POLARITY_REVERSED) != 0,
                (flags & FLAG_OUTPUT_ENABLED) != 0, b.getShort(o + TICK_DUTY_PERMILLE_OFFSET, LE) & 0xFFFF);
            r.actuateResult = b.getByte(o + TICK_ACTUATE_RESULT_OFFSET);
            r.doseNormalUc = b.getDouble(o + TICK_DOSE_NORMAL_UC_OFFSET, LE);
            r.doseReversedUc = b.getDouble(o + TICK_DOSE_REVERSED_UC_OFFSET, LE);
            r.treatmentElapsedNs = (b.getInt(o + TICK_ELAPSED_TICKS_OFFSET, LE) & 0xFFFF_FFFFL) * tickPeriodNs;
            return;
        }
        if (type != TICK_WIDE)
        {
            throw new IllegalArgumentException("not a tick record: type " + type);
        }
        final int flags = b.getByte(o + WIDE_FLAGS_OFFSET) & 0xFF;
        r.tick = b.getLong(o + WIDE_TICK_OFFSET, LE);
        r.scheduledNs = b.getLong(o + WIDE_SCHEDULED_NS_OFFSET, LE);
        r.actualNs = b.getLong(o + WIDE_ACTUAL_NS_OFFSET, LE);
        r.latenessNs = b.getLong(o + WIDE_LATENESS_NS_OFFSET, LE);
        r.lastTickDurationNs = b.getLong(o + WIDE_LAST_DURATION_NS_OFFSET, LE);
        r.sampleResult = b.getInt(o + WIDE_SAMPLE_RESULT_OFFSET, LE);
        r.sample.set(
            b.getInt(o + WIDE_CURRENT_A_RAW_OFFSET, LE),
            b.getInt(o + WIDE_CURRENT_B_RAW_OFFSET, LE),
            b.getInt(o + WIDE_ELECTRODE_VOLTAGE_RAW_OFFSET, LE),
            b.getInt(o + WIDE_SUPPLY_VOLTAGE_RAW_OFFSET, LE),
            b.getInt(o + WIDE_DAC_READBACK_RAW_OFFSET, LE),
            b.getInt(o + WIDE_STATUS_BITS_OFFSET, LE),
            b.getLong(o + WIDE_SEQUENCE_OFFSET, LE));
        r.stateBefore = b.getInt(o + WIDE_STATE_BEFORE_OFFSET, LE);
        r.stateAfter = b.getInt(o + WIDE_STATE_AFTER_OFFSET, LE);
        r.verdict = b.getInt(o + WIDE_VERDICT_OFFSET, LE);
        r.tripCause = b.getInt(o + WIDE_TRIP_CAUSE_OFFSET, LE);
        r.activeClamps = b.getInt(o + WIDE_ACTIVE_CLAMPS_OFFSET, LE);
        r.targetUa = b.getDouble(o + WIDE_TARGET_UA_OFFSET, LE);
        r.setpointUa = b.getDouble(o + WIDE_SETPOINT_UA_OFFSET, LE);
        r.measuredUa = b.getFloat(o + WIDE_MEASURED_UA_OFFSET, LE);
        r.loadOhm = b.getFloat(o + WIDE_LOAD_OHM_OFFSET, LE);
        r.pTerm = b.getFloat(o + WIDE_P_TERM_OFFSET, LE);
        r.iTerm = b.getFloat(o + WIDE_I_TERM_OFFSET, LE);
        r.dTerm = b.getFloat(o + WIDE_D_TERM_OFFSET, LE);
        r.ffTerm = b.getFloat(o + WIDE_FF_TERM_OFFSET, LE);
        r.command.set(b.getInt(o + WIDE_DAC_CODE_OFFSET, LE), (flags & FLAG_POLARITY_REVERSED) != 0,
            (flags & FLAG_OUTPUT_ENABLED) != 0, b.getInt(o + WIDE_DUTY_PERMILLE_OFFSET, LE));
        r.actuateResult = b.getInt(o + WIDE_ACTUATE_RESULT_OFFSET, LE);
        r.doseNormalUc = b.getDouble(o + WIDE_DOSE_NORMAL_UC_OFFSET, LE);
        r.doseReversedUc = b.getDouble(o + WIDE_DOSE_REVERSED_UC_OFFSET, LE);
        r.treatmentElapsedNs = b.getLong(o + WIDE_ELAPSED_NS_OFFSET, LE);
    }

    /**
     * @param b a buffer holding a TICK or TICK_WIDE record.
     * @param o its offset.
     * @return its tick index.
     */
    public static long tickIndex(final DirectBuffer b, final int o)
    {
        return b.getByte(o + TYPE_OFFSET) == TICK ? b.getInt(o + TICK_TICK_OFFSET, LE) :
            b.getLong(o + WIDE_TICK_OFFSET, LE);
    }

    // ---- events --------------------------------------------------------------------------------------

    /**
     * Encodes an event with its attachment.
     *
     * @param e the event.
     * @param b destination (must hold the whole record).
     * @param o offset.
     * @return the record's length including the (unfilled) chain value, or -1 if it does not fit.
     */
    public static int encodeEvent(final ControllerEvent e, final MutableDirectBuffer b, final int o)
    {
        encodeEventFixed(e, b, o);
        return completeEvent(e.attachment, b, o);
    }

    /**
     * Completes an event whose fixed part {@link #encodeEventFixed} wrote at {@code o}: its attachment, or — for
     * {@link EventType#SKIN_CHECKED} — the whole SKIN_CHECK record (type 8, SR-22) in its place, from the fixed
     * part's tick, command id and state and the {@link SkinCheck}. No allocation.
     *
     * @param attachment the event's attachment, or null.
     * @param b          destination holding the fixed part at {@code o}.
     * @param o          offset of the record.
     * @return the record's length including the (unfilled) chain value, or -1 if it does not fit (or a
     *         SKIN_CHECKED event carries no skin check).
     */
    public static int completeEvent(final Object attachment, final MutableDirectBuffer b, final int o)
    {
        if (b.getByte(o + TYPE_OFFSET) == EVENT && (b.getByte(o + EVENT_TYPE_OFFSET) & 0xFF) == EventType.SKIN_CHECKED.code())
        {
            if (!(attachment instanceof SkinCheck))
            {
                return -1;
            }
            return encodeSkinCheck(b.getLong(o + EVENT_TICK_OFFSET, LE), b.getLong(o + EVENT_COMMAND_ID_OFFSET, LE),
                b.getInt(o + EVENT_FROM_STATE_OFFSET, LE), (SkinCheck)attachment, b, o);
        }
        return encodeAttachment(attachment, b, o);
    }

    // ---- skin check (SR-22) --------------------------------------------------------------------------

    /**
     * Encodes a SKIN_CHECK record (no allocation: strings are UTF-8 encoded char by char).
     *
     * @param tick      the tick that drained the command.
     * @param commandId the command's id.
     * @param state     the session state when it was recorded (COMPLETE, FAULT or E_STOP).
     * @param check     the skin check.
     * @param b         destination.
     * @param o         offset.
     * @return the record's length including the (unfilled) chain value, or -1 if it does not fit.
     */
    public static int encodeSkinCheck(final long tick, final long commandId, final int state, final SkinCheck check,
        final MutableDirectBuffer b, final int o)
    {
        final int limit = b.capacity() - CHAIN_LENGTH;
        if (o + SKIN_TEXT_OFFSET > limit)
        {
            return -1;
        }
        b.setMemory(o, SKIN_TEXT_OFFSET, (byte)0);
        b.putByte(o + TYPE_OFFSET, (byte)SKIN_CHECK);
        b.putByte(o + SKIN_GRADE_OFFSET, (byte)check.grade().code());
        b.putByte(o + SKIN_STATE_OFFSET, (byte)state);
        b.putLong(o + SKIN_TICK_OFFSET, tick, LE);
        b.putLong(o + SKIN_COMMAND_ID_OFFSET, commandId, LE);
        final int end = putSkinText(b, o + SKIN_TEXT_OFFSET, limit, check);
        if (end < 0)
        {
            return -1;
        }
        b.putInt(o + SKIN_TEXT_LENGTH_OFFSET, end - (o + SKIN_TEXT_OFFSET), LE);
        return end - o + CHAIN_LENGTH;
    }

    private static int putSkinText(final MutableDirectBuffer b, final int at, final int limit, final SkinCheck check)
    {
        int end = putUtf8(b, at, limit, check.patientId());
        end = end < 0 ? end : putUtf8(b, end, limit, check.placement());
        return end < 0 ? end : putUtf8(b, end, limit, check.note());
    }

    /**
     * Checks a SKIN_CHECK record's layout (verifier and fuzzing: never throws for any bytes).
     *
     * @param b      source.
     * @param o      offset of the record.
     * @param length the record's length.
     * @return null when the layout holds, else what is wrong (the rest of a sentence).
     */
    public static String skinCheckProblem(final DirectBuffer b, final int o, final int length)
    {
        if (length < SKIN_MIN_LENGTH)
        {
            return "is a skin check of " + length + " bytes: at least " + SKIN_MIN_LENGTH;
        }
        final int textLength = b.getInt(o + SKIN_TEXT_LENGTH_OFFSET, LE);
        if (textLength != length - SKIN_TEXT_OFFSET - CHAIN_LENGTH)
        {
            return "is a skin check whose text length " + textLength + " does not match its record length " + length;
        }
        long at = o + SKIN_TEXT_OFFSET;
        final long end = at + textLength;
        for (int i = 0; i < 3; i++)
        {
            if (at + 4 > end)
            {
                return "is a skin check whose three strings do not fill its text exactly";
            }
            final int n = b.getInt((int)at, LE);
            if (n < 0 || at + 4 + n > end)
            {
                return "is a skin check whose string " + i + " is out of bounds";
            }
            at += 4 + n;
        }
        if (at != end)
        {
            return "is a skin check whose three strings do not fill its text exactly";
        }
        final int grade = b.getByte(o + SKIN_GRADE_OFFSET) & 0xFF;
        if (grade > SkinGrade.BLISTER_OR_BURN.code())
        {
            return "is a skin check of unknown grade " + grade;
        }
        return null;
    }

    /**
     * Decodes a SKIN_CHECK record into the event the controller emitted ({@link EventType#SKIN_CHECKED}, code =
     * grade, attachment = a new {@link SkinCheck}); reader side, allocates.
     *
     * @param b source.
     * @param o offset of the record.
     * @param e destination (reused).
     * @throws IllegalArgumentException when the record's strings or grade are not valid.
     */
    public static void decodeSkinCheck(final DirectBuffer b, final int o, final ControllerEvent e)
    {
        e.reset(EventType.SKIN_CHECKED, b.getLong(o + SKIN_TICK_OFFSET, LE));
        e.commandId = b.getLong(o + SKIN_COMMAND_ID_OFFSET, LE);
        e.sessionEvent = org.galvani.session.SessionEvent.SKIN_CHECK.code();
        e.fromState = b.getByte(o + SKIN_STATE_OFFSET) & 0xFF;
        e.toState = e.fromState;
        e.code = b.getByte(o + SKIN_GRADE_OFFSET) & 0xFF;
        e.attachment = getSkinText(b, o + SKIN_TEXT_OFFSET, SkinGrade.fromCode(e.code));
    }

    private static SkinCheck getSkinText(final DirectBuffer b, final int at, final SkinGrade grade)
    {
        final String patientId = getUtf8(b, at);
        final int placementAt = at + 4 + b.getInt(at, LE);
        final String placement = getUtf8(b, placementAt);
        final int noteAt = placementAt + 4 + b.getInt(placementAt, LE);
        return new SkinCheck(grade, getUtf8(b, noteAt), patientId, placement);
    }

    /**
     * Encodes the fixed part of an event (attachment type and length set to none).
     *
     * @param e the event.
     * @param b destination.
     * @param o offset.
     */
    public static void encodeEventFixed(final ControllerEvent e, final MutableDirectBuffer b, final int o)
    {
        b.putByte(o + TYPE_OFFSET, (byte)EVENT);
        b.putByte(o + EVENT_TYPE_OFFSET, (byte)e.type.code());
        b.putByte(o + EVENT_ATTACHMENT_TYPE_OFFSET, (byte)ATTACHMENT_NONE);
        b.putByte(o + 3, (byte)0);
        b.putInt(o + EVENT_SESSION_EVENT_OFFSET, e.sessionEvent, LE);
        b.putLong(o + EVENT_TICK_OFFSET, e.tick, LE);
        b.putLong(o + EVENT_COMMAND_ID_OFFSET, e.commandId, LE);
        b.putInt(o + EVENT_FROM_STATE_OFFSET, e.fromState, LE);
        b.putInt(o + EVENT_TO_STATE_OFFSET, e.toState, LE);
        b.putInt(o + EVENT_CODE_OFFSET, e.code, LE);
        b.putInt(o + EVENT_ARG_OFFSET, e.arg, LE);
        b.putDouble(o + EVENT_MEASURED_OFFSET, e.measured, LE);
        b.putDouble(o + EVENT_LIMIT_OFFSET, e.limit, LE);
        b.putInt(o + EVENT_ATTACHMENT_LENGTH_OFFSET, 0, LE);
    }

    /**
     * Encodes an attachment after an event's fixed part and sets its type and length.
     *
     * @param attachment the attachment or null.
     * @param b          destination holding the fixed part at {@code o}.
     * @param o          offset of the event record.
     * @return the record's length including the (unfilled) chain value, or -1 if it does not fit.
     */
    public static int encodeAttachment(final Object attachment, final MutableDirectBuffer b, final int o)
    {
        final int a = o + EVENT_ATTACHMENT_OFFSET;
        final int limit = b.capacity() - CHAIN_LENGTH;
        int end = a;
        int type = ATTACHMENT_NONE;
        if (attachment instanceof ScreeningDecision)
        {
            final ScreeningDecision s = (ScreeningDecision)attachment;
            type = ATTACHMENT_SCREENING;
            if (a + 1 > limit)
            {
                return -1;
            }
            b.putByte(a + SCREENING_ARMABLE_OFFSET, (byte)(s.armable() ? 1 : 0));
            end = putUtf8(b, a + SCREENING_SUMMARY_OFFSET, limit, s.summary());
        }
        else if (attachment instanceof SessionPlan)
        {
            final SessionPlan p = (SessionPlan)attachment;
            type = ATTACHMENT_PLAN;
            if (a + PLAN_PRESCRIPTION_ID_OFFSET > limit)
            {
                return -1;
            }
            b.putByte(a + PLAN_AUTHORISED_OFFSET, (byte)(p.authorised() ? 1 : 0));
            b.putByte(a + PLAN_START_REVERSED_OFFSET, (byte)(p.startReversed() ? 1 : 0));
            b.putByte(a + PLAN_REVERSE_AT_HALF_TIME_OFFSET, (byte)(p.reverseAtHalfTime() ? 1 : 0));
            b.putByte(a + 3, (byte)0);
            b.putInt(a + PLAN_DUTY_PERMILLE_OFFSET, p.dutyPermille(), LE);
            b.putInt(a + PLAN_VALIDATION_CLAMPS_OFFSET, p.validationClamps(), LE);
            b.putInt(a + 12, 0, LE);
            b.putDouble(a + PLAN_START_UA_OFFSET, p.startUa(), LE);
            b.putDouble(a + PLAN_CAP_UA_OFFSET, p.capUa(), LE);
            b.putDouble(a + PLAN_STEP_UA_OFFSET, p.stepUa(), LE);
            b.putDouble(a + PLAN_RAMP_RATE_UA_PER_S_OFFSET, p.rampRateUaPerS(), LE);
            b.putLong(a + PLAN_DURATION_NS_OFFSET, p.durationNs(), LE);
            b.putDouble(a + PLAN_DOSE_TARGET_UC_OFFSET, p.doseTargetUc(), LE);
            b.putLong(a + PLAN_MAX_SESSION_NS_OFFSET, p.maxSessionNs(), LE);
            b.putDouble(a + PLAN_TRIP_LEVEL_UA_OFFSET, p.tripLevelUa(), LE);
            b.putDouble(a + PLAN_DENSITY_LIMIT_UA_OFFSET, p.densityLimitUa(), LE);
            b.putDouble(a + PLAN_DOSE_TRIP_UC_OFFSET, p.doseTripUc(), LE);
            b.putDouble(a + PLAN_PEAK_LIMIT_UA_OFFSET, p.peakLimitUa(), LE);
            b.putDouble(a + PLAN_CONTACT_TEST_UA_OFFSET, p.contactTestUa(), LE);
            b.putDouble(a + PLAN_CONTACT_MAX_OHM_OFFSET, p.contactMaxOhm(), LE);
            b.putDouble(a + PLAN_CONTACT_MIN_OHM_OFFSET, p.contactMinOhm(), LE);
            end = putUtf8(b, a + PLAN_PRESCRIPTION_ID_OFFSET, limit, p.prescriptionId());
        }
        else if (attachment instanceof ResetAuthorisation)
        {
            final ResetAuthorisation r = (ResetAuthorisation)attachment;
            type = ATTACHMENT_RESET;
            if (a + 1 > limit)
            {
                return -1;
            }
            b.putByte(a + RESET_AUTHORISED_OFFSET, (byte)(r.authorised() ? 1 : 0));
            end = putUtf8(b, a + RESET_OPERATOR_OFFSET, limit, r.operator());
            end = end < 0 ? end : putUtf8(b, end, limit, r.reason());
        }
        else if (attachment instanceof SkinCheck)
        {
            final SkinCheck c = (SkinCheck)attachment;
            type = ATTACHMENT_SKIN_CHECK;
            if (a + 1 > limit)
            {
                return -1;
            }
            b.putByte(a + SKIN_ATTACHMENT_GRADE_OFFSET, (byte)c.grade().code());
            end = putSkinText(b, a + SKIN_ATTACHMENT_TEXT_OFFSET, limit, c);
        }
        else if (attachment != null)
        {
            type = ATTACHMENT_OTHER;
            end = putUtf8(b, a, limit, attachment.getClass().getName());
        }
        if (end < 0)
        {
            return -1;
        }
        b.putByte(o + EVENT_ATTACHMENT_TYPE_OFFSET, (byte)type);
        b.putInt(o + EVENT_ATTACHMENT_LENGTH_OFFSET, end - a, LE);
        return end - o + CHAIN_LENGTH;
    }

    /**
     * Decodes an event; attachments become new immutable objects.
     *
     * @param b source.
     * @param o offset of the record.
     * @param e destination (reused).
     */
    public static void decodeEvent(final DirectBuffer b, final int o, final ControllerEvent e)
    {
        e.reset(EventType.fromCode(b.getByte(o + EVENT_TYPE_OFFSET) & 0xFF), b.getLong(o + EVENT_TICK_OFFSET, LE));
        e.sessionEvent = b.getInt(o + EVENT_SESSION_EVENT_OFFSET, LE);
        e.commandId = b.getLong(o + EVENT_COMMAND_ID_OFFSET, LE);
        e.fromState = b.getInt(o + EVENT_FROM_STATE_OFFSET, LE);
        e.toState = b.getInt(o + EVENT_TO_STATE_OFFSET, LE);
        e.code = b.getInt(o + EVENT_CODE_OFFSET, LE);
        e.arg = b.getInt(o + EVENT_ARG_OFFSET, LE);
        e.measured = b.getDouble(o + EVENT_MEASURED_OFFSET, LE);
        e.limit = b.getDouble(o + EVENT_LIMIT_OFFSET, LE);
        final int a = o + EVENT_ATTACHMENT_OFFSET;
        switch (b.getByte(o + EVENT_ATTACHMENT_TYPE_OFFSET) & 0xFF)
        {
            case ATTACHMENT_NONE:
                e.attachment = null;
                break;
            case ATTACHMENT_SCREENING:
                e.attachment = new ScreeningDecision(b.getByte(a + SCREENING_ARMABLE_OFFSET) != 0,
                    getUtf8(b, a + SCREENING_SUMMARY_OFFSET));
                break;
            case ATTACHMENT_PLAN:
                e.attachment = SessionPlan.builder()
                    .prescriptionId(getUtf8(b, a + PLAN_PRESCRIPTION_ID_OFFSET))
                    .authorised(b.getByte(a + PLAN_AUTHORISED_OFFSET) != 0)
                    .startUa(b.getDouble(a + PLAN_START_UA_OFFSET, LE))
                    .capUa(b.getDouble(a + PLAN_CAP_UA_OFFSET, LE))
                    .stepUa(b.getDouble(a + PLAN_STEP_UA_OFFSET, LE))
                    .rampRateUaPerS(b.getDouble(a + PLAN_RAMP_RATE_UA_PER_S_OFFSET, LE))
                    .durationNs(b.getLong(a + PLAN_DURATION_NS_OFFSET, LE))
                    .doseTargetUc(b.getDouble(a + PLAN_DOSE_TARGET_UC_OFFSET, LE))
                    .maxSessionNs(b.getLong(a + PLAN_MAX_SESSION_NS_OFFSET, LE))
                    .tripLevelUa(b.getDouble(a + PLAN_TRIP_LEVEL_UA_OFFSET, LE))
                    .densityLimitUa(b.getDouble(a + PLAN_DENSITY_LIMIT_UA_OFFSET, LE))
                    .doseTripUc(b.getDouble(a + PLAN_DOSE_TRIP_UC_OFFSET, LE))
                    .startReversed(b.getByte(a + PLAN_START_REVERSED_OFFSET) != 0)
                    .reverseAtHalfTime(b.getByte(a + PLAN_REVERSE_AT_HALF_TIME_OFFSET) != 0)
                    .dutyPermille(b.getInt(a + PLAN_DUTY_PERMILLE_OFFSET, LE))
                    .peakLimitUa(b.getDouble(a + PLAN_PEAK_LIMIT_UA_OFFSET, LE))
                    .contactTestUa(b.getDouble(a + PLAN_CONTACT_TEST_UA_OFFSET, LE))
                    .contactMaxOhm(b.getDouble(a + PLAN_CONTACT_MAX_OHM_OFFSET, LE))
                    .contactMinOhm(b.getDouble(a + PLAN_CONTACT_MIN_OHM_OFFSET, LE))
                    .validationClamps(b.getInt(a + PLAN_VALIDATION_CLAMPS_OFFSET, LE))
                    .conclude();
                break;
            case ATTACHMENT_RESET:
            {
                final int operatorAt = a + RESET_OPERATOR_OFFSET;
                final String operator = getUtf8(b, operatorAt);
                final int reasonAt = operatorAt + 4 + b.getInt(operatorAt, LE);
                e.attachment = new ResetAuthorisation(operator, getUtf8(b, reasonAt),
                    b.getByte(a + RESET_AUTHORISED_OFFSET) != 0);
                break;
            }
            case ATTACHMENT_SKIN_CHECK:
                e.attachment = getSkinText(b, a + SKIN_ATTACHMENT_TEXT_OFFSET,
                    SkinGrade.fromCode(b.getByte(a + SKIN_ATTACHMENT_GRADE_OFFSET) & 0xFF));
                break;
            default:
                e.attachment = "unsupported attachment " + getUtf8(b, a);
                break;
        }
    }

    // ---- strings -------------------------------------------------------------------------------------

    /**
     * Writes an int32 byte length and the UTF-8 bytes of a string, char by char (no allocation). Unpaired
     * surrogates become '?'.
     *
     * @param b     destination.
     * @param at    offset.
     * @param limit first offset that must not be written.
     * @param s     the string (null is written as empty).
     * @return the offset after the string, or -1 if it does not fit.
     */
    public static int putUtf8(final MutableDirectBuffer b, final int at, final int limit, final String s)
    {
        int p = at + 4;
        final int n = s == null ? 0 : s.length();
        for (int i = 0; i < n; i++)
        {
            final char c = s.charAt(i);
            if (c < 0x80)
            {
                if (p + 1 > limit)
                {
                    return -1;
                }
                b.putByte(p++, (byte)c);
            }
            else if (c < 0x800)
            {
                if (p + 2 > limit)
                {
                    return -1;
                }
                b.putByte(p++, (byte)(0xC0 | (c >> 6)));
                b.putByte(p++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)))
            {
                if (p + 4 > limit)
                {
                    return -1;
                }
                final int cp = Character.toCodePoint(c, s.charAt(++i));
                b.putByte(p++, (byte)(0xF0 | (cp >> 18)));
                b.putByte(p++, (byte)(0x80 | ((cp >> 12) & 0x3F)));
                b.putByte(p++, (byte)(0x80 | ((cp >> 6) & 0x3F)));
                b.putByte(p++, (byte)(0x80 | (cp & 0x3F)));
            }
            else if (Character.isSurrogate(c))
            {
                if (p + 1 > limit)
                {
                    return -1;
                }
                b.putByte(p++, (byte)'?');
            }
            else
            {
                if (p + 3 > limit)
                {
                    return -1;
                }
                b.putByte(p++, (byte)(0xE0 | (c >> 12)));
                b.putByte(p++, (byte)(0x80 | ((c >> 6) & 0x3F)));
                b.putByte(p++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        if (at + 4 > limit)
        {
            return -1;
        }
        b.putInt(at, p - at - 4, LE);
        return p;
    }

    /**
     * @param b  source.
     * @param at offset of the int32 length.
     * @return the string (allocates).
     */
    public static String getUtf8(final DirectBuffer b, final int at)
    {
        final int length = b.getInt(at, LE);
        if (length < 0 || at + 4 + length > b.capacity())
        {
            throw new IllegalArgumentException("string length " + length + " at " + at + " is out of bounds");
        }
        final byte[] bytes = new byte[length];
        b.getBytes(at + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- seal / session end --------------------------------------------------------------------------

    /**
     * Encodes a seal record.
     *
     * @param coveredIndex Chronicle index of the sealed record.
     * @param coveredChain its chain value (16 bytes).
     * @param signature    the Ed25519 signature (64 bytes).
     * @param b            destination.
     * @param o            offset.
     * @return {@link JournalDescriptor#SEAL_LENGTH}.
     */
    public static int encodeSeal(
        final long coveredIndex, final byte[] coveredChain, final byte[] signature, final MutableDirectBuffer b,
        final int o)
    {
        b.putLong(o, 0L, LE);
        b.putByte(o + TYPE_OFFSET, (byte)SEAL);
        b.putLong(o + SEAL_COVERED_INDEX_OFFSET, coveredIndex, LE);
        b.putBytes(o + SEAL_COVERED_CHAIN_OFFSET, coveredChain, 0, CHAIN_LENGTH);
        b.putBytes(o + SEAL_SIGNATURE_OFFSET, signature, 0, SIGNATURE_LENGTH);
        return SEAL_LENGTH;
    }

    /**
     * Encodes a RECOVERY record (set-up thread, at the first open after a crash).
     *
     * @param lastIndex       Chronicle index of the last record found, -1 none.
     * @param unsignedRecords non-seal records found after the last record a seal covers.
     * @param lastTick        last tick index of the session left open, -1 none.
     * @param wallClockMs     when the device recovered (informative; not checked).
     * @param b               the buffer.
     * @param o               offset in it.
     * @return the record's length (chain value included, still to be filled).
     */
    public static int encodeRecovery(final long lastIndex, final long unsignedRecords, final long lastTick,
        final long wallClockMs, final MutableDirectBuffer b, final int o)
    {
        b.setMemory(o, JournalDescriptor.RECOVERY_LENGTH, (byte)0);
        b.putByte(o + TYPE_OFFSET, (byte)JournalDescriptor.RECOVERY);
        b.putLong(o + JournalDescriptor.RECOVERY_LAST_INDEX_OFFSET, lastIndex, LE);
        b.putLong(o + JournalDescriptor.RECOVERY_UNSIGNED_RECORDS_OFFSET, unsignedRecords, LE);
        b.putLong(o + JournalDescriptor.RECOVERY_LAST_TICK_OFFSET, lastTick, LE);
        b.putLong(o + JournalDescriptor.RECOVERY_WALL_CLOCK_MS_OFFSET, wallClockMs, LE);
        return JournalDescriptor.RECOVERY_LENGTH;
    }

    /**
     * The exact bytes a seal signs: ASCII {@link JournalDescriptor#SEAL_DOMAIN}, the covered index
     * (int64 little-endian) and the covered chain value.
     *
     * @param coveredIndex Chronicle index of the sealed record.
     * @param coveredChain its chain value.
     * @return a new array (sealer thread and verifier only).
     */
    public static byte[] sealMessage(final long coveredIndex, final byte[] coveredChain)
    {
        final byte[] message = new byte[SEAL_MESSAGE_LENGTH];
        writeSealMessage(coveredIndex, coveredChain, message);
        return message;
    }

    /** Bytes of {@link #sealMessage}: the domain, the index and the chain value. */
    public static final int SEAL_MESSAGE_LENGTH = SEAL_DOMAIN.length() + 8 + CHAIN_LENGTH;

    /**
     * {@link #sealMessage} into a caller's array, allocating nothing (the sealer thread).
     *
     * @param coveredIndex Chronicle index of the sealed record.
     * @param coveredChain its chain value.
     * @param message      receives the {@link #SEAL_MESSAGE_LENGTH} bytes at offset 0.
     */
    public static void writeSealMessage(final long coveredIndex, final byte[] coveredChain, final byte[] message)
    {
        final int domainLength = SEAL_DOMAIN.length();
        for (int i = 0; i < domainLength; i++)
        {
            message[i] = (byte)SEAL_DOMAIN.charAt(i); // ASCII
        }
        for (int i = 0; i < 8; i++)
        {
            message[domainLength + i] = (byte)(coveredIndex >>> (8 * i));
        }
        System.arraycopy(coveredChain, 0, message, domainLength + 8, CHAIN_LENGTH);
    }

    /**
     * Encodes a session end record.
     *
     * @param s the summary.
     * @param b destination.
     * @param o offset.
     * @return {@link JournalDescriptor#SESSION_END_LENGTH}.
     */
    public static int encodeSessionEnd(final SessionSummary s, final MutableDirectBuffer b, final int o)
    {
        b.setMemory(o, SESSION_END_LENGTH, (byte)0);
        b.putByte(o + TYPE_OFFSET, (byte)SESSION_END);
        b.putByte(o + END_FINAL_STATE_OFFSET, (byte)s.finalState());
        b.putByte(o + END_STATE_COUNT_OFFSET, (byte)END_STATE_COUNT);
        b.putInt(o + END_TRIP_COUNT_OFFSET, s.tripCount(), LE);
        b.putInt(o + END_FIRST_TRIP_CAUSE_OFFSET, s.firstTripCause(), LE);
        b.putLong(o + END_FIRST_TICK_OFFSET, s.firstTick(), LE);
        b.putLong(o + END_LAST_TICK_OFFSET, s.lastTick(), LE);
        b.putLong(o + END_TICK_COUNT_OFFSET, s.tickCount(), LE);
        b.putLong(o + END_FIRST_TRIP_TICK_OFFSET, s.firstTripTick(), LE);
        b.putDouble(o + END_DOSE_NORMAL_UC_OFFSET, s.doseNormalUc(), LE);
        b.putDouble(o + END_DOSE_REVERSED_UC_OFFSET, s.doseReversedUc(), LE);
        b.putDouble(o + END_MAX_MEASURED_UA_OFFSET, s.maxMeasuredUa(), LE);
        for (int i = 0; i < END_STATE_COUNT; i++)
        {
            b.putLong(o + END_TICKS_IN_STATE_OFFSET + 8 * i, s.ticksInState(i), LE);
        }
        return SESSION_END_LENGTH;
    }

    /**
     * @param b source.
     * @param o offset.
     * @return the summary.
     */
    public static SessionSummary decodeSessionEnd(final DirectBuffer b, final int o)
    {
        final long[] ticksInState = new long[END_STATE_COUNT];
        for (int i = 0; i < END_STATE_COUNT; i++)
        {
            ticksInState[i] = b.getLong(o + END_TICKS_IN_STATE_OFFSET + 8 * i, LE);
        }
        return new SessionSummary(
            b.getLong(o + END_FIRST_TICK_OFFSET, LE),
            b.getLong(o + END_LAST_TICK_OFFSET, LE),
            b.getLong(o + END_TICK_COUNT_OFFSET, LE),
            b.getDouble(o + END_DOSE_NORMAL_UC_OFFSET, LE),
            b.getDouble(o + END_DOSE_REVERSED_UC_OFFSET, LE),
            b.getDouble(o + END_MAX_MEASURED_UA_OFFSET, LE),
            b.getInt(o + END_TRIP_COUNT_OFFSET, LE),
            b.getInt(o + END_FIRST_TRIP_CAUSE_OFFSET, LE),
            b.getLong(o + END_FIRST_TRIP_TICK_OFFSET, LE),
            b.getByte(o + END_FINAL_STATE_OFFSET) & 0xFF,
            ticksInState);
    }
}
