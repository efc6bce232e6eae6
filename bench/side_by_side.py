#!/usr/bin/python3
"""DL4J (./gan bench) against the PyTorch reference (bench/pytorch_dcgan.py), interleaved.

    ./gan bench --vs-pytorch [--batch 16,64] [--rounds 3] [--iterations 8]

For each batch size, runs the two alternately, ROUNDS times each, so that whatever else the machine is doing
weighs on both alike; then prints each round and the ratio of the medians of their per-iteration times.
Where gcc is present it also measures the cores' FP32 peak (bench/peak_flops.c) and gives each
side's share of it.
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
    """The measured FP32 peak of `threads` cores, or None without gcc."""
    exe = os.path.join(ROOT, "build", "peak_flops")
    src = os.path.join(ROOT, "bench", "peak_flops.c")
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    build = subprocess.run(["gcc", "-O3", "-march=native", "-ffp-contract=fast", "-fopenmp", src, "-o", exe],
                           capture_output=True, text=True) if shutil.which("gcc") else None
    if build is None or build.returncode != 0:
        return None
    p = subprocess.run([exe], capture_output=True, text=True, env=dict(os.environ, OMP_NUM_THREADS=str(threads)))
    return last_json(p.stdout)["gflops"] if p.returncode == 0 else None


def compute_line(flop, seconds, peak):
    """One line: each side's GFLOP/s and, when the peak is known and believable, its share of the peak.

    flop: GFLOP per iteration; seconds: {name: seconds per iteration}; peak: measured GFLOP/s or None.
    A rate above the peak means the peak measurement is wrong (a kernel that spills its registers, another
    process during the measurement), never that a side beat the hardware: then no share is printed at all.
    """
    rates = {name: flop / s for name, s in seconds.items()}
    believable = peak is not None and max(rates.values()) <= peak
    parts = [f"{name} {rate:.0f} GFLOP/s" + (f" ({100 * rate / peak:.0f}% of peak)" if believable else "")
             for name, rate in rates.items()]
    line = f"compute, {flop:.0f} GFLOP per iteration: " + ", ".join(parts)
    if believable:
        return line + f"; measured FP32 peak of 2 cores {peak:.0f} GFLOP/s"
    if peak is not None:
        return (line + f"; no share of peak: the measured FP32 peak ({peak:.0f} GFLOP/s) is below what was"
                f" achieved, so that measurement (bench/peak_flops.c) is wrong")
    return line


def batch_sizes(text):
    """"16,64" -> [16, 64]; argparse turns the ValueError into a usage error."""
    sizes = [int(b) for b in text.split(",")]
    if not sizes or min(sizes) < 1:
        raise ValueError(text)
    return sizes


def side_by_side(batch, args, peak):
    """The interleaved rounds at one batch size; returns DL4J's median time over PyTorch's."""
    common = ["--batch", str(batch), "--iterations", str(args.iterations), "--warmup", str(args.warmup)]
    dl4j, torch = [], []
    print(f"batch {batch}, {args.iterations} timed iterations after {args.warmup} warm-up, "
          f"{args.rounds} interleaved rounds")
    for r in range(1, args.rounds + 1):
        a = run([os.path.join(ROOT, "gan"), "bench", "--json"] + common)
        b = run([sys.executable, os.path.join(ROOT, "bench", "pytorch_dcgan.py"), "--threads", "2"] + common)
        dl4j.append(a)
        torch.append(b)
        print(f"round {r}: DL4J {a['median_s']:.3f} s/it ({a['images_per_s']:.1f} img/s, {a['peak_rss_mb']:.0f} MB)"
              f"   PyTorch {b['median_s']:.3f} s/it ({b['images_per_s']:.1f} img/s, {b['peak_rss_mb']:.0f} MB)")
    t_dl4j = statistics.median(s for x in dl4j for s in x["seconds"])
    t_torch = statistics.median(s for x in torch for s in x["seconds"])
    print(f"DL4J on {dl4j[0].get('layers', 'dl4j')} layers; PyTorch {torch[0]['torch']} with {torch[0]['blas']}, "
          f"{torch[0]['threads']} threads")
    print(f"median time per iteration: DL4J {t_dl4j:.3f} s, PyTorch {t_torch:.3f} s")
    print(f"images/s: DL4J {batch / t_dl4j:.1f}, PyTorch {batch / t_torch:.1f}")
    print(f"peak memory: DL4J {max(x['peak_rss_mb'] for x in dl4j):.0f} MB, "
          f"PyTorch {max(x['peak_rss_mb'] for x in torch):.0f} MB")
    flop = dl4j[0]["gflop_per_iteration"]  # FlopCount's figure; PyTorch runs the same model
    print(compute_line(flop, {"DL4J": t_dl4j, "PyTorch": t_torch}, peak))
    print(f"ratio DL4J time / PyTorch time at batch {batch}: {t_dl4j / t_torch:.2f}"
          f" (speed: the library does {t_torch / t_dl4j:.2f}x PyTorch's images/s)")
    return t_dl4j / t_torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=batch_sizes, default=[64], help="one batch size or several: 16,64")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--warmup", type=int, default=3)
    args = ap.parse_args()
    peak = peak_gflops(2)
    ratios = {}
    for batch in args.batch:
        ratios[batch] = side_by_side(batch, args, peak)
        print()
    if len(ratios) > 1:
        print("ratio DL4J time / PyTorch time: " + ", ".join(f"batch {b} {r:.2f}" for b, r in ratios.items()))
        print("speed, the library's images/s / PyTorch's (above 1: the library is faster): "
              + ", ".join(f"batch {b} {1 / r:.2f}x" for b, r in ratios.items()))


if __name__ == "__main__":
    main()
