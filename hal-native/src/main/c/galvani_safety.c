/*
 * galvani_safety.c - the independent native safety channel (SR-18, docs/safety-monitor.md).
 *
 * Hard limits taken at open (absolute current, largest DAC code) and a session charge ceiling set by
 * galvani_hal_arm, enforced in C whatever the Java side computes: on every sample (the current it reads),
 * on every actuate (the DAC code asked for), and on the watchdog thread's poll (iio: the current it reads
 * itself, and the session charge). A breach latches the first cause (compare-and-swap), opens the output
 * and keeps it open: the core refuses output while latched, re-asserts the safe state after every actuate
 * and the watchdog thread re-asserts it every poll. Only galvani_hal_arm clears the latch.
 *
 * Threading: the latch and the published figures are C11 atomics shared by the control thread and the
 * watchdog thread; the charge integrator is owned by exactly one thread (sim: control, iio: watchdog).
 * Allocation: none after open.
 */
#include <math.h>
#include <sched.h>
#include <string.h>

#include "galvani_internal.h"

static uint64_t bits_of(double value)
{
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

static double double_of(uint64_t bits)
{
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

int32_t galvani_safety_open(struct galvani_handle *h, const struct galvani_cfg *cfg, const double *info)
{
    struct galvani_safety *s = &h->safety;
    const double full_scale_ua = fabs(info[GALVANI_INFO_CURRENT_A_UA_PER_LSB]) * info[GALVANI_INFO_ADC_MAX_CODE];
    const int32_t dac_max = (int32_t)info[GALVANI_INFO_DAC_MAX_CODE];
    int64_t dac_limit;
    int32_t rc;
    /* iio drives real hardware: the absolute current limit must be stated. The sim defaults to its sense
     * full scale (the channel then only acts on a configured limit, a DAC limit or a charge ceiling). */
    if (h->backend == GALVANI_BACKEND_IIO)
    {
        const char *given;
        galvani_cfg_string(cfg, "limit_current_ua", NULL, &given);
        if (given == NULL)
        {
            return galvani_fail(GALVANI_E_CONFIG, "config key 'limit_current_ua' is required for backend iio: the "
                                                  "driver's independent safety channel opens the output above it "
                                                  "(e.g. limit_current_ua=35000, the device's absolute limit)");
        }
    }
    if ((rc = galvani_cfg_double(cfg, "limit_current_ua", full_scale_ua > 1.0 ? full_scale_ua : 1.0, 1.0, 1e7,
                                 &s->limit_current_ua)) != GALVANI_OK ||
        (rc = galvani_cfg_int(cfg, "limit_dac_code", dac_max, 0, dac_max, &dac_limit)) != GALVANI_OK)
    {
        return rc;
    }
    s->limit_dac_code = (int32_t)dac_limit;
    s->ua_per_lsb_a = fabs(info[GALVANI_INFO_CURRENT_A_UA_PER_LSB]);
    s->ua_per_lsb_b = fabs(info[GALVANI_INFO_CURRENT_B_UA_PER_LSB]);
    s->charge_uc = 0.0;
    s->seen_arm_seq = 0;
    s->have_last = 0;
    atomic_store_explicit(&s->ceiling_bits, bits_of(0.0), memory_order_relaxed);
    atomic_store_explicit(&s->arm_seq, 0, memory_order_relaxed);
    atomic_store_explicit(&s->charge_bits, bits_of(0.0), memory_order_relaxed);
    atomic_store_explicit(&s->measured_bits, bits_of(0.0), memory_order_relaxed);
    atomic_store_explicit(&s->limit_bits, bits_of(0.0), memory_order_relaxed);
    atomic_store_explicit(&s->breaches, 0, memory_order_relaxed);
    atomic_store_explicit(&s->cause, 0, memory_order_release);
    return GALVANI_OK;
}

int galvani_safety_latched(struct galvani_handle *h)
{
    /* acquire pairs with the release store of the cause in galvani_safety_breach */
    return atomic_load_explicit(&h->safety.cause, memory_order_acquire) != 0;
}

void galvani_safety_breach(struct galvani_handle *h, int32_t cause, double measured, double limit)
{
    struct galvani_safety *s = &h->safety;
    int32_t expected = 0;
    /* First breach wins: claim the latch (-1), publish its figures, then the cause (release). */
    if (atomic_compare_exchange_strong_explicit(&s->cause, &expected, -1, memory_order_acq_rel,
                                                memory_order_acquire))
    {
        atomic_store_explicit(&s->measured_bits, bits_of(measured), memory_order_relaxed);
        atomic_store_explicit(&s->limit_bits, bits_of(limit), memory_order_relaxed);
        atomic_fetch_add_explicit(&s->breaches, 1, memory_order_relaxed);
        atomic_store_explicit(&s->cause, cause, memory_order_release);
    }
    h->ops->force_off(h);
}

void galvani_safety_check_current(struct galvani_handle *h, int32_t raw_a, int32_t raw_b)
{
    const struct galvani_safety *s = &h->safety;
    const double a = fabs((double)raw_a * s->ua_per_lsb_a);
    const double b = fabs((double)raw_b * s->ua_per_lsb_b);
    const double current = a > b ? a : b;
    if (current > s->limit_current_ua)
    {
        galvani_safety_breach(h, GALVANI_BREACH_CURRENT, current, s->limit_current_ua);
    }
}

void galvani_safety_integrate(struct galvani_handle *h, double current_ua, int64_t now_us)
{
    struct galvani_safety *s = &h->safety;
    /* acquire pairs with the release store of arm_seq in galvani_safety_arm: the ceiling is the new one */
    const uint32_t seq = atomic_load_explicit(&s->arm_seq, memory_order_acquire);
    if (seq != s->seen_arm_seq)
    {
        s->seen_arm_seq = seq;
        s->charge_uc = 0.0;
        s->have_last = 0;
    }
    if (s->have_last && now_us > s->last_us)
    {
        s->charge_uc += fabs(current_ua) * (double)(now_us - s->last_us) * 1e-6;
    }
    s->last_us = now_us;
    s->have_last = 1;
    atomic_store_explicit(&s->charge_bits, bits_of(s->charge_uc), memory_order_relaxed);
    const double ceiling = double_of(atomic_load_explicit(&s->ceiling_bits, memory_order_relaxed));
    if (ceiling > 0.0 && s->charge_uc > ceiling)
    {
        galvani_safety_breach(h, GALVANI_BREACH_CHARGE, s->charge_uc, ceiling);
    }
}

int32_t galvani_safety_arm(struct galvani_handle *h, double ceiling_uc)
{
    struct galvani_safety *s = &h->safety;
    if (!isfinite(ceiling_uc) || ceiling_uc < 0.0)
    {
        return galvani_fail(GALVANI_E_RANGE, "charge ceiling %g uC is not a finite number >= 0 (0 = no ceiling)",
                            ceiling_uc);
    }
    atomic_store_explicit(&s->ceiling_bits, bits_of(ceiling_uc), memory_order_relaxed);
    /* release: the integrating thread that sees the new sequence sees the new ceiling and restarts at 0 */
    atomic_fetch_add_explicit(&s->arm_seq, 1, memory_order_release);
    atomic_store_explicit(&s->charge_bits, bits_of(0.0), memory_order_relaxed);
    /* A latch being written by the other thread right now (-1) is not cleared: wait for its cause. */
    for (int spin = 0; spin < 1000 && atomic_load_explicit(&s->cause, memory_order_acquire) < 0; spin++)
    {
        sched_yield();
    }
    int32_t current = atomic_load_explicit(&s->cause, memory_order_acquire);
    if (current > 0)
    {
        atomic_compare_exchange_strong_explicit(&s->cause, &current, 0, memory_order_acq_rel, memory_order_acquire);
    }
    return GALVANI_OK;
}

void galvani_safety_read(struct galvani_handle *h, double *out)
{
    struct galvani_safety *s = &h->safety;
    const int32_t cause = atomic_load_explicit(&s->cause, memory_order_acquire);
    out[GALVANI_SAFETY_CAUSE] = cause;
    out[GALVANI_SAFETY_MEASURED] = double_of(atomic_load_explicit(&s->measured_bits, memory_order_relaxed));
    out[GALVANI_SAFETY_LIMIT] = double_of(atomic_load_explicit(&s->limit_bits, memory_order_relaxed));
    out[GALVANI_SAFETY_CHARGE_UC] = double_of(atomic_load_explicit(&s->charge_bits, memory_order_relaxed));
    out[GALVANI_SAFETY_CEILING_UC] = double_of(atomic_load_explicit(&s->ceiling_bits, memory_order_relaxed));
    out[GALVANI_SAFETY_BREACHES] = atomic_load_explicit(&s->breaches, memory_order_relaxed);
}
