#!/usr/bin/python3
"""DL4J (./gan bench) against the PyTorch reference (bench/pytorch_dcgan.py), interleaved.

    ./gan bench --vs-pytorch [--batch 16,64] [--rounds 3] [--iterations 8] [--precision fp32|both]

For each batch size, runs the two alternately, ROUNDS times each, so that whatever else the machine is doing
weighs on both alike; then prints each round and the ratio of the medians of their per-iteration times.
Where gcc is present it also measures the cores' FP32 peak (bench/peak_flops.c) and gives each
side's share of it. Where the CPU has AVX512_BF16 (or with --precision both) it times the library's mixed
precision (--precision mixed) and PyTorch's bf16 autocast too, and prints three ratios: FP32 against FP32,
mixed against PyTorch's bf16, and mixed against PyTorch's FP32; and last, the ratio in the library's default
precision (mixed where the CPU has AVX512_BF16) against PyTorch's FP32.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def last_json(output):
    for line in reversed(output.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError("no result line in:\n" + output)


def run(cmd):
    p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"side-by-side: {' '.join(cmd[:3])} failed:\n{p.stdout}\n{p.stderr}")
    return last_json(p.stdout)


def peak_gflops(threads):
    """The measured peaks of `threads` cores, {"FP32": GFLOP/s, "bf16": GFLOP/s or None}, or None without gcc."""
    exe = os.path.join(ROOT, "build", "peak_flops")
    src = os.path.join(ROOT, "bench", "peak_flops.c")
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    build = subprocess.run(["gcc", "-O3", "-march=native", "-ffp-contract=fast", "-fopenmp", src, "-o", exe],
                           capture_output=True, text=True) if shutil.which("gcc") else None
    if build is None or build.returncode != 0:
        return None
    p = subprocess.run([exe], capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS=str(threads)))
    if p.returncode != 0:
        return None
    result = last_json(p.stdout)
    return {"FP32": result["gflops"], "bf16": result.get("bf16_gflops")}


def compute_line(flop, seconds, peak, precision="FP32"):
    """One line: each side's GFLOP/s and, when the peak is known and believable, its share of the peak.

    flop: GFLOP per iteration; seconds: {name: seconds per iteration}; peak: measured GFLOP/s of `precision`'s
    arithmetic, or None. A rate above the peak means the peak measurement is wrong (a kernel that spills its
    registers, another process during the measurement), never that a side beat the hardware: then no share is
    printed at all.
    """
    rates = {name: flop / s for name, s in seconds.items()}
    believable = peak is not None and max(rates.values()) <= peak
    parts = [f"{name} {rate:.0f} GFLOP/s" + (f" ({100 * rate / peak:.0f}% of peak)" if believable else "")
             for name, rate in rates.items()]
    line = f"compute, {flop:.0f} GFLOP per iteration: " + ", ".join(parts)
    if believable:
        return line + f"; measured {precision} peak of 2 cores {peak:.0f} GFLOP/s"
    if peak is not None:
        return (line + f"; no share of peak: the measured {precision} peak ({peak:.0f} GFLOP/s) is below what was"
                f" achieved, so that measurement (bench/peak_flops.c) is wrong")
    return line


def batch_sizes(text):
    """"16,64" -> [16, 64]; argparse turns the ValueError into a usage error."""
    sizes = [int(b) for b in text.split(",")]
    if not sizes or min(sizes) < 1:
        raise ValueError(text)
    return sizes


# what each side runs, by name: the library's FP32 and mixed precision, PyTorch's FP32 and bf16 autocast
SIDES = {
    "DL4J": lambda common: [os.path.join(ROOT, "gan"), "bench", "--json", "--precision", "fp32"] + common,
    "PyTorch": lambda common: [sys.executable, os.path.join(ROOT, "bench", "pytorch_dcgan.py"), "--threads", "2",
                               "--precision", "fp32"] + common,
    "DL4J mixed": lambda common: [os.path.join(ROOT, "gan"), "bench", "--json", "--precision", "mixed"] + common,
    "PyTorch bf16": lambda common: [sys.executable, os.path.join(ROOT, "bench", "pytorch_dcgan.py"), "--threads",
                                    "2", "--precision", "bf16"] + common,
}


def side_by_side(batch, args, peak, sides):
    """The interleaved rounds at one batch size; returns {pair name: the library's images/s over PyTorch's}."""
    common = ["--batch", str(batch), "--iterations", str(args.iterations), "--warmup", str(args.warmup)]
    results = {name: [] for name in sides}
    print(f"batch {batch}, {args.iterations} timed iterations after {args.warmup} warm-up, "
          f"{args.rounds} interleaved rounds")
    for r in range(1, args.rounds + 1):
        for name in sides:
            results[name].append(run(SIDES[name](common)))
        print(f"round {r}: " + "   ".join(f"{name} {x[-1]['median_s']:.3f} s/it ({x[-1]['images_per_s']:.1f} img/s, "
                                           f"{x[-1]['peak_rss_mb']:.0f} MB)" for name, x in results.items()))
    t = {name: statistics.median(s for x in runs for s in x["seconds"]) for name, runs in results.items()}
    torch = results["PyTorch"][0]
    print(f"DL4J on {results['DL4J'][0].get('layers', 'dl4j')} layers; PyTorch {torch['torch']} with {torch['blas']}, "
          f"{torch['threads']} threads")
    print("median time per iteration: " + ", ".join(f"{name} {s:.3f} s" for name, s in t.items()))
    print("images/s: " + ", ".join(f"{name} {batch / s:.1f}" for name, s in t.items()))
    print("peak memory: " + ", ".join(f"{name} {max(x['peak_rss_mb'] for x in runs):.0f} MB"
                                      for name, runs in results.items()))
    flop = results["DL4J"][0]["gflop_per_iteration"]  # FlopCount's figure; PyTorch runs the same model
    print(compute_line(flop, {"DL4J": t["DL4J"], "PyTorch": t["PyTorch"]}, peak and peak["FP32"]))
    speeds = {"FP32 vs FP32": t["PyTorch"] / t["DL4J"]}
    print(f"ratio DL4J time / PyTorch time at batch {batch}: {t['DL4J'] / t['PyTorch']:.2f}"
          f" (speed: the library does {t['PyTorch'] / t['DL4J']:.2f}x PyTorch's images/s)")
    if "DL4J mixed" in t:
        print(compute_line(flop, {"DL4J mixed": t["DL4J mixed"], "PyTorch bf16": t["PyTorch bf16"]},
                           peak and peak["bf16"], "bf16"))
        speeds["mixed vs PyTorch bf16"] = t["PyTorch bf16"] / t["DL4J mixed"]
        speeds["mixed vs PyTorch FP32"] = t["PyTorch"] / t["DL4J mixed"]
        print(f"speed at batch {batch}: the library in mixed precision does {speeds['mixed vs PyTorch bf16']:.2f}x"
              f" the images/s of PyTorch's bf16 autocast and {speeds['mixed vs PyTorch FP32']:.2f}x PyTorch's FP32")
    return speeds


def has_bf16():
    with open("/proc/cpuinfo") as f:
        return any(line.startswith("flags") and " avx512_bf16" in line for line in f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=batch_sizes, default=[64], help="one batch size or several: 16,64")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--precision", choices=["fp32", "both"], default=None,
                    help="fp32, or both (mixed precision beside PyTorch's bf16 autocast too): both where the CPU "
                         "has AVX512_BF16, else fp32")
    args = ap.parse_args()
    both = (args.precision or ("both" if has_bf16() else "fp32")) == "both"
    sides = list(SIDES) if both else ["DL4J", "PyTorch"]
    peak = peak_gflops(2)
    speeds = {}
    for batch in args.batch:
        speeds[batch] = side_by_side(batch, args, peak, sides)
        print()
    if len(speeds) > 1 or both:
        for pair in speeds[args.batch[0]]:
            print(f"speed, the library's images/s / PyTorch's, {pair} (above 1: the library is faster): "
                  + ", ".join(f"batch {b} {s[pair]:.2f}x" for b, s in speeds.items()))
    # the library's default precision is mixed where the CPU has AVX512_BF16 (Precision.forThisMachine)
    default = "mixed vs PyTorch FP32" if has_bf16() else "FP32 vs FP32"
    if default in speeds[args.batch[0]]:
        print(f"with its default precision here ({'mixed' if has_bf16() else 'fp32'}) the library does "
              + ", ".join(f"batch {b} {s[default]:.2f}x" for b, s in speeds.items()) + " PyTorch's FP32 images/s")


if __name__ == "__main__":
    main()
