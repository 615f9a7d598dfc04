package org.galvani.journal;

/**
 * Who appends to Chronicle Queue (docs/decisions.md, ADR-9; the measurement is in docs/journal.md).
 */
public enum JournalMode
{
    /** The control thread encodes, chains and appends each record itself. */
    DIRECT,
    /**
     * The control thread copies each fixed-size record into an Agrona one-to-one ring buffer; a journal
     * thread drains it, chains and appends (file rolls and page faults stay off the control thread).
     */
    HAND_OFF
}
