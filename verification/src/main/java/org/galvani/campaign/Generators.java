package org.galvani.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.galvani.authority.AuthorisationResult;
import org.galvani.authority.Authoriser;
import org.galvani.hal.jna.SimChannel;
import org.galvani.screening.ClinicianOverride;
import org.galvani.screening.Condition;
import org.galvani.screening.InterlockAction;
import org.galvani.screening.InterlockPolicy;
import org.galvani.screening.Placement;
import org.galvani.screening.Screening;
import org.galvani.screening.ScreeningEvaluator;
import org.galvani.screening.ScreeningResult;
import org.galvani.screening.ScreeningSession;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of the campaign: screenings (every placement and condition combination, with
 * acknowledgements and trusted, untrusted or forged overrides, evaluated by the real
 * {@link ScreeningEvaluator}), plans within the device limits (authorised or not, time- or dose-based,
 * continuous or pulsed, with a density cap, with a polarity reversal in the rare long form), operator
 * command scripts (start, titration up and down, pause, resume, stop, e-stop, resets with and without
 * authorisation, from several threads) and fault schedules (every {@link FaultKind}, onsets aimed at the
 * session's phases so that every state is seen at an onset).
 *
 * <p>Every generator draws only from QuickTheories' randomness source: a seed reproduces every trial.
 * Threading: stateless; the generators are thread-safe. Allocation: per generated value.
 */
public final class Generators
{
    /** Absolute device limit (µA) the trials use, as the default device limits. */
    public static final double ABSOLUTE_LIMIT_UA = 35_000;
    /** Compliance voltage (mV) of the sim's default output stage. */
    public static final double COMPLIANCE_MV = 60_000;
    /** Tick period (1 kHz). */
    public static final long PERIOD_NS = 1_000_000L;
    /** Ticks of the long-form trials' treatment before half time (10-minute plan with a reversal). */
    public static final int HALF_TIME_TICKS = 300_000;
    /** Signature bytes the campaign's authoriser accepts for a trusted clinician's override. */
    static final String VALID_SIGNATURE = "dmFsaWQ="; // "valid"
    static final String FORGED_SIGNATURE = "Zm9yZ2Vk"; // "forged"
    static final String TRUSTED_CLINICIAN = "dr-trusted";
    /** The session every campaign screening is evaluated for (SR-19): its prescription and its start. */
    static final ScreeningSession SESSION = new ScreeningSession("RX-CAMPAIGN", Instant.parse("2026-12-06T09:00:00Z"));
    /** When a campaign override bound to this session expires. */
    static final Instant EXPIRES = Instant.parse("2026-12-06T17:00:00Z");

    private static final Authoriser AUTHORISER = (clinicianId, message, signature) ->
        TRUSTED_CLINICIAN.equals(clinicianId) && Arrays.equals(signature, "valid".getBytes(StandardCharsets.US_ASCII)) ?
            AuthorisationResult.verified(clinicianId) : AuthorisationResult.refused(clinicianId, "signature does not verify");

    private Generators()
    {
    }

    private static int range(final RandomnessSource rs, final int min, final int max)
    {
        return Generate.range(min, max).generate(rs);
    }

    private static long longRange(final RandomnessSource rs, final long min, final long max)
    {
        return Generate.longRange(min, max).generate(rs);
    }

    private static double uniform(final RandomnessSource rs, final double min, final double max)
    {
        return min + (max - min) * Generate.range(0, 1_000_000).generate(rs) / 1_000_000.0;
    }

    private static boolean percent(final RandomnessSource rs, final int percent)
    {
        return range(rs, 0, 99) < percent;
    }

    private static <T> T pick(final RandomnessSource rs, final List<T> values)
    {
        return values.get(range(rs, 0, values.size() - 1));
    }

    /**
     * @return screenings with their evaluated decision: 60 % with no condition, the others with any
     *         combination of conditions, acknowledgements and overrides.
     */
    public static Gen<ScreeningCase> screenings()
    {
        return rs ->
        {
            final Placement placement = pick(rs, List.of(Placement.values()));
            final Set<Condition> conditions = EnumSet.noneOf(Condition.class);
            if (!percent(rs, 60))
            {
                for (final Condition condition : Condition.values())
                {
                    if (!condition.derived() && percent(rs, 15))
                    {
                        conditions.add(condition);
                    }
                }
            }
            final Set<Condition> acknowledged = EnumSet.noneOf(Condition.class);
            final List<ClinicianOverride> overrides = new ArrayList<>();
            final Set<Condition> stale = EnumSet.noneOf(Condition.class);
            for (final Condition condition : Condition.values())
            {
                final boolean present = conditions.contains(condition) ||
                    condition.derived() && placement.electrodesOnChestOrHead();
                if (!present)
                {
                    continue;
                }
                if (!condition.derived() && percent(rs, 60))
                {
                    acknowledged.add(condition);
                }
                if (percent(rs, 50))
                {
                    final boolean trusted = percent(rs, 80);
                    final boolean forged = percent(rs, 15);
                    // a "forged" override is, by condition, a bad signature, one bound to another session's
                    // prescription, or an expired one with a valid signature (SR-19): each must be refused (the
                    // draws are those of the campaign before SR-19, so every trial's sequence is unchanged)
                    final int forgery = forged ? condition.ordinal() % 3 : -1;
                    if (forgery >= 1)
                    {
                        stale.add(condition);
                    }
                    overrides.add(new ClinicianOverride(condition, trusted ? TRUSTED_CLINICIAN : "dr-unknown",
                        forgery == 1 ? "RX-EARLIER-SESSION" : SESSION.prescriptionId(),
                        forgery == 2 ? SESSION.sessionStart() : EXPIRES, "campaign override",
                        forgery == 0 ? FORGED_SIGNATURE : VALID_SIGNATURE));
                }
            }
            final Screening screening = new Screening("P-" + range(rs, 1, 9999), placement, conditions, acknowledged,
                overrides);
            final ScreeningResult result = ScreeningEvaluator.evaluate(screening, InterlockPolicy.defaults(), AUTHORISER,
                SESSION);
            final boolean absolute = conditions.contains(Condition.IMPLANTED_ELECTRONIC_DEVICE) ||
                conditions.contains(Condition.HEART_CONDITION) && placement.pathCrossesChestOrHead();
            boolean staleOverrideOnly = false;
            for (final Condition condition : stale)
            {
                staleOverrideOnly |= InterlockPolicy.defaults().ruleFor(condition, placement).action() ==
                    InterlockAction.BLOCK_UNLESS_OVERRIDDEN;
            }
            return new ScreeningCase(screening, result.toDecision(), absolute, staleOverrideOnly);
        };
    }

    /**
     * @param longForm a 10-minute plan with a polarity reversal at half time.
     * @return plans within the device limits; 6 % are not authorised.
     */
    public static Gen<SessionPlan> plans(final boolean longForm)
    {
        return rs ->
        {
            final boolean authorised = !percent(rs, 6);
            final double capUa = Math.rint(uniform(rs, 500, 25_000));
            final double startUa = Math.rint(capUa * uniform(rs, 0.2, 1.0));
            final double stepUa = Math.rint(uniform(rs, 50, Math.min(2_000, capUa)));
            final double rampUaPerS = Math.rint(uniform(rs, longForm ? 2_000 : 500, 5_000));
            final int duty = percent(rs, 80) ? 1000 : range(rs, 200, 900);
            final double tripUa = Math.min(capUa * 1.25 + 500, ABSOLUTE_LIMIT_UA);
            final double densityUa = Math.rint(percent(rs, 75) ? capUa * uniform(rs, 1.05, 2.0) :
                Math.max(100, capUa * uniform(rs, 0.4, 1.0)));
            final boolean doseBased = !longForm && percent(rs, 30);
            final long durationNs;
            final double doseUc;
            final double doseTripUc;
            final long maxNs;
            if (longForm)
            {
                durationNs = SessionPlan.MIN_REVERSAL_SESSION_NS;
                doseUc = 0;
                doseTripUc = 1e12;
                maxNs = durationNs;
            }
            else if (doseBased)
            {
                durationNs = 0;
                doseUc = Math.rint(Math.max(1, startUa * duty / 1000.0 * uniform(rs, 0.5, 6.0)));
                doseTripUc = doseUc * 1.02 + 1;
                maxNs = 30_000_000_000L;
            }
            else
            {
                durationNs = range(rs, 500, 8_000) * 1_000_000L;
                doseUc = 0;
                doseTripUc = 1e12;
                maxNs = durationNs;
            }
            return SessionPlan.builder()
                .prescriptionId("campaign")
                .authorised(authorised)
                .startUa(startUa)
                .capUa(capUa)
                .stepUa(stepUa)
                .rampRateUaPerS(rampUaPerS)
                .durationNs(durationNs)
                .doseTargetUc(doseUc)
                .maxSessionNs(maxNs)
                .tripLevelUa(tripUa)
                .densityLimitUa(densityUa)
                .doseTripUc(doseTripUc)
                .startReversed(percent(rs, 30))
                .reverseAtHalfTime(longForm)
                .dutyPermille(duty)
                .peakLimitUa(capUa)
                .contactTestUa(50)
                .contactMaxOhm(50_000)
                .contactMinOhm(300)
                .conclude();
        };
    }

    private static ResetAuthorisation reset(final RandomnessSource rs)
    {
        final int kind = range(rs, 0, 99);
        if (kind < 55)
        {
            return new ResetAuthorisation("dr-a", "electrodes checked, patient fine", true);
        }
        if (kind < 75)
        {
            return new ResetAuthorisation("mallory", "let me", false);
        }
        if (kind < 90)
        {
            return new ResetAuthorisation("dr-a", " ", true);
        }
        return null;
    }

    /**
     * @param screening the screening sent with SCREEN at tick 0.
     * @param plan      the plan sent with ARM at tick 1.
     * @param startTick START.
     * @param ticks     ticks of the trial.
     * @return command scripts: SCREEN, ARM, START, then up to 7 commands at random ticks from 3 threads.
     */
    public static Gen<CommandScript> scripts(
        final ScreeningCase screening, final SessionPlan plan, final long startTick, final int ticks)
    {
        return rs ->
        {
            final List<OperatorCommand> commands = new ArrayList<>();
            commands.add(new OperatorCommand(0, SessionEvent.SCREEN, 0, screening.decision(), range(rs, 0, 2)));
            commands.add(new OperatorCommand(1, SessionEvent.ARM, 0, plan, range(rs, 0, 2)));
            commands.add(new OperatorCommand(startTick, SessionEvent.START, 0, null, range(rs, 0, 2)));
            final int extra = range(rs, 0, 7);
            for (int i = 0; i < extra; i++)
            {
                final long tick = percent(rs, 65) ?
                    Math.min(ticks - 1, startTick + longRange(rs, 0, Math.min(6_000, ticks))) : longRange(rs, 0, ticks - 1);
                final int sender = range(rs, 0, 2);
                final int what = range(rs, 0, 99);
                if (what < 28)
                {
                    final int steps = percent(rs, 70) ? range(rs, 1, 8) * (percent(rs, 70) ? 1 : -1) : range(rs, 10, 60);
                    commands.add(new OperatorCommand(tick, SessionEvent.ADJUST, steps, null, sender));
                }
                else if (what < 38)
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.PAUSE, 0, null, sender));
                    if (percent(rs, 70))
                    {
                        commands.add(new OperatorCommand(tick + longRange(rs, 1, 2_000), SessionEvent.RESUME, 0, null,
                            range(rs, 0, 2)));
                    }
                }
                else if (what < 46)
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.STOP, 0, null, sender));
                }
                else if (what < 56)
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.E_STOP, 0, null, sender));
                    if (percent(rs, 60))
                    {
                        final long resetTick = tick + longRange(rs, 1, 1_500);
                        commands.add(new OperatorCommand(resetTick, SessionEvent.RESET, 0, reset(rs), range(rs, 0, 2)));
                        commands.add(new OperatorCommand(resetTick + longRange(rs, 1, 300), SessionEvent.START, 0, null,
                            range(rs, 0, 2)));
                    }
                }
                else if (what < 72)
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.RESET, 0, reset(rs), sender));
                    if (percent(rs, 60))
                    {
                        commands.add(new OperatorCommand(tick + longRange(rs, 1, 300), SessionEvent.START, 0, null,
                            range(rs, 0, 2)));
                    }
                }
                else if (what < 84)
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.START, 0, null, sender));
                }
                else if (what < 88)
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.RESUME, 0, null, sender));
                }
                else if (what < 92)
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.END_SESSION, 0, null, sender));
                }
                else if (what < 96)
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.SCREEN, 0, screening.decision(), sender));
                }
                else
                {
                    commands.add(new OperatorCommand(tick, SessionEvent.ARM, 0, plan, sender));
                }
            }
            commands.removeIf(c -> c.tick() >= ticks);
            return new CommandScript(commands);
        };
    }

    private static double magnitude(final RandomnessSource rs, final FaultKind kind)
    {
        switch (kind)
        {
            case SHORT:
                return Math.rint(uniform(rs, 1, 2_000));
            case ADC_OFFSET:
                return Math.rint(uniform(rs, 10, 20_000)) * (percent(rs, 50) ? 1 : -1);
            case ADC_NOISY:
                return Math.rint(uniform(rs, 1, 3_000));
            case ADC_OUT_OF_RANGE:
                return percent(rs, 50) ? 1 : -1;
            case CHANNEL_DISAGREE:
                return Math.rint(uniform(rs, 0.3, 1.7) * 100) / 100;
            case DAC_SLEW:
                return Math.rint(uniform(rs, 1, 2_000));
            case SUPPLY_SAG:
                return Math.rint(uniform(rs, 0.2, 1.0) * 100) / 100;
            case DRIVER_ERROR:
                return -range(rs, 0, 12);
            case LOAD_STEP:
                return Math.rint(uniform(rs, -2_000, 50_000));
            case LOAD_DRIFT:
                return Math.rint(uniform(rs, -5_000, 50_000));
            case LATE_TICKS:
                return Math.rint(uniform(rs, 100, 8_000));
            case TICK_STALL:
                return Math.rint(uniform(rs, 500, 200_000));
            case BUS_STALL:
                return Math.rint(uniform(rs, 5, 8) * Trial.STALL_WATCHDOG_MS);
            case ACTUATE_ERROR:
                return -range(rs, 0, 12);
            case ELECTRODE_OFFSET:
                // 64 … 98 V of offset (3.05 mV a code): above the 63 V compliance limit with the output off, and
                // during treatment into the band below the rail or past it (SR-5, SR-7)
                return Math.rint(uniform(rs, 21_000, 32_000)) * (percent(rs, 50) ? 1 : -1);
            default:
                return 0;
        }
    }

    /**
     * @param kinds   the fault classes to draw from.
     * @param anchors ticks worth aiming at (commands, start, half time), onsets fall near them.
     * @param ticks   ticks of the trial.
     * @return schedules of 0 … 5 faults (15 % empty) with onset, duration and magnitude.
     */
    public static Gen<FaultSchedule> schedules(final List<FaultKind> kinds, final List<Long> anchors, final int ticks)
    {
        return rs ->
        {
            final int count = percent(rs, 15) ? 0 : range(rs, 1, 5);
            final List<ScheduledFault> faults = new ArrayList<>();
            for (int i = 0; i < count; i++)
            {
                final FaultKind kind = pick(rs, kinds);
                final SimChannel channel = kind.perChannel() ? pick(rs, List.of(SimChannel.values())) : null;
                final long onset;
                final int where = range(rs, 0, 99);
                if (where < 30 || anchors.isEmpty())
                {
                    onset = longRange(rs, 0, ticks - 1);
                }
                else if (where < 40)
                {
                    onset = longRange(rs, 0, 3);
                }
                else
                {
                    onset = Math.max(0, Math.min(ticks - 1, pick(rs, anchors) + longRange(rs, -20, 600)));
                }
                final int shape = range(rs, 0, 99);
                final long duration;
                if (kind == FaultKind.TICK_STALL || kind == FaultKind.BUS_STALL)
                {
                    duration = range(rs, 1, 3);
                }
                else if (shape < 10)
                {
                    duration = ScheduledFault.PERMANENT;
                }
                else if (shape < 50)
                {
                    duration = range(rs, 1, 20);
                }
                else if (shape < 90)
                {
                    duration = range(rs, 20, 1_000);
                }
                else
                {
                    duration = range(rs, 1_000, 5_000);
                }
                faults.add(new ScheduledFault(kind, channel, onset, duration, magnitude(rs, kind)));
            }
            return new FaultSchedule(faults);
        };
    }

    /**
     * @param kinds the fault classes to draw from (all of {@link FaultKind} for a full campaign).
     * @return whole trials; 1 in 100 is the long form (10-minute plan, polarity reversal at half time).
     */
    public static Gen<Trial> trials(final List<FaultKind> kinds)
    {
        return trials(kinds, true);
    }

    /**
     * @param kinds    the fault classes to draw from.
     * @param longForm whether 1 in 100 trials is the long form (the CI property test leaves it out: 0.3 M ticks).
     * @return whole trials.
     */
    public static Gen<Trial> trials(final List<FaultKind> kinds, final boolean longForm)
    {
        return rs ->
        {
            final long simSeed = longRange(rs, 1, 1L << 40);
            final int skinInitial = range(rs, 1_500, 12_000);
            final String simConfig = "r_skin_initial_ohm=" + skinInitial + ", r_skin_final_ohm=" +
                range(rs, 800, skinInitial) + ", r_series_ohm=" + range(rs, 300, 1_500);
            final ScreeningCase screening = screenings().generate(rs);
            final boolean isLong = longForm && percent(rs, 1);
            final SessionPlan plan = plans(isLong).generate(rs);
            final long startTick = 2 + (percent(rs, 85) ? range(rs, 0, 300) : range(rs, 300, 2_000));
            final long rampTicks = (long)(plan.capUa() / plan.rampRateUaPerS() * 1000) + 500;
            final int ticks = isLong ? (int)(startTick + rampTicks + HALF_TIME_TICKS + 8_000) : range(rs, 3_000, 12_000);
            final CommandScript script = scripts(screening, plan, startTick, ticks).generate(rs);
            final List<Long> anchors = new ArrayList<>();
            anchors.add(startTick);
            anchors.add(startTick + rampTicks);
            if (isLong)
            {
                anchors.add(startTick + rampTicks + HALF_TIME_TICKS);
                anchors.add(startTick + rampTicks + HALF_TIME_TICKS + range(rs, 0, 2_000));
            }
            if (plan.durationNs() > 0)
            {
                anchors.add(startTick + rampTicks + plan.durationNs() / PERIOD_NS);
            }
            for (final OperatorCommand command : script.commands())
            {
                anchors.add(command.tick());
            }
            final FaultSchedule schedule = schedules(kinds, anchors, ticks).generate(rs);
            return new Trial(simSeed, simConfig, screening, plan, script, schedule, ticks);
        };
    }
}
