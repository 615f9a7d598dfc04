package org.galvani.cli;

import org.galvani.hal.jna.GalvaniNative;

import picocli.CommandLine.IVersionProvider;

/**
 * {@code galvani --version}: the build's version (from the jar manifest) and the native HAL ABI version
 * the JNA binding expects.
 */
public final class VersionProvider implements IVersionProvider
{
    @Override
    public String[] getVersion()
    {
        final String implementation = GalvaniCli.class.getPackage().getImplementationVersion();
        final int abi = GalvaniNative.EXPECTED_ABI_VERSION;
        return new String[] {
            "galvani " + (implementation == null ? "(development build)" : implementation),
            "native HAL ABI " + (abi >>> 16) + "." + (abi & 0xFFFF) + ", Java " + Runtime.version(),
        };
    }
}
