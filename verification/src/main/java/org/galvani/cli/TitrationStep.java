package org.galvani.cli;

import java.util.Locale;

import org.galvani.config.InvalidConfigurationException;

import picocli.CommandLine.ITypeConverter;

/**
 * A scripted operator titration for {@code galvani session}: {@code STEPS@SECONDS}, e.g. {@code +4@30}
 * raises the intensity by 4 prescription steps 30 simulated seconds into the session.
 *
 * @param steps   signed titration steps.
 * @param atNs    when, in simulated time from START (ns).
 */
record TitrationStep(int steps, long atNs)
{
    /** The syntax, for help and errors. */
    static final String SYNTAX = "[+|-]STEPS@SECONDS";

    static TitrationStep parse(final String text)
    {
        final int at = text.indexOf('@');
        try
        {
            if (at <= 0)
            {
                throw new NumberFormatException();
            }
            final int steps = Integer.parseInt(text.substring(0, at).trim().replace("+", ""));
            final double seconds = Double.parseDouble(text.substring(at + 1).trim());
            if (steps == 0 || Math.abs(steps) > 100 || !(seconds >= 0 && seconds <= 24 * 3600))
            {
                throw new NumberFormatException();
            }
            return new TitrationStep(steps, (long)(seconds * 1e9));
        }
        catch (final NumberFormatException ex)
        {
            throw new InvalidConfigurationException("--titrate", String.format(Locale.ROOT,
                "--titrate '%s' is not %s with 1..100 steps (up or down) and 0..86400 s, e.g. +4@30", text, SYNTAX));
        }
    }

    /** picocli converter. */
    static final class Converter implements ITypeConverter<TitrationStep>
    {
        @Override
        public TitrationStep convert(final String value)
        {
            return parse(value);
        }
    }
}
