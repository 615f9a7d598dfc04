/**
 * The Foreign Function &amp; Memory binding of the native HAL driver (JDK 22+): the same C library, header and
 * HAL contract as the JNA binding (org.galvani.hal.jna), chosen with {@code -Dgalvani.hal.binding=ffm}
 * (decisions.md ADR-20). Compiled only when the build JDK is 22 or later; JDK 17 builds and users never see it.
 */
package org.galvani.hal.ffm;
