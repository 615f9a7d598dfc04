package org.galvani.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionOutcomeTest
{
    private static final double UC = 60_000.0;
    private static final long MIN = 60_000_000_000L;

    @Test
    @DisplayName("SR-11 COMPLETE only when the plan was delivered: dose within 1 %, or the prescribed time")
    void completeOnlyWhenDelivered()
    {
        assertEquals(SessionOutcome.COMPLETE,
            SessionOutcome.classify(SessionState.COMPLETE, false, 40.0 * UC, 10 * MIN, 40.0 * UC, 0));
        assertEquals(SessionOutcome.COMPLETE,
            SessionOutcome.classify(SessionState.COMPLETE, true, 39.7 * UC, 10 * MIN, 40.0 * UC, 0),
            "a STOP pressed during the final ramp down does not undo a delivered dose");
        assertEquals(SessionOutcome.STOPPED_BY_OPERATOR,
            SessionOutcome.classify(SessionState.COMPLETE, true, 13.3 * UC, 3 * MIN, 40.0 * UC, 0),
            "the issue's case: 13.3 of 40 mA·min");
        assertEquals(SessionOutcome.INCOMPLETE_DOSE,
            SessionOutcome.classify(SessionState.COMPLETE, false, 20.0 * UC, 15 * MIN, 40.0 * UC, 10 * MIN));
        assertEquals(SessionOutcome.COMPLETE,
            SessionOutcome.classify(SessionState.COMPLETE, false, 200.0 * UC, 20 * MIN, 0.0, 20 * MIN));
        assertEquals(SessionOutcome.STOPPED_BY_OPERATOR,
            SessionOutcome.classify(SessionState.COMPLETE, true, 100.0 * UC, 9 * MIN, 0.0, 20 * MIN));
        assertEquals(SessionOutcome.FAULT, SessionOutcome.classify(SessionState.FAULT, false, 0, 0, 40.0 * UC, 0));
        assertEquals(SessionOutcome.EMERGENCY_STOP,
            SessionOutcome.classify(SessionState.E_STOP, true, 0, 0, 40.0 * UC, 0));
        assertEquals(SessionOutcome.NOT_ENDED, SessionOutcome.classify(SessionState.ARMED, false, 0, 0, 40.0 * UC, 0));
    }
}
