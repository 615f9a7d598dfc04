package org.galvani.hal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.galvani.hal.HalException;
import org.galvani.hal.jna.NativeLayout;

/**
 * FFM downcall handles for {@code galvani_hal.h}, one {@code static final} {@link MethodHandle} per entry point
 * (constant-folded by the JIT), bound from the same {@code libgalvani_hal.so} the JNA binding loads: the file
 * named by {@code -Dgalvani.hal.library}, else the hal-native jar's {@code linux-x86-64/} resource (used in
 * place from a directory, copied once to a temporary file from a jar).
 *
 * <p>The tick-path calls exist twice: as ordinary downcalls, and as {@link Linker.Option#critical(boolean)
 * critical} downcalls (no thread-state transition, no safepoint poll: the call must be short and must not
 * block or call back). The sim backend's sample/actuate/kick are pure computation and use the critical
 * handles; the iio backend reads and writes sysfs files and uses the ordinary ones (decisions.md ADR-20).
 *
 * <p>Loading never fails at class initialisation: a failure is kept and reported by {@link #ensureLoaded()} at
 * first use. After a successful load the ABI version self-test runs, as in the JNA binding.
 *
 * <p>Threading: the natives follow the C header's rules (one control thread per handle).
 */
final class FfmNative
{
    static final String LIBRARY_NAME = "galvani_hal";
    static final String LIBRARY_PROPERTY = "galvani.hal.library";
    /** ABI version this binding was written for: (major << 16) | minor, as {@code GALVANI_HAL_ABI_VERSION}. */
    static final int EXPECTED_ABI_VERSION = (1 << 16) | 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);
    private static final Object[] LOADED = load();
    private static final SymbolLookup LOOKUP = (SymbolLookup)LOADED[0];
    private static final Path LIBRARY = (Path)LOADED[1];

    static final MethodHandle VERSION = handle("galvani_hal_version", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle VERSION_CRITICAL = handle("galvani_hal_version", FunctionDescriptor.of(JAVA_INT), CRITICAL);
    static final MethodHandle STRERROR = handle("galvani_hal_strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle LAST_ERROR_DETAIL =
        handle("galvani_hal_last_error_detail", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle OPEN = handle("galvani_hal_open", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    static final MethodHandle INFO =
        handle("galvani_hal_info", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle SAMPLE = handle("galvani_hal_sample", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    static final MethodHandle SAMPLE_CRITICAL =
        handle("galvani_hal_sample", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS), CRITICAL);
    static final MethodHandle ACTUATE = handle("galvani_hal_actuate",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    static final MethodHandle ACTUATE_CRITICAL = handle("galvani_hal_actuate",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), CRITICAL);
    static final MethodHandle KICK = handle("galvani_hal_kick", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle KICK_CRITICAL =
        handle("galvani_hal_kick", FunctionDescriptor.of(JAVA_INT, JAVA_INT), CRITICAL);
    static final MethodHandle CLOSE = handle("galvani_hal_close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle ARM =
        handle("galvani_hal_arm", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_DOUBLE, JAVA_INT));
    static final MethodHandle SAFETY =
        handle("galvani_hal_safety", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle LAYOUT = handle("galvani_hal_layout", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final MethodHandle SIM_INJECT = handle("galvani_sim_inject",
        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_DOUBLE));
    static final MethodHandle SIM_CLEAR_FAULTS =
        handle("galvani_sim_clear_faults", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    static final MethodHandle SIM_TRUTH =
        handle("galvani_sim_truth", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));

    private static final Throwable LOAD_FAILURE = selfTest();

    private FfmNative()
    {
    }

    private static Object[] load()
    {
        try
        {
            final Path library = locate();
            return new Object[] {SymbolLookup.libraryLookup(library, Arena.global()), library};
        }
        catch (final Throwable ex)
        {
            return new Object[] {null, null, ex};
        }
    }

    private static Path locate() throws IOException, URISyntaxException
    {
        final String configured = System.getProperty(LIBRARY_PROPERTY);
        if (configured != null)
        {
            return Path.of(configured);
        }
        final String resource = platformFolder() + "/lib" + LIBRARY_NAME + ".so";
        final URL url = FfmNative.class.getClassLoader().getResource(resource);
        if (url == null)
        {
            throw new IOException("resource " + resource + " not on the classpath");
        }
        if ("file".equals(url.getProtocol()))
        {
            return Path.of(url.toURI());
        }
        final Path copy = Files.createTempFile("lib" + LIBRARY_NAME + "-ffm-", ".so");
        copy.toFile().deleteOnExit();
        try (InputStream in = url.openStream())
        {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }

    /**
     * @return JNA's platform folder name for this JVM ({@code linux-x86-64}, {@code linux-aarch64}), where the
     *         hal-native jar carries the driver.
     */
    static String platformFolder()
    {
        final String arch = System.getProperty("os.arch", "");
        return "linux-" + ("amd64".equals(arch) || "x86_64".equals(arch) ? "x86-64" : arch);
    }

    private static MethodHandle handle(final String name, final FunctionDescriptor descriptor,
        final Linker.Option... options)
    {
        if (LOOKUP == null)
        {
            return null;
        }
        return LOOKUP.find(name).map(symbol -> LINKER.downcallHandle(symbol, descriptor, options)).orElse(null);
    }

    private static Throwable selfTest()
    {
        if (LOOKUP == null)
        {
            return LOADED.length > 2 ? (Throwable)LOADED[2] : new IllegalStateException("not loaded");
        }
        try
        {
            for (final MethodHandle h : new MethodHandle[] {VERSION, STRERROR, LAST_ERROR_DETAIL, OPEN, INFO, SAMPLE,
                ACTUATE, KICK, CLOSE, ARM, SAFETY, LAYOUT, SIM_INJECT, SIM_CLEAR_FAULTS, SIM_TRUTH})
            {
                if (h == null)
                {
                    return new IllegalStateException("an entry point of galvani_hal.h is missing from " + LIBRARY);
                }
            }
            final int version = (int)VERSION.invokeExact();
            if (version != EXPECTED_ABI_VERSION)
            {
                return new IllegalStateException("native driver ABI version " + versionText(version) +
                    " does not match the FFM binding's " + versionText(EXPECTED_ABI_VERSION));
            }
            final String layout = checkLayout();
            if (layout != null)
            {
                return new IllegalStateException(layout);
            }
        }
        catch (final Throwable ex)
        {
            return ex;
        }
        return null;
    }

    /**
     * The layout self-test, as the JNA binding's: the sizes and offsets the library was built with against
     * {@link NativeLayout}.
     *
     * @return null when they match, else the clear message.
     * @throws Throwable when the downcall fails.
     */
    static String checkLayout() throws Throwable
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment block = arena.allocate(JAVA_INT, NativeLayout.LAYOUT_COUNT);
            final int count = (int)LAYOUT.invokeExact(block, NativeLayout.LAYOUT_COUNT);
            if (count < 0)
            {
                return "native driver layout self-test failed with code " + count;
            }
            final int[] actual = new int[count];
            MemorySegment.copy(block, JAVA_INT, 0, actual, 0, count);
            return NativeLayout.mismatch(actual);
        }
    }

    static String versionText(final int version)
    {
        return (version >>> 16) + "." + (version & 0xFFFF);
    }

    /**
     * @throws HalException when the library could not be loaded or failed its self-test (what is missing, how
     *                      to build it).
     */
    static void ensureLoaded()
    {
        if (LOAD_FAILURE != null)
        {
            throw new HalException(0, "the native HAL driver lib" + LIBRARY_NAME + ".so (" + platformFolder() + ") could not " +
                "be loaded through FFM (" + LOAD_FAILURE.getMessage() + "); it is built by the hal-native module: " +
                "run './mvnw -pl hal-native -am package' (needs gcc) and put hal-native's jar on the classpath, or " +
                "name the file with -D" + LIBRARY_PROPERTY + "=PATH", LOAD_FAILURE);
        }
    }

    /**
     * @return the library file bound (null when not loaded).
     */
    static Path library()
    {
        return LIBRARY;
    }

    /**
     * @param code a driver code.
     * @return the driver's text for it.
     */
    static String strerror(final int code)
    {
        try
        {
            final MemorySegment text = (MemorySegment)STRERROR.invokeExact(code);
            return text.address() == 0 ? "" : text.reinterpret(Long.MAX_VALUE).getString(0);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("galvani_hal_strerror failed", ex);
        }
    }

    /**
     * @return the calling thread's latest failure detail ("" when none).
     */
    static String lastErrorDetail()
    {
        try (Arena arena = Arena.ofConfined())
        {
            final int bytes = 512;
            final MemorySegment buffer = arena.allocate(bytes);
            final int length = (int)LAST_ERROR_DETAIL.invokeExact(buffer, bytes);
            return length > 0 ? buffer.getString(0) : "";
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("galvani_hal_last_error_detail failed", ex);
        }
    }
}
