package org.galvani.hal.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The driver parses its configuration the same in a JVM started under a decimal-comma locale
 * ({@code LC_ALL=de_DE.UTF-8}, {@code -Duser.language=de}): the old driver used {@code strtod} under the
 * process locale, and {@code dac_gain=0.99} "was not a number" there. The child JVM proves the locale is really in
 * force (libc's {@code strtod("0.99")} stops at the dot) before it opens the driver.
 */
class LocaleIndependenceTest
{
    /** libc, for the child's proof that the process locale has a decimal comma. */
    public interface LibC extends Library
    {
        double strtod(String text, Pointer end);

        String setlocale(int category, String locale);
    }

    /** glibc's LC_ALL. */
    private static final int LC_ALL = 6;

    /**
     * The child JVM.
     *
     * @param args ignored.
     */
    public static void main(final String[] args)
    {
        final LibC libc = Native.load("c", LibC.class);
        // HotSpot keeps LC_NUMERIC at "C" for itself; a process embedding the driver (a UI toolkit, a Python host)
        // takes the environment's locale for every category, as this call does
        System.out.println("setlocale=" + libc.setlocale(LC_ALL, ""));
        System.out.println("strtod=" + libc.strtod("0.99", null));
        try (JnaSimDriver sim = JnaSimDriver.open("watchdog_ms=0, dac_gain=0.99, compliance_v=59.5"))
        {
            System.out.println("open=OK compliance=" + sim.info().complianceMv());
        }
        catch (final RuntimeException ex)
        {
            System.out.println("open=FAILED " + ex.getMessage());
        }
    }

    private static Path localeDir()
    {
        // run-tests.sh (the C tests, earlier in the test phase) builds de_DE.UTF-8 here when the system has none
        // located from this class's own output folder (target/test-classes), not from the working directory
        try
        {
            return Path.of(LocaleIndependenceTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent().resolve("c-test").resolve("locale");
        }
        catch (final java.net.URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The C tests (run-tests.sh) build de_DE.UTF-8 into the tests' own locale folder when the system has none, but
     * they run after this test in the build: build it here the same way (glibc's localedef) when it is missing.
     */
    private static void buildLocaleIfMissing() throws IOException, InterruptedException
    {
        final Path target = localeDir().resolve("de_DE.UTF-8");
        if (Files.isDirectory(target) || !Files.isDirectory(Path.of("/usr/share/i18n/locales")))
        {
            return;
        }
        Files.createDirectories(localeDir());
        final Process localedef = new ProcessBuilder("localedef", "-i", "de_DE", "-f", "UTF-8", target.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        localedef.waitFor(120, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a JVM under LC_ALL=de_DE.UTF-8 and -Duser.language=de opens the driver with dac_gain=0.99")
    void decimalCommaJvm() throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Duser.language=de");
        command.add("-Duser.country=DE");
        final String jnaTmp = System.getProperty("jna.tmpdir");
        if (jnaTmp != null)
        {
            command.add("-Djna.tmpdir=" + jnaTmp);
        }
        if (Runtime.version().feature() >= 24)
        {
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LocaleIndependenceTest.class.getName());
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "de_DE.UTF-8");
        buildLocaleIfMissing();
        if (Files.isDirectory(localeDir().resolve("de_DE.UTF-8")))
        {
            builder.environment().put("LOCPATH", localeDir().toAbsolutePath().toString());
        }
        final Process child = builder.start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        final String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(out.contains("strtod=0.0"),
            "no de_DE.UTF-8 locale on this machine (install 'locales'): the JVM could not be started in it\n" + out);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("open=OK compliance=59500.0"), out);
    }
}
