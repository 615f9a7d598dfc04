package org.galvani.journal;

import java.nio.file.Path;

/**
 * A journal file is damaged where a record or a record header should be: a corrupted header, bytes after
 * the end of data, a record running past the end of its file, an unreadable region. Carries the file and
 * the byte offset, so that the damage is reported as such and never as a clean end of the data (SR-14).
 *
 * <p>Threading: immutable. Allocation: when thrown.
 */
public final class JournalDamageException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file    the .cq4 file.
     * @param offset  byte offset of the damage in the file.
     * @param message one sentence naming what is wrong (the file and offset are added).
     * @param cause   the I/O error, or null.
     */
    public JournalDamageException(final Path file, final long offset, final String message, final Throwable cause)
    {
        super(message + " (" + file.getFileName() + ", offset " + offset + ")", cause);
        this.file = file;
        this.offset = offset;
    }

    /**
     * @return the damaged .cq4 file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return byte offset of the damage in {@link #file()}.
     */
    public long offset()
    {
        return offset;
    }
}
