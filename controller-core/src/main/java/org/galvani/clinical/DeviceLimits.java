package org.galvani.clinical;

import static org.galvani.clinical.Checks.range;

import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.galvani.safety.MonitorLimits;

/**
 * The device maker's limits: the outer envelope no protocol and no prescription can exceed. Validated
 * once, in the constructor, against the controller's own bounds (each message names the field, the value,
 * the allowed range and the bound that sets it). Immutable and thread-safe; built off the control thread.
 *
 * <p>Read from a device limits file ({@link #read(Path)}), every field required, e.g.
 * {@code docs/examples/device-limits.json}. Defaults of a tap-water unit: {@link #defaults()}.
 *
 * @param absoluteCurrentMa          SR-3 hard stop independent of the loop (1 .. 50 mA; a tap-water unit: 35).
 * @param maxPrescribableCurrentMa   highest cap or target a prescription may set (≤ absoluteCurrentMa).
 * @param complianceVoltageV         output-stage compliance voltage (5 .. 100 V; typical 30 .. 60).
 * @param maxCurrentDensityMaPerCm2  SR-4 density limit (0.01 .. 2.0 mA/cm²; common clinical ceiling 0.5).
 * @param maxRampRateMaPerS          SR-10 fastest soft-start / ramp-down (0.01 .. 5.0 mA/s).
 * @param doseCapMaMin               SR-11 most charge one session may deliver (1 .. 3000 mA·min).
 * @param maxSessionMin              longest treatment time, lengthening included (1 .. 120 min).
 * @param maxDoseLengtheningFactor   SR-17 bound for dose-based lengthening (1.0 .. 3.0 × nominal time).
 * @param overcurrentTripMarginMa    SR-3 trip level = cap + margin, never above absoluteCurrentMa (0.05 .. 5 mA).
 * @param doseOvershootPercent       SR-11 documented dose overshoot bound (0.1 .. 10 % of the target).
 * @param minDutyPermille            shortest pulse duty in pulsed mode (1 .. 1000 ‰).
 * @param maxPulseFrequencyHz        fastest pulse frequency (1 .. 20,000 Hz).
 * @param contactTestCurrentUa       SR-6 pre-ramp test current (5 .. 500 µA, tens of µA typical).
 * @param contactOpenOhm             SR-6 contact impedance above which start is refused (1 kΩ .. 10 MΩ).
 * @param contactShortOhm            SR-6 impedance below which the load is a short (1 .. 10,000 Ω, below open).
 * @param densityTripMarginPercent   SR-4 margin between the density a prescription may reach and the level at
 *                                   which the safety monitor trips (1 .. 20 % of the trip level; optional in
 *                                   the file, default {@value #DEFAULT_DENSITY_TRIP_MARGIN_PERCENT} %): the monitor
 *                                   trips at maxCurrentDensityMaPerCm2 × area, a prescription's cap may reach
 *                                   that × (1 − margin / 100), so no valid prescription trips by design.
 * @param homeUse                    whether the device is for use at home rather than in a clinic (optional,
 *                                   default false): a home-use device refuses clinic-only protocols and drugs
 *                                   (SR-21).
 */
public record DeviceLimits(
    double absoluteCurrentMa,
    double maxPrescribableCurrentMa,
    double complianceVoltageV,
    double maxCurrentDensityMaPerCm2,
    double maxRampRateMaPerS,
    double doseCapMaMin,
    double maxSessionMin,
    double maxDoseLengtheningFactor,
    double overcurrentTripMarginMa,
    double doseOvershootPercent,
    int minDutyPermille,
    double maxPulseFrequencyHz,
    double contactTestCurrentUa,
    double contactOpenOhm,
    double contactShortOhm,
    Double densityTripMarginPercent,
    Boolean homeUse)
{
    /**
     * Default SR-4 density margin (%): the loop regulates the mean of the two current channels, the monitor
     * judges the larger, and SR-7 lets them differ by up to 5 % before it trips, so the larger channel may read
     * 2.5 % above a current held exactly at the cap; 5 % covers that twice over, plus the converters' noise
     * (docs/safety-monitor.md).
     */
    public static final double DEFAULT_DENSITY_TRIP_MARGIN_PERCENT = 5.0;

    private static final String BOUND = "controller bound";

    /**
     * Validates every field against the controller's bounds and the fields against each other.
     */
    public DeviceLimits
    {
        range("deviceLimits.absoluteCurrentMa", absoluteCurrentMa, 1.0, 50.0, "mA", BOUND);
        range("deviceLimits.maxPrescribableCurrentMa", maxPrescribableCurrentMa, 0.05, absoluteCurrentMa, "mA",
            "device limit absoluteCurrentMa");
        range("deviceLimits.complianceVoltageV", complianceVoltageV, 5.0, 100.0, "V", BOUND);
        range("deviceLimits.maxCurrentDensityMaPerCm2", maxCurrentDensityMaPerCm2, 0.01, 2.0, "mA/cm²",
            "controller bound; IEC 60601-2-10 asks for operator attention above 2 mA/cm²");
        range("deviceLimits.maxRampRateMaPerS", maxRampRateMaPerS, 0.01, 5.0, "mA/s", BOUND);
        range("deviceLimits.doseCapMaMin", doseCapMaMin, 1.0, 3000.0, "mA·min", BOUND);
        range("deviceLimits.maxSessionMin", maxSessionMin, 1.0, 120.0, "min", BOUND);
        range("deviceLimits.maxDoseLengtheningFactor", maxDoseLengtheningFactor, 1.0, 3.0, "×", BOUND);
        range("deviceLimits.overcurrentTripMarginMa", overcurrentTripMarginMa, 0.05, 5.0, "mA", BOUND);
        range("deviceLimits.doseOvershootPercent", doseOvershootPercent, 0.1, 10.0, "%", BOUND);
        range("deviceLimits.minDutyPermille", minDutyPermille, 1, 1000, "‰", BOUND);
        range("deviceLimits.maxPulseFrequencyHz", maxPulseFrequencyHz, 1.0, 20_000.0, "Hz", BOUND);
        range("deviceLimits.contactTestCurrentUa", contactTestCurrentUa, 5.0, 500.0, "µA", BOUND);
        // The test current must be able to develop the open-circuit voltage within the compliance voltage,
        // otherwise a dry contact could not be told from a just-acceptable one.
        final double openMaxOhm = Math.min(10_000_000.0, complianceVoltageV / (contactTestCurrentUa * 1e-6));
        range("deviceLimits.contactOpenOhm", contactOpenOhm, 1_000.0, openMaxOhm, "Ω",
            "controller bound and complianceVoltageV / contactTestCurrentUa");
        range("deviceLimits.contactShortOhm", contactShortOhm, 1.0, Math.min(10_000.0, contactOpenOhm), "Ω",
            "controller bound and device limit contactOpenOhm");
        densityTripMarginPercent = range("deviceLimits.densityTripMarginPercent",
            densityTripMarginPercent == null ? DEFAULT_DENSITY_TRIP_MARGIN_PERCENT : densityTripMarginPercent,
            1.0, 20.0, "%", BOUND);
        homeUse = Boolean.TRUE.equals(homeUse);
    }

    /**
     * The limits with the default SR-4 density margin ({@value #DEFAULT_DENSITY_TRIP_MARGIN_PERCENT} %).
     *
     * @param absoluteCurrentMa        see the record.
     * @param maxPrescribableCurrentMa see the record.
     * @param complianceVoltageV       see the record.
     * @param maxCurrentDensityMaPerCm2 see the record.
     * @param maxRampRateMaPerS        see the record.
     * @param doseCapMaMin             see the record.
     * @param maxSessionMin            see the record.
     * @param maxDoseLengtheningFactor see the record.
     * @param overcurrentTripMarginMa  see the record.
     * @param doseOvershootPercent     see the record.
     * @param minDutyPermille          see the record.
     * @param maxPulseFrequencyHz      see the record.
     * @param contactTestCurrentUa     see the record.
     * @param contactOpenOhm           see the record.
     * @param contactShortOhm          see the record.
     */
    public DeviceLimits(
        final double absoluteCurrentMa,
        final double maxPrescribableCurrentMa,
        final double complianceVoltageV,
        final double maxCurrentDensityMaPerCm2,
        final double maxRampRateMaPerS,
        final double doseCapMaMin,
        final double maxSessionMin,
        final double maxDoseLengtheningFactor,
        final double overcurrentTripMarginMa,
        final double doseOvershootPercent,
        final int minDutyPermille,
        final double maxPulseFrequencyHz,
        final double contactTestCurrentUa,
        final double contactOpenOhm,
        final double contactShortOhm)
    {
        this(absoluteCurrentMa, maxPrescribableCurrentMa, complianceVoltageV, maxCurrentDensityMaPerCm2,
            maxRampRateMaPerS, doseCapMaMin, maxSessionMin, maxDoseLengtheningFactor, overcurrentTripMarginMa,
            doseOvershootPercent, minDutyPermille, maxPulseFrequencyHz, contactTestCurrentUa, contactOpenOhm,
            contactShortOhm, null, null);
    }

    /**
     * @return the highest current density a prescription may reach (mA/cm²): the SR-4 trip density less
     *         the margin.
     */
    public double prescribableDensityMaPerCm2()
    {
        return maxCurrentDensityMaPerCm2 * (1.0 - densityTripMarginPercent / 100.0);
    }

    /**
     * Defaults of a tap-water unit (docs/software-requirements.md, Where the defaults live): 35 mA hard stop, 30 mA prescribable, 60 V,
     * 0.5 mA/cm², 1 mA/s, 1200 mA·min, 60 min, 1.5× lengthening, 1 mA trip margin, 2 % dose overshoot,
     * 200 ‰ shortest duty, 1 kHz fastest pulse, 50 µA contact test, 50 kΩ open, 300 Ω short.
     *
     * @return validated defaults.
     */
    public static DeviceLimits defaults()
    {
        return new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 200, 1000.0, 50.0,
            50_000.0, 300.0);
    }

    /**
     * Reads a device limits file strictly (every field required; unknown fields, wrong types, duplicate
     * keys, NaN rejected).
     *
     * @param file the file.
     * @return validated limits.
     * @throws InvalidConfigurationException naming the field, value and allowed range.
     */
    public static DeviceLimits read(final Path file)
    {
        final byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_DOCUMENT_BYTES, "deviceLimits",
            "deviceLimits file");
        return read(bytes, "deviceLimits (" + file.getFileName() + ")");
    }

    /**
     * Reads device limits from JSON bytes.
     *
     * @param json     UTF-8 JSON.
     * @param document what the document is, for messages.
     * @return validated limits.
     */
    public static DeviceLimits read(final byte[] json, final String document)
    {
        final JsonNode node = Checks.tree(json, document);
        Checks.requireAllFields(node, DeviceLimits.class, "deviceLimits", Set.of("densityTripMarginPercent", "homeUse"));
        return StrictJson.bind(node, DeviceLimits.class, document);
    }

    /**
     * Safety monitor thresholds derived from these limits (SR-3 absolute limit, SR-5 compliance).
     *
     * @param tickPeriodNs control period.
     * @return validated monitor limits.
     */
    public MonitorLimits monitorLimits(final long tickPeriodNs)
    {
        return MonitorLimits.defaults(absoluteCurrentMa * 1000.0, complianceVoltageV * 1000.0, tickPeriodNs);
    }
}
