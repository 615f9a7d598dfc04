/*
 * galvani_core.c - handle table, argument validation, error messages and the watchdog.
 *
 * Every entry point validates its arguments and returns a negative code instead of aborting.
 * galvani_hal_open/close take a mutex (set-up path); sample/actuate/kick never lock or allocate.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "galvani_internal.h"

static struct galvani_handle g_handles[GALVANI_MAX_HANDLES];
static pthread_mutex_t g_open_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local char g_detail[512];

int32_t galvani_fail(int32_t code, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    vsnprintf(g_detail, sizeof g_detail, fmt, args);
    va_end(args);
    return code;
}

int32_t galvani_hal_version(void)
{
    return GALVANI_HAL_ABI_VERSION;
}

const char *galvani_hal_strerror(int32_t code)
{
    switch (code)
    {
        case GALVANI_OK: return "ok";
        case GALVANI_E_NULL: return "a required argument was NULL";
        case GALVANI_E_UNKNOWN_BACKEND: return "unknown backend (known: sim, iio)";
        case GALVANI_E_CONFIG: return "invalid configuration string";
        case GALVANI_E_HANDLE: return "handle is not open";
        case GALVANI_E_RANGE: return "argument out of range";
        case GALVANI_E_IO: return "input/output error";
        case GALVANI_E_NO_MEMORY: return "out of memory";
        case GALVANI_E_TOO_MANY: return "no free slot (handles or faults)";
        case GALVANI_E_INJECTED: return "error injected by the simulator";
        case GALVANI_E_NOT_SUPPORTED: return "not supported by this backend";
        case GALVANI_E_THREAD: return "watchdog thread could not be started";
        case GALVANI_E_PARSE: return "malformed value read from the device";
        case GALVANI_E_BUFFER: return "caller buffer too small";
        default: return "unknown error code";
    }
}

int32_t galvani_hal_last_error_detail(char *buf, int32_t len)
{
    if (buf == NULL)
    {
        return GALVANI_E_NULL;
    }
    if (len <= 0)
    {
        return GALVANI_E_BUFFER;
    }
    const size_t n = strnlen(g_detail, sizeof g_detail);
    const size_t copy = n < (size_t)len - 1 ? n : (size_t)len - 1;
    memcpy(buf, g_detail, copy);
    buf[copy] = '\0';
    return (int32_t)copy;
}

int64_t galvani_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void galvani_put_i32(uint8_t *out, int offset, int32_t value)
{
    memcpy(out + offset, &value, sizeof value);
}

void galvani_put_i64(uint8_t *out, int offset, int64_t value)
{
    memcpy(out + offset, &value, sizeof value);
}

struct galvani_handle *galvani_handle_get(int32_t handle)
{
    if (handle < 0 || handle >= GALVANI_MAX_HANDLES || !g_handles[handle].in_use)
    {
        return NULL;
    }
    return &g_handles[handle];
}

/* ---- watchdog ------------------------------------------------------------------------------- */

static void *watchdog_main(void *arg)
{
    struct galvani_handle *h = arg;
    struct galvani_watchdog *wd = &h->watchdog;
    const int64_t timeout_ns = (int64_t)wd->timeout_ms * 1000000LL;
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    while (!atomic_load_explicit(&wd->stop, memory_order_acquire))
    {
        next.tv_nsec += 1000000L;
        if (next.tv_nsec >= 1000000000L)
        {
            next.tv_nsec -= 1000000000L;
            next.tv_sec += 1;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
        if (!atomic_load_explicit(&wd->armed, memory_order_acquire) ||
            atomic_load_explicit(&wd->tripped, memory_order_acquire))
        {
            continue;
        }
        /* acquire pairs with the control thread's release store in galvani_watchdog_kick */
        const int64_t last = atomic_load_explicit(&wd->last_kick_ns, memory_order_acquire);
        if (galvani_now_ns() - last > timeout_ns)
        {
            /* Latch first (release: the control thread's next actuate sees it and keeps the output
             * off), then make the hardware safe ourselves. */
            atomic_store_explicit(&wd->tripped, 1, memory_order_release);
            h->ops->force_off(h);
        }
    }
    return NULL;
}

int32_t galvani_watchdog_start(struct galvani_handle *h, int32_t timeout_ms)
{
    struct galvani_watchdog *wd = &h->watchdog;
    wd->timeout_ms = timeout_ms;
    wd->started = 0;
    atomic_store_explicit(&wd->last_kick_ns, galvani_now_ns(), memory_order_relaxed);
    atomic_store_explicit(&wd->armed, 0, memory_order_relaxed);
    atomic_store_explicit(&wd->tripped, 0, memory_order_relaxed);
    atomic_store_explicit(&wd->stop, 0, memory_order_release);
    if (timeout_ms <= 0)
    {
        return GALVANI_OK;
    }
    if (pthread_create(&wd->thread, NULL, watchdog_main, h) != 0)
    {
        return galvani_fail(GALVANI_E_THREAD, "cannot start the watchdog thread: %s", strerror(errno));
    }
    wd->started = 1;
    return GALVANI_OK;
}

void galvani_watchdog_stop(struct galvani_handle *h)
{
    struct galvani_watchdog *wd = &h->watchdog;
    if (wd->started)
    {
        atomic_store_explicit(&wd->stop, 1, memory_order_release);
        pthread_join(wd->thread, NULL);
        wd->started = 0;
    }
}

void galvani_watchdog_kick(struct galvani_handle *h)
{
    /* release: the watchdog thread's acquire load sees a kick no older than this one */
    atomic_store_explicit(&h->watchdog.last_kick_ns, galvani_now_ns(), memory_order_release);
    atomic_store_explicit(&h->watchdog.armed, 1, memory_order_release);
}

int galvani_watchdog_tripped(struct galvani_handle *h)
{
    return atomic_load_explicit(&h->watchdog.tripped, memory_order_acquire);
}

void galvani_watchdog_acknowledge(struct galvani_handle *h)
{
    atomic_store_explicit(&h->watchdog.tripped, 0, memory_order_release);
}

/* ---- entry points ------------------------------------------------------------------------------ */

int32_t galvani_hal_open(const char *backend, const char *config)
{
    if (backend == NULL || config == NULL)
    {
        return galvani_fail(GALVANI_E_NULL, "backend and config must not be NULL (use \"\" for defaults)");
    }
    int is_sim = strcmp(backend, "sim") == 0;
    int is_iio = strcmp(backend, "iio") == 0;
    if (!is_sim && !is_iio)
    {
        return galvani_fail(GALVANI_E_UNKNOWN_BACKEND, "unknown backend '%.64s' (known: sim, iio)", backend);
    }
    struct galvani_cfg *cfg = calloc(1, sizeof *cfg);
    if (cfg == NULL)
    {
        return galvani_fail(GALVANI_E_NO_MEMORY, "cannot allocate the configuration parser");
    }
    int32_t rc = galvani_cfg_parse(cfg, config);
    if (rc != GALVANI_OK)
    {
        free(cfg);
        return rc;
    }
    pthread_mutex_lock(&g_open_lock);
    int32_t slot = -1;
    for (int32_t i = 0; i < GALVANI_MAX_HANDLES; i++)
    {
        if (!g_handles[i].in_use)
        {
            slot = i;
            break;
        }
    }
    if (slot < 0)
    {
        pthread_mutex_unlock(&g_open_lock);
        free(cfg);
        return galvani_fail(GALVANI_E_TOO_MANY, "all %d driver handles are open", GALVANI_MAX_HANDLES);
    }
    struct galvani_handle *h = &g_handles[slot];
    memset(h, 0, sizeof *h);
    rc = is_sim ? galvani_sim_open(h, cfg) : galvani_iio_open(h, cfg);
    if (rc == GALVANI_OK)
    {
        double info[GALVANI_INFO_COUNT];
        h->ops->info(h, info);
        h->dac_max_code = (int32_t)info[GALVANI_INFO_DAC_MAX_CODE];
        rc = galvani_watchdog_start(h, (int32_t)info[GALVANI_INFO_WATCHDOG_MS]);
        if (rc != GALVANI_OK)
        {
            h->ops->close(h);
        }
    }
    if (rc == GALVANI_OK)
    {
        h->in_use = 1;
    }
    pthread_mutex_unlock(&g_open_lock);
    free(cfg);
    return rc == GALVANI_OK ? slot : rc;
}

int32_t galvani_hal_info(int32_t handle, double *info, int32_t len)
{
    struct galvani_handle *h = galvani_handle_get(handle);
    if (h == NULL)
    {
        return galvani_fail(GALVANI_E_HANDLE, "handle %d is not open", handle);
    }
    if (info == NULL)
    {
        return galvani_fail(GALVANI_E_NULL, "info buffer is NULL");
    }
    if (len < GALVANI_INFO_COUNT)
    {
        return galvani_fail(GALVANI_E_BUFFER, "info buffer holds %d doubles, %d needed", len, GALVANI_INFO_COUNT);
    }
    for (int i = 0; i < GALVANI_INFO_COUNT; i++)
    {
        info[i] = 0.0;
    }
    return h->ops->info(h, info);
}

int32_t galvani_hal_sample(int32_t handle, void *out)
{
    struct galvani_handle *h = galvani_handle_get(handle);
    if (h == NULL)
    {
        return GALVANI_E_HANDLE;
    }
    if (out == NULL)
    {
        return GALVANI_E_NULL;
    }
    return h->ops->sample(h, (uint8_t *)out);
}

int32_t galvani_hal_actuate(int32_t handle, int32_t dac_code, int32_t polarity, int32_t output_enable,
                            int32_t duty_permille)
{
    struct galvani_handle *h = galvani_handle_get(handle);
    if (h == NULL)
    {
        return GALVANI_E_HANDLE;
    }
    galvani_watchdog_kick(h);
    if (dac_code < 0 || dac_code > h->dac_max_code || (polarity != 0 && polarity != 1) ||
        (output_enable != 0 && output_enable != 1) || duty_permille < 1 || duty_permille > 1000)
    {
        /* Invalid command: the output relay opens (never an undefined output). */
        h->ops->actuate(h, 0, polarity == 1 ? 1 : 0, 0, 1000);
        return GALVANI_E_RANGE;
    }
    if (galvani_watchdog_tripped(h))
    {
        if (output_enable == 0)
        {
            galvani_watchdog_acknowledge(h);
        }
        else
        {
            output_enable = 0;
        }
    }
    return h->ops->actuate(h, dac_code, polarity, output_enable, duty_permille);
}

int32_t galvani_hal_kick(int32_t handle)
{
    struct galvani_handle *h = galvani_handle_get(handle);
    if (h == NULL)
    {
        return GALVANI_E_HANDLE;
    }
    galvani_watchdog_kick(h);
    return GALVANI_OK;
}

int32_t galvani_hal_close(int32_t handle)
{
    pthread_mutex_lock(&g_open_lock);
    struct galvani_handle *h = galvani_handle_get(handle);
    if (h == NULL)
    {
        pthread_mutex_unlock(&g_open_lock);
        return galvani_fail(GALVANI_E_HANDLE, "handle %d is not open", handle);
    }
    galvani_watchdog_stop(h);
    h->ops->force_off(h);
    h->ops->close(h);
    h->in_use = 0;
    pthread_mutex_unlock(&g_open_lock);
    return GALVANI_OK;
}
