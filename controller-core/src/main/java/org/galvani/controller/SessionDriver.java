package org.galvani.controller;

import org.galvani.command.CommandInbox;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;

/**
 * Drives a {@link Controller} by hand, one tick at a time on the calling thread: an operator command goes
 * through the controller's own {@link CommandInbox} and the next tick drains it, exactly as with a running
 * {@link ControllerAgent}, but with no clock (the timing inputs of a hand-driven tick are 0). The sequence
 * every session begins with, SCREEN → ARM → START → TREATING, is {@link #begin} ({@link #arm} for its first half).
 *
 * <p>For tests, benchmarks and faster-than-real-time runs; a device runs the controller with a
 * {@link ControllerAgent} on its own thread instead, driven by {@link AgentSessionDriver} (the same
 * {@link OperatorCommands}).
 *
 * <p>Threading: the calling thread is the control thread; no agent may run the same controller.
 * Allocation: none per tick; {@link #send} allocates nothing beyond what its caller built (the attachment).
 */
public final class SessionDriver
{
    private final Controller controller;
    private final CommandInbox inbox;
    private final TickTiming handDriven = new TickTiming();

    /**
     * @param controller the controller to drive.
     * @param inbox      the inbox the controller drains.
     */
    public SessionDriver(final Controller controller, final CommandInbox inbox)
    {
        this.controller = controller;
        this.inbox = inbox;
    }

    /**
     * @return the driven controller.
     */
    public Controller controller()
    {
        return controller;
    }

    /**
     * Runs one tick with no timing inputs (scheduled, actual, last duration and lateness all 0).
     */
    public void tick()
    {
        controller.tick(handDriven);
    }

    /**
     * Runs one tick with timing inputs the caller set (e.g. a late or long tick for SR-9).
     *
     * @param timing the tick's timing inputs.
     */
    public void tick(final TickTiming timing)
    {
        controller.tick(timing);
    }

    /**
     * Runs ticks.
     *
     * @param count how many.
     */
    public void ticks(final long count)
    {
        for (long i = 0; i < count; i++)
        {
            tick();
        }
    }

    /**
     * Sends an operator command and runs the one tick that drains it.
     *
     * @param event      the operator event.
     * @param arg        ADJUST steps (signed), otherwise 0.
     * @param attachment screening decision, session plan or reset authorisation; null when none.
     * @return the command id.
     * @throws IllegalStateException when the inbox is full (a hand-driven test never fills it).
     */
    public long send(final SessionEvent event, final int arg, final Object attachment)
    {
        final long id = post(event, arg, attachment);
        tick();
        return id;
    }

    /**
     * Queues an operator command for the next tick to drain, without running a tick (several commands can
     * be queued for the same tick, as a user interface does between two ticks).
     *
     * @param event      the operator event.
     * @param arg        ADJUST steps (signed), otherwise 0.
     * @param attachment screening decision, session plan or reset authorisation; null when none.
     * @return the command id.
     * @throws IllegalStateException when the inbox is full (a hand-driven session never fills it).
     */
    public long post(final SessionEvent event, final int arg, final Object attachment)
    {
        return OperatorCommands.post(inbox, event, arg, attachment);
    }

    /**
     * Runs ticks until the controller is in a state or the budget is spent.
     *
     * @param state       the state to reach.
     * @param budgetTicks most ticks to run.
     * @return the ticks run; equal to the budget when the state was not reached.
     */
    public long until(final SessionState state, final long budgetTicks)
    {
        long used = 0;
        while (controller.state() != state && used < budgetTicks)
        {
            tick();
            used++;
        }
        return used;
    }

    /**
     * SCREEN and ARM, one tick each: the screening decision is frozen and the plan armed, or refused.
     *
     * @param screening the screening decision.
     * @param plan      the session plan.
     * @return whether the controller is ARMED.
     */
    public boolean arm(final ScreeningDecision screening, final SessionPlan plan)
    {
        send(SessionEvent.SCREEN, 0, screening);
        send(SessionEvent.ARM, 0, plan);
        return controller.state() == SessionState.ARMED;
    }

    /**
     * Queues SCREEN, ARM and START without running a tick: the next tick drains all three, as when a user
     * interface sends them back to back between two ticks.
     *
     * @param screening the screening decision.
     * @param plan      the session plan.
     */
    public void postBegin(final ScreeningDecision screening, final SessionPlan plan)
    {
        OperatorCommands.postBegin(inbox, screening, plan);
    }

    /**
     * SCREEN, ARM and START, one tick each, then ticks until TREATING (through the contact check and the
     * ramp) or the budget is spent.
     *
     * @param screening   the screening decision.
     * @param plan        the session plan.
     * @param budgetTicks most ticks to wait for TREATING after START.
     * @return whether the controller reached TREATING.
     */
    public boolean begin(final ScreeningDecision screening, final SessionPlan plan, final long budgetTicks)
    {
        arm(screening, plan);
        send(SessionEvent.START, 0, null);
        until(SessionState.TREATING, budgetTicks);
        return controller.state() == SessionState.TREATING;
    }
}
