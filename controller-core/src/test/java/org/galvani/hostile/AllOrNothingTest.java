package org.galvani.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.galvani.clinical.DeviceLimits;
import org.galvani.clinical.Protocol;
import org.galvani.clinical.ProtocolCatalogue;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.screening.Condition;
import org.galvani.screening.InterlockAction;
import org.galvani.screening.InterlockPolicy;
import org.galvani.screening.InterlockRule;
import org.galvani.setup.TreatmentFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Nothing half-applied": one bad file, or one bad entry after good ones, rejects the whole step and leaves
 * what existed unchanged — {@link TreatmentFiles#load} returns nothing, an interlock policy tightening is
 * applied entirely or not at all, and so is a protocol tightening.
 */
class AllOrNothingTest
{
    private static final Path EXAMPLES = HostileConfigCorpusTest.EXAMPLES;
    private static final java.time.Instant START = java.time.Instant.parse("2026-12-06T09:00:00Z");

    @TempDir
    Path tmp;

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static Path corpus(final String dir, final String name)
    {
        return HostileConfigCorpusTest.corpus(dir).resolve(name);
    }

    @TestFactory
    @DisplayName("TreatmentFiles.load with any one bad file throws and returns nothing; with all good files it loads")
    Stream<DynamicTest> treatmentFilesWithOneBadFile() throws IOException
    {
        final Path limits = EXAMPLES.resolve("device-limits.json");
        final Path protocols = write("protocols.json", HostileConfigCorpusTest.VALID_PROTOCOLS);
        final Path policy = write("policy.json", HostileConfigCorpusTest.VALID_POLICY);
        final Path keys = EXAMPLES.resolve("trusted-clinicians.json");
        final Path screening = EXAMPLES.resolve("screening-dexamethasone.json");
        final Path rx = EXAMPLES.resolve("prescription-dexamethasone.json");
        final TreatmentFiles good = TreatmentFiles.load(limits, protocols, policy, keys, screening, rx, START);
        assertNotNull(good.plan());
        assertTrue(good.plan().authorised());
        final List<DynamicTest> tests = new ArrayList<>();
        final Path[] files = {limits, protocols, policy, keys, screening, rx};
        final String[][] bad = {
            {"device-limits", "nan.json"}, {"protocols", "good-then-bad.json"}, {"policy", "loosening.json"},
            {"trusted-keys", "key-x25519.json"}, {"screening", "duplicate-condition.json"}, {"prescription", "huge-target.json"}};
        for (int i = 0; i < files.length; i++)
        {
            final int which = i;
            tests.add(DynamicTest.dynamicTest(bad[i][0] + "/" + bad[i][1], () ->
            {
                final Path[] set = files.clone();
                set[which] = corpus(bad[which][0], bad[which][1]);
                final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
                    () -> TreatmentFiles.load(set[0], set[1], set[2], set[3], set[4], set[5], START));
                assertNotNull(ex.getMessage());
            }));
        }
        tests.add(DynamicTest.dynamicTest("a screening of another patient", () ->
            assertThrows(InvalidConfigurationException.class, () -> TreatmentFiles.load(limits, protocols, policy, keys,
                EXAMPLES.resolve("screening-clear.json"), rx, START))));
        return tests.stream();
    }

    @Test
    @DisplayName("SR-1 a policy file with a good rule then a loosening one is rejected whole: the policy is unchanged")
    void policyTighteningIsAllOrNothing() throws IOException
    {
        final InterlockPolicy before = InterlockPolicy.defaults();
        final String table = before.toMarkdown();
        final List<InterlockRule> rules = List.of(
            new InterlockRule("ACME-1", Condition.EPILEPSY, null, InterlockAction.ABSOLUTE_BLOCK, "maker policy"),
            new InterlockRule("ACME-2", Condition.IMPLANTED_ELECTRONIC_DEVICE, null, InterlockAction.ALLOW, "loosen"));
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> before.tighten(rules));
        assertEquals("rules[1].action", ex.field());
        assertEquals(table, before.toMarkdown());
        assertEquals(InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            before.ruleFor(Condition.EPILEPSY, org.galvani.screening.Placement.HANDS).action());
        assertThrows(InvalidConfigurationException.class,
            () -> InterlockPolicy.loadTightened(corpus("policy", "loosening.json")));
        assertEquals(table, InterlockPolicy.defaults().toMarkdown());
        final InterlockPolicy tightened = before.tighten(rules.subList(0, 1));
        assertEquals(InterlockAction.ABSOLUTE_BLOCK,
            tightened.ruleFor(Condition.EPILEPSY, org.galvani.screening.Placement.HANDS).action());
        assertEquals(table, before.toMarkdown());
    }

    @Test
    @DisplayName("a protocol file with a good tightening then a bad one is rejected whole: the catalogue is unchanged")
    void protocolTighteningIsAllOrNothing()
    {
        final ProtocolCatalogue catalogue = ProtocolCatalogue.builtIn();
        final List<Protocol> before = catalogue.all();
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> catalogue.tighten(corpus("protocols", "good-then-bad.json"), DeviceLimits.defaults()));
        assertEquals("protocols.oncology.maxDoseMaMin", ex.field());
        assertEquals(before, catalogue.all());
        assertEquals(before, ProtocolCatalogue.builtIn().all());
    }
}
