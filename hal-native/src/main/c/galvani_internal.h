/*
 * galvani_internal.h - shared internals of the Galvani HAL driver (not part of the ABI).
 *
 * Threading: a handle is owned by one control thread. The only concurrent actor is the handle's
 * watchdog thread, which communicates exclusively through the C11 atomics of struct galvani_watchdog.
 */
#ifndef GALVANI_INTERNAL_H
#define GALVANI_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "galvani_hal.h"

#define GALVANI_CFG_MAX_PAIRS 48
#define GALVANI_CFG_MAX_TEXT 2048

/* ---- error detail (thread-local) ------------------------------------------------------------ */
int32_t galvani_fail(int32_t code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- configuration strings ------------------------------------------------------------------- */
struct galvani_cfg
{
    char text[GALVANI_CFG_MAX_TEXT];
    const char *keys[GALVANI_CFG_MAX_PAIRS];
    const char *values[GALVANI_CFG_MAX_PAIRS];
    int count;
};

int32_t galvani_cfg_parse(struct galvani_cfg *cfg, const char *config);
int32_t galvani_cfg_check_known(const struct galvani_cfg *cfg, const char *backend, const char *const *known);
int32_t galvani_cfg_double(const struct galvani_cfg *cfg, const char *key, double def, double min, double max,
                           double *out);
/* A whole number: optional sign and decimal digits only (no fraction, exponent, hex or blanks). */
int32_t galvani_cfg_int(const struct galvani_cfg *cfg, const char *key, int64_t def, int64_t min, int64_t max,
                        int64_t *out);
/* Keys every backend accepts (the safety channel's limits), NULL-terminated. */
extern const char *const GALVANI_CORE_KEYS[];

/* ---- locale-independent number parsing ------------------------------------------------------------ */
/* Decimal real in the "C" locale whatever the process locale: [sign] digits [. digits] [e [sign] digits],
 * an optional trailing newline; finite only (no inf, nan, hex). Returns 0 or -1. */
int galvani_parse_real(const char *text, double *out);
/* Decimal integer: [sign] digits, optional trailing newline, |value| <= 2^53. Returns 0 or -1. */
int galvani_parse_integer(const char *text, int64_t *out);
int32_t galvani_cfg_string(const struct galvani_cfg *cfg, const char *key, const char *def, const char **out);

/* ---- monotonic time --------------------------------------------------------------------------- */
int64_t galvani_now_ns(void);

/* ---- watchdog -------------------------------------------------------------------------------- */
struct galvani_handle;

struct galvani_watchdog
{
    int32_t timeout_ms;          /* 0 = disabled */
    pthread_t thread;
    int started;
    /* Kicks since start (ADR-31): incremented by the control thread (its single writer, release), read by the
     * watchdog thread (acquire). 0 = not armed yet: the first actuate or kick arms the watchdog. The kick
     * reads no clock; the watchdog thread notes when it first sees a new value (struct galvani_watchdog_seen).
     * 64 bits: it never wraps (2^64 kicks at 1 MHz are 584,000 years). */
    _Atomic uint64_t kicks;
    /* Latched by the watchdog thread (release); cleared by the control thread on an actuate with
     * output_enable = 0 (release). Read by both with acquire. */
    _Atomic int tripped;
    /* Set by close (release); read by the watchdog thread (acquire). */
    _Atomic int stop;
};

/* What the watchdog thread last saw of the kick counter: owned by the watchdog thread alone. */
struct galvani_watchdog_seen
{
    uint64_t kicks;   /* the counter's value at the poll that first showed it */
    int64_t at_ns;    /* that poll's CLOCK_MONOTONIC time, read after it loaded the counter */
    int armed;        /* a new value was seen once (sticky: a counter that wrapped to 0 stays armed) */
};

/* ---- independent safety channel (SR-18) ------------------------------------------------------------ */
struct galvani_safety
{
    /* Immutable after open. */
    double limit_current_ua;
    int32_t limit_dac_code;
    double ua_per_lsb_a;
    double ua_per_lsb_b;
    /* Session charge ceiling (bits of a double, 0 = none) and arm sequence: written by the control thread in
     * galvani_hal_arm (release), read by the integrating thread (acquire). */
    _Atomic uint64_t ceiling_bits;
    _Atomic uint32_t arm_seq;
    /* Owned by the integrating thread (sim: the control thread in sample; iio: the watchdog thread's poll). */
    double charge_uc;
    uint32_t seen_arm_seq;
    int64_t last_us;
    int have_last;
    /* Published charge for galvani_hal_safety (relaxed: a diagnostic). */
    _Atomic uint64_t charge_bits;
    /* The latch: 0 = clear, -1 = being latched, > 0 = GALVANI_BREACH_*. First breach wins (CAS). */
    _Atomic int32_t cause;
    _Atomic uint64_t measured_bits;
    _Atomic uint64_t limit_bits;
    _Atomic int32_t breaches;
};

int32_t galvani_safety_open(struct galvani_handle *h, const struct galvani_cfg *cfg, const double *info);
int galvani_safety_latched(struct galvani_handle *h);
/* Latches (first breach wins) and forces the output off; any thread. */
void galvani_safety_breach(struct galvani_handle *h, int32_t cause, double measured, double limit);
/* Checks |current| of two raw current-sense codes against the limit; latches on a breach. */
void galvani_safety_check_current(struct galvani_handle *h, int32_t raw_a, int32_t raw_b);
/* Adds |current| x (now_us - last) to the session charge; latches above the ceiling. */
void galvani_safety_integrate(struct galvani_handle *h, double current_ua, int64_t now_us);
int32_t galvani_safety_arm(struct galvani_handle *h, double ceiling_uc);
void galvani_safety_read(struct galvani_handle *h, double *out);

int32_t galvani_watchdog_start(struct galvani_handle *h, int32_t timeout_ms);
void galvani_watchdog_stop(struct galvani_handle *h);
void galvani_watchdog_kick(struct galvani_handle *h);
/* One poll's judgement (ADR-31), pure and deterministic (C tests drive it with made-up times): kicks is the
 * counter as loaded (acquire) at this poll, now_ns the clock read after that load. A new value is noted with
 * now_ns as its time ("last seen alive"); returns 1 when the watchdog is armed (a new value was seen once) and
 * no new value has been seen for more than timeout_ns, else 0. Never early: a kick happened before the load that
 * showed it, so at_ns is never before it. */
int galvani_watchdog_judge(struct galvani_watchdog_seen *seen, uint64_t kicks, int64_t now_ns, int64_t timeout_ns);
int galvani_watchdog_tripped(struct galvani_handle *h);
void galvani_watchdog_acknowledge(struct galvani_handle *h);

/* ---- backends ----------------------------------------------------------------------------------- */
struct galvani_backend_ops
{
    int32_t (*sample)(struct galvani_handle *h, uint8_t *out);
    /* Arguments are validated by the core; enable is already 0 when the watchdog is tripped. */
    int32_t (*actuate)(struct galvani_handle *h, int32_t dac_code, int32_t polarity, int32_t enable, int32_t duty);
    /* Called from the watchdog thread (and the control thread): must only use async-safe, lock-free
     * operations. Opens the relay and zeroes the DAC. */
    void (*force_off)(struct galvani_handle *h);
    int32_t (*info)(struct galvani_handle *h, double *info);
    void (*close)(struct galvani_handle *h);
    /* Whether the relay is closed, from hardware read-back: 1, 0, or < 0 on a read failure. */
    int32_t (*relay_closed)(struct galvani_handle *h);
    /* Optional (NULL): the watchdog thread's own poll of the current sense (iio), every millisecond. */
    void (*poll)(struct galvani_handle *h);
};

struct galvani_handle
{
    int in_use;
    uint32_t generation;  /* bumped at every open of this slot; part of the handle number */
    int backend;
    int32_t capabilities; /* GALVANI_CAP_* */
    const struct galvani_backend_ops *ops;
    void *impl;
    int32_t dac_max_code;
    struct galvani_watchdog watchdog;
    struct galvani_safety safety;
};

int32_t galvani_sim_open(struct galvani_handle *h, const struct galvani_cfg *cfg);
int32_t galvani_iio_open(struct galvani_handle *h, const struct galvani_cfg *cfg);
struct galvani_handle *galvani_handle_get(int32_t handle);

/* ---- the sim's noise (galvani_noise.c, ADR-32) ------------------------------------------------------------
 * sums[j] = the sum of the 12 splitmix64 draws that follow state + 12j x 0x9E3779B97F4A7C15 (draw k mixes
 * that state + k x 0x9E3779B97F4A7C15), each shifted right by 11 (a 53-bit uniform): < 12 x 2^53, no overflow;
 * j = 0 ... GALVANI_NOISE_BATCH - 1, i.e. the next 8 Gaussians of the stream in order. Portable: one draw after
 * the other, every CPU. Vector: the 8 sums in AVX-512F/DQ lanes, the same integers; on x86-64 it executes
 * AVX-512 instructions, so it may be called only where galvani_noise_vector_available() returns 1 (an illegal
 * instruction elsewhere); on other CPUs it is the portable function. Pure, thread-safe, no allocation. */
#define GALVANI_NOISE_DRAWS 12
#define GALVANI_NOISE_BATCH 8
void galvani_noise_fill_portable(uint64_t state, uint64_t sums[GALVANI_NOISE_BATCH]);
void galvani_noise_fill_vector(uint64_t state, uint64_t sums[GALVANI_NOISE_BATCH]);
int galvani_noise_vector_available(void);

/* ---- little-endian sample block writers ------------------------------------------------------------ */
void galvani_put_i32(uint8_t *out, int offset, int32_t value);
void galvani_put_i64(uint8_t *out, int offset, int64_t value);

#endif /* GALVANI_INTERNAL_H */
