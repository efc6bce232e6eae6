#!/usr/bin/python3
"""PyTorch reference training on the library's shapes, with the recipe levers of the quality table.

Reads the shapes as raw bytes (RawImages export), trains the design note's G against a configurable D, and
writes generated images as raw bytes for the library's evaluator (RawImages evaluate).

    python3 bench/pytorch_train.py --data shapes.u8 --iterations 1200 --batch 16 --seed 1 --out run/
"""
import argparse
import copy
import json
import os
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

from pytorch_dcgan import generator  # the design note's G, the same module the benchmarks time


class MinibatchStd(nn.Module):
    """Appends one feature map: the standard deviation of each feature over the batch, averaged to a number.

    A D that sees how varied its batch is can tell a generator that draws one shape from data that draws five."""

    def forward(self, x):
        s = x.std(dim=0, unbiased=False).mean()                  # one number for the batch
        return torch.cat([x, s.expand(x.size(0), 1, x.size(2), x.size(3))], dim=1)


def discriminator(width, norm, mbstd=False, pack=1, patch=False):
    """DCGAN's D with `width` channels in the first block; norm: bn (DCGAN), none, or sn (spectral);
    mbstd: a minibatch standard-deviation feature before the last layer; pack: images judged together
    (PacGAN), stacked on the channel axis of D's input; patch: one verdict per 4x4 cell of the last map (a 1x1
    convolution, PatchGAN) instead of one over the whole map, each cell seeing ≈ 46 x 46 pixels."""
    sn = nn.utils.spectral_norm if norm == "sn" else (lambda m: m)
    layers, c_in = [], 3 * pack
    for i, c in enumerate([width, 2 * width, 4 * width, 8 * width]):
        bn = norm == "bn" and i > 0
        layers.append(sn(nn.Conv2d(c_in, c, 4, 2, 1, bias=not bn)))
        if bn:
            layers.append(nn.BatchNorm2d(c))
        layers.append(nn.LeakyReLU(0.2))
        c_in = c
    if mbstd:
        layers.append(MinibatchStd())
        c_in += 1
    if patch:
        layers += [sn(nn.Conv2d(c_in, 1, 1)), nn.Flatten()]  # 16 logits an image
    else:
        layers += [nn.Flatten(), sn(nn.Linear(c_in * 16, 1))]   # logit; the loss applies the sigmoid
    return nn.Sequential(*layers)


class WithClassHead(nn.Module):
    """D with a second head over the features its verdict reads: the class of a real image (AC-GAN's auxiliary
    classifier, trained on real images only). Called as D, it returns the verdict alone, so G's loss is the
    design note's; the class head only shapes what D's trunk learns to see."""

    def __init__(self, d, classes):
        super().__init__()
        self.trunk, self.verdict = d[:-1], d[-1]
        self.classes = nn.Linear(self.verdict.in_features, classes)

    def forward(self, x):
        return self.verdict(self.trunk(x))

    def with_classes(self, x):
        f = self.trunk(x)
        return self.verdict(f), self.classes(f)


def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        w = m.weight_orig if hasattr(m, "weight_orig") else m.weight
        nn.init.normal_(w, 0.0, 0.02)


def augment(x, policy):
    """Differentiable augmentations of a batch [B, 3, 64, 64], the same kind for real and generated images."""
    b = x.size(0)
    if "color" in policy:
        x = x + (torch.rand(b, 1, 1, 1) - 0.5)                                   # brightness
        m = x.mean(dim=1, keepdim=True)
        x = (x - m) * (torch.rand(b, 1, 1, 1) * 2) + m                           # saturation
        m = x.mean(dim=[1, 2, 3], keepdim=True)
        x = (x - m) * (torch.rand(b, 1, 1, 1) + 0.5) + m                         # contrast
    if "translation" in policy:
        s = 8                                                                     # 1/8 of the side
        dx = torch.randint(-s, s + 1, (b,))
        dy = torch.randint(-s, s + 1, (b,))
        p = F.pad(x, (s, s, s, s))
        x = torch.stack([p[i, :, s + dy[i]:s + dy[i] + 64, s + dx[i]:s + dx[i] + 64] for i in range(b)])
    if "cutout" in policy:
        h = 32                                                                    # half the side
        cx = torch.randint(0, 64 - h + 1, (b,))
        cy = torch.randint(0, 64 - h + 1, (b,))
        mask = torch.ones_like(x[:, :1])
        for i in range(b):
            mask[i, :, cy[i]:cy[i] + h, cx[i]:cx[i] + h] = 0
        x = x * mask
    return x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--iterations", type=int, default=1200)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lr-g", type=float, default=2e-4)
    ap.add_argument("--lr-d", type=float, default=2e-4)
    ap.add_argument("--beta1", type=float, default=0.5)
    ap.add_argument("--beta2", type=float, default=0.999)
    ap.add_argument("--d-width", type=int, default=64)
    ap.add_argument("--d-norm", default="bn")
    ap.add_argument("--augment", default="")
    ap.add_argument("--g-steps", type=int, default=1)
    ap.add_argument("--d-steps", type=int, default=1, help="D updates per iteration, each on the same real batch")
    ap.add_argument("--mbstd", action="store_true", help="minibatch standard deviation feature in D")
    ap.add_argument("--ema", type=float, default=0.0)
    ap.add_argument("--patch", action="store_true", help="PatchGAN: one verdict per cell of D's last 4x4 map")
    ap.add_argument("--pack", type=int, default=1, help="PacGAN: D judges packs of this many images, real or generated")
    ap.add_argument("--labels", default="", help="RawImages labels file: D gets a second head that names the class of"
                    " each real image (cross-entropy, weight --aux-weight); G's loss is unchanged")
    ap.add_argument("--aux-weight", type=float, default=1.0)
    ap.add_argument("--class-from-noise", action="store_true", help="with --labels, AC-GAN with the class read"
                    " from the noise: c = argmax of z's first K values (uniform over K classes, z still N(0, I)),"
                    " and G's loss adds --aux-weight x the cross-entropy of D's class head on G(z) against c")
    ap.add_argument("--samples-at", default="")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--truncation", default="", help="extra final samples with z scaled by each of these")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    data = np.memmap(a.data, dtype=np.uint8, mode="r").reshape(-1, 3, 64, 64)
    order = np.random.permutation(len(data))

    g, d = generator(), discriminator(a.d_width, a.d_norm, a.mbstd, a.pack, a.patch)
    if a.class_from_noise and not a.labels:
        raise SystemExit("--class-from-noise needs --labels")
    labels = None
    if a.labels:
        if a.patch or a.pack > 1:
            raise SystemExit("--labels needs D's dense verdict on one image (no --patch, no --pack)")
        labels = np.fromfile(a.labels, dtype=np.uint8)
        d = WithClassHead(d, int(labels.max()) + 1)
    g.apply(init_weights)
    d.apply(init_weights)
    g_ema = copy.deepcopy(g) if a.ema > 0 else None
    opt_g = torch.optim.Adam(g.parameters(), lr=a.lr_g, betas=(a.beta1, a.beta2))
    opt_d = torch.optim.Adam(d.parameters(), lr=a.lr_d, betas=(a.beta1, a.beta2))
    bce = nn.BCEWithLogitsLoss()
    b = a.batch
    if b % a.pack:
        raise SystemExit("--batch %d is not a multiple of --pack %d" % (b, a.pack))
    verdicts = 16 if a.patch else 1
    ones, zeros = torch.ones(b // a.pack, verdicts), torch.zeros(b // a.pack, verdicts)
    # [B, 3, H, W] -> [B/m, 3m, H, W]: consecutive images side by side on the channel axis, one verdict a pack
    packed = lambda x: x.reshape(b // a.pack, 3 * a.pack, 64, 64)
    aug = (lambda x: packed(augment(x, a.augment))) if a.augment else packed
    eval_z = torch.randn(a.n, 100, generator=torch.Generator().manual_seed(12345))
    at = {int(s) for s in a.samples_at.split(",") if s} | {a.iterations}
    log = open(os.path.join(a.out, "history.csv"), "w")
    log.write("iteration,loss_d,loss_g,d_real,d_fake,loss_aux,seconds\n")
    start = time.time()

    def write_samples(net, name, batch_stats=False):
        # the running average of G's weights has no running BatchNorm statistics of its own: it normalises
        # each chunk of 100 by that chunk's statistics
        net.train(batch_stats)
        with torch.no_grad():
            imgs = torch.cat([net(eval_z[i:i + 100]) for i in range(0, a.n, 100)])
        net.train()
        u8 = ((imgs.clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8).numpy()
        u8.tofile(os.path.join(a.out, name))

    for it in range(a.iterations):
        idx = order[(it * b) % len(order):(it * b) % len(order) + b]
        real = torch.from_numpy(data[np.sort(idx)].astype(np.float32) / 127.5 - 1)
        z = torch.randn(b, 100)
        fake = g(z)
        # (1) update D: maximise log D(x) + log(1 - D(G(z)))
        for k in range(a.d_steps):
            if k > 0:
                with torch.no_grad():
                    fake = g(torch.randn(b, 100))
            opt_d.zero_grad()
            if labels is not None:
                l_real, c_real = d.with_classes(aug(real))
                classes = torch.from_numpy(labels[np.sort(idx)].astype(np.int64))
                loss_aux = F.cross_entropy(c_real, classes)
            else:
                l_real, loss_aux = d(aug(real)), torch.zeros(())
            l_fake = d(aug(fake.detach()))
            loss_d = bce(l_real, ones) + bce(l_fake, zeros) + a.aux_weight * loss_aux
            loss_d.backward()
            opt_d.step()
        if a.d_steps > 1:
            z = torch.randn(b, 100)
            fake = g(z)
        # (2) update G: maximise log D(G(z))
        for k in range(a.g_steps):
            if k > 0:
                z = torch.randn(b, 100)
                fake = g(z)
            opt_g.zero_grad()
            if a.class_from_noise:
                l_gen, c_gen = d.with_classes(aug(fake))
                loss_g = bce(l_gen, ones) + a.aux_weight * F.cross_entropy(c_gen, z[:, :d.classes.out_features].argmax(1))
            else:
                loss_g = bce(d(aug(fake)), ones)
            loss_g.backward()
            opt_g.step()
        if g_ema is not None:
            with torch.no_grad():
                for pe, p in zip(g_ema.parameters(), g.parameters()):
                    pe.lerp_(p, 1 - a.ema)
                for be, bb in zip(g_ema.buffers(), g.buffers()):
                    be.copy_(bb)
        log.write("%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.1f\n" % (it + 1, loss_d.item(), loss_g.item(),
                  torch.sigmoid(l_real).mean().item(), torch.sigmoid(l_fake).mean().item(), loss_aux.item(),
                  time.time() - start))
        if it + 1 in at:
            write_samples(g, "samples_%06d.u8" % (it + 1))
            if g_ema is not None:
                write_samples(g_ema, "ema_%06d.u8" % (it + 1), batch_stats=True)
            log.flush()
    for psi in [float(v) for v in a.truncation.split(",") if v]:
        z_all = eval_z
        eval_z = z_all * psi
        write_samples(g, "trunc%.2f_%06d.u8" % (psi, a.iterations))
        if g_ema is not None:
            write_samples(g_ema, "ematrunc%.2f_%06d.u8" % (psi, a.iterations), batch_stats=True)
        eval_z = z_all
    torch.save({"g": g.state_dict(), "d": d.state_dict()}, os.path.join(a.out, "model.pt"))
    json.dump(vars(a) | {"seconds": time.time() - start}, open(os.path.join(a.out, "run.json"), "w"))


if __name__ == "__main__":
    main()
