package org.galvani.campaign;

/**
 * The safety properties every trial is checked against, tick by tick (docs/qa-campaign.md).
 *
 * <p>Threading: immutable.
 */
public enum Property
{
    /** P1 SR-1 SR-2 SR-16: no current unless armed by a valid, authorised plan with no unoverridden contraindication. */
    NO_CURRENT_UNLESS_ARMED("P1 no current unless validly armed (SR-1, SR-2, SR-16)"),
    /** P2 SR-3 … SR-9 SR-12 SR-13: trip level never exceeded beyond the reaction bound; output off until an authorised reset. */
    TRIP_AND_LATCH("P2 trip level and latched output off until authorised reset (SR-3..SR-9, SR-12, SR-13)"),
    /** P3 SR-6 SR-10: |dI/dt| of the setpoint and of the true current within the ramp-rate bound. */
    RAMP_RATE("P3 ramp rate of setpoint and true current (SR-6, SR-10)"),
    /** P4 SR-4 SR-11: dose within the documented bound; density within its limit beyond the reaction bound. */
    DOSE_AND_DENSITY("P4 dose and current density (SR-4, SR-11)"),
    /** P5 SR-14 SR-15: every tick journaled, verify accepts, replay reproduces bit for bit. */
    JOURNAL_VERIFY_REPLAY("P5 journal complete, verified, replayed bit for bit (SR-14, SR-15)"),
    /** P6 SR-16 SR-17: every clamp change journaled with its reason; target never above the cap. */
    CLAMPS_EXPLAINED("P6 every clamp journaled with its reason (SR-16, SR-17)"),
    /** P7: the controller never throws, hangs or allocates on the tick path. */
    NO_THROW_HANG_ALLOCATION("P7 no throw, no hang, no allocation on the tick path");

    private final String title;

    Property(final String title)
    {
        this.title = title;
    }

    /**
     * @return the title with its number and requirements.
     */
    public String title()
    {
        return title;
    }
}
