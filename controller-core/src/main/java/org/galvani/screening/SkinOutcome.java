package org.galvani.screening;

import org.galvani.session.SkinGrade;

/**
 * The skin outcome of a patient's last session at one electrode site, as a {@link SkinHistory} knows it (SR-22):
 * the grade of that session's post-session skin check (the most severe, when more than one was recorded), its
 * note, and the reference a clinician's {@link SkinReview} must name. A history read from the device journal uses
 * {@code <index>:<chain>} of the SKIN_CHECK record (docs/journal-format.md); an embedder's history may use any
 * stable, unique reference of the record it keeps.
 *
 * <p>Threading: immutable.
 *
 * @param patientId the patient.
 * @param placement the electrode site.
 * @param grade     the grade recorded.
 * @param note      the operator's note ("" when none).
 * @param reference what identifies the recorded check (and so the session): a review names it.
 */
public record SkinOutcome(String patientId, Placement placement, SkinGrade grade, String note, String reference)
{
    /**
     * @throws IllegalArgumentException when a component is missing.
     */
    public SkinOutcome
    {
        if (patientId == null || placement == null || grade == null || reference == null || reference.isBlank())
        {
            throw new IllegalArgumentException("a skin outcome needs patientId, placement, grade and reference");
        }
        note = note == null ? "" : note;
    }
}
