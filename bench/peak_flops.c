/*
 * FP32 peak of this machine's cores: independent multiply-add chains, kept in registers, on every thread.
 * The "% of peak" of ./gan bench --vs-pytorch divides by this figure, measured, rather than by a number
 * written down for another CPU.
 *
 *     gcc -O3 -march=native -ffp-contract=fast -fopenmp bench/peak_flops.c -o build/peak_flops
 *     OMP_NUM_THREADS=2 build/peak_flops   # {"threads": 2, "gflops": ..., "vector_floats": 8, "chains": 10}
 *
 * The kernel must fit the register file, or the chains spill to memory and the "peak" is a fraction of
 * the real one (an earlier version, 12 chains of 16 floats, needed 26 of AVX2's 16 YMM registers and
 * measured 15 GFLOP/s on a Zen 3 whose peak is about 180). Which shape fits depends on the CPU: AVX2 has
 * 16 registers of 8 floats, AVX-512 32 of 16, NEON 32 of 4; a multiply-add takes about 4 cycles and two
 * issue per cycle, so 8 to 10 chains hide the latency. Rather than guess, several shapes are measured and
 * the best is reported; GCC's vector extension maps each onto whatever -march=native offers.
 *
 * Where the CPU has AVX512_BF16 (Zen 4, Cooper Lake, Sapphire Rapids; -march=native then defines
 * __AVX512BF16__), "bf16_gflops" is the peak of bfloat16 dot products into FP32 accumulators (vdpbf16ps: per
 * 16-lane instruction 32 products and 32 additions, 64 FLOP), the arithmetic that mixed-precision convolutions
 * run on; elsewhere it is null. "% of peak" must name which of the two it divides by.
 */
#include <omp.h>
#include <stdio.h>
#ifdef __AVX512BF16__
#include <immintrin.h>
#endif

typedef float vec8 __attribute__((vector_size(32)));   /* one AVX2 register, half an AVX-512 one */
typedef float vec16 __attribute__((vector_size(64)));  /* one AVX-512 register, two AVX2 ones */

/* Runs `rounds` rounds of CHAINS independent vector multiply-adds on every thread; returns the seconds. */
#define KERNEL(name, VEC, CHAINS)                                                       \
    static double name(long rounds) {                                                   \
        float sink = 0;                                                                 \
        double start = omp_get_wtime();                                                 \
        _Pragma("omp parallel reduction(+ : sink)")                                     \
        {                                                                               \
            const unsigned lanes = sizeof(VEC) / sizeof(float);                         \
            VEC acc[CHAINS], scale, shift;                                              \
            for (unsigned i = 0; i < lanes; i++) {                                      \
                scale[i] = 0.9999999f;                                                  \
                shift[i] = 1e-7f;                                                       \
            }                                                                           \
            for (int k = 0; k < CHAINS; k++) {                                          \
                for (unsigned i = 0; i < lanes; i++) acc[k][i] = (float) (k + i);       \
            }                                                                           \
            for (long r = 0; r < rounds; r++) {                                         \
                for (int k = 0; k < CHAINS; k++) acc[k] = acc[k] * scale + shift;       \
            }                                                                           \
            for (int k = 0; k < CHAINS; k++) sink += acc[k][0]; /* keeps it observable */ \
        }                                                                               \
        if (sink == 12345.0f) puts(""); /* never true; stops the compiler dropping the loop */ \
        return omp_get_wtime() - start;                                                 \
    }

KERNEL(v8x6, vec8, 6)
KERNEL(v8x8, vec8, 8)
KERNEL(v8x10, vec8, 10)
KERNEL(v8x12, vec8, 12)
KERNEL(v16x8, vec16, 8)
KERNEL(v16x12, vec16, 12)
KERNEL(v16x16, vec16, 16)

/* The best of three timed runs of `run`, in GFLOP/s: a short run sizes the timed ones to about 0.2 s each,
 * whatever the speed of the kernel; best of three against other processes and clock ramps. */
static double best_gflops(double (*run)(long), double flop_per_round) {
    long rounds = 1000000;
    double seconds = run(rounds);
    rounds = (long) (rounds * 0.2 / (seconds > 1e-4 ? seconds : 1e-4)) + 1;
    double best = 0;
    for (int attempt = 0; attempt < 3; attempt++) {
        double gflops = flop_per_round * rounds / run(rounds) / 1e9;
        if (gflops > best) best = gflops;
    }
    return best;
}

#ifdef __AVX512BF16__
#define BF16_CHAINS 12
/* BF16_CHAINS independent vdpbf16ps chains on every thread: acc += a[2i] b[2i] + a[2i+1] b[2i+1] per lane. */
static double bf16_chains(long rounds) {
    float sink = 0;
    double start = omp_get_wtime();
#pragma omp parallel reduction(+ : sink)
    {
        __m512 acc[BF16_CHAINS];
        for (int k = 0; k < BF16_CHAINS; k++) acc[k] = _mm512_set1_ps((float) k);
        __m512bh one = (__m512bh) _mm512_set1_epi16(0x3f80);    /* 1.0 in bfloat16 */
        __m512bh tiny = (__m512bh) _mm512_set1_epi16(0x3380);   /* 2^-24: the sums stay finite */
        for (long r = 0; r < rounds; r++) {
            for (int k = 0; k < BF16_CHAINS; k++) acc[k] = _mm512_dpbf16_ps(acc[k], one, tiny);
        }
        for (int k = 0; k < BF16_CHAINS; k++) sink += _mm512_reduce_add_ps(acc[k]);
    }
    if (sink == 12345.0f) puts("");
    return omp_get_wtime() - start;
}
#endif

struct shape {
    double (*run)(long);
    int floats;
    int chains;
};

int main(void) {
    const struct shape shapes[] = {{v8x6, 8, 6},    {v8x8, 8, 8},     {v8x10, 8, 10}, {v8x12, 8, 12},
                                   {v16x8, 16, 8}, {v16x12, 16, 12}, {v16x16, 16, 16}};
    const int count = sizeof(shapes) / sizeof(shapes[0]);
    double best = 0;
    int best_shape = 0;
    for (int s = 0; s < count; s++) {
        double gflops = best_gflops(shapes[s].run, 2.0 * shapes[s].floats * shapes[s].chains * omp_get_max_threads());
        if (gflops > best) {
            best = gflops;
            best_shape = s;
        }
    }
    char bf16[32] = "null";
#ifdef __AVX512BF16__
    /* per vdpbf16ps: 16 lanes x 2 products x (multiply + add) = 64 FLOP */
    snprintf(bf16, sizeof bf16, "%.1f", best_gflops(bf16_chains, 64.0 * BF16_CHAINS * omp_get_max_threads()));
#endif
    printf("{\"threads\": %d, \"gflops\": %.1f, \"vector_floats\": %d, \"chains\": %d, \"bf16_gflops\": %s}\n",
           omp_get_max_threads(), best, shapes[best_shape].floats, shapes[best_shape].chains, bf16);
    return 0;
}
