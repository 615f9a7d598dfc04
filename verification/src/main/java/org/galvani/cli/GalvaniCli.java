package org.galvani.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code galvani} command line: the top command, its global options and the one place where
 * subcommands are registered ({@link #SUBCOMMANDS}).
 *
 * <p>Run by the {@code ./galvani} launcher; tests run it in process through {@link #newCommandLine}.
 * Every error is printed as one sentence on stderr, with a stack trace only under {@code --verbose}
 * ({@link CliErrorHandler}); the exit codes are in {@link ExitCodes} and every command's usage help.
 */
@Command(
    name = "galvani",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
        "Galvani: real-time safety controller for iontophoresis devices.",
        "Run 'galvani COMMAND --help' for a command's options."
    })
public final class GalvaniCli implements Runnable
{
    /**
     * Every subcommand, in the order the usage help lists them. A new command is a class annotated with
     * {@code @Command} (with {@code mixinStandardHelpOptions = true}) added here, nowhere else.
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
        SimulateCommand.class,
        VerifyCommand.class,
        AnchorCommand.class,
        ReplayCommand.class,
        ReportCommand.class,
        ExportCommand.class,
        SignCommand.class,
        SignOverrideCommand.class,
        SignSkinReviewCommand.class,
        KeygenCommand.class,
        HalDemoCommand.class,
        CampaignCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
        description = "Print more detail, and a stack trace with any error.")
    private boolean verbose;

    /**
     * Builds the command line with every subcommand, the exit-code help footer and the error handlers.
     *
     * @param out where normal output goes.
     * @param err where errors go.
     * @return the ready command line.
     */
    public static CommandLine newCommandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new GalvaniCli());
        for (final Class<?> subcommand : SUBCOMMANDS)
        {
            commandLine.addSubcommand(subcommand);
        }
        commonUsage(commandLine);
        final CliErrorHandler errorHandler = new CliErrorHandler();
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(errorHandler);
        commandLine.setParameterExceptionHandler(errorHandler);
        return commandLine;
    }

    /**
     * Gives every command the exit-code list and the version text, so that a new subcommand needs neither.
     */
    private static void commonUsage(final CommandLine commandLine)
    {
        final CommandSpec commandSpec = commandLine.getCommandSpec();
        commandSpec.usageMessage()
            .exitCodeListHeading("%nExit codes:%n")
            .exitCodeList(ExitCodes.usageList());
        commandSpec.versionProvider(new VersionProvider());
        for (final CommandLine subcommand : commandLine.getSubcommands().values())
        {
            commonUsage(subcommand);
        }
    }

    /**
     * Runs the command line in this process.
     *
     * @param out  normal output.
     * @param err  errors.
     * @param args the arguments.
     * @return the exit code ({@link ExitCodes}).
     */
    public static int execute(final PrintWriter out, final PrintWriter err, final String... args)
    {
        int exitCode;
        try
        {
            exitCode = newCommandLine(out, err).execute(args);
        }
        catch (final Error | RuntimeException ex)
        {
            // picocli hands only Exceptions to the execution handler: an Error (OutOfMemoryError,
            // StackOverflowError, a linkage error) would otherwise end the process with a bare stack trace.
            exitCode = CliErrorHandler.fatal(err, args, ex);
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * The launcher's entry point.
     *
     * @param args the arguments.
     */
    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        final PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(out, err, args));
    }

    /**
     * @return whether {@code --verbose} was given.
     */
    public boolean verbose()
    {
        return verbose;
    }

    @Override
    public void run()
    {
        throw new ParameterException(spec.commandLine(), "missing COMMAND");
    }
}
