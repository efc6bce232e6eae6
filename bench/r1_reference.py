#!/usr/bin/python3
"""R1's parameter gradient by double backpropagation in PyTorch: the reference for the library's first-order one.

    /usr/bin/python3 bench/r1_reference.py DIR

DIR holds what R1ReferenceTest exports in ReplayExport's format: D's parameters (d_I_W, d_I_b for the
stride-2 convolutions I = 0..k-1, then the logit's dense layer k; no batch norm) and real.f32 [N, C, H, W].
With s = D's logit, the script computes ½ Σᵢ ‖∇ₓ sᵢ‖² (R1 with γ = 1, summed over the batch), takes its
gradient with respect to every parameter through the graph of ∇ₓ s (create_graph), in float32, and writes
grad_d_NAME.f32 per parameter and r1.txt (the value).
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F


def main(folder):
    torch.set_num_threads(1)
    with open(os.path.join(folder, "shapes.txt")) as f:
        shapes = {line.split(" ", 1)[0]: json.loads(line.split(" ", 1)[1]) for line in f if line.strip()}

    def array(name):
        data = np.fromfile(os.path.join(folder, name + ".f32"), dtype="<f4")
        return torch.from_numpy(data.reshape(shapes[name]).copy())

    params = {name: array(name).requires_grad_() for name in shapes if name.startswith("d_")}
    blocks = sum(1 for name in params if name.endswith("_W")) - 1
    x = array("real").requires_grad_()
    h = x
    for i in range(blocks):
        h = F.leaky_relu(F.conv2d(h, params[f"d_{i}_W"], params[f"d_{i}_b"].reshape(-1), stride=2, padding=1), 0.2)
    # DL4J's dense weights are [in, out] over the NCHW map flattened in row-major order, as torch.flatten does
    s = h.flatten(1) @ params[f"d_{blocks}_W"] + params[f"d_{blocks}_b"].reshape(1, -1)
    (g,) = torch.autograd.grad(s.sum(), x, create_graph=True)  # ∇ₓ sᵢ: each verdict depends on its image only
    r1 = 0.5 * g.pow(2).sum()
    r1.backward()
    for name, p in params.items():
        # ∇ₓ s does not depend on the biases (they only move LeakyReLU's kinks): their gradient is 0, or None
        grad = p.grad if p.grad is not None else torch.zeros_like(p)
        grad.detach().numpy().astype("<f4").tofile(os.path.join(folder, "grad_" + name + ".f32"))
    with open(os.path.join(folder, "r1.txt"), "w") as f:
        f.write(repr(r1.item()) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
