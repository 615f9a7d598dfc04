package org.galvani.clinical;

/**
 * How a prescription sets the current. Immutable.
 */
public enum CurrentMode
{
    /** A fixed target current ({@code targetCurrentMa}); the operator may only lower it. */
    TARGET,
    /** The operator titrates from a start level up to a cap "until tingling", in steps. */
    TITRATION
}
