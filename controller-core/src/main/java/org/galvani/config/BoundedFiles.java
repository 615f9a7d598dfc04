package org.galvani.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small files a device or the command line is given (device limits, protocols, policy, trusted
 * keys, screening, prescriptions, overrides, keys) with a size bound: never more than the bound plus one
 * byte is read, whatever the file claims to be ({@code /dev/zero}, a FIFO, a multi-GB file), and a larger
 * file is refused with one sentence naming the file, its role and the bound. Without it a file was read
 * whole and an OutOfMemoryError ended the process with a stack trace.
 *
 * <p>Stateless and thread-safe; never on the control thread.
 */
public final class BoundedFiles
{
    /** Bound of a JSON configuration or clinical document (device limits, protocols, policy, screening, prescription): 1 MiB. */
    public static final int MAX_DOCUMENT_BYTES = 1 << 20;
    /** Bound of a key file (an Ed25519 key in base64 with comments): 64 KiB. */
    public static final int MAX_KEY_BYTES = 1 << 16;

    private BoundedFiles()
    {
    }

    /**
     * Reads a whole file of at most {@code maxBytes}.
     *
     * @param file     the file.
     * @param maxBytes the bound.
     * @param field    the field or option that names the file, for {@link InvalidConfigurationException#field()}.
     * @param what     what the file is, for messages, e.g. "prescription file".
     * @return its bytes.
     * @throws InvalidConfigurationException when it does not exist, cannot be read, is a directory or is larger
     *                                       than the bound.
     */
    public static byte[] read(final Path file, final int maxBytes, final String field, final String what)
    {
        if (Files.isDirectory(file))
        {
            throw new InvalidConfigurationException(field, what + " " + file + " is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(file))
        {
            final byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes)
            {
                throw new InvalidConfigurationException(field, what + " " + file + " is larger than " +
                    maxBytes + " bytes (" + maxBytes / 1024 + " KiB): refused unread (such a file is a few kB)");
            }
            return bytes;
        }
        catch (final NoSuchFileException ex)
        {
            throw new InvalidConfigurationException(field, what + " " + file + " does not exist");
        }
        catch (final IOException ex)
        {
            throw new InvalidConfigurationException(field, what + " " + file + " cannot be read: " + ex.getMessage(), ex);
        }
    }
}
