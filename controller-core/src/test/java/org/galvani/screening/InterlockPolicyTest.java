package org.galvani.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterlockPolicyTest
{
    private static final InterlockPolicy DEFAULTS = InterlockPolicy.defaults();

    @TempDir
    Path dir;

    private static InterlockRule rule(final String id, final Condition condition, final Placement placement,
        final InterlockAction action)
    {
        return new InterlockRule(id, condition, placement, action, "maker's choice");
    }

    private static InvalidConfigurationException rejects(final String json)
    {
        return assertThrows(InvalidConfigurationException.class, () -> InterlockPolicy.parseRules(json));
    }

    @Test
    @DisplayName("SR-1 the default policy: device absolute, heart across chest/head absolute, others overridable, " +
        "cuts advisory")
    void defaults()
    {
        for (final Placement placement : Placement.values())
        {
            assertEquals("SR-1.R1", DEFAULTS.ruleFor(Condition.IMPLANTED_ELECTRONIC_DEVICE, placement).id());
            assertEquals(InterlockAction.ABSOLUTE_BLOCK,
                DEFAULTS.ruleFor(Condition.IMPLANTED_ELECTRONIC_DEVICE, placement).action());
            final InterlockRule heart = DEFAULTS.ruleFor(Condition.HEART_CONDITION, placement);
            assertEquals(placement.pathCrossesChestOrHead() ? "SR-1.R2" : "SR-1.R3", heart.id());
            assertEquals(placement.pathCrossesChestOrHead() ? InterlockAction.ABSOLUTE_BLOCK :
                InterlockAction.BLOCK_UNLESS_OVERRIDDEN, heart.action());
            assertEquals(InterlockAction.ADVISORY_ACKNOWLEDGE,
                DEFAULTS.ruleFor(Condition.CUTS_OR_SCRATCHES, placement).action());
            for (final Condition condition : List.of(Condition.METAL_IMPLANT_IN_PATH, Condition.EPILEPSY,
                Condition.PREGNANCY, Condition.IMPAIRED_SENSATION, Condition.THROMBOSIS, Condition.YOUNG_CHILD,
                Condition.DRUG_ALLERGY, Condition.PLACEMENT_ACROSS_CHEST_OR_HEAD))
            {
                assertEquals(InterlockAction.BLOCK_UNLESS_OVERRIDDEN, DEFAULTS.ruleFor(condition, placement).action());
            }
        }
        assertEquals(12, DEFAULTS.rules().size());
        for (final InterlockRule rule : DEFAULTS.rules())
        {
            assertTrue(rule.id().matches("SR-1\\.R\\d+"), rule.id());
            assertTrue(rule.action() != InterlockAction.ALLOW, rule.id());
        }
    }

    @Test
    @DisplayName("SR-1 a maker can tighten a rule, for all placements or for one")
    void tighten()
    {
        final InterlockPolicy tightened = DEFAULTS.tighten(List.of(
            rule("ACME-1", Condition.EPILEPSY, null, InterlockAction.ABSOLUTE_BLOCK),
            rule("ACME-2", Condition.PREGNANCY, Placement.TRUNK_LOCAL, InterlockAction.ABSOLUTE_BLOCK),
            rule("ACME-3", Condition.CUTS_OR_SCRATCHES, null, InterlockAction.BLOCK_UNLESS_OVERRIDDEN),
            rule("ACME-4", Condition.IMPLANTED_ELECTRONIC_DEVICE, null, InterlockAction.ABSOLUTE_BLOCK)));
        assertEquals("ACME-1", tightened.ruleFor(Condition.EPILEPSY, Placement.FEET).id());
        assertEquals("ACME-2", tightened.ruleFor(Condition.PREGNANCY, Placement.TRUNK_LOCAL).id());
        assertEquals("SR-1.R6", tightened.ruleFor(Condition.PREGNANCY, Placement.FEET).id());
        assertEquals(InterlockAction.BLOCK_UNLESS_OVERRIDDEN,
            tightened.ruleFor(Condition.CUTS_OR_SCRATCHES, Placement.HANDS).action());
        assertEquals("SR-1.R5", DEFAULTS.ruleFor(Condition.EPILEPSY, Placement.FEET).id(), "defaults unchanged");
    }

    @Test
    @DisplayName("SR-1 loosening a rule is rejected naming the condition, the placement and both rules")
    void looseningRejected()
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> DEFAULTS.tighten(rule("ACME-9", Condition.IMPLANTED_ELECTRONIC_DEVICE, Placement.FEET,
                InterlockAction.BLOCK_UNLESS_OVERRIDDEN)));
        assertEquals("rules[0].action", ex.field());
        assertEquals("rules[0]: rule ACME-9 would loosen IMPLANTED_ELECTRONIC_DEVICE at placement FEET from " +
            "ABSOLUTE_BLOCK (rule SR-1.R1) to BLOCK_UNLESS_OVERRIDDEN (rule ACME-9): a maker may tighten the " +
            "interlock policy, never loosen it", ex.getMessage());

        for (final InterlockAction looser : List.of(InterlockAction.ALLOW, InterlockAction.ADVISORY_ACKNOWLEDGE))
        {
            final InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> DEFAULTS.tighten(rule("ACME-9", Condition.EPILEPSY, null, looser)));
            assertTrue(e.getMessage().contains("EPILEPSY") && e.getMessage().contains("SR-1.R5"), e.getMessage());
        }
        assertThrows(InvalidConfigurationException.class, () -> DEFAULTS.tighten(
            rule("ACME-9", Condition.CUTS_OR_SCRATCHES, Placement.HANDS, InterlockAction.ALLOW)));
    }

    @Test
    @DisplayName("SR-1 a placement-wide rule that would loosen any one placement is rejected (heart across chest)")
    void wideRuleLooseningOneCell()
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> DEFAULTS.tighten(rule("ACME-5", Condition.HEART_CONDITION, null,
                InterlockAction.BLOCK_UNLESS_OVERRIDDEN)));
        assertTrue(ex.getMessage().contains("HEART_CONDITION at placement HANDS") &&
            ex.getMessage().contains("SR-1.R2"), ex.getMessage());
    }

    @Test
    @DisplayName("SR-1 tightening is all or nothing; a later loosening rejects the whole file")
    void allOrNothing()
    {
        final InterlockPolicy tightened = DEFAULTS.tighten(
            rule("ACME-1", Condition.EPILEPSY, null, InterlockAction.ABSOLUTE_BLOCK));
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> tightened.tighten(List.of(
                rule("ACME-2", Condition.PREGNANCY, null, InterlockAction.ABSOLUTE_BLOCK),
                rule("ACME-3", Condition.EPILEPSY, Placement.FEET, InterlockAction.BLOCK_UNLESS_OVERRIDDEN))));
        assertEquals("rules[1].action", ex.field());
        assertTrue(ex.getMessage().contains("ACME-1") && ex.getMessage().contains("ACME-3"), ex.getMessage());
        assertEquals("SR-1.R6", tightened.ruleFor(Condition.PREGNANCY, Placement.FEET).id());
    }

    @Test
    @DisplayName("SR-1 reserved and duplicate rule ids are rejected")
    void ids()
    {
        assertEquals("rules[0].id", assertThrows(InvalidConfigurationException.class, () -> DEFAULTS.tighten(
            rule("SR-1.R5", Condition.EPILEPSY, null, InterlockAction.ABSOLUTE_BLOCK))).field());
        assertEquals("rules[1].id", assertThrows(InvalidConfigurationException.class, () -> DEFAULTS.tighten(List.of(
            rule("ACME-1", Condition.EPILEPSY, null, InterlockAction.ABSOLUTE_BLOCK),
            rule("ACME-1", Condition.PREGNANCY, null, InterlockAction.ABSOLUTE_BLOCK)))).field());
    }

    @Test
    @DisplayName("SR-1 a policy-tightening file loads onto the defaults")
    void file() throws IOException
    {
        final Path file = dir.resolve("policy.json");
        Files.writeString(file, "{\"rules\": [{\"id\": \"ACME-1\", \"condition\": \"EPILEPSY\", " +
            "\"action\": \"ABSOLUTE_BLOCK\", \"rationale\": \"not tested\"}, {\"id\": \"ACME-2\", " +
            "\"condition\": \"PREGNANCY\", \"placement\": \"TRUNK_LOCAL\", \"action\": \"ABSOLUTE_BLOCK\", " +
            "\"rationale\": \"abdomen\"}]}");
        final InterlockPolicy policy = InterlockPolicy.loadTightened(file);
        assertEquals("ACME-1", policy.ruleFor(Condition.EPILEPSY, Placement.HANDS).id());
        assertEquals("ACME-2", policy.ruleFor(Condition.PREGNANCY, Placement.TRUNK_LOCAL).id());
        Files.writeString(file, "{\"rules\": [{\"id\": \"ACME-1\", \"condition\": \"EPILEPSY\", " +
            "\"action\": \"ALLOW\", \"rationale\": \"we do not care\"}]}");
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> InterlockPolicy.loadTightened(file));
        assertTrue(ex.getMessage().contains("would loosen EPILEPSY"), ex.getMessage());
        assertSame(InterlockPolicy.defaults(), InterlockPolicy.defaults());
    }

    @Test
    @DisplayName("SR-1 hostile policy files are rejected naming the field")
    void hostile()
    {
        final String good = "\"id\": \"A\", \"condition\": \"EPILEPSY\", \"action\": \"ABSOLUTE_BLOCK\", " +
            "\"rationale\": \"r\"";
        assertEquals("rules[0].severity", rejects("{\"rules\": [{" + good + ", \"severity\": 1}]}").field());
        assertEquals("rules[0].condition",
            rejects("{\"rules\": [{" + good.replace("EPILEPSY", "MIGRAINE") + "}]}").field());
        assertEquals("rules[0].action", rejects("{\"rules\": [{" + good.replace("ABSOLUTE_BLOCK", "BLOCK")
            + "}]}").field());
        assertEquals("rules[0].action", rejects("{\"rules\": [{" + good.replace("\"ABSOLUTE_BLOCK\"", "3")
            + "}]}").field());
        assertEquals("rules[0].placement", rejects("{\"rules\": [{" + good + ", \"placement\": \"NOSE\"}]}").field());
        assertEquals("rules[0].id", rejects("{\"rules\": [{" + good.replace("\"A\"", "42") + "}]}").field());
        assertEquals("rules[0].id", rejects("{\"rules\": [{" + good.replace("\"A\"", "\"has space\"") + "}]}").field());
        assertEquals("rules[0].rationale", rejects("{\"rules\": [{" + good.replace("\"r\"", "\" \"") + "}]}").field());
        assertEquals("rules[0].condition", rejects("{\"rules\": [{" + good.replace("\"condition\": \"EPILEPSY\", ",
            "") + "}]}").field());
        assertEquals("rules", rejects("{}").field());
        assertEquals("rules", rejects("{\"rules\": {}}").field());
        assertEquals("rules[0]", rejects("{\"rules\": [null]}").field());
        rejects("{\"rules\": [{" + good);
        rejects("");
        rejects("{\"rules\": []} trailing");
    }
}
