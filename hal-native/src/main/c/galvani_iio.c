/*
 * galvani_iio.c - the "iio" backend: any ADC/DAC with a Linux Industrial I/O driver, through sysfs.
 *
 * At open: checks each device's `name` against the configured adc_name/dac_name (a renumbered
 * iio:deviceN is refused), reads in_voltageN_scale (mV per LSB) and optional in_voltageN_offset for every
 * mapped ADC channel, out_voltageN_scale for the DAC, and opens every *_raw file, the output relay's
 * enable file (required: read back every sample) and the optional polarity relay's file (read back;
 * without it reversed polarity is refused) once. Numbers are parsed in the "C" locale whatever the
 * process locale. On the tick path: one pread per input and one pwrite per output on those descriptors,
 * parsed and formatted in stack buffers; no allocation, no locks (a pread/pwrite may sleep on the bus).
 * The watchdog thread polls the current-sense channels itself every millisecond (SR-18).
 */
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "galvani_internal.h"

#define IIO_PATH_MAX 1024

struct iio
{
    int in_fd[GALVANI_CH_COUNT];
    char in_path[GALVANI_CH_COUNT][IIO_PATH_MAX];
    int32_t in_offset[GALVANI_CH_COUNT];
    double in_scale_mv[GALVANI_CH_COUNT];
    int dac_fd;
    int enable_fd;
    int polarity_fd;
    char enable_path[IIO_PATH_MAX];
    char polarity_path[IIO_PATH_MAX];
    double dac_scale_mv;
    double current_ua_per_mv;
    double voltage_mv_per_mv;
    double dac_ua_per_mv;
    int32_t dac_max_code;
    int32_t adc_min;
    int32_t adc_max;
    int32_t watchdog_ms;
    double compliance_mv;      /* the output stage's compliance voltage, from the config */
    double compliance_detect;  /* |electrode V| at this fraction of compliance sets GALVANI_STATUS_COMPLIANCE */
    int32_t last_enable;
    int32_t last_polarity;
    int64_t sequence;
};

static const char *const IIO_KEYS[] = {
    "root", "adc_device", "dac_device", "ch_current_a", "ch_current_b", "ch_electrode_v", "ch_supply_v",
    "ch_dac_readback", "ch_dac", "enable_path", "polarity_path", "current_ua_per_mv", "voltage_mv_per_mv",
    "dac_ua_per_mv", "dac_max_code", "adc_bits", "watchdog_ms", "compliance_v", "compliance_detect", "adc_name",
    "dac_name", NULL };

/* Strict signed decimal (optional sign, digits, optional trailing newline), |value| <= 2^53: adding an
 * int32 offset to it can never overflow. */
static int parse_int(const char *text, long long *out)
{
    int64_t value;
    if (galvani_parse_integer(text, &value) != 0)
    {
        return -1;
    }
    *out = (long long)value;
    return 0;
}

static int32_t read_text(const char *path, char *buf, size_t len)
{
    const int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
    {
        return galvani_fail(GALVANI_E_IO, "iio: cannot open %s: %s", path, strerror(errno));
    }
    const ssize_t n = pread(fd, buf, len - 1, 0);
    close(fd);
    if (n < 0)
    {
        return galvani_fail(GALVANI_E_IO, "iio: cannot read %s: %s", path, strerror(errno));
    }
    buf[n] = '\0';
    return GALVANI_OK;
}

static int32_t read_scale(const char *path, double *out)
{
    char buf[64];
    int32_t rc = read_text(path, buf, sizeof buf);
    if (rc != GALVANI_OK)
    {
        return rc;
    }
    double scale;
    if (galvani_parse_real(buf, &scale) != 0 || !(scale > 0.0))
    {
        return galvani_fail(GALVANI_E_PARSE, "iio: %s holds '%.32s', not a positive finite decimal scale", path, buf);
    }
    *out = scale;
    return GALVANI_OK;
}

static int32_t open_path(const char *path, int flags, int *fd)
{
    *fd = open(path, flags | O_CLOEXEC);
    if (*fd < 0)
    {
        return galvani_fail(GALVANI_E_IO, "iio: cannot open %s: %s", path, strerror(errno));
    }
    return GALVANI_OK;
}

static void resolve(char *out, const char *root, const char *path)
{
    if (path[0] == '/')
    {
        snprintf(out, IIO_PATH_MAX, "%s", path);
    }
    else
    {
        snprintf(out, IIO_PATH_MAX, "%s/%s", root, path);
    }
}

static int32_t write_int(int fd, long long value)
{
    char buf[24];
    const int n = snprintf(buf, sizeof buf, "%lld\n", value);
    return pwrite(fd, buf, (size_t)n, 0) == n ? GALVANI_OK : GALVANI_E_IO;
}

/* Reads a relay's state back: 1, 0, or < 0 when unreadable or neither 0 nor 1. */
static int32_t read_bool(int fd)
{
    char buf[16];
    const ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0)
    {
        return GALVANI_E_IO;
    }
    buf[n] = '\0';
    long long value;
    if (parse_int(buf, &value) != 0 || (value != 0 && value != 1))
    {
        return GALVANI_E_PARSE;
    }
    return (int32_t)value;
}

/* Reads one ADC channel with its offset applied. */
static int32_t read_channel(const struct iio *d, int ch, long long *value)
{
    char buf[32];
    const ssize_t n = pread(d->in_fd[ch], buf, sizeof buf - 1, 0);
    if (n < 0)
    {
        return GALVANI_E_IO;
    }
    buf[n] = '\0';
    if (parse_int(buf, value) != 0)
    {
        return GALVANI_E_PARSE;
    }
    *value += d->in_offset[ch];
    return GALVANI_OK;
}

static int32_t iio_sample(struct galvani_handle *h, uint8_t *out)
{
    struct iio *d = h->impl;
    static const int offsets[GALVANI_CH_COUNT] = {
        GALVANI_SAMPLE_OFF_CURRENT_A, GALVANI_SAMPLE_OFF_CURRENT_B, GALVANI_SAMPLE_OFF_ELECTRODE_V,
        GALVANI_SAMPLE_OFF_SUPPLY_V, GALVANI_SAMPLE_OFF_DAC_READBACK };
    uint32_t status = 0;
    for (int ch = 0; ch < GALVANI_CH_COUNT; ch++)
    {
        long long value;
        const int32_t rc = read_channel(d, ch, &value);
        if (rc == GALVANI_E_IO)
        {
            return galvani_fail(GALVANI_E_IO, "iio: cannot read %s: %s", d->in_path[ch], strerror(errno));
        }
        if (rc != GALVANI_OK)
        {
            return galvani_fail(GALVANI_E_PARSE, "iio: %s does not hold a decimal integer", d->in_path[ch]);
        }
        if (value <= d->adc_min || value >= d->adc_max)
        {
            status |= GALVANI_STATUS_ADC_OVERRANGE;
            value = value < d->adc_min ? d->adc_min : value > d->adc_max ? d->adc_max : value;
        }
        galvani_put_i32(out, offsets[ch], (int32_t)value);
        if (ch == GALVANI_CH_ELECTRODE_V)
        {
            const double electrode_mv = (double)value * d->in_scale_mv[ch] * d->voltage_mv_per_mv;
            if (fabs(electrode_mv) >= d->compliance_mv * d->compliance_detect)
            {
                status |= GALVANI_STATUS_COMPLIANCE; /* the load, not the source, sets the current */
            }
        }
    }
    const int tripped = galvani_watchdog_tripped(h);
    /* Relay states from hardware read-back, never from the last command. */
    const int32_t enabled = read_bool(d->enable_fd);
    if (enabled < 0)
    {
        return galvani_fail(enabled, "iio: cannot read the output relay state back from %s", d->enable_path);
    }
    if (enabled)
    {
        status |= GALVANI_STATUS_OUTPUT_ENABLED;
    }
    if (d->polarity_fd >= 0)
    {
        const int32_t reversed = read_bool(d->polarity_fd);
        if (reversed < 0)
        {
            return galvani_fail(reversed, "iio: cannot read the polarity relay state back from %s", d->polarity_path);
        }
        if (reversed)
        {
            status |= GALVANI_STATUS_POLARITY_REVERSED;
        }
    }
    if (tripped)
    {
        status |= GALVANI_STATUS_WATCHDOG_TRIPPED;
    }
    galvani_put_i32(out, GALVANI_SAMPLE_OFF_STATUS, (int32_t)status);
    galvani_put_i64(out, GALVANI_SAMPLE_OFF_SEQUENCE, d->sequence++);
    return GALVANI_OK;
}

static void iio_force_off_outputs(struct iio *d)
{
    (void)write_int(d->enable_fd, 0);
    (void)write_int(d->dac_fd, 0);
}

static int32_t iio_actuate(struct galvani_handle *h, int32_t dac_code, int32_t polarity, int32_t enable,
                           int32_t duty)
{
    struct iio *d = h->impl;
    int32_t rc = GALVANI_OK;
    if (duty != 1000)
    {
        /* A sysfs DAC runs continuous: pulsing would deliver the peak continuously while the controller
           counts density and dose at peak x duty. Refuse, with the output off. */
        iio_force_off_outputs(d);
        d->last_enable = 0;
        return galvani_fail(GALVANI_E_NOT_SUPPORTED, "iio: pulsed output (duty %d permille) needs a PWM-capable "
                                                     "output stage; this backend drives the DAC continuously", duty);
    }
    if (polarity && d->polarity_fd < 0)
    {
        iio_force_off_outputs(d);
        d->last_enable = 0;
        return galvani_fail(GALVANI_E_NOT_SUPPORTED, "iio: reversed polarity needs a polarity relay with read-back "
                                                     "(config polarity_path); the output stays off");
    }
    if (!enable)
    {
        /* Disable first, then zero the DAC: the relay never carries an uncontrolled current. */
        if (write_int(d->enable_fd, 0) != GALVANI_OK)
        {
            rc = GALVANI_E_IO;
        }
        dac_code = 0;
    }
    if (write_int(d->dac_fd, dac_code) != GALVANI_OK)
    {
        rc = GALVANI_E_IO;
    }
    if (d->polarity_fd >= 0 && polarity != d->last_polarity && write_int(d->polarity_fd, polarity) != GALVANI_OK)
    {
        rc = GALVANI_E_IO;
    }
    d->last_polarity = polarity;
    if (enable && write_int(d->enable_fd, 1) != GALVANI_OK)
    {
        rc = GALVANI_E_IO;
    }
    d->last_enable = rc == GALVANI_OK ? enable : 0;
    return rc == GALVANI_OK ? GALVANI_OK : galvani_fail(rc, "iio: cannot write an output file: %s", strerror(errno));
}

static void iio_force_off(struct galvani_handle *h)
{
    /* Watchdog thread: pwrite is async-signal-safe and touches only the kernel's file state. */
    iio_force_off_outputs(h->impl);
}

static int32_t iio_relay_closed(struct galvani_handle *h)
{
    const struct iio *d = h->impl;
    return read_bool(d->enable_fd);
}

/* Watchdog thread, every millisecond: the safety channel reads the current sense itself (SR-18), so a
 * controller that stops sampling, or ignores what it samples, cannot keep an overcurrent or overcharge on.
 * A channel it cannot read is skipped here: the control thread's sample reports that error. */
static void iio_poll(struct galvani_handle *h)
{
    const struct iio *d = h->impl;
    long long a, b;
    if (read_channel(d, GALVANI_CH_CURRENT_A, &a) != GALVANI_OK || read_channel(d, GALVANI_CH_CURRENT_B, &b) != GALVANI_OK)
    {
        return;
    }
    a = a < INT32_MIN ? INT32_MIN : a > INT32_MAX ? INT32_MAX : a;
    b = b < INT32_MIN ? INT32_MIN : b > INT32_MAX ? INT32_MAX : b;
    galvani_safety_check_current(h, (int32_t)a, (int32_t)b);
    const double ua_a = fabs((double)a * h->safety.ua_per_lsb_a);
    const double ua_b = fabs((double)b * h->safety.ua_per_lsb_b);
    galvani_safety_integrate(h, ua_a > ua_b ? ua_a : ua_b, galvani_now_ns() / 1000);
}

static int32_t iio_info(struct galvani_handle *h, double *info)
{
    const struct iio *d = h->impl;
    info[GALVANI_INFO_ABI_VERSION] = GALVANI_HAL_ABI_VERSION;
    info[GALVANI_INFO_BACKEND] = GALVANI_BACKEND_IIO;
    info[GALVANI_INFO_CURRENT_A_UA_PER_LSB] = d->in_scale_mv[GALVANI_CH_CURRENT_A] * d->current_ua_per_mv;
    info[GALVANI_INFO_CURRENT_B_UA_PER_LSB] = d->in_scale_mv[GALVANI_CH_CURRENT_B] * d->current_ua_per_mv;
    info[GALVANI_INFO_ELECTRODE_MV_PER_LSB] = d->in_scale_mv[GALVANI_CH_ELECTRODE_V] * d->voltage_mv_per_mv;
    info[GALVANI_INFO_SUPPLY_MV_PER_LSB] = d->in_scale_mv[GALVANI_CH_SUPPLY_V] * d->voltage_mv_per_mv;
    info[GALVANI_INFO_READBACK_CODES_PER_LSB] = d->in_scale_mv[GALVANI_CH_DAC_READBACK] / d->dac_scale_mv;
    info[GALVANI_INFO_DAC_UA_PER_CODE] = d->dac_scale_mv * d->dac_ua_per_mv;
    info[GALVANI_INFO_DAC_MAX_CODE] = d->dac_max_code;
    info[GALVANI_INFO_ADC_MIN_CODE] = d->adc_min;
    info[GALVANI_INFO_ADC_MAX_CODE] = d->adc_max;
    info[GALVANI_INFO_STEP_US] = 0.0;
    info[GALVANI_INFO_WATCHDOG_MS] = d->watchdog_ms;
    info[GALVANI_INFO_COMPLIANCE_MV] = d->compliance_mv;
    return GALVANI_OK;
}

static void iio_close(struct galvani_handle *h)
{
    struct iio *d = h->impl;
    if (d == NULL)
    {
        return;
    }
    for (int ch = 0; ch < GALVANI_CH_COUNT; ch++)
    {
        if (d->in_fd[ch] >= 0)
        {
            close(d->in_fd[ch]);
        }
    }
    if (d->dac_fd >= 0)
    {
        close(d->dac_fd);
    }
    if (d->enable_fd >= 0)
    {
        close(d->enable_fd);
    }
    if (d->polarity_fd >= 0)
    {
        close(d->polarity_fd);
    }
    free(d);
    h->impl = NULL;
}

static const struct galvani_backend_ops IIO_OPS = { iio_sample, iio_actuate, iio_force_off, iio_info, iio_close,
                                                    iio_relay_closed, iio_poll };

/* The device's `name` must be the configured one: iio:deviceN numbers follow probe order and change. */
static int32_t check_name(const char *root, const char *device, const char *key, const char *expected)
{
    if (expected == NULL || *expected == '\0')
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key '%s' is required for backend iio: the driver checks "
                                              "%s/%s/name against it (device numbers change with probe order)",
                            key, root, device);
    }
    char path[IIO_PATH_MAX];
    char name[128];
    snprintf(path, sizeof path, "%s/%s/name", root, device);
    const int32_t rc = read_text(path, name, sizeof name);
    if (rc != GALVANI_OK)
    {
        return rc;
    }
    const size_t n = strlen(name);
    if (n > 0 && name[n - 1] == '\n')
    {
        name[n - 1] = '\0';
    }
    if (strcmp(name, expected) != 0)
    {
        return galvani_fail(GALVANI_E_CONFIG, "iio: %s is '%.64s', but %s=%.64s: wrong or renumbered device "
                                              "(check adc_device/dac_device)", path, name, key, expected);
    }
    return GALVANI_OK;
}

/* The channel numbers and the scaling of the converters, from the configuration. */
static int32_t read_scaling(struct iio *d, const struct galvani_cfg *cfg, int64_t channel[GALVANI_CH_COUNT],
                            int64_t *dac_channel)
{
    static const char *const channel_keys[GALVANI_CH_COUNT] = {
        "ch_current_a", "ch_current_b", "ch_electrode_v", "ch_supply_v", "ch_dac_readback" };
    int32_t rc;
    int64_t bits, max_code, watchdog;
    for (int ch = 0; ch < GALVANI_CH_COUNT; ch++)
    {
        if ((rc = galvani_cfg_int(cfg, channel_keys[ch], ch, 0, 255, &channel[ch])) != GALVANI_OK)
        {
            return rc;
        }
    }
    if ((rc = galvani_cfg_int(cfg, "ch_dac", 0, 0, 255, dac_channel)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "current_ua_per_mv", 1.0, 1e-9, 1e9, &d->current_ua_per_mv)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "voltage_mv_per_mv", 1.0, 1e-9, 1e9, &d->voltage_mv_per_mv)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "dac_ua_per_mv", 1.0, 1e-9, 1e9, &d->dac_ua_per_mv)) != GALVANI_OK ||
        (rc = galvani_cfg_int(cfg, "dac_max_code", 65535, 1, 16777215, &max_code)) != GALVANI_OK ||
        (rc = galvani_cfg_int(cfg, "adc_bits", 16, 2, 24, &bits)) != GALVANI_OK ||
        (rc = galvani_cfg_int(cfg, "watchdog_ms", 50, 0, 60000, &watchdog)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "compliance_v", 60, 1, 200, &d->compliance_mv)) != GALVANI_OK ||
        (rc = galvani_cfg_double(cfg, "compliance_detect", 0.97, 0.5, 1.0, &d->compliance_detect)) != GALVANI_OK)
    {
        return rc;
    }
    d->compliance_mv *= 1000.0;
    d->dac_max_code = (int32_t)max_code;
    d->adc_max = (int32_t)((1L << ((int)bits - 1)) - 1);
    d->adc_min = -d->adc_max - 1;
    d->watchdog_ms = (int32_t)watchdog;
    return GALVANI_OK;
}

/* One ADC channel: its scale, its offset when the device has one, and its raw value file, opened. */
static int32_t open_adc_channel(struct iio *d, const char *root, const char *adc_device, int ch, int n)
{
    char path[IIO_PATH_MAX];
    int32_t rc;
    snprintf(path, sizeof path, "%s/%s/in_voltage%d_scale", root, adc_device, n);
    if ((rc = read_scale(path, &d->in_scale_mv[ch])) != GALVANI_OK)
    {
        return rc;
    }
    snprintf(path, sizeof path, "%s/%s/in_voltage%d_offset", root, adc_device, n);
    if (access(path, F_OK) == 0)
    {
        char buf[32];
        long long offset;
        if ((rc = read_text(path, buf, sizeof buf)) != GALVANI_OK)
        {
            return rc;
        }
        if (parse_int(buf, &offset) != 0 || offset < INT32_MIN || offset > INT32_MAX)
        {
            return galvani_fail(GALVANI_E_PARSE, "iio: %s holds '%.24s', not an integer offset", path, buf);
        }
        d->in_offset[ch] = (int32_t)offset;
    }
    snprintf(d->in_path[ch], IIO_PATH_MAX, "%s/%s/in_voltage%d_raw", root, adc_device, n);
    return open_path(d->in_path[ch], O_RDONLY, &d->in_fd[ch]);
}

/* The outputs: the DAC (scale, raw value file), the relay's enable file and the optional polarity file. */
static int32_t open_outputs(struct galvani_handle *h, struct iio *d, const char *root, const char *dac_device,
                            int dac_channel, const char *enable_path, const char *polarity_path)
{
    char path[IIO_PATH_MAX];
    int32_t rc;
    snprintf(path, sizeof path, "%s/%s/out_voltage%d_scale", root, dac_device, dac_channel);
    if ((rc = read_scale(path, &d->dac_scale_mv)) != GALVANI_OK)
    {
        return rc;
    }
    snprintf(path, sizeof path, "%s/%s/out_voltage%d_raw", root, dac_device, dac_channel);
    if ((rc = open_path(path, O_WRONLY, &d->dac_fd)) != GALVANI_OK)
    {
        return rc;
    }
    resolve(d->enable_path, root, enable_path);
    if ((rc = open_path(d->enable_path, O_RDWR, &d->enable_fd)) != GALVANI_OK)
    {
        return rc;
    }
    if (polarity_path != NULL && *polarity_path != '\0')
    {
        resolve(d->polarity_path, root, polarity_path);
        if ((rc = open_path(d->polarity_path, O_RDWR, &d->polarity_fd)) != GALVANI_OK)
        {
            return rc;
        }
        h->capabilities |= GALVANI_CAP_POLARITY_REVERSAL;
    }
    return GALVANI_OK;
}

/* Opens the iio backend in order: the configuration's keys and paths, the devices' names, the scaling, every
 * ADC channel, then the outputs; any failure closes what was opened. The output starts safe. */
int32_t galvani_iio_open(struct galvani_handle *h, const struct galvani_cfg *cfg)
{
    int32_t rc = galvani_cfg_check_known(cfg, "iio", IIO_KEYS);
    if (rc != GALVANI_OK)
    {
        return rc;
    }
    const char *root, *adc_device, *dac_device, *enable_path, *polarity_path, *adc_name, *dac_name;
    galvani_cfg_string(cfg, "root", NULL, &root);
    galvani_cfg_string(cfg, "adc_device", "iio:device0", &adc_device);
    galvani_cfg_string(cfg, "dac_device", "iio:device1", &dac_device);
    galvani_cfg_string(cfg, "enable_path", NULL, &enable_path);
    galvani_cfg_string(cfg, "polarity_path", NULL, &polarity_path);
    galvani_cfg_string(cfg, "adc_name", NULL, &adc_name);
    galvani_cfg_string(cfg, "dac_name", NULL, &dac_name);
    if (root == NULL || *root == '\0')
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key 'root' is required for backend iio "
                                              "(e.g. root=/sys/bus/iio/devices)");
    }
    if (enable_path == NULL || *enable_path == '\0')
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key 'enable_path' is required for backend iio: the output "
                                              "relay (written and read back) is how the driver, its watchdog and "
                                              "its safety channel open the output");
    }
    if ((rc = check_name(root, adc_device, "adc_name", adc_name)) != GALVANI_OK ||
        (rc = check_name(root, dac_device, "dac_name", dac_name)) != GALVANI_OK)
    {
        return rc;
    }
    struct iio *d = calloc(1, sizeof *d);
    if (d == NULL)
    {
        return galvani_fail(GALVANI_E_NO_MEMORY, "cannot allocate the iio driver");
    }
    for (int ch = 0; ch < GALVANI_CH_COUNT; ch++)
    {
        d->in_fd[ch] = -1;
    }
    d->dac_fd = d->enable_fd = d->polarity_fd = -1;
    h->impl = d;
    h->ops = &IIO_OPS;
    h->backend = GALVANI_BACKEND_IIO;

    int64_t channel[GALVANI_CH_COUNT], dac_channel;
    if ((rc = read_scaling(d, cfg, channel, &dac_channel)) != GALVANI_OK)
    {
        goto fail;
    }
    for (int ch = 0; ch < GALVANI_CH_COUNT; ch++)
    {
        if ((rc = open_adc_channel(d, root, adc_device, ch, (int)channel[ch])) != GALVANI_OK)
        {
            goto fail;
        }
    }
    if ((rc = open_outputs(h, d, root, dac_device, (int)dac_channel, enable_path, polarity_path)) != GALVANI_OK)
    {
        goto fail;
    }
    h->capabilities |= GALVANI_CAP_SAFETY_POLL;
    /* Start safe: output disabled, DAC at zero. */
    iio_force_off(h);
    return GALVANI_OK;

fail:
    iio_close(h);
    return rc;
}
