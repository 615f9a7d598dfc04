package org.galvani.screening;

/**
 * A contraindication or precaution screened before a session may be armed (SR-1). The enum name is the
 * form used in screening files, policy files and signed override statements; the {@link #code()} is the
 * short stable form used in summaries and the journal. Neither ever changes meaning: a new condition is
 * a new constant.
 *
 * <p>{@link #PLACEMENT_ACROSS_CHEST_OR_HEAD} is <em>derived</em>: the evaluator adds it whenever the
 * session's {@link Placement#electrodesOnChestOrHead() placement puts the electrodes across the chest or
 * head}; a screening never lists it among its conditions, but an override may name it.
 *
 * <p>Threading: immutable.
 */
public enum Condition
{
    /** Pacemaker, ICD, neurostimulator, insulin pump or any other implanted electronic device. */
    IMPLANTED_ELECTRONIC_DEVICE("IED",
        "implanted electronic device (pacemaker, ICD, neurostimulator or other)"),
    /** Heart condition. */
    HEART_CONDITION("HEART", "heart condition (arrhythmia, heart disease, previous heart attack)"),
    /** Metal implant in the current path. */
    METAL_IMPLANT_IN_PATH("METAL",
        "metal implant in the current path (joint replacement, plate or screws, metal IUD)"),
    /** Epilepsy or a history of seizures. */
    EPILEPSY("EPILEPSY", "epilepsy or a history of seizures"),
    /** Pregnancy. */
    PREGNANCY("PREGNANCY", "pregnancy, known or possible"),
    /** Impaired sensation at the treatment site. */
    IMPAIRED_SENSATION("SENSATION",
        "impaired sensation at the treatment site (neuropathy, numbness): the patient cannot report a burn"),
    /** Thrombosis or thrombophlebitis. */
    THROMBOSIS("THROMBOSIS", "thrombosis or thrombophlebitis"),
    /** Young child. */
    YOUNG_CHILD("CHILD", "young child: cannot reliably report discomfort"),
    /** Known allergy to the drug delivered (drug protocols). */
    DRUG_ALLERGY("DRUG-ALLERGY", "known allergy or sensitivity to the drug this session delivers"),
    /** Derived from the placement: electrodes across the chest or head. */
    PLACEMENT_ACROSS_CHEST_OR_HEAD("PLACEMENT",
        "electrode placement across the chest or head (derived from the session's placement)"),
    /** Cuts or scratches at the treatment site: advisory. */
    CUTS_OR_SCRATCHES("SKIN-BREAKS",
        "cuts or scratches at the treatment site: cover them with petroleum jelly before treatment");

    private final String code;
    private final String description;

    Condition(final String code, final String description)
    {
        this.code = code;
        this.description = description;
    }

    /**
     * @return short stable code for summaries and the journal, e.g. {@code "IED"}.
     */
    public String code()
    {
        return code;
    }

    /**
     * @return clinician-readable description.
     */
    public String description()
    {
        return description;
    }

    /**
     * @return whether the evaluator derives this condition from the placement (it is never listed by a
     *         clinician).
     */
    public boolean derived()
    {
        return this == PLACEMENT_ACROSS_CHEST_OR_HEAD;
    }
}
