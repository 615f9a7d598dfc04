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
        case GALVANI_E_SAFETY_LATCHED: return "the driver's independent safety channel has latched the output off";
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

/* A handle number is generation * GALVANI_MAX_HANDLES + slot, generation >= 1: a handle kept after close
 * names a slot whose generation has moved on when it is reused, and is refused. */
#define GENERATION_MAX ((uint32_t)(INT32_MAX / GALVANI_MAX_HANDLES))

static int32_t handle_number(int32_t slot, uint32_t generation)
{
    return (int32_t)(generation * GALVANI_MAX_HANDLES) + slot;
}

struct galvani_handle *galvani_handle_get(int32_t handle)
{
    if (handle < GALVANI_MAX_HANDLES)
    {
        return NULL; /* negative, or generation 0: never issued */
    }
    struct galvani_handle *h = &g_handles[handle % GALVANI_MAX_HANDLES];
    if (!h->in_use || h->generation != (uint32_t)(handle / GALVANI_MAX_HANDLES))
    {
        return NULL;
    }
    return h;
}

/* ---- watchdog ------------------------------------------------------------------------------- */

/*
 * ADR-31: the kick reads no clock. The control thread counts its kicks; this thread, which polls every 1 ms with
 * its own CLOCK_MONOTONIC, notes the time of the poll at which it first sees a new count ("last seen alive") and
 * trips when no new count has been seen for more than watchdog_ms.
 *   Never early: a kick happened before the load that showed it, and the clock is read after that load, so the
 *   time noted is never before the kick (a trip comes only when the last kick is really older than watchdog_ms).
 *   Late by at most the gap between the two polls around the last kick: 1 ms plus that poll's wake-up delay, on
 *   top of the trip poll's own 1 ms and wake-up delay (as with a stamped kick). If this thread itself was stalled
 *   across the last kick it notes the kick when it resumes: the trip then comes watchdog_ms after the resumption,
 *   at most one more watchdog_ms later than a stamp would have made it (H-63).
 *   A stalled watchdog thread still fails safe: with no new count it trips on the first poll after it resumes.
 */
int galvani_watchdog_judge(struct galvani_watchdog_seen *seen, uint64_t kicks, int64_t now_ns, int64_t timeout_ns)
{
    if (kicks != seen->kicks)
    {
        seen->kicks = kicks;
        seen->at_ns = now_ns;
        seen->armed = 1;
        return 0;
    }
    return seen->armed && now_ns - seen->at_ns > timeout_ns;
}

static void *watchdog_main(void *arg)
{
    struct galvani_handle *h = arg;
    struct galvani_watchdog *wd = &h->watchdog;
    const int64_t timeout_ns = (int64_t)wd->timeout_ms * 1000000LL;
    /* This thread's own view of the counter; kicks is 0 at start (galvani_watchdog_start, before pthread_create). */
    struct galvani_watchdog_seen seen = { 0, galvani_now_ns(), 0 };
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
        if (timeout_ns > 0)
        {
            /* The latch first: an acknowledging actuate kicks before it clears the latch (release), so a cleared
             * latch seen here (acquire) comes with that kick in the counter loaded next: never re-tripped on a view
             * older than the acknowledgement. */
            const int tripped = atomic_load_explicit(&wd->tripped, memory_order_acquire);
            /* acquire pairs with the control thread's release store in galvani_watchdog_kick; the clock is read
             * after this load (an acquire load keeps later reads after it; the vDSO orders its TSC/counter read
             * too: rdtsc_ordered on x86-64, isb on AArch64), so the time noted is never before the kick. */
            const uint64_t kicks = atomic_load_explicit(&wd->kicks, memory_order_acquire);
            if (galvani_watchdog_judge(&seen, kicks, galvani_now_ns(), timeout_ns) && !tripped)
            {
                /* Latch first (release: the control thread's next actuate sees it and keeps the output off). */
                atomic_store_explicit(&wd->tripped, 1, memory_order_release);
            }
        }
        if (h->ops->poll != NULL)
        {
            h->ops->poll(h); /* the safety channel's own reading of the current sense (iio) */
        }
        /* While tripped or latched, re-assert the safe state every poll: a control thread stalled inside a
         * write it began before the trip (a slow bus) cannot leave the output on when it resumes. */
        if (atomic_load_explicit(&wd->tripped, memory_order_acquire) || galvani_safety_latched(h))
        {
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
    atomic_store_explicit(&wd->kicks, 0, memory_order_relaxed); /* not armed; published by pthread_create */
    atomic_store_explicit(&wd->tripped, 0, memory_order_relaxed);
    atomic_store_explicit(&wd->stop, 0, memory_order_release);
    if (timeout_ms <= 0 && h->ops->poll == NULL)
    {
        return GALVANI_OK; /* nothing to watch: no timeout, no safety poll (sim with watchdog_ms=0) */
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
    /* No clock (ADR-31). The control thread is the counter's only writer (galvani_hal.h: a handle is owned by one
     * control thread), so a load and a store increment it, no locked read-modify-write. release pairs with the
     * watchdog thread's acquire load. Were the contract broken by two kicking threads, a lost increment could
     * only hide a kick: an earlier trip, never a later one. */
    const uint64_t kicks = atomic_load_explicit(&h->watchdog.kicks, memory_order_relaxed);
    atomic_store_explicit(&h->watchdog.kicks, kicks + 1, memory_order_release);
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
    uint32_t generation = 0;
    if (slot >= 0)
    {
        generation = g_handles[slot].generation % GENERATION_MAX + 1;
    }
    if (slot < 0)
    {
        pthread_mutex_unlock(&g_open_lock);
        free(cfg);
        return galvani_fail(GALVANI_E_TOO_MANY, "all %d driver handles are open", GALVANI_MAX_HANDLES);
    }
    struct galvani_handle *h = &g_handles[slot];
    memset(h, 0, sizeof *h);
    h->generation = generation; /* kept even when this open fails: the next open moves on */
    rc = is_sim ? galvani_sim_open(h, cfg) : galvani_iio_open(h, cfg);
    if (rc == GALVANI_OK)
    {
        double info[GALVANI_INFO_COUNT] = { 0 };
        h->ops->info(h, info);
        h->dac_max_code = (int32_t)info[GALVANI_INFO_DAC_MAX_CODE];
        rc = galvani_safety_open(h, cfg, info);
        if (rc == GALVANI_OK)
        {
            rc = galvani_watchdog_start(h, (int32_t)info[GALVANI_INFO_WATCHDOG_MS]);
        }
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
    return rc == GALVANI_OK ? handle_number(slot, generation) : rc;
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
    const int32_t rc = h->ops->info(h, info);
    info[GALVANI_INFO_LIMIT_CURRENT_UA] = h->safety.limit_current_ua;
    info[GALVANI_INFO_LIMIT_DAC_CODE] = h->safety.limit_dac_code;
    info[GALVANI_INFO_CAPABILITIES] = h->capabilities;
    return rc;
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
    uint8_t *block = out;
    const int was_latched = galvani_safety_latched(h);
    const int32_t rc = h->ops->sample(h, block);
    if (rc != GALVANI_OK)
    {
        return rc;
    }
    /* SR-18: the current this sample read, against the hard limit, whatever the caller does with it. */
    int32_t raw_a, raw_b;
    uint32_t status;
    memcpy(&raw_a, block + GALVANI_SAMPLE_OFF_CURRENT_A, sizeof raw_a);
    memcpy(&raw_b, block + GALVANI_SAMPLE_OFF_CURRENT_B, sizeof raw_b);
    memcpy(&status, block + GALVANI_SAMPLE_OFF_STATUS, sizeof status);
    galvani_safety_check_current(h, raw_a, raw_b);
    if (galvani_safety_latched(h))
    {
        status |= GALVANI_STATUS_SAFETY_LATCHED;
        if (!was_latched)
        {
            /* Latched during this very sample: the relay was opened after the backend read it back. */
            const int32_t closed = h->ops->relay_closed(h);
            status = closed == 1 ? status | GALVANI_STATUS_OUTPUT_ENABLED : status & ~GALVANI_STATUS_OUTPUT_ENABLED;
        }
        memcpy(block + GALVANI_SAMPLE_OFF_STATUS, &status, sizeof status);
    }
    return GALVANI_OK;
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
    /* SR-18: a DAC code above the hard limit is a breach, whatever the caller thinks it is doing. */
    if (output_enable && dac_code > h->safety.limit_dac_code)
    {
        galvani_safety_breach(h, GALVANI_BREACH_DAC_CODE, dac_code, h->safety.limit_dac_code);
    }
    int32_t refused = GALVANI_OK;
    if (galvani_safety_latched(h) && output_enable)
    {
        output_enable = 0;
        dac_code = 0;
        refused = GALVANI_E_SAFETY_LATCHED;
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
    const int32_t rc = h->ops->actuate(h, dac_code, polarity, output_enable, duty_permille);
    /* Re-check after the last write: the watchdog may have tripped (or the channel latched) while this
     * thread was inside a slow write it began before; its safe state must win over the stale command. */
    if (galvani_watchdog_tripped(h) || galvani_safety_latched(h))
    {
        h->ops->force_off(h);
    }
    if (refused != GALVANI_OK && rc == GALVANI_OK)
    {
        return galvani_fail(refused, "output refused: the safety channel latched (cause %d)",
                            atomic_load_explicit(&h->safety.cause, memory_order_acquire));
    }
    return rc;
}

int32_t galvani_hal_arm(int32_t handle, double charge_ceiling_uc, int32_t polarity_reversed)
{
    struct galvani_handle *h = galvani_handle_get(handle);
    if (h == NULL)
    {
        return galvani_fail(GALVANI_E_HANDLE, "handle %d is not open", handle);
    }
    if (polarity_reversed != 0 && polarity_reversed != 1)
    {
        return galvani_fail(GALVANI_E_RANGE, "polarity_reversed %d is not 0 or 1", polarity_reversed);
    }
    if (polarity_reversed && !(h->capabilities & GALVANI_CAP_POLARITY_REVERSAL))
    {
        return galvani_fail(GALVANI_E_NOT_SUPPORTED, "the session needs reversed polarity, but this device has no "
                                                     "polarity relay with read-back (iio: set polarity_path)");
    }
    return galvani_safety_arm(h, charge_ceiling_uc);
}

int32_t galvani_hal_safety(int32_t handle, double *out, int32_t len)
{
    struct galvani_handle *h = galvani_handle_get(handle);
    if (h == NULL)
    {
        return galvani_fail(GALVANI_E_HANDLE, "handle %d is not open", handle);
    }
    if (out == NULL)
    {
        return galvani_fail(GALVANI_E_NULL, "safety buffer is NULL");
    }
    if (len < GALVANI_SAFETY_COUNT)
    {
        return galvani_fail(GALVANI_E_BUFFER, "safety buffer holds %d doubles, %d needed", len, GALVANI_SAFETY_COUNT);
    }
    for (int i = 0; i < GALVANI_SAFETY_COUNT; i++)
    {
        out[i] = 0.0;
    }
    galvani_safety_read(h, out);
    return GALVANI_OK;
}

int32_t galvani_hal_layout(int32_t *out, int32_t len)
{
    if (out == NULL)
    {
        return galvani_fail(GALVANI_E_NULL, "layout buffer is NULL");
    }
    if (len < GALVANI_LAYOUT_COUNT)
    {
        return galvani_fail(GALVANI_E_BUFFER, "layout buffer holds %d ints, %d needed", len, GALVANI_LAYOUT_COUNT);
    }
    const int32_t layout[GALVANI_LAYOUT_COUNT] = {
        GALVANI_SAMPLE_BYTES, GALVANI_SAMPLE_OFF_CURRENT_A, GALVANI_SAMPLE_OFF_CURRENT_B,
        GALVANI_SAMPLE_OFF_ELECTRODE_V, GALVANI_SAMPLE_OFF_SUPPLY_V, GALVANI_SAMPLE_OFF_DAC_READBACK,
        GALVANI_SAMPLE_OFF_STATUS, GALVANI_SAMPLE_OFF_SEQUENCE, GALVANI_INFO_COUNT, GALVANI_TRUTH_COUNT,
        GALVANI_SAFETY_COUNT, (int32_t)sizeof(double), (int32_t)sizeof(int64_t), 0, 0, 0 };
    memcpy(out, layout, sizeof layout);
    return GALVANI_LAYOUT_COUNT;
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
