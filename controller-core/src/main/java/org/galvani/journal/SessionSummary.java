package org.galvani.journal;

import java.util.Arrays;

import org.galvani.controller.TickRecord;
import org.galvani.session.SessionState;

/**
 * What a SESSION_END record states about its session, computed by the journal from the tick records it
 * stored (and recomputed by {@link JournalVerifier}, which requires both to agree).
 *
 * <p>Immutable value (the array is copied in and out). Built on the journal's writing thread at session
 * end, or by a reader.
 *
 * @param firstTick      first tick index of the session, -1 when it had none.
 * @param lastTick       last tick index, -1 when none.
 * @param tickCount      number of tick records.
 * @param doseNormalUc   dose delivered with normal polarity (µC), as of the last tick.
 * @param doseReversedUc dose delivered with reversed polarity (µC), as of the last tick.
 * @param maxMeasuredUa  largest measured current magnitude (µA, as stored: float32 widened).
 * @param tripCount      number of entries into FAULT (a tick whose state after is FAULT and before is not).
 * @param firstTripCause {@link org.galvani.safety.TripCause} code of the first such tick, 0 when none.
 * @param firstTripTick  tick index of the first trip, -1 when none.
 * @param finalState     {@link SessionState} code after the last tick.
 * @param ticksInState   ticks whose state after the tick was each {@link SessionState} code (index = code).
 */
public record SessionSummary(
    long firstTick,
    long lastTick,
    long tickCount,
    double doseNormalUc,
    double doseReversedUc,
    double maxMeasuredUa,
    int tripCount,
    int firstTripCause,
    long firstTripTick,
    int finalState,
    long[] ticksInState)
{
    /**
     * Copies the array in.
     */
    public SessionSummary
    {
        ticksInState = Arrays.copyOf(ticksInState, JournalDescriptor.END_STATE_COUNT);
    }

    /**
     * @return a copy of the ticks per state.
     */
    @Override
    public long[] ticksInState()
    {
        return ticksInState.clone();
    }

    /**
     * @param stateCode a {@link SessionState} code.
     * @return ticks that ended in that state.
     */
    public long ticksInState(final int stateCode)
    {
        return ticksInState[stateCode];
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof SessionSummary))
        {
            return false;
        }
        final SessionSummary s = (SessionSummary)o;
        return firstTick == s.firstTick && lastTick == s.lastTick && tickCount == s.tickCount &&
            Double.doubleToLongBits(doseNormalUc) == Double.doubleToLongBits(s.doseNormalUc) &&
            Double.doubleToLongBits(doseReversedUc) == Double.doubleToLongBits(s.doseReversedUc) &&
            Double.doubleToLongBits(maxMeasuredUa) == Double.doubleToLongBits(s.maxMeasuredUa) &&
            tripCount == s.tripCount && firstTripCause == s.firstTripCause && firstTripTick == s.firstTripTick &&
            finalState == s.finalState && Arrays.equals(ticksInState, s.ticksInState);
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(lastTick) * 31 + Arrays.hashCode(ticksInState);
    }

    @Override
    public String toString()
    {
        return "SessionSummary[ticks " + firstTick + ".." + lastTick + " (" + tickCount + "), doseNormalUc=" +
            doseNormalUc + ", doseReversedUc=" + doseReversedUc + ", maxMeasuredUa=" + maxMeasuredUa + ", trips=" +
            tripCount + ", firstTripCause=" + firstTripCause + " at tick " + firstTripTick + ", finalState=" +
            finalState + ", ticksInState=" + Arrays.toString(ticksInState) + "]";
    }

    /**
     * Accumulates a summary from encoded tick records. Owned by one thread; allocation-free except
     * {@link #toSummary()}.
     */
    static final class Accumulator
    {
        private static final int FAULT = SessionState.FAULT.code();

        private final long[] ticksInState = new long[JournalDescriptor.END_STATE_COUNT];
        private long firstTick;
        private long lastTick;
        private long tickCount;
        private double doseNormalUc;
        private double doseReversedUc;
        private double maxMeasuredUa;
        private int tripCount;
        private int firstTripCause;
        private long firstTripTick;
        private int finalState;

        Accumulator()
        {
            reset();
        }

        void reset()
        {
            Arrays.fill(ticksInState, 0);
            firstTick = -1;
            lastTick = -1;
            tickCount = 0;
            doseNormalUc = 0;
            doseReversedUc = 0;
            maxMeasuredUa = 0;
            tripCount = 0;
            firstTripCause = 0;
            firstTripTick = -1;
            finalState = SessionState.IDLE.code();
        }

        /**
         * @param r a tick as stored (the writer passes the record it encodes: measuredUa is taken as float32,
         *          as stored).
         */
        void onTick(final TickRecord r)
        {
            final int stateBefore = r.stateBefore;
            final int stateAfter = r.stateAfter;
            final int tripCause = r.tripCause;
            final double measuredUa = (float)r.measuredUa;
            lastTick = r.tick;
            doseNormalUc = r.doseNormalUc;
            doseReversedUc = r.doseReversedUc;
            if (firstTick < 0)
            {
                firstTick = lastTick;
            }
            tickCount++;
            if (measuredUa > maxMeasuredUa)
            {
                maxMeasuredUa = measuredUa;
            }
            if (stateAfter == FAULT && stateBefore != FAULT)
            {
                if (tripCount == 0)
                {
                    firstTripCause = tripCause;
                    firstTripTick = lastTick;
                }
                tripCount++;
            }
            if (stateAfter >= 0 && stateAfter < ticksInState.length)
            {
                ticksInState[stateAfter]++;
            }
            finalState = stateAfter;
        }

        SessionSummary toSummary()
        {
            return new SessionSummary(firstTick, lastTick, tickCount, doseNormalUc, doseReversedUc, maxMeasuredUa,
                tripCount, firstTripCause, firstTripTick, finalState, ticksInState);
        }
    }
}
