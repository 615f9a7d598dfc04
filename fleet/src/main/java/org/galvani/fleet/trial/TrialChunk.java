package org.galvani.fleet.trial;

import java.io.Serializable;

/**
 * A run of consecutive trials of one generation block: the unit an engine hands to a worker.
 *
 * @param block the block.
 * @param from  first position in the block (inclusive).
 * @param to    last position (exclusive).
 */
public record TrialChunk(int block, int from, int to) implements Serializable
{
    private static final long serialVersionUID = 1L;
}
