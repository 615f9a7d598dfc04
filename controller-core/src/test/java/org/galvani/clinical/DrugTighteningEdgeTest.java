package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-21, the maker's drug file at its edges (PIT survivors of {@link DrugCatalogue}, docs/qa-campaign.md "PIT"):
 * each identity field of a built-in drug refused alone when it changes and accepted when restated; the protocol
 * subset kept, not the built-in list; every numeric tightening bounded by the built-in value and the device limit,
 * both ends inclusive; each flag tightened, restated or refused when it would loosen; a new drug's protocols only
 * the drug protocols.
 */
class DrugTighteningEdgeTest
{
    private static final DeviceLimits CLINIC = DeviceLimits.defaults();
    private static final String KETOPROFEN = "{\"drug\": \"ketoprofen\", \"name\": \"ketoprofen 2.5 %%\", " +
        "\"charge\": \"ANIONIC\", \"protocols\": [%s], \"maxCurrentMa\": %s, \"maxDensityMaPerCm2\": %s, " +
        "\"minDoseMaMin\": 10.0, \"maxDoseMaMin\": %s, \"clinicOnly\": false, \"pulsedAllowed\": false, " +
        "\"source\": \"maker's clinical evaluation KX-12\"}";

    private static DrugTightening.File file(final String... entries)
    {
        return StrictJson.bind(StrictJson.tree(("{\"drugs\": [" + String.join(",", entries) + "]}")
            .getBytes(StandardCharsets.UTF_8), "drugs"), DrugTightening.File.class, "drugs");
    }

    private static Drug apply(final String entry)
    {
        return apply(entry, CLINIC);
    }

    private static Drug apply(final String entry, final DeviceLimits device)
    {
        final DrugTightening.File file = file(entry);
        return DrugCatalogue.builtIn().apply(file, device).get(file.drugs().get(0).drug());
    }

    private static InvalidConfigurationException refused(final String entry)
    {
        return refused(entry, CLINIC);
    }

    private static InvalidConfigurationException refused(final String entry, final DeviceLimits device)
    {
        return assertThrows(InvalidConfigurationException.class,
            () -> DrugCatalogue.builtIn().apply(file(entry), device), entry);
    }

    private static String ketoprofen(final String protocols, final double maxCurrentMa, final double maxDensity,
        final double maxDose)
    {
        return String.format(java.util.Locale.ROOT, KETOPROFEN, protocols, maxCurrentMa, maxDensity, maxDose);
    }

    @Test
    @DisplayName("SR-21 a built-in drug's name, charge or source is refused alone when changed, naming that field; restated unchanged it is accepted")
    void identityFieldsOneByOne()
    {
        final Drug lidocaine = DrugCatalogue.builtIn().get("lidocaine");
        final String restated = "{\"drug\": \"lidocaine\", \"name\": \"" + lidocaine.name() + "\", \"charge\": \"" +
            lidocaine.charge() + "\", \"source\": \"" + lidocaine.source() + "\", \"maxCurrentMa\": 3.0}";
        final Drug same = apply(restated);
        assertEquals(lidocaine.name(), same.name());
        assertEquals(lidocaine.source(), same.source());
        assertEquals(3.0, same.maxCurrentMa());

        final String tail = " of a built-in drug cannot change (its charge sets the polarity; add a drug under a new " +
            "id instead)";
        final InvalidConfigurationException name = refused("{\"drug\": \"lidocaine\", \"name\": \"lidocaine 5 %\"}");
        assertEquals("drugs.lidocaine.name", name.field());
        assertEquals("drugs.lidocaine.name" + tail, name.getMessage());
        final InvalidConfigurationException charge = refused("{\"drug\": \"lidocaine\", \"charge\": \"ANIONIC\"}");
        assertEquals("drugs.lidocaine.charge", charge.field());
        assertEquals("drugs.lidocaine.charge" + tail, charge.getMessage());
        final InvalidConfigurationException source = refused("{\"drug\": \"lidocaine\", \"source\": \"a blog\"}");
        assertEquals("drugs.lidocaine.source", refused("{\"drug\": \"lidocaine\", \"name\": \"" + lidocaine.name() +
            "\", \"charge\": \"CATIONIC\", \"source\": \"a blog\"}").field(), "name and charge restated: the source");
        assertEquals("drugs.lidocaine.source", source.field());
        assertEquals("drugs.lidocaine.source" + tail, source.getMessage());
        // all three changed: the charge (the polarity) is what the message names first
        assertEquals("drugs.lidocaine.charge", refused("{\"drug\": \"lidocaine\", \"name\": \"x\", \"charge\": " +
            "\"ANIONIC\", \"source\": \"y\"}").field());
        assertEquals("drugs.lidocaine.name", refused("{\"drug\": \"lidocaine\", \"name\": \"x\", \"charge\": " +
            "\"CATIONIC\", \"source\": \"y\"}").field());
    }

    @Test
    @DisplayName("SR-21 a protocol subset is kept (the dropped protocol no longer allowed); a protocol outside the built-in list is refused")
    void protocolSubset()
    {
        final Drug dex = DrugCatalogue.builtIn().get("dexamethasone");
        assertEquals(List.of(ProtocolId.SPORTS_INJURY_DEXAMETHASONE, ProtocolId.SPORTS_INJURY), dex.protocols());
        assertEquals(List.of(ProtocolId.SPORTS_INJURY),
            apply("{\"drug\": \"dexamethasone\", \"protocols\": [\"sports-injury\"]}").protocols());
        assertEquals(dex.protocols(), apply("{\"drug\": \"dexamethasone\"}").protocols(), "no protocols: unchanged");
        final InvalidConfigurationException wider = refused("{\"drug\": \"dexamethasone\", \"protocols\": " +
            "[\"sports-injury\", \"oncology\"]}");
        assertEquals("drugs.dexamethasone.protocols", wider.field());
        assertEquals("drugs.dexamethasone.protocols contains oncology, which would loosen the drug: allowed a subset " +
            "of [SPORTS_INJURY_DEXAMETHASONE, SPORTS_INJURY]", wider.getMessage());
    }

    @Test
    @DisplayName("SR-21 a tightened current, density or dose is bounded by the built-in value and the device limit, both ends inclusive")
    void numericTighteningBounds()
    {
        // lidocaine: 4.0 mA, 0.5 mA/cm², 5.0 .. 40.0 mA·min
        assertEquals(4.0, apply("{\"drug\": \"lidocaine\", \"maxCurrentMa\": 4.0}").maxCurrentMa());
        assertEquals(0.05, apply("{\"drug\": \"lidocaine\", \"maxCurrentMa\": 0.05}").maxCurrentMa());
        assertEquals("drugs.lidocaine.maxCurrentMa = 4.01 is out of range: allowed 0.05 .. 4.0 mA (built-in drug " +
            "lidocaine maxCurrentMa)", refused("{\"drug\": \"lidocaine\", \"maxCurrentMa\": 4.01}").getMessage());
        assertEquals("drugs.lidocaine.maxCurrentMa = 0.04 is out of range: allowed 0.05 .. 4.0 mA (lower bound: " +
            "controller bound)", refused("{\"drug\": \"lidocaine\", \"maxCurrentMa\": 0.04}").getMessage());
        // a device whose prescribable current is below the drug's: the device limit bounds the tightening
        final DeviceLimits small = new DeviceLimits(35.0, 3.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 200,
            1000.0, 50.0, 50_000.0, 300.0);
        assertEquals(3.0, apply("{\"drug\": \"lidocaine\", \"maxCurrentMa\": 3.0}", small).maxCurrentMa());
        assertEquals("drugs.lidocaine.maxCurrentMa = 3.5 is out of range: allowed 0.05 .. 3.0 mA (device limit " +
            "maxPrescribableCurrentMa)", refused("{\"drug\": \"lidocaine\", \"maxCurrentMa\": 3.5}", small).getMessage());

        assertEquals(0.5, apply("{\"drug\": \"lidocaine\", \"maxDensityMaPerCm2\": 0.5}").maxDensityMaPerCm2());
        assertEquals(0.01, apply("{\"drug\": \"lidocaine\", \"maxDensityMaPerCm2\": 0.01}").maxDensityMaPerCm2());
        assertEquals("drugs.lidocaine.maxDensityMaPerCm2 = 0.51 is out of range: allowed 0.01 .. 0.5 mA/cm² (built-in " +
            "drug lidocaine maxDensityMaPerCm2)",
            refused("{\"drug\": \"lidocaine\", \"maxDensityMaPerCm2\": 0.51}").getMessage());

        final Drug narrowed = apply("{\"drug\": \"lidocaine\", \"minDoseMaMin\": 10.0, \"maxDoseMaMin\": 20.0}");
        assertEquals(10.0, narrowed.minDoseMaMin());
        assertEquals(20.0, narrowed.maxDoseMaMin());
        final Drug point = apply("{\"drug\": \"lidocaine\", \"minDoseMaMin\": 40.0, \"maxDoseMaMin\": 40.0}");
        assertEquals(40.0, point.minDoseMaMin(), "the minimum may be raised up to the (tightened) maximum");
        assertEquals(5.0, apply("{\"drug\": \"lidocaine\", \"maxDoseMaMin\": 5.0}").maxDoseMaMin());
        assertEquals("drugs.lidocaine.maxDoseMaMin = 4.9 is out of range: allowed 5.0 .. 40.0 mA·min (lower bound: " +
            "built-in drug lidocaine minDoseMaMin)",
            refused("{\"drug\": \"lidocaine\", \"maxDoseMaMin\": 4.9}").getMessage());
        assertEquals("drugs.lidocaine.minDoseMaMin = 25.0 is out of range: allowed 5.0 .. 20.0 mA·min (maxDoseMaMin)",
            refused("{\"drug\": \"lidocaine\", \"minDoseMaMin\": 25.0, \"maxDoseMaMin\": 20.0}").getMessage());
        assertEquals("drugs.lidocaine.minDoseMaMin = 4.0 is out of range: allowed 5.0 .. 40.0 mA·min (lower bound: " +
            "built-in drug lidocaine minDoseMaMin)",
            refused("{\"drug\": \"lidocaine\", \"minDoseMaMin\": 4.0}").getMessage());
    }

    @Test
    @DisplayName("SR-21 clinicOnly may only become true, pulsedAllowed only false; restating the built-in value is accepted")
    void flags()
    {
        assertTrue(apply("{\"drug\": \"lidocaine\", \"clinicOnly\": true}").clinicOnly());
        assertFalse(apply("{\"drug\": \"lidocaine\", \"clinicOnly\": false}").clinicOnly());
        assertTrue(apply("{\"drug\": \"cisplatin\", \"clinicOnly\": true}").clinicOnly());
        assertFalse(apply("{\"drug\": \"sirna\", \"pulsedAllowed\": false}").pulsedAllowed());
        assertTrue(apply("{\"drug\": \"sirna\", \"pulsedAllowed\": true}").pulsedAllowed());
        assertFalse(apply("{\"drug\": \"cisplatin\", \"pulsedAllowed\": false}").pulsedAllowed());
        assertTrue(apply("{\"drug\": \"sirna\"}").pulsedAllowed(), "not given: the built-in value");
        assertTrue(apply("{\"drug\": \"cisplatin\"}").clinicOnly(), "not given: the built-in value");

        final InvalidConfigurationException clinic = refused("{\"drug\": \"cisplatin\", \"clinicOnly\": false}");
        assertEquals("drugs.cisplatin.clinicOnly", clinic.field());
        assertEquals("drugs.cisplatin.clinicOnly = false would loosen the drug: allowed only true or true (a maker may " +
            "tighten a drug, never loosen it)", clinic.getMessage());
        final InvalidConfigurationException pulsed = refused("{\"drug\": \"lidocaine\", \"pulsedAllowed\": true}");
        assertEquals("drugs.lidocaine.pulsedAllowed", pulsed.field());
        assertEquals("drugs.lidocaine.pulsedAllowed = true would loosen the drug: allowed only false or false (a maker " +
            "may tighten a drug, never loosen it)", pulsed.getMessage());
    }

    @Test
    @DisplayName("SR-21 a new drug may name only the drug protocols, and its current, density and dose stay within the device limits, ends inclusive")
    void addedDrug()
    {
        for (final String protocol : new String[] {"sports-injury", "oncology", "sports-injury-dexamethasone"})
        {
            final Drug added = apply(ketoprofen("\"" + protocol + "\"", 3.0, 0.3, 40.0));
            assertEquals(List.of(ProtocolId.fromCliName(protocol)), added.protocols());
            assertEquals("ketoprofen 2.5 %", added.name());
            assertEquals(Polarity.REVERSED, added.polarity());
        }
        for (final ProtocolId tapWater : new ProtocolId[] {ProtocolId.HYPERHIDROSIS_HANDS_FEET,
            ProtocolId.HYPERHIDROSIS_AXILLAE})
        {
            final InvalidConfigurationException ex = refused(ketoprofen("\"oncology\", \"" + tapWater.cliName() + "\"",
                3.0, 0.3, 40.0));
            assertEquals("drugs.ketoprofen.protocols", ex.field());
            assertEquals("drugs.ketoprofen.protocols contains " + tapWater.cliName() + ": allowed only drug protocols " +
                "(sports-injury, oncology)", ex.getMessage());
        }
        final Drug highest = apply(ketoprofen("\"oncology\"", CLINIC.maxPrescribableCurrentMa(),
            CLINIC.maxCurrentDensityMaPerCm2(), CLINIC.doseCapMaMin()));
        assertEquals(30.0, highest.maxCurrentMa());
        assertEquals(0.5, highest.maxDensityMaPerCm2());
        assertEquals(1200.0, highest.maxDoseMaMin());
        assertEquals("drugs.ketoprofen.maxCurrentMa = 30.5 is out of range: allowed 0.05 .. 30.0 mA (device limit " +
            "maxPrescribableCurrentMa)", refused(ketoprofen("\"oncology\"", 30.5, 0.3, 40.0)).getMessage());
        assertEquals("drugs.ketoprofen.maxDensityMaPerCm2 = 0.51 is out of range: allowed 0.01 .. 0.5 mA/cm² (device " +
            "limit maxCurrentDensityMaPerCm2)", refused(ketoprofen("\"oncology\"", 3.0, 0.51, 40.0)).getMessage());
        assertEquals("drugs.ketoprofen.maxDoseMaMin = 1200.5 is out of range: allowed 0.1 .. 1200.0 mA·min (device " +
            "limit doseCapMaMin)", refused(ketoprofen("\"oncology\"", 3.0, 0.3, 1200.5)).getMessage());
        final InvalidConfigurationException noSource = refused("{\"drug\": \"ketoprofen\", \"name\": \"k\", " +
            "\"charge\": \"ANIONIC\", \"protocols\": [\"oncology\"], \"maxCurrentMa\": 3.0, \"maxDensityMaPerCm2\": 0.3, " +
            "\"minDoseMaMin\": 10.0, \"maxDoseMaMin\": 40.0, \"clinicOnly\": false, \"pulsedAllowed\": false}");
        assertEquals("drugs.ketoprofen.source", noSource.field());
        assertTrue(noSource.getMessage().contains("with its source"), noSource.getMessage());
    }

    @Test
    @DisplayName("SR-21 a maker's drug file is read from disk and applied; a bad one is refused naming the field")
    void fromFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("drugs.json");
        Files.writeString(file, "{\"drugs\": [{\"drug\": \"lidocaine\", \"maxCurrentMa\": 2.5}]}");
        assertEquals(2.5, DrugCatalogue.builtIn().apply(file, CLINIC).get("lidocaine").maxCurrentMa());
        Files.writeString(file, "{\"drugs\": [{\"drug\": \"lidocaine\", \"maxCurrentMa\": 5.0}]}");
        assertEquals("drugs.lidocaine.maxCurrentMa", assertThrows(InvalidConfigurationException.class,
            () -> DrugCatalogue.builtIn().apply(file, CLINIC)).field());
    }

    @Test
    @DisplayName("SR-21 a drug file entry without a drug id, or naming a drug twice, is refused with its index")
    void entries()
    {
        final InvalidConfigurationException missing = refused("{\"maxCurrentMa\": 3.0}");
        assertEquals("drugs[0].drug", missing.field());
        assertEquals("drugs[0].drug is missing: name the drug to add or tighten", missing.getMessage());
        // a JSON null entry is named by its index too (before: binding failed on a NullPointerException, field
        // "(document)")
        final InvalidConfigurationException nullEntry = assertThrows(InvalidConfigurationException.class,
            () -> DrugCatalogue.builtIn().apply(file("{\"drug\": \"lidocaine\"}", "null"), CLINIC));
        assertEquals("drugs[1].drug", nullEntry.field());
        assertEquals("drugs[1].drug is missing: name the drug to add or tighten", nullEntry.getMessage());
        final InvalidConfigurationException twice = assertThrows(InvalidConfigurationException.class,
            () -> DrugCatalogue.builtIn().apply(file("{\"drug\": \"lidocaine\", \"maxCurrentMa\": 3.0}",
                "{\"drug\": \"lidocaine\", \"maxCurrentMa\": 2.0}"), CLINIC));
        assertEquals("drugs[1].drug", twice.field());
        assertEquals("drugs[1].drug = lidocaine appears twice: one entry per drug", twice.getMessage());
        assertEquals(DrugCatalogue.builtIn().all(), DrugCatalogue.builtIn().apply(StrictJson.bind(StrictJson.tree(
            "{}".getBytes(StandardCharsets.UTF_8), "drugs"), DrugTightening.File.class, "drugs"), CLINIC).all(),
            "a file without a drug list changes nothing");
        final DrugCatalogue two = DrugCatalogue.builtIn().apply(file("{\"drug\": \"lidocaine\", \"maxCurrentMa\": 3.0}",
            "{\"drug\": \"cisplatin\", \"maxCurrentMa\": 1.5}"), CLINIC);
        assertEquals(3.0, two.get("lidocaine").maxCurrentMa());
        assertEquals(1.5, two.get("cisplatin").maxCurrentMa());
        assertEquals(DrugCatalogue.builtIn().all().size(), two.all().size());
        final InvalidConfigurationException unknown = assertThrows(InvalidConfigurationException.class,
            () -> two.get("aspirin"));
        assertEquals("prescription.drug", unknown.field());
        assertEquals("prescription.drug = \"aspirin\" is unknown: allowed [dexamethasone, lidocaine, acetic-acid, " +
            "cisplatin, 5-fluorouracil, imatinib, sirna] (drug catalogue)", unknown.getMessage());
    }
}
