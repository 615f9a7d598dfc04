package org.galvani.report;

import org.galvani.controller.ControllerEvent;
import org.galvani.controller.EventType;
import org.galvani.safety.TripCause;
import org.galvani.session.Clamp;
import org.galvani.session.RejectReason;
import org.galvani.session.ResetAuthorisation;
import org.galvani.session.ScreeningDecision;
import org.galvani.session.SessionEvent;
import org.galvani.session.SessionPlan;
import org.galvani.session.SessionState;
import org.galvani.session.SkinCheck;
import org.galvani.session.SkinGrade;

/**
 * Readable text for journaled codes and events, shared by the report and the exports. Unknown codes
 * (a journal from a newer library) are printed as numbers, never an exception.
 */
public final class EventText
{
    private EventText()
    {
    }

    /**
     * @param code a session state code.
     * @return the state's name, or "state N".
     */
    public static String state(final int code)
    {
        return code >= 0 && code < SessionState.values().length ? SessionState.fromCode(code).name() : "state " + code;
    }

    /**
     * @param code a session event code, -1 for none.
     * @return the event's name, "" for none, or "event N".
     */
    public static String sessionEvent(final int code)
    {
        if (code < 0)
        {
            return "";
        }
        return code < SessionEvent.values().length ? SessionEvent.fromCode(code).name() : "event " + code;
    }

    /**
     * @param code a trip cause code.
     * @return the cause's name, or "cause N".
     */
    public static String tripCause(final int code)
    {
        return code >= 0 && code < TripCause.values().length ? TripCause.fromCode(code).name() : "cause " + code;
    }

    /**
     * @param code a trip cause code.
     * @return "NAME (SR-n): description", or "cause N".
     */
    public static String tripCauseLong(final int code)
    {
        if (code < 0 || code >= TripCause.values().length)
        {
            return "cause " + code;
        }
        final TripCause cause = TripCause.fromCode(code);
        return cause.name() + " (" + cause.requirement() + "): " + cause.description();
    }

    /**
     * @param verdict a {@link org.galvani.safety.Verdict} value.
     * @return OK, HOLD_OFF, TRIP or "verdict N".
     */
    public static String verdict(final int verdict)
    {
        return switch (verdict)
        {
            case 0 -> "OK";
            case 1 -> "HOLD_OFF";
            case 2 -> "TRIP";
            default -> "verdict " + verdict;
        };
    }

    /**
     * The unit of a trip's measured value and limit (as the safety monitor compares them).
     *
     * @param code a trip cause code.
     * @return the unit, "" when the values are codes or counts without a unit.
     */
    public static String tripUnit(final int code)
    {
        if (code < 0 || code >= TripCause.values().length)
        {
            return "";
        }
        return switch (TripCause.fromCode(code))
        {
            case HARD_LIMIT, OVERCURRENT, CURRENT_DENSITY, CHANNEL_DISAGREEMENT, SENSOR_STUCK, OUTPUT_NOT_ALLOWED,
                CURRENT_COMMAND_MISMATCH ->
                "µA";
            case COMPLIANCE_VOLTAGE, SUPPLY_OUT_OF_RANGE -> "mV";
            case SHORT_CIRCUIT, CONTACT_LOST, CONTACT_CHECK_SHORT -> "Ω";
            case DOSE_EXCEEDED -> "µC";
            case TICK_OVERRUN -> "ns";
            case LATE_TICKS -> "ticks";
            case ADC_OUT_OF_RANGE, DAC_READBACK -> "codes";
            default -> "";
        };
    }

    /**
     * @param code a reject reason code.
     * @return "NAME: description", or "reason N".
     */
    public static String rejectReason(final int code)
    {
        if (code < 0 || code >= RejectReason.values().length)
        {
            return "reason " + code;
        }
        final RejectReason reason = RejectReason.fromCode(code);
        return reason.name() + ": " + reason.description();
    }

    /**
     * @param attachment a command attachment, or null.
     * @return one line describing it, "" for null.
     */
    public static String attachment(final Object attachment)
    {
        if (attachment == null)
        {
            return "";
        }
        if (attachment instanceof ScreeningDecision decision)
        {
            return "screening " + (decision.armable() ? "armable" : "blocks the session") + ": " + decision.summary();
        }
        if (attachment instanceof SessionPlan plan)
        {
            return "prescription " + plan.prescriptionId() +
                (plan.authorised() ? " (authorised)" : " (NOT authorised)");
        }
        if (attachment instanceof SkinCheck skin)
        {
            return "skin " + skin.grade().cliName() + " (patient " + skin.patientId() + ", " + skin.placement() + ")" +
                (skin.note().isEmpty() ? "" : ": " + skin.note());
        }
        if (attachment instanceof ResetAuthorisation reset)
        {
            return "reset by " + reset.operator() + (reset.authorised() ? " (authorised)" : " (NOT authorised)") +
                ", reason: " + reset.reason();
        }
        return attachment.toString();
    }

    /**
     * One sentence for an event, with every code decoded.
     *
     * @param e the event.
     * @return the text.
     */
    public static String describe(final ControllerEvent e)
    {
        final EventType type = e.type;
        if (type == null)
        {
            return "event without a type";
        }
        final String command = e.commandId != 0 ? "command #" + e.commandId + " " : "";
        final String attached = attachment(e.attachment);
        final String withAttachment = attached.isEmpty() ? "" : "; " + attached;
        return switch (type)
        {
            case COMMAND_ACCEPTED -> command + sessionEvent(e.sessionEvent) + " accepted in " + state(e.fromState) +
                argument(e) + (e.code != 0 ? "; clamps " + Clamp.describe(e.code) : "") + withAttachment;
            case COMMAND_REJECTED -> command + sessionEvent(e.sessionEvent) + " refused in " + state(e.fromState) +
                argument(e) + ": " + rejectReason(e.code) + withAttachment;
            case STATE_CHANGED -> state(e.fromState) + " → " + state(e.toState) + " on " +
                sessionEvent(e.sessionEvent) +
                (e.commandId != 0 ? " (command #" + e.commandId + ")" : "");
            case TRIP -> "TRIP " + tripCauseLong(e.code) + measuredAgainstLimit(e);
            case HOLD_OFF -> "HOLD-OFF " + tripCauseLong(e.code) + measuredAgainstLimit(e);
            case CLAMPS_CHANGED -> "clamps now " + Clamp.describe(e.code) + " (were " + Clamp.describe(e.arg) + ")";
            case CONTACT_CHECK -> "contact check: " + Html.fixed(e.measured, 0) + " Ω against limit " +
                Html.fixed(e.limit, 0) + " Ω";
            case SCREENING_FROZEN -> command + "screening frozen" + withAttachment;
            case PRESCRIPTION_ARMED -> command + "prescription armed" + withAttachment;
            case FAULT_RESET -> command + "fault reset of " + tripCause(e.code) + withAttachment;
            case SKIN_CHECKED -> command + "skin check recorded in " + state(e.fromState) + " (SR-22)" + withAttachment +
                "; aftercare: " + SkinAdvice.of(SkinGrade.fromCode(e.code));
        };
    }

    private static String argument(final ControllerEvent e)
    {
        return e.arg != 0 ? " (argument " + e.arg + ")" : "";
    }

    private static String measuredAgainstLimit(final ControllerEvent e)
    {
        final String unit = tripUnit(e.code);
        final String suffix = unit.isEmpty() ? "" : " " + unit;
        return "; measured " + number(e.measured) + suffix + ", limit " + number(e.limit) + suffix;
    }

    private static String number(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Html.fixed(value, 3);
    }
}
