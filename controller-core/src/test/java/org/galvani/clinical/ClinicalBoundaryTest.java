package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.galvani.clinical.Checks.Bound;
import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The clinical range checks at their edges (PIT survivors in clinical, docs/qa-campaign.md "PIT"): every bound is
 * inclusive — a value exactly at a limit is accepted, the next one out is refused with the field, the value, the
 * range and the limit named; the tighter of two bounds wins and a tie names both; identifiers are 1 .. 128 printable
 * ASCII characters; a syntax error inside a document names the field it was found in.
 */
class ClinicalBoundaryTest
{
    private static InvalidConfigurationException refused(final org.junit.jupiter.api.function.Executable executable)
    {
        return assertThrows(InvalidConfigurationException.class, executable);
    }

    @Test
    @DisplayName("SR-3 SR-4 SR-6 device limits: every field exactly at its lower or upper bound is accepted")
    void deviceLimitsAtTheirBounds()
    {
        final DeviceLimits lowest = new DeviceLimits(1.0, 0.05, 5.0, 0.01, 0.01, 1.0, 1.0, 1.0, 0.05, 0.1, 1, 1.0, 5.0,
            1_000.0, 1.0, 1.0, false);
        assertEquals(1.0, lowest.densityTripMarginPercent());
        // the open-contact bound is complianceVoltageV / contactTestCurrentUa: 100 V / 500 µA = 200 kΩ exactly
        final DeviceLimits highest = new DeviceLimits(50.0, 50.0, 100.0, 2.0, 5.0, 3000.0, 120.0, 3.0, 5.0, 10.0, 1000,
            20_000.0, 500.0, 200_000.0, 10_000.0, 20.0, true);
        assertEquals(20.0, highest.densityTripMarginPercent());
        assertTrue(highest.homeUse());
        final InvalidConfigurationException open = refused(() -> new DeviceLimits(50.0, 50.0, 100.0, 2.0, 5.0, 3000.0,
            120.0, 3.0, 5.0, 10.0, 1000, 20_000.0, 500.0, 200_000.5, 10_000.0, 20.0, true));
        assertEquals("deviceLimits.contactOpenOhm", open.field());
        assertEquals("deviceLimits.contactOpenOhm = 200000.5 is out of range: allowed 1000.0 .. 200000.0 Ω (controller " +
            "bound and complianceVoltageV / contactTestCurrentUa)", open.getMessage());
        final InvalidConfigurationException shortAboveOpen = refused(() -> new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0,
            1200.0, 60.0, 1.5, 1.0, 2.0, 200, 1000.0, 50.0, 2_000.0, 2_000.5));
        assertEquals("deviceLimits.contactShortOhm = 2000.5 is out of range: allowed 1.0 .. 2000.0 Ω (controller bound " +
            "and device limit contactOpenOhm)", shortAboveOpen.getMessage());
        final InvalidConfigurationException prescribable = refused(() -> new DeviceLimits(35.0, 35.5, 60.0, 0.5, 1.0,
            1200.0, 60.0, 1.5, 1.0, 2.0, 200, 1000.0, 50.0, 50_000.0, 300.0));
        assertEquals("deviceLimits.maxPrescribableCurrentMa = 35.5 is out of range: allowed 0.05 .. 35.0 mA (device " +
            "limit absoluteCurrentMa)", prescribable.getMessage());
        assertEquals("deviceLimits.minDutyPermille = 0 is out of range: allowed 1 .. 1000 ‰ (controller bound)",
            refused(() -> new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 0, 1000.0, 50.0,
                50_000.0, 300.0)).getMessage());
        assertEquals("deviceLimits.densityTripMarginPercent = 20.5 is out of range: allowed 1.0 .. 20.0 % (controller " +
            "bound)", refused(() -> new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 200,
                1000.0, 50.0, 50_000.0, 300.0, 20.5, null)).getMessage());
    }

    @Test
    @DisplayName("SR-4 the prescribable density is the trip density less the margin; the default margin is 5 %")
    void prescribableDensity()
    {
        final DeviceLimits defaults = DeviceLimits.defaults();
        assertEquals(DeviceLimits.DEFAULT_DENSITY_TRIP_MARGIN_PERCENT, defaults.densityTripMarginPercent());
        assertFalse(defaults.homeUse());
        assertEquals(0.475, defaults.prescribableDensityMaPerCm2(), 1e-12);
        final DeviceLimits twenty = new DeviceLimits(35.0, 30.0, 60.0, 0.5, 1.0, 1200.0, 60.0, 1.5, 1.0, 2.0, 200,
            1000.0, 50.0, 50_000.0, 300.0, 20.0, false);
        assertEquals(0.4, twenty.prescribableDensityMaPerCm2(), 1e-12);
    }

    @Test
    @DisplayName("range: both ends inclusive, the next value out and every non-finite value refused with field, value, range and limit")
    void rangeEnds()
    {
        assertEquals(1.0, Checks.range("f", 1.0, 1.0, 2.0, "mA", "lim"));
        assertEquals(2.0, Checks.range("f", 2.0, 1.0, 2.0, "mA", "lim"));
        assertEquals("f = 0.99 is out of range: allowed 1.0 .. 2.0 mA (lim)",
            refused(() -> Checks.range("f", 0.99, 1.0, 2.0, "mA", "lim")).getMessage());
        assertEquals("f = 2.01 is out of range: allowed 1.0 .. 2.0 mA (lim)",
            refused(() -> Checks.range("f", 2.01, 1.0, 2.0, "mA", "lim")).getMessage());
        for (final double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
        {
            assertEquals("f", refused(() -> Checks.range("f", bad, -Double.MAX_VALUE, Double.MAX_VALUE, "mA", "lim"))
                .field());
            assertEquals("f", refused(() -> Checks.range("f", bad, new Bound(-Double.MAX_VALUE, "low"),
                new Bound(Double.MAX_VALUE, "high"), "mA")).field());
        }
        assertEquals(3L, Checks.range("n", 3L, 3L, 5L, "‰", "lim"));
        assertEquals(5L, Checks.range("n", 5L, 3L, 5L, "‰", "lim"));
        assertEquals("n = 2 is out of range: allowed 3 .. 5 ‰ (lim)",
            refused(() -> Checks.range("n", 2L, 3L, 5L, "‰", "lim")).getMessage());
        assertEquals("n = 6 is out of range: allowed 3 .. 5 ‰ (lim)",
            refused(() -> Checks.range("n", 6L, 3L, 5L, "‰", "lim")).getMessage());
        final Bound low = new Bound(1.0, "protocol minCurrentMa");
        final Bound high = new Bound(2.0, "device limit maxPrescribableCurrentMa");
        assertEquals(1.0, Checks.range("g", 1.0, low, high, "mA"));
        assertEquals(2.0, Checks.range("g", 2.0, low, high, "mA"));
        assertEquals("g = 0.5 is out of range: allowed 1.0 .. 2.0 mA (lower bound: protocol minCurrentMa)",
            refused(() -> Checks.range("g", 0.5, low, high, "mA")).getMessage());
        assertEquals("g = 2.5 is out of range: allowed 1.0 .. 2.0 mA (device limit maxPrescribableCurrentMa)",
            refused(() -> Checks.range("g", 2.5, low, high, "mA")).getMessage());
    }

    @Test
    @DisplayName("the tighter of two bounds wins; on a tie the message names both sources")
    void tighterBounds()
    {
        final Bound a = new Bound(2.0, "a");
        final Bound lower = new Bound(1.0, "b");
        final Bound higher = new Bound(3.0, "c");
        assertSame(lower, a.tighterUpper(lower));
        assertSame(a, a.tighterUpper(higher));
        assertEquals(new Bound(2.0, "a and d"), a.tighterUpper(new Bound(2.0, "d")));
        assertSame(higher, a.tighterLower(higher));
        assertSame(a, a.tighterLower(lower));
        assertEquals(new Bound(2.0, "a and d"), a.tighterLower(new Bound(2.0, "d")));
    }

    @Test
    @DisplayName("identifiers: 1 .. 128 printable ASCII characters (space to tilde), not blank; a missing one is named")
    void identifiers()
    {
        assertEquals("x".repeat(128), Checks.id("p.id", "x".repeat(128)));
        assertEquals(" a~", Checks.id("p.id", " a~"));
        for (final String bad : new String[] {"x".repeat(129), "  ", "", "a\u001fb", "a\u007fb", "é"})
        {
            final InvalidConfigurationException ex = refused(() -> Checks.id("p.id", bad));
            assertEquals("p.id", ex.field());
            assertEquals("p.id = \"" + bad + "\" is not a valid identifier: allowed 1 .. 128 printable ASCII " +
                "characters, not blank", ex.getMessage());
        }
        assertEquals("p.id is missing: an identifier of 1 .. 128 printable characters is required",
            refused(() -> Checks.id("p.id", null)).getMessage());
    }

    @Test
    @DisplayName("a NaN or a malformed value inside a document names the dotted path of the field it is in")
    void syntaxErrorsNameTheField()
    {
        assertEquals("prescription.targetCurrentMa", refused(() -> Checks.tree(
            "{\"prescription\": {\"targetCurrentMa\": NaN}}".getBytes(StandardCharsets.UTF_8), "doc")).field());
        assertEquals("protocols[0].maxCurrentMa", refused(() -> Checks.tree(
            "{\"protocols\": [{\"maxCurrentMa\": NaN}]}".getBytes(StandardCharsets.UTF_8), "doc")).field());
        final InvalidConfigurationException top = refused(() -> Checks.tree(
            "{\"absoluteCurrentMa\": Infinity}".getBytes(StandardCharsets.UTF_8), "doc"));
        assertEquals("absoluteCurrentMa", top.field());
        assertTrue(top.getMessage().startsWith("absoluteCurrentMa: "), top.getMessage());
    }

    @Test
    @DisplayName("a document that is not an object, or lacks a required field, is refused naming it")
    void requiredFields()
    {
        final InvalidConfigurationException array = refused(() -> DeviceLimits.read(
            "[]".getBytes(StandardCharsets.UTF_8), "deviceLimits"));
        assertEquals("deviceLimits", array.field());
        assertEquals("deviceLimits must be a JSON object, got ARRAY", array.getMessage());
        final InvalidConfigurationException missing = refused(() -> Checks.requireAllFields(
            Checks.tree("{\"value\": 1.0}".getBytes(StandardCharsets.UTF_8), "doc"), Bound.class, "bound", Set.of()));
        assertEquals("bound.source", missing.field());
        assertEquals("bound.source is missing: every field of bound is required", missing.getMessage());
        Checks.requireAllFields(Checks.tree("{\"value\": 1.0}".getBytes(StandardCharsets.UTF_8), "doc"), Bound.class,
            "bound", Set.of("source"));
    }
}
