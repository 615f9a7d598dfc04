package org.galvani.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.galvani.fleet.audit.FleetAudit;
import org.galvani.fleet.audit.SessionRow;
import org.galvani.fleet.engine.LocalEngine;
import org.galvani.fleet.gen.FleetGenerator;
import org.junit.jupiter.api.Test;

/**
 * The generated fleet audited on local threads: every journal verifies with its own device's key, one row
 * per session with the prescription's protocol and dose, the faulty device's rising contact faults and its
 * OVERCURRENT trip, and a journal verified with another device's key listed as FAILED at its first bad
 * record, never skipped.
 */
class FleetAuditTest
{
    @Test
    void everySessionTabulatedWithItsAggregates()
    {
        final Path fleet = TestFleet.fleet();
        final List<FleetGenerator.Generated> generated = TestFleet.generated();
        final List<Path> journals = FleetAudit.findJournals(List.of(fleet.resolve("journals")));
        assertEquals(12, journals.size());
        final FleetAudit.Result result = FleetAudit.run(new LocalEngine(2), journals,
            FleetAudit.readKeys(fleet.resolve("keys")));
        assertEquals(List.of(), result.failed(), "every journal verifies with its device's key");
        assertEquals(12, result.sessions().size());
        result.journals().forEach(j -> assertTrue(j.bytes() > 40 * j.ticks() && j.bytes() < 200 * j.ticks() + 1_000_000, // packed ticks: ~56 B each
            "bytes are the records', not the sparse pre-allocated file's: " + j));
        for (final FleetGenerator.Generated g : generated)
        {
            final SessionRow row = result.sessions().stream().filter(s -> s.sessionId().equals(g.sessionId()))
                .findFirst().orElseThrow();
            assertEquals(g.device(), row.device());
            assertEquals("OK", row.verdict());
            assertTrue(row.seals() > 0);
            assertTrue(row.ticks() > 10_000, row.toString());
            if (row.protocol().equals("sports-injury-dexamethasone"))
            {
                assertEquals(10.0, row.prescribedDoseMaMin());
            }
            else
            {
                assertEquals("hyperhidrosis-hands", row.protocol());
                assertNull(row.prescribedDoseMaMin());
            }
        }
        final List<SessionRow> faulty = result.sessions().stream().filter(s -> s.device().equals("dev-003"))
            .sorted((a, b) -> a.sessionId().compareTo(b.sessionId())).toList();
        assertTrue(faulty.get(0).contactEvents() < faulty.get(1).contactEvents() &&
            faulty.get(1).contactEvents() <= faulty.get(2).contactEvents(), "rising contact faults: " + faulty);
        // the current sensor offset of its last session trips (SR-3 overcurrent or SR-7 plausibility)
        assertEquals(1, faulty.get(2).trips(), faulty.get(2).toString());
        assertEquals("FAULT", faulty.get(2).outcome());
        assertTrue(result.events().stream().anyMatch(e -> e.type().equals("TRIP") && e.device().equals("dev-003") &&
            e.sessionId().equals(faulty.get(2).sessionId()) && faulty.get(2).tripsByCause().startsWith(e.cause() + "=") &&
            e.sr().startsWith("SR-")));
        final SessionRow healthyDex = result.sessions().stream().filter(s -> s.device().equals("dev-000") &&
            s.prescribedDoseMaMin() != null).findFirst().orElseThrow();
        assertEquals("COMPLETE", healthyDex.outcome());
        assertEquals(10.0, healthyDex.deliveredDoseMaMin(), 0.05, healthyDex.toString());
    }

    @Test
    void journalFailingVerifyListedWithFirstBadRecord()
    {
        final Path fleet = TestFleet.fleet();
        final List<Path> journals = FleetAudit.findJournals(List.of(fleet.resolve("journals").resolve("dev-001")));
        final Map<String, String> keys = FleetAudit.readKeys(fleet.resolve("keys"));
        final Map<String, String> wrong = Map.of("dev-001", keys.get("dev-000"));
        final FleetAudit.Result result = FleetAudit.run(new LocalEngine(1), journals, wrong);
        assertEquals(3, result.failed().size());
        assertEquals(0, result.sessions().size(), "a journal that fails verify gives no session rows");
        result.failed().forEach(j ->
        {
            assertEquals("FAILED", j.verdict());
            assertTrue(j.badRecord() >= 0, j.toString());
            assertTrue(j.message().toLowerCase().contains("seal"), j.toString());
        });
    }
}
