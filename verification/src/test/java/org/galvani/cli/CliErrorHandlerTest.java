package org.galvani.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import org.galvani.config.InvalidConfigurationException;
import org.galvani.hal.HalException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class CliErrorHandlerTest
{
    private final StringWriter err = new StringWriter();

    private int handle(final Exception ex, final String... args)
    {
        final CommandLine root = GalvaniCli.newCommandLine(new PrintWriter(new StringWriter()), new PrintWriter(err));
        root.parseArgs(args);
        return new CliErrorHandler().handleExecutionException(ex, root.getSubcommands().get("hal-demo"),
            root.getParseResult());
    }

    @Test
    @DisplayName("a missing native library is exit 2 with the driver's how-to-build sentence")
    void halException()
    {
        final String message = "the native HAL driver libgalvani_hal.so (linux-x86-64) could not be loaded "
            + "(missing); it is built by the hal-native module: run './mvnw -pl hal-native -am package'";
        assertEquals(ExitCodes.USAGE, handle(new HalException(0, message, new UnsatisfiedLinkError("x")),
            "hal-demo"));
        assertEquals("galvani hal-demo: " + message, err.toString().strip());
    }

    @Test
    @DisplayName("invalid configuration and I/O errors are exit 2, one line")
    void configurationAndIo()
    {
        assertEquals(ExitCodes.USAGE, handle(new InvalidConfigurationException("a.b", "a.b = 3 is out of range"),
            "hal-demo"));
        assertEquals(ExitCodes.USAGE, handle(new UncheckedIOException(new IOException("cannot read x.json")),
            "hal-demo"));
        assertEquals("galvani hal-demo: a.b = 3 is out of range\ngalvani hal-demo: cannot read x.json",
            err.toString().strip().replace(System.lineSeparator(), "\n"));
    }

    @Test
    @DisplayName("anything else is an internal error, exit 3, with the stack trace only under --verbose")
    void internalError()
    {
        assertEquals(ExitCodes.INTERNAL, handle(new IllegalStateException("boom"), "hal-demo"));
        assertEquals("galvani hal-demo: internal error: java.lang.IllegalStateException: boom "
            + "(rerun with --verbose for the stack trace)", err.toString().strip());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.INTERNAL, handle(new IllegalStateException("boom"), "--verbose", "hal-demo"));
        assertTrue(err.toString().contains("\tat "), err.toString());
    }
}
