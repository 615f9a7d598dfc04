package org.galvani.cli;

import org.galvani.campaign.FaultSpec;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converter for {@code --fault}: {@link FaultSpec#parse} with its one-sentence message turned
 * into picocli's usage error.
 *
 * <p>Threading: stateless. Allocation: per conversion, on the command-line thread.
 */
public final class FaultSpecConverter implements ITypeConverter<FaultSpec>
{
    @Override
    public FaultSpec convert(final String value)
    {
        try
        {
            return FaultSpec.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TypeConversionException(ex.getMessage());
        }
    }
}
