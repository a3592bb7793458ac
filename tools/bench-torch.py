#!/usr/bin/env python3
"""Developer-only: the PyTorch side of `soteria-lab bench --vs-torch` (issue 7).

Times the same workloads with the same shapes as src/bench/*.ts on ONE thread (tfjs cpu and wasm
are single-threaded in Node, so one PyTorch thread is the like-for-like baseline), with warm-up
and interleaved passes, every iteration timed on its own, and prints one JSON object:
    {"results": [{"name", "medianMs", "minMs", "iterations", "backend"}], "skipped": [...],
     "versions": {...}}
Requires Debian's python3-torch (run with /usr/bin/python3). Exit code 3: torch is missing.
Never a runtime or CI dependency.

Workloads (NCHW layouts; weights drawn once from the seed; timings do not depend on values):
  dlg-closure-lenet-b1   D(x, z) = sum ||grad_theta CE(f(x), softmax(z)) - T||^2, grad to x and z
  gs-closure-lenet-b1    1 - cos(grad_theta, T) over all tensors + 1e-4 TV(x), grad to x
  train-*-b32            forward + CE + backward + SGD update, batch 32, hard labels
  soteria-mask-lenet-*   ||d r_i / d x|| for the 768 LeNet features, batch 1: 'batched' replicates
                         x 128 times per pass (6 passes); 'loop' is the official code's loop (one
                         forward, 768 backward passes with retain_graph)
  fl-round-mnist         10 clients x 200 samples, E 1, B 32, FedAvg CNN, weighted average
theory-lemma1 has no PyTorch counterpart and is reported as skipped.
"""
import argparse
import json
import statistics
import sys
import time

try:
    import torch
    import torch.nn.functional as F
except ImportError as e:  # pragma: no cover - depends on the machine
    print(f'torch is not importable: {e}', file=sys.stderr)
    sys.exit(3)

torch.set_num_threads(1)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass

BACKEND = f'torch {torch.__version__} cpu, 1 thread'


def uniform(gen, shape, lo, hi):
    return torch.rand(shape, generator=gen) * (hi - lo) + lo


def conv_params(gen, name, cin, cout, k, bound=None):
    b = bound if bound is not None else 1.0 / (cin * k * k) ** 0.5
    return {f'{name}.weight': uniform(gen, (cout, cin, k, k), -b, b), f'{name}.bias': uniform(gen, (cout,), -b, b)}


def dense_params(gen, name, nin, nout, bound=None):
    b = bound if bound is not None else 1.0 / nin ** 0.5
    return {f'{name}.weight': uniform(gen, (nout, nin), -b, b), f'{name}.bias': uniform(gen, (nout,), -b, b)}


# ---------------------------------------------------------------- models


def lenet_params(gen):
    p = {}
    for i, cin in enumerate((3, 12, 12, 12)):
        p.update(conv_params(gen, f'conv{i + 1}', cin, 12, 5, 0.5))
    p.update(dense_params(gen, 'fc', 768, 10, 0.5))
    return p


def lenet_rep(p, x):
    h = x
    for i, s in enumerate((2, 2, 1, 1)):
        h = torch.sigmoid(F.conv2d(h, p[f'conv{i + 1}.weight'], p[f'conv{i + 1}.bias'], stride=s, padding=2))
    return h.reshape(h.shape[0], -1)


def lenet(p, x):
    return F.linear(lenet_rep(p, x), p['fc.weight'], p['fc.bias'])


def tinycnn_params(gen):
    return {**conv_params(gen, 'conv1', 1, 8, 3), **conv_params(gen, 'conv2', 8, 16, 3), **dense_params(gen, 'fc', 784, 10)}


def tinycnn(p, x):
    h = F.max_pool2d(F.relu(F.conv2d(x, p['conv1.weight'], p['conv1.bias'], padding=1)), 2)
    h = F.max_pool2d(F.relu(F.conv2d(h, p['conv2.weight'], p['conv2.bias'], padding=1)), 2)
    return F.linear(h.reshape(h.shape[0], -1), p['fc.weight'], p['fc.bias'])


def fedavgcnn_params(gen):
    return {**conv_params(gen, 'conv1', 1, 32, 5), **conv_params(gen, 'conv2', 32, 64, 5),
            **dense_params(gen, 'fc1', 3136, 512), **dense_params(gen, 'fc2', 512, 10)}


def fedavgcnn(p, x):
    h = F.max_pool2d(F.relu(F.conv2d(x, p['conv1.weight'], p['conv1.bias'], padding=2)), 2)
    h = F.max_pool2d(F.relu(F.conv2d(h, p['conv2.weight'], p['conv2.bias'], padding=2)), 2)
    h = F.relu(F.linear(h.reshape(h.shape[0], -1), p['fc1.weight'], p['fc1.bias']))
    return F.linear(h, p['fc2.weight'], p['fc2.bias'])


def soft_ce(logits, target):
    return torch.mean(torch.sum(-target * F.log_softmax(logits, dim=-1), dim=-1))


def requires_grad(p):
    return {k: v.clone().requires_grad_(True) for k, v in p.items()}


# ---------------------------------------------------------------- workloads


def attack_setup(gen):
    p = requires_grad(lenet_params(gen))
    names = list(p)
    x_true = torch.rand((1, 3, 32, 32), generator=gen)
    onehot = F.one_hot(torch.tensor([3]), 10).float()
    targets = [t.detach() for t in torch.autograd.grad(soft_ce(lenet(p, x_true), onehot), [p[n] for n in names])]
    return p, names, targets, onehot


def dlg_closure(gen):
    p, names, targets, _ = attack_setup(gen)
    v = torch.randn(3 * 32 * 32 + 10, generator=gen, dtype=torch.float64).numpy()

    def run():
        x = torch.from_numpy(v[:3072]).float().reshape(1, 3, 32, 32).requires_grad_(True)
        z = torch.from_numpy(v[3072:]).float().reshape(1, 10).requires_grad_(True)
        params = [p[n] for n in names]
        grads = torch.autograd.grad(soft_ce(lenet(p, x), F.softmax(z, dim=-1)), params, create_graph=True)
        d = sum(((g - t) ** 2).sum() for g, t in zip(grads, targets))
        gx, gz = torch.autograd.grad(d, [x, z])
        return float(d), torch.cat([gx.reshape(-1), gz.reshape(-1)]).double().numpy()
    return run


def total_variation(x):
    return torch.mean(torch.abs(x[:, :, :, 1:] - x[:, :, :, :-1])) + torch.mean(torch.abs(x[:, :, 1:, :] - x[:, :, :-1, :]))


def gs_closure(gen):
    p, names, targets, onehot = attack_setup(gen)
    tt = torch.sqrt(sum((t ** 2).sum() for t in targets))
    v = torch.randn(3 * 32 * 32, generator=gen, dtype=torch.float64).numpy()

    def run():
        x = torch.from_numpy(v).float().reshape(1, 3, 32, 32).requires_grad_(True)
        params = [p[n] for n in names]
        grads = torch.autograd.grad(soft_ce(lenet(p, x), onehot), params, create_graph=True)
        dot = sum((g * t).sum() for g, t in zip(grads, targets))
        gg = sum((g ** 2).sum() for g in grads)
        cost = 1 - dot / torch.sqrt(gg) / tt + 1e-4 * total_variation(x)
        (gx,) = torch.autograd.grad(cost, [x])
        return float(cost), gx.double().reshape(-1).numpy()
    return run


def sgd_step(model, p, names, x, y, eta):
    params = [p[n] for n in names]
    loss = F.cross_entropy(model(p, x), y)
    grads = torch.autograd.grad(loss, params)
    with torch.no_grad():
        return {n: q - eta * g for n, q, g in zip(names, params, grads)}, float(loss)


def train_step(make_params, model, shape):
    def setup(gen):
        p = requires_grad(make_params(gen))
        names = list(p)
        x = torch.rand((32, *shape), generator=gen)
        y = torch.randint(0, 10, (32,), generator=gen)
        return lambda: sgd_step(model, p, names, x, y, 0.01)
    return setup


def mask_batched(gen, per_pass=128):
    p = lenet_params(gen)
    x = torch.rand((1, 3, 32, 32), generator=gen)

    def run():
        norms = torch.empty(768)
        for first in range(0, 768, per_pass):
            count = min(per_pass, 768 - first)
            xr = x.repeat(count, 1, 1, 1).requires_grad_(True)
            sel = F.one_hot(torch.arange(first, first + count), 768).float()
            (g,) = torch.autograd.grad((lenet_rep(p, xr) * sel).sum(), [xr])
            norms[first:first + count] = g.reshape(count, -1).norm(dim=1)
        return norms
    return run


def mask_loop(gen):
    p = lenet_params(gen)
    x0 = torch.rand((1, 3, 32, 32), generator=gen)

    def run():  # the official Soteria code: one forward, one backward per feature
        x = x0.clone().requires_grad_(True)
        r = lenet_rep(p, x)
        target = torch.zeros_like(r)
        norms = torch.empty(768)
        for f in range(768):
            target[:, f] = 1
            r.backward(target, retain_graph=True)
            norms[f] = x.grad.reshape(1, -1).norm(dim=1)[0]
            x.grad.zero_()
            target[:, f] = 0
        return norms
    return run


def fl_round(gen, clients=10, per_client=200):
    p0 = fedavgcnn_params(gen)
    names = list(p0)
    xs = torch.rand((clients * per_client, 1, 28, 28), generator=gen)
    ys = torch.randint(0, 10, (clients * per_client,), generator=gen)

    def run():
        acc = {n: torch.zeros_like(v) for n, v in p0.items()}
        for k in range(clients):
            p = requires_grad(p0)
            order = k * per_client + torch.randperm(per_client, generator=gen)
            for s in range(0, per_client, 32):
                idx = order[s:s + 32]
                new, _ = sgd_step(fedavgcnn, p, names, xs[idx], ys[idx], 0.01)
                p = {n: v.requires_grad_(True) for n, v in new.items()}
            with torch.no_grad():
                for n in names:
                    acc[n] += p[n] / clients
        return acc
    return run


# name -> (setup(gen) -> run, iterations per pass, warm-up iterations); matches src/bench.
WORKLOADS = {
    'dlg-closure-lenet-b1': (dlg_closure, 10, 3),
    'gs-closure-lenet-b1': (gs_closure, 10, 3),
    'train-lenet-b32': (train_step(lenet_params, lenet, (3, 32, 32)), 5, 2),
    'train-tinycnn-b32': (train_step(tinycnn_params, tinycnn, (1, 28, 28)), 5, 2),
    'train-fedavgcnn-b32': (train_step(fedavgcnn_params, fedavgcnn, (1, 28, 28)), 3, 2),
    'soteria-mask-lenet-batched': (mask_batched, 1, 1),
    'soteria-mask-lenet-loop': (mask_loop, 1, 1),
    'fl-round-mnist': (fl_round, 1, 1),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--only', default=','.join(WORKLOADS), help='comma list of workload names')
    ap.add_argument('--passes', type=int, default=3)
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    names = [n.strip() for n in a.only.split(',') if n.strip()]
    timed = [n for n in names if n in WORKLOADS]
    skipped = [n for n in names if n not in WORKLOADS]
    runs = {}
    for i, n in enumerate(timed):
        setup, _, warmup = WORKLOADS[n]
        runs[n] = setup(torch.Generator().manual_seed(a.seed * 1000 + i))
        for _ in range(warmup):
            runs[n]()
    times = {n: [] for n in timed}
    for _ in range(a.passes):  # interleaved, like the tfjs side
        for n in timed:
            for _ in range(WORKLOADS[n][1]):
                t0 = time.perf_counter()
                runs[n]()
                times[n].append((time.perf_counter() - t0) * 1000)
    results = [{'name': n, 'medianMs': statistics.median(t), 'minMs': min(t), 'iterations': len(t), 'backend': BACKEND} for n, t in times.items()]
    versions = {'torch': torch.__version__, 'python': sys.version.split()[0], 'threads': str(torch.get_num_threads())}
    print(json.dumps({'results': results, 'skipped': skipped, 'versions': versions}))


if __name__ == '__main__':
    main()
