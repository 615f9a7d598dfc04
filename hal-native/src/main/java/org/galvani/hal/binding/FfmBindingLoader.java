package org.galvani.hal.binding;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;

/**
 * Finds the FFM binding ({@code org.galvani.hal.ffm.FfmBinding} in the hal-ffm jar, compiled for JDK 22+)
 * by name, so that this module and every JDK 17 user never link against it.
 */
final class FfmBindingLoader
{
    static final String NAME = "ffm";
    static final String CLASS_NAME = "org.galvani.hal.ffm.FfmBinding";
    static final int MINIMUM_JDK = 22;

    private FfmBindingLoader()
    {
    }

    static HalBinding load()
    {
        final int feature = Runtime.version().feature();
        if (feature < MINIMUM_JDK)
        {
            throw new HalException(HalErrorCode.CONFIG, HalBinding.PROPERTY + " 'ffm' needs JDK " + MINIMUM_JDK +
                "+ (this is Java " + feature + "): use jna, or run on JDK 22 or later");
        }
        final Class<?> type;
        try
        {
            type = Class.forName(CLASS_NAME);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new HalException(HalErrorCode.CONFIG, HalBinding.PROPERTY + " 'ffm' needs the hal-ffm jar on the " +
                "classpath (built when the build JDK is 22 or later): rebuild on JDK 22+, or use jna");
        }
        try
        {
            return (HalBinding)type.getMethod("instance").invoke(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            final Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            throw new HalException(HalErrorCode.CONFIG, HalBinding.PROPERTY + " 'ffm' could not be started: " + cause, cause);
        }
    }
}
