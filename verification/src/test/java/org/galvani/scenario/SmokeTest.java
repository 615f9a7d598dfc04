package org.galvani.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionState;
import org.junit.jupiter.api.Test;

class SmokeTest
{
    @Test
    void rampsAndTreats()
    {
        try (SimSession s = new SimSession("seed=3, watchdog_ms=0"))
        {
            s.send(SessionEvent.SCREEN, 0, new ScreeningDecision(true, "clear"));
            s.send(SessionEvent.ARM, 0, SimSession.plan(10_000, 120_000_000_000L, 0, false, 1000));
            s.send(SessionEvent.START, 0, null);
            for (int i = 0; i < 30_000; i++)
            {
                s.tick();
                if (i % 1000 == 0)
                {
                    System.out.println(s.status() + " dac=" + s.controller.command().dacCode());
                }
            }
            s.events.forEach(System.out::println);
            assertEquals(SessionState.TREATING, s.controller.state());
        }
    }
}
