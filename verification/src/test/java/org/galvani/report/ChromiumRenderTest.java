package org.galvani.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report renders in a real browser: headless Chromium takes a screenshot of the page written to a
 * file, and the screenshot is not blank and shows the measured-current series in its colour. Chromium
 * is required (CI installs it); without it the test fails and says how to install it.
 */
class ChromiumRenderTest
{
    private static final long TIMEOUT_S = 180;
    private static final int WIDTH_PX = 1280;
    private static final int HEIGHT_PX = 2000;

    @Test
    @DisplayName("the report renders in headless Chromium: non-blank screenshot with the measured current plotted")
    void rendersInHeadlessChromium(@TempDir final Path dir) throws IOException, InterruptedException
    {
        final Path chromium = findChromium();
        final ReportBuilder builder = new ReportBuilder().configHash("sha256:abc");
        new SyntheticSession(100_000).pushTo(builder, true);
        final Path html = dir.resolve("report.html");
        Files.writeString(html, HtmlReport.render(builder.build()), StandardCharsets.UTF_8);
        final Path png = dir.resolve("report.png");
        final Path log = dir.resolve("chromium.log");
        final Process process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--user-data-dir=" + dir.resolve("profile"), "--window-size=" + WIDTH_PX + "," + HEIGHT_PX,
            "--screenshot=" + png, html.toUri().toString()))
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail("Chromium did not take the screenshot within " + TIMEOUT_S + " s; its output:\n" + tail(log));
        }
        assertTrue(Files.size(png) > 0 || process.exitValue() == 0,
            "Chromium exited with " + process.exitValue() + " and no screenshot; its output:\n" + tail(log));
        assertTrue(Files.exists(png), "no screenshot written; Chromium's output:\n" + tail(log));
        final BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(WIDTH_PX, image.getWidth());

        long nonWhite = 0;
        long series = 0;
        final int measured = Integer.parseInt(Svg.MEASURED_COLOUR.substring(1), 16);
        for (int y = 0; y < image.getHeight(); y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                final int rgb = image.getRGB(x, y);
                final int r = rgb >> 16 & 0xff;
                final int g = rgb >> 8 & 0xff;
                final int b = rgb & 0xff;
                if (r < 245 || g < 245 || b < 245)
                {
                    nonWhite++;
                }
                if (distance(rgb, measured) < 60)
                {
                    series++;
                }
            }
        }
        final double fraction = nonWhite / (double) (image.getWidth() * image.getHeight());
        assertTrue(fraction > 0.05, "screenshot nearly blank: " + fraction + " of the pixels are not white");
        assertTrue(series > 500, "the measured current series (" + Svg.MEASURED_COLOUR + ") is not visible: " + series +
            " pixels of its colour");
    }

    private static Path findChromium()
    {
        final Path usual = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(usual))
        {
            return usual;
        }
        final String path = System.getenv("PATH");
        if (path != null)
        {
            for (final String folder : path.split(File.pathSeparator))
            {
                for (final String name : List.of("chromium", "chromium-browser"))
                {
                    final Path candidate = Path.of(folder, name);
                    if (Files.isExecutable(candidate))
                    {
                        return candidate;
                    }
                }
            }
        }
        return fail("Chromium is not installed, so the report's rendering cannot be checked: install it with "
            + "`sudo apt-get install -y chromium` (Debian's package; ./setup.sh test, run by ./test.sh, does this).");
    }

    private static double distance(final int rgb, final int reference)
    {
        final int dr = (rgb >> 16 & 0xff) - (reference >> 16 & 0xff);
        final int dg = (rgb >> 8 & 0xff) - (reference >> 8 & 0xff);
        final int db = (rgb & 0xff) - (reference & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    private static String tail(final Path log) throws IOException
    {
        if (!Files.exists(log))
        {
            return "(no output)";
        }
        final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
