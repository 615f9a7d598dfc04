package org.galvani.campaign;

/**
 * The counter-examples of the campaign's known findings (docs/qa-campaign.md, "Findings"; recognised by
 * {@link KnownFinding}, which the property checker marks under each finding's exact conditions), kept so that
 * a test can assert each still reproduces and that the minimiser shrinks one through the real stack.
 */
final class KnownFindings
{
    private KnownFindings()
    {
    }

    /**
     * @return F1's shrunk counter-example: campaign seed 9, trial 210, a +38.2 kΩ load step for 1 ms.
     */
    static Trial transientLoadStepTrial()
    {
        return Campaign.trial(9, 210, FaultKind.defaults())
            .withSchedule(FaultSchedule.parse("load-step@3668+1:38207"));
    }

    /**
     * Shrinks F1's original two-fault schedule through the real stack.
     *
     * @param runner a runner.
     * @return the failure.
     */
    static Campaign.Failure shrinkTransientLoadStep(final TrialRunner runner)
    {
        // Since the fix of F1 (the DAC command held at the delivered current at compliance) the generated trial
        // 210 passes; its one-fault residual (a one-tick transient, recovered at the source's own lag) still
        // fails P3 and is shrunk here.
        final Trial trial = transientLoadStepTrial();
        final TrialResult result = runner.run(trial, false, null);
        return Campaign.shrink(210, trial, result.violations(), new Campaign.Options(1, 9, FaultKind.defaults(),
            1, 0, 120, null, null, java.util.Set.of(), org.galvani.journal.JournalOptions.DEFAULT_SEAL_INTERVAL_RECORDS, 1));
    }
}
