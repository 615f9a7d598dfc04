package org.galvani.command;

import org.galvani.session.SessionEvent;

/**
 * Receives drained commands on the control thread.
 */
@FunctionalInterface
public interface CommandHandler
{
    /**
     * @param event      the operator event.
     * @param commandId  the id returned to the sender.
     * @param arg        ADJUST steps, otherwise 0.
     * @param attachment the screening decision, session plan or reset authorisation sent with it, or null.
     */
    void onCommand(SessionEvent event, long commandId, int arg, Object attachment);
}
