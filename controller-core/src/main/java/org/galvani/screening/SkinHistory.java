package org.galvani.screening;

/**
 * Where the previous session's skin outcome comes from (SR-22, docs/decisions.md ADR-14): the embedder supplies
 * it — the device's own journal ({@code org.galvani.journal.JournalSkinHistory}), or the clinic's record system —
 * and {@link ScreeningEvaluator#evaluate(Screening, InterlockPolicy, org.galvani.authority.Authoriser,
 * ScreeningSession, SkinHistory, java.util.List)} blocks the session when the patient's last skin check at the same electrode site
 * found a blister or burn that no clinician has reviewed.
 *
 * <p>Threading: called on the screening thread (never the control thread); an implementation reads its source
 * beforehand and answers from memory.
 */
@FunctionalInterface
public interface SkinHistory
{
    /** No history: nothing blocks (a device without records, or a simulation). */
    SkinHistory NONE = (patientId, placement) -> null;

    /**
     * @param patientId the patient.
     * @param placement the electrode site.
     * @return the outcome of the patient's last session at that site that recorded a skin check, or null when none.
     */
    SkinOutcome last(String patientId, Placement placement);
}
