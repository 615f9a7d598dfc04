package org.galvani.command;

/**
 * Byte layout of one command message in the inbox ring buffer (the ring buffer's own header, with the
 * message type = {@link org.galvani.session.SessionEvent#code()} + 1, since Agrona reserves 0, precedes it).
 *
 * <pre>
 *   0                   8         12        16
 *   +-------------------+---------+---------+
 *   | commandId (int64) | arg     | slot    |
 *   +-------------------+---------+---------+
 *   commandId: unique, increasing per inbox; returned to the sender, journaled with the outcome
 *   arg      : ADJUST: signed number of titration steps; otherwise 0
 *   slot     : attachment slot (screening, plan or reset authorisation), -1 when none
 * </pre>
 */
public final class CommandDescriptor
{
    /** Offset of the command id. */
    public static final int COMMAND_ID_OFFSET = 0;
    /** Offset of the argument. */
    public static final int ARG_OFFSET = 8;
    /** Offset of the attachment slot. */
    public static final int SLOT_OFFSET = 12;
    /** Message length. */
    public static final int LENGTH = 16;

    private CommandDescriptor()
    {
    }
}
