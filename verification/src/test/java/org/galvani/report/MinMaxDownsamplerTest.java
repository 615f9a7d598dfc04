package org.galvani.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MinMaxDownsamplerTest
{
    @Test
    @DisplayName("every tick kept while the series fits, then bounded min/max buckets that keep both extremes")
    void boundedAndKeepsExtremes()
    {
        final MinMaxDownsampler small = new MinMaxDownsampler(8);
        for (long tick = 0; tick < 8; tick++)
        {
            small.add(tick, tick * 1.5);
        }
        assertEquals(1, small.widthTicks());
        assertEquals(8, small.lastValues().size());
        assertEquals(8, small.envelope().size());

        final MinMaxDownsampler big = new MinMaxDownsampler(1024);
        for (long tick = 1_000; tick < 3_001_000; tick++)
        {
            final double value = tick == 1_234_567 ? 99.0 : tick == 2_345_678 ? -99.0 : Math.sin(tick * 1e-4);
            big.add(tick, value);
        }
        final List<SessionReport.Point> envelope = big.envelope();
        assertTrue(envelope.size() <= 2048, "points " + envelope.size());
        assertTrue(envelope.size() >= 1024, "points " + envelope.size());
        assertTrue(envelope.contains(new SessionReport.Point(1_234_567, 99.0)));
        assertTrue(envelope.contains(new SessionReport.Point(2_345_678, -99.0)));
        for (int i = 1; i < envelope.size(); i++)
        {
            assertTrue(envelope.get(i).tick() > envelope.get(i - 1).tick(), "points in tick order");
        }
        final List<SessionReport.Point> last = big.lastValues();
        assertEquals(3_000_999, last.get(last.size() - 1).tick(), "the last tick is the last point");
        assertTrue(last.size() <= 1024);
    }
}
