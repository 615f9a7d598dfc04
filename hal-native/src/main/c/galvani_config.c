/*
 * galvani_config.c - "key=value, key=value" configuration strings.
 *
 * Parsed once at open into a bounded, caller-owned structure. Every failure names the key and the
 * value in the thread-local error detail.
 */
#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "galvani_internal.h"

const char *const GALVANI_CORE_KEYS[] = { "limit_current_ua", "limit_dac_code", NULL };

/* ---- locale-independent numbers --------------------------------------------------------------------- */

static locale_t g_c_locale;
static pthread_once_t g_c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    g_c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* Length of the text without one trailing newline. */
static size_t body_length(const char *text)
{
    size_t n = strlen(text);
    if (n > 0 && text[n - 1] == '\n')
    {
        n--;
    }
    return n;
}

int galvani_parse_integer(const char *text, int64_t *out)
{
    const size_t n = body_length(text);
    size_t i = 0;
    int negative = 0;
    if (i < n && (text[i] == '-' || text[i] == '+'))
    {
        negative = text[i] == '-';
        i++;
    }
    if (i == n)
    {
        return -1;
    }
    int64_t value = 0;
    for (; i < n; i++)
    {
        if (text[i] < '0' || text[i] > '9')
        {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
        if (value > (INT64_C(1) << 53))
        {
            return -1; /* checked every digit: never near int64 overflow */
        }
    }
    *out = negative ? -value : value;
    return 0;
}

int galvani_parse_real(const char *text, double *out)
{
    const size_t n = body_length(text);
    /* Grammar first: [sign] digits [. digits] [(e|E) [sign] digits], at least one mantissa digit. */
    size_t i = 0, digits = 0;
    if (i < n && (text[i] == '-' || text[i] == '+'))
    {
        i++;
    }
    while (i < n && text[i] >= '0' && text[i] <= '9')
    {
        i++;
        digits++;
    }
    if (i < n && text[i] == '.')
    {
        i++;
        while (i < n && text[i] >= '0' && text[i] <= '9')
        {
            i++;
            digits++;
        }
    }
    if (digits == 0)
    {
        return -1;
    }
    if (i < n && (text[i] == 'e' || text[i] == 'E'))
    {
        i++;
        if (i < n && (text[i] == '-' || text[i] == '+'))
        {
            i++;
        }
        size_t exp_digits = 0;
        while (i < n && text[i] >= '0' && text[i] <= '9')
        {
            i++;
            exp_digits++;
        }
        if (exp_digits == 0)
        {
            return -1;
        }
    }
    if (i != n || n >= 64)
    {
        return -1;
    }
    /* The grammar is the C locale's: convert with strtod_l in that locale, never the process locale
     * (a de_DE process reads "0.99" as 0 followed by garbage). */
    pthread_once(&g_c_locale_once, make_c_locale);
    if (g_c_locale == (locale_t)0)
    {
        return -1;
    }
    char buf[64];
    memcpy(buf, text, n);
    buf[n] = '\0';
    char *end = NULL;
    errno = 0;
    const double value = strtod_l(buf, &end, g_c_locale);
    if (end != buf + n || errno == ERANGE || !isfinite(value))
    {
        return -1;
    }
    *out = value;
    return 0;
}

static char *trim(char *s)
{
    while (*s != '\0' && isspace((unsigned char)*s))
    {
        s++;
    }
    char *end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1]))
    {
        *--end = '\0';
    }
    return s;
}

int32_t galvani_cfg_parse(struct galvani_cfg *cfg, const char *config)
{
    const size_t n = strlen(config);
    if (n >= sizeof cfg->text)
    {
        return galvani_fail(GALVANI_E_CONFIG, "configuration string is %zu bytes long (at most %zu)", n,
                            sizeof cfg->text - 1);
    }
    memcpy(cfg->text, config, n + 1);
    cfg->count = 0;
    char *cursor = cfg->text;
    while (cursor != NULL)
    {
        char *comma = strchr(cursor, ',');
        if (comma != NULL)
        {
            *comma = '\0';
        }
        char *pair = trim(cursor);
        if (*pair != '\0')
        {
            char *eq = strchr(pair, '=');
            if (eq == NULL)
            {
                return galvani_fail(GALVANI_E_CONFIG, "config entry '%.64s' is not key=value", pair);
            }
            *eq = '\0';
            char *key = trim(pair);
            char *value = trim(eq + 1);
            if (*key == '\0')
            {
                return galvani_fail(GALVANI_E_CONFIG, "config entry with an empty key (value '%.64s')", value);
            }
            for (int i = 0; i < cfg->count; i++)
            {
                if (strcmp(cfg->keys[i], key) == 0)
                {
                    return galvani_fail(GALVANI_E_CONFIG, "config key '%.64s' is given twice", key);
                }
            }
            if (cfg->count == GALVANI_CFG_MAX_PAIRS)
            {
                return galvani_fail(GALVANI_E_CONFIG, "more than %d config entries", GALVANI_CFG_MAX_PAIRS);
            }
            cfg->keys[cfg->count] = key;
            cfg->values[cfg->count] = value;
            cfg->count++;
        }
        cursor = comma == NULL ? NULL : comma + 1;
    }
    return GALVANI_OK;
}

int32_t galvani_cfg_check_known(const struct galvani_cfg *cfg, const char *backend, const char *const *known)
{
    for (int i = 0; i < cfg->count; i++)
    {
        int found = 0;
        for (const char *const *k = known; *k != NULL; k++)
        {
            if (strcmp(*k, cfg->keys[i]) == 0)
            {
                found = 1;
                break;
            }
        }
        for (const char *const *k = GALVANI_CORE_KEYS; !found && *k != NULL; k++)
        {
            found = strcmp(*k, cfg->keys[i]) == 0;
        }
        if (!found)
        {
            char list[768];
            size_t used = 0;
            list[0] = '\0';
            for (const char *const *k = known; *k != NULL && used + 2 < sizeof list; k++)
            {
                const size_t len = strlen(*k);
                if (used + len + 3 >= sizeof list)
                {
                    break;
                }
                if (used > 0)
                {
                    memcpy(list + used, ", ", 2);
                    used += 2;
                }
                memcpy(list + used, *k, len);
                used += len;
                list[used] = '\0';
            }
            return galvani_fail(GALVANI_E_CONFIG, "config key '%.64s' is unknown for backend %s (known: %s)",
                                cfg->keys[i], backend, list);
        }
    }
    return GALVANI_OK;
}

static const char *find(const struct galvani_cfg *cfg, const char *key)
{
    for (int i = 0; i < cfg->count; i++)
    {
        if (strcmp(cfg->keys[i], key) == 0)
        {
            return cfg->values[i];
        }
    }
    return NULL;
}

int32_t galvani_cfg_double(const struct galvani_cfg *cfg, const char *key, double def, double min, double max,
                           double *out)
{
    const char *value = find(cfg, key);
    if (value == NULL)
    {
        *out = def;
        return GALVANI_OK;
    }
    double parsed;
    if (strchr(value, '\n') != NULL || galvani_parse_real(value, &parsed) != 0)
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key '%s': value '%.64s' is not a decimal number (e.g. 0.5)",
                            key, value);
    }
    if (parsed < min || parsed > max)
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key '%s': value %.64s is out of range %g .. %g", key, value,
                            min, max);
    }
    *out = parsed;
    return GALVANI_OK;
}

int32_t galvani_cfg_int(const struct galvani_cfg *cfg, const char *key, int64_t def, int64_t min, int64_t max,
                        int64_t *out)
{
    const char *value = find(cfg, key);
    if (value == NULL)
    {
        *out = def;
        return GALVANI_OK;
    }
    int64_t parsed;
    if (strchr(value, '\n') != NULL || galvani_parse_integer(value, &parsed) != 0)
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key '%s': value '%.64s' is not a whole number "
                                              "(decimal digits only, %lld .. %lld)", key, value, (long long)min,
                            (long long)max);
    }
    if (parsed < min || parsed > max)
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key '%s': value %.64s is out of range %lld .. %lld", key, value,
                            (long long)min, (long long)max);
    }
    *out = parsed;
    return GALVANI_OK;
}

int32_t galvani_cfg_string(const struct galvani_cfg *cfg, const char *key, const char *def, const char **out)
{
    const char *value = find(cfg, key);
    *out = value == NULL ? def : value;
    return GALVANI_OK;
}
