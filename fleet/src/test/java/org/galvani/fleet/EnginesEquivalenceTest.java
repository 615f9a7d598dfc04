package org.galvani.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

import org.galvani.campaign.FaultKind;
import org.galvani.fleet.audit.FleetAudit;
import org.galvani.fleet.engine.LocalEngine;
import org.galvani.fleet.engine.SparkEngine;
import org.galvani.fleet.trial.FleetCampaign;
import org.galvani.fleet.trial.TrialRow;
import org.galvani.fleet.trial.TrialWork;
import org.junit.jupiter.api.Test;

/**
 * The same work on both engines gives the same results bit for bit: a 200-trial campaign (every property
 * checked every tick, P5 journal + verify + replay on every 10th trial) and the generated fleet's journals,
 * on two local threads and on Spark local[2]; compared row by row and by a SHA-256 over the canonical rows.
 */
class EnginesEquivalenceTest
{
    private static final long SEED = 20261206L;

    @Test
    void campaignOf200TrialsIdenticalOnLocalThreadsAndSpark() throws Exception
    {
        final TrialWork work = new TrialWork(SEED, FaultKind.defaults().stream().map(Enum::name).toList(),
            10, 8192);
        final FleetCampaign.Result local = FleetCampaign.run(new LocalEngine(2), work, 200, false, null);
        final FleetCampaign.Result spark = FleetCampaign.run(new SparkEngine(TestFleet.spark(), false, 2), work, 200,
            false, null);
        assertEquals(200, local.rows().size());
        for (int i = 0; i < 200; i++)
        {
            assertEquals(i, local.rows().get(i).index());
            assertEquals(local.rows().get(i).canonical(), spark.rows().get(i).canonical(), "trial " + i);
        }
        assertEquals(sha256(local.rows()), sha256(spark.rows()));
        assertTrue(local.ticks() > 200L * 1_000, "trials ran: " + local.ticks());
        assertTrue(local.filledCells(List.of(FaultKind.values())) > 20, "coverage filled");
        System.out.printf("200 trials: local %.1f trials/s, spark local[2] %.1f trials/s, failed %d, known %d%n",
            local.trialsPerSecond(), spark.trialsPerSecond(), local.failed(), local.known());
    }

    @Test
    void fleetAuditIdenticalOnLocalThreadsAndSpark()
    {
        final Path fleet = TestFleet.fleet();
        final List<Path> journals = FleetAudit.findJournals(List.of(fleet.resolve("journals")));
        final Map<String, String> keys = FleetAudit.readKeys(fleet.resolve("keys"));
        final FleetAudit.Result local = FleetAudit.run(new LocalEngine(2), journals, keys);
        final FleetAudit.Result spark = FleetAudit.run(new SparkEngine(TestFleet.spark(), false, 2), journals, keys);
        assertEquals(12, local.sessions().size());
        assertEquals(local.journals(), spark.journals());
        assertEquals(local.sessions(), spark.sessions());
        assertEquals(local.events(), spark.events());
        for (int i = 0; i < local.sessions().size(); i++)
        {
            assertEquals(Double.doubleToRawLongBits(local.sessions().get(i).deliveredDoseMaMin()),
                Double.doubleToRawLongBits(spark.sessions().get(i).deliveredDoseMaMin()));
        }
    }

    static String sha256(final List<TrialRow> rows) throws Exception
    {
        final MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (final TrialRow row : rows)
        {
            digest.update((row.canonical() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }
}
