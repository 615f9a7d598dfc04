/*
 * galvani_sim.c - the "sim" backend: a deterministic physical model of an iontophoresis load.
 *
 * Output stage: a voltage-controlled current source (16-bit DAC, gain and offset error, first-order
 * bandwidth) limited by its compliance voltage (and by the supply). Load: series resistance (bath or
 * pad) + skin as a parallel RC whose resistance falls exponentially as pores fill. Sensing: two
 * redundant 16-bit current channels, electrode voltage, supply voltage and DAC read-back, each with
 * quantisation and seeded Gaussian noise. Time advances by exactly one step (step_us) per actuate,
 * never by the wall clock: the same seed and the same actuations give byte-identical samples.
 *
 * Faults: scheduled by step index, see galvani_hal.h GALVANI_FAULT_*.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "galvani_internal.h"

struct sim_fault
{
    int32_t kind;
    int32_t channel;
    int64_t onset;
    int64_t duration;
    double magnitude;
    int32_t held;       /* ADC_STUCK: code frozen at onset; DAC_STUCK: DAC value frozen */
    int held_valid;
};

struct sim
{
    /* configuration */
    uint64_t seed;
    double step_s;
    double compliance_v;
    double supply_v;
    double r_series_ohm;
    double r_skin_initial_ohm;
    double r_skin_final_ohm;
    double drift_tau_s;
    double c_skin_f;
    double dac_fullscale_ua;
    double dac_gain;
    double dac_offset_ua;
    double source_alpha;   /* 1 - exp(-dt / source_tau), computed once */
    double noise_lsb;
    double current_lsb_ua;
    double voltage_lsb_mv;
    double supply_lsb_mv;
    double current_b_gain;
    int32_t watchdog_ms;
    int32_t step_us;

    /* state, advanced only by actuate (and the PRNG by sample) */
    uint64_t rng;          /* the state before the first draw not yet in noise_sums */
    uint64_t noise_sums[GALVANI_NOISE_BATCH]; /* the next Gaussians' integer sums, computed ahead (ADR-32) */
    int noise_next;        /* index of the next unused sum; GALVANI_NOISE_BATCH: none left */
    int noise_vector;      /* galvani_noise_vector_available() at open: the sums in AVX-512 lanes (same numbers) */
    int64_t step;
    double source_ua;      /* output stage internal current (follows the DAC target) */
    double current_ua;     /* load current (on-phase, signed) */
    double electrode_v;    /* electrode voltage (signed) */
    double cap_v;          /* skin capacitance voltage */
    double drift_ohm;      /* accumulated LOAD_DRIFT */
    double dac_applied;    /* DAC code actually applied after DAC faults */
    double compliance_now_v;
    int32_t polarity;
    int32_t enabled;
    /* The output relay, as hardware: written by the control thread (advance) and by the watchdog thread
     * (force_off), read back by sample and truth. relay_stuck mirrors an active RELAY_STUCK fault so that
     * force_off, on the watchdog thread, knows the relay no longer opens. */
    _Atomic int relay;
    _Atomic int relay_stuck;
    int32_t duty;
    int compliance_hit;
    int open_circuit;
    double load_ohm;
    double skin_ohm;

    struct sim_fault faults[GALVANI_SIM_MAX_FAULTS];
    int32_t fault_count;
};

static const char *const SIM_KEYS[] = {
    "seed", "step_us", "compliance_v", "supply_v", "r_series_ohm", "r_skin_initial_ohm", "r_skin_final_ohm",
    "skin_drift_tau_s", "c_skin_nf", "dac_fullscale_ua", "dac_gain", "dac_offset_ua", "source_tau_us",
    "adc_noise_lsb", "current_fullscale_ua", "voltage_fullscale_mv", "supply_fullscale_mv", "current_b_gain",
    "watchdog_ms", "noise_vector", NULL };

/* Longest BUS_STALL the sim honours, ms: a stall is wall time spent inside a driver call. */
#define SIM_MAX_STALL_MS 10000.0

/* ---- deterministic noise ------------------------------------------------------------------------- */

/* Irwin-Hall: sum of 12 uniforms minus 6 is close to N(0, 1); no libm needed. The uniforms are the 53-bit
 * integers k / 2^53 of 12 splitmix64 draws, summed exactly as integers (12 x 2^53 < 2^57: no overflow) and
 * converted once (ADR-31). A draw depends only on its index, so the sums are computed 8 at a time ahead of use
 * (in AVX-512 lanes where the CPU has them) and handed out in order: the same numbers as one draw after the
 * other, on every CPU (ADR-32). */
static double gaussian(struct sim *s)
{
    if (s->noise_next == GALVANI_NOISE_BATCH)
    {
        if (s->noise_vector)
        {
            galvani_noise_fill_vector(s->rng, s->noise_sums);
        }
        else
        {
            galvani_noise_fill_portable(s->rng, s->noise_sums);
        }
        s->rng += (uint64_t)GALVANI_NOISE_BATCH * GALVANI_NOISE_DRAWS * 0x9E3779B97F4A7C15ULL;
        s->noise_next = 0;
    }
    const uint64_t sum = s->noise_sums[s->noise_next++];
    return (double)sum * (1.0 / 9007199254740992.0) - 6.0;
}

/* ---- faults ------------------------------------------------------------------------------------- */

static int fault_active(const struct sim_fault *f, int64_t step)
{
    /* step - onset cannot overflow (both >= 0); onset + duration could. */
    return step >= f->onset && (f->duration < 0 || step - f->onset < f->duration);
}

static struct sim_fault *active_fault(struct sim *s, int32_t kind, int32_t channel)
{
    for (int32_t i = 0; i < s->fault_count; i++)
    {
        struct sim_fault *f = &s->faults[i];
        if (f->kind == kind && (channel < 0 || f->channel == channel) && fault_active(f, s->step))
        {
            return f;
        }
    }
    return NULL;
}

static int32_t injected_error(struct sim *s, int32_t kind)
{
    const struct sim_fault *f = active_fault(s, kind, -1);
    if (f == NULL)
    {
        return GALVANI_OK;
    }
    /* A magnitude at or below -1 (and representable) is the code to return; anything else is E_INJECTED.
     * Never converts an out-of-range double to int (undefined behaviour). */
    const double m = f->magnitude;
    return m <= -1.0 && m >= (double)INT32_MIN ? (int32_t)m : GALVANI_E_INJECTED;
}

/* BUS_STALL: wall time spent inside the driver call, as a slow SPI/I2C transfer would. */
static void bus_stall(struct sim *s)
{
    const struct sim_fault *f = active_fault(s, GALVANI_FAULT_BUS_STALL, -1);
    if (f == NULL || !(f->magnitude > 0.0))
    {
        return;
    }
    const double ms = f->magnitude < SIM_MAX_STALL_MS ? f->magnitude : SIM_MAX_STALL_MS;
    const int64_t ns = (int64_t)(ms * 1e6);
    struct timespec ts = { (time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL) };
    while (nanosleep(&ts, &ts) != 0)
    {
    }
}

/* ---- physics -------------------------------------------------------------------------------------- */

/* The command reaches the output stage: the DAC code through its faults (stuck, slew-limited), the relay
 * following the enable unless welded closed. Returns whether the relay is closed. */
static int apply_command(struct sim *s, int32_t dac_code, int32_t polarity, int32_t enable, int32_t duty)
{
    struct sim_fault *stuck = active_fault(s, GALVANI_FAULT_DAC_STUCK, -1);
    struct sim_fault *slew = active_fault(s, GALVANI_FAULT_DAC_SLEW, -1);
    if (stuck != NULL)
    {
        if (!stuck->held_valid)
        {
            stuck->held = (int32_t)s->dac_applied;
            stuck->held_valid = 1;
        }
        s->dac_applied = stuck->held;
    }
    else if (slew != NULL && slew->magnitude > 0.0)
    {
        const double delta = dac_code - s->dac_applied;
        s->dac_applied += delta > slew->magnitude ? slew->magnitude : delta < -slew->magnitude ? -slew->magnitude : delta;
    }
    else
    {
        s->dac_applied = dac_code;
    }
    s->polarity = polarity;
    s->enabled = enable;
    s->duty = duty;
    /* The relay follows the command, unless welded closed; the driver zeroes the DAC whenever the
     * output is disabled, so a stuck relay carries only what the source still holds. */
    const int stuck_relay = active_fault(s, GALVANI_FAULT_RELAY_STUCK, -1) != NULL;
    atomic_store_explicit(&s->relay_stuck, stuck_relay, memory_order_release);
    const int closed = enable || stuck_relay;
    atomic_store_explicit(&s->relay, closed, memory_order_release);
    return closed;
}

/* The load at one step: skin (drifting), series resistance (load steps), the compliance the supply allows
 * (sag), and an open or shorted electrode. */
struct load
{
    double skin_ohm;
    double series_ohm;
    double compliance_v;
    const struct sim_fault *open;
    const struct sim_fault *shorted;
};

static struct load load_at_step(struct sim *s, double dt)
{
    struct load l;
    const double t = (double)s->step * dt;
    struct sim_fault *drift = active_fault(s, GALVANI_FAULT_LOAD_DRIFT, -1);
    if (drift != NULL)
    {
        s->drift_ohm += drift->magnitude * dt;
    }
    double skin = s->r_skin_final_ohm + (s->r_skin_initial_ohm - s->r_skin_final_ohm) * exp(-t / s->drift_tau_s);
    skin += s->drift_ohm;
    if (skin < 1.0)
    {
        skin = 1.0;
    }
    double series = s->r_series_ohm;
    for (int32_t i = 0; i < s->fault_count; i++)
    {
        if (s->faults[i].kind == GALVANI_FAULT_LOAD_STEP && fault_active(&s->faults[i], s->step))
        {
            series += s->faults[i].magnitude;
        }
    }
    if (series < 1.0)
    {
        series = 1.0;
    }
    struct sim_fault *sag = active_fault(s, GALVANI_FAULT_SUPPLY_SAG, -1);
    const double supply = s->supply_v * (sag != NULL ? sag->magnitude : 1.0);
    double compliance = s->compliance_v < supply - 2.0 ? s->compliance_v : supply - 2.0;
    if (compliance < 0.0)
    {
        compliance = 0.0;
    }
    s->compliance_now_v = compliance;
    s->skin_ohm = skin;
    l.open = active_fault(s, GALVANI_FAULT_OPEN_CIRCUIT, -1);
    l.shorted = active_fault(s, GALVANI_FAULT_SHORT, -1);
    s->open_circuit = l.open != NULL;
    s->load_ohm = l.open != NULL ? HUGE_VAL : l.shorted != NULL ? (l.shorted->magnitude > 0 ? l.shorted->magnitude : 5.0)
                                                                : series + skin;
    l.skin_ohm = skin;
    l.series_ohm = series;
    l.compliance_v = compliance;
    return l;
}

/* A shorted electrode: the source's current through the short, limited by the compliance. */
static void drive_short(struct sim *s, double compliance)
{
    const double r = s->load_ohm;
    double i = s->source_ua;
    if (fabs(i * 1e-6 * r) > compliance)
    {
        i = (i > 0 ? compliance : -compliance) / r * 1e6;
        s->compliance_hit = 1;
    }
    s->current_ua = i;
    s->electrode_v = i * 1e-6 * r;
    s->cap_v = 0.0;
}

/* Saturated: the output is a voltage source at the rail driving Rs + (Rskin || C). Solved exactly over the
 * step (Thevenin: target rail * Rskin / (Rs + Rskin), tau = C * (Rs || Rskin)), which stays stable whatever
 * the ratio of the resistances. */
static void drive_saturated(struct sim *s, double i_source, const struct load *l, double dt)
{
    const double series = l->series_ohm;
    const double skin = l->skin_ohm;
    const double rail = i_source > 0 ? l->compliance_v : -l->compliance_v;
    const double parallel = series * skin / (series + skin);
    const double v_target = rail * skin / (series + skin);
    s->cap_v = v_target + (s->cap_v - v_target) * exp(-dt / (parallel * s->c_skin_f));
    double limited = (rail - s->cap_v) / series * 1e6;
    if ((limited > 0) != (i_source > 0))
    {
        limited = 0.0;
    }
    if (fabs(limited) > fabs(i_source))
    {
        limited = i_source;
    }
    s->current_ua = limited;
    s->electrode_v = rail;
    s->compliance_hit = 1;
}

/* One step of the plant, in physical order: the command reaches the output stage, the load of this step,
 * then the current the source drives through it (relay open, open circuit, short, saturated or linear). */
static void advance(struct sim *s, int32_t dac_code, int32_t polarity, int32_t enable, int32_t duty)
{
    const double dt = s->step_s;
    const int closed = apply_command(s, dac_code, polarity, enable, duty);
    const struct load l = load_at_step(s, dt);
    const double compliance = l.compliance_v;

    const double skin_decay = exp(-dt / (l.skin_ohm * s->c_skin_f));
    s->compliance_hit = 0;
    if (!closed)
    {
        /* Relay open: no current at once; the skin capacitance discharges through the skin. */
        s->source_ua = 0.0;
        s->current_ua = 0.0;
        s->cap_v *= skin_decay;
        s->electrode_v = 0.0;
        return;
    }

    const double sign = polarity ? -1.0 : 1.0;
    const double drive_code = enable ? s->dac_applied : 0.0;
    const double magnitude_ua = drive_code / 65535.0 * s->dac_fullscale_ua * s->dac_gain +
                                (drive_code > 0.0 ? s->dac_offset_ua : 0.0);
    const double target_ua = sign * magnitude_ua;
    s->source_ua += (target_ua - s->source_ua) * s->source_alpha;
    const double duty_fraction = duty / 1000.0;

    if (l.open != NULL)
    {
        s->current_ua = 0.0;
        s->cap_v *= skin_decay;
        const int driving = fabs(s->source_ua) > 1.0;
        s->electrode_v = driving ? (s->source_ua > 0 ? compliance : -compliance) : 0.0;
        s->compliance_hit = driving;
        return;
    }
    if (l.shorted != NULL)
    {
        drive_short(s, compliance);
        return;
    }

    const double i_source = s->source_ua;
    if (fabs(i_source * 1e-6 * l.series_ohm + s->cap_v) > compliance)
    {
        drive_saturated(s, i_source, &l, dt);
        return;
    }
    s->current_ua = i_source;
    s->electrode_v = i_source * 1e-6 * l.series_ohm + s->cap_v;
    /* The capacitor integrates the mean current (pulsed: peak x duty), exactly over the step. */
    const double v_steady = i_source * duty_fraction * 1e-6 * l.skin_ohm;
    s->cap_v = v_steady + (s->cap_v - v_steady) * skin_decay;
}

/* ---- ADC ----------------------------------------------------------------------------------------- */

static int32_t adc_code(struct sim *s, int32_t channel, double value, double lsb, int32_t min, int32_t max,
                        uint32_t *status)
{
    double code = value / lsb + gaussian(s) * s->noise_lsb;
    for (int32_t i = 0; i < s->fault_count; i++)
    {
        struct sim_fault *f = &s->faults[i];
        if (f->channel != channel || !fault_active(f, s->step))
        {
            continue;
        }
        if (f->kind == GALVANI_FAULT_ADC_OFFSET)
        {
            code += f->magnitude;
        }
        else if (f->kind == GALVANI_FAULT_ADC_NOISY)
        {
            code += gaussian(s) * f->magnitude;
        }
    }
    code = code < 0 ? -floor(-code + 0.5) : floor(code + 0.5);
    int32_t result;
    if (code <= min)
    {
        result = min;
    }
    else if (code >= max)
    {
        result = max;
    }
    else
    {
        result = (int32_t)code;
    }
    for (int32_t i = 0; i < s->fault_count; i++)
    {
        struct sim_fault *f = &s->faults[i];
        if (f->channel != channel || !fault_active(f, s->step))
        {
            continue;
        }
        if (f->kind == GALVANI_FAULT_ADC_STUCK)
        {
            if (!f->held_valid)
            {
                f->held = result;
                f->held_valid = 1;
            }
            result = f->held;
        }
        else if (f->kind == GALVANI_FAULT_ADC_OUT_OF_RANGE)
        {
            result = f->magnitude < 0 ? min : max;
        }
    }
    if (result <= min || result >= max)
    {
        *status |= GALVANI_STATUS_ADC_OVERRANGE;
    }
    return result;
}

/* ---- backend operations ------------------------------------------------------------------------------ */

static int32_t sim_sample(struct galvani_handle *h, uint8_t *out)
{
    struct sim *s = h->impl;
    const int32_t err = injected_error(s, GALVANI_FAULT_DRIVER_ERROR);
    if (err != GALVANI_OK)
    {
        return err;
    }
    bus_stall(s);
    const int tripped = galvani_watchdog_tripped(h);
    /* Status from the relay as it is (read-back), not from the last command. */
    const int on = atomic_load_explicit(&s->relay, memory_order_acquire);
    uint32_t status = 0;
    if (on)
    {
        status |= GALVANI_STATUS_OUTPUT_ENABLED;
    }
    if (s->polarity)
    {
        status |= GALVANI_STATUS_POLARITY_REVERSED;
    }
    if (on && s->compliance_hit)
    {
        status |= GALVANI_STATUS_COMPLIANCE;
    }
    if (tripped)
    {
        status |= GALVANI_STATUS_WATCHDOG_TRIPPED;
    }
    if (on && s->duty < 1000)
    {
        status |= GALVANI_STATUS_PULSED;
    }
    const double current = on ? s->current_ua : 0.0;
    const double electrode_mv = on ? s->electrode_v * 1000.0 : s->cap_v * 1000.0;
    const struct sim_fault *disagree = active_fault(s, GALVANI_FAULT_CHANNEL_DISAGREE, -1);
    const double b_scale = s->current_b_gain * (disagree != NULL ? disagree->magnitude : 1.0);
    struct sim_fault *sag = active_fault(s, GALVANI_FAULT_SUPPLY_SAG, -1);
    const double supply_mv = s->supply_v * (sag != NULL ? sag->magnitude : 1.0) * 1000.0;

    const int32_t code_a = adc_code(s, GALVANI_CH_CURRENT_A, current, s->current_lsb_ua, -32768, 32767, &status);
    const int32_t code_b =
        adc_code(s, GALVANI_CH_CURRENT_B, current * b_scale, s->current_lsb_ua, -32768, 32767, &status);
    galvani_put_i32(out, GALVANI_SAMPLE_OFF_CURRENT_A, code_a);
    galvani_put_i32(out, GALVANI_SAMPLE_OFF_CURRENT_B, code_b);
    /* SR-18 session charge: the larger measured channel x duty, over simulated time (deterministic). */
    const double sensed_a = fabs((double)code_a * s->current_lsb_ua);
    const double sensed_b = fabs((double)code_b * s->current_lsb_ua);
    const double sensed = (sensed_a > sensed_b ? sensed_a : sensed_b) * (on ? s->duty / 1000.0 : 1.0);
    galvani_safety_integrate(h, sensed, s->step * (int64_t)s->step_us);
    galvani_put_i32(out, GALVANI_SAMPLE_OFF_ELECTRODE_V,
                    adc_code(s, GALVANI_CH_ELECTRODE_V, electrode_mv, s->voltage_lsb_mv, -32768, 32767, &status));
    galvani_put_i32(out, GALVANI_SAMPLE_OFF_SUPPLY_V,
                    adc_code(s, GALVANI_CH_SUPPLY_V, supply_mv, s->supply_lsb_mv, 0, 32767, &status));
    /* The read-back ADC spans exactly the DAC range: a code at 0 is a normal reading, not a rail. */
    uint32_t readback_status = 0;
    galvani_put_i32(out, GALVANI_SAMPLE_OFF_DAC_READBACK,
                    adc_code(s, GALVANI_CH_DAC_READBACK, s->dac_applied, 1.0, -1, 65536, &readback_status));
    galvani_put_i32(out, GALVANI_SAMPLE_OFF_STATUS, (int32_t)status);
    galvani_put_i64(out, GALVANI_SAMPLE_OFF_SEQUENCE, s->step);
    return GALVANI_OK;
}

static int32_t sim_actuate(struct galvani_handle *h, int32_t dac_code, int32_t polarity, int32_t enable,
                           int32_t duty)
{
    struct sim *s = h->impl;
    const int32_t err = injected_error(s, GALVANI_FAULT_DRIVER_ERROR);
    /* ACTUATE_ERROR: the write is applied as commanded, then reported failed (its verification failed), so
     * only the controller's own reaction (SR-13: trip in the next tick) takes the output away. */
    const int32_t actuate_err = err == GALVANI_OK ? injected_error(s, GALVANI_FAULT_ACTUATE_ERROR) : err;
    /* The core has checked the latches; a stalled bus delays the write past them (the race SR-9/SR-18
     * re-check after the write). */
    bus_stall(s);
    /* A failing driver (DRIVER_ERROR) never leaves the output on: time advances with the output forced off. */
    advance(s, dac_code, polarity, err == GALVANI_OK ? enable : 0, duty);
    s->step++;
    return actuate_err;
}

static void sim_force_off(struct galvani_handle *h)
{
    /* Watchdog or control thread: opens the relay (an atomic, as a GPIO write would be) unless it is welded
     * closed. The DAC belongs to the model the control thread owns: it is zeroed by the next actuate, which
     * the core forces to output-off while tripped or latched. */
    struct sim *s = h->impl;
    if (!atomic_load_explicit(&s->relay_stuck, memory_order_acquire))
    {
        atomic_store_explicit(&s->relay, 0, memory_order_release);
    }
}

static int32_t sim_relay_closed(struct galvani_handle *h)
{
    struct sim *s = h->impl;
    return atomic_load_explicit(&s->relay, memory_order_acquire);
}

static int32_t sim_info(struct galvani_handle *h, double *info)
{
    const struct sim *s = h->impl;
    info[GALVANI_INFO_ABI_VERSION] = GALVANI_HAL_ABI_VERSION;
    info[GALVANI_INFO_BACKEND] = GALVANI_BACKEND_SIM;
    info[GALVANI_INFO_CURRENT_A_UA_PER_LSB] = s->current_lsb_ua;
    info[GALVANI_INFO_CURRENT_B_UA_PER_LSB] = s->current_lsb_ua;
    info[GALVANI_INFO_ELECTRODE_MV_PER_LSB] = s->voltage_lsb_mv;
    info[GALVANI_INFO_SUPPLY_MV_PER_LSB] = s->supply_lsb_mv;
    info[GALVANI_INFO_READBACK_CODES_PER_LSB] = 1.0;
    info[GALVANI_INFO_DAC_UA_PER_CODE] = s->dac_fullscale_ua / 65535.0;
    info[GALVANI_INFO_DAC_MAX_CODE] = 65535.0;
    info[GALVANI_INFO_ADC_MIN_CODE] = -32768.0;
    info[GALVANI_INFO_ADC_MAX_CODE] = 32767.0;
    info[GALVANI_INFO_STEP_US] = s->step_us;
    info[GALVANI_INFO_WATCHDOG_MS] = s->watchdog_ms;
    info[GALVANI_INFO_COMPLIANCE_MV] = s->compliance_v * 1000.0;
    return GALVANI_OK;
}

static void sim_close(struct galvani_handle *h)
{
    free(h->impl);
    h->impl = NULL;
}

static const struct galvani_backend_ops SIM_OPS = { sim_sample, sim_actuate, sim_force_off, sim_info, sim_close,
                                                    sim_relay_closed, NULL };

int32_t galvani_sim_open(struct galvani_handle *h, const struct galvani_cfg *cfg)
{
    int32_t rc = galvani_cfg_check_known(cfg, "sim", SIM_KEYS);
    if (rc != GALVANI_OK)
    {
        return rc;
    }
    struct sim *s = calloc(1, sizeof *s);
    if (s == NULL)
    {
        return galvani_fail(GALVANI_E_NO_MEMORY, "cannot allocate the sim model");
    }
    double c_nf, tau_us, cur_fs, volt_fs, sup_fs;
    int64_t seed, step_us, watchdog, noise_vector;
    if ((rc = galvani_cfg_int(cfg, "seed", 1, 0, INT64_C(9007199254740992), &seed)) != GALVANI_OK ||
        (rc = galvani_cfg_int(cfg, "step_us", 1000, 10, 100000, &step_us)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "compliance_v", 60, 1, 200, &s->compliance_v)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "supply_v", 65, 1, 250, &s->supply_v)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "r_series_ohm", 500, 1, 1e7, &s->r_series_ohm)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "r_skin_initial_ohm", 4000, 1, 1e7, &s->r_skin_initial_ohm)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "r_skin_final_ohm", 2000, 1, 1e7, &s->r_skin_final_ohm)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "skin_drift_tau_s", 300, 0.001, 1e6, &s->drift_tau_s)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "c_skin_nf", 100, 0.001, 1e6, &c_nf)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "dac_fullscale_ua", 50000, 1, 1e6, &s->dac_fullscale_ua)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "dac_gain", 0.98, 0.5, 1.5, &s->dac_gain)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "dac_offset_ua", 15, -1000, 1000, &s->dac_offset_ua)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "source_tau_us", 1500, 1, 1e6, &tau_us)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "adc_noise_lsb", 1.0, 0, 1000, &s->noise_lsb)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "current_fullscale_ua", 50000, 1, 1e7, &cur_fs)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "voltage_fullscale_mv", 100000, 1, 1e7, &volt_fs)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "supply_fullscale_mv", 100000, 1, 1e7, &sup_fs)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "current_b_gain", 1.0, 0.1, 10, &s->current_b_gain)) != GALVANI_OK ||
        (rc = galvani_cfg_int(cfg, "watchdog_ms", 50, 0, 60000, &watchdog)) != GALVANI_OK ||
        (rc = galvani_cfg_int(cfg, "noise_vector", 1, 0, 1, &noise_vector)) != GALVANI_OK)
    {
        free(s);
        return rc;
    }
    s->seed = (uint64_t)seed;
    s->rng = s->seed;
    /* 1 (default): the noise in AVX-512 lanes where the CPU has them; 0: always the portable loop. The samples are
     * the same either way (ADR-32); the key exists so a test or a benchmark can compare the two. */
    s->noise_vector = noise_vector && galvani_noise_vector_available();
    s->noise_next = GALVANI_NOISE_BATCH;
    s->step_us = (int32_t)step_us;
    s->step_s = (double)step_us * 1e-6;
    s->c_skin_f = c_nf * 1e-9;
    s->source_alpha = 1.0 - exp(-(double)step_us / tau_us);
    s->current_lsb_ua = cur_fs / 32767.0;
    s->voltage_lsb_mv = volt_fs / 32767.0;
    s->supply_lsb_mv = sup_fs / 32767.0;
    s->watchdog_ms = (int32_t)watchdog;
    s->duty = 1000;
    s->compliance_now_v = s->compliance_v;
    s->skin_ohm = s->r_skin_initial_ohm;
    s->load_ohm = s->r_series_ohm + s->r_skin_initial_ohm;
    atomic_store_explicit(&s->relay, 0, memory_order_relaxed);
    atomic_store_explicit(&s->relay_stuck, 0, memory_order_relaxed);
    h->impl = s;
    h->ops = &SIM_OPS;
    h->backend = GALVANI_BACKEND_SIM;
    h->capabilities = GALVANI_CAP_POLARITY_REVERSAL | GALVANI_CAP_PULSED;
    return GALVANI_OK;
}

/* ---- sim-only entry points ------------------------------------------------------------------------- */

static struct sim *sim_of(int32_t handle, int32_t *rc)
{
    struct galvani_handle *h = galvani_handle_get(handle);
    if (h == NULL)
    {
        *rc = galvani_fail(GALVANI_E_HANDLE, "handle %d is not open", handle);
        return NULL;
    }
    if (h->backend != GALVANI_BACKEND_SIM)
    {
        *rc = galvani_fail(GALVANI_E_NOT_SUPPORTED, "fault injection and ground truth exist only on the sim backend");
        return NULL;
    }
    *rc = GALVANI_OK;
    return h->impl;
}

int32_t galvani_sim_inject(int32_t handle, int32_t kind, int32_t channel, int64_t onset_step,
                           int64_t duration_steps, double magnitude)
{
    int32_t rc;
    struct sim *s = sim_of(handle, &rc);
    if (s == NULL)
    {
        return rc;
    }
    if (kind < 1 || kind > GALVANI_FAULT_KIND_MAX)
    {
        return galvani_fail(GALVANI_E_RANGE, "fault kind %d is out of range 1 .. %d", kind, GALVANI_FAULT_KIND_MAX);
    }
    const int per_channel = kind >= GALVANI_FAULT_ADC_STUCK && kind <= GALVANI_FAULT_ADC_OUT_OF_RANGE;
    if (per_channel && (channel < 0 || channel >= GALVANI_CH_COUNT))
    {
        return galvani_fail(GALVANI_E_RANGE, "channel %d is out of range 0 .. %d", channel, GALVANI_CH_COUNT - 1);
    }
    if (onset_step < 0)
    {
        return galvani_fail(GALVANI_E_RANGE, "fault onset step %lld is negative", (long long)onset_step);
    }
    if (!isfinite(magnitude))
    {
        return galvani_fail(GALVANI_E_RANGE, "fault magnitude is not a finite number");
    }
    if (s->fault_count == GALVANI_SIM_MAX_FAULTS)
    {
        return galvani_fail(GALVANI_E_TOO_MANY, "at most %d faults can be scheduled", GALVANI_SIM_MAX_FAULTS);
    }
    struct sim_fault *f = &s->faults[s->fault_count];
    f->kind = kind;
    f->channel = per_channel ? channel : -1;
    f->onset = onset_step;
    f->duration = duration_steps;
    f->magnitude = magnitude;
    f->held = 0;
    f->held_valid = 0;
    return s->fault_count++;
}

int32_t galvani_sim_clear_faults(int32_t handle)
{
    int32_t rc;
    struct sim *s = sim_of(handle, &rc);
    if (s == NULL)
    {
        return rc;
    }
    s->fault_count = 0;
    return GALVANI_OK;
}

int32_t galvani_sim_truth(int32_t handle, double *out, int32_t len)
{
    int32_t rc;
    struct sim *s = sim_of(handle, &rc);
    if (s == NULL)
    {
        return rc;
    }
    if (out == NULL)
    {
        return galvani_fail(GALVANI_E_NULL, "truth buffer is NULL");
    }
    if (len < GALVANI_TRUTH_COUNT)
    {
        return galvani_fail(GALVANI_E_BUFFER, "truth buffer holds %d doubles, %d needed", len, GALVANI_TRUTH_COUNT);
    }
    const int on = atomic_load_explicit(&s->relay, memory_order_acquire);
    out[GALVANI_TRUTH_CURRENT_UA] = on ? s->current_ua : 0.0;
    out[GALVANI_TRUTH_ELECTRODE_MV] = on ? s->electrode_v * 1000.0 : s->cap_v * 1000.0;
    out[GALVANI_TRUTH_LOAD_OHM] = s->load_ohm;
    out[GALVANI_TRUTH_DAC_CODE] = s->dac_applied;
    out[GALVANI_TRUTH_SKIN_OHM] = s->skin_ohm;
    out[GALVANI_TRUTH_COMPLIANCE_MV] = s->compliance_now_v * 1000.0;
    out[GALVANI_TRUTH_STEP] = (double)s->step;
    out[GALVANI_TRUTH_OUTPUT_ON] = on ? 1.0 : 0.0;
    return GALVANI_OK;
}
