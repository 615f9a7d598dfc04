package org.galvani.screening;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The canonical override statement, version 2 (SR-16, SR-19): the exact bytes a clinician signs to
 * override one condition for one session. The UTF-8 of
 * <pre>{@code
 * "galvani-override-v2\n" + patientId + "\n" + prescriptionId + "\n" + placement.name() + "\n"
 *     + condition.name() + "\n" + clinicianId + "\n" + expiresAt + "\n" + reason
 * }</pre>
 * with no trailing line break, {@code expiresAt} in ISO-8601 UTC with whole seconds
 * ({@code 2026-12-06T18:00:00Z}, {@link Instant#toString()}). No field but the reason may hold a line break,
 * and the reason is last, so the statement splits unambiguously ({@link #parse}). It binds the override to
 * the patient, the prescription (so one session: a later session has its own prescription), the placement,
 * the condition, the signer, an expiry compared with the session's start, and the exact reason.
 *
 * <p>Version 1 ({@code galvani-override-v1}, without prescription and expiry) is no longer accepted: it
 * could be presented again in every later session (H-22).
 *
 * <p>Threading: immutable.
 *
 * @param patientId      the screened patient.
 * @param prescriptionId the prescription of the one session the override is for.
 * @param placement      the session's placement.
 * @param condition      the condition overridden.
 * @param clinicianId    the signing clinician.
 * @param expiresAt      the override counts only for a session that starts before this instant.
 * @param reason         why, one line.
 */
public record OverrideStatement(
    String patientId,
    String prescriptionId,
    Placement placement,
    Condition condition,
    String clinicianId,
    Instant expiresAt,
    String reason)
{
    /** First line of the canonical override statement. */
    public static final String TAG = "galvani-override-v2";
    /** First line of the version-1 statement, refused. */
    public static final String TAG_V1 = "galvani-override-v1";

    private static final int LINES = 8;

    /**
     * @return the statement's text (the signed bytes are its UTF-8).
     */
    public String text()
    {
        return TAG + "\n" + patientId + "\n" + prescriptionId + "\n" + placement.name() + "\n" + condition.name() +
            "\n" + clinicianId + "\n" + expiresAt + "\n" + reason;
    }

    /**
     * @return the exact signed bytes.
     */
    public byte[] bytes()
    {
        return text().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Splits a statement text back into its fields (an auditor re-verifying a journaled override).
     *
     * @param text the statement text.
     * @return the fields.
     * @throws IllegalArgumentException saying what is wrong (not version 2, too few lines, an unknown
     *                                  placement or condition, a malformed instant).
     */
    public static OverrideStatement parse(final String text)
    {
        if (text == null)
        {
            throw new IllegalArgumentException("no statement");
        }
        final String[] lines = text.split("\n", LINES);
        if (!TAG.equals(lines[0]))
        {
            throw new IllegalArgumentException(TAG_V1.equals(lines[0]) ?
                "a version-1 override statement (not bound to a session) is not accepted" :
                "not a " + TAG + " statement");
        }
        if (lines.length != LINES)
        {
            throw new IllegalArgumentException("a " + TAG + " statement has " + LINES + " lines, found " + lines.length);
        }
        try
        {
            return new OverrideStatement(lines[1], lines[2], Placement.valueOf(lines[3]), Condition.valueOf(lines[4]),
                lines[5], parseExpiry(lines[6]), lines[7]);
        }
        catch (final IllegalArgumentException | DateTimeParseException ex)
        {
            throw new IllegalArgumentException("malformed " + TAG + " statement: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param text an expiry as written in files and statements.
     * @return the instant.
     * @throws IllegalArgumentException unless the text is ISO-8601 UTC with whole seconds, exactly as
     *                                  {@link Instant#toString()} writes it (one spelling per instant, so the
     *                                  signed bytes are unambiguous).
     */
    public static Instant parseExpiry(final String text)
    {
        final Instant instant;
        try
        {
            instant = Instant.parse(text);
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not an instant: write ISO-8601 UTC with whole " +
                "seconds, e.g. 2026-12-06T18:00:00Z");
        }
        if (instant.getNano() != 0 || !instant.toString().equals(text))
        {
            throw new IllegalArgumentException("'" + text + "' is not in canonical form: write ISO-8601 UTC with " +
                "whole seconds, e.g. " + Instant.ofEpochSecond(instant.getEpochSecond()));
        }
        return instant;
    }
}
