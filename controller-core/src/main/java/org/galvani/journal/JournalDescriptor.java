package org.galvani.journal;

import java.util.List;

/**
 * Byte layouts of the journal's records (schema version {@value #SCHEMA_VERSION}). Every record is one
 * Chronicle Queue document (Chronicle writes its own 4-byte length header before it); all numbers are
 * little-endian; byte 0 of every record is its type and the last {@value #CHAIN_LENGTH} bytes are its chain
 * value: the first 16 bytes of SHA-256(previous record's chain value ‖ this record's bytes before the chain
 * value), with 16 zero bytes before the first record of the queue. A 128-bit truncated SHA-256 keeps 128 bits
 * of second-preimage resistance, which is what tamper evidence needs (rewriting history to hit a value an
 * Ed25519 seal signed), at 16 bytes a tick instead of 32.
 *
 * <p>TICK (compact, every tick whose values fit; 120 bytes, 124 on disk with Chronicle's header):
 * <pre>
 *   0       1       2       3       4       5       6       7       8
 *   +-------+-------+-------+-------+-------+-------+-------+-------+
 *   | type  | flags |states | trip  |sample |actuate|status |clamps |   flags: b0 reversed, b1 output on,
 *   |  =2   |       |bf | af| cause |result |result | bits  |       |          b2-3 verdict
 *   +-------+-------+-------+-------+-------+-------+-------+-------+
 *   | dutyPermille  |  dacCode      | currentARaw   | currentBRaw   |  8
 *   +---------------+---------------+---------------+---------------+
 *   | electrodeVRaw | supplyVRaw    | dacReadbackRaw| sequenceDelta | 16
 *   +---------------+---------------+---------------+---------------+
 *   | tick (int32)                  | treatmentElapsedTicks (int32) | 24
 *   +-------------------------------+-------------------------------+
 *   | scheduledNs (int64)                                           | 32
 *   +-------------------------------+-------------------------------+
 *   | latenessNs (int32)            | lastTickDurationNs (int32)    | 40
 *   +-------------------------------+-------------------------------+
 *   | targetUa (float64)   | setpointUa | doseNormalUc | doseReversedUc  (4 x 8 bytes)    | 48..80
 *   +---------------------------------------------------------------+
 *   | measuredUa | loadOhm | pTerm | iTerm | dTerm | ffTerm (6 x float32)                 | 80..104
 *   +---------------------------------------------------------------+
 *   | chain (16 bytes)                                              | 104..120
 *   +---------------------------------------------------------------+
 * </pre>
 * Derived on reading: sequence = tick + sequenceDelta, actualNs = scheduledNs + latenessNs,
 * treatmentElapsedNs = treatmentElapsedTicks × tickPeriodNs (of the session header). A tick whose values do
 * not fit these widths exactly is written as TICK_WIDE (every field at its full width): decisions are never
 * narrowed. measuredUa, loadOhm and the four PID terms are float32 in both layouts (replay compares them as
 * {@code (float)}); everything else is exact.
 *
 * <p>TICK_WIDE, EVENT, SESSION_START, SEAL, SESSION_END, RECOVERY and SKIN_CHECK: see the field tables ({@link #fields(int)}) and
 * docs/journal-format.md.
 *
 * <p>Threading: constants only; the field tables are immutable.
 */
public final class JournalDescriptor
{
    /** Schema version written in every SESSION_START. */
    public static final int SCHEMA_VERSION = 1;
    /** Length of the chain value at the end of every record. */
    public static final int CHAIN_LENGTH = 16;
    /** Chronicle Queue's document header before every record. */
    public static final int CHRONICLE_HEADER_LENGTH = 4;

    /** Record type: session start. */
    public static final int SESSION_START = 1;
    /** Record type: compact tick. */
    public static final int TICK = 2;
    /** Record type: event. */
    public static final int EVENT = 3;
    /** Record type: seal. */
    public static final int SEAL = 4;
    /** Record type: session end. */
    public static final int SESSION_END = 5;
    /** Record type: tick with every field at full width. */
    public static final int TICK_WIDE = 6;
    /** Record type: recovery, written at the first open after a crash, attesting the unsigned tail found. */
    public static final int RECOVERY = 7;
    /** Record type: the post-session skin check (SR-22), after the session ended and before its SESSION_END. */
    public static final int SKIN_CHECK = 8;

    /** Offset of the record type, in every record. */
    public static final int TYPE_OFFSET = 0;

    // ---- TICK (compact) ------------------------------------------------------------------------------
    public static final int TICK_FLAGS_OFFSET = 1;
    public static final int TICK_STATES_OFFSET = 2;
    public static final int TICK_TRIP_CAUSE_OFFSET = 3;
    public static final int TICK_SAMPLE_RESULT_OFFSET = 4;
    public static final int TICK_ACTUATE_RESULT_OFFSET = 5;
    public static final int TICK_STATUS_BITS_OFFSET = 6;
    public static final int TICK_ACTIVE_CLAMPS_OFFSET = 7;
    public static final int TICK_DUTY_PERMILLE_OFFSET = 8;
    public static final int TICK_DAC_CODE_OFFSET = 10;
    public static final int TICK_CURRENT_A_RAW_OFFSET = 12;
    public static final int TICK_CURRENT_B_RAW_OFFSET = 14;
    public static final int TICK_ELECTRODE_VOLTAGE_RAW_OFFSET = 16;
    public static final int TICK_SUPPLY_VOLTAGE_RAW_OFFSET = 18;
    public static final int TICK_DAC_READBACK_RAW_OFFSET = 20;
    public static final int TICK_SEQUENCE_DELTA_OFFSET = 22;
    public static final int TICK_TICK_OFFSET = 24;
    public static final int TICK_ELAPSED_TICKS_OFFSET = 28;
    public static final int TICK_SCHEDULED_NS_OFFSET = 32;
    public static final int TICK_LATENESS_NS_OFFSET = 40;
    public static final int TICK_LAST_DURATION_NS_OFFSET = 44;
    public static final int TICK_TARGET_UA_OFFSET = 48;
    public static final int TICK_SETPOINT_UA_OFFSET = 56;
    public static final int TICK_DOSE_NORMAL_UC_OFFSET = 64;
    public static final int TICK_DOSE_REVERSED_UC_OFFSET = 72;
    public static final int TICK_MEASURED_UA_OFFSET = 80;
    public static final int TICK_LOAD_OHM_OFFSET = 84;
    public static final int TICK_P_TERM_OFFSET = 88;
    public static final int TICK_I_TERM_OFFSET = 92;
    public static final int TICK_D_TERM_OFFSET = 96;
    public static final int TICK_FF_TERM_OFFSET = 100;
    public static final int TICK_CHAIN_OFFSET = 104;
    /** Length of a compact tick record. */
    public static final int TICK_LENGTH = 120;

    /** Flag bit: polarity relay reversed. */
    public static final int FLAG_POLARITY_REVERSED = 1;
    /** Flag bit: output-enable line on. */
    public static final int FLAG_OUTPUT_ENABLED = 1 << 1;
    /** Shift of the verdict in the compact flags byte (2 bits). */
    public static final int FLAG_VERDICT_SHIFT = 2;

    // ---- TICK_WIDE -----------------------------------------------------------------------------------
    public static final int WIDE_FLAGS_OFFSET = 1;
    public static final int WIDE_STATE_BEFORE_OFFSET = 4;
    public static final int WIDE_STATE_AFTER_OFFSET = 8;
    public static final int WIDE_VERDICT_OFFSET = 12;
    public static final int WIDE_TRIP_CAUSE_OFFSET = 16;
    public static final int WIDE_SAMPLE_RESULT_OFFSET = 20;
    public static final int WIDE_ACTUATE_RESULT_OFFSET = 24;
    public static final int WIDE_STATUS_BITS_OFFSET = 28;
    public static final int WIDE_ACTIVE_CLAMPS_OFFSET = 32;
    public static final int WIDE_DUTY_PERMILLE_OFFSET = 36;
    public static final int WIDE_DAC_CODE_OFFSET = 40;
    public static final int WIDE_CURRENT_A_RAW_OFFSET = 44;
    public static final int WIDE_CURRENT_B_RAW_OFFSET = 48;
    public static final int WIDE_ELECTRODE_VOLTAGE_RAW_OFFSET = 52;
    public static final int WIDE_SUPPLY_VOLTAGE_RAW_OFFSET = 56;
    public static final int WIDE_DAC_READBACK_RAW_OFFSET = 60;
    public static final int WIDE_SEQUENCE_OFFSET = 64;
    public static final int WIDE_TICK_OFFSET = 72;
    public static final int WIDE_SCHEDULED_NS_OFFSET = 80;
    public static final int WIDE_ACTUAL_NS_OFFSET = 88;
    public static final int WIDE_LATENESS_NS_OFFSET = 96;
    public static final int WIDE_LAST_DURATION_NS_OFFSET = 104;
    public static final int WIDE_ELAPSED_NS_OFFSET = 112;
    public static final int WIDE_TARGET_UA_OFFSET = 120;
    public static final int WIDE_SETPOINT_UA_OFFSET = 128;
    public static final int WIDE_DOSE_NORMAL_UC_OFFSET = 136;
    public static final int WIDE_DOSE_REVERSED_UC_OFFSET = 144;
    public static final int WIDE_MEASURED_UA_OFFSET = 152;
    public static final int WIDE_LOAD_OHM_OFFSET = 156;
    public static final int WIDE_P_TERM_OFFSET = 160;
    public static final int WIDE_I_TERM_OFFSET = 164;
    public static final int WIDE_D_TERM_OFFSET = 168;
    public static final int WIDE_FF_TERM_OFFSET = 172;
    public static final int WIDE_CHAIN_OFFSET = 176;
    /** Length of a wide tick record. */
    public static final int TICK_WIDE_LENGTH = 192;

    // ---- EVENT ---------------------------------------------------------------------------------------
    public static final int EVENT_TYPE_OFFSET = 1;
    public static final int EVENT_ATTACHMENT_TYPE_OFFSET = 2;
    public static final int EVENT_SESSION_EVENT_OFFSET = 4;
    public static final int EVENT_TICK_OFFSET = 8;
    public static final int EVENT_COMMAND_ID_OFFSET = 16;
    public static final int EVENT_FROM_STATE_OFFSET = 24;
    public static final int EVENT_TO_STATE_OFFSET = 28;
    public static final int EVENT_CODE_OFFSET = 32;
    public static final int EVENT_ARG_OFFSET = 36;
    public static final int EVENT_MEASURED_OFFSET = 40;
    public static final int EVENT_LIMIT_OFFSET = 48;
    public static final int EVENT_ATTACHMENT_LENGTH_OFFSET = 56;
    /** Offset of the attachment's bytes (then the chain value right after them). */
    public static final int EVENT_ATTACHMENT_OFFSET = 60;
    /** Length of an event without attachment. */
    public static final int EVENT_MIN_LENGTH = EVENT_ATTACHMENT_OFFSET + CHAIN_LENGTH;

    /** Attachment type: none. */
    public static final int ATTACHMENT_NONE = 0;
    /** Attachment type: {@link org.galvani.session.ScreeningDecision}. */
    public static final int ATTACHMENT_SCREENING = 1;
    /** Attachment type: {@link org.galvani.session.SessionPlan}. */
    public static final int ATTACHMENT_PLAN = 2;
    /** Attachment type: {@link org.galvani.session.ResetAuthorisation}. */
    public static final int ATTACHMENT_RESET = 3;
    /** Attachment type: {@link org.galvani.session.SkinCheck} (the SKIN_CHECK command's, SR-22). */
    public static final int ATTACHMENT_SKIN_CHECK = 4;
    /** Attachment type: an object of another class; its class name is stored. */
    public static final int ATTACHMENT_OTHER = 255;

    // screening attachment
    public static final int SCREENING_ARMABLE_OFFSET = 0;
    public static final int SCREENING_SUMMARY_OFFSET = 1;
    // reset attachment
    public static final int RESET_AUTHORISED_OFFSET = 0;
    public static final int RESET_OPERATOR_OFFSET = 1;
    // skin check attachment: grade, then utf8 patientId, utf8 placement, utf8 note
    public static final int SKIN_ATTACHMENT_GRADE_OFFSET = 0;
    public static final int SKIN_ATTACHMENT_TEXT_OFFSET = 1;
    // plan attachment
    public static final int PLAN_AUTHORISED_OFFSET = 0;
    public static final int PLAN_START_REVERSED_OFFSET = 1;
    public static final int PLAN_REVERSE_AT_HALF_TIME_OFFSET = 2;
    public static final int PLAN_DUTY_PERMILLE_OFFSET = 4;
    public static final int PLAN_VALIDATION_CLAMPS_OFFSET = 8;
    public static final int PLAN_START_UA_OFFSET = 16;
    public static final int PLAN_CAP_UA_OFFSET = 24;
    public static final int PLAN_STEP_UA_OFFSET = 32;
    public static final int PLAN_RAMP_RATE_UA_PER_S_OFFSET = 40;
    public static final int PLAN_DURATION_NS_OFFSET = 48;
    public static final int PLAN_DOSE_TARGET_UC_OFFSET = 56;
    public static final int PLAN_MAX_SESSION_NS_OFFSET = 64;
    public static final int PLAN_TRIP_LEVEL_UA_OFFSET = 72;
    public static final int PLAN_DENSITY_LIMIT_UA_OFFSET = 80;
    public static final int PLAN_DOSE_TRIP_UC_OFFSET = 88;
    public static final int PLAN_PEAK_LIMIT_UA_OFFSET = 96;
    public static final int PLAN_CONTACT_TEST_UA_OFFSET = 104;
    public static final int PLAN_CONTACT_MAX_OHM_OFFSET = 112;
    public static final int PLAN_CONTACT_MIN_OHM_OFFSET = 120;
    public static final int PLAN_PRESCRIPTION_ID_OFFSET = 128;

    // ---- SESSION_START -------------------------------------------------------------------------------
    public static final int START_SCHEMA_VERSION_OFFSET = 2;
    public static final int START_JSON_LENGTH_OFFSET = 4;
    public static final int START_CONFIG_SHA256_OFFSET = 8;
    public static final int START_SEAL_INTERVAL_OFFSET = 40;
    /** Offset of the header's strict JSON (then the chain value right after it). */
    public static final int START_JSON_OFFSET = 48;

    // ---- SEAL ----------------------------------------------------------------------------------------
    public static final int SEAL_COVERED_INDEX_OFFSET = 8;
    public static final int SEAL_COVERED_CHAIN_OFFSET = 16;
    public static final int SEAL_SIGNATURE_OFFSET = 32;
    /**
     * A seal is appended at most this many records after the record it covers; a signature that comes back
     * later (a writer far faster than real time on a loaded machine) is dropped and a fresh seal requested.
     * The verifier keeps the chain values of at least twice this many recent records.
     */
    public static final int MAX_SEAL_LAG_RECORDS = 1 << 16;

    /**
     * The most non-seal records a crash can leave after the last record a seal covers: the writer never lets
     * its unsigned tail grow beyond half of this (it waits for the sealer first), so a longer unsigned span
     * is not a crash's and verifies FAILED (ADR-15).
     */
    public static final int MAX_UNSIGNED_RECORDS = 1 << 16;
    /**
     * The most session time (tick records × tick period) a crash can leave unsigned; the writer never lets
     * its unsigned tail cover more than half of this.
     */
    public static final long MAX_UNSIGNED_NS = 60_000_000_000L;
    /** The writer requests a seal at least this often in session time, whatever the record interval. */
    public static final long SEAL_INTERVAL_MAX_NS = 10_000_000_000L;
    /** Largest record interval between seals a journal may be configured with (a quarter of the bound). */
    public static final int MAX_SEAL_INTERVAL_RECORDS = MAX_UNSIGNED_RECORDS / 4;

    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_LENGTH = 64;
    public static final int SEAL_CHAIN_OFFSET = 96;
    /** Length of a seal record. */
    public static final int SEAL_LENGTH = 112;
    /** Domain prefix of the signed message: ASCII "galvani-seal-1", then covered index (8) and chain (16). */
    public static final String SEAL_DOMAIN = "galvani-seal-1";

    // ---- RECOVERY ------------------------------------------------------------------------------------
    public static final int RECOVERY_LAST_INDEX_OFFSET = 8;
    public static final int RECOVERY_UNSIGNED_RECORDS_OFFSET = 16;
    public static final int RECOVERY_LAST_TICK_OFFSET = 24;
    public static final int RECOVERY_WALL_CLOCK_MS_OFFSET = 32;
    public static final int RECOVERY_CHAIN_OFFSET = 48;
    /** Length of a recovery record. */
    public static final int RECOVERY_LENGTH = 64;

    // ---- SKIN_CHECK ----------------------------------------------------------------------------------
    public static final int SKIN_GRADE_OFFSET = 1;
    public static final int SKIN_STATE_OFFSET = 2;
    public static final int SKIN_TICK_OFFSET = 8;
    public static final int SKIN_COMMAND_ID_OFFSET = 16;
    public static final int SKIN_TEXT_LENGTH_OFFSET = 24;
    /** Offset of the three strings (utf8 patientId, utf8 placement, utf8 note), then the chain value. */
    public static final int SKIN_TEXT_OFFSET = 28;
    /** Length of a SKIN_CHECK record whose three strings are empty. */
    public static final int SKIN_MIN_LENGTH = SKIN_TEXT_OFFSET + 12 + CHAIN_LENGTH;

    // ---- SESSION_END ---------------------------------------------------------------------------------
    public static final int END_FINAL_STATE_OFFSET = 1;
    public static final int END_STATE_COUNT_OFFSET = 2;
    public static final int END_TRIP_COUNT_OFFSET = 4;
    public static final int END_FIRST_TRIP_CAUSE_OFFSET = 8;
    public static final int END_FIRST_TICK_OFFSET = 16;
    public static final int END_LAST_TICK_OFFSET = 24;
    public static final int END_TICK_COUNT_OFFSET = 32;
    public static final int END_FIRST_TRIP_TICK_OFFSET = 40;
    public static final int END_DOSE_NORMAL_UC_OFFSET = 48;
    public static final int END_DOSE_REVERSED_UC_OFFSET = 56;
    public static final int END_MAX_MEASURED_UA_OFFSET = 64;
    public static final int END_TICKS_IN_STATE_OFFSET = 72;
    /** Number of session states counted in a SESSION_END (schema 1). */
    public static final int END_STATE_COUNT = 11;
    public static final int END_CHAIN_OFFSET = END_TICKS_IN_STATE_OFFSET + 8 * END_STATE_COUNT;
    /** Length of a session end record. */
    public static final int SESSION_END_LENGTH = END_CHAIN_OFFSET + CHAIN_LENGTH;

    /**
     * One field of a layout, as docs/journal-format.md lists it.
     *
     * @param name   field name.
     * @param offset offset in the record (or in the attachment).
     * @param length length in bytes (0 for variable).
     * @param type   u8, i8, u16, i16, i32, i64, f32, f64, bytes or utf8.
     */
    public record Field(String name, int offset, int length, String type)
    {
    }

    private static final List<Field> TICK_FIELDS = List.of(
        new Field("type", TYPE_OFFSET, 1, "u8"),
        new Field("flags", TICK_FLAGS_OFFSET, 1, "u8"),
        new Field("states", TICK_STATES_OFFSET, 1, "u8"),
        new Field("tripCause", TICK_TRIP_CAUSE_OFFSET, 1, "u8"),
        new Field("sampleResult", TICK_SAMPLE_RESULT_OFFSET, 1, "i8"),
        new Field("actuateResult", TICK_ACTUATE_RESULT_OFFSET, 1, "i8"),
        new Field("statusBits", TICK_STATUS_BITS_OFFSET, 1, "u8"),
        new Field("activeClamps", TICK_ACTIVE_CLAMPS_OFFSET, 1, "u8"),
        new Field("dutyPermille", TICK_DUTY_PERMILLE_OFFSET, 2, "u16"),
        new Field("dacCode", TICK_DAC_CODE_OFFSET, 2, "u16"),
        new Field("currentARaw", TICK_CURRENT_A_RAW_OFFSET, 2, "i16"),
        new Field("currentBRaw", TICK_CURRENT_B_RAW_OFFSET, 2, "i16"),
        new Field("electrodeVoltageRaw", TICK_ELECTRODE_VOLTAGE_RAW_OFFSET, 2, "i16"),
        new Field("supplyVoltageRaw", TICK_SUPPLY_VOLTAGE_RAW_OFFSET, 2, "u16"),
        new Field("dacReadbackRaw", TICK_DAC_READBACK_RAW_OFFSET, 2, "u16"),
        new Field("sequenceDelta", TICK_SEQUENCE_DELTA_OFFSET, 2, "i16"),
        new Field("tick", TICK_TICK_OFFSET, 4, "i32"),
        new Field("treatmentElapsedTicks", TICK_ELAPSED_TICKS_OFFSET, 4, "i32"),
        new Field("scheduledNs", TICK_SCHEDULED_NS_OFFSET, 8, "i64"),
        new Field("latenessNs", TICK_LATENESS_NS_OFFSET, 4, "i32"),
        new Field("lastTickDurationNs", TICK_LAST_DURATION_NS_OFFSET, 4, "i32"),
        new Field("targetUa", TICK_TARGET_UA_OFFSET, 8, "f64"),
        new Field("setpointUa", TICK_SETPOINT_UA_OFFSET, 8, "f64"),
        new Field("doseNormalUc", TICK_DOSE_NORMAL_UC_OFFSET, 8, "f64"),
        new Field("doseReversedUc", TICK_DOSE_REVERSED_UC_OFFSET, 8, "f64"),
        new Field("measuredUa", TICK_MEASURED_UA_OFFSET, 4, "f32"),
        new Field("loadOhm", TICK_LOAD_OHM_OFFSET, 4, "f32"),
        new Field("pTerm", TICK_P_TERM_OFFSET, 4, "f32"),
        new Field("iTerm", TICK_I_TERM_OFFSET, 4, "f32"),
        new Field("dTerm", TICK_D_TERM_OFFSET, 4, "f32"),
        new Field("ffTerm", TICK_FF_TERM_OFFSET, 4, "f32"),
        new Field("chain", TICK_CHAIN_OFFSET, CHAIN_LENGTH, "bytes"));

    private static final List<Field> TICK_WIDE_FIELDS = List.of(
        new Field("type", TYPE_OFFSET, 1, "u8"),
        new Field("flags", WIDE_FLAGS_OFFSET, 1, "u8"),
        new Field("stateBefore", WIDE_STATE_BEFORE_OFFSET, 4, "i32"),
        new Field("stateAfter", WIDE_STATE_AFTER_OFFSET, 4, "i32"),
        new Field("verdict", WIDE_VERDICT_OFFSET, 4, "i32"),
        new Field("tripCause", WIDE_TRIP_CAUSE_OFFSET, 4, "i32"),
        new Field("sampleResult", WIDE_SAMPLE_RESULT_OFFSET, 4, "i32"),
        new Field("actuateResult", WIDE_ACTUATE_RESULT_OFFSET, 4, "i32"),
        new Field("statusBits", WIDE_STATUS_BITS_OFFSET, 4, "i32"),
        new Field("activeClamps", WIDE_ACTIVE_CLAMPS_OFFSET, 4, "i32"),
        new Field("dutyPermille", WIDE_DUTY_PERMILLE_OFFSET, 4, "i32"),
        new Field("dacCode", WIDE_DAC_CODE_OFFSET, 4, "i32"),
        new Field("currentARaw", WIDE_CURRENT_A_RAW_OFFSET, 4, "i32"),
        new Field("currentBRaw", WIDE_CURRENT_B_RAW_OFFSET, 4, "i32"),
        new Field("electrodeVoltageRaw", WIDE_ELECTRODE_VOLTAGE_RAW_OFFSET, 4, "i32"),
        new Field("supplyVoltageRaw", WIDE_SUPPLY_VOLTAGE_RAW_OFFSET, 4, "i32"),
        new Field("dacReadbackRaw", WIDE_DAC_READBACK_RAW_OFFSET, 4, "i32"),
        new Field("sequence", WIDE_SEQUENCE_OFFSET, 8, "i64"),
        new Field("tick", WIDE_TICK_OFFSET, 8, "i64"),
        new Field("scheduledNs", WIDE_SCHEDULED_NS_OFFSET, 8, "i64"),
        new Field("actualNs", WIDE_ACTUAL_NS_OFFSET, 8, "i64"),
        new Field("latenessNs", WIDE_LATENESS_NS_OFFSET, 8, "i64"),
        new Field("lastTickDurationNs", WIDE_LAST_DURATION_NS_OFFSET, 8, "i64"),
        new Field("treatmentElapsedNs", WIDE_ELAPSED_NS_OFFSET, 8, "i64"),
        new Field("targetUa", WIDE_TARGET_UA_OFFSET, 8, "f64"),
        new Field("setpointUa", WIDE_SETPOINT_UA_OFFSET, 8, "f64"),
        new Field("doseNormalUc", WIDE_DOSE_NORMAL_UC_OFFSET, 8, "f64"),
        new Field("doseReversedUc", WIDE_DOSE_REVERSED_UC_OFFSET, 8, "f64"),
        new Field("measuredUa", WIDE_MEASURED_UA_OFFSET, 4, "f32"),
        new Field("loadOhm", WIDE_LOAD_OHM_OFFSET, 4, "f32"),
        new Field("pTerm", WIDE_P_TERM_OFFSET, 4, "f32"),
        new Field("iTerm", WIDE_I_TERM_OFFSET, 4, "f32"),
        new Field("dTerm", WIDE_D_TERM_OFFSET, 4, "f32"),
        new Field("ffTerm", WIDE_FF_TERM_OFFSET, 4, "f32"),
        new Field("chain", WIDE_CHAIN_OFFSET, CHAIN_LENGTH, "bytes"));

    private static final List<Field> EVENT_FIELDS = List.of(
        new Field("type", TYPE_OFFSET, 1, "u8"),
        new Field("eventType", EVENT_TYPE_OFFSET, 1, "u8"),
        new Field("attachmentType", EVENT_ATTACHMENT_TYPE_OFFSET, 1, "u8"),
        new Field("sessionEvent", EVENT_SESSION_EVENT_OFFSET, 4, "i32"),
        new Field("tick", EVENT_TICK_OFFSET, 8, "i64"),
        new Field("commandId", EVENT_COMMAND_ID_OFFSET, 8, "i64"),
        new Field("fromState", EVENT_FROM_STATE_OFFSET, 4, "i32"),
        new Field("toState", EVENT_TO_STATE_OFFSET, 4, "i32"),
        new Field("code", EVENT_CODE_OFFSET, 4, "i32"),
        new Field("arg", EVENT_ARG_OFFSET, 4, "i32"),
        new Field("measured", EVENT_MEASURED_OFFSET, 8, "f64"),
        new Field("limit", EVENT_LIMIT_OFFSET, 8, "f64"),
        new Field("attachmentLength", EVENT_ATTACHMENT_LENGTH_OFFSET, 4, "i32"),
        new Field("attachment", EVENT_ATTACHMENT_OFFSET, 0, "bytes"));

    private static final List<Field> PLAN_FIELDS = List.of(
        new Field("authorised", PLAN_AUTHORISED_OFFSET, 1, "u8"),
        new Field("startReversed", PLAN_START_REVERSED_OFFSET, 1, "u8"),
        new Field("reverseAtHalfTime", PLAN_REVERSE_AT_HALF_TIME_OFFSET, 1, "u8"),
        new Field("dutyPermille", PLAN_DUTY_PERMILLE_OFFSET, 4, "i32"),
        new Field("validationClamps", PLAN_VALIDATION_CLAMPS_OFFSET, 4, "i32"),
        new Field("startUa", PLAN_START_UA_OFFSET, 8, "f64"),
        new Field("capUa", PLAN_CAP_UA_OFFSET, 8, "f64"),
        new Field("stepUa", PLAN_STEP_UA_OFFSET, 8, "f64"),
        new Field("rampRateUaPerS", PLAN_RAMP_RATE_UA_PER_S_OFFSET, 8, "f64"),
        new Field("durationNs", PLAN_DURATION_NS_OFFSET, 8, "i64"),
        new Field("doseTargetUc", PLAN_DOSE_TARGET_UC_OFFSET, 8, "f64"),
        new Field("maxSessionNs", PLAN_MAX_SESSION_NS_OFFSET, 8, "i64"),
        new Field("tripLevelUa", PLAN_TRIP_LEVEL_UA_OFFSET, 8, "f64"),
        new Field("densityLimitUa", PLAN_DENSITY_LIMIT_UA_OFFSET, 8, "f64"),
        new Field("doseTripUc", PLAN_DOSE_TRIP_UC_OFFSET, 8, "f64"),
        new Field("peakLimitUa", PLAN_PEAK_LIMIT_UA_OFFSET, 8, "f64"),
        new Field("contactTestUa", PLAN_CONTACT_TEST_UA_OFFSET, 8, "f64"),
        new Field("contactMaxOhm", PLAN_CONTACT_MAX_OHM_OFFSET, 8, "f64"),
        new Field("contactMinOhm", PLAN_CONTACT_MIN_OHM_OFFSET, 8, "f64"),
        new Field("prescriptionId", PLAN_PRESCRIPTION_ID_OFFSET, 0, "utf8"));

    private static final List<Field> START_FIELDS = List.of(
        new Field("type", TYPE_OFFSET, 1, "u8"),
        new Field("schemaVersion", START_SCHEMA_VERSION_OFFSET, 2, "u16"),
        new Field("jsonLength", START_JSON_LENGTH_OFFSET, 4, "i32"),
        new Field("configSha256", START_CONFIG_SHA256_OFFSET, 32, "bytes"),
        new Field("sealIntervalRecords", START_SEAL_INTERVAL_OFFSET, 4, "i32"),
        new Field("json", START_JSON_OFFSET, 0, "bytes"));

    private static final List<Field> SEAL_FIELDS = List.of(
        new Field("type", TYPE_OFFSET, 1, "u8"),
        new Field("coveredIndex", SEAL_COVERED_INDEX_OFFSET, 8, "i64"),
        new Field("coveredChain", SEAL_COVERED_CHAIN_OFFSET, CHAIN_LENGTH, "bytes"),
        new Field("signature", SEAL_SIGNATURE_OFFSET, SIGNATURE_LENGTH, "bytes"),
        new Field("chain", SEAL_CHAIN_OFFSET, CHAIN_LENGTH, "bytes"));

    private static final List<Field> END_FIELDS = List.of(
        new Field("type", TYPE_OFFSET, 1, "u8"),
        new Field("finalState", END_FINAL_STATE_OFFSET, 1, "u8"),
        new Field("stateCount", END_STATE_COUNT_OFFSET, 1, "u8"),
        new Field("tripCount", END_TRIP_COUNT_OFFSET, 4, "i32"),
        new Field("firstTripCause", END_FIRST_TRIP_CAUSE_OFFSET, 4, "i32"),
        new Field("firstTick", END_FIRST_TICK_OFFSET, 8, "i64"),
        new Field("lastTick", END_LAST_TICK_OFFSET, 8, "i64"),
        new Field("tickCount", END_TICK_COUNT_OFFSET, 8, "i64"),
        new Field("firstTripTick", END_FIRST_TRIP_TICK_OFFSET, 8, "i64"),
        new Field("doseNormalUc", END_DOSE_NORMAL_UC_OFFSET, 8, "f64"),
        new Field("doseReversedUc", END_DOSE_REVERSED_UC_OFFSET, 8, "f64"),
        new Field("maxMeasuredUa", END_MAX_MEASURED_UA_OFFSET, 8, "f64"),
        new Field("ticksInState", END_TICKS_IN_STATE_OFFSET, 8 * END_STATE_COUNT, "i64[11]"),
        new Field("chain", END_CHAIN_OFFSET, CHAIN_LENGTH, "bytes"));

    private static final List<Field> RECOVERY_FIELDS = List.of(
        new Field("type", TYPE_OFFSET, 1, "u8"),
        new Field("lastIndex", RECOVERY_LAST_INDEX_OFFSET, 8, "i64"),
        new Field("unsignedRecords", RECOVERY_UNSIGNED_RECORDS_OFFSET, 8, "i64"),
        new Field("lastTick", RECOVERY_LAST_TICK_OFFSET, 8, "i64"),
        new Field("wallClockMs", RECOVERY_WALL_CLOCK_MS_OFFSET, 8, "i64"),
        new Field("chain", RECOVERY_CHAIN_OFFSET, CHAIN_LENGTH, "bytes"));

    private static final List<Field> SKIN_FIELDS = List.of(
        new Field("type", TYPE_OFFSET, 1, "u8"),
        new Field("grade", SKIN_GRADE_OFFSET, 1, "u8"),
        new Field("state", SKIN_STATE_OFFSET, 1, "u8"),
        new Field("tick", SKIN_TICK_OFFSET, 8, "i64"),
        new Field("commandId", SKIN_COMMAND_ID_OFFSET, 8, "i64"),
        new Field("textLength", SKIN_TEXT_LENGTH_OFFSET, 4, "i32"),
        new Field("text", SKIN_TEXT_OFFSET, 0, "bytes"));

    /** Pseudo record type of the SessionPlan attachment's table (for {@link #fields(int)}). */
    public static final int PLAN_TABLE = 100 + ATTACHMENT_PLAN;

    private JournalDescriptor()
    {
    }

    /**
     * @param recordType a record type, or {@link #PLAN_TABLE}.
     * @return its fields in offset order.
     */
    public static List<Field> fields(final int recordType)
    {
        switch (recordType)
        {
            case SESSION_START:
                return START_FIELDS;
            case TICK:
                return TICK_FIELDS;
            case EVENT:
                return EVENT_FIELDS;
            case SEAL:
                return SEAL_FIELDS;
            case SESSION_END:
                return END_FIELDS;
            case TICK_WIDE:
                return TICK_WIDE_FIELDS;
            case RECOVERY:
                return RECOVERY_FIELDS;
            case SKIN_CHECK:
                return SKIN_FIELDS;
            case PLAN_TABLE:
                return PLAN_FIELDS;
            default:
                throw new IllegalArgumentException("unknown record type " + recordType);
        }
    }

    /**
     * @param recordType a record type.
     * @return its name.
     */
    public static String typeName(final int recordType)
    {
        switch (recordType)
        {
            case SESSION_START:
                return "SESSION_START";
            case TICK:
                return "TICK";
            case EVENT:
                return "EVENT";
            case SEAL:
                return "SEAL";
            case SESSION_END:
                return "SESSION_END";
            case TICK_WIDE:
                return "TICK_WIDE";
            case RECOVERY:
                return "RECOVERY";
            case SKIN_CHECK:
                return "SKIN_CHECK";
            default:
                return "UNKNOWN(" + recordType + ")";
        }
    }
}
