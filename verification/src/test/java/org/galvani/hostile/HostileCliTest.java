package org.galvani.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.galvani.cli.ExitCodes;
import org.galvani.cli.GalvaniCli;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile inputs through the command line ({@link GalvaniCli#execute}): a bad maker or patient file, a bad key,
 * a garbage journal — exit 2 (bad input) or 1 (verification failed), and stderr is one line naming the
 * problem, never a stack trace.
 */
class HostileCliTest
{
    private static final String EX = "../docs/examples/";
    private static final String CORPUS = "../controller-core/src/test/resources/org/galvani/hostile/corpus/";

    @TempDir
    static Path tmp;

    static Stream<List<String>> badSimulateInputs()
    {
        final List<String> good = List.of("simulate", "--trusted-keys", EX + "trusted-clinicians.json",
            "--screening", EX + "screening-dexamethasone.json", "--prescription", EX + "prescription-dexamethasone.json");
        return Stream.of(
            replace(good, "--prescription", CORPUS + "prescription/nan-target.json"),
            replace(good, "--prescription", CORPUS + "prescription/binary-garbage.bin"),
            replace(good, "--prescription", CORPUS + "prescription/id-control-chars.json"),
            replace(good, "--screening", CORPUS + "screening/patient-control.json"),
            replace(good, "--screening", CORPUS + "screening/override-multiline-reason.json"),
            replace(good, "--trusted-keys", CORPUS + "trusted-keys/key-ed448.json"),
            replace(good, "--trusted-keys", CORPUS + "trusted-keys/bad-id.json"),
            add(good, "--device-limits", CORPUS + "device-limits/huge-current.json"),
            add(good, "--device-limits", CORPUS + "device-limits/duplicate-key.json"),
            add(good, "--protocols", CORPUS + "protocols/good-then-bad.json"),
            add(good, "--policy", CORPUS + "policy/loosening.json"),
            add(good, "--policy", "/no/such/policy.json"));
    }

    private static List<String> replace(final List<String> args, final String option, final String value)
    {
        final String[] copy = args.toArray(new String[0]);
        copy[args.indexOf(option) + 1] = value;
        return List.of(copy);
    }

    private static List<String> add(final List<String> args, final String option, final String value)
    {
        return Stream.concat(args.stream(), Stream.of(option, value)).toList();
    }

    private static String[] run(final List<String> args, final int expectedExit)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = GalvaniCli.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(new String[0]));
        assertEquals(expectedExit, exit, () -> args + " → " + err);
        final String text = err.toString().strip();
        if (expectedExit == ExitCodes.FAILED)
        {
            // a verification verdict: one sentence on stdout, nothing or one line on stderr
            assertTrue(text.lines().count() <= 1, () -> "stderr is more than one line: " + text);
            assertFalse(out.toString().contains("\tat "), out.toString());
        }
        else
        {
            assertEquals(1, text.lines().count(), () -> "stderr is not one line: " + text);
        }
        assertFalse(text.contains("\tat "), text);
        return new String[] {out.toString(), text};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSimulateInputs")
    @DisplayName("simulate with one hostile file exits 2 with one line on stderr")
    void simulateWithAHostileFile(final List<String> args)
    {
        final String err = run(args, ExitCodes.USAGE)[1];
        assertTrue(err.startsWith("galvani simulate: "), err);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbageJournals")
    @DisplayName("verify of a garbage journal or with a bad key is one line on stderr, never a stack trace")
    void verifyGarbage(final List<String> args, final int exit)
    {
        run(args, exit);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> garbageJournals() throws IOException
    {
        final Path garbage = Files.createDirectories(tmp.resolve("garbage"));
        final byte[] bytes = new byte[100_000];
        new java.util.Random(5).nextBytes(bytes);
        Files.write(garbage.resolve("20261125F.cq4"), bytes);
        Files.write(garbage.resolve("metadata.cq4t"), bytes);
        final Path empty = Files.createDirectories(tmp.resolve("empty"));
        final Path badKey = Files.writeString(tmp.resolve("bad.pub"), "# not a key\n%%%%\n");
        return Stream.of(
            org.junit.jupiter.params.provider.Arguments.of(List.of("verify", garbage.toString(), "--device-key",
                EX + "demo-device.pub"), ExitCodes.FAILED),
            org.junit.jupiter.params.provider.Arguments.of(List.of("verify", empty.resolve("nothing").toString(),
                "--device-key", EX + "demo-device.pub"), ExitCodes.USAGE),
            org.junit.jupiter.params.provider.Arguments.of(List.of("verify", empty.toString(), "--device-key",
                badKey.toString()), ExitCodes.USAGE),
            org.junit.jupiter.params.provider.Arguments.of(List.of("sign", "--key", CORPUS + "private-key/x25519-private.key",
                "--clinician", "demo-clinician", "--in", EX + "prescription-dexamethasone.json", "--out",
                tmp.resolve("signed.json").toString()), ExitCodes.USAGE));
    }
}
