package org.galvani.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options of the commands a clinician signs with ({@code sign}, {@code sign-override}, {@code sign-skin-review}),
 * declared once and added to each command as a picocli {@code @Mixin}: the clinician's private key file and id, with
 * the same names, labels and help text in all three.
 *
 * <p>Threading: picocli fills it on the command's thread before {@code call()}. Allocation: none of its own.
 */
final class ClinicianKeyOptions
{
    @Option(names = "--key", paramLabel = "FILE", required = true,
        description = "The clinician's private key (PKCS#8 base64, as written by 'galvani keygen').")
    private Path keyFile;

    @Option(names = "--clinician", paramLabel = "ID", required = true,
        description = "The clinician's id (the key's id in the trusted-clinicians file).")
    private String clinicianId;

    /** @return the clinician's private key file. */
    Path keyFile()
    {
        return keyFile;
    }

    /** @return the clinician's id. */
    String id()
    {
        return clinicianId;
    }
}
