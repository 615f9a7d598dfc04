package org.galvani.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.galvani.session.SessionState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The coverage matrix: counting, merging, fill, rendering.
 */
class CoverageMatrixTest
{
    @Test
    @DisplayName("counts per fault class × state at onset, merges, reports its fill and renders text and CSV")
    void countsMergesRenders()
    {
        final CoverageMatrix a = new CoverageMatrix();
        a.increment(FaultKind.SHORT, SessionState.TREATING);
        a.increment(FaultKind.SHORT, SessionState.TREATING);
        a.increment(FaultKind.LATE_TICKS, SessionState.IDLE);
        final CoverageMatrix b = new CoverageMatrix();
        b.increment(FaultKind.SHORT, SessionState.TREATING);
        b.increment(FaultKind.DAC_STUCK, SessionState.E_STOP);
        a.add(b);

        assertEquals(3, a.count(FaultKind.SHORT, SessionState.TREATING));
        assertEquals(1, a.count(FaultKind.DAC_STUCK, SessionState.E_STOP));
        assertEquals(0, a.count(FaultKind.SHORT, SessionState.IDLE));
        final List<FaultKind> rows = List.of(FaultKind.SHORT, FaultKind.LATE_TICKS);
        assertEquals(2, a.filledCells(rows), "DAC_STUCK is not among the rows");
        final String text = a.render(rows);
        assertTrue(text.contains("filled: 2 of 22 cells (9.1 %)"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("short") && l.contains(" 3")), text);
        final String csv = a.toCsv(rows);
        assertEquals("fault,IDLE,SCREENED,ARMED,RAMP_UP,TREATING,POLARITY_SWITCH,RAMP_DOWN,COMPLETE,HOLD_OFF,FAULT,E_STOP",
            csv.lines().findFirst().orElseThrow());
        assertTrue(csv.contains("short,0,0,0,0,3,0,0,0,0,0,0"), csv);
    }
}
