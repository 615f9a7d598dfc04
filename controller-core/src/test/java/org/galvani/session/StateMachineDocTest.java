package org.galvani.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StateMachineDocTest
{
    @Test
    @DisplayName("docs/state-machine.md holds exactly the transition table of the code")
    void docMatchesCode() throws Exception
    {
        final Path doc = Path.of("..", "docs", "state-machine.md");
        final String text = Files.readString(doc, StandardCharsets.UTF_8);
        assertTrue(text.contains(TransitionTable.toMarkdown()),
            "docs/state-machine.md is out of date; regenerate its table from TransitionTable.toMarkdown():\n" +
            TransitionTable.toMarkdown());
    }
}
