package org.galvani.journal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import org.galvani.control.PidGains;
import org.galvani.controller.ControllerContext;
import org.galvani.hal.HalInfo;
import org.galvani.safety.MonitorLimits;

/**
 * Everything a journal's session-start record must hold so that an auditor knows what ran and a replay
 * can rebuild the same controller (SR-15): the library version, the driver's converter scales, every
 * controller setting (period, safety monitor limits, PID gains, contact timings, debounce counts), the
 * maker's device limits, the frozen screening, the prescription as signed, and free-form notes (e.g. the
 * sim's configuration and injected faults).
 *
 * <p>Records and plain values only, so the strict JSON mapper ({@code org.galvani.config.StrictJson})
 * writes and reads it. Immutable; built on a set-up thread, never on the control thread.
 *
 * @param libraryVersion          the Galvani version that wrote the journal.
 * @param deviceId                the device (one journal per device).
 * @param hal                     the driver's converter scales and ranges.
 * @param tickPeriodNs            control period.
 * @param monitorLimits           the safety monitor's device-level thresholds.
 * @param pidGains                the current loop's gains in force (never null: defaults resolved).
 * @param contactSettleNs         pre-ramp contact test hold time.
 * @param contactProbeIntervalNs  contact re-probe interval after a contact loss.
 * @param complianceClampTicks    ticks at compliance before the clamp is shown.
 * @param commandsPerTick         most commands drained per tick.
 * @param inboxCapacityBytes      command ring buffer capacity.
 * @param deviceLimitsJson        the maker's device limits, canonical JSON ("" when not from a file).
 * @param screeningSummary        the frozen screening's summary (which conditions, rules, overrides).
 * @param prescriptionJson        the prescription as signed, canonical JSON ("" when none).
 * @param prescriptionClinicianId who signed the prescription ("" when none).
 * @param prescriptionSignature   the signature, base64 ("" when none).
 * @param authorisation           the outcome of the signature check, one sentence.
 * @param notes                   free text, e.g. the sim's configuration and the injected faults.
 * @param sessionStart            when the session started, ISO-8601 UTC ("" when not given): the instant the
 *                                screening's overrides were judged against (SR-19).
 * @param overrides               the clinician overrides that lifted a block, each with the exact statement
 *                                signed and the signature, for {@code galvani verify} to re-verify against the
 *                                trusted clinician keys (SR-19); empty when none.
 */
public record SessionHeader(
    String libraryVersion,
    String deviceId,
    HalInfo hal,
    long tickPeriodNs,
    MonitorLimits monitorLimits,
    PidGains pidGains,
    long contactSettleNs,
    long contactProbeIntervalNs,
    int complianceClampTicks,
    int commandsPerTick,
    int inboxCapacityBytes,
    String deviceLimitsJson,
    String screeningSummary,
    String prescriptionJson,
    String prescriptionClinicianId,
    String prescriptionSignature,
    String authorisation,
    String notes,
    String sessionStart,
    List<JournaledOverride> overrides)
{
    /**
     * Normalises the fields a journal written before they existed lacks: no session start, no override.
     */
    public SessionHeader
    {
        sessionStart = sessionStart == null ? "" : sessionStart;
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
    }

    /** The version of this library, stamped by the build. */
    public static final String LIBRARY_VERSION = readVersion();

    /**
     * The header of a controller about to run.
     *
     * @param deviceId the device.
     * @param ctx      the concluded context.
     * @param hal      the driver's scales ({@code driver.info()}).
     * @return a header without clinical content (add it with {@link #withClinical}).
     */
    public static SessionHeader of(final String deviceId, final ControllerContext ctx, final HalInfo hal)
    {
        final ControllerContext c = ctx.conclude();
        return new SessionHeader(LIBRARY_VERSION, deviceId, hal, c.tickPeriodNs(), c.monitorLimits(),
            c.pidGains() != null ? c.pidGains() : PidGains.defaults(hal), c.contactSettleNs(),
            c.contactProbeIntervalNs(), c.complianceClampTicks(), c.commandsPerTick(), c.inboxCapacityBytes(),
            "", "", "", "", "", "", "", "", List.of());
    }

    /**
     * @param deviceLimitsJson        device limits, canonical JSON.
     * @param screeningSummary        the frozen screening's summary.
     * @param prescriptionJson        the prescription as signed.
     * @param prescriptionClinicianId the signer.
     * @param prescriptionSignature   the signature, base64.
     * @param authorisation           the signature check's outcome.
     * @param notes                   free text.
     * @return a copy with the clinical content.
     */
    public SessionHeader withClinical(
        final String deviceLimitsJson,
        final String screeningSummary,
        final String prescriptionJson,
        final String prescriptionClinicianId,
        final String prescriptionSignature,
        final String authorisation,
        final String notes)
    {
        return new SessionHeader(libraryVersion, deviceId, hal, tickPeriodNs, monitorLimits, pidGains,
            contactSettleNs, contactProbeIntervalNs, complianceClampTicks, commandsPerTick, inboxCapacityBytes,
            deviceLimitsJson, screeningSummary, prescriptionJson, prescriptionClinicianId, prescriptionSignature,
            authorisation, notes, sessionStart, overrides);
    }

    /**
     * @param sessionStart when the session starts, ISO-8601 UTC.
     * @param overrides    the overrides that lifted a block, with their statements and signatures.
     * @return a copy with the session's start and its overrides (SR-19).
     */
    public SessionHeader withOverrides(final String sessionStart, final List<JournaledOverride> overrides)
    {
        return new SessionHeader(libraryVersion, deviceId, hal, tickPeriodNs, monitorLimits, pidGains,
            contactSettleNs, contactProbeIntervalNs, complianceClampTicks, commandsPerTick, inboxCapacityBytes,
            deviceLimitsJson, screeningSummary, prescriptionJson, prescriptionClinicianId, prescriptionSignature,
            authorisation, notes, sessionStart, overrides);
    }

    /**
     * Rebuilds the controller's context (for replay: the same settings, a clock that is never read).
     *
     * @return a new, unconcluded context with every recorded setting.
     */
    public ControllerContext toContext()
    {
        return new ControllerContext()
            .tickPeriodNs(tickPeriodNs)
            .monitorLimits(monitorLimits)
            .pidGains(pidGains)
            .contactSettleNs(contactSettleNs)
            .contactProbeIntervalNs(contactProbeIntervalNs)
            .complianceClampTicks(complianceClampTicks)
            .commandsPerTick(commandsPerTick)
            .inboxCapacityBytes(inboxCapacityBytes);
    }

    private static String readVersion()
    {
        try (InputStream in = SessionHeader.class.getResourceAsStream("/org/galvani/version.properties"))
        {
            if (in == null)
            {
                return "unknown";
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }
}
