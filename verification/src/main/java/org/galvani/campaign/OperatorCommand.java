package org.galvani.campaign;

import org.galvani.session.SessionEvent;

/**
 * One scripted operator command: sent into the command inbox before the given tick, from the given sender
 * thread (0: the control thread itself; 1, 2: the trial's sender threads, one after the other so that the
 * order in the inbox, and so the trial, stays a function of the seed).
 *
 * <p>Threading: immutable.
 *
 * @param tick       the tick before which it is sent.
 * @param command    the command.
 * @param arg        its argument (titration steps for ADJUST).
 * @param attachment what it carries (screening decision, plan, reset authorisation) or null.
 * @param sender     sending thread, 0 … 2.
 */
public record OperatorCommand(long tick, SessionEvent command, int arg, Object attachment, int sender)
{
    @Override
    public String toString()
    {
        return command + (arg != 0 ? " " + arg : "") + (attachment == null ? "" : " [" + attachment + "]") + " @" +
            tick + (sender == 0 ? "" : " (thread " + sender + ")");
    }
}
