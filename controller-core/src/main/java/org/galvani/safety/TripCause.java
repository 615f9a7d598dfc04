package org.galvani.safety;

/**
 * Why the safety monitor tripped (latched FAULT) or held off, with the requirement it implements.
 * Codes are stable: they are journaled.
 */
public enum TripCause
{
    /** No trip. */
    NONE(0, "", "no trip"),
    /** Any native error code from sample or actuate. */
    DRIVER_ERROR(1, "SR-13", "the driver returned an error code"),
    /** |I| above the device's absolute limit, independent of the prescription. */
    HARD_LIMIT(2, "SR-3", "current above the device's absolute limit"),
    /** |I| above the session's trip level (prescription max + margin, capped by the device limit). */
    OVERCURRENT(3, "SR-3", "current above the trip level"),
    /** Average current density above the limit for the electrode area. */
    CURRENT_DENSITY(4, "SR-4", "current density above the limit"),
    /** Electrode voltage above the compliance limit. */
    COMPLIANCE_VOLTAGE(5, "SR-5", "electrode voltage above the compliance limit"),
    /** Load impedance below the short-circuit limit. */
    SHORT_CIRCUIT(6, "SR-6", "load impedance below the short-circuit limit"),
    /** Contact lost: impedance above the open-circuit limit (HOLD-OFF, not a fault). */
    CONTACT_LOST(7, "SR-6", "contact lost: impedance above the open-circuit limit"),
    /** The two current channels disagree beyond tolerance. */
    CHANNEL_DISAGREEMENT(8, "SR-7", "redundant current channels disagree"),
    /** An ADC channel is at a rail of its range. */
    ADC_OUT_OF_RANGE(9, "SR-7", "ADC channel out of range"),
    /** A current channel did not move while the setpoint moved. */
    SENSOR_STUCK(10, "SR-7", "current sensor stuck"),
    /** Supply voltage outside its plausible range. */
    SUPPLY_OUT_OF_RANGE(11, "SR-7", "supply voltage out of range"),
    /** DAC read-back differs from the command beyond tolerance. */
    DAC_READBACK(12, "SR-8", "DAC read-back differs from the command"),
    /** One tick took longer than the overrun bound. */
    TICK_OVERRUN(13, "SR-9", "tick overrun"),
    /** Too many consecutive late ticks. */
    LATE_TICKS(14, "SR-9", "consecutive late ticks"),
    /** The driver's watchdog disabled the output (the control thread stalled). */
    WATCHDOG(15, "SR-9", "driver watchdog expired"),
    /** The output relay reports enabled, or current flows, while no output is allowed. */
    OUTPUT_NOT_ALLOWED(16, "SR-2", "output active while the session does not allow current"),
    /** Delivered dose above the prescription by more than the bound. */
    DOSE_EXCEEDED(17, "SR-11", "delivered dose above the prescription bound"),
    /** The journal failed or fell behind. */
    JOURNAL_FAILURE(18, "SR-14", "journal failure: no tick may go unrecorded"),
    /** Pre-ramp contact check found a short (both electrodes in one tray). */
    CONTACT_CHECK_SHORT(19, "SR-6", "pre-ramp contact check found a short"),
    /** Unexpected exception inside the tick (a defect): the output was forced off. */
    INTERNAL_ERROR(20, "SR-13", "internal error in the control loop"),
    /**
     * The measured current differs from the current the DAC was commanded to deliver, with the output on and
     * below compliance: both sensors wrong alike, or a source that does not deliver what it is told.
     */
    CURRENT_COMMAND_MISMATCH(21, "SR-7", "measured current differs from the commanded current"),
    /**
     * SR-20: the load impedance rose above {@code contactRiseFactor} × its lowest value since the last contact
     * check (a drying, lifting or slipping electrode: the current crowds into a shrinking contact area). A
     * HOLD-OFF that only the operator resumes, after re-wetting or re-seating the electrode.
     */
    CONTACT_DEGRADED(22, "SR-20", "contact degraded: impedance risen above its baseline since the contact check"),
    /**
     * The driver's independent safety channel (in C, outside the JVM) opened the output on a breach of its hard
     * limits: absolute current, largest DAC code, or the session charge ceiling set at arm.
     */
    NATIVE_SAFETY_CHANNEL(23, "SR-18", "the driver's independent safety channel opened the output");

    private static final TripCause[] BY_CODE = values();

    private final int code;
    private final String requirement;
    private final String description;

    TripCause(final int code, final String requirement, final String description)
    {
        this.code = code;
        this.requirement = requirement;
        this.description = description;
    }

    /**
     * @return stable numeric code, as journaled.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return the safety requirement this cause implements, e.g. "SR-3".
     */
    public String requirement()
    {
        return requirement;
    }

    /**
     * @return one sentence for operators and auditors.
     */
    public String description()
    {
        return description;
    }

    /**
     * @param code a journaled code.
     * @return the cause.
     */
    public static TripCause fromCode(final int code)
    {
        if (code < 0 || code >= BY_CODE.length)
        {
            throw new IllegalArgumentException("unknown trip cause code " + code);
        }
        return BY_CODE[code];
    }
}
