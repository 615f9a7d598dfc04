package org.galvani.hal.binding;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.HardwareDriver;
import org.galvani.hal.jna.SimDriver;

/**
 * A way of calling the one C driver ({@code libgalvani_hal.so}) from Java: JNA direct mapping (the
 * default, any JDK 17+) or the Foreign Function &amp; Memory API (hal-ffm, JDK 22+). Chosen by
 * configuration with {@link #configured()} (decisions.md ADR-20); both pass the same HAL contract tests.
 *
 * <p>Threading: the factories are set-up calls; the drivers they return follow {@link HardwareDriver}.
 */
public interface HalBinding
{
    /** System property choosing the binding: {@code jna} (default) or {@code ffm}. */
    String PROPERTY = "galvani.hal.binding";

    /**
     * @return the binding's short name ("jna", "ffm").
     */
    String name();

    /**
     * @return a one-line description for a start-up banner (binding, library, runtime).
     */
    String describe();

    /**
     * Opens a backend.
     *
     * @param backend "sim" or "iio".
     * @param config  comma-separated key=value pairs ("" for defaults).
     * @return the open driver.
     * @throws HalException when the library is missing or the backend cannot be opened.
     */
    HardwareDriver open(String backend, String config);

    /**
     * Opens the {@code sim} backend with its fault-injection API.
     *
     * @param config sim configuration ("" for defaults).
     * @return the open sim.
     * @throws HalException when the library is missing or the sim cannot be opened.
     */
    SimDriver openSim(String config);

    /**
     * One call of the driver's emptiest entry point, {@code galvani_hal_version} (it returns a constant), through
     * this binding as the tick path calls it (FFM: a critical downcall): the crossing's own cost apart from any
     * driver work, for {@code HalCallBenchmark}. Any thread; allocates nothing.
     *
     * @return the library's ABI version.
     * @throws HalException when the library cannot be loaded.
     */
    int crossEmpty();

    /**
     * @return the binding named by the system property {@value #PROPERTY} (JNA when unset).
     * @throws HalException when it names an unknown binding, or FFM on a JDK or classpath without it
     *                      (one sentence: what was asked, what is allowed, what is needed).
     */
    static HalBinding configured()
    {
        return named(System.getProperty(PROPERTY, JnaBinding.NAME));
    }

    /**
     * @param name "jna" or "ffm" (case-insensitive, trimmed).
     * @return that binding.
     * @throws HalException when unknown or unavailable (code CONFIG).
     */
    static HalBinding named(final String name)
    {
        final String key = name.trim().toLowerCase(java.util.Locale.ROOT);
        if (JnaBinding.NAME.equals(key))
        {
            return JnaBinding.INSTANCE;
        }
        if (FfmBindingLoader.NAME.equals(key))
        {
            return FfmBindingLoader.load();
        }
        throw new HalException(HalErrorCode.CONFIG, PROPERTY + " '" + name + "' is not a HAL binding: use jna (default) or ffm " +
            "(JDK 22+)");
    }
}
