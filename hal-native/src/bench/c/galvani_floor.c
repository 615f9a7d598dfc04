/*
 * The machine's floor for the control loop: the same deadline schedule as the Java ControllerAgent
 * (a tick as soon as the monotonic clock passes its deadline; the next deadline one period later; when
 * the loop falls more than a period behind, the missed deadlines are skipped and counted), with an
 * empty tick, busy-spinning on clock_gettime(CLOCK_MONOTONIC) — the clock System.nanoTime() reads.
 * Whatever lateness this program sees is the OS and the hardware, not the JVM or the controller.
 *
 * Usage: galvani-floor RATE_HZ SECONDS [WARMUP_SECONDS]
 * Prints (one line each, machine-readable, read by org.galvani.bench.LoopJitterHarness):
 *   ticks N / missed N / late_over_50us N / max_ns N
 *   h VALUE_NS COUNT   for each non-empty lateness bucket (lower bound of the bucket, 3 significant digits)
 * Exit codes: 0 ok, 2 bad usage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Lateness buckets: 10 ns wide below 100 us, 1 us below 10 ms, 100 us below 1 s, then one overflow bucket. */
#define FINE_BUCKETS 10000
#define MID_BUCKETS 10000
#define COARSE_BUCKETS 10000
static uint64_t fine[FINE_BUCKETS];
static uint64_t mid[MID_BUCKETS];
static uint64_t coarse[COARSE_BUCKETS];
static uint64_t overflow_count;

static inline int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void record(int64_t lateness_ns)
{
    if (lateness_ns < 100000) {
        fine[lateness_ns / 10]++;
    } else if (lateness_ns < 10000000) {
        mid[lateness_ns / 1000]++;
    } else if (lateness_ns < 1000000000LL) {
        coarse[lateness_ns / 100000]++;
    } else {
        overflow_count++;
    }
}

static int parse_positive(const char *text, double *out)
{
    char *end = NULL;
    const double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v > 0)) {
        return -1;
    }
    *out = v;
    return 0;
}

/* Runs the schedule for duration_ns; records into the histogram when recording. */
static void run(const int64_t period_ns, const int64_t duration_ns, const int recording, uint64_t *ticks,
                uint64_t *missed, uint64_t *late, int64_t *max_ns)
{
    int64_t deadline = now_ns();
    const int64_t end_at = deadline + duration_ns;
    volatile uint64_t sink = 0; /* the empty tick: one store the compiler cannot drop */
    for (;;) {
        const int64_t start = now_ns();
        if (start - end_at >= 0) {
            break;
        }
        if (start - deadline < 0) {
            continue; /* busy spin, like BusySpinIdleStrategy */
        }
        const int64_t lateness = start - deadline;
        sink = sink + 1;
        const int64_t end = now_ns();
        deadline += period_ns;
        const int64_t behind = end - deadline;
        int64_t skipped = 0;
        if (behind > period_ns) {
            skipped = behind / period_ns + 1;
            deadline += skipped * period_ns;
        }
        if (recording) {
            (*ticks)++;
            *missed += (uint64_t)skipped;
            if (lateness > 50000) {
                (*late)++;
            }
            if (lateness > *max_ns) {
                *max_ns = lateness;
            }
            record(lateness < 1 ? 1 : lateness);
        }
    }
}

int main(int argc, char **argv)
{
    double rate_hz = 0, seconds = 0, warmup = 0.5;
    if (argc < 3 || argc > 4 || parse_positive(argv[1], &rate_hz) != 0 || parse_positive(argv[2], &seconds) != 0 ||
        (argc == 4 && parse_positive(argv[3], &warmup) != 0) || rate_hz > 1e6) {
        fprintf(stderr, "usage: galvani-floor RATE_HZ SECONDS [WARMUP_SECONDS] (positive numbers, rate <= 1 MHz)\n");
        return 2;
    }
    const int64_t period_ns = (int64_t)(1e9 / rate_hz);
    uint64_t ticks = 0, missed = 0, late = 0;
    int64_t max_ns = 0;
    run(period_ns, (int64_t)(warmup * 1e9), 0, &ticks, &missed, &late, &max_ns);
    run(period_ns, (int64_t)(seconds * 1e9), 1, &ticks, &missed, &late, &max_ns);
    printf("ticks %llu\nmissed %llu\nlate_over_50us %llu\nmax_ns %lld\n", (unsigned long long)ticks,
           (unsigned long long)missed, (unsigned long long)late, (long long)max_ns);
    for (int i = 0; i < FINE_BUCKETS; i++) {
        if (fine[i]) printf("h %lld %llu\n", (long long)i * 10, (unsigned long long)fine[i]);
    }
    for (int i = 100; i < MID_BUCKETS; i++) {
        if (mid[i]) printf("h %lld %llu\n", (long long)i * 1000, (unsigned long long)mid[i]);
    }
    for (int i = 100; i < COARSE_BUCKETS; i++) {
        if (coarse[i]) printf("h %lld %llu\n", (long long)i * 100000, (unsigned long long)coarse[i]);
    }
    if (overflow_count) printf("h %lld %llu\n", 1000000000LL, (unsigned long long)overflow_count);
    return 0;
}
