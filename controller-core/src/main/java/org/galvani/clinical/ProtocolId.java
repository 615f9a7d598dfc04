package org.galvani.clinical;

import java.util.Arrays;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.galvani.config.InvalidConfigurationException;

/**
 * The clinical protocols of docs/prescriptions.md. In files and on the command line a protocol is named by
 * its {@link #cliName()}, e.g. {@code hyperhidrosis-hands}. Immutable.
 */
public enum ProtocolId
{
    /** Hyperhidrosis of hands and feet: tap-water trays, titrated "until tingling". */
    HYPERHIDROSIS_HANDS_FEET("hyperhidrosis-hands"),
    /** Hyperhidrosis of the axillae: wet pads, a few mA, pulsed mode advised. */
    HYPERHIDROSIS_AXILLAE("hyperhidrosis-axillae"),
    /** Sports injury, dexamethasone from the cathode: ≤ 4 mA, dose-ended. */
    SPORTS_INJURY_DEXAMETHASONE("sports-injury-dexamethasone"),
    /** Oncology drug delivery: prescribed current and dose, clinic only, authorisation mandatory. */
    ONCOLOGY("oncology"),
    /**
     * Sports medicine with a drug from the catalogue (SR-21): lidocaine, acetic acid, dexamethasone; the
     * polarity follows the drug's charge.
     */
    SPORTS_INJURY("sports-injury");

    private final String cliName;

    /**
     * @return whether a prescription under this protocol must name a {@code drug} (SR-21): the generic drug
     *         protocols; the dexamethasone protocol implies its drug, tap-water protocols take none.
     */
    public boolean drugRequired()
    {
        return this == ONCOLOGY || this == SPORTS_INJURY;
    }

    /**
     * @return whether a prescription under this protocol may name a drug at all (not the tap-water protocols).
     */
    public boolean drugAllowed()
    {
        return this != HYPERHIDROSIS_HANDS_FEET && this != HYPERHIDROSIS_AXILLAE;
    }

    ProtocolId(final String cliName)
    {
        this.cliName = cliName;
    }

    /**
     * @return the name used in files and on the command line.
     */
    @JsonValue
    public String cliName()
    {
        return cliName;
    }

    /**
     * @param cliName a protocol's file / command-line name.
     * @return the protocol.
     * @throws InvalidConfigurationException naming the known names when unknown.
     */
    public static ProtocolId fromCliName(final String cliName)
    {
        try
        {
            return fromJson(cliName);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidConfigurationException("protocol", ex.getMessage());
        }
    }

    /** For Jackson: an IllegalArgumentException lets it add the field path to the message. */
    @JsonCreator
    private static ProtocolId fromJson(final String cliName)
    {
        for (final ProtocolId id : values())
        {
            if (id.cliName.equals(cliName))
            {
                return id;
            }
        }
        throw new IllegalArgumentException("protocol \"" + cliName + "\" is unknown: allowed " +
            Arrays.toString(Arrays.stream(values()).map(ProtocolId::cliName).toArray()));
    }
}
