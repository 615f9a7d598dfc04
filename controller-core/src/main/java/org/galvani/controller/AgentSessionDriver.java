package org.galvani.controller;

import java.util.concurrent.locks.LockSupport;

import org.galvani.command.CommandInbox;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * Drives a session that a {@link ControllerAgent} runs on its own thread — {@code galvani simulate --realtime},
 * the agent and journal tests, the jitter benchmark — from the operator's thread, as a device's user interface
 * does: commands go into the controller's {@link CommandInbox} (through the same {@link OperatorCommands} as
 * {@link SessionDriver}'s), what the control thread made of them comes back through the {@link StatusPublisher}.
 * This thread never ticks; it waits, up to a deadline, for the control thread to have drained a command or
 * reached a state.
 *
 * <p>The commands may also be posted before the agent starts (or while a test calls its {@code doWork()} by
 * hand): the first tick drains them.
 *
 * <p>Threading: one operator thread (other senders may share the inbox); never the control thread. Allocation:
 * none per wait; a wait parks the thread for {@value #POLL_NS} ns between reads of the status.
 */
public final class AgentSessionDriver
{
    /** How long a wait parks between two reads of the published status, ns. */
    public static final long POLL_NS = 1_000_000L;

    private final CommandInbox inbox;
    private final StatusPublisher publisher;
    private final ControllerStatus status = new ControllerStatus();

    /**
     * @param inbox     the inbox the running controller drains.
     * @param publisher the publisher the running controller publishes its status to.
     */
    public AgentSessionDriver(final CommandInbox inbox, final StatusPublisher publisher)
    {
        this.inbox = inbox;
        this.publisher = publisher;
    }

    /**
     * Queues an operator command for the control thread.
     *
     * @param event      the operator event.
     * @param arg        ADJUST steps (signed), otherwise 0.
     * @param attachment screening decision, session plan, reset authorisation or skin check; null when none.
     * @return the command id.
     * @throws IllegalStateException when the inbox is full.
     */
    public long post(final SessionEvent event, final int arg, final Object attachment)
    {
        return OperatorCommands.post(inbox, event, arg, attachment);
    }

    /**
     * Queues SCREEN, ARM and START back to back, without waiting.
     *
     * @param screening the screening decision.
     * @param plan      the session plan.
     * @return the START command's id.
     */
    public long postBegin(final ScreeningDecision screening, final SessionPlan plan)
    {
        return OperatorCommands.postBegin(inbox, screening, plan);
    }

    /**
     * SCREEN and ARM, then waits until the control thread has drained the ARM.
     *
     * @param screening the screening decision.
     * @param plan      the session plan.
     * @param timeoutNs longest wait.
     * @return whether the controller is ARMED (false when refused, or when the wait timed out).
     */
    public boolean arm(final ScreeningDecision screening, final SessionPlan plan, final long timeoutNs)
    {
        final long armId = OperatorCommands.postScreenAndArm(inbox, screening, plan);
        awaitDrained(armId, timeoutNs);
        return status().state() == SessionState.ARMED;
    }

    /**
     * Waits until the control thread has accepted or rejected a command.
     *
     * @param commandId the id {@link #post} returned.
     * @param timeoutNs longest wait.
     * @return whether it was accepted (false when rejected, or when the wait timed out).
     */
    public boolean awaitDrained(final long commandId, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (status().lastAcceptedCommandId() < commandId && status.lastRejectedCommandId() < commandId &&
            System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(POLL_NS);
        }
        return status.lastAcceptedCommandId() >= commandId;
    }

    /**
     * Waits until the controller is in a state.
     *
     * @param state     the state to reach.
     * @param timeoutNs longest wait.
     * @return whether it was reached.
     */
    public boolean awaitState(final SessionState state, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (status().state() != state && System.nanoTime() - deadlineNs < 0)
        {
            LockSupport.parkNanos(POLL_NS);
        }
        return status.state() == state;
    }

    /**
     * @return the latest published status, copied into this driver's one snapshot (overwritten by the next call).
     */
    public ControllerStatus status()
    {
        return publisher.read(status);
    }
}
