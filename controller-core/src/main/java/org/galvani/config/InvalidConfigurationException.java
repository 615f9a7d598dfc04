package org.galvani.config;

/**
 * A configuration value (device limit, protocol default, prescription field, gain, ...) is missing or
 * out of its allowed range. The message always names the field, the value and the allowed range, in
 * one sentence a maker or clinician can act on, e.g.
 * {@code "prescription.targetCurrentMa = 45.0 is out of range: allowed 0.05 .. 30.0 mA (device limit absoluteCurrentMa)"}.
 *
 * <p>Thrown only while building a validated context, never on the tick path. Nothing is half-applied
 * when it is thrown: validation happens before any object is published.
 */
public class InvalidConfigurationException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String field;

    /**
     * @param field   dotted path of the offending field, e.g. {@code "deviceLimits.complianceVoltageV"}.
     * @param message one clear sentence naming field, value and allowed range.
     */
    public InvalidConfigurationException(final String field, final String message)
    {
        super(message);
        this.field = field;
    }

    /**
     * @param field   dotted path of the offending field.
     * @param message one clear sentence.
     * @param cause   the underlying parse failure.
     */
    public InvalidConfigurationException(final String field, final String message, final Throwable cause)
    {
        super(message, cause);
        this.field = field;
    }

    /**
     * Checks {@code min <= value <= max} (and that value is finite).
     *
     * @param field name of the field.
     * @param value value to check.
     * @param min   smallest allowed value.
     * @param max   largest allowed value.
     * @param unit  unit for the message, e.g. "mA".
     * @return value, when valid.
     * @throws InvalidConfigurationException naming field, value and range otherwise.
     */
    public static double requireInRange(
        final String field, final double value, final double min, final double max, final String unit)
    {
        if (!Double.isFinite(value) || value < min || value > max)
        {
            throw new InvalidConfigurationException(field,
                field + " = " + value + " is out of range: allowed " + min + " .. " + max + " " + unit);
        }
        return value;
    }

    /**
     * Checks {@code min <= value <= max}.
     *
     * @param field name of the field.
     * @param value value to check.
     * @param min   smallest allowed value.
     * @param max   largest allowed value.
     * @param unit  unit for the message.
     * @return value, when valid.
     */
    public static long requireInRange(
        final String field, final long value, final long min, final long max, final String unit)
    {
        if (value < min || value > max)
        {
            throw new InvalidConfigurationException(field,
                field + " = " + value + " is out of range: allowed " + min + " .. " + max + " " + unit);
        }
        return value;
    }

    /**
     * @return dotted path of the offending field.
     */
    public String field()
    {
        return field;
    }
}
