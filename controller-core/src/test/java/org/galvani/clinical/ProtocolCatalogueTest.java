package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.galvani.authority.AuthorisationResult;
import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The protocol catalogue: built-in defaults of docs/prescriptions.md (Protocols), tightened by the maker, never loosened.
 */
class ProtocolCatalogueTest
{
    private final DeviceLimits device = DeviceLimits.defaults();
    private final ProtocolCatalogue builtIn = ProtocolCatalogue.builtIn();

    @Test
    @DisplayName("five protocols with their CLI names and the defaults of docs/prescriptions.md")
    void builtIns()
    {
        assertEquals(5, builtIn.all().size());
        for (final ProtocolId id : ProtocolId.values())
        {
            assertEquals(id, ProtocolId.fromCliName(id.cliName()));
        }
        assertEquals(ProtocolId.HYPERHIDROSIS_HANDS_FEET, ProtocolId.fromCliName("hyperhidrosis-hands"));
        final Protocol dex = builtIn.get(ProtocolId.SPORTS_INJURY_DEXAMETHASONE);
        assertEquals(4.0, dex.maxCurrentMa());
        assertEquals(40.0, dex.defaultDoseMaMin());
        assertEquals(80.0, dex.maxDoseMaMin());
        assertEquals(Polarity.REVERSED, dex.fixedPolarity());
        assertTrue(builtIn.get(ProtocolId.ONCOLOGY).authorisationMandatory());
        assertFalse(builtIn.get(ProtocolId.ONCOLOGY).titrationAllowed());
        assertTrue(builtIn.get(ProtocolId.HYPERHIDROSIS_AXILLAE).pulsedAdvised());
        assertTrue(builtIn.get(ProtocolId.HYPERHIDROSIS_HANDS_FEET).reversalAllowed());
        assertEquals("protocol", assertThrows(InvalidConfigurationException.class,
            () -> ProtocolId.fromCliName("hyperhidrosis")).field());
    }

    @Test
    @DisplayName("a maker's protocol file tightens: a lower cap is enforced on prescriptions")
    void tightenFromFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("protocols.json");
        Files.writeString(file, "{\"protocols\": [{\"protocol\": \"hyperhidrosis-hands\", \"maxCurrentMa\": 15.0," +
            " \"maxDurationMin\": 30.0, \"reversalAllowed\": false}]}", StandardCharsets.UTF_8);
        final ProtocolCatalogue tightened = builtIn.tighten(file, device);
        final Protocol hands = tightened.get(ProtocolId.HYPERHIDROSIS_HANDS_FEET);
        assertEquals(15.0, hands.maxCurrentMa());
        assertEquals(15.0, hands.defaultCurrentMa());
        assertFalse(hands.reversalAllowed());
        final PrescriptionValidator v = new PrescriptionValidator(device, tightened);
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> v.validate(Rx.hands().build(), AuthorisationResult.verified("demo-clinician")));
        assertEquals("prescription.capCurrentMa = 18.0 is out of range: allowed 0.1 .. 15.0 mA " +
            "(protocol hyperhidrosis-hands maxCurrentMa)", ex.getMessage());
    }

    @ParameterizedTest(name = "loosening {0} is refused")
    @CsvSource(delimiter = '|', value = {
        "hyperhidrosis-hands         | maxCurrentMa           | 31.0  | device limit maxPrescribableCurrentMa",
        "sports-injury-dexamethasone | maxCurrentMa           | 5.0   | built-in protocol",
        "sports-injury-dexamethasone | maxDoseMaMin           | 100.0 | built-in protocol",
        "hyperhidrosis-hands         | minDurationMin         | 5.0   | built-in protocol",
        "hyperhidrosis-hands         | maxDurationMin         | 90.0  | built-in protocol",
        "hyperhidrosis-axillae       | rampRateMaPerS         | 0.5   | built-in protocol",
        "hyperhidrosis-hands         | minCurrentMa           | 0.01  | built-in protocol",
        "oncology                    | authorisationMandatory | false | built-in protocol",
        "oncology                    | titrationAllowed       | true  | built-in protocol",
        "sports-injury-dexamethasone | reversalAllowed        | true  | built-in protocol",
        "sports-injury-dexamethasone | pulsedAllowed          | true  | built-in protocol",
        "sports-injury-dexamethasone | densityClampAllowed    | true  | built-in protocol",
        "hyperhidrosis-hands         | maxDoseMaMin           | 10.0  | doseAllowed = false",
        "hyperhidrosis-hands         | maxCurrentMa           | NaN   | ''"})
    void looseningRefused(final String protocol, final String field, final String value, final String limit)
    {
        final String json = "{\"protocols\": [{\"protocol\": \"" + protocol + "\", \"" + field + "\": " + value + "}]}";
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> builtIn.tighten(readFile(json), device));
        assertTrue(ex.field().endsWith(field), ex.field() + ": " + ex.getMessage());
        assertTrue(ex.getMessage().contains(limit), ex.getMessage());
    }

    @Test
    @DisplayName("a duplicate protocol entry, an unknown field and an unknown protocol are refused")
    void malformed()
    {
        assertThrows(InvalidConfigurationException.class, () -> builtIn.tighten(readFile(
            "{\"protocols\": [{\"protocol\": \"oncology\"}, {\"protocol\": \"oncology\"}]}"), device));
        assertThrows(InvalidConfigurationException.class, () -> builtIn.tighten(readFile(
            "{\"protocols\": [{\"protocol\": \"oncology\", \"maxCurrent\": 3}]}"), device));
        assertThrows(InvalidConfigurationException.class, () -> builtIn.tighten(readFile(
            "{\"protocols\": [{\"protocol\": \"acne\"}]}"), device));
        assertEquals(builtIn.all(), builtIn.tighten(new ProtocolTightening.File(List.of()), device).all());
    }

    private static ProtocolTightening.File readFile(final String json)
    {
        return org.galvani.config.StrictJson.bind(Checks.tree(json.getBytes(StandardCharsets.UTF_8), "protocols"),
            ProtocolTightening.File.class, "protocols");
    }
}
