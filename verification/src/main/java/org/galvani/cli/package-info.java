/**
 * The {@code galvani} command line: the picocli top command {@link org.galvani.cli.GalvaniCli}, its
 * subcommands, the exit codes ({@link org.galvani.cli.ExitCodes}) and the one-sentence error handling
 * ({@link org.galvani.cli.CliErrorHandler}).
 */
package org.galvani.cli;
