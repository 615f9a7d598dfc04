package org.galvani.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.galvani.config.InvalidConfigurationException;
import org.galvani.hal.HalException;
import org.galvani.journal.JournalDamageException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one sentence on stderr and an {@link ExitCodes} value: bad usage, invalid
 * configuration, driver ({@link HalException}, e.g. the native library is missing) and I/O errors are
 * {@link ExitCodes#USAGE}; a damaged journal file ({@link JournalDamageException}) is {@link ExitCodes#FAILED};
 * anything else is {@link ExitCodes#INTERNAL}. The stack trace follows only
 * under {@code --verbose}.
 */
public final class CliErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler
{
    private static final String VERBOSE = "--verbose";

    @Override
    public int handleParseException(final ParameterException ex, final String[] args)
    {
        final CommandLine commandLine = ex.getCommandLine();
        final String name = commandLine.getCommandSpec().qualifiedName();
        final String sentence = oneLine(ex.getMessage()) + " (see '" + name + " --help')";
        report(commandLine.getErr(), name, sentence, ex, Arrays.asList(args).contains(VERBOSE));
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final ParseResult fullParseResult)
    {
        final Throwable cause = unwrap(ex);
        final String name = commandLine.getCommandSpec().qualifiedName();
        final boolean verbose = isVerbose(fullParseResult);
        if (cause instanceof ParameterException)
        {
            final String sentence = oneLine(cause.getMessage()) + " (see '" + name + " --help')";
            report(commandLine.getErr(), name, sentence, cause, verbose);
            return ExitCodes.USAGE;
        }
        if (cause instanceof JournalDamageException)
        {
            // replay, report, export met a damaged journal file: a finding about the journal, not a bug
            report(commandLine.getErr(), name, "the journal is damaged: " + oneLine(cause.getMessage()) +
                " (run 'galvani verify' for the full verdict)", cause, verbose);
            return ExitCodes.FAILED;
        }
        if (cause instanceof InvalidConfigurationException || cause instanceof HalException ||
            cause instanceof IOException)
        {
            report(commandLine.getErr(), name, oneLine(cause.getMessage()), cause, verbose);
            return ExitCodes.USAGE;
        }
        final String sentence = "internal error: " + cause.getClass().getName() +
            (cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage())) +
            (verbose ? "" : " (rerun with --verbose for the stack trace)");
        report(commandLine.getErr(), name, sentence, cause, verbose);
        return ExitCodes.INTERNAL;
    }

    /**
     * Reports a throwable that escaped picocli (an {@link Error} such as OutOfMemoryError): one line naming
     * it, the stack trace only under {@code --verbose}.
     *
     * @param err  where errors go.
     * @param args the command line.
     * @param ex   what escaped.
     * @return {@link ExitCodes#INTERNAL}.
     */
    static int fatal(final PrintWriter err, final String[] args, final Throwable ex)
    {
        final boolean verbose = Arrays.asList(args).contains(VERBOSE);
        final String command = args.length > 0 && !args[0].startsWith("-") ? "galvani " + args[0] : "galvani";
        final Throwable cause = unwrap(ex);
        report(err, command, "internal error: " + cause.getClass().getName() +
            (cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage())) +
            (verbose ? "" : " (rerun with --verbose for the stack trace)"), cause, verbose);
        return ExitCodes.INTERNAL;
    }

    private static Throwable unwrap(final Throwable ex)
    {
        Throwable cause = ex;
        while ((cause instanceof CommandLine.ExecutionException || cause instanceof UncheckedIOException) &&
            cause.getCause() != null)
        {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isVerbose(final ParseResult fullParseResult)
    {
        for (ParseResult result = fullParseResult; result != null; result = result.subcommand())
        {
            if (result.hasMatchedOption(VERBOSE))
            {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(final String message)
    {
        return message == null ? "unknown error" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void report(
        final PrintWriter err, final String commandName, final String sentence, final Throwable ex,
        final boolean verbose)
    {
        err.println(commandName + ": " + sentence);
        if (verbose)
        {
            ex.printStackTrace(err);
        }
        err.flush();
    }
}
