#!/usr/bin/python3
"""PyTorch reference of the library's DCGAN training step, for side-by-side timing only.

Same networks as io.gannotebooks.model (the design note's generator, DCGAN's discriminator), same step as
GanTrainer.step: G forward; D on a real batch and on the generated batch (losses added, one Adam step);
G's non-saturating step through D (one Adam step). Adam 2e-4, betas (0.5, 0.999); weights N(0, 0.02).
Random images stand in for data: the cost does not depend on pixel values.

    python3 bench/pytorch_dcgan.py --batch 64 --iterations 10 --warmup 3 --threads 2 [--precision bf16]

--precision bf16 runs the networks' passes under torch.autocast("cpu", dtype=torch.bfloat16), PyTorch's own
mixed precision (convolutions and linear layers in bfloat16, the losses in float32, FP32 weights and Adam).
Prints one JSON line (framework, precision, batch, median_s, images_per_s, peak_rss_mb, seconds, blas).
Needs Debian's python3-torch; install libopenblas0-openmp too (reference BLAS is ~10x slower).
"""
import argparse
import contextlib
import json
import resource
import statistics
import time

import torch
from torch import nn


def generator():
    return nn.Sequential(
        nn.Linear(100, 8192), nn.ReLU(),
        nn.Unflatten(1, (128, 8, 8)),                                   # 128 x 8 x 8
        nn.ConvTranspose2d(128, 256, 4, 2, 1, bias=False), nn.BatchNorm2d(256), nn.ReLU(),   # 256 x 16 x 16
        nn.ConvTranspose2d(256, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.ReLU(),   # 128 x 32 x 32
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),     # 64 x 64 x 64
        nn.Conv2d(64, 3, 3, 1, 1), nn.Tanh())                           # 3 x 64 x 64


def discriminator():
    return nn.Sequential(
        nn.Conv2d(3, 64, 4, 2, 1), nn.LeakyReLU(0.2),                   # 64 x 32 x 32
        nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),    # 128 x 16 x 16
        nn.Conv2d(128, 256, 4, 2, 1, bias=False), nn.BatchNorm2d(256), nn.LeakyReLU(0.2),   # 256 x 8 x 8
        nn.Conv2d(256, 512, 4, 2, 1, bias=False), nn.BatchNorm2d(512), nn.LeakyReLU(0.2),   # 512 x 4 x 4
        nn.Flatten(), nn.Linear(8192, 1), nn.Sigmoid())


def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(m.weight, 0.0, 0.02)


class DcganStep:
    """One iteration of GanTrainer.step for batches of `batch`: D on real and generated images (losses
    added, one Adam step), then G's non-saturating step through D (one Adam step). Returns D's outputs
    on the real and on the generated batch of D's step."""

    def __init__(self, g, d, batch, bf16=False):
        self.g, self.d = g, d
        self.bf16 = bf16
        self.opt_g = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.opt_d = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
        self.bce = nn.BCELoss()
        self.ones, self.zeros = torch.ones(batch, 1), torch.zeros(batch, 1)

    def passes(self):
        """The networks' forward passes (their backward passes follow the same types) in bf16 or as they are."""
        return torch.autocast("cpu", dtype=torch.bfloat16) if self.bf16 else contextlib.nullcontext()

    def __call__(self, real, z):
        with self.passes():
            fake = self.g(z)
        # (1) update D: maximise log D(x) + log(1 - D(G(z)))
        self.opt_d.zero_grad()
        with self.passes():
            p_real, p_fake = self.d(real), self.d(fake.detach())
        (self.bce(p_real.float(), self.ones) + self.bce(p_fake.float(), self.zeros)).backward()
        self.opt_d.step()
        # (2) update G: maximise log D(G(z))
        self.opt_g.zero_grad()
        with self.passes():
            p_after = self.d(fake)
        self.bce(p_after.float(), self.ones).backward()
        self.opt_g.step()
        return p_real, p_fake


def blas():
    with open("/proc/self/maps") as f:
        libs = {line.split("/")[-1].strip() for line in f if "blas" in line}
    return ", ".join(sorted(libs)) or "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--iterations", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)  # PyTorch would start one thread per core anyway; be explicit
    torch.manual_seed(1)

    g, d = generator(), discriminator()
    g.apply(init_weights)
    d.apply(init_weights)
    b = args.batch
    train_step = DcganStep(g, d, b, bf16=args.precision == "bf16")

    def step():
        train_step(torch.rand(b, 3, 64, 64) * 2 - 1, torch.randn(b, 100))

    for _ in range(args.warmup):
        step()
    seconds = []
    for _ in range(args.iterations):
        start = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - start)
    median = statistics.median(seconds)
    print(json.dumps({"framework": "pytorch", "precision": args.precision, "batch": b, "median_s": round(median, 4),
                      "images_per_s": round(b / median, 2),
                      "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "seconds": [round(s, 4) for s in seconds], "blas": blas(),
                      "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
