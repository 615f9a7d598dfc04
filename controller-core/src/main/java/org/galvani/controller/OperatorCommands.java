package org.galvani.controller;

import org.galvani.command.CommandInbox;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;

/**
 * How an operator's commands reach a controller, shared by the two session drivers ({@link SessionDriver} on the
 * control thread itself, {@link AgentSessionDriver} beside a running {@link ControllerAgent}): one command into
 * the controller's {@link CommandInbox}, a full inbox an error naming the command, and the sequence every session
 * begins with (SCREEN, ARM, START).
 *
 * <p>Threading: any sender thread (the inbox is multi-producer). Allocation: none beyond the caller's attachment
 * (and the message of a full-inbox error).
 */
final class OperatorCommands
{
    private OperatorCommands()
    {
    }

    /**
     * @param inbox      the controller's inbox.
     * @param event      the operator event.
     * @param arg        ADJUST steps (signed), otherwise 0.
     * @param attachment screening decision, session plan, reset authorisation or skin check; null when none.
     * @return the command id.
     * @throws IllegalStateException when the inbox is full.
     */
    static long post(final CommandInbox inbox, final SessionEvent event, final int arg, final Object attachment)
    {
        final long id = inbox.send(event, arg, attachment);
        if (id == CommandInbox.REJECTED_FULL)
        {
            throw new IllegalStateException("the command inbox is full: " + event + " was not sent");
        }
        return id;
    }

    /**
     * Queues SCREEN and ARM.
     *
     * @param inbox     the controller's inbox.
     * @param screening the screening decision.
     * @param plan      the session plan.
     * @return the ARM command's id.
     */
    static long postScreenAndArm(final CommandInbox inbox, final ScreeningDecision screening, final SessionPlan plan)
    {
        post(inbox, SessionEvent.SCREEN, 0, screening);
        return post(inbox, SessionEvent.ARM, 0, plan);
    }

    /**
     * Queues SCREEN, ARM and START back to back.
     *
     * @param inbox     the controller's inbox.
     * @param screening the screening decision.
     * @param plan      the session plan.
     * @return the START command's id.
     */
    static long postBegin(final CommandInbox inbox, final ScreeningDecision screening, final SessionPlan plan)
    {
        postScreenAndArm(inbox, screening, plan);
        return post(inbox, SessionEvent.START, 0, null);
    }
}
