package org.galvani.hal.jna;

import org.galvani.hal.HalErrorCode;
import org.galvani.hal.HalException;
import org.galvani.hal.HalInfo;

/**
 * Offsets and counts of the C header's caller-owned blocks (see {@code galvani_hal.h} for the byte
 * diagram of the sample block). {@link #EXPECTED} is compared at load with what the library reports
 * ({@code galvani_hal_layout}), so a library built from another header is refused with a clear message
 * instead of being read at the wrong offsets. Public so that every binding of the same library (JNA here, FFM in
 * hal-ffm) reads the blocks at the same offsets and runs the same layout self-test.
 */
public final class NativeLayout
{
    public static final int SAMPLE_CURRENT_A = 0;
    public static final int SAMPLE_CURRENT_B = 4;
    public static final int SAMPLE_ELECTRODE_V = 8;
    public static final int SAMPLE_SUPPLY_V = 12;
    public static final int SAMPLE_DAC_READBACK = 16;
    public static final int SAMPLE_STATUS = 20;
    public static final int SAMPLE_SEQUENCE = 24;
    public static final int SAMPLE_BYTES = 32;

    public static final int INFO_ABI_VERSION = 0;
    public static final int INFO_BACKEND = 1;
    public static final int INFO_CURRENT_A_UA_PER_LSB = 2;
    public static final int INFO_CURRENT_B_UA_PER_LSB = 3;
    public static final int INFO_ELECTRODE_MV_PER_LSB = 4;
    public static final int INFO_SUPPLY_MV_PER_LSB = 5;
    public static final int INFO_READBACK_CODES_PER_LSB = 6;
    public static final int INFO_DAC_UA_PER_CODE = 7;
    public static final int INFO_DAC_MAX_CODE = 8;
    public static final int INFO_ADC_MIN_CODE = 9;
    public static final int INFO_ADC_MAX_CODE = 10;
    public static final int INFO_STEP_US = 11;
    public static final int INFO_WATCHDOG_MS = 12;
    public static final int INFO_COMPLIANCE_MV = 13;
    public static final int INFO_LIMIT_CURRENT_UA = 14;
    public static final int INFO_LIMIT_DAC_CODE = 15;
    public static final int INFO_CAPABILITIES = 16;
    public static final int INFO_COUNT = 24;

    public static final int TRUTH_COUNT = 8;
    public static final int SAFETY_COUNT = 8;
    public static final int DETAIL_BYTES = 512;

    public static final int LAYOUT_COUNT = 16;
    /** What {@code galvani_hal_layout} must report, in its order. */
    static final int[] EXPECTED = {
        SAMPLE_BYTES, SAMPLE_CURRENT_A, SAMPLE_CURRENT_B, SAMPLE_ELECTRODE_V, SAMPLE_SUPPLY_V, SAMPLE_DAC_READBACK,
        SAMPLE_STATUS, SAMPLE_SEQUENCE, INFO_COUNT, TRUTH_COUNT, SAFETY_COUNT, Double.BYTES, Long.BYTES, 0, 0, 0};
    private static final String[] NAMES = {
        "sample bytes", "sample offset current A", "sample offset current B", "sample offset electrode V",
        "sample offset supply V", "sample offset DAC read-back", "sample offset status", "sample offset sequence",
        "info count", "truth count", "safety count", "sizeof(double)", "sizeof(int64_t)", "reserved", "reserved",
        "reserved"};

    /**
     * @param actual what the library reported.
     * @return null when it matches {@link #EXPECTED}, else one line naming every differing entry.
     */
    public static String mismatch(final int[] actual)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < EXPECTED.length; i++)
        {
            final int value = i < actual.length ? actual[i] : Integer.MIN_VALUE;
            if (value != EXPECTED[i])
            {
                out.append(out.length() == 0 ? "" : "; ").append(NAMES[i]).append(" is ")
                    .append(i < actual.length ? Integer.toString(value) : "missing").append(" in the library, ")
                    .append(EXPECTED[i]).append(" in the Java binding");
            }
        }
        return out.length() == 0 ? null : "native driver block layout differs from the Java binding's: " + out;
    }

    /**
     * The driver's description from its info block ({@code galvani_hal_info}), every value set by its name
     * through {@link HalInfo#builder()}: the block's order is the C header's, and no binding depends on the
     * order of the record's components.
     *
     * @param v the info block, {@link #INFO_COUNT} doubles.
     * @return the description.
     * @throws HalException {@link HalErrorCode#RANGE} when the driver reports a value out of range (the caller
     *                      still holds the handle and closes it).
     */
    public static HalInfo info(final double[] v)
    {
        try
        {
            return HalInfo.builder()
                .abiVersion((int)v[INFO_ABI_VERSION])
                .backend((int)v[INFO_BACKEND])
                .currentAUaPerLsb(v[INFO_CURRENT_A_UA_PER_LSB])
                .currentBUaPerLsb(v[INFO_CURRENT_B_UA_PER_LSB])
                .electrodeMvPerLsb(v[INFO_ELECTRODE_MV_PER_LSB])
                .supplyMvPerLsb(v[INFO_SUPPLY_MV_PER_LSB])
                .readbackCodesPerLsb(v[INFO_READBACK_CODES_PER_LSB])
                .dacUaPerCode(v[INFO_DAC_UA_PER_CODE])
                .dacMaxCode((int)v[INFO_DAC_MAX_CODE])
                .adcMinCode((int)v[INFO_ADC_MIN_CODE])
                .adcMaxCode((int)v[INFO_ADC_MAX_CODE])
                .stepUs((int)v[INFO_STEP_US])
                .watchdogMs((int)v[INFO_WATCHDOG_MS])
                .complianceMv(v[INFO_COMPLIANCE_MV])
                .conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new HalException(HalErrorCode.RANGE, "the driver describes itself out of range: " + ex.getMessage(),
                ex);
        }
    }

    private NativeLayout()
    {
    }
}
