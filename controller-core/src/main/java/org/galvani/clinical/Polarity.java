package org.galvani.clinical;

/**
 * Polarity of the active electrode (the treated site or the drug electrode) at the start of a session.
 * Immutable.
 */
public enum Polarity
{
    /** The active electrode is the anode (+): delivers cations. */
    NORMAL,
    /** The active electrode is the cathode (−): delivers anions (e.g. dexamethasone sodium phosphate). */
    REVERSED
}
