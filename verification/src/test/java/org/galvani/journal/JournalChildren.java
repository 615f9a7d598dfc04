package org.galvani.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Starts {@link JournalChildMain} in a child JVM with the test JVM's flags and class path. */
final class JournalChildren
{
    private JournalChildren()
    {
    }

    static List<String> javaCommand(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        for (final String flag : new String[] {"--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true"})
        {
            command.add(flag);
        }
        if (Runtime.version().feature() >= 24)
        {
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        final String jnaTmp = System.getProperty("jna.tmpdir");
        if (jnaTmp != null)
        {
            command.add("-Djna.tmpdir=" + jnaTmp);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(JournalChildMain.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Reads lines from the child until one starts with the prefix (or the stream ends). */
    static String awaitLine(final BufferedReader reader, final String prefix, final List<String> seen) throws IOException
    {
        String line;
        while ((line = reader.readLine()) != null)
        {
            seen.add(line);
            if (line.startsWith(prefix))
            {
                return line;
            }
        }
        return null;
    }

    static BufferedReader stdout(final Process process)
    {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static PublicKey demoPublicKey() throws Exception
    {
        final StringBuilder base64 = new StringBuilder();
        for (final String line : Files.readAllLines(JournalChildMain.demoKeyFile().resolveSibling("demo-device.pub"),
            StandardCharsets.UTF_8))
        {
            if (!line.isBlank() && !line.startsWith("#"))
            {
                base64.append(line.strip());
            }
        }
        return KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.toString())));
    }
}
