#!/usr/bin/env python3
"""Developer-only: write PyTorch reference fixtures for the tfjs second-order-gradient tests.

Requires Debian's python3-torch (`apt-get install python3-torch`; run with /usr/bin/python3).
Never a runtime or CI dependency: the JSON it writes is committed.

Fixture `dlg-lenet-torch.json`: the DLG LeNet (4 conv 5x5 + sigmoid, FC 768->10, weights and
biases U(-0.5, 0.5)), a ground-truth image and label, the target gradients T = grad_theta CE,
a dummy image x and dummy label logits z, and in float64:
    D(x, z) = sum_theta || grad_theta CE(f(x), softmax(z)) - T_theta ||^2
    grad_x D, grad_z D.
The float64 gradients are themselves checked against float64 central differences here.
Layouts are PyTorch's (NCHW images, conv weight [out,in,kh,kw], linear weight [out,in]);
the test converts them to tfjs layouts.
"""
import json
import sys

import torch
import torch.nn.functional as F

SEED = 20261125


def lenet_params(gen, channels=3, classes=10):
    shapes = {
        'conv1.weight': (12, channels, 5, 5), 'conv1.bias': (12,),
        'conv2.weight': (12, 12, 5, 5), 'conv2.bias': (12,),
        'conv3.weight': (12, 12, 5, 5), 'conv3.bias': (12,),
        'conv4.weight': (12, 12, 5, 5), 'conv4.bias': (12,),
        'fc.weight': (classes, 768), 'fc.bias': (classes,),
    }
    # Values are made float32-representable so both frameworks start from identical weights.
    return {k: as_f32(torch.rand(s, generator=gen, dtype=torch.float64) - 0.5) for k, s in shapes.items()}


def as_f32(t):
    return t.float().double()


def lenet(p, x):
    h = x
    for i, stride in ((1, 2), (2, 2), (3, 1), (4, 1)):
        h = torch.sigmoid(F.conv2d(h, p[f'conv{i}.weight'], p[f'conv{i}.bias'], stride=stride, padding=2))
    r = h.reshape(h.shape[0], -1)  # (c, h, w) flatten order
    return F.linear(r, p['fc.weight'], p['fc.bias'])


def soft_ce(logits, target):
    return torch.mean(torch.sum(-target * F.log_softmax(logits, dim=-1), dim=-1))


def dlg_objective(p, names, targets, x, z):
    params = [p[n] for n in names]
    loss = soft_ce(lenet(dict(zip(names, params)), x), F.softmax(z, dim=-1))
    grads = torch.autograd.grad(loss, params, create_graph=True)
    return sum(((g - t) ** 2).sum() for g, t in zip(grads, targets))


def main(out_path):
    gen = torch.Generator().manual_seed(SEED)
    p = {k: v.requires_grad_(True) for k, v in lenet_params(gen).items()}
    names = list(p.keys())
    x_true = as_f32(torch.rand((1, 3, 32, 32), generator=gen, dtype=torch.float64))
    label = 3
    onehot = F.one_hot(torch.tensor([label]), 10).to(torch.float64)
    loss = soft_ce(lenet(p, x_true), onehot)
    targets = [t.detach() for t in torch.autograd.grad(loss, [p[n] for n in names])]
    x = as_f32(torch.randn((1, 3, 32, 32), generator=gen, dtype=torch.float64)).requires_grad_(True)
    z = as_f32(torch.randn((1, 10), generator=gen, dtype=torch.float64)).requires_grad_(True)
    D = dlg_objective(p, names, targets, x, z)
    gx, gz = torch.autograd.grad(D, [x, z])

    # float64 central differences along random directions: the reference checks itself.
    worst = 0.0
    for k in range(3):
        vx = torch.randn(x.shape, generator=gen, dtype=torch.float64)
        vz = torch.randn(z.shape, generator=gen, dtype=torch.float64)
        h = 1e-5
        with torch.enable_grad():
            fp = dlg_objective(p, names, targets, (x + h * vx).detach(), (z + h * vz).detach()).item()
            fm = dlg_objective(p, names, targets, (x - h * vx).detach(), (z - h * vz).detach()).item()
        fd = (fp - fm) / (2 * h)
        an = (gx * vx).sum().item() + (gz * vz).sum().item()
        norm = (gx.norm() ** 2 + gz.norm() ** 2).sqrt().item() * (vx.norm() ** 2 + vz.norm() ** 2).sqrt().item()
        worst = max(worst, abs(fd - an) / norm)
    if worst > 1e-7:
        sys.exit(f'float64 reference failed its own finite-difference check: {worst:.3e}')

    def flat(t):
        # 9 significant digits represent a float32 exactly; float64 results keep 17.
        digits = '%.9g' if t.detach().float().double().equal(t.detach()) else '%.17g'
        return [float(digits % v) for v in t.detach().reshape(-1).tolist()]

    fixture = {
        'description': 'DLG LeNet double-backprop reference (PyTorch float64); layouts are PyTorch NCHW / [out,in,kh,kw] / [out,in]',
        'generator': 'tools/make-torch-fixtures.py',
        'torch': torch.__version__,
        'seed': SEED,
        'params': {k: {'shape': list(v.shape), 'values': flat(v)} for k, v in p.items()},
        'label': label,
        'xTrue': {'shape': list(x_true.shape), 'values': flat(x_true)},
        'targets': {n: {'shape': list(t.shape), 'values': flat(t)} for n, t in zip(names, targets)},
        'x': {'shape': list(x.shape), 'values': flat(x)},
        'z': {'shape': list(z.shape), 'values': flat(z)},
        'D': D.item(),
        'gradX': {'shape': list(gx.shape), 'values': flat(gx)},
        'gradZ': {'shape': list(gz.shape), 'values': flat(gz)},
        'referenceFdError': worst,
    }
    with open(out_path, 'w') as f:
        json.dump(fixture, f)
    print(f'wrote {out_path}: D = {D.item():.6f}, |grad_x| = {gx.norm().item():.4f}, FD self-check {worst:.2e}')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'src/sim/models/fixtures/dlg-lenet-torch.json')
