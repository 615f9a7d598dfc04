/*
 * The machine's floor for the control loop: the same deadline schedule as the Java ControllerAgent
 * (a tick as soon as the monotonic clock passes its deadline; the next deadline one period later; when
 * the loop falls more than a period behind, the missed deadlines are skipped and counted), with an
 * empty tick, busy-spinning on clock_gettime(CLOCK_MONOTONIC) — the clock System.nanoTime() reads.
 * Whatever lateness this program sees is the OS and the hardware, not the JVM or the controller.
 *
 * Usage: galvani-floor RATE_HZ SECONDS [WARMUP_SECONDS [PHASE_NS [CPU]]]
 *   PHASE_NS: the schedule's deadlines fall on CLOCK_MONOTONIC times t with t mod period = PHASE_NS (the warm-up's
 *   and the measured run's alike), so that a comparison program can run the same schedule at the same phase to
 *   the platform's own periodic interruptions (timer ticks of the guest and the host); default: the time of start.
 *   CPU: pin the program to this CPU (sched_setaffinity) first; default: not pinned.
 * Prints (one line each, machine-readable, read by org.galvani.bench.LoopJitterHarness):
 *   ticks N / missed N / late_over_50us N / max_ns N / phase_ns N (the measured schedule's first deadline modulo
 *   the period: PHASE_NS when given)
 *   h VALUE_NS COUNT   for each non-empty lateness bucket (lower bound of the bucket, 3 significant digits)
 * Exit codes: 0 ok, 2 bad usage.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
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

/* The first time at or after from_ns on the grid t mod period_ns = phase_ns (phase_ns < 0: from_ns itself). */
static int64_t first_deadline(const int64_t from_ns, const int64_t period_ns, const int64_t phase_ns)
{
    if (phase_ns < 0) {
        return from_ns;
    }
    const int64_t offset = ((phase_ns - from_ns) % period_ns + period_ns) % period_ns;
    return from_ns + offset;
}

static int parse_non_negative(const char *text, double *out)
{
    char *end = NULL;
    const double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v >= 0)) {
        return -1;
    }
    *out = v;
    return 0;
}

/* Runs the schedule for duration_ns; records into the histogram when recording. Returns its first deadline. */
static int64_t run(const int64_t period_ns, const int64_t phase_ns, const int64_t duration_ns, const int recording,
                uint64_t *ticks, uint64_t *missed, uint64_t *late, int64_t *max_ns)
{
    int64_t deadline = first_deadline(now_ns(), period_ns, phase_ns);
    const int64_t first = deadline;
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
    return first;
}

int main(int argc, char **argv)
{
    double rate_hz = 0, seconds = 0, warmup = 0.5, phase = -1, cpu = -1;
    if (argc < 3 || argc > 6 || parse_positive(argv[1], &rate_hz) != 0 || parse_positive(argv[2], &seconds) != 0 ||
        (argc >= 4 && parse_positive(argv[3], &warmup) != 0) || rate_hz > 1e6 ||
        (argc >= 5 && parse_non_negative(argv[4], &phase) != 0) || (argc >= 6 && parse_non_negative(argv[5], &cpu) != 0)) {
        fprintf(stderr, "usage: galvani-floor RATE_HZ SECONDS [WARMUP_SECONDS [PHASE_NS [CPU]]] (positive numbers, "
                        "rate <= 1 MHz; PHASE_NS below the period; CPU a whole number)\n");
        return 2;
    }
    const int64_t period_ns = (int64_t)(1e9 / rate_hz);
    if (phase >= (double)period_ns) {
        fprintf(stderr, "galvani-floor: PHASE_NS %.0f is not below the period (%lld ns)\n", phase, (long long)period_ns);
        return 2;
    }
    if (cpu >= 0 && (cpu >= CPU_SETSIZE || cpu != (double)(int)cpu)) {
        fprintf(stderr, "galvani-floor: CPU %g is not a whole number from 0 to %d\n", cpu, CPU_SETSIZE - 1);
        return 2;
    }
    if (cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET((int)cpu, &set);
        if (sched_setaffinity(0, sizeof set, &set) != 0) {
            perror("galvani-floor: sched_setaffinity");
            return 2;
        }
    }
    uint64_t ticks = 0, missed = 0, late = 0;
    int64_t max_ns = 0;
    const int64_t phase_ns = phase < 0 ? -1 : (int64_t)phase;
    run(period_ns, phase_ns, (int64_t)(warmup * 1e9), 0, &ticks, &missed, &late, &max_ns);
    const int64_t first = run(period_ns, phase_ns, (int64_t)(seconds * 1e9), 1, &ticks, &missed, &late, &max_ns);
    printf("ticks %llu\nmissed %llu\nlate_over_50us %llu\nmax_ns %lld\nphase_ns %lld\n", (unsigned long long)ticks,
           (unsigned long long)missed, (unsigned long long)late, (long long)max_ns, (long long)(first % period_ns));
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
