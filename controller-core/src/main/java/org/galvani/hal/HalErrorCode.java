package org.galvani.hal;

/**
 * Error codes returned by drivers; the same values as {@code GALVANI_E_*} in {@code galvani_hal.h}.
 * Every code is negative; {@link #OK} is zero.
 */
public final class HalErrorCode
{
    public static final int OK = 0;
    public static final int NULL_ARGUMENT = -1;
    public static final int UNKNOWN_BACKEND = -2;
    public static final int CONFIG = -3;
    public static final int HANDLE = -4;
    public static final int RANGE = -5;
    public static final int IO = -6;
    public static final int NO_MEMORY = -7;
    public static final int TOO_MANY = -8;
    public static final int INJECTED = -9;
    public static final int NOT_SUPPORTED = -10;
    public static final int THREAD = -11;
    public static final int PARSE = -12;
    public static final int BUFFER = -13;
    /** The driver's independent safety channel has latched the output off (SR-18). */
    public static final int SAFETY_LATCHED = -14;

    private HalErrorCode()
    {
    }

    /**
     * @param code a driver return code.
     * @return the symbolic name of the code, for messages (not for the tick path).
     */
    public static String name(final int code)
    {
        switch (code)
        {
            case OK: return "OK";
            case NULL_ARGUMENT: return "E_NULL";
            case UNKNOWN_BACKEND: return "E_UNKNOWN_BACKEND";
            case CONFIG: return "E_CONFIG";
            case HANDLE: return "E_HANDLE";
            case RANGE: return "E_RANGE";
            case IO: return "E_IO";
            case NO_MEMORY: return "E_NO_MEMORY";
            case TOO_MANY: return "E_TOO_MANY";
            case INJECTED: return "E_INJECTED";
            case NOT_SUPPORTED: return "E_NOT_SUPPORTED";
            case THREAD: return "E_THREAD";
            case PARSE: return "E_PARSE";
            case BUFFER: return "E_BUFFER";
            case SAFETY_LATCHED: return "E_SAFETY_LATCHED";
            default: return "E_UNKNOWN(" + code + ")";
        }
    }
}
