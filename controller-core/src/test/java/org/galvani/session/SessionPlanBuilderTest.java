package org.galvani.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    private static SessionPlan.Builder complete()
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
    @DisplayName("a plan by name equals the same plan by position, with the safe defaults for what was not named")
    void sameAsPositional()
    {
        assertEquals(new SessionPlan("rx-1", true, 2_000, 5_000, 500, 1_000, 600_000_000_000L, 0, 600_000_000_000L,
            8_000, 6_000, 1e12, false, false, 1000, 8_000, 50, 50_000, 300, 0), complete().conclude());
        final SessionPlan plan = complete().conclude();
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
