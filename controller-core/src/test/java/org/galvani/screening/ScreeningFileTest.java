package org.galvani.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.galvani.authority.TestKeys;
import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScreeningFileTest
{
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    Path dir;

    private static InvalidConfigurationException rejects(final String json)
    {
        return assertThrows(InvalidConfigurationException.class, () -> Screening.parse(json));
    }

    @Test
    @DisplayName("SR-1 docs/examples/screening-clear.json is armable")
    void exampleClear()
    {
        final Screening screening = Screening.load(EXAMPLES.resolve("screening-clear.json"));
        assertEquals(Set.of(), screening.conditions());
        assertTrue(ScreeningFixtures.evaluate(screening).armable());
    }

    @Test
    @DisplayName("SR-1 docs/examples/screening-pacemaker.json is blocked by rule SR-1.R1")
    void examplePacemaker()
    {
        final ScreeningResult result = ScreeningFixtures.evaluate(
            Screening.load(EXAMPLES.resolve("screening-pacemaker.json")));
        assertFalse(result.armable());
        assertTrue(result.summary().contains("IMPLANTED_ELECTRONIC_DEVICE [IED] by rule SR-1.R1 (ABSOLUTE_BLOCK)"),
            result.summary());
    }

    @Test
    @DisplayName("SR-1 SR-16 a screening file with a signed override and an acknowledgement is armable")
    void signedFile() throws IOException
    {
        final ClinicianOverride override = ScreeningFixtures.valid(Placement.FEET, Condition.EPILEPSY);
        final Path file = dir.resolve("screening.json");
        Files.writeString(file, "{\"patientId\": \"P-0042\", \"placement\": \"FEET\", " +
            "\"conditions\": [\"EPILEPSY\", \"CUTS_OR_SCRATCHES\"], \"acknowledged\": [\"CUTS_OR_SCRATCHES\"], " +
            "\"overrides\": [{\"condition\": \"EPILEPSY\", \"clinicianId\": \"" + override.clinicianId() + "\", " +
            "\"prescriptionId\": \"" + override.prescriptionId() + "\", \"expiresAt\": \"" + override.expiresAt() +
            "\", \"reason\": \"" + override.reason() + "\", \"signature\": \"" + override.signature() + "\"}]}");
        final Screening screening = Screening.load(file);
        assertEquals(List.of(override), screening.overrides());
        final ScreeningResult result = ScreeningEvaluator.evaluate(screening, InterlockPolicy.defaults(),
            TestKeys.authoriser(), ScreeningFixtures.SESSION);
        assertTrue(result.armable(), result.summary());
    }

    @Test
    @DisplayName("SR-1 acknowledged and overrides may be omitted, conditions may not")
    void optionalFields()
    {
        assertTrue(Screening.parse("{\"patientId\": \"P\", \"placement\": \"FEET\", \"conditions\": []}")
            .overrides().isEmpty());
        final InvalidConfigurationException ex = rejects("{\"patientId\": \"P\", \"placement\": \"FEET\"}");
        assertEquals("conditions", ex.field());
        assertTrue(ex.getMessage().contains("[] when none is present"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-1 hostile screening files are rejected naming the field")
    void hostile()
    {
        final String head = "{\"patientId\": \"P\", \"placement\": \"FEET\", ";
        final String override = "{\"condition\": \"EPILEPSY\", \"clinicianId\": \"dr-ada\", \"reason\": \"r\", " +
            "\"prescriptionId\": \"RX-1\", \"expiresAt\": \"2026-12-06T17:00:00Z\", \"signature\": \"AAAA\"}";
        assertEquals("weight", rejects(head + "\"conditions\": [], \"weight\": 70}").field());
        assertEquals("conditions[0]", rejects(head + "\"conditions\": [\"MIGRAINE\"]}").field());
        assertEquals("conditions[0]", rejects(head + "\"conditions\": [3]}").field());
        assertEquals("conditions[0]", rejects(head + "\"conditions\": [null]}").field());
        assertEquals("conditions[1]", rejects(head + "\"conditions\": [\"EPILEPSY\", \"EPILEPSY\"]}").field());
        assertEquals("conditions", rejects(head + "\"conditions\": \"EPILEPSY\"}").field());
        assertEquals("conditions", rejects(head + "\"conditions\": [\"PLACEMENT_ACROSS_CHEST_OR_HEAD\"]}").field());
        assertEquals("placement",
            rejects("{\"patientId\": \"P\", \"placement\": \"NOSE\", \"conditions\": []}").field());
        assertEquals("placement", rejects("{\"patientId\": \"P\", \"conditions\": []}").field());
        assertEquals("patientId", rejects("{\"patientId\": 42, \"placement\": \"FEET\", \"conditions\": []}").field());
        assertEquals("patientId", rejects("{\"placement\": \"FEET\", \"conditions\": []}").field());
        assertEquals("acknowledged", rejects(head + "\"conditions\": [], \"acknowledged\": [\"EPILEPSY\"]}").field());
        assertEquals("acknowledged[0]", rejects(head + "\"conditions\": [], \"acknowledged\": [\"X\"]}").field());
        assertEquals("overrides[0].condition", rejects(head + "\"conditions\": [], \"overrides\": [" + override + "]}")
            .field());
        final String withEpilepsy = head + "\"conditions\": [\"EPILEPSY\"], \"overrides\": [";
        assertEquals("overrides[0].reason", rejects(withEpilepsy + override.replace("\"r\"", "\"  \"") + "]}").field());
        assertEquals("overrides[0].reason", rejects(withEpilepsy + override.replace("\"r\"", "true") + "]}").field());
        assertEquals("overrides[0].signature", rejects(withEpilepsy + override.replace("\"AAAA\"", "\"\"") + "]}")
            .field());
        assertEquals("overrides[0].signature", rejects(withEpilepsy + override.replace(", \"signature\": \"AAAA\"", "")
            + "]}").field());
        assertEquals("overrides[0].clinicianId", rejects(withEpilepsy + override.replace("dr-ada", "dr ada") + "]}")
            .field());
        assertEquals("overrides[0].expires", rejects(withEpilepsy + override.replace("}", ", \"expires\": 1}") + "]}")
            .field());
        assertEquals("overrides[0]", rejects(withEpilepsy + "null]}").field());
        assertEquals("overrides[1].condition", rejects(withEpilepsy + override + ", " + override + "]}").field());
        rejects(head + "\"conditions\": [\"EPILEPSY\"");
        rejects(head);
        rejects("");
        rejects("null");
        rejects("[]");
        rejects(head + "\"conditions\": []} {}");
        rejects(head + "\"conditions\": [], \"conditions\": [\"EPILEPSY\"]}");
    }
}
