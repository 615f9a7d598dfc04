package org.galvani.clinical;

import static org.galvani.clinical.Checks.range;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.galvani.clinical.Checks.Bound;
import org.galvani.config.BoundedFiles;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;

/**
 * The drugs a prescription may name (SR-21), built in ({@link #builtIn()}, one cited source per row in
 * docs/prescriptions.md) and extended or tightened by the maker's drug file ({@link #apply}): a maker may add
 * a drug (every field, with its source) and may tighten a built-in one — lower its current, density and
 * maximum dose, raise its minimum dose, drop protocols, make it clinic-only, forbid pulsed mode — but never
 * change its charge (the polarity follows it) nor loosen anything. Immutable and thread-safe once built.
 */
public final class DrugCatalogue
{
    private static final String DEFAULT = "Galvani conservative default within ";
    private final Map<String, Drug> drugs;

    private DrugCatalogue(final Map<String, Drug> drugs)
    {
        this.drugs = drugs;
    }

    /**
     * The built-in drugs (docs/prescriptions.md, "Drug catalogue", with a source per row).
     *
     * @return the built-in catalogue.
     */
    public static DrugCatalogue builtIn()
    {
        final Map<String, Drug> map = new LinkedHashMap<>();
        final List<ProtocolId> sports = List.of(ProtocolId.SPORTS_INJURY_DEXAMETHASONE, ProtocolId.SPORTS_INJURY);
        final List<ProtocolId> sportsOnly = List.of(ProtocolId.SPORTS_INJURY);
        final List<ProtocolId> oncology = List.of(ProtocolId.ONCOLOGY);
        put(map, new Drug("dexamethasone", "dexamethasone sodium phosphate 0.4 %", DrugCharge.ANIONIC, sports,
            4.0, 0.5, 10.0, 80.0, false, false,
            "Anderson CR et al., Phys Ther 83 (2003) 161-170 (current and dose vs deposition); 40-80 mA·min as in " +
                "the protocol"));
        put(map, new Drug("lidocaine", "lidocaine hydrochloride 2-4 %", DrugCharge.CATIONIC, sportsOnly,
            4.0, 0.5, 5.0, 40.0, false, false,
            "Greenbaum SS, Bernstein EF, J Dermatol Surg Oncol 20 (1994) 579-583 (iontophoretic lidocaine anaesthesia)"));
        put(map, new Drug("acetic-acid", "acetic acid 2 % (acetate)", DrugCharge.ANIONIC, sportsOnly,
            4.0, 0.5, 10.0, 80.0, false, false,
            "Perron M, Malouin F, Arch Phys Med Rehabil 78 (1997) 379-384 (calcifying tendinitis, cathode)"));
        put(map, new Drug("cisplatin", "cisplatin (aquated, cationic)", DrugCharge.CATIONIC, oncology,
            2.0, 0.25, 1.0, 60.0, true, false,
            "Chang BK et al., Arch Dermatol 129 (1993) 425-427 (anode); Byrne JD et al., J Control Release 284 (2018) " +
                "144-151 (review)"));
        put(map, new Drug("5-fluorouracil", "5-fluorouracil (anionic)", DrugCharge.ANIONIC, oncology,
            2.0, 0.25, 1.0, 60.0, true, false,
            "Welch ML et al., J Am Acad Dermatol 36 (1997) 956-958 (Bowen's disease); Anderson LL et al., J Am Acad " +
                "Dermatol 36 (1997) 478-479 (contact dermatitis: clinic only)"));
        put(map, new Drug("imatinib", "imatinib mesylate (protonated, cationic)", DrugCharge.CATIONIC, oncology,
            1.0, 0.2, 1.0, 40.0, true, false,
            DEFAULT + "the oncology envelope of Byrne JD et al., J Control Release 284 (2018) 144-151: no clinical " +
                "iontophoresis regimen found; cationic in an acidic formulation (piperazine pKa 8.07)"));
        put(map, new Drug("sirna", "siRNA (polyanionic)", DrugCharge.ANIONIC, oncology,
            1.0, 0.3, 1.0, 30.0, true, true,
            "Kigasawa K et al., Int J Pharm 383 (2010) 157-160 (cathodal siRNA iontophoresis into the epidermis)"));
        return new DrugCatalogue(map);
    }

    private static void put(final Map<String, Drug> map, final Drug drug)
    {
        map.put(drug.id(), drug);
    }

    /**
     * @param id a drug id.
     * @return the drug.
     * @throws InvalidConfigurationException naming {@code prescription.drug} and the known drugs.
     */
    public Drug get(final String id)
    {
        final Drug drug = drugs.get(id);
        if (drug == null)
        {
            throw new InvalidConfigurationException("prescription.drug", "prescription.drug = \"" + id +
                "\" is unknown: allowed " + drugs.keySet() + " (drug catalogue)");
        }
        return drug;
    }

    /**
     * @return every drug, built-ins first, in catalogue order.
     */
    public List<Drug> all()
    {
        return List.copyOf(drugs.values());
    }

    /**
     * Reads a maker's drug file and applies it.
     *
     * @param file   the drug file.
     * @param device the device limits no drug may exceed.
     * @return the new catalogue.
     */
    public DrugCatalogue apply(final Path file, final DeviceLimits device)
    {
        final byte[] bytes = BoundedFiles.read(file, BoundedFiles.MAX_DOCUMENT_BYTES, "drugs", "drugs file");
        final String document = "drugs (" + file.getFileName() + ")";
        final JsonNode node = Checks.tree(bytes, document);
        return apply(StrictJson.bind(node, DrugTightening.File.class, document), device);
    }

    /**
     * Applies a maker's drug entries: a known id is tightened, a new id is added.
     *
     * @param file   the entries.
     * @param device the device limits.
     * @return the new catalogue.
     * @throws InvalidConfigurationException naming the field, value, allowed range and limit.
     */
    public DrugCatalogue apply(final DrugTightening.File file, final DeviceLimits device)
    {
        final Map<String, Drug> map = new LinkedHashMap<>(drugs);
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.drugs().size(); i++)
        {
            final DrugTightening t = file.drugs().get(i);
            if (t == null || t.drug() == null)
            {
                throw new InvalidConfigurationException("drugs[" + i + "].drug", "drugs[" + i + "].drug is missing: " +
                    "name the drug to add or tighten");
            }
            if (!seen.add(t.drug()))
            {
                throw new InvalidConfigurationException("drugs[" + i + "].drug", "drugs[" + i + "].drug = " + t.drug() +
                    " appears twice: one entry per drug");
            }
            final Drug base = map.get(t.drug());
            map.put(t.drug(), base == null ? added(t, device) : tightened(base, t, device));
        }
        return new DrugCatalogue(map);
    }

    private static Drug added(final DrugTightening t, final DeviceLimits device)
    {
        final String p = "drugs." + t.drug() + ".";
        final String why = "a drug the catalogue does not know needs every field";
        Checks.present(p + "name", t.name(), why);
        Checks.present(p + "charge", t.charge(), why);
        Checks.present(p + "protocols", t.protocols(), why);
        Checks.present(p + "maxCurrentMa", t.maxCurrentMa(), why);
        Checks.present(p + "maxDensityMaPerCm2", t.maxDensityMaPerCm2(), why);
        Checks.present(p + "minDoseMaMin", t.minDoseMaMin(), why);
        Checks.present(p + "maxDoseMaMin", t.maxDoseMaMin(), why);
        Checks.present(p + "clinicOnly", t.clinicOnly(), why);
        Checks.present(p + "pulsedAllowed", t.pulsedAllowed(), why);
        Checks.present(p + "source", t.source(), why + ", with its source");
        for (final ProtocolId protocol : t.protocols())
        {
            if (protocol != ProtocolId.SPORTS_INJURY && protocol != ProtocolId.ONCOLOGY &&
                protocol != ProtocolId.SPORTS_INJURY_DEXAMETHASONE)
            {
                throw new InvalidConfigurationException(p + "protocols", p + "protocols contains " + protocol.cliName() +
                    ": allowed only drug protocols (sports-injury, oncology)");
            }
        }
        range(p + "maxCurrentMa", t.maxCurrentMa(), 0.05, device.maxPrescribableCurrentMa(), "mA",
            "device limit maxPrescribableCurrentMa");
        range(p + "maxDensityMaPerCm2", t.maxDensityMaPerCm2(), 0.01, device.maxCurrentDensityMaPerCm2(), "mA/cm²",
            "device limit maxCurrentDensityMaPerCm2");
        range(p + "maxDoseMaMin", t.maxDoseMaMin(), 0.1, device.doseCapMaMin(), "mA·min", "device limit doseCapMaMin");
        return new Drug(t.drug(), t.name(), t.charge(), t.protocols(), t.maxCurrentMa(), t.maxDensityMaPerCm2(),
            t.minDoseMaMin(), t.maxDoseMaMin(), t.clinicOnly(), t.pulsedAllowed(), t.source());
    }

    private static Drug tightened(final Drug b, final DrugTightening t, final DeviceLimits device)
    {
        final String p = "drugs." + b.id() + ".";
        final String builtIn = "built-in drug " + b.id() + " ";
        if (t.name() != null && !t.name().equals(b.name()) || t.charge() != null && t.charge() != b.charge() ||
            t.source() != null && !t.source().equals(b.source()))
        {
            final String field = t.charge() != null && t.charge() != b.charge() ? "charge" :
                t.name() != null && !t.name().equals(b.name()) ? "name" : "source";
            throw new InvalidConfigurationException(p + field, p + field + " of a built-in drug cannot change " +
                "(its charge sets the polarity; add a drug under a new id instead)");
        }
        final List<ProtocolId> protocols = new ArrayList<>(b.protocols());
        if (t.protocols() != null)
        {
            for (final ProtocolId protocol : t.protocols())
            {
                if (!b.protocols().contains(protocol))
                {
                    throw new InvalidConfigurationException(p + "protocols", p + "protocols contains " +
                        protocol.cliName() + ", which would loosen the drug: allowed a subset of " + b.protocols());
                }
            }
            protocols.retainAll(t.protocols());
        }
        final double maxCurrentMa = t.maxCurrentMa() == null ? b.maxCurrentMa() : range(p + "maxCurrentMa",
            t.maxCurrentMa(), new Bound(0.05, "controller bound"), new Bound(b.maxCurrentMa(), builtIn + "maxCurrentMa")
                .tighterUpper(new Bound(device.maxPrescribableCurrentMa(), "device limit maxPrescribableCurrentMa")),
            "mA");
        final double maxDensity = t.maxDensityMaPerCm2() == null ? b.maxDensityMaPerCm2() :
            range(p + "maxDensityMaPerCm2", t.maxDensityMaPerCm2(), new Bound(0.01, "controller bound"),
                new Bound(b.maxDensityMaPerCm2(), builtIn + "maxDensityMaPerCm2"), "mA/cm²");
        final double maxDose = t.maxDoseMaMin() == null ? b.maxDoseMaMin() : range(p + "maxDoseMaMin",
            t.maxDoseMaMin(), new Bound(b.minDoseMaMin(), builtIn + "minDoseMaMin"),
            new Bound(b.maxDoseMaMin(), builtIn + "maxDoseMaMin"), "mA·min");
        final double minDose = t.minDoseMaMin() == null ? b.minDoseMaMin() : range(p + "minDoseMaMin",
            t.minDoseMaMin(), new Bound(b.minDoseMaMin(), builtIn + "minDoseMaMin"), new Bound(maxDose, "maxDoseMaMin"),
            "mA·min");
        return new Drug(b.id(), b.name(), b.charge(), protocols, maxCurrentMa, maxDensity, minDose, maxDose,
            flag(p + "clinicOnly", t.clinicOnly(), b.clinicOnly(), true),
            flag(p + "pulsedAllowed", t.pulsedAllowed(), b.pulsedAllowed(), false), b.source());
    }

    private static boolean flag(final String field, final Boolean value, final boolean builtIn, final boolean safe)
    {
        if (value == null || value == builtIn)
        {
            return builtIn;
        }
        if (value != safe)
        {
            throw new InvalidConfigurationException(field, field + " = " + value + " would loosen the drug: allowed " +
                "only " + builtIn + " or " + safe + " (a maker may tighten a drug, never loosen it)");
        }
        return value;
    }
}
