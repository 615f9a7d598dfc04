package org.galvani.report;

import org.galvani.session.SkinGrade;

/**
 * Standard aftercare advice per skin grade (SR-22), shown with the post-session skin check by {@code galvani
 * simulate} and in the report. The wording is Galvani's; its content follows the sources listed in
 * docs/auditor-export.md ("Skin check and aftercare advice"): iontophoresis device manuals' side-effect sections,
 * a hospital patient leaflet, DermNet NZ and a case report of an iontophoresis burn. It is advice for the
 * patient's leaflet, not a diagnosis: the clinician decides.
 *
 * <p>Threading: constants only.
 */
public final class SkinAdvice
{
    private SkinAdvice()
    {
    }

    /**
     * @param grade a grade.
     * @return the advice, a few sentences.
     */
    public static String of(final SkinGrade grade)
    {
        return switch (grade)
        {
            case NONE -> "No skin change. Continue as prescribed and look at the electrode site again before the next " +
                "session.";
            case DRYNESS -> "Dry or flaking skin is a common, mild effect: apply a fragrance-free (hypoallergenic) " +
                "moisturiser after treatment. Cover any crack or small cut with petroleum jelly before the next session.";
            case ERYTHEMA -> "Redness under the electrodes is usually transient and fades within a few hours: do not " +
                "scratch the area. Contact the clinician if it lasts longer than 24 hours.";
            case IRRITATION -> "Itching, stinging or a rash: do not scratch. It may come from sensitivity to the " +
                "solution or the electrode material, or from a poor electrode contact; tell the clinician, who may " +
                "suggest a mild hydrocortisone cream and a lower current next time. Contact the clinician if it lasts " +
                "longer than 24 hours.";
            case BLISTER_OR_BURN -> "Do not burst or scratch the blister; keep the site clean, dry and covered with a " +
                "non-adherent dressing, and contact the clinician the same day. No further session at this site until " +
                "a clinician has reviewed it and signed the review (SR-22). Burns at the electrode site are linked to " +
                "poor electrode contact and too high a current density: the clinician should check the electrodes and " +
                "the prescription.";
        };
    }
}
