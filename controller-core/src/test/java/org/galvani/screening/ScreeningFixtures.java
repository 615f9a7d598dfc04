package org.galvani.screening;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.galvani.authority.TestKeys;

/**
 * Builds screenings and signed overrides for tests.
 */
final class ScreeningFixtures
{
    static final String PATIENT = "P-0042";

    private ScreeningFixtures()
    {
    }

    static ClinicianOverride signed(
        final String signer, final String clinicianId, final String patientId, final Placement placement,
        final Condition condition, final String reason)
    {
        final String signature = TestKeys.signer(signer).signBase64(
            ClinicianOverride.statement(patientId, placement, condition, clinicianId, reason));
        return new ClinicianOverride(condition, clinicianId, reason, signature);
    }

    static ClinicianOverride valid(final Placement placement, final Condition condition)
    {
        return signed(TestKeys.ADA, TestKeys.ADA, PATIENT, placement, condition, "benefit outweighs risk, reviewed");
    }

    static Screening screening(
        final Placement placement, final Set<Condition> conditions, final Set<Condition> acknowledged,
        final List<ClinicianOverride> overrides)
    {
        return new Screening(PATIENT, placement, conditions, acknowledged, overrides);
    }

    static Screening screening(final Placement placement, final Condition... conditions)
    {
        final Set<Condition> set = EnumSet.noneOf(Condition.class);
        set.addAll(List.of(conditions));
        return screening(placement, set, Set.of(), List.of());
    }

    static ScreeningResult evaluate(final Screening screening)
    {
        return ScreeningEvaluator.evaluate(screening, InterlockPolicy.defaults(), TestKeys.authoriser());
    }
}
