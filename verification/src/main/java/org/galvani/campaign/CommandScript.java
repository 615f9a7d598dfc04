package org.galvani.campaign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The operator's commands of one trial, sorted by tick (stable: commands of one tick keep their order).
 *
 * <p>Threading: immutable.
 *
 * @param commands the commands.
 */
public record CommandScript(List<OperatorCommand> commands)
{
    /**
     * Sorts and freezes the list.
     */
    public CommandScript
    {
        final List<OperatorCommand> sorted = new ArrayList<>(commands);
        sorted.sort(Comparator.comparingLong(OperatorCommand::tick));
        commands = List.copyOf(sorted);
    }

    @Override
    public String toString()
    {
        return commands.toString();
    }
}
