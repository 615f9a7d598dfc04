package org.galvani.hal.jna;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hal-native classes (and so its jar) carry the driver for both CPUs a device may have, each in the folder
 * JNA looks in ({@link Platform#RESOURCE_PREFIX}), each an ELF shared object for the right machine: a build
 * that silently shipped only the x86-64 library (issue 10) would load on a PC and fail on the board.
 */
class NativeLibraryPlatformsTest
{
    private static final int EM_X86_64 = 62;
    private static final int EM_AARCH64 = 183;
    private static final int ET_DYN = 3;

    @Test
    @DisplayName("the library for this JVM's platform is where JNA looks for it")
    void hostLibraryWhereJnaLooks() throws IOException
    {
        final String prefix = Platform.RESOURCE_PREFIX;
        assertTrue(prefix.equals("linux-x86-64") || prefix.equals("linux-aarch64"),
            "the driver is built for linux-x86-64 and linux-aarch64; this JVM's platform is " + prefix);
        assertElfSharedObject(prefix, prefix.equals("linux-x86-64") ? EM_X86_64 : EM_AARCH64);
    }

    @Test
    @DisplayName("both linux-x86-64/ and linux-aarch64/ carry an ELF shared object for their CPU")
    void bothPlatformsCarried() throws IOException
    {
        Assumptions.assumeFalse("off".equals(System.getProperty("galvani.cross")),
            "-Dgalvani.cross=off: the other CPU's driver was deliberately not built (./test.sh always builds it)");
        assertElfSharedObject("linux-x86-64", EM_X86_64);
        assertElfSharedObject("linux-aarch64", EM_AARCH64);
    }

    private static void assertElfSharedObject(final String prefix, final int machine) throws IOException
    {
        final String resource = prefix + "/libgalvani_hal.so";
        try (InputStream in = NativeLibraryPlatformsTest.class.getClassLoader().getResourceAsStream(resource))
        {
            assertNotNull(in, resource + " is not on the class path: the Maven build did not produce it");
            final byte[] header = in.readNBytes(20);
            assertEquals(20, header.length, resource + " is shorter than an ELF header");
            assertEquals(0x7F, header[0] & 0xFF, resource + " is not ELF");
            assertEquals("ELF", new String(header, 1, 3, java.nio.charset.StandardCharsets.US_ASCII), resource);
            assertEquals(2, header[4], resource + " is not a 64-bit ELF");
            assertEquals(1, header[5], resource + " is not little-endian");
            final ByteBuffer le = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(ET_DYN, le.getShort(16), resource + " is not a shared object");
            assertEquals(machine, le.getShort(18), resource + " is built for the wrong CPU (e_machine)");
        }
    }
}
