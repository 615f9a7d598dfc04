package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-21 a {@link Drug} row's own checks and the {@link ProtocolId} rules at their edges (PIT survivors,
 * docs/qa-campaign.md "PIT"): a drug id of 1 .. 64 of a-z, 0-9, '-' starting with a letter or digit; at least one
 * protocol; a non-blank source; a maximum dose no lower than the minimum; which protocols need, allow or forbid a drug.
 */
class DrugAndProtocolIdTest
{
    private static Drug drug(final String id, final List<ProtocolId> protocols, final double minDose,
        final double maxDose, final String source)
    {
        return new Drug(id, "name", DrugCharge.CATIONIC, protocols, 1.0, 0.5, minDose, maxDose, false, false, source);
    }

    @Test
    @DisplayName("SR-21 a drug id is 1 .. 64 of a-z, 0-9, '-' and starts with a letter or digit")
    void drugIds()
    {
        final List<ProtocolId> onc = List.of(ProtocolId.ONCOLOGY);
        assertEquals("a".repeat(64), drug("a".repeat(64), onc, 1.0, 2.0, "s").id());
        assertEquals("5-fu", drug("5-fu", onc, 1.0, 2.0, "s").id());
        for (final String bad : new String[] {null, "", "a".repeat(65), "-a", "A", "a b", "a_b"})
        {
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                () -> drug(bad, onc, 1.0, 2.0, "s"));
            assertEquals("drugs.drug", ex.field());
            assertEquals("drugs.drug = \"" + bad + "\" is not a valid drug id: allowed 1 .. 64 of a-z, 0-9, '-'",
                ex.getMessage());
        }
    }

    @Test
    @DisplayName("SR-21 a drug needs a protocol and a non-blank source; its maximum dose is at least its minimum, inclusive")
    void drugRows()
    {
        final List<ProtocolId> onc = List.of(ProtocolId.ONCOLOGY);
        final InvalidConfigurationException empty = assertThrows(InvalidConfigurationException.class,
            () -> drug("x", List.of(), 1.0, 2.0, "s"));
        assertEquals("drugs.x.protocols", empty.field());
        assertEquals("drugs.x.protocols is empty: name at least one", empty.getMessage());
        final InvalidConfigurationException blank = assertThrows(InvalidConfigurationException.class,
            () -> drug("x", onc, 1.0, 2.0, " "));
        assertEquals("drugs.x.source", blank.field());
        assertEquals("drugs.x.source is blank: every drug row names its source", blank.getMessage());
        assertEquals("drugs.x.source", assertThrows(InvalidConfigurationException.class,
            () -> drug("x", onc, 1.0, 2.0, null)).field());
        assertEquals(2.0, drug("x", onc, 2.0, 2.0, "s").maxDoseMaMin());
        assertEquals("drugs.x.maxDoseMaMin = 1.5 is out of range: allowed 2.0 .. 3000.0 mA·min (minDoseMaMin and " +
            "controller bound)", assertThrows(InvalidConfigurationException.class,
            () -> drug("x", onc, 2.0, 1.5, "s")).getMessage());
        assertEquals(Polarity.NORMAL, drug("x", onc, 1.0, 2.0, "s").polarity(), "cationic: from the anode");
    }

    @Test
    @DisplayName("SR-21 the generic drug protocols need a drug, the dexamethasone protocol allows one, the tap-water protocols none")
    void protocolDrugRules()
    {
        assertTrue(ProtocolId.ONCOLOGY.drugRequired());
        assertTrue(ProtocolId.SPORTS_INJURY.drugRequired());
        assertFalse(ProtocolId.SPORTS_INJURY_DEXAMETHASONE.drugRequired());
        assertFalse(ProtocolId.HYPERHIDROSIS_HANDS_FEET.drugRequired());
        assertTrue(ProtocolId.SPORTS_INJURY_DEXAMETHASONE.drugAllowed());
        assertTrue(ProtocolId.ONCOLOGY.drugAllowed());
        assertTrue(ProtocolId.SPORTS_INJURY.drugAllowed());
        assertFalse(ProtocolId.HYPERHIDROSIS_HANDS_FEET.drugAllowed());
        assertFalse(ProtocolId.HYPERHIDROSIS_AXILLAE.drugAllowed());
        for (final ProtocolId id : ProtocolId.values())
        {
            assertEquals(id, ProtocolId.fromCliName(id.cliName()));
        }
        final InvalidConfigurationException unknown = assertThrows(InvalidConfigurationException.class,
            () -> ProtocolId.fromCliName("acne"));
        assertEquals("protocol", unknown.field());
        assertEquals("protocol \"acne\" is unknown: allowed [hyperhidrosis-hands, hyperhidrosis-axillae, " +
            "sports-injury-dexamethasone, oncology, sports-injury]", unknown.getMessage());
    }
}
