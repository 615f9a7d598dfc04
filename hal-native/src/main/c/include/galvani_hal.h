/*
 * galvani_hal.h - Galvani DAC/ADC hardware abstraction layer, public C ABI.
 *
 * ABI version 1.1. Every integer in this interface has a fixed width. Every entry point
 * returns a negative GALVANI_E_* code on failure and never aborts the process, whatever
 * the input (NULL pointers, unknown handles, malformed configuration, out-of-range values).
 *
 * Threading: one handle is owned by one control thread (sample/actuate/kick/arm). Only the
 * driver's own watchdog thread touches a handle concurrently, through C11 atomics.
 * galvani_hal_open/close may be called from any thread but not concurrently on one handle.
 * A handle carries a generation: once closed, it stays refused even when its slot is reused.
 *
 * Allocation and blocking: galvani_hal_open allocates; galvani_hal_sample, galvani_hal_actuate,
 * galvani_hal_kick and galvani_hal_arm never allocate and never take a lock. They do not block
 * on the sim backend (unless a BUS_STALL fault is injected). On the iio backend they perform one
 * pread/pwrite per channel on descriptors opened by galvani_hal_open: those are system calls into
 * the IIO driver, which may sleep on its SPI/I2C bus for as long as the bus takes. The watchdog
 * thread and the independent safety channel are designed for exactly that case (see
 * docs/safety-monitor.md, "Independent native safety channel").
 *
 * Independent safety channel (SR-18): the driver holds hard limits taken at open (limit_current_ua,
 * limit_dac_code) and a session charge ceiling set by galvani_hal_arm. It enforces them in C on every
 * sample and actuate, and (iio) on its own watchdog-thread poll of the current-sense channels. A breach
 * opens the output, latches (GALVANI_STATUS_SAFETY_LATCHED), and makes actuations that ask for output
 * return GALVANI_E_SAFETY_LATCHED until galvani_hal_arm clears the latch.
 */
#ifndef GALVANI_HAL_H
#define GALVANI_HAL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- version --------------------------------------------------------------------------- */
#define GALVANI_HAL_ABI_MAJOR 1
#define GALVANI_HAL_ABI_MINOR 1
/** (major << 16) | minor. */
#define GALVANI_HAL_ABI_VERSION ((GALVANI_HAL_ABI_MAJOR << 16) | GALVANI_HAL_ABI_MINOR)

/* ---- error codes (always negative) ------------------------------------------------------ */
#define GALVANI_OK                    0
#define GALVANI_E_NULL               -1  /* a required pointer argument was NULL */
#define GALVANI_E_UNKNOWN_BACKEND    -2  /* backend name is not "sim" or "iio" */
#define GALVANI_E_CONFIG             -3  /* malformed configuration string, unknown key, bad value */
#define GALVANI_E_HANDLE             -4  /* handle not open */
#define GALVANI_E_RANGE              -5  /* argument out of range (channel, DAC code, duty, fault kind, ...) */
#define GALVANI_E_IO                 -6  /* I/O error (iio: open/pread/pwrite failed, missing file) */
#define GALVANI_E_NO_MEMORY          -7  /* allocation failed in open */
#define GALVANI_E_TOO_MANY           -8  /* no free handle slot / fault slot */
#define GALVANI_E_INJECTED           -9  /* sim: error returned by an injected DRIVER_ERROR fault */
#define GALVANI_E_NOT_SUPPORTED     -10  /* entry point not supported by this backend */
#define GALVANI_E_THREAD            -11  /* watchdog thread could not be started */
#define GALVANI_E_PARSE             -12  /* iio: a sysfs value was malformed (not an integer / scale) */
#define GALVANI_E_BUFFER            -13  /* caller buffer too small */
#define GALVANI_E_SAFETY_LATCHED    -14  /* the independent safety channel has latched the output off */

/* ---- limits ----------------------------------------------------------------------------- */
#define GALVANI_MAX_HANDLES          16
#define GALVANI_SIM_MAX_FAULTS       32

/* ---- sample block: caller-owned, GALVANI_SAMPLE_BYTES bytes, little-endian host order ---- */
/*
 *  0       4       8       12      16      20      24              32
 *  +-------+-------+-------+-------+-------+-------+---------------+
 *  | ia    | ib    | ve    | vs    | dacrb | status| sequence      |
 *  +-------+-------+-------+-------+-------+-------+---------------+
 *  ia, ib : int32 raw ADC codes of the two redundant current-sense channels (signed, bipolar)
 *  ve     : int32 raw ADC code of the electrode voltage (signed, bipolar)
 *  vs     : int32 raw ADC code of the supply voltage
 *  dacrb  : int32 raw ADC code of the DAC read-back (in DAC codes x readback scale)
 *  status : uint32 GALVANI_STATUS_* bits
 *  sequence: int64 sample counter (sim: the sim step index)
 */
#define GALVANI_SAMPLE_OFF_CURRENT_A     0
#define GALVANI_SAMPLE_OFF_CURRENT_B     4
#define GALVANI_SAMPLE_OFF_ELECTRODE_V   8
#define GALVANI_SAMPLE_OFF_SUPPLY_V     12
#define GALVANI_SAMPLE_OFF_DAC_READBACK 16
#define GALVANI_SAMPLE_OFF_STATUS       20
#define GALVANI_SAMPLE_OFF_SEQUENCE     24
#define GALVANI_SAMPLE_BYTES            32

/* ADC channel indices (fault injection, info) */
#define GALVANI_CH_CURRENT_A      0
#define GALVANI_CH_CURRENT_B      1
#define GALVANI_CH_ELECTRODE_V    2
#define GALVANI_CH_SUPPLY_V       3
#define GALVANI_CH_DAC_READBACK   4
#define GALVANI_CH_COUNT          5

/* status bits */
#define GALVANI_STATUS_OUTPUT_ENABLED    (1u << 0) /* output relay actually closed */
#define GALVANI_STATUS_POLARITY_REVERSED (1u << 1)
#define GALVANI_STATUS_COMPLIANCE        (1u << 2) /* output stage at its compliance voltage */
#define GALVANI_STATUS_WATCHDOG_TRIPPED  (1u << 3) /* latched; cleared by actuate with output_enable=0 */
#define GALVANI_STATUS_ADC_OVERRANGE     (1u << 4) /* some channel at a rail of its ADC range */
#define GALVANI_STATUS_PULSED            (1u << 5) /* duty < 1000 permille */
#define GALVANI_STATUS_SAFETY_LATCHED    (1u << 6) /* the independent safety channel opened the output;
                                                      cleared only by galvani_hal_arm */

/* ---- info block: caller-owned array of GALVANI_INFO_COUNT doubles ---------------------- */
#define GALVANI_INFO_ABI_VERSION          0
#define GALVANI_INFO_BACKEND              1  /* 1 = sim, 2 = iio */
#define GALVANI_INFO_CURRENT_A_UA_PER_LSB 2
#define GALVANI_INFO_CURRENT_B_UA_PER_LSB 3
#define GALVANI_INFO_ELECTRODE_MV_PER_LSB 4
#define GALVANI_INFO_SUPPLY_MV_PER_LSB    5
#define GALVANI_INFO_READBACK_CODES_PER_LSB 6 /* DAC codes per read-back ADC LSB */
#define GALVANI_INFO_DAC_UA_PER_CODE      7  /* nominal */
#define GALVANI_INFO_DAC_MAX_CODE         8
#define GALVANI_INFO_ADC_MIN_CODE         9
#define GALVANI_INFO_ADC_MAX_CODE        10
#define GALVANI_INFO_STEP_US             11  /* sim: simulated time per actuate; iio: 0 */
#define GALVANI_INFO_WATCHDOG_MS         12  /* 0 = disabled */
#define GALVANI_INFO_COMPLIANCE_MV       13  /* nominal compliance voltage of the output stage */
#define GALVANI_INFO_LIMIT_CURRENT_UA    14  /* safety channel: absolute current limit (uA) */
#define GALVANI_INFO_LIMIT_DAC_CODE      15  /* safety channel: largest DAC code accepted */
#define GALVANI_INFO_CAPABILITIES        16  /* GALVANI_CAP_* bits, as a double */
#define GALVANI_INFO_COUNT               24

#define GALVANI_CAP_POLARITY_REVERSAL  1  /* a polarity relay with read-back exists */
#define GALVANI_CAP_PULSED             2  /* the output stage can pulse (duty < 1000) */
#define GALVANI_CAP_SAFETY_POLL        4  /* the watchdog thread polls the current sense itself */

#define GALVANI_BACKEND_SIM 1
#define GALVANI_BACKEND_IIO 2

/* ---- core API ----------------------------------------------------------------------------- */

/** Returns GALVANI_HAL_ABI_VERSION. Known-answer self-test for bindings. */
int32_t galvani_hal_version(void);

/** Static, never-NULL English message for any code (unknown codes get a generic message). */
const char *galvani_hal_strerror(int32_t code);

/**
 * Copies a detail message of the last failure on the calling thread (e.g. which config key
 * was malformed, which sysfs file was missing) into buf, NUL-terminated, truncated to len.
 * Returns the number of bytes written without the NUL, or a negative code.
 */
int32_t galvani_hal_last_error_detail(char *buf, int32_t len);

/**
 * Opens a backend ("sim" or "iio") with a configuration string of comma-separated
 * key=value pairs (whitespace around keys and values ignored; "" = all defaults).
 * Unknown keys and malformed values are GALVANI_E_CONFIG. Returns a handle >= 0, or < 0.
 * Starts the watchdog thread when watchdog_ms > 0 (the watchdog is armed by the first actuate).
 */
int32_t galvani_hal_open(const char *backend, const char *config);

/** Fills info[0..len) (len >= GALVANI_INFO_COUNT) with the GALVANI_INFO_* values. */
int32_t galvani_hal_info(int32_t handle, double *info, int32_t len);

/** Samples every channel once into the GALVANI_SAMPLE_BYTES block at out. */
int32_t galvani_hal_sample(int32_t handle, void *out);

/**
 * Actuates in one call: DAC code (0..DAC_MAX_CODE), polarity (0 normal, 1 reversed),
 * output_enable (0/1), duty (1..1000 permille; 1000 = continuous), and kicks the watchdog.
 * With output_enable = 0 the output relay opens whatever the DAC code. The sim backend
 * advances its physical model by one step (step_us) per call.
 */
int32_t galvani_hal_actuate(int32_t handle, int32_t dac_code, int32_t polarity,
                            int32_t output_enable, int32_t duty_permille);

/** Kicks the watchdog without actuating. */
int32_t galvani_hal_kick(int32_t handle);

/**
 * Arms the independent safety channel for a session: sets the session charge ceiling (uC of
 * |current| x time, both polarities; 0 = no session, no ceiling), zeroes the session charge and
 * clears a safety latch. polarity_reversed = 1 declares that the session needs reversed polarity:
 * refused (GALVANI_E_NOT_SUPPORTED) on hardware without a polarity relay with read-back.
 * Refused with GALVANI_E_RANGE for a negative or non-finite ceiling.
 */
int32_t galvani_hal_arm(int32_t handle, double charge_ceiling_uc, int32_t polarity_reversed);

/* ---- safety block: caller-owned array of GALVANI_SAFETY_COUNT doubles ---------------------- */
#define GALVANI_SAFETY_CAUSE          0  /* GALVANI_BREACH_* of the latch, 0 = not latched */
#define GALVANI_SAFETY_MEASURED       1  /* the value that breached (uA, DAC code or uC) */
#define GALVANI_SAFETY_LIMIT          2  /* the limit it breached */
#define GALVANI_SAFETY_CHARGE_UC      3  /* session charge the channel counted so far */
#define GALVANI_SAFETY_CEILING_UC     4  /* session charge ceiling (0 = none) */
#define GALVANI_SAFETY_BREACHES       5  /* breaches latched since open */
#define GALVANI_SAFETY_COUNT          8

#define GALVANI_BREACH_NONE           0
#define GALVANI_BREACH_CURRENT        1  /* |current| above limit_current_ua (sample or poll) */
#define GALVANI_BREACH_DAC_CODE       2  /* an actuation asked for a DAC code above limit_dac_code */
#define GALVANI_BREACH_CHARGE         3  /* session charge above the ceiling set at arm */

/** Reads the safety channel's state into out[0..len) (len >= GALVANI_SAFETY_COUNT). */
int32_t galvani_hal_safety(int32_t handle, double *out, int32_t len);

/* ---- layout self-test ------------------------------------------------------------------------- */
#define GALVANI_LAYOUT_COUNT 16
/**
 * Fills out[0..len) (len >= GALVANI_LAYOUT_COUNT) with the block layout this library was built
 * with, so that a binding can compare it with the layout it hard-codes: sample bytes, the 7 sample
 * offsets (current A, current B, electrode V, supply V, DAC read-back, status, sequence), info count,
 * truth count, safety count, sizeof(double), sizeof(int64_t), then zeros. Returns the count written.
 */
int32_t galvani_hal_layout(int32_t *out, int32_t len);

/** Stops the watchdog thread, disables the output, releases everything. */
int32_t galvani_hal_close(int32_t handle);

/* ---- sim backend: fault injection and ground truth -------------------------------------- */

#define GALVANI_FAULT_OPEN_CIRCUIT      1  /* load disconnected (hand out of the water); reconnects at end */
#define GALVANI_FAULT_SHORT             2  /* load replaced by magnitude ohms (<=0: 5 ohm) */
#define GALVANI_FAULT_ADC_STUCK         3  /* channel frozen at its code at onset */
#define GALVANI_FAULT_ADC_OFFSET        4  /* channel += magnitude LSB */
#define GALVANI_FAULT_ADC_NOISY         5  /* channel += gaussian noise, sigma = magnitude LSB */
#define GALVANI_FAULT_ADC_OUT_OF_RANGE  6  /* channel at its positive rail (magnitude < 0: negative rail) */
#define GALVANI_FAULT_CHANNEL_DISAGREE  7  /* current B scaled by magnitude (e.g. 0.8) */
#define GALVANI_FAULT_DAC_STUCK         8  /* DAC output frozen at its value at onset */
#define GALVANI_FAULT_DAC_SLEW          9  /* DAC output slews at most magnitude codes per step */
#define GALVANI_FAULT_SUPPLY_SAG       10  /* supply (and so compliance) scaled by magnitude (e.g. 0.5) */
#define GALVANI_FAULT_DRIVER_ERROR     11  /* sample and actuate return code (int)magnitude (>=0: -9) */
#define GALVANI_FAULT_LOAD_STEP        12  /* series resistance += magnitude ohms */
#define GALVANI_FAULT_LOAD_DRIFT       13  /* skin resistance += magnitude ohms per simulated second */
#define GALVANI_FAULT_BUS_STALL        14  /* sample and actuate block magnitude ms of wall time inside the
                                              driver (actuate: between its checks and its writes), as a
                                              slow SPI/I2C transfer would; the watchdog keeps running */
#define GALVANI_FAULT_RELAY_STUCK      15  /* output relay welded closed: it no longer opens (enable=0,
                                              watchdog and safety channel can only zero the DAC) */
#define GALVANI_FAULT_ACTUATE_ERROR    16  /* actuate alone returns code (int)magnitude (>=0: -9) after its
                                              write was applied (a write whose verification failed); sample
                                              is unaffected */
#define GALVANI_FAULT_KIND_MAX         16

/**
 * Schedules a fault active for sim steps [onset_step, onset_step + duration_steps)
 * (duration_steps < 0: permanent). channel is a GALVANI_CH_* index for the ADC_* faults and
 * ignored otherwise. Returns a fault id >= 0, or < 0 (GALVANI_E_NOT_SUPPORTED on iio).
 */
int32_t galvani_sim_inject(int32_t handle, int32_t kind, int32_t channel, int64_t onset_step,
                           int64_t duration_steps, double magnitude);

/** Removes every scheduled fault. */
int32_t galvani_sim_clear_faults(int32_t handle);

#define GALVANI_TRUTH_CURRENT_UA     0  /* true load current (signed, on-phase) */
#define GALVANI_TRUTH_ELECTRODE_MV   1  /* true electrode voltage */
#define GALVANI_TRUTH_LOAD_OHM       2  /* true load impedance magnitude (series + skin), inf on open */
#define GALVANI_TRUTH_DAC_CODE       3  /* DAC output actually applied (after DAC faults) */
#define GALVANI_TRUTH_SKIN_OHM       4
#define GALVANI_TRUTH_COMPLIANCE_MV  5  /* compliance actually available (after supply sag) */
#define GALVANI_TRUTH_STEP           6
#define GALVANI_TRUTH_OUTPUT_ON      7  /* 1 when the relay is closed */
#define GALVANI_TRUTH_COUNT          8

/** Ground truth of the sim's physical model, for tests and properties (not for the controller). */
int32_t galvani_sim_truth(int32_t handle, double *out, int32_t len);

#ifdef __cplusplus
}
#endif
#endif /* GALVANI_HAL_H */
