package org.galvani.clinical;

import static org.galvani.clinical.Checks.range;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.clinical.Checks.Bound;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * The protocols of docs/prescriptions.md with their defaults ({@link #builtIn()}), optionally tightened by
 * the maker's protocol file ({@link #tighten}). A tightening can never loosen a protocol past its built-in
 * bounds or past the device limits: such a file is rejected with a message naming the field, the value,
 * the allowed range and the limit. Immutable and thread-safe once built.
 */
public final class ProtocolCatalogue
{
    private final Map<ProtocolId, Protocol> protocols;

    private ProtocolCatalogue(final Map<ProtocolId, Protocol> protocols)
    {
        this.protocols = protocols;
    }

    /**
     * The built-in protocols (see docs/prescriptions.md for the table).
     *
     * @return the built-in catalogue.
     */
    public static ProtocolCatalogue builtIn()
    {
        final Map<ProtocolId, Protocol> map = new EnumMap<>(ProtocolId.class);
        map.put(ProtocolId.HYPERHIDROSIS_HANDS_FEET, new Protocol(ProtocolId.HYPERHIDROSIS_HANDS_FEET,
            true, 0.1, 30.0, 15.0, 2.0, 1.0, 0.5,
            20.0, 40.0, 20.0,
            false, false, 0.0, 0.0,
            true, true, false,
            Polarity.NORMAL, null,
            true, false, false));
        map.put(ProtocolId.HYPERHIDROSIS_AXILLAE, new Protocol(ProtocolId.HYPERHIDROSIS_AXILLAE,
            true, 0.1, 5.0, 3.0, 1.0, 0.5, 0.2,
            20.0, 40.0, 20.0,
            false, false, 0.0, 0.0,
            true, true, true,
            Polarity.NORMAL, null,
            true, false, false));
        map.put(ProtocolId.SPORTS_INJURY_DEXAMETHASONE, new Protocol(ProtocolId.SPORTS_INJURY_DEXAMETHASONE,
            true, 0.1, 4.0, 4.0, 1.0, 0.5, 0.1,
            1.0, 60.0, 0.0,
            true, true, 40.0, 80.0,
            false, false, false,
            Polarity.REVERSED, Polarity.REVERSED,
            false, false, true));
        // pulsed only where the drug allows it (SR-21: siRNA)
        map.put(ProtocolId.ONCOLOGY, new Protocol(ProtocolId.ONCOLOGY,
            false, 0.1, 10.0, 0.0, 0.0, 0.5, 0.1,
            1.0, 60.0, 0.0,
            true, true, 0.0, 200.0,
            false, true, false,
            null, null,
            false, true, true));
        map.put(ProtocolId.SPORTS_INJURY, new Protocol(ProtocolId.SPORTS_INJURY,
            true, 0.1, 4.0, 0.0, 1.0, 0.5, 0.1,
            1.0, 60.0, 0.0,
            true, true, 40.0, 80.0,
            false, false, false,
            null, null,
            false, false, false));
        return new ProtocolCatalogue(map);
    }

    /**
     * A copy with one protocol replaced, bypassing the tightening rules: for tests in this package only.
     *
     * @param protocol the replacement.
     * @return the new catalogue.
     */
    ProtocolCatalogue replacedForTest(final Protocol protocol)
    {
        final Map<ProtocolId, Protocol> map = new EnumMap<>(protocols);
        map.put(protocol.id(), protocol);
        return new ProtocolCatalogue(map);
    }

    /**
     * @param id which protocol.
     * @return its (possibly tightened) definition.
     */
    public Protocol get(final ProtocolId id)
    {
        return protocols.get(id);
    }

    /**
     * @return every protocol, in {@link ProtocolId} order.
     */
    public List<Protocol> all()
    {
        return List.copyOf(protocols.values());
    }

    /**
     * Reads a maker's protocol file and applies it to this catalogue.
     *
     * @param file   the protocol file.
     * @param device the device limits no protocol may exceed.
     * @return the tightened catalogue.
     * @throws InvalidConfigurationException naming the field, value, allowed range and limit.
     */
    public ProtocolCatalogue tighten(final Path file, final DeviceLimits device)
    {
        final byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_DOCUMENT_BYTES, "protocols", "protocols file");
        final String document = "protocols (" + file.getFileName() + ")";
        final JsonNode node = Checks.tree(bytes, document);
        return tighten(StrictJson.bind(node, ProtocolTightening.File.class, document), device);
    }

    /**
     * Applies a maker's tightenings. Each value must lie between the built-in (or tighter) bound and the
     * device limit; a boolean may only move towards safety.
     *
     * @param file   the tightenings.
     * @param device the device limits.
     * @return the tightened catalogue.
     * @throws InvalidConfigurationException naming the field, value, allowed range and limit.
     */
    public ProtocolCatalogue tighten(final ProtocolTightening.File file, final DeviceLimits device)
    {
        final Map<ProtocolId, Protocol> map = new EnumMap<>(protocols);
        final EnumMap<ProtocolId, Boolean> seen = new EnumMap<>(ProtocolId.class);
        for (int i = 0; i < file.protocols().size(); i++)
        {
            final ProtocolTightening t = file.protocols().get(i);
            if (t == null || t.protocol() == null)
            {
                throw new InvalidConfigurationException("protocols[" + i + "].protocol",
                    "protocols[" + i + "].protocol is missing: name the protocol to tighten");
            }
            if (seen.put(t.protocol(), Boolean.TRUE) != null)
            {
                throw new InvalidConfigurationException("protocols[" + i + "].protocol", "protocols[" + i +
                    "].protocol = " + t.protocol().cliName() + " appears twice: one entry per protocol");
            }
            map.put(t.protocol(), apply(map.get(t.protocol()), t, device));
        }
        return new ProtocolCatalogue(map);
    }

    private static Protocol apply(final Protocol b, final ProtocolTightening t, final DeviceLimits device)
    {
        final String p = "protocols." + b.cliName() + ".";
        final String builtIn = "built-in protocol " + b.cliName() + " ";

        final double maxCurrentMa = num(p + "maxCurrentMa", t.maxCurrentMa(), b.maxCurrentMa(),
            new Bound(b.minCurrentMa(), builtIn + "minCurrentMa"),
            new Bound(b.maxCurrentMa(), builtIn + "maxCurrentMa")
                .tighterUpper(new Bound(device.maxPrescribableCurrentMa(), "device limit maxPrescribableCurrentMa")),
            "mA");
        final double minCurrentMa = num(p + "minCurrentMa", t.minCurrentMa(), b.minCurrentMa(),
            new Bound(b.minCurrentMa(), builtIn + "minCurrentMa"), new Bound(maxCurrentMa, "maxCurrentMa"), "mA");
        final double rampRateMaPerS = num(p + "rampRateMaPerS", t.rampRateMaPerS(), b.rampRateMaPerS(),
            new Bound(0.01, "controller bound"),
            new Bound(b.rampRateMaPerS(), builtIn + "rampRateMaPerS")
                .tighterUpper(new Bound(device.maxRampRateMaPerS(), "device limit maxRampRateMaPerS")),
            "mA/s");
        final double defaultStepMa = num(p + "defaultStepMa", t.defaultStepMa(), b.defaultStepMa(),
            new Bound(0.01, "controller bound"), new Bound(b.defaultStepMa(), builtIn + "defaultStepMa"), "mA");
        final double maxDurationMin = num(p + "maxDurationMin", t.maxDurationMin(), b.maxDurationMin(),
            new Bound(b.minDurationMin(), builtIn + "minDurationMin"),
            new Bound(b.maxDurationMin(), builtIn + "maxDurationMin")
                .tighterUpper(new Bound(device.maxSessionMin(), "device limit maxSessionMin")),
            "min");
        final double minDurationMin = num(p + "minDurationMin", t.minDurationMin(), b.minDurationMin(),
            new Bound(b.minDurationMin(), builtIn + "minDurationMin"), new Bound(maxDurationMin, "maxDurationMin"),
            "min");
        final double maxDoseMaMin = b.doseAllowed() ? num(p + "maxDoseMaMin", t.maxDoseMaMin(), b.maxDoseMaMin(),
            new Bound(0.1, "controller bound"),
            new Bound(b.maxDoseMaMin(), builtIn + "maxDoseMaMin")
                .tighterUpper(new Bound(device.doseCapMaMin(), "device limit doseCapMaMin")),
            "mA·min") : num(p + "maxDoseMaMin", t.maxDoseMaMin(), 0.0,
            new Bound(0.0, builtIn + "doseAllowed = false"), new Bound(0.0, builtIn + "doseAllowed = false"),
            "mA·min");

        return new Protocol(b.id(),
            flag(p + "titrationAllowed", t.titrationAllowed(), b.titrationAllowed(), false),
            minCurrentMa,
            maxCurrentMa,
            t.defaultCurrentMa() == null ? clip(b.defaultCurrentMa(), minCurrentMa, maxCurrentMa) : t.defaultCurrentMa(),
            t.defaultStartMa() == null ? Math.min(b.defaultStartMa(), maxCurrentMa) : t.defaultStartMa(),
            Math.min(defaultStepMa, maxCurrentMa),
            rampRateMaPerS,
            minDurationMin,
            maxDurationMin,
            t.defaultDurationMin() == null ? clip(b.defaultDurationMin(), minDurationMin, maxDurationMin) :
                t.defaultDurationMin(),
            b.doseRequired(),
            b.doseAllowed(),
            t.defaultDoseMaMin() == null ? clip(b.defaultDoseMaMin(), 0.1, maxDoseMaMin) : t.defaultDoseMaMin(),
            maxDoseMaMin,
            flag(p + "reversalAllowed", t.reversalAllowed(), b.reversalAllowed(), false),
            flag(p + "pulsedAllowed", t.pulsedAllowed(), b.pulsedAllowed(), false),
            b.pulsedAdvised(),
            b.defaultPolarity(),
            b.fixedPolarity(),
            flag(p + "densityClampAllowed", t.densityClampAllowed(), b.densityClampAllowed(), false),
            flag(p + "authorisationMandatory", t.authorisationMandatory(), b.authorisationMandatory(), true),
            b.clinicOnly());
    }

    private static double num(
        final String field, final Double value, final double builtIn, final Bound min, final Bound max,
        final String unit)
    {
        return value == null ? builtIn : range(field, value, min, max, unit);
    }

    /** Keeps 0 ("no default") as 0; moves any other built-in default inside the tightened bounds. */
    private static double clip(final double builtInDefault, final double min, final double max)
    {
        return builtInDefault == 0.0 ? 0.0 : Math.max(min, Math.min(max, builtInDefault));
    }

    private static boolean flag(final String field, final Boolean value, final boolean builtIn, final boolean safe)
    {
        if (value == null || value == builtIn)
        {
            return builtIn;
        }
        if (value != safe)
        {
            throw new InvalidConfigurationException(field, field + " = " + value + " would loosen the protocol: " +
                "allowed only " + builtIn + (builtIn == safe ? "" : " or " + safe) + " (built-in protocol; " +
                "a maker may tighten a protocol, never loosen it)");
        }
        return value;
    }
}
