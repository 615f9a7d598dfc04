package org.galvani.clinical;

/**
 * Charge of the drug ion, which sets the polarity: like charges repel, so a drug is delivered from the
 * electrode of its own sign. Immutable.
 */
public enum DrugCharge
{
    /** Positive drug ion: delivered from the anode ({@link Polarity#NORMAL}). */
    CATIONIC(Polarity.NORMAL),
    /** Negative drug ion: delivered from the cathode ({@link Polarity#REVERSED}), e.g. dexamethasone phosphate. */
    ANIONIC(Polarity.REVERSED);

    private final Polarity polarity;

    DrugCharge(final Polarity polarity)
    {
        this.polarity = polarity;
    }

    /**
     * @return the polarity of the active electrode that delivers a drug of this charge.
     */
    public Polarity polarity()
    {
        return polarity;
    }
}
