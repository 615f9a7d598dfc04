package org.galvani.clinical;

import static org.galvani.clinical.Checks.range;

import java.util.List;

import org.galvani.config.InvalidConfigurationException;

/**
 * One drug of the {@link DrugCatalogue}: its ion's charge (from which the polarity of the active electrode
 * is derived and enforced, SR-21), the protocols it may be given under, and the bounds a prescription of it
 * must keep — current, density, dose — with the clinic-only and pulsed flags. Every row names its source
 * (docs/prescriptions.md). Immutable and thread-safe.
 *
 * @param id                 the drug's identifier in prescriptions, e.g. {@code dexamethasone} (lower case, digits,
 *                           '-').
 * @param name               the drug as a clinician reads it, e.g. "dexamethasone sodium phosphate 0.4 %".
 * @param charge             the charge of the drug ion: sets the polarity ({@link DrugCharge#polarity()}).
 * @param protocols          the protocols it may be prescribed under.
 * @param maxCurrentMa       highest target or cap (mA).
 * @param maxDensityMaPerCm2 highest current density (mA/cm²), never above the device's.
 * @param minDoseMaMin       lowest dose (mA·min) of a dose-ended session.
 * @param maxDoseMaMin       highest dose (mA·min).
 * @param clinicOnly         whether only a clinic device (not a home-use device) may deliver it.
 * @param pulsedAllowed      whether pulsed mode may be prescribed with it.
 * @param source             where the row's values come from (a citation, or "Galvani conservative default").
 */
public record Drug(
    String id,
    String name,
    DrugCharge charge,
    List<ProtocolId> protocols,
    double maxCurrentMa,
    double maxDensityMaPerCm2,
    double minDoseMaMin,
    double maxDoseMaMin,
    boolean clinicOnly,
    boolean pulsedAllowed,
    String source)
{
    private static final String BOUND = "controller bound";

    /**
     * Checks the row.
     */
    public Drug
    {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}"))
        {
            throw new InvalidConfigurationException("drugs.drug", "drugs.drug = \"" + id + "\" is not a valid drug " +
                "id: allowed 1 .. 64 of a-z, 0-9, '-'");
        }
        final String p = "drugs." + id + ".";
        Checks.present(p + "name", name, "the drug as a clinician reads it");
        Checks.present(p + "charge", charge, "CATIONIC or ANIONIC: the charge sets the polarity");
        Checks.present(p + "protocols", protocols, "the protocols it may be prescribed under");
        protocols = List.copyOf(protocols);
        if (protocols.isEmpty())
        {
            throw new InvalidConfigurationException(p + "protocols", p + "protocols is empty: name at least one");
        }
        range(p + "maxCurrentMa", maxCurrentMa, 0.05, 50.0, "mA", BOUND);
        range(p + "maxDensityMaPerCm2", maxDensityMaPerCm2, 0.01, 2.0, "mA/cm²", BOUND);
        range(p + "minDoseMaMin", minDoseMaMin, 0.1, 3000.0, "mA·min", BOUND);
        range(p + "maxDoseMaMin", maxDoseMaMin, minDoseMaMin, 3000.0, "mA·min", "minDoseMaMin and controller bound");
        Checks.present(p + "source", source, "every drug row names its source");
        if (source.isBlank())
        {
            throw new InvalidConfigurationException(p + "source", p + "source is blank: every drug row names its source");
        }
    }

    /**
     * @return the polarity of the active electrode that delivers it.
     */
    public Polarity polarity()
    {
        return charge.polarity();
    }
}
