package org.galvani.session;

/**
 * The frozen outcome of patient screening (SR-1) as the control thread needs it: whether the session
 * may be armed, and a one-line summary for the journal. Built off the control thread from the full
 * screening result; immutable.
 *
 * @param armable whether no unoverridden contraindication blocks the session.
 * @param summary which conditions and rules blocked or were overridden, and by whom.
 */
public record ScreeningDecision(boolean armable, String summary)
{
}
