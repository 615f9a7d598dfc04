package org.galvani.journal;

/**
 * The outcome of {@link JournalVerifier#verify}: OK with counts, INCOMPLETE (the journal was cut off, e.g.
 * by a crash, and is accepted up to its last complete record) or FAILED at the first bad record.
 *
 * @param status          the verdict.
 * @param records         records read (up to and including the bad one when FAILED).
 * @param sessions        SESSION_START records seen.
 * @param ticks           tick records seen.
 * @param events          event records seen.
 * @param seals           seal records whose signature verified.
 * @param unsealedRecords records after the last one a verified seal covers (chained but not yet signed).
 * @param lastTick        last tick index seen, -1 when none.
 * @param badRecord       0-based position of the first bad record in the journal, -1 unless FAILED.
 * @param badIndex        Chronicle index of the first bad record, -1 unless FAILED (or unknown).
 * @param message         one sentence: the counts, why the journal is incomplete, or what is wrong.
 */
public record VerifyReport(
    Status status,
    long records,
    long sessions,
    long ticks,
    long events,
    long seals,
    long unsealedRecords,
    long lastTick,
    long badRecord,
    long badIndex,
    String message)
{
    /** The verdict. */
    public enum Status
    {
        /** Every record chains, every seal verifies, every session is framed and continuous. */
        OK,
        /** Valid up to the last complete record, but the journal ends without a session end (or its seal). */
        INCOMPLETE,
        /** A record is modified, missing, inserted, reordered or malformed: see badRecord and message. */
        FAILED
    }

    /**
     * @return whether the journal verified completely.
     */
    public boolean ok()
    {
        return status == Status.OK;
    }

    @Override
    public String toString()
    {
        return status + ": " + message;
    }
}
