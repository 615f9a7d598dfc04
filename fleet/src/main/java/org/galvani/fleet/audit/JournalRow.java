package org.galvani.fleet.audit;

import java.io.Serializable;

/**
 * One journal's verdict: a row of the {@code journals} table. A journal that fails verification is listed
 * here with its first bad record and is never skipped silently; its sessions are not tabulated (its content
 * cannot be trusted past the bad record).
 *
 * @param journal      the journal's folder as given (path or URI).
 * @param device       the device id of its first session header, or the folder's parent name.
 * @param verdict      the verifier's status (OK, an INCOMPLETE one, FAILED: {@code JournalVerifier}), or NO_KEY
 *                     when no key was found for the device.
 * @param message      the verifier's sentence.
 * @param records      records read.
 * @param sessions     sessions seen.
 * @param ticks        tick records.
 * @param events       event records.
 * @param seals        seals verified.
 * @param badRecord    position of the first bad record, -1 unless FAILED.
 * @param badIndex     its Chronicle index, -1 unless FAILED.
 * @param bytes        bytes of the journal's records read (the .cq4 files are pre-allocated and sparse, so
 *                     not their size); for a FAILED or NO_KEY journal, its files' size.
 */
public record JournalRow(
    String journal, String device, String verdict, String message, long records, long sessions, long ticks,
    long events, long seals, long badRecord, long badIndex, long bytes) implements Serializable
{
    private static final long serialVersionUID = 1L;
}
