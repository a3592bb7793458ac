#!/usr/bin/env python3
"""Developer-only: the PyTorch side of `soteria-lab bench --vs-torch` (issue 7).

Times the same workloads with the same shapes as src/bench/*.ts on ONE thread (tfjs cpu and wasm
are single-threaded in Node, so one PyTorch thread is the like-for-like baseline), with warm-up
and interleaved passes, every iteration timed on its own, and prints one JSON object:
    {"results": [{"name", "medianMs", "minMs", "meanMs", "iterations", "backend"}], "skipped": [...],
     "versions": {...}, "checks": {"theory-lemma1": [...]}}
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
  theory-lemma1          one corrected-Lemma-1 check per iteration (float64) cycling over the cases
                         that `soteria-lab bench` exports to --lemma1-cases FILE (map parameters,
                         x0, the JS r = f(x0) and measurement); without the file it is skipped.
                         Each case is also measured once untimed: "checks" in the output holds
                         e, relDiff, kappa and the r = f(x0) mismatch per case, for comparison.
"""
import argparse
import json
import math
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

    def run():  # one forward of per_pass copies, kept (retain_graph) for every backward pass, as ours
        norms = torch.empty(768)
        xr = x.repeat(per_pass, 1, 1, 1).requires_grad_(True)
        r = lenet_rep(p, xr)
        rows = torch.arange(per_pass)
        for first in range(0, 768, per_pass):
            count = min(per_pass, 768 - first)
            sel = torch.zeros(per_pass, 768)
            sel[rows[:count], first + rows[:count]] = 1
            (g,) = torch.autograd.grad(r, [xr], grad_outputs=sel, retain_graph=True)
            norms[first:first + count] = g[:count].reshape(count, -1).norm(dim=1)
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


# ---------------------------------------------------------------- theory-lemma1 (float64)
# Mirrors src/theory/lemma1Residual.ts on maps rebuilt from the exported parameters
# (src/bench/lemma1Cases.ts). Per family, as in src/theory/maps/{mlpMap,couplingMap}.ts:
#   J_f(x): forward-mode tangent propagation from I (JS: the same; here with torch matmuls).
#   f^{-1}: MLP layer by layer, sigma^{-1} then an LU solve of W_l (factored once when the map is
#     built, like the JS mlpMap); coupling: analytic inverse of each layer.
#   J_{f^{-1}}(r): affine / leakyReluMlp / tanhMlp / coupling: forward-mode tangents through the
#     analytic inverse (JS `inverseJacobian`); smoothMlp (Newton inverse, no `inverseJacobian`):
#     central differences with one Richardson step (JS fdJacobianWithError), the 4d perturbed
#     points evaluated as one batch.
#   singular values: torch.linalg.svdvals (JS: one-sided Jacobi); RHS = J^-1: torch.linalg.inv,
#   an LU solve (JS: LU with partial pivoting, theory-spec 3.2).
U = 2.220446049250313e-16
KINK_REJECT = 1e-6
MAX_U_KAPPA = 1e-3
FD_H0 = 0.1 * U ** (1 / 3)
F64 = torch.float64


def smooth_inverse(a, y):
    """Scalar Newton per element to |residual| <= 1e-15 max(1, |y|), converged elements frozen."""
    z = y / (1 + max(a, 0))
    tol = 1e-15 * torch.clamp(y.abs(), min=1)
    for _ in range(200):
        t = torch.tanh(z)
        res = z + a * t - y
        todo = res.abs() > tol
        if not bool(todo.any()):
            break
        z = torch.where(todo, z - res / (1 + a * (1 - t * t)), z)
    return z


def activation(family, param):
    """(apply, derivative, inverse, inverse derivative or None, in range) on tensors."""
    if family == 'affine':
        return (lambda z: z), (lambda z: torch.ones_like(z)), (lambda y: y), (lambda y: torch.ones_like(y)), (lambda y: bool(torch.isfinite(y).all()))
    if family == 'leakyReluMlp':
        slope = lambda v, neg: torch.where(v >= 0, torch.ones_like(v), torch.full_like(v, neg))  # float64, not where's float32 scalars
        return (lambda z: torch.where(z >= 0, z, param * z)), (lambda z: slope(z, param)), \
            (lambda y: torch.where(y >= 0, y, y / param)), (lambda y: slope(y, 1 / param)), (lambda y: bool(torch.isfinite(y).all()))
    if family == 'tanhMlp':
        return torch.tanh, (lambda z: 1 - torch.tanh(z) ** 2), torch.atanh, (lambda y: 1 / (1 - y * y)), (lambda y: bool((y.abs() < 1).all()))
    return (lambda z: z + param * torch.tanh(z)), (lambda z: 1 + param * (1 - torch.tanh(z) ** 2)), \
        (lambda y: smooth_inverse(param, y)), None, (lambda y: bool(torch.isfinite(y).all()))


class MlpMap:
    def __init__(self, p):
        self.d = p['dim']
        self.W = [torch.tensor(l['W'], dtype=F64) for l in p['layers']]
        self.b = [torch.tensor(l['b'], dtype=F64) for l in p['layers']]
        self.lu = [torch.linalg.lu_factor(W) for W in self.W]
        self.act, self.dact, self.iact, self.diact, self.in_range = activation(p['family'], p.get('param', 0))
        self.kinked = p['family'] == 'leakyReluMlp'
        self.has_inverse_jacobian = self.diact is not None

    def preacts(self, x):
        zs, h = [], x
        for W, b in zip(self.W, self.b):
            zs.append(W @ h + b)
            h = self.act(zs[-1])
        return zs

    def f(self, x):
        return self.act(self.preacts(x)[-1])

    def kink_distance(self, x):
        return float(torch.cat(self.preacts(x)).abs().min()) if self.kinked else float('inf')

    def jacobian(self, x):
        T = torch.eye(self.d, dtype=F64)
        for W, z in zip(self.W, self.preacts(x)):
            T = self.dact(z)[:, None] * (W @ T)
        return T

    def inverse(self, r):  # r: (d,) or (n, d) batch of points
        H = r.reshape(-1, self.d).T
        for (LU, piv), b in zip(reversed(self.lu), reversed(self.b)):
            H = torch.linalg.lu_solve(LU, piv, self.iact(H) - b[:, None])
        return H.T.reshape(r.shape)

    def inverse_jacobian(self, r):
        h, T = r, torch.eye(self.d, dtype=F64)
        for (LU, piv), b in zip(reversed(self.lu), reversed(self.b)):
            T = torch.linalg.lu_solve(LU, piv, self.diact(h)[:, None] * T)
            h = torch.linalg.lu_solve(LU, piv, (self.iact(h) - b)[:, None])[:, 0]
        return T


def tanh_net(n, u):
    """u -> W2 tanh(W1 u + c1) and its Jacobian (JS couplingMap netValueAndJac)."""
    h = torch.tanh(n['W1'] @ u + n['c1'])
    return n['W2'] @ h, n['W2'] @ ((1 - h * h)[:, None] * n['W1'])


def tanh_net_value(n, u):
    return n['W2'] @ torch.tanh(n['W1'] @ u + n['c1'])


class CouplingMap:
    """Permute, split (a, b), y = (a, b * exp(s(a)) + t(a)). f and f^{-1} propagate values only
    (the JS f / inverse also carry a tangent they then drop; the values are the same)."""

    def __init__(self, p):
        self.d = p['dim']
        net = lambda n: {k: torch.tensor(n[k], dtype=F64) for k in ('W1', 'c1', 'W2')}
        self.has_inverse_jacobian = True
        self.layers = [(torch.tensor(l['perm']), torch.argsort(torch.tensor(l['perm'])), l['split'], net(l['s']), net(l['t'])) for l in p['layers']]

    def f(self, x):
        for perm, _, k, sn, tn in self.layers:
            xp = x[perm]
            a = xp[:k]
            x = torch.cat([a, xp[k:] * torch.exp(tanh_net_value(sn, a)) + tanh_net_value(tn, a)])
        return x

    def jacobian(self, x):
        T = torch.eye(self.d, dtype=F64)
        for perm, _, k, sn, tn in self.layers:
            xp, Tp = x[perm], T[perm]
            a, b, Ta, Tb = xp[:k], xp[k:], Tp[:k], Tp[k:]
            (sv, sJ), (tv, tJ) = tanh_net(sn, a), tanh_net(tn, a)
            es = torch.exp(sv)
            x = torch.cat([a, b * es + tv])
            T = torch.cat([Ta, es[:, None] * Tb + (b * es)[:, None] * (sJ @ Ta) + tJ @ Ta])
        return T

    def inverse(self, r):
        for _, inv, k, sn, tn in reversed(self.layers):
            a = r[:k]
            r = torch.cat([a, (r[k:] - tanh_net_value(tn, a)) * torch.exp(-tanh_net_value(sn, a))])[inv]
        return r

    def inverse_jacobian(self, r):
        T = torch.eye(self.d, dtype=F64)
        for _, inv, k, sn, tn in reversed(self.layers):
            a, Ta, Tyb = r[:k], T[:k], T[k:]
            (sv, sJ), (tv, tJ) = tanh_net(sn, a), tanh_net(tn, a)
            ems = torch.exp(-sv)
            b = (r[k:] - tv) * ems
            r = torch.cat([a, b])[inv]
            T = torch.cat([Ta, ems[:, None] * (Tyb - tJ @ Ta) - b[:, None] * (sJ @ Ta)])[inv]
        return T

    def kink_distance(self, x):
        return float('inf')

    def in_range(self, r):
        return True


def fd_jacobian(g, x):
    """Central differences at steps h0 and h0/2 (h = h0 max(1, |x_j|)), one Richardson step, and
    the error estimate ||Richardson - D(h/2)||_F (JS fdJacobianWithError); one batched g call."""
    n = x.shape[0]
    pts, den = [], []
    for h0 in (FD_H0, FD_H0 / 2):
        H = torch.diag(h0 * torch.clamp(x.abs(), min=1))
        pts += [x + H, x - H]
        den.append(torch.diagonal(x + H) - torch.diagonal(x - H))
    G = g(torch.cat(pts)).reshape(4, n, n)
    coarse = (G[0] - G[1]) / den[0][:, None]
    fine = (G[2] - G[3]) / den[1][:, None]
    rich = (4 * fine - coarse) / 3
    return rich.T, float(torch.linalg.norm(rich - fine))


def lemma1_residual(m, x0):
    """src/theory/lemma1Residual.ts step by step: a dict, or the reason the case is skipped."""
    if m.kink_distance(x0) < KINK_REJECT:
        return 'point within 1e-6 of a kink'
    r = m.f(x0)
    if not m.in_range(r):
        return 'r outside the range of f'
    x = m.inverse(r)
    J = m.jacobian(x)
    s = torch.linalg.svdvals(J)
    kappa = float(s[0] / s[-1])
    if not (bool(torch.isfinite(J).all()) and kappa * U < MAX_U_KAPPA):
        return 'J numerically singular (u·κ > 1e-3) or non-finite'
    forward = m.has_inverse_jacobian
    lhs, fd_err = (m.inverse_jacobian(r), None) if forward else fd_jacobian(m.inverse, r)
    if not bool(torch.isfinite(lhs).all()):
        return 'non-finite inverse Jacobian'
    d = m.d
    threshold = 50 * d * U * kappa if forward else 1e-6 * kappa
    if fd_err is not None and fd_err * float(s[0]) / math.sqrt(d) > threshold:
        return 'finite-difference error estimate exceeds the pass threshold (undecidable by FD)'
    rhs = torch.linalg.inv(J)
    e = float(torch.linalg.norm(lhs @ J - torch.eye(d, dtype=F64))) / math.sqrt(d)
    rel = float(torch.linalg.norm(lhs - rhs) / torch.linalg.norm(rhs))
    return {'e': e, 'relDiff': rel, 'kappa': kappa, 'threshold': threshold, 'lhsMethod': 'forwardMode' if forward else 'finiteDifference'}


def lemma1_setup(path):
    """Rebuild the exported maps; measure each once (untimed) against the JS r = f(x0)."""
    with open(path, encoding='utf8') as fh:
        exported = json.load(fh)['cases']
    cases = [(CouplingMap(c['params']) if c['params']['family'] == 'coupling' else MlpMap(c['params']), torch.tensor(c['x0'], dtype=F64)) for c in exported]
    checks = []
    for (m, x0), c in zip(cases, exported):
        rj = torch.tensor(c['r'], dtype=F64)
        rel = float((m.f(x0) - rj).abs().max() / rj.abs().max())
        res = lemma1_residual(m, x0)
        checks.append({**({'skipped': res} if isinstance(res, str) else res), 'rRelErr': rel if math.isfinite(rel) else None})
    state = {'next': 0}

    def run():
        m, x0 = cases[state['next']]
        state['next'] = (state['next'] + 1) % len(cases)
        return lemma1_residual(m, x0)
    return run, checks


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
    'theory-lemma1': (None, 20, 2),  # setup: lemma1_setup(--lemma1-cases); 20 = the JS case count
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--only', default=','.join(WORKLOADS), help='comma list of workload names')
    ap.add_argument('--passes', type=int, default=3)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--lemma1-cases', help='JSON cases file written by soteria-lab bench (theory-lemma1)')
    a = ap.parse_args()
    names = [n.strip() for n in a.only.split(',') if n.strip()]
    runnable = lambda n: n in WORKLOADS and (n != 'theory-lemma1' or a.lemma1_cases is not None)
    timed = [n for n in names if runnable(n)]
    skipped = [n for n in names if not runnable(n)]
    runs, checks = {}, {}
    for i, n in enumerate(timed):
        setup, _, warmup = WORKLOADS[n]
        if n == 'theory-lemma1':
            runs[n], checks[n] = lemma1_setup(a.lemma1_cases)
        else:
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
    results = [{'name': n, 'medianMs': statistics.median(t), 'minMs': min(t), 'meanMs': statistics.fmean(t), 'iterations': len(t), 'backend': BACKEND} for n, t in times.items()]
    versions = {'torch': torch.__version__, 'python': sys.version.split()[0], 'threads': str(torch.get_num_threads())}
    print(json.dumps({'results': results, 'skipped': skipped, 'versions': versions, 'checks': checks}))


if __name__ == '__main__':
    main()
