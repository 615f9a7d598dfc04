/*
 * galvani_config.c - "key=value, key=value" configuration strings.
 *
 * Parsed once at open into a bounded, caller-owned structure. Every failure names the key and the
 * value in the thread-local error detail.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "galvani_internal.h"

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
    char *end = NULL;
    errno = 0;
    const double parsed = strtod(value, &end);
    if (*value == '\0' || end == value || *end != '\0' || errno != 0 || !isfinite(parsed))
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key '%s': value '%.64s' is not a number", key, value);
    }
    if (parsed < min || parsed > max)
    {
        return galvani_fail(GALVANI_E_CONFIG, "config key '%s': value %.64s is out of range %g .. %g", key, value,
                            min, max);
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
