package org.galvani.screening;

import java.util.ArrayList;
import java.util.List;

import org.galvani.authority.AuthorisationResult;
import org.galvani.authority.Authoriser;
import org.galvani.authority.SignedStatements;

/**
 * SR-22: a blister or burn recorded by the post-session skin check of the patient's last session at the same
 * electrode site blocks this session until a clinician's signed {@link SkinReview} of exactly that record
 * verifies. Never throws for a bad review: it just does not count, and the verdict says why.
 *
 * <p>Threading: stateless; runs on the screening thread, never the control thread.
 */
public final class SkinGate
{
    /** The code naming this gate in screening summaries. */
    public static final String CODE = "SKIN-REVIEW";

    private SkinGate()
    {
    }

    /**
     * What the gate decided.
     *
     * @param last    the patient's last skin outcome at the site, or null when none is known.
     * @param blocked whether the session is blocked.
     * @param detail  one line: why blocked, or who reviewed, or what the last check found.
     */
    public record Verdict(SkinOutcome last, boolean blocked, String detail)
    {
    }

    /**
     * @param screening  the session's screening (patient and placement).
     * @param history    the skin history.
     * @param reviews    the clinicians' reviews offered (any number; those for other records do not count).
     * @param authoriser checks review signatures against the trusted clinician keys.
     * @return the verdict.
     */
    public static Verdict judge(final Screening screening, final SkinHistory history, final List<SkinReview> reviews,
        final Authoriser authoriser)
    {
        final SkinOutcome last = history.last(screening.patientId(), screening.placement());
        if (last == null)
        {
            return new Verdict(null, false, "no skin check recorded for patient " + screening.patientId() + " at " +
                screening.placement());
        }
        final String found = "last skin check of patient " + last.patientId() + " at " + last.placement() + " (" +
            last.reference() + "): " + last.grade().cliName() + (last.note().isEmpty() ? "" : " \"" + last.note() + "\"");
        if (!last.grade().needsReview())
        {
            return new Verdict(last, false, found);
        }
        final List<String> refused = new ArrayList<>();
        for (final SkinReview review : reviews)
        {
            if (!review.patientId().equals(last.patientId()) || review.placement() != last.placement())
            {
                refused.add("the review by " + review.clinicianId() + " is for patient " + review.patientId() + " at " +
                    review.placement());
                continue;
            }
            if (!review.session().equals(last.reference()))
            {
                refused.add("the review by " + review.clinicianId() + " is of another skin check (" + review.session() +
                    ")");
                continue;
            }
            final AuthorisationResult result = SignedStatements.verifyBase64(authoriser, review.clinicianId(),
                review.statement(), review.signature());
            if (result.verified())
            {
                return new Verdict(last, false, found + "; reviewed by " + review.clinicianId() + ": \"" +
                    review.reason() + "\"");
            }
            refused.add("the review by " + review.clinicianId() + " is refused: " +
                String.valueOf(result.reason()).replaceAll("\\p{Cntrl}", " "));
        }
        return new Verdict(last, true, found + "; no verified clinician review of it" +
            (refused.isEmpty() ? "" : " (" + String.join("; ", refused) + ")") +
            ": sign one with galvani sign-skin-review --patient " + last.patientId() + " --placement " +
            last.placement() + " --session " + last.reference());
    }
}
