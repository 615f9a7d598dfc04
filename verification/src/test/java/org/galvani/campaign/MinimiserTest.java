package org.galvani.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;

import org.galvani.hal.jna.SimChannel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The fault-schedule minimiser on synthetic predicates (no trial is run): ddmin, shortened durations, moved
 * onsets, 1-minimality.
 */
class MinimiserTest
{
    private static final long HORIZON = 10_000;

    private static boolean has(final FaultSchedule s, final FaultKind kind, final long minDuration)
    {
        return s.faults().stream().anyMatch(f -> f.kind() == kind &&
            (f.durationTicks() == ScheduledFault.PERMANENT || f.durationTicks() >= minDuration));
    }

    @Test
    @DisplayName("ddmin keeps exactly the two faults that together fail, shortens them to the failing threshold, and the result is 1-minimal")
    void reducesToOneMinimal()
    {
        // fails only with a short of ≥ 40 ticks AND an ADC offset of ≥ 7 ticks anywhere
        final Predicate<FaultSchedule> fails = s -> has(s, FaultKind.SHORT, 40) && has(s, FaultKind.ADC_OFFSET, 7);
        final FaultSchedule failing = new FaultSchedule(List.of(
            new ScheduledFault(FaultKind.OPEN_CIRCUIT, null, 10, 500, 0),
            new ScheduledFault(FaultKind.LATE_TICKS, null, 100, 30, 900),
            new ScheduledFault(FaultKind.SHORT, null, 200, ScheduledFault.PERMANENT, 5),
            new ScheduledFault(FaultKind.DAC_STUCK, null, 300, 20, 0),
            new ScheduledFault(FaultKind.ADC_OFFSET, SimChannel.CURRENT_A, 400, 1_000, -300),
            new ScheduledFault(FaultKind.SUPPLY_SAG, null, 500, 700, 0.5),
            new ScheduledFault(FaultKind.TICK_STALL, null, 600, 1, 9_000)));
        assertTrue(fails.test(failing));

        final Minimiser.Result result = new Minimiser(fails, HORIZON, 500).minimise(failing);

        assertEquals(2, result.schedule().size(), result.schedule().toString());
        assertTrue(fails.test(result.schedule()));
        assertTrue(result.oneMinimal());
        for (int i = 0; i < result.schedule().size(); i++)
        {
            assertFalse(fails.test(result.schedule().without(i)), "removing fault " + i + " passes");
        }
        final ScheduledFault shortFault = result.schedule().faults().stream()
            .filter(f -> f.kind() == FaultKind.SHORT).findFirst().orElseThrow();
        final ScheduledFault offset = result.schedule().faults().stream()
            .filter(f -> f.kind() == FaultKind.ADC_OFFSET).findFirst().orElseThrow();
        assertEquals(40, shortFault.durationTicks(), "permanent made finite, then halved down to the threshold");
        assertEquals(7, offset.durationTicks());
        assertTrue(shortFault.onsetTick() > 200, "onset moved later: " + shortFault.onsetTick());
        assertTrue(result.runs() < 200, "runs " + result.runs());
    }

    @Test
    @DisplayName("a failure that needs no fault shrinks to the empty schedule")
    void emptyWhenNoFaultIsNeeded()
    {
        final FaultSchedule failing = new FaultSchedule(List.of(
            new ScheduledFault(FaultKind.SHORT, null, 1, 2, 5),
            new ScheduledFault(FaultKind.OPEN_CIRCUIT, null, 3, 4, 0)));
        final Minimiser.Result result = new Minimiser(s -> true, HORIZON, 100).minimise(failing);
        assertEquals(0, result.schedule().size());
        assertTrue(result.oneMinimal());
    }

    @Test
    @DisplayName("schedules render as galvani simulate --fault arguments and parse back (timing faults too)")
    void rendersAndParses()
    {
        final FaultSchedule schedule = new FaultSchedule(List.of(
            new ScheduledFault(FaultKind.ADC_OFFSET, SimChannel.CURRENT_B, 1500, 500, -2000),
            new ScheduledFault(FaultKind.OPEN_CIRCUIT, null, 300000, ScheduledFault.PERMANENT, 0),
            new ScheduledFault(FaultKind.LATE_TICKS, null, 20, 30, 900)));
        assertEquals("--fault adc-offset@1500+500:-2000/current-b --fault open-circuit@300000+inf:0",
            schedule.simulateArguments());
        assertEquals(schedule, FaultSchedule.parse(schedule.toSpecs()));
        assertEquals(new ScheduledFault(FaultKind.ADC_OFFSET, SimChannel.CURRENT_B, 1500, 500, -2000),
            ScheduledFault.parse(FaultSpec.parse("adc-offset@1500+500:-2000/current-b").text()));
    }
}
