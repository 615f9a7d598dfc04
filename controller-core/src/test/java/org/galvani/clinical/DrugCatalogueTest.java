package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.galvani.authority.AuthorisationResult;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.config.StrictJson;
import org.galvani.session.SessionPlan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * SR-21 (issue 11, item 3): the drug catalogue. Before, cisplatin, 5-fluorouracil, imatinib and siRNA appeared
 * nowhere in code, one generic oncology protocol accepted either polarity, a {@code drug} field was rejected as
 * unknown and the clinicOnly and pulsedAdvised flags were read by nothing.
 */
class DrugCatalogueTest
{
    private static final AuthorisationResult SIGNED = AuthorisationResult.verified("demo-clinician");
    private static final DeviceLimits CLINIC = DeviceLimits.defaults();
    private static final DeviceLimits HOME = new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0,
        200, 1000.0, 50.0, 50_000.0, 300.0, null, true);
    private final PrescriptionValidator validator = new PrescriptionValidator(CLINIC, ProtocolCatalogue.builtIn());

    private static Rx oncology(final String drug, final Consumer<Rx> change)
    {
        final Rx rx = Rx.oncology();
        rx.drug = drug;
        rx.drugCharge = null;
        rx.targetCurrentMa = 1.0;
        rx.doseMaMin = 20.0;
        change.accept(rx);
        return rx;
    }

    private SessionPlan plan(final Rx rx)
    {
        return validator.validate(rx.build(), SIGNED);
    }

    private InvalidConfigurationException refused(final PrescriptionValidator v, final Rx rx, final String field,
        final String text)
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> v.validate(rx.build(), SIGNED));
        assertEquals(field, ex.field(), ex.getMessage());
        assertTrue(ex.getMessage().contains(text), ex.getMessage());
        return ex;
    }

    @Test
    @DisplayName("SR-21 the built-in catalogue has the sports and anti-cancer drugs, each with a source")
    void builtIns()
    {
        final List<String> ids = DrugCatalogue.builtIn().all().stream().map(Drug::id).toList();
        assertEquals(List.of("dexamethasone", "lidocaine", "acetic-acid", "cisplatin", "5-fluorouracil", "imatinib",
            "sirna"), ids);
        for (final Drug drug : DrugCatalogue.builtIn().all())
        {
            assertFalse(drug.source().isBlank(), drug.id());
            assertTrue(drug.maxDensityMaPerCm2() <= CLINIC.maxCurrentDensityMaPerCm2(), drug.id());
        }
    }

    @Test
    @DisplayName("SR-21 the polarity is derived from the drug's charge and enforced: cisplatin and imatinib from the anode, 5-FU and siRNA from the cathode")
    void polarityFromCharge()
    {
        assertFalse(plan(oncology("cisplatin", rx -> { })).startReversed());
        assertFalse(plan(oncology("imatinib", rx -> { })).startReversed());
        assertTrue(plan(oncology("5-fluorouracil", rx -> { })).startReversed());
        assertTrue(plan(oncology("sirna", rx -> { })).startReversed());
        refused(validator, oncology("cisplatin", rx -> rx.polarity = Polarity.REVERSED), "prescription.polarity",
            "allowed only NORMAL (SR-21 drug cisplatin is CATIONIC");
        refused(validator, oncology("5-fluorouracil", rx -> rx.drugCharge = DrugCharge.CATIONIC),
            "prescription.drugCharge", "5-fluorouracil is ANIONIC");
        // the defect: one generic oncology protocol accepted either polarity without a drug
        refused(validator, oncology(null, rx -> rx.polarity = Polarity.REVERSED), "prescription.drug",
            "protocol oncology needs a drug");
        final Rx lidocaine = Rx.dexamethasone();
        lidocaine.protocol = ProtocolId.SPORTS_INJURY;
        lidocaine.drug = "lidocaine";
        lidocaine.drugCharge = null;
        lidocaine.doseMaMin = 20.0;
        assertFalse(plan(lidocaine).startReversed(), "lidocaine is cationic: anode");
        lidocaine.drug = "acetic-acid";
        assertTrue(plan(lidocaine).startReversed(), "acetate is anionic: cathode");
    }

    @Test
    @DisplayName("SR-21 a drug's current, density and dose range are enforced, naming the drug")
    void boundsEnforced()
    {
        refused(validator, oncology("imatinib", rx -> rx.targetCurrentMa = 1.5), "prescription.targetCurrentMa",
            "SR-21 drug imatinib maxCurrentMa");
        refused(validator, oncology("cisplatin", rx ->
        {
            rx.targetCurrentMa = 1.5;
            rx.electrodeAreaCm2 = 4.0;
        }), "prescription.targetCurrentMa", "SR-21 drug cisplatin maxDensityMaPerCm2 0.25");
        refused(validator, oncology("sirna", rx -> rx.doseMaMin = 31.0), "prescription.doseMaMin",
            "SR-21 drug sirna maxDoseMaMin");
        final Rx dex = Rx.dexamethasone();
        dex.doseMaMin = 5.0;
        refused(validator, dex, "prescription.doseMaMin", "SR-21 drug dexamethasone minDoseMaMin");
        refused(validator, oncology("lidocaine", rx -> { }), "prescription.drug", "not allowed under protocol oncology");
        refused(validator, oncology("aspirin", rx -> { }), "prescription.drug", "is unknown: allowed [dexamethasone");
        final Rx hands = Rx.hands();
        hands.drug = "lidocaine";
        refused(validator, hands, "prescription.drug", "tap water, no drug");
    }

    @Test
    @DisplayName("SR-21 clinicOnly is enforced on a home-use device (protocols and drugs); pulsed only where the drug allows; pulsedAdvised makes the default pulsed")
    void flagsEnforced()
    {
        final PrescriptionValidator home = new PrescriptionValidator(HOME, ProtocolCatalogue.builtIn());
        refused(home, oncology("cisplatin", rx -> { }), "prescription.drug", "clinic-only");
        final Rx lidocaine = Rx.dexamethasone();
        lidocaine.protocol = ProtocolId.SPORTS_INJURY;
        lidocaine.drug = "lidocaine";
        lidocaine.drugCharge = null;
        lidocaine.doseMaMin = 20.0;
        assertFalse(home.validate(lidocaine.build(), SIGNED).startReversed(), "lidocaine is not clinic-only");
        refused(home, Rx.dexamethasone(), "prescription.protocol", "clinic-only");

        refused(validator, oncology("cisplatin", rx -> rx.dutyPermille = 500), "prescription.dutyPermille",
            "SR-21 drug cisplatin has pulsedAllowed = false");
        assertEquals(500, plan(oncology("sirna", rx -> rx.dutyPermille = 500)).dutyPermille());

        final Rx axillae = Rx.axillae();
        axillae.dutyPermille = null;
        axillae.pulseFrequencyHz = null;
        assertEquals(500, plan(axillae).dutyPermille(), "axillae: pulsed mode advised, so pulsed by default");
        axillae.dutyPermille = 1000;
        assertEquals(1000, plan(axillae).dutyPermille(), "continuous only when the prescription says so");
    }

    private static DrugTightening.File file(final String json)
    {
        return StrictJson.bind(StrictJson.tree(json.getBytes(StandardCharsets.UTF_8), "drugs"),
            DrugTightening.File.class, "drugs");
    }

    @Test
    @DisplayName("SR-21 a maker may add a drug (with its source) and tighten one, never loosen nor change a charge")
    void makerExtendsAndTightens()
    {
        final DrugCatalogue tightened = DrugCatalogue.builtIn().apply(file("{\"drugs\": [" +
            "{\"drug\": \"lidocaine\", \"maxCurrentMa\": 3.0, \"clinicOnly\": true}," +
            "{\"drug\": \"ketoprofen\", \"name\": \"ketoprofen 2.5 %\", \"charge\": \"ANIONIC\", " +
            "\"protocols\": [\"sports-injury\"], \"maxCurrentMa\": 3.0, \"maxDensityMaPerCm2\": 0.3, " +
            "\"minDoseMaMin\": 10.0, \"maxDoseMaMin\": 40.0, \"clinicOnly\": false, \"pulsedAllowed\": false, " +
            "\"source\": \"maker's clinical evaluation KX-12\"}]}"), CLINIC);
        assertEquals(3.0, tightened.get("lidocaine").maxCurrentMa());
        assertTrue(tightened.get("lidocaine").clinicOnly());
        assertEquals(Polarity.REVERSED, tightened.get("ketoprofen").polarity());

        final String[][] loosenings = {
            {"{\"drug\": \"lidocaine\", \"maxCurrentMa\": 5.0}", "drugs.lidocaine.maxCurrentMa"},
            {"{\"drug\": \"cisplatin\", \"clinicOnly\": false}", "drugs.cisplatin.clinicOnly"},
            {"{\"drug\": \"cisplatin\", \"charge\": \"ANIONIC\"}", "drugs.cisplatin.charge"},
            {"{\"drug\": \"sirna\", \"maxDoseMaMin\": 90.0}", "drugs.sirna.maxDoseMaMin"},
            {"{\"drug\": \"lidocaine\", \"protocols\": [\"oncology\"]}", "drugs.lidocaine.protocols"},
            {"{\"drug\": \"ketoprofen\", \"charge\": \"ANIONIC\"}", "drugs.ketoprofen.name"},
        };
        for (final String[] loosening : loosenings)
        {
            final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                () -> DrugCatalogue.builtIn().apply(file("{\"drugs\": [" + loosening[0] + "]}"), CLINIC), loosening[0]);
            assertEquals(loosening[1], ex.field(), ex.getMessage());
        }
    }
}
