package org.galvani.session;

/**
 * Limits that can clamp a request (SR-17: nothing is clamped silently). Each is one bit of the
 * active-clamp mask that status and every tick record carry; a change of the mask is journaled as an
 * event with the reason.
 */
public enum Clamp
{
    /** Operator titration asked for more than the prescription cap. */
    TITRATION_CAP("operator titration above the prescription cap"),
    /** The density limit over the electrode area capped the current. */
    DENSITY_CAP("current density limit over the electrode area"),
    /** The compliance voltage limits the current the load can take. */
    COMPLIANCE_LIMITED("compliance voltage limits the current (high load impedance)"),
    /** A dose-based session is lengthened because compliance limited the current. */
    DOSE_LENGTHENED("dose-based session lengthened within the maker bound"),
    /** Pulsed mode: the peak limit capped the pulse amplitude. */
    PEAK_LIMIT("pulse peak current limit"),
    /** The session reached its longest permitted time before the dose. */
    SESSION_TIME_LIMIT("longest permitted session time reached before the prescribed dose");

    private final String reason;

    Clamp(final String reason)
    {
        this.reason = reason;
    }

    /**
     * @return the bit of this clamp in the active-clamp mask.
     */
    public int bit()
    {
        return 1 << ordinal();
    }

    /**
     * @return one sentence: why the limit applies.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * Describes a mask (allocates: not for the tick path).
     *
     * @param mask active-clamp bits.
     * @return comma-separated clamp names, or "none".
     */
    public static String describe(final int mask)
    {
        if (mask == 0)
        {
            return "none";
        }
        final StringBuilder sb = new StringBuilder();
        for (final Clamp clamp : values())
        {
            if ((mask & clamp.bit()) != 0)
            {
                if (sb.length() > 0)
                {
                    sb.append(", ");
                }
                sb.append(clamp.name()).append(" (").append(clamp.reason).append(')');
            }
        }
        return sb.toString();
    }
}
