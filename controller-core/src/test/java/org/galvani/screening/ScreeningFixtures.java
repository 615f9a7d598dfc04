package org.galvani.screening;

import java.time.Instant;
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
    /** The prescription of the session the fixtures' overrides are bound to. */
    static final String PRESCRIPTION = "RX-0042";
    /** When the fixtures' session starts. */
    static final Instant SESSION_START = Instant.parse("2026-12-06T09:00:00Z");
    /** When the fixtures' overrides expire: eight hours after the session's start. */
    static final Instant EXPIRES = Instant.parse("2026-12-06T17:00:00Z");
    /** The session the fixtures evaluate for. */
    static final ScreeningSession SESSION = new ScreeningSession(PRESCRIPTION, SESSION_START);

    private ScreeningFixtures()
    {
    }

    static ClinicianOverride signed(
        final String signer, final String clinicianId, final String patientId, final Placement placement,
        final Condition condition, final String reason)
    {
        return signed(signer, clinicianId, patientId, PRESCRIPTION, EXPIRES, placement, condition, reason);
    }

    static ClinicianOverride signed(
        final String signer, final String clinicianId, final String patientId, final String prescriptionId,
        final Instant expiresAt, final Placement placement, final Condition condition, final String reason)
    {
        final String signature = TestKeys.signer(signer).signBase64(new OverrideStatement(patientId, prescriptionId,
            placement, condition, clinicianId, expiresAt, reason).bytes());
        return new ClinicianOverride(condition, clinicianId, prescriptionId, expiresAt, reason, signature);
    }

    /** An override bound to the fixtures' session with the given (perhaps bad) signature. */
    static ClinicianOverride override(
        final Condition condition, final String clinicianId, final String reason, final String signature)
    {
        return new ClinicianOverride(condition, clinicianId, PRESCRIPTION, EXPIRES, reason, signature);
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
        return ScreeningEvaluator.evaluate(screening, InterlockPolicy.defaults(), TestKeys.authoriser(), SESSION);
    }
}
