package org.galvani.controller;

/**
 * One journaled event (command outcome, state change, trip, clamp change, ...).
 *
 * <p>Threading: filled by the control thread and handed to {@link JournalSink#onEvent}; a sink that
 * keeps it must copy it. Allocation: one instance, reused.
 */
public final class ControllerEvent
{
    /** What happened. */
    public EventType type;
    /** Tick index. */
    public long tick;
    /** Command id, 0 when not caused by a command. */
    public long commandId;
    /** The {@link org.galvani.session.SessionEvent} code involved, -1 when none. */
    public int sessionEvent;
    /** State before (code). */
    public int fromState;
    /** State after (code). */
    public int toState;
    /** Reject reason, trip cause or clamp mask, depending on the type. */
    public int code;
    /** Command argument or previous clamp mask. */
    public int arg;
    /** Measured value (trip, contact check). */
    public double measured;
    /** Limit compared against. */
    public double limit;
    /**
     * The command's attachment (screening decision, session plan or reset authorisation) on
     * COMMAND_ACCEPTED / COMMAND_REJECTED of SCREEN, ARM and RESET, and on SCREENING_FROZEN,
     * PRESCRIPTION_ARMED and FAULT_RESET; else null. Immutable objects: a journal may serialise them later.
     */
    public Object attachment;

    /**
     * Resets every field for a new event.
     *
     * @param type what happened.
     * @param tick tick index.
     * @return this.
     */
    public ControllerEvent reset(final EventType type, final long tick)
    {
        this.type = type;
        this.tick = tick;
        commandId = 0;
        sessionEvent = -1;
        fromState = 0;
        toState = 0;
        code = 0;
        arg = 0;
        measured = 0.0;
        limit = 0.0;
        attachment = null;
        return this;
    }

    /**
     * Copies another event into this one (a journal sink that keeps events must copy them). No allocation;
     * the attachment, an immutable object, is shared.
     *
     * @param other the event to copy.
     * @return this.
     */
    public ControllerEvent copyFrom(final ControllerEvent other)
    {
        reset(other.type, other.tick);
        commandId = other.commandId;
        sessionEvent = other.sessionEvent;
        fromState = other.fromState;
        toState = other.toState;
        code = other.code;
        arg = other.arg;
        measured = other.measured;
        limit = other.limit;
        attachment = other.attachment;
        return this;
    }
}
