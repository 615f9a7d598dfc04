package org.galvani.campaign;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.controller.JournalSink;
import org.galvani.controller.TickRecord;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionPlan;

/**
 * A journal sink teed next to the real journal that remembers, for the current tick, what the properties
 * need from its events: clamp changes, an armed plan, a frozen screening, an accepted fault reset.
 *
 * <p>Threading: control thread only. Allocation: none (fields only).
 */
final class TickObserver implements JournalSink
{
    int clampEvents;
    int lastClampCode;
    int lastClampArg;
    SessionPlan armedPlan;
    ScreeningDecision frozen;
    boolean resetSeen;
    /** Whether the journal seam refused a write in the tick (set by the runner, {@link JournalRefusal}). */
    boolean journalRefused;
    Object resetAttachment;

    void clear()
    {
        clampEvents = 0;
        armedPlan = null;
        frozen = null;
        resetSeen = false;
        resetAttachment = null;
    }

    @Override
    public boolean onTick(final TickRecord record)
    {
        return true;
    }

    @Override
    public boolean onEvent(final ControllerEvent event)
    {
        if (event.type == EventType.CLAMPS_CHANGED)
        {
            clampEvents++;
            lastClampCode = event.code;
            lastClampArg = event.arg;
        }
        else if (event.type == EventType.PRESCRIPTION_ARMED && event.attachment instanceof SessionPlan)
        {
            armedPlan = (SessionPlan)event.attachment;
        }
        else if (event.type == EventType.SCREENING_FROZEN && event.attachment instanceof ScreeningDecision)
        {
            frozen = (ScreeningDecision)event.attachment;
        }
        else if (event.type == EventType.FAULT_RESET)
        {
            resetSeen = true;
            resetAttachment = event.attachment;
        }
        return true;
    }
}
