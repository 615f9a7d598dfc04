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
    /* Written by the control thread (release), read by the watchdog thread (acquire). */
    _Atomic int64_t last_kick_ns;
    /* 0 until the first actuate; set by the control thread (release). */
    _Atomic int armed;
    /* Latched by the watchdog thread (release); cleared by the control thread on an actuate with
     * output_enable = 0 (release). Read by both with acquire. */
    _Atomic int tripped;
    /* Set by close (release); read by the watchdog thread (acquire). */
    _Atomic int stop;
};

int32_t galvani_watchdog_start(struct galvani_handle *h, int32_t timeout_ms);
void galvani_watchdog_stop(struct galvani_handle *h);
void galvani_watchdog_kick(struct galvani_handle *h);
int galvani_watchdog_tripped(struct galvani_handle *h);
void galvani_watchdog_acknowledge(struct galvani_handle *h);

/* ---- backends ----------------------------------------------------------------------------------- */
struct galvani_backend_ops
{
    int32_t (*sample)(struct galvani_handle *h, uint8_t *out);
    /* Arguments are validated by the core; enable is already 0 when the watchdog is tripped. */
    int32_t (*actuate)(struct galvani_handle *h, int32_t dac_code, int32_t polarity, int32_t enable, int32_t duty);
    /* Called from the watchdog thread: must only use async-safe, lock-free operations. */
    void (*force_off)(struct galvani_handle *h);
    int32_t (*info)(struct galvani_handle *h, double *info);
    void (*close)(struct galvani_handle *h);
};

struct galvani_handle
{
    int in_use;
    int backend;
    const struct galvani_backend_ops *ops;
    void *impl;
    int32_t dac_max_code;
    struct galvani_watchdog watchdog;
};

int32_t galvani_sim_open(struct galvani_handle *h, const struct galvani_cfg *cfg);
int32_t galvani_iio_open(struct galvani_handle *h, const struct galvani_cfg *cfg);
struct galvani_handle *galvani_handle_get(int32_t handle);

/* ---- little-endian sample block writers ------------------------------------------------------------ */
void galvani_put_i32(uint8_t *out, int offset, int32_t value);
void galvani_put_i64(uint8_t *out, int offset, int64_t value);

#endif /* GALVANI_INTERNAL_H */
