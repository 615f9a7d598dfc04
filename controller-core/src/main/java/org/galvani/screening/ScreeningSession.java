package org.galvani.screening;

import java.time.Instant;

import org.galvani.config.InvalidConfigurationException;

/**
 * The one session a screening is evaluated for (SR-19): its prescription and its start. An override counts
 * only when it is bound to this prescription and expires after this start. The start is an input (the
 * set-up code reads its clock once, journals the value, and passes it here), never a clock read inside
 * the evaluation: the evaluation is a function of its inputs and an auditor repeats it from the journal.
 *
 * <p>Threading: immutable.
 *
 * @param prescriptionId the session's prescription id.
 * @param sessionStart   when the session starts.
 */
public record ScreeningSession(String prescriptionId, Instant sessionStart)
{
    /**
     * Validates the components.
     *
     * @throws InvalidConfigurationException naming the field.
     */
    public ScreeningSession
    {
        ClinicianOverride.requirePrescriptionId("prescriptionId", prescriptionId);
        if (sessionStart == null)
        {
            throw new InvalidConfigurationException("sessionStart", "sessionStart is missing: the session's start " +
                "decides whether an override has expired");
        }
    }

    /**
     * @param override an override.
     * @return null when the override is bound to this session, else why it is not (one line).
     */
    public String bindingProblem(final ClinicianOverride override)
    {
        if (!prescriptionId.equals(override.prescriptionId()))
        {
            return "it is bound to prescription " + override.prescriptionId() + ", not to this session's " +
                "prescription " + prescriptionId + " (an override counts for one session only: sign a new one)";
        }
        if (!sessionStart.isBefore(override.expiresAt()))
        {
            return "it expired at " + override.expiresAt() + ", the session starts at " + sessionStart +
                " (sign a new one)";
        }
        return null;
    }
}
