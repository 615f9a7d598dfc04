package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A {@link Protocol}'s cross-field rules at their edges (PIT survivors of {@code Protocol}, docs/qa-campaign.md
 * "PIT"): a default of 0 means "none" and is never range-checked, a non-zero default lies within its protocol's
 * bounds (both ends inclusive); a dose is bounded 0.1 .. 3000 mA·min when allowed and must be 0 when not; a required
 * dose must be allowed; a fixed polarity must be the default one.
 */
class ProtocolEdgeTest
{
    /** The hands protocol's values, changed field by field. */
    private static final class P
    {
        ProtocolId id = ProtocolId.HYPERHIDROSIS_HANDS_FEET;
        double minCurrentMa = 0.1;
        double maxCurrentMa = 30.0;
        double defaultCurrentMa = 15.0;
        double minDurationMin = 20.0;
        double maxDurationMin = 40.0;
        double defaultDurationMin = 20.0;
        boolean doseRequired;
        boolean doseAllowed;
        double defaultDoseMaMin;
        double maxDoseMaMin;
        Polarity defaultPolarity = Polarity.NORMAL;
        Polarity fixedPolarity;

        Protocol build()
        {
            return new Protocol(id, true, minCurrentMa, maxCurrentMa, defaultCurrentMa, 2.0, 1.0, 0.5, minDurationMin,
                maxDurationMin, defaultDurationMin, doseRequired, doseAllowed, defaultDoseMaMin, maxDoseMaMin, true,
                true, false, defaultPolarity, fixedPolarity, true, false, false);
        }
    }

    private static Protocol protocol(final Consumer<P> change)
    {
        final P p = new P();
        change.accept(p);
        return p.build();
    }

    private static InvalidConfigurationException refused(final Consumer<P> change)
    {
        return assertThrows(InvalidConfigurationException.class, () -> protocol(change));
    }

    @Test
    @DisplayName("a default current or duration of 0 is 'none' and accepted; a non-zero one lies within min .. max, both ends inclusive")
    void defaultsWithinBounds()
    {
        assertEquals(0.0, protocol(p -> p.defaultCurrentMa = 0.0).defaultCurrentMa());
        assertEquals(0.1, protocol(p -> p.defaultCurrentMa = 0.1).defaultCurrentMa());
        assertEquals(30.0, protocol(p -> p.defaultCurrentMa = 30.0).defaultCurrentMa());
        final InvalidConfigurationException current = refused(p -> p.defaultCurrentMa = 30.5);
        assertEquals("protocols.hyperhidrosis-hands.defaultCurrentMa", current.field());
        assertEquals("protocols.hyperhidrosis-hands.defaultCurrentMa = 30.5 is out of range: allowed 0.1 .. 30.0 mA " +
            "(protocol minCurrentMa .. maxCurrentMa; 0 = none)", current.getMessage());
        assertEquals("protocols.hyperhidrosis-hands.defaultCurrentMa", refused(p -> p.defaultCurrentMa = 0.05).field());

        assertEquals(0.0, protocol(p -> p.defaultDurationMin = 0.0).defaultDurationMin());
        assertEquals(20.0, protocol(p -> p.defaultDurationMin = 20.0).defaultDurationMin());
        assertEquals(40.0, protocol(p -> p.defaultDurationMin = 40.0).defaultDurationMin());
        final InvalidConfigurationException duration = refused(p -> p.defaultDurationMin = 19.5);
        assertEquals("protocols.hyperhidrosis-hands.defaultDurationMin = 19.5 is out of range: allowed 20.0 .. 40.0 " +
            "min (protocol minDurationMin .. maxDurationMin; 0 = none)", duration.getMessage());
    }

    @Test
    @DisplayName("SR-11 a dose: 0.1 .. 3000 mA·min when allowed, exactly 0 when not; a required dose must be allowed; its default within 0.1 .. maxDoseMaMin")
    void doseRules()
    {
        assertEquals(0.0, protocol(p -> { }).maxDoseMaMin(), "no dose allowed: maximum 0");
        final InvalidConfigurationException notAllowed = refused(p -> p.maxDoseMaMin = 0.1);
        assertEquals("protocols.hyperhidrosis-hands.maxDoseMaMin = 0.1 is out of range: allowed 0.0 .. 0.0 mA·min (0 " +
            "when doseAllowed = false)", notAllowed.getMessage());
        assertEquals(0.1, protocol(p ->
        {
            p.doseAllowed = true;
            p.maxDoseMaMin = 0.1;
        }).maxDoseMaMin());
        assertEquals(3000.0, protocol(p ->
        {
            p.doseAllowed = true;
            p.maxDoseMaMin = 3000.0;
        }).maxDoseMaMin());
        assertEquals("protocols.hyperhidrosis-hands.maxDoseMaMin = 0.0 is out of range: allowed 0.1 .. 3000.0 mA·min " +
            "(controller bound)", refused(p -> p.doseAllowed = true).getMessage());
        assertEquals("protocols.hyperhidrosis-hands.maxDoseMaMin = 3000.5 is out of range: allowed 0.1 .. 3000.0 " +
            "mA·min (controller bound)", refused(p ->
            {
                p.doseAllowed = true;
                p.maxDoseMaMin = 3000.5;
            }).getMessage());

        final InvalidConfigurationException required = refused(p -> p.doseRequired = true);
        assertEquals("protocols.hyperhidrosis-hands.doseAllowed", required.field());
        assertEquals("protocols.hyperhidrosis-hands.doseAllowed = false contradicts doseRequired = true",
            required.getMessage());
        assertEquals(true, protocol(p ->
        {
            p.doseRequired = true;
            p.doseAllowed = true;
            p.maxDoseMaMin = 80.0;
        }).doseRequired());

        assertEquals(80.0, protocol(p ->
        {
            p.doseAllowed = true;
            p.maxDoseMaMin = 80.0;
            p.defaultDoseMaMin = 80.0;
        }).defaultDoseMaMin());
        assertEquals(0.1, protocol(p ->
        {
            p.doseAllowed = true;
            p.maxDoseMaMin = 80.0;
            p.defaultDoseMaMin = 0.1;
        }).defaultDoseMaMin());
        assertEquals("protocols.hyperhidrosis-hands.defaultDoseMaMin = 80.5 is out of range: allowed 0.1 .. 80.0 " +
            "mA·min (protocol maxDoseMaMin; 0 = none)", refused(p ->
            {
                p.doseAllowed = true;
                p.maxDoseMaMin = 80.0;
                p.defaultDoseMaMin = 80.5;
            }).getMessage());
    }

    @Test
    @DisplayName("a fixed polarity must be the default polarity; without one any default (or none) is accepted")
    void fixedPolarity()
    {
        assertEquals(Polarity.REVERSED, protocol(p -> p.defaultPolarity = Polarity.REVERSED).defaultPolarity());
        assertEquals(null, protocol(p -> p.defaultPolarity = null).defaultPolarity());
        assertEquals(Polarity.REVERSED, protocol(p ->
        {
            p.defaultPolarity = Polarity.REVERSED;
            p.fixedPolarity = Polarity.REVERSED;
        }).fixedPolarity());
        final InvalidConfigurationException contradicts = refused(p -> p.fixedPolarity = Polarity.REVERSED);
        assertEquals("protocols.hyperhidrosis-hands.defaultPolarity", contradicts.field());
        assertEquals("protocols.hyperhidrosis-hands.defaultPolarity = NORMAL contradicts fixedPolarity = REVERSED",
            contradicts.getMessage());
        assertEquals("protocols.hyperhidrosis-hands.defaultPolarity = null contradicts fixedPolarity = NORMAL",
            refused(p ->
            {
                p.defaultPolarity = null;
                p.fixedPolarity = Polarity.NORMAL;
            }).getMessage());
    }

    @Test
    @DisplayName("a protocol without an id is refused; its name is its id's command-line name")
    void idAndName()
    {
        final InvalidConfigurationException missing = refused(p -> p.id = null);
        assertEquals("protocols.protocol", missing.field());
        assertEquals("protocols.protocol is missing", missing.getMessage());
        for (final ProtocolId id : ProtocolId.values())
        {
            assertEquals(id.cliName(), ProtocolCatalogue.builtIn().get(id).cliName());
        }
        assertEquals("protocols.hyperhidrosis-hands.maxCurrentMa = 0.05 is out of range: allowed 0.1 .. 50.0 mA " +
            "(minCurrentMa and controller bound)", refused(p -> p.maxCurrentMa = 0.05).getMessage());
        assertEquals("protocols.hyperhidrosis-hands.maxDurationMin = 19.0 is out of range: allowed 20.0 .. 120.0 min " +
            "(minDurationMin and controller bound)", refused(p ->
            {
                p.maxDurationMin = 19.0;
                p.defaultDurationMin = 0.0;
            }).getMessage());
    }
}
