package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The maker's protocol file at its edges (PIT survivors of {@link ProtocolCatalogue#tighten}, docs/qa-campaign.md
 * "PIT"): a built-in default follows the tightened bounds into range but "no default" (0) stays 0; the start and step
 * never exceed the tightened maximum current; a flag restated keeps its value, tightened takes the safe one, loosened
 * is refused naming the only allowed value; an entry without a protocol or a protocol named twice is refused with its
 * index.
 */
class ProtocolTighteningEdgeTest
{
    private static final DeviceLimits DEVICE = DeviceLimits.defaults();

    private static Protocol tightened(final String protocol, final String fields)
    {
        final ProtocolId id = ProtocolId.fromCliName(protocol);
        return ProtocolCatalogue.builtIn().tighten(file("{\"protocol\": \"" + protocol + "\", " + fields + "}"), DEVICE)
            .get(id);
    }

    private static ProtocolTightening.File file(final String... entries)
    {
        return StrictJson.bind(Checks.tree(("{\"protocols\": [" + String.join(",", entries) + "]}")
            .getBytes(StandardCharsets.UTF_8), "protocols"), ProtocolTightening.File.class, "protocols");
    }

    private static InvalidConfigurationException refused(final String... entries)
    {
        return assertThrows(InvalidConfigurationException.class,
            () -> ProtocolCatalogue.builtIn().tighten(file(entries), DEVICE));
    }

    @Test
    @DisplayName("a built-in default moves inside the tightened bounds; a default of 0 (none) stays 0")
    void defaultsFollowTheBounds()
    {
        // hands: current 0.1 .. 30 (default 15), duration 20 .. 40 (default 20)
        assertEquals(10.0, tightened("hyperhidrosis-hands", "\"maxCurrentMa\": 10.0").defaultCurrentMa());
        assertEquals(20.0, tightened("hyperhidrosis-hands", "\"minCurrentMa\": 20.0").defaultCurrentMa());
        assertEquals(15.0, tightened("hyperhidrosis-hands", "\"maxCurrentMa\": 20.0").defaultCurrentMa());
        assertEquals(25.0, tightened("hyperhidrosis-hands", "\"minDurationMin\": 25.0").defaultDurationMin());
        assertEquals(20.0, tightened("hyperhidrosis-hands", "\"maxDurationMin\": 30.0").defaultDurationMin());
        // dexamethasone: dose up to 80 (default 40)
        assertEquals(30.0, tightened("sports-injury-dexamethasone", "\"maxDoseMaMin\": 30.0").defaultDoseMaMin());
        assertEquals(40.0, tightened("sports-injury-dexamethasone", "\"maxDoseMaMin\": 60.0").defaultDoseMaMin());
        // oncology: no default current, duration or dose
        final Protocol oncology = tightened("oncology", "\"minCurrentMa\": 1.0, \"minDurationMin\": 5.0, " +
            "\"maxDoseMaMin\": 100.0");
        assertEquals(0.0, oncology.defaultCurrentMa());
        assertEquals(0.0, oncology.defaultDurationMin());
        assertEquals(0.0, oncology.defaultDoseMaMin());
        assertEquals(1.0, oncology.minCurrentMa());
        // an explicit default is taken as given (and checked by Protocol)
        assertEquals(12.0, tightened("hyperhidrosis-hands", "\"defaultCurrentMa\": 12.0").defaultCurrentMa());
        assertEquals(30.0, tightened("hyperhidrosis-hands", "\"defaultDurationMin\": 30.0").defaultDurationMin());
        assertEquals(50.0, tightened("sports-injury-dexamethasone", "\"defaultDoseMaMin\": 50.0").defaultDoseMaMin());
    }

    @Test
    @DisplayName("the start and step never exceed the tightened maximum current; an explicit start or step is kept")
    void startAndStep()
    {
        // hands: start 2.0, step 1.0
        final Protocol low = tightened("hyperhidrosis-hands", "\"maxCurrentMa\": 0.5");
        assertEquals(0.5, low.defaultStartMa());
        assertEquals(0.5, low.defaultStepMa());
        final Protocol mid = tightened("hyperhidrosis-hands", "\"maxCurrentMa\": 1.5");
        assertEquals(1.5, mid.defaultStartMa());
        assertEquals(1.0, mid.defaultStepMa());
        assertEquals(2.0, tightened("hyperhidrosis-hands", "\"maxCurrentMa\": 2.0").defaultStartMa());
        assertEquals(0.5, tightened("hyperhidrosis-hands", "\"defaultStartMa\": 0.5").defaultStartMa());
        assertEquals(0.2, tightened("hyperhidrosis-hands", "\"defaultStepMa\": 0.2").defaultStepMa());
        assertEquals(1.0, tightened("hyperhidrosis-hands", "\"defaultStepMa\": 1.0").defaultStepMa());
        assertEquals("protocols.hyperhidrosis-hands.defaultStepMa = 1.5 is out of range: allowed 0.01 .. 1.0 mA " +
            "(built-in protocol hyperhidrosis-hands defaultStepMa)",
            refused("{\"protocol\": \"hyperhidrosis-hands\", \"defaultStepMa\": 1.5}").getMessage());
        assertEquals(15.0, tightened("hyperhidrosis-hands", "\"minCurrentMa\": 15.0, \"maxCurrentMa\": 15.0")
            .minCurrentMa(), "minimum up to the tightened maximum, inclusive");
        assertEquals(30.0, tightened("hyperhidrosis-hands", "\"maxCurrentMa\": 30.0").maxCurrentMa());
    }

    @Test
    @DisplayName("a flag restated keeps its value, tightened takes the safe value, loosened is refused naming the only allowed value")
    void flags()
    {
        final Protocol restated = tightened("hyperhidrosis-hands", "\"titrationAllowed\": true, \"reversalAllowed\": " +
            "true, \"pulsedAllowed\": true, \"densityClampAllowed\": true, \"authorisationMandatory\": false");
        assertTrue(restated.titrationAllowed());
        assertTrue(restated.reversalAllowed());
        assertTrue(restated.pulsedAllowed());
        assertTrue(restated.densityClampAllowed());
        assertFalse(restated.authorisationMandatory());
        final Protocol strict = tightened("hyperhidrosis-hands", "\"titrationAllowed\": false, \"reversalAllowed\": " +
            "false, \"pulsedAllowed\": false, \"densityClampAllowed\": false, \"authorisationMandatory\": true");
        assertFalse(strict.titrationAllowed());
        assertFalse(strict.reversalAllowed());
        assertFalse(strict.pulsedAllowed());
        assertFalse(strict.densityClampAllowed());
        assertTrue(strict.authorisationMandatory());
        final Protocol untouched = tightened("hyperhidrosis-axillae", "\"maxCurrentMa\": 4.0");
        assertTrue(untouched.pulsedAdvised(), "not a tightenable field: the built-in value");
        assertTrue(untouched.pulsedAllowed());

        final InvalidConfigurationException mandatory = refused("{\"protocol\": \"oncology\", " +
            "\"authorisationMandatory\": false}");
        assertEquals("protocols.oncology.authorisationMandatory", mandatory.field());
        assertEquals("protocols.oncology.authorisationMandatory = false would loosen the protocol: allowed only true " +
            "(built-in protocol; a maker may tighten a protocol, never loosen it)", mandatory.getMessage());
        assertEquals("protocols.oncology.titrationAllowed = true would loosen the protocol: allowed only false " +
            "(built-in protocol; a maker may tighten a protocol, never loosen it)",
            refused("{\"protocol\": \"oncology\", \"titrationAllowed\": true}").getMessage());
    }

    @Test
    @DisplayName("a protocol without a dose keeps a maximum dose of exactly 0; an entry without a protocol or named twice is refused with its index")
    void entries()
    {
        assertEquals(0.0, tightened("hyperhidrosis-hands", "\"maxDoseMaMin\": 0.0").maxDoseMaMin());
        assertEquals("protocols.hyperhidrosis-hands.maxDoseMaMin = 0.1 is out of range: allowed 0.0 .. 0.0 mA·min " +
            "(built-in protocol hyperhidrosis-hands doseAllowed = false)",
            refused("{\"protocol\": \"hyperhidrosis-hands\", \"maxDoseMaMin\": 0.1}").getMessage());
        final InvalidConfigurationException missing = refused("{\"maxCurrentMa\": 3.0}");
        assertEquals("protocols[0].protocol", missing.field());
        assertEquals("protocols[0].protocol is missing: name the protocol to tighten", missing.getMessage());
        // a JSON null entry is named by its index too (before: binding failed on a NullPointerException)
        final InvalidConfigurationException nullEntry = refused("{\"protocol\": \"oncology\"}", "null");
        assertEquals("protocols[1].protocol", nullEntry.field());
        assertEquals("protocols[1].protocol is missing: name the protocol to tighten", nullEntry.getMessage());
        final InvalidConfigurationException twice = refused("{\"protocol\": \"oncology\"}",
            "{\"protocol\": \"hyperhidrosis-hands\"}", "{\"protocol\": \"oncology\"}");
        assertEquals("protocols[2].protocol", twice.field());
        assertEquals("protocols[2].protocol = oncology appears twice: one entry per protocol", twice.getMessage());
        assertEquals(ProtocolCatalogue.builtIn().all(), ProtocolCatalogue.builtIn().tighten(StrictJson.bind(
            Checks.tree("{}".getBytes(StandardCharsets.UTF_8), "protocols"), ProtocolTightening.File.class, "protocols"),
            DEVICE).all(), "a file without a protocol list changes nothing");
        final ProtocolCatalogue two = ProtocolCatalogue.builtIn().tighten(file(
            "{\"protocol\": \"oncology\", \"maxCurrentMa\": 5.0}",
            "{\"protocol\": \"hyperhidrosis-hands\", \"maxCurrentMa\": 20.0}"), DEVICE);
        assertEquals(5.0, two.get(ProtocolId.ONCOLOGY).maxCurrentMa());
        assertEquals(20.0, two.get(ProtocolId.HYPERHIDROSIS_HANDS_FEET).maxCurrentMa());
        assertEquals(4.0, two.get(ProtocolId.SPORTS_INJURY).maxCurrentMa(), "not named: built in");
    }
}
