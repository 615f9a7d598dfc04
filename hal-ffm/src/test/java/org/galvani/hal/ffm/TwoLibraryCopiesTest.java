package org.galvani.hal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.jna.JnaSimDriver;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: JNA loads its copy of the driver with RTLD_GLOBAL; a second copy of the same file loaded through
 * FFM (from the jar, FFM copies it elsewhere) had its internal calls (galvani_handle_get) interposed by the first
 * copy's, so a handle opened through one copy was "not open" for the other's info/sample (seen as E_HANDLE in
 * HalCallBenchmark). The library is linked with -Bsymbolic since: each copy keeps its own handle table.
 */
class TwoLibraryCopiesTest
{
    @Test
    @DisplayName("SR-13 two copies of the driver in one process (JNA's and FFM's) keep separate, working handles")
    void twoCopies(@TempDir final Path dir) throws Throwable
    {
        try (JnaSimDriver jna = JnaSimDriver.open("watchdog_ms=0"))
        {
            assertEquals(HalErrorCode.OK, jna.kick(), "JNA's copy is loaded (RTLD_GLOBAL) and works");
            final Path copy = dir.resolve("libgalvani_hal_copy.so");
            Files.copy(FfmNative.library(), copy);
            try (Arena arena = Arena.ofConfined())
            {
                final SymbolLookup lookup = SymbolLookup.libraryLookup(copy, arena);
                final Linker linker = Linker.nativeLinker();
                final MethodHandle open = linker.downcallHandle(lookup.find("galvani_hal_open").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
                final MethodHandle info = linker.downcallHandle(lookup.find("galvani_hal_info").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
                final MethodHandle close = linker.downcallHandle(lookup.find("galvani_hal_close").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT));
                final int handle = (int)open.invokeExact(arena.allocateFrom("sim"), arena.allocateFrom("watchdog_ms=0"));
                assertTrue(handle >= 0, "open through the copy: " + handle);
                final int result = (int)info.invokeExact(handle, arena.allocate(JAVA_DOUBLE, 16), 16);
                assertEquals(HalErrorCode.OK, result, "info through the same copy that opened the handle");
                assertEquals(HalErrorCode.OK, (int)close.invokeExact(handle));
            }
            assertEquals(HalErrorCode.OK, jna.kick(), "JNA's handle is untouched by the other copy");
        }
    }
}
