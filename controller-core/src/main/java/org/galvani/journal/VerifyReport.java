package org.galvani.journal;

import java.util.List;

/**
 * The outcome of {@link JournalVerifier#verify}: OK with counts; INCOMPLETE_ATTESTED (sessions ended by a
 * crash, each attested by the device's signed RECOVERY record at its next start); INCOMPLETE_UNATTESTED
 * (the journal ends with a bounded unsigned tail — a crash the device has not yet attested, or a cut or
 * rewritten tail: only an anchor tells); FAILED at the first bad record (ADR-15).
 *
 * <p>Threading: immutable. Usable as a library result (the fleet module and the CLI print it).
 *
 * @param status          the verdict.
 * @param records         records read (up to and including the bad one when FAILED).
 * @param sessions        SESSION_START records seen.
 * @param ticks           tick records seen.
 * @param events          event records seen.
 * @param seals           seal records seen (each signature verified unless FAILED names it).
 * @param unsealedRecords non-seal records after the last one a seal covers (chained but not signed).
 * @param lastTick        last tick index seen, -1 when none.
 * @param badRecord       0-based position of the first bad record in the journal, -1 unless FAILED.
 * @param badIndex        Chronicle index of the first bad record, -1 unless FAILED (or unknown).
 * @param message         one sentence: the counts, why the journal is incomplete, or what is wrong.
 * @param crashes         every session ended by a crash (attested or not), one description each.
 * @param latestSeal      the last seal read, as an anchor to export (null when none, or FAILED).
 * @param overridesVerified   journaled clinician overrides whose signature verified with the trusted keys (SR-19).
 * @param overridesUnverified journaled clinician overrides not re-verified: no trusted keys were given (SR-19).
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
    String message,
    List<String> crashes,
    JournalAnchor latestSeal,
    long overridesVerified,
    long overridesUnverified)
{
    /** The verdict. */
    public enum Status
    {
        /** Every record chains, every seal verifies, every session is framed, continuous and sealed. */
        OK,
        /**
         * Valid and signed throughout; one or more sessions ended by a crash, each attested by a signed
         * RECOVERY record the device wrote at its next start.
         */
        INCOMPLETE_ATTESTED,
        /**
         * Valid up to the last complete record, but the journal ends with an unsigned tail (bounded by what a
         * crash can leave) that no RECOVERY record attests: the device crashed and has not restarted, or the
         * tail was cut or rewritten.
         */
        INCOMPLETE_UNATTESTED,
        /** A record is modified, missing, inserted, reordered or malformed, or the files are damaged. */
        FAILED
    }

    public VerifyReport
    {
        crashes = List.copyOf(crashes);
    }

    /**
     * @return whether the journal verified completely.
     */
    public boolean ok()
    {
        return status == Status.OK;
    }

    /**
     * @return whether the journal is INCOMPLETE (attested or not).
     */
    public boolean incomplete()
    {
        return status == Status.INCOMPLETE_ATTESTED || status == Status.INCOMPLETE_UNATTESTED;
    }

    @Override
    public String toString()
    {
        return status + ": " + message;
    }
}
