#!/usr/bin/python3
"""Replays the library's first training steps in PyTorch, from the same weights, noise and images.

    ./gan bench --replay-pytorch [--steps 30] [--batch 16]

`./gan bench --export-replay DIR` (io.gannotebooks.bench.ReplayExport) trains STEPS steps with the
library's GanTrainer and writes its initial parameters, every step's noise and real batch, and D's
outputs. This script loads the same parameters into the reference networks of pytorch_dcgan.py, takes
the same steps (pytorch_dcgan.DcganStep) and prints both runs' D(x) and D(G(z)) step by step.

GAN training is chaotic: float rounding alone separates two correct runs after a few dozen steps. What a
correct loop shows is agreement to about three digits at first and a smooth drift later. A state carried
wrongly between steps (Adam's moments, the data order) shows as a jump within the first few steps; the
script fails (exit 1) when the runs differ by more than --tolerance before step --agree.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_dcgan import DcganStep, discriminator, generator  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# PyTorch parameter -> (DL4J parameter, transposed?). DL4J's dense weights are [in, out].
G_PARAMS = {"0.weight": ("0_W", True), "0.bias": ("0_b", False),
            "3.weight": ("1_W", False), "4.weight": ("2_gamma", False), "4.bias": ("2_beta", False),
            "6.weight": ("4_W", False), "7.weight": ("5_gamma", False), "7.bias": ("5_beta", False),
            "9.weight": ("7_W", False), "10.weight": ("8_gamma", False), "10.bias": ("8_beta", False),
            "12.weight": ("10_W", False), "12.bias": ("10_b", False)}
D_PARAMS = {"0.weight": ("0_W", False), "0.bias": ("0_b", False),
            "2.weight": ("1_W", False), "3.weight": ("2_gamma", False), "3.bias": ("2_beta", False),
            "5.weight": ("4_W", False), "6.weight": ("5_gamma", False), "6.bias": ("5_beta", False),
            "8.weight": ("7_W", False), "9.weight": ("8_gamma", False), "9.bias": ("8_beta", False),
            "12.weight": ("10_W", True), "12.bias": ("10_b", False)}


class Export:
    def __init__(self, folder):
        self.folder = folder
        with open(os.path.join(folder, "shapes.txt")) as f:
            self.shapes = {line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1]) for line in f if line.strip()}
        rows = np.loadtxt(os.path.join(folder, "steps.csv"), delimiter=",", skiprows=1, ndmin=2)
        self.d_real, self.d_fake = rows[:, 1], rows[:, 2]

    def array(self, name):
        data = np.fromfile(os.path.join(self.folder, name + ".f32"), dtype="<f4")
        return torch.from_numpy(data.reshape(self.shapes[name]))

    def load(self, net, prefix, mapping):
        params = dict(net.named_parameters())
        with torch.no_grad():
            for name, (dl4j, transposed) in mapping.items():
                value = self.array(prefix + dl4j)
                params[name].copy_((value.T if transposed else value).reshape(params[name].shape))


def replay(export, steps, batch):
    torch.set_num_threads(2)
    g, d = generator(), discriminator()
    export.load(g, "g_", G_PARAMS)
    export.load(d, "d_", D_PARAMS)
    step = DcganStep(g, d, batch)
    z_all, real_all = export.array("z"), export.array("real")
    out = []
    for i in range(steps):
        p_real, p_fake = step(real_all[i * batch:(i + 1) * batch], z_all[i * batch:(i + 1) * batch])
        out.append((p_real.mean().item(), p_fake.mean().item()))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--agree", type=int, default=6, help="steps that must agree within the tolerance")
    ap.add_argument("--tolerance", type=float, default=0.01, help="largest |difference| of D's mean outputs")
    args = ap.parse_args()
    if not 1 <= args.agree <= args.steps:
        sys.exit("replay: --agree must be between 1 and --steps")
    with tempfile.TemporaryDirectory(prefix="gan-replay-") as folder:
        export_cmd = [os.path.join(ROOT, "gan"), "bench", "--export-replay", folder,
                      "--iterations", str(args.steps), "--batch", str(args.batch)]
        p = subprocess.run(export_cmd, cwd=ROOT, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"replay: the library's run failed:\n{p.stdout}\n{p.stderr}")
        export = Export(folder)
        torch_run = replay(export, args.steps, args.batch)
    print(f"{args.steps} steps at batch {args.batch} from the same weights, noise and images")
    print(" step   D(x) DL4J  PyTorch    D(G(z)) DL4J  PyTorch    largest |diff|")
    first_apart = None
    for step, (tr, tf) in enumerate(torch_run):
        diff = max(abs(export.d_real[step] - tr), abs(export.d_fake[step] - tf))
        if first_apart is None and diff > args.tolerance:
            first_apart = step
        print(f"{step:5d}   {export.d_real[step]:9.4f} {tr:8.4f}    {export.d_fake[step]:12.4f} {tf:8.4f}    {diff:.1e}")
    if first_apart is not None and first_apart < args.agree:
        print(f"FAIL: the runs differ by more than {args.tolerance} at step {first_apart}, "
              f"before step {args.agree}: a state carried wrongly between steps?")
        sys.exit(1)
    apart = "not within these steps" if first_apart is None else f"from step {first_apart} on (chaos)"
    print(f"OK: agree within {args.tolerance} for the first {args.agree} steps; apart by more {apart}")


if __name__ == "__main__":
    main()
