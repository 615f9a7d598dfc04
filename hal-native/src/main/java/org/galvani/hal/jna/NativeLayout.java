package org.galvani.hal.jna;

/**
 * Offsets and counts of the C header's caller-owned blocks (see {@code galvani_hal.h} for the byte
 * diagram of the sample block).
 */
final class NativeLayout
{
    static final int SAMPLE_CURRENT_A = 0;
    static final int SAMPLE_CURRENT_B = 4;
    static final int SAMPLE_ELECTRODE_V = 8;
    static final int SAMPLE_SUPPLY_V = 12;
    static final int SAMPLE_DAC_READBACK = 16;
    static final int SAMPLE_STATUS = 20;
    static final int SAMPLE_SEQUENCE = 24;
    static final int SAMPLE_BYTES = 32;

    static final int INFO_ABI_VERSION = 0;
    static final int INFO_BACKEND = 1;
    static final int INFO_CURRENT_A_UA_PER_LSB = 2;
    static final int INFO_CURRENT_B_UA_PER_LSB = 3;
    static final int INFO_ELECTRODE_MV_PER_LSB = 4;
    static final int INFO_SUPPLY_MV_PER_LSB = 5;
    static final int INFO_READBACK_CODES_PER_LSB = 6;
    static final int INFO_DAC_UA_PER_CODE = 7;
    static final int INFO_DAC_MAX_CODE = 8;
    static final int INFO_ADC_MIN_CODE = 9;
    static final int INFO_ADC_MAX_CODE = 10;
    static final int INFO_STEP_US = 11;
    static final int INFO_WATCHDOG_MS = 12;
    static final int INFO_COMPLIANCE_MV = 13;
    static final int INFO_COUNT = 16;

    static final int TRUTH_COUNT = 8;
    static final int DETAIL_BYTES = 512;

    private NativeLayout()
    {
    }
}
