package org.galvani.session;

import java.util.Locale;

/**
 * The grade of the post-session skin check (SR-22), in increasing severity. The code is journaled
 * (SKIN_CHECK record, docs/journal-format.md) and never changes meaning; the CLI name is the form an operator
 * types ({@code --skin-check erythema}). Only {@link #BLISTER_OR_BURN} blocks the patient's next session at the
 * same electrode site until a clinician signs a review (docs/decisions.md, ADR-14).
 *
 * <p>Threading: immutable.
 */
public enum SkinGrade
{
    /** No visible change. */
    NONE(0, "none", "no visible skin change"),
    /** Dry, flaky skin at the electrode site. */
    DRYNESS(1, "dryness", "dry or flaking skin at the electrode site"),
    /** Redness (erythema) at the electrode site. */
    ERYTHEMA(2, "erythema", "redness (erythema) at the electrode site"),
    /** Irritation: itching, stinging, a rash or small papules. */
    IRRITATION(3, "irritation", "irritation at the electrode site: itching, stinging, a rash or small papules"),
    /** A blister, an electrochemical burn or broken skin. */
    BLISTER_OR_BURN(4, "blister-or-burn", "a blister, burn or broken skin at the electrode site");

    private static final SkinGrade[] BY_CODE = values();

    private final int code;
    private final String cliName;
    private final String description;

    SkinGrade(final int code, final String cliName, final String description)
    {
        this.code = code;
        this.cliName = cliName;
        this.description = description;
    }

    /**
     * @return stable numeric code, as journaled (0..4, the order of severity).
     */
    public int code()
    {
        return code;
    }

    /**
     * @return the name an operator types, e.g. {@code blister-or-burn}.
     */
    public String cliName()
    {
        return cliName;
    }

    /**
     * @return one line for a report.
     */
    public String description()
    {
        return description;
    }

    /**
     * @return whether this grade blocks the patient's next session at the same site until a clinician's signed
     *         review (SR-22).
     */
    public boolean needsReview()
    {
        return this == BLISTER_OR_BURN;
    }

    /**
     * @param code a journaled code.
     * @return the grade.
     * @throws IllegalArgumentException when the code is not a grade.
     */
    public static SkinGrade fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown skin grade code " + code);
        }
        return BY_CODE[code];
    }

    /**
     * Parses what an operator typed: the CLI name or the constant's name, any case; {@code blister} and
     * {@code burn} are accepted for {@link #BLISTER_OR_BURN}.
     *
     * @param text the text.
     * @return the grade, or null when the text names none.
     */
    public static SkinGrade parse(final String text)
    {
        if (text == null)
        {
            return null;
        }
        final String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (t.equals("blister") || t.equals("burn"))
        {
            return BLISTER_OR_BURN;
        }
        for (final SkinGrade grade : BY_CODE)
        {
            if (grade.cliName.equals(t))
            {
                return grade;
            }
        }
        return null;
    }

    /**
     * @return the allowed names, for a one-line error ("none, dryness, erythema, irritation, blister-or-burn").
     */
    public static String allowedNames()
    {
        final StringBuilder sb = new StringBuilder();
        for (final SkinGrade grade : BY_CODE)
        {
            sb.append(sb.length() == 0 ? "" : ", ").append(grade.cliName);
        }
        return sb.toString();
    }
}
