package org.galvani.fleet.gen;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.galvani.cli.GalvaniCli;

/**
 * Generates a realistic simulated fleet for tests and demos: {@code devices} devices × {@code sessions}
 * sessions, each device with its own Ed25519 key pair ({@code keys/DEVICE.key|.pub}, by {@code galvani keygen}),
 * each session a prescription signed by the demo clinician ({@code galvani sign}) and a whole session run
 * by {@code galvani simulate} through the real controller and the native sim into its own sealed journal
 * {@code journals/DEVICE/SESSION/}. The commands run in this JVM through {@link GalvaniCli}: the same code
 * as the command line, nothing re-implemented.
 *
 * <p>Sessions alternate between the example protocols: dexamethasone (TARGET mode, 4 mA to 2 mA·min)
 * and hyperhidrosis (TITRATION, ended by the operator's STOP at 25 s), so a session is
 * 25 to 40 s of ticks at 1 kHz. Every {@code faultyEvery}-th device is faulty: its electrode loses contact more often
 * session after session (open circuits, a rising contact-fault trend), and its last session sees a current
 * sensor offset that trips OVERCURRENT (SR-3).
 *
 * <p>Threading: {@link #generate} blocks the caller and runs sessions on {@code threads} threads.
 *
 * @param out         the fleet folder (journals/, keys/, prescriptions/).
 * @param examples    the folder of the example files (docs/examples: clinician key, trusted keys,
 *                    screenings).
 * @param devices     devices.
 * @param sessions    sessions per device.
 * @param faultyEvery every n-th device is faulty (0: none).
 * @param threads     sessions run at once.
 */
public record FleetGenerator(Path out, Path examples, int devices, int sessions, int faultyEvery, int threads)
{
    /**
     * One generated session.
     *
     * @param device    the device id.
     * @param sessionId the prescription id.
     * @param journal   its journal folder.
     * @param exitCode  {@code galvani simulate}'s exit code (1 when it ended in a fault).
     */
    public record Generated(String device, String sessionId, Path journal, int exitCode)
    {
    }

    /**
     * @param device a device number.
     * @return its id.
     */
    public static String deviceId(final int device)
    {
        return String.format(Locale.ROOT, "dev-%03d", device);
    }

    /**
     * @param device a device number.
     * @return whether it is one of the faulty ones.
     */
    public boolean faulty(final int device)
    {
        return faultyEvery > 0 && device % faultyEvery == faultyEvery - 1;
    }

    /**
     * Generates the fleet.
     *
     * @return every session, by device then session.
     */
    public List<Generated> generate()
    {
        try
        {
            Files.createDirectories(out.resolve("keys"));
            Files.createDirectories(out.resolve("prescriptions"));
            for (int d = 0; d < devices; d++)
            {
                cli("keygen", "--out", out.resolve("keys").resolve(deviceId(d)).toString());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try
        {
            final List<Future<Generated>> futures = new ArrayList<>();
            for (int d = 0; d < devices; d++)
            {
                for (int s = 0; s < sessions; s++)
                {
                    final int device = d;
                    final int session = s;
                    futures.add(pool.submit(() -> session(device, session)));
                }
            }
            final List<Generated> generated = new ArrayList<>();
            for (final Future<Generated> future : futures)
            {
                generated.add(future.get());
            }
            return generated;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof RuntimeException r ? r : new IllegalStateException(ex.getCause());
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    private Generated session(final int d, final int s) throws IOException
    {
        final String device = deviceId(d);
        final String sessionId = String.format(Locale.ROOT, "RX-%s-%03d", device, s);
        final boolean dexamethasone = (d + s) % 2 == 0;
        final Path unsigned = out.resolve("prescriptions").resolve(sessionId + ".unsigned.json");
        final Path signed = out.resolve("prescriptions").resolve(sessionId + ".json");
        Files.writeString(unsigned, dexamethasone ?
            "{\"prescriptionId\":\"" + sessionId + "\",\"patientId\":\"PATIENT-" + device + "-" + s + "\"," +
                "\"issuedBy\":\"demo-clinician\",\"protocol\":\"sports-injury-dexamethasone\",\"mode\":\"TARGET\"," +
                "\"targetCurrentMa\":4.0,\"doseMaMin\":10.0,\"electrodeAreaCm2\":10.0,\"drugCharge\":\"ANIONIC\"}" :
            "{\"prescriptionId\":\"" + sessionId + "\",\"patientId\":\"PATIENT-" + device + "-" + s + "\"," +
                "\"issuedBy\":\"demo-clinician\",\"protocol\":\"hyperhidrosis-hands\",\"mode\":\"TITRATION\"," +
                "\"startCurrentMa\":2.0,\"capCurrentMa\":18.0,\"stepCurrentMa\":1.0,\"durationMin\":20.0," +
                "\"electrodeAreaCm2\":120.0,\"polarity\":\"NORMAL\",\"reverseAtHalfTime\":true}",
            StandardCharsets.UTF_8);
        cli("sign", "--key", examples.resolve("demo-clinician.key").toString(), "--clinician", "demo-clinician",
            "--in", unsigned.toString(), "--out", signed.toString());
        final String example = dexamethasone ? "screening-dexamethasone.json" : "screening-clear.json";
        final Path screening = out.resolve("prescriptions").resolve(sessionId + ".screening.json");
        Files.writeString(screening, Files.readString(examples.resolve(example), StandardCharsets.UTF_8)
            .replaceFirst("\"patientId\"\\s*:\\s*\"[^\"]*\"", "\"patientId\": \"PATIENT-" + device + "-" + s + "\""),
            StandardCharsets.UTF_8);
        final Path journal = out.resolve("journals").resolve(device).resolve(String.format(Locale.ROOT, "s%03d", s));
        final List<String> args = new ArrayList<>(List.of("simulate",
            "--trusted-keys", examples.resolve("trusted-clinicians.json").toString(),
            "--screening", screening.toString(),
            "--prescription", signed.toString(),
            "--journal", journal.toString(),
            "--device-key", out.resolve("keys").resolve(device + ".key").toString(),
            "--device-id", device,
            "--seed", Integer.toString(1 + d * 1000 + s),
            "--every-s", "86400"));
        if (!dexamethasone)
        {
            args.addAll(List.of("--titrate", "+4@5", "--stop-at", "25"));
        }
        if (faulty(d))
        {
            // contact lost for 1 s, more often as the electrode wears: s+1 times in session s
            for (int k = 0; k <= s && k < 6; k++)
            {
                args.addAll(List.of("--fault", "open-circuit@" + (8_000 + 2_500 * k) + "+1000"));
            }
            if (s == sessions - 1)
            {
                args.addAll(List.of("--fault", "adc-offset@22000+inf:-2000/current-a",
                    "--fault", "adc-offset@22000+inf:-2000/current-b"));
            }
        }
        final int exit = cli(args.toArray(new String[0]));
        return new Generated(device, sessionId, journal, exit);
    }

    private static int cli(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int code = GalvaniCli.execute(new PrintWriter(out), new PrintWriter(err), args);
        // simulate's 6 (stopped by the operator: the scripted --stop-at) and 7 (dose incomplete) are sessions
        // that ended with their journal written, as 1 (a fault); 2, 3 and the rest are failures to generate.
        final boolean sessionEnded = "simulate".equals(args[0]) && (code == 6 || code == 7);
        if (code >= 2 && !sessionEnded)
        {
            throw new IllegalStateException("galvani " + args[0] + " failed (exit " + code + "): " + err + out);
        }
        return code;
    }
}
