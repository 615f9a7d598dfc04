package org.galvani.clinical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;

import org.galvani.authority.AuthorisationResult;
import org.galvani.config.InvalidConfigurationException;
import org.galvani.session.Clamp;
import org.galvani.session.SessionPlan;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Property: for random prescriptions (plausible, boundary and hostile values) against random valid
 * device limits, either the validator accepts and the plan respects every limit, or it rejects with an
 * {@link InvalidConfigurationException} that names a prescription field — never another exception, and
 * never a plan that the SessionPlan constructor itself refuses.
 */
class PrescriptionPropertyTest
{
    private static final double[] HOSTILE = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0,
        0.0, 1e-9, 1e9};
    private static final double NS_PER_MIN = 60e9;
    private static final double EPS = 1e-9;

    @Test
    @DisplayName("SR-3 SR-4 SR-11 SR-16 SR-17 random prescriptions: accepted plans respect every limit, " +
        "rejections name a field")
    void acceptedPlansRespectLimits()
    {
        final int[] accepted = new int[2];
        qt().withExamples(20_000).withFixedSeed(0x6A1A_A7E1L).forAll(longs().all()).checkAssert(seed ->
        {
            final Random random = new Random(seed);
            final DeviceLimits device = randomDevice(random);
            final Prescription rx;
            try
            {
                rx = randomRx(random).build();
            }
            catch (final InvalidConfigurationException ex)
            {
                assertTrue(ex.field().startsWith("prescription."), ex.getMessage());
                return;
            }
            final boolean verified = random.nextBoolean();
            try
            {
                final SessionPlan plan = new PrescriptionValidator(device, ProtocolCatalogue.builtIn())
                    .validate(rx, verified ? AuthorisationResult.verified(rx.issuedBy()) :
                        AuthorisationResult.refused(rx.issuedBy(), "unsigned"));
                check(device, ProtocolCatalogue.builtIn().get(rx.protocol()), rx, plan, verified);
                accepted[0]++;
                accepted[1] += plan.validationClamps() != 0 ? 1 : 0;
            }
            catch (final InvalidConfigurationException ex)
            {
                assertTrue(ex.field().startsWith("prescription."), ex.field() + ": " + ex.getMessage());
                assertTrue(ex.getMessage().startsWith(ex.field() + " "), ex.getMessage());
            }
        });
        System.out.println("accepted " + accepted[0] + " of 20000, density-clamped " + accepted[1]);
        assertTrue(accepted[0] > 200, "the generator must reach the accepting side often enough: " + accepted[0]);
        assertTrue(accepted[1] > 10, "and the density clamp: " + accepted[1]);
    }

    private static void check(
        final DeviceLimits d, final Protocol p, final Prescription rx, final SessionPlan plan, final boolean verified)
    {
        final String why = rx + " → " + plan;
        final double densityCapUa = d.maxCurrentDensityMaPerCm2() * rx.electrodeAreaCm2() * 1000.0;
        assertTrue(plan.capUa() <= d.maxPrescribableCurrentMa() * 1000.0 + EPS, why);
        assertTrue(plan.capUa() <= p.maxCurrentMa() * 1000.0 + EPS, why);
        assertTrue(plan.capUa() <= densityCapUa * (1 + EPS), "SR-4 " + why);
        // SR-4 margin: the cap (peak; average ≤ peak) sits the stated margin below the monitor's density trip,
        // so no accepted prescription held at its cap can trip CURRENT_DENSITY by design.
        assertTrue(plan.capUa() <= densityCapUa * (1.0 - d.densityTripMarginPercent() / 100.0) * (1 + EPS),
            "SR-4 margin " + why);
        assertEquals(Math.min(densityCapUa, d.absoluteCurrentMa() * 1000.0), plan.densityLimitUa(),
            densityCapUa * EPS, "SR-4 the monitor trips at the full density " + why);
        assertTrue(plan.startUa() <= plan.capUa(), why);
        assertTrue(plan.tripLevelUa() <= d.absoluteCurrentMa() * 1000.0 + EPS, "SR-3 " + why);
        assertTrue(plan.tripLevelUa() >= plan.capUa(), "SR-3 " + why);
        assertTrue(plan.peakLimitUa() <= plan.tripLevelUa(), why);
        assertTrue(plan.densityLimitUa() <= densityCapUa * (1 + EPS), "SR-4 " + why);
        assertTrue(plan.rampRateUaPerS() <= Math.min(p.rampRateMaPerS(), d.maxRampRateMaPerS()) * 1000.0 + EPS, why);
        assertTrue(plan.doseTargetUc() <= plan.doseTripUc(), "SR-11 " + why);
        assertTrue(plan.doseTripUc() <= d.doseCapMaMin() * 60_000.0 * (1 + EPS), "SR-11 " + why);
        assertTrue(plan.maxSessionNs() <= Math.round(d.maxSessionMin() * NS_PER_MIN), "SR-17 " + why);
        assertTrue(plan.durationNs() <= Math.round(Math.min(p.maxDurationMin(), d.maxSessionMin()) * NS_PER_MIN), why);
        assertTrue(plan.dutyPermille() >= d.minDutyPermille(), why);
        assertTrue(plan.dutyPermille() == 1000 || p.pulsedAllowed(), why);
        assertTrue(!plan.reverseAtHalfTime() || (p.reversalAllowed() &&
            plan.durationNs() >= SessionPlan.MIN_REVERSAL_SESSION_NS), why);
        if (p.fixedPolarity() != null)
        {
            assertEquals(p.fixedPolarity() == Polarity.REVERSED, plan.startReversed(), why);
        }
        if (plan.validationClamps() != 0)
        {
            assertEquals(Clamp.DENSITY_CAP.bit(), plan.validationClamps(), "SR-17 " + why);
            assertTrue(p.densityClampAllowed(), "SR-17 " + why);
        }
        assertEquals(verified, plan.authorised(), "SR-16 " + why);
        assertEquals(d.contactTestCurrentUa(), plan.contactTestUa());
    }

    private static DeviceLimits randomDevice(final Random r)
    {
        final double absoluteMa = pick(r, 5.0, 50.0);
        return new DeviceLimits(absoluteMa, pick(r, 0.5, absoluteMa), pick(r, 20.0, 100.0), pick(r, 0.05, 2.0),
            pick(r, 0.05, 5.0), pick(r, 100.0, 3000.0), pick(r, 20.0, 120.0), pick(r, 1.0, 3.0), pick(r, 0.05, 5.0),
            pick(r, 0.1, 10.0), 1 + r.nextInt(500), pick(r, 100.0, 20_000.0), 50.0, 50_000.0, 300.0,
            r.nextBoolean() ? null : pick(r, 1.0, 20.0), null);
    }

    /** Mostly coherent with the protocol (so that many are accepted), with noise and hostile values. */
    private static Rx randomRx(final Random r)
    {
        final Rx rx = new Rx();
        rx.protocol = ProtocolId.values()[r.nextInt(ProtocolId.values().length)];
        final Protocol p = ProtocolCatalogue.builtIn().get(rx.protocol);
        rx.mode = r.nextInt(40) == 0 ? null : !p.titrationAllowed() && r.nextInt(10) > 0 ? CurrentMode.TARGET :
            CurrentMode.values()[r.nextInt(2)];
        final double maxMa = p.maxCurrentMa() * 1.2;
        if (rx.mode == CurrentMode.TARGET)
        {
            rx.targetCurrentMa = r.nextInt(10) == 0 ? null : value(r, 0.05, maxMa);
        }
        else
        {
            rx.capCurrentMa = maybe(r, 0.05, maxMa);
            rx.startCurrentMa = maybe(r, 0.0, rx.capCurrentMa == null ? maxMa : Math.abs(rx.capCurrentMa));
        }
        if (r.nextInt(30) == 0)
        {
            rx.targetCurrentMa = value(r, 0.05, maxMa);
            rx.capCurrentMa = value(r, 0.05, maxMa);
        }
        rx.stepCurrentMa = maybe(r, 0.01, 3.0);
        rx.rampRateMaPerS = maybe(r, 0.01, 1.0);
        rx.durationMin = p.doseRequired() && r.nextBoolean() ? null : maybe(r, 5.0, 70.0);
        rx.doseMaMin = p.doseAllowed() ? maybe(r, 1.0, p.maxDoseMaMin() * 1.1) :
            r.nextInt(20) == 0 ? value(r, 1.0, 100.0) : null;
        rx.electrodeAreaCm2 = r.nextInt(40) == 0 ? null : value(r, 0.5, 150.0);
        rx.polarity = r.nextBoolean() ? null : Polarity.values()[r.nextInt(2)];
        rx.drugCharge = r.nextBoolean() ? null : DrugCharge.values()[r.nextInt(2)];
        rx.reverseAtHalfTime = r.nextInt(3) == 0 ? Boolean.TRUE : null;
        rx.dutyPermille = r.nextInt(3) > 0 ? null : 50 + r.nextInt(1000);
        rx.pulseFrequencyHz = rx.dutyPermille != null && r.nextBoolean() ? maybe(r, 1.0, 5_000.0) : null;
        return rx;
    }

    private static double pick(final Random r, final double min, final double max)
    {
        return switch (r.nextInt(4))
        {
            case 0 -> min;
            case 1 -> max;
            default -> min + r.nextDouble() * (max - min);
        };
    }

    private static Double maybe(final Random r, final double min, final double max)
    {
        return r.nextInt(3) == 0 ? null : value(r, min, max);
    }

    private static double value(final Random r, final double min, final double max)
    {
        return r.nextInt(15) == 0 ? HOSTILE[r.nextInt(HOSTILE.length)] : pick(r, min, max);
    }
}
