/*
 * galvani_noise.c - the sim's Gaussian noise, in batches. Gaussian n of a sim is the Irwin-Hall sum of the 12
 * splitmix64 draws 12n+1 ... 12n+12 of its seed; the draws depend on nothing but their index, so a batch of 8
 * sums can be computed ahead and handed out in order: the same numbers in the same order as one draw after the
 * other. The batch is filled either portably (one draw after the other, every CPU) or with the 8 sums in the 8
 * lanes of AVX-512 vectors where the CPU has AVX-512F and AVX-512DQ (the 64-bit lane multiply). Both compute
 * the same integers, so every sample the sim derives from them is bit-identical whichever runs (ADR-32;
 * test_hal.c checks both against a one-draw-at-a-time oracle). Pure functions of their arguments: no state,
 * no allocation, any thread.
 */
#include "galvani_internal.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define GALVANI_NOISE_VECTOR 1
#endif

#define GOLDEN 0x9E3779B97F4A7C15ULL
#define MIX1 0xBF58476D1CE4E5B9ULL
#define MIX2 0x94D049BB133111EBULL

/* splitmix64's output function, applied to draw k's state (state + k x GOLDEN), as a 53-bit integer. */
static inline uint64_t mix53(uint64_t z)
{
    z = (z ^ (z >> 30)) * MIX1;
    z = (z ^ (z >> 27)) * MIX2;
    return (z ^ (z >> 31)) >> 11;
}

void galvani_noise_fill_portable(uint64_t state, uint64_t sums[GALVANI_NOISE_BATCH])
{
    for (int j = 0; j < GALVANI_NOISE_BATCH; j++)
    {
        uint64_t sum = 0;
        for (uint64_t k = 1; k <= GALVANI_NOISE_DRAWS; k++)
        {
            sum += mix53(state + ((uint64_t)j * GALVANI_NOISE_DRAWS + k) * GOLDEN);
        }
        sums[j] = sum;
    }
}

#ifdef GALVANI_NOISE_VECTOR

/* Lane j holds sum j: its draw state advances by GOLDEN per step, its 12 mixed draws are added vertically (no
 * horizontal reduction). Unsigned 64-bit wrap-around in every lane, as in C. */
__attribute__((target("avx512f,avx512dq"))) void galvani_noise_fill_vector(uint64_t state,
                                                                             uint64_t sums[GALVANI_NOISE_BATCH])
{
    /* lane j starts at state + 12j x GOLDEN (unsigned products, wrapped, then reinterpreted as lanes) */
    const uint64_t stride = GALVANI_NOISE_DRAWS * GOLDEN;
    __m512i z0 = _mm512_add_epi64(_mm512_set1_epi64((long long)state),
                                  _mm512_set_epi64((long long)(7 * stride), (long long)(6 * stride),
                                                   (long long)(5 * stride), (long long)(4 * stride),
                                                   (long long)(3 * stride), (long long)(2 * stride),
                                                   (long long)stride, 0));
    const __m512i golden = _mm512_set1_epi64((long long)GOLDEN);
    const __m512i m1 = _mm512_set1_epi64((long long)MIX1);
    const __m512i m2 = _mm512_set1_epi64((long long)MIX2);
    __m512i acc = _mm512_setzero_si512();
    for (int k = 0; k < GALVANI_NOISE_DRAWS; k++)
    {
        z0 = _mm512_add_epi64(z0, golden);
        __m512i z = _mm512_mullo_epi64(_mm512_xor_si512(z0, _mm512_srli_epi64(z0, 30)), m1);
        z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 27)), m2);
        acc = _mm512_add_epi64(acc, _mm512_srli_epi64(_mm512_xor_si512(z, _mm512_srli_epi64(z, 31)), 11));
    }
    _mm512_storeu_si512((void *)sums, acc);
}

int galvani_noise_vector_available(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}

#else

void galvani_noise_fill_vector(uint64_t state, uint64_t sums[GALVANI_NOISE_BATCH])
{
    galvani_noise_fill_portable(state, sums);
}

int galvani_noise_vector_available(void)
{
    return 0;
}

#endif
