/*
 * bench_hal.c - what the driver's tick-path calls cost in C alone, without any Java binding (ADR-30, ADR-31).
 * Built against the library's sources at -O2 (as build.sh builds the .so) and run by bench.sh; not a test and
 * not part of the build: a benchmark, run on demand, whose figures go into README's table with the load average.
 *
 * Prints, for several rounds of BATCH calls each, nanoseconds per:
 *   clock     one clock_gettime(CLOCK_MONOTONIC) (what a kick cost before ADR-31)
 *   kick2     two galvani_hal_kick calls on an open sim with its watchdog running (a sample+actuate pair's kicks;
 *             watchdog_ms=60000, so that the clock batch, which kicks nothing, cannot trip it; it polls every 1 ms)
 *   pair      one galvani_hal_sample + one galvani_hal_actuate on that sim (the tick's two driver calls, the sim's
 *             model included), output on at 5 mA
 * as the median, the 10th percentile and the minimum over the rounds. Rounds are short (20,000 calls, a few ms: most are not preempted),
 * so the median is a typical undisturbed figure and the minimum the least disturbed one on a shared machine.
 * A third argument (clock, kick2 or pair) runs that loop alone (for perf record of one loop).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "galvani_hal.h"

#define ROUNDS_MAX 2000

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *name, double *per_op, int rounds)
{
    qsort(per_op, (size_t)rounds, sizeof *per_op, by_value);
    printf("%-6s median %8.1f ns  p10 %8.1f ns  min %8.1f ns  max %8.1f ns  (%d rounds)\n", name, per_op[rounds / 2],
           per_op[rounds / 10], per_op[0], per_op[rounds - 1], rounds);
}

int main(int argc, char **argv)
{
    const int rounds = argc > 1 ? atoi(argv[1]) : 300;
    const long batch = argc > 2 ? atol(argv[2]) : 20000L;
    if (rounds < 1 || rounds > ROUNDS_MAX || batch < 1000)
    {
        fprintf(stderr, "usage: bench_hal [ROUNDS 1..%d] [BATCH >= 1000] [clock|kick2|pair]\n", ROUNDS_MAX);
        return 2;
    }
    const char *only = argc > 3 ? argv[3] : "";
    const int run_clock = only[0] == '\0' || strcmp(only, "clock") == 0;
    const int run_kick = only[0] == '\0' || strcmp(only, "kick2") == 0;
    const int run_pair = only[0] == '\0' || strcmp(only, "pair") == 0;
    const int32_t h = galvani_hal_open("sim", "seed=1, watchdog_ms=60000");
    if (h < 0)
    {
        fprintf(stderr, "open: %s\n", galvani_hal_strerror(h));
        return 1;
    }
    double info[GALVANI_INFO_COUNT];
    galvani_hal_info(h, info, GALVANI_INFO_COUNT);
    const int32_t code = (int32_t)(5000.0 / 50000.0 * info[GALVANI_INFO_DAC_MAX_CODE]);
    uint8_t block[GALVANI_SAMPLE_BYTES] = { 0 };
    double clock_ns[ROUNDS_MAX], kick_ns[ROUNDS_MAX], pair_ns[ROUNDS_MAX];
    volatile int64_t sink = 0;
    int32_t rc = 0;
    galvani_hal_actuate(h, code, 0, 1, 1000); /* arms the watchdog */
    for (int r = 0; r < rounds; r++)
    {
        double t0 = now_ns();
        for (long i = 0; run_clock && i < batch; i++)
        {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            sink += ts.tv_nsec;
        }
        clock_ns[r] = (now_ns() - t0) / batch;
        t0 = now_ns();
        for (long i = 0; run_kick && i < batch; i++)
        {
            rc |= galvani_hal_kick(h);
            rc |= galvani_hal_kick(h);
        }
        kick_ns[r] = (now_ns() - t0) / batch;
        t0 = now_ns();
        for (long i = 0; run_pair && i < batch; i++)
        {
            rc |= galvani_hal_sample(h, block);
            rc |= galvani_hal_actuate(h, code, 0, 1, 1000);
        }
        pair_ns[r] = (now_ns() - t0) / batch;
    }
    int32_t status;
    memcpy(&status, block + GALVANI_SAMPLE_OFF_STATUS, sizeof status);
    galvani_hal_close(h);
    if (rc != GALVANI_OK || (status & GALVANI_STATUS_WATCHDOG_TRIPPED))
    {
        fprintf(stderr, "a call failed (%d) or the watchdog tripped (status %d): figures void\n", rc, status);
        return 1;
    }
    report("clock", clock_ns, rounds);
    report("kick2", kick_ns, rounds);
    report("pair", pair_ns, rounds);
    return sink == 42 ? 3 : 0;
}
