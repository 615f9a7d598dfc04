package org.galvani.controller;

import java.lang.invoke.VarHandle;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Publishes the controller status for any number of reader threads without a lock the control thread
 * could wait on: a sequence lock (seqlock) over a small off-heap buffer, allocated once, aligned to a cache
 * line ({@link BufferUtil#allocateDirectAligned}), so that the version's 8-byte ordered and volatile accesses
 * are aligned on every JVM (a {@code byte[]}'s first element is not 8-aligned under compact object headers).
 *
 * <p>Threading: {@link #publish} is called by the control thread only (single writer); {@link #read} by any
 * number of threads. The writer never waits for readers; a reader retries while a publish overlaps its copy.
 *
 * <p>Memory ordering (the protocol of {@link java.util.concurrent.locks.StampedLock}'s optimistic read, and of
 * the Linux kernel's seqcount; docs/decisions.md ADR-4):
 * <pre>
 *   writer (control thread)                      reader (any thread)
 *   W1 version = v + 1   (release store)          R1 s1 = version        (acquire load)   retry if odd
 *   W2 storeStoreFence                            R2 fields ...          (plain loads)
 *   W3 fields ...        (plain stores)           R3 loadLoadFence (acquireFence)
 *   W4 version = v + 2   (release store)          R4 s2 = version                          accept iff s2 == s1
 * </pre>
 * W4's release keeps every W3 store before the even version; R1's acquire keeps every R2 load after it: a
 * reader whose R1 saw v + 2 sees all of that publish's fields. The two fences cover the other direction: a
 * reader whose R2 loads saw any store of a later publish must see that publish's odd version (or a later one)
 * at R4. W2 is needed because a release store orders only what precedes it: without the fence the W3 stores
 * may become visible before W1's odd version (allowed by the Java memory model, and done by AArch64 hardware,
 * where a store-release is an {@code stlr} that later plain stores may overtake; x86's TSO never reorders
 * stores, which is why the missing fence never showed on a PC). R3 is needed because plain loads may otherwise
 * be satisfied after R4's load of the version. Torn fields are possible in a copy but never accepted: they
 * imply an odd or different version at R4.
 *
 * <p>Allocation: none in either method (the buffer is allocated in the constructor).
 */
public final class StatusPublisher
{
    private static final int VERSION = 0;
    private static final int TICK = 8;
    private static final int STATE = 16;
    private static final int ACTIVE_CLAMPS = 20;
    private static final int CURRENT_UA = 24;
    private static final int SETPOINT_UA = 32;
    private static final int TARGET_UA = 40;
    private static final int CAP_UA = 48;
    private static final int DOSE_NORMAL_UC = 56;
    private static final int DOSE_REVERSED_UC = 64;
    private static final int DOSE_TARGET_UC = 72;
    private static final int ELAPSED_NS = 80;
    private static final int REMAINING_NS = 88;
    private static final int TRIP_CAUSE = 96;
    private static final int REJECT_REASON = 100;
    private static final int TRIP_TICK = 104;
    private static final int TRIP_MEASURED = 112;
    private static final int TRIP_LIMIT = 120;
    private static final int REJECTED_COMMAND = 128;
    private static final int POLARITY_REVERSED = 136;
    private static final int DUTY_PERMILLE = 140;
    private static final int AVERAGE_UA = 144;
    private static final int LONGEST_TICK_NS = 152;
    private static final int OVERRUN_COUNT = 160;
    private static final int ACCEPTED_COMMAND = 168;
    private static final int LENGTH = 176;

    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(LENGTH, 64));

    /**
     * Allocates the status buffer (off-heap, 64-byte aligned).
     */
    public StatusPublisher()
    {
        buffer.verifyAlignment(); // Agrona's check that ordered/volatile accesses are aligned
    }

    /**
     * Publishes one consistent status (control thread only).
     *
     * @param source the controller whose state is published.
     */
    public void publish(final StatusSource source)
    {
        final long version = buffer.getLong(VERSION); // only this thread writes it: a plain load is current
        buffer.putLongRelease(VERSION, version + 1);   // W1: odd = a publish is in progress
        VarHandle.storeStoreFence();                   // W2: the odd version is visible before any field store
        buffer.putLong(TICK, source.tick());
        buffer.putInt(STATE, source.stateCode());
        buffer.putInt(ACTIVE_CLAMPS, source.activeClamps());
        buffer.putDouble(CURRENT_UA, source.measuredUa());
        buffer.putDouble(SETPOINT_UA, source.setpointUa());
        buffer.putDouble(TARGET_UA, source.targetUa());
        buffer.putDouble(CAP_UA, source.capUa());
        buffer.putDouble(DOSE_NORMAL_UC, source.doseNormalUc());
        buffer.putDouble(DOSE_REVERSED_UC, source.doseReversedUc());
        buffer.putDouble(DOSE_TARGET_UC, source.doseTargetUc());
        buffer.putLong(ELAPSED_NS, source.treatmentElapsedNs());
        buffer.putLong(REMAINING_NS, source.treatmentRemainingNs());
        buffer.putInt(TRIP_CAUSE, source.lastTrip().cause().code());
        buffer.putInt(REJECT_REASON, source.lastRejectReasonCode());
        buffer.putLong(TRIP_TICK, source.lastTrip().tick());
        buffer.putDouble(TRIP_MEASURED, source.lastTrip().measured());
        buffer.putDouble(TRIP_LIMIT, source.lastTrip().limit());
        buffer.putLong(REJECTED_COMMAND, source.lastRejectedCommandId());
        buffer.putInt(POLARITY_REVERSED, source.polarityReversed() ? 1 : 0);
        buffer.putInt(DUTY_PERMILLE, source.dutyPermille());
        buffer.putDouble(AVERAGE_UA, source.averageUa());
        buffer.putLong(LONGEST_TICK_NS, source.longestTickNs());
        buffer.putLong(OVERRUN_COUNT, source.overrunCount());
        buffer.putLong(ACCEPTED_COMMAND, source.lastAcceptedCommandId());
        buffer.putLongRelease(VERSION, version + 2);   // W4: every field store above is visible before this
    }

    /**
     * Copies the latest consistent status (any thread; spins only while a publish is in progress).
     *
     * @param into the reader's own status object.
     * @return into.
     */
    public ControllerStatus read(final ControllerStatus into)
    {
        while (true)
        {
            final long before = buffer.getLongAcquire(VERSION); // R1: the field loads below stay after it
            if ((before & 1) == 0)
            {
                into.tick = buffer.getLong(TICK);
                into.stateCode = buffer.getInt(STATE);
                into.activeClamps = buffer.getInt(ACTIVE_CLAMPS);
                into.currentUa = buffer.getDouble(CURRENT_UA);
                into.setpointUa = buffer.getDouble(SETPOINT_UA);
                into.targetUa = buffer.getDouble(TARGET_UA);
                into.capUa = buffer.getDouble(CAP_UA);
                into.doseNormalUc = buffer.getDouble(DOSE_NORMAL_UC);
                into.doseReversedUc = buffer.getDouble(DOSE_REVERSED_UC);
                into.doseTargetUc = buffer.getDouble(DOSE_TARGET_UC);
                into.treatmentElapsedNs = buffer.getLong(ELAPSED_NS);
                into.treatmentRemainingNs = buffer.getLong(REMAINING_NS);
                into.lastTripCause = buffer.getInt(TRIP_CAUSE);
                into.lastRejectReason = buffer.getInt(REJECT_REASON);
                into.lastTripTick = buffer.getLong(TRIP_TICK);
                into.lastTripMeasured = buffer.getDouble(TRIP_MEASURED);
                into.lastTripLimit = buffer.getDouble(TRIP_LIMIT);
                into.lastRejectedCommandId = buffer.getLong(REJECTED_COMMAND);
                into.polarityReversed = buffer.getInt(POLARITY_REVERSED) != 0;
                into.dutyPermille = buffer.getInt(DUTY_PERMILLE);
                into.averageUa = buffer.getDouble(AVERAGE_UA);
                into.longestTickNs = buffer.getLong(LONGEST_TICK_NS);
                into.overrunCount = buffer.getLong(OVERRUN_COUNT);
                into.lastAcceptedCommandId = buffer.getLong(ACCEPTED_COMMAND);
                VarHandle.acquireFence(); // R3: (load-load) every field load above completes before R4
                if (buffer.getLongVolatile(VERSION) == before) // R4: unchanged and even = a consistent copy
                {
                    return into;
                }
            }
            Thread.onSpinWait();
        }
    }
}
