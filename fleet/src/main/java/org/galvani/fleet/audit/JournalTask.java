package org.galvani.fleet.audit;

import java.io.Serializable;

/**
 * One journal to audit: its folder as the engine's workers see it (a local path or a mounted shared file
 * system: Chronicle Queue maps its files into memory, so an object store must be mounted or copied first).
 *
 * @param path the folder.
 */
public record JournalTask(String path) implements Serializable
{
    private static final long serialVersionUID = 1L;
}
