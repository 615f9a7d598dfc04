package org.galvani.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;

import org.galvani.config.InvalidConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link SessionPlan.Builder}: safety values by name, every one required, the plan's range checks kept.
 */
class SessionPlanBuilderTest
{
    /** A plan with every safety value named (shared with SessionCodesTest). */
    static SessionPlan.Builder complete()
    {
        return SessionPlan.builder()
            .prescriptionId("rx-1")
            .authorised(true)
            .startUa(2_000)
            .capUa(5_000)
            .stepUa(500)
            .rampRateUaPerS(1_000)
            .durationNs(600_000_000_000L)
            .maxSessionNs(600_000_000_000L)
            .tripLevelUa(8_000)
            .densityLimitUa(6_000)
            .doseTripUc(1e12)
            .peakLimitUa(8_000)
            .contactTestUa(50)
            .contactMaxOhm(50_000)
            .contactMinOhm(300);
    }

    @Test
    @DisplayName("every named value lands in its own field, with the safe defaults for what was not named")
    void eachValueInItsField()
    {
        final SessionPlan plan = complete().conclude();
        assertEquals("rx-1", plan.prescriptionId());
        assertTrue(plan.authorised());
        assertEquals(2_000, plan.startUa());
        assertEquals(5_000, plan.capUa());
        assertEquals(500, plan.stepUa());
        assertEquals(1_000, plan.rampRateUaPerS());
        assertEquals(600_000_000_000L, plan.durationNs());
        assertEquals(0, plan.doseTargetUc(), "default: no dose target");
        assertEquals(600_000_000_000L, plan.maxSessionNs());
        assertEquals(8_000, plan.tripLevelUa());
        assertEquals(6_000, plan.densityLimitUa(), "the density limit is not the trip level");
        assertEquals(1e12, plan.doseTripUc());
        assertFalse(plan.startReversed(), "default: normal polarity");
        assertFalse(plan.reverseAtHalfTime(), "default: no reversal");
        assertEquals(1000, plan.dutyPermille(), "default: continuous");
        assertEquals(8_000, plan.peakLimitUa());
        assertEquals(50, plan.contactTestUa());
        assertEquals(50_000, plan.contactMaxOhm());
        assertEquals(300, plan.contactMinOhm());
        assertEquals(0, plan.validationClamps(), "default: no validation clamps");
        assertEquals(plan, plan.toBuilder().conclude(), "toBuilder keeps every field");
        assertEquals(250, plan.toBuilder().dutyPermille(250).conclude().dutyPermille());
    }

    @Test
    @DisplayName("conclude refuses a plan with any safety value left unset, naming the field")
    void everySafetyValueIsRequired()
    {
        final List<String> fields = List.of("prescriptionId", "startUa", "capUa", "stepUa", "rampRateUaPerS",
            "maxSessionNs", "tripLevelUa", "densityLimitUa", "doseTripUc", "peakLimitUa", "contactTestUa",
            "contactMaxOhm", "contactMinOhm");
        final List<UnaryOperator<SessionPlan.Builder>> unset = List.of(
            b -> b.prescriptionId(null), b -> b.startUa(Double.NaN), b -> b.capUa(Double.NaN),
            b -> b.stepUa(Double.NaN), b -> b.rampRateUaPerS(Double.NaN), b -> b.maxSessionNs(Long.MIN_VALUE),
            b -> b.tripLevelUa(Double.NaN), b -> b.densityLimitUa(Double.NaN), b -> b.doseTripUc(Double.NaN),
            b -> b.peakLimitUa(Double.NaN), b -> b.contactTestUa(Double.NaN), b -> b.contactMaxOhm(Double.NaN),
            b -> b.contactMinOhm(Double.NaN));
        for (int i = 0; i < fields.size(); i++)
        {
            final UnaryOperator<SessionPlan.Builder> clear = unset.get(i);
            final InvalidConfigurationException ex =
                assertThrows(InvalidConfigurationException.class, () -> clear.apply(complete()).conclude());
            assertEquals("plan." + fields.get(i), ex.field());
            assertTrue(ex.getMessage().contains("is not set"), ex.getMessage());
        }
    }

    @Test
    @DisplayName("the plan's own range checks still run: a trip level below the cap is refused")
    void rangesStillChecked()
    {
        final InvalidConfigurationException ex = assertThrows(InvalidConfigurationException.class,
            () -> complete().tripLevelUa(4_000).conclude());
        assertEquals("plan.tripLevelUa", ex.field());
    }
}
