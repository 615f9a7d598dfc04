package org.galvani.session;

/**
 * The post-session skin check (SR-22) as the operator enters it: the grade, a free note, and the patient and
 * electrode site (placement name) the session treated, so that the journaled record says whose skin, where.
 * Sent through the command inbox as the attachment of {@link SessionEvent#SKIN_CHECK}; the controller accepts
 * it only once the session has ended (COMPLETE, FAULT or E_STOP) and journals it as a SKIN_CHECK record
 * (docs/journal-format.md). Built and validated on the sender's thread, never on the control thread.
 *
 * <p>Threading: immutable.
 *
 * @param grade     the grade.
 * @param note      free text, one line of at most {@value #MAX_NOTE_LENGTH} characters ("" for none).
 * @param patientId the treated patient (as in the screening).
 * @param placement the electrode placement of the session (the screening's placement name, e.g. {@code FEET}).
 */
public record SkinCheck(SkinGrade grade, String note, String patientId, String placement)
{
    /** Longest accepted note. */
    public static final int MAX_NOTE_LENGTH = 500;
    /** Longest accepted patient id or placement name. */
    public static final int MAX_ID_LENGTH = 64;

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the field and what is allowed (one line).
     */
    public SkinCheck
    {
        if (grade == null)
        {
            throw new IllegalArgumentException("grade is missing: allowed " + SkinGrade.allowedNames());
        }
        note = note == null ? "" : note;
        final String noteProblem = oneLineProblem(note, MAX_NOTE_LENGTH, true);
        if (noteProblem != null)
        {
            throw new IllegalArgumentException("note " + noteProblem);
        }
        final String patientProblem = oneLineProblem(patientId, MAX_ID_LENGTH, false);
        if (patientProblem != null)
        {
            throw new IllegalArgumentException("patientId " + patientProblem);
        }
        final String placementProblem = oneLineProblem(placement, MAX_ID_LENGTH, false);
        if (placementProblem != null)
        {
            throw new IllegalArgumentException("placement " + placementProblem);
        }
    }

    private static String oneLineProblem(final String text, final int maxLength, final boolean mayBeEmpty)
    {
        if (text == null || !mayBeEmpty && text.isBlank())
        {
            return "is missing";
        }
        if (text.length() > maxLength)
        {
            return "is " + text.length() + " characters: at most " + maxLength + " are allowed";
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (Character.isISOControl(text.charAt(i)))
            {
                return "contains a control character (line break, tab, ...) at index " + i + ": one line of text only";
            }
        }
        return null;
    }
}
