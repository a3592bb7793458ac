#!/usr/bin/env python3
"""Developer-only: record PyTorch L-BFGS and Adam traces for src/sim/attacks/optim tests.

Requires Debian's python3-torch (run with /usr/bin/python3). Never a runtime or CI dependency:
the JSON it writes (src/sim/attacks/optim/fixtures/lbfgs-torch.json) is committed.

L-BFGS runs: torch.optim.LBFGS in float64 on the Rosenbrock function
    f(x) = sum_i 100 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2
(2-D and 10-D; value and gradient computed in Python floats), with and without line_search_fn='strong_wolfe'. Per step() we record the
returned loss, the parameters after the step, and state['func_evals'], state['n_iter'],
len(state['old_dirs']).

Adam runs: torch.optim.Adam (lr 0.1, betas (0.9, 0.999), eps 1e-8) in float64 on
f(x) = 0.5 x^T A x - b^T x with MultiStepLR(gamma 0.1), optionally with sign(grad) (inverting
gradients) and a box clamp after each step; the parameters after each step are recorded.
"""
import json
import os
import sys

import torch

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'sim', 'attacks', 'optim', 'fixtures', 'lbfgs-torch.json')


def rosenbrock(xs):
    """Value and analytic gradient in plain Python floats, in the same operation order as
    src/sim/attacks/optim/testFunctions.ts, so that only LBFGS's own arithmetic differs."""
    grad = [0.0] * len(xs)
    value = 0.0
    for i in range(len(xs) - 1):
        a = xs[i + 1] - xs[i] * xs[i]
        b = 1 - xs[i]
        value += 100 * a * a + b * b
        grad[i] += -400 * a * xs[i] - 2 * b
        grad[i + 1] += 200 * a
    return value, grad


def lbfgs_run(name, x0, steps, **kw):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([x], **kw)

    def closure():
        value, grad = rosenbrock(x.detach().tolist())
        x.grad = torch.tensor(grad, dtype=torch.float64)
        return torch.tensor(value, dtype=torch.float64)

    trace = []
    for _ in range(steps):
        loss = float(opt.step(closure))
        st = opt.state[x]
        trace.append({'loss': loss, 'x': x.detach().tolist(), 'funcEvals': st['func_evals'],
                      'nIter': st['n_iter'], 'history': len(st.get('old_dirs') or [])})
    opts = {'lr': kw.get('lr', 1), 'maxIter': kw.get('max_iter', 20), 'historySize': kw.get('history_size', 100),
            'lineSearch': 'strongWolfe' if kw.get('line_search_fn') == 'strong_wolfe' else 'none'}
    if 'max_eval' in kw:
        opts['maxEval'] = kw['max_eval']
    if 'tolerance_change' in kw:
        opts['toleranceChange'] = kw['tolerance_change']
    if 'tolerance_grad' in kw:
        opts['toleranceGrad'] = kw['tolerance_grad']
    return {'name': name, 'x0': list(x0), 'options': opts, 'trace': trace}


def adam_run(name, A, b, x0, steps, milestones, signed=False, box=None):
    x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
    At = torch.tensor(A, dtype=torch.float64)
    bt = torch.tensor(b, dtype=torch.float64)
    opt = torch.optim.Adam([x], lr=0.1)
    sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=milestones, gamma=0.1)
    trace = []
    for _ in range(steps):
        opt.zero_grad()
        f = 0.5 * x @ At @ x - bt @ x
        f.backward()
        if signed:
            x.grad.sign_()
        opt.step()
        sched.step()
        if box is not None:
            with torch.no_grad():
                x.data = torch.max(torch.min(x, torch.tensor(box[1], dtype=torch.float64)),
                                   torch.tensor(box[0], dtype=torch.float64))
        trace.append(x.detach().tolist())
    return {'name': name, 'A': A, 'b': b, 'x0': list(x0), 'lr': 0.1, 'milestones': milestones,
            'signed': signed, 'box': box, 'trace': trace}


def main():
    torch.manual_seed(20261126)
    x10 = (torch.rand(10, dtype=torch.float64) * 2 - 1).tolist()
    lbfgs = [
        lbfgs_run('rosen2d-wolfe', [-1.5, 2.0], 4, line_search_fn='strong_wolfe'),
        lbfgs_run('rosen2d-wolfe-short', [-1.5, 2.0], 12, line_search_fn='strong_wolfe', max_iter=4, history_size=3),
        lbfgs_run('rosen10d-wolfe', x10, 6, line_search_fn='strong_wolfe'),
        lbfgs_run('rosen2d-none', [-1.2, 1.0], 6, lr=0.05, max_iter=20),
        lbfgs_run('rosen10d-none', x10, 6, lr=0.05, max_iter=7, history_size=4),
        lbfgs_run('rosen2d-wolfe-maxeval', [-1.5, 2.0], 3, line_search_fn='strong_wolfe', max_iter=50, max_eval=9),
        lbfgs_run('rosen2d-none-tolchange', [-1.2, 1.0], 4, lr=0.05, tolerance_change=1e-2),
        lbfgs_run('rosen2d-wolfe-tolchange', [-1.5, 2.0], 4, line_search_fn='strong_wolfe', tolerance_change=1e-3),
        lbfgs_run('rosen2d-wolfe-tolgrad', [-1.5, 2.0], 4, line_search_fn='strong_wolfe', tolerance_grad=1e-2),
        lbfgs_run('rosen10d-wolfe-lr', x10, 4, line_search_fn='strong_wolfe', lr=30, history_size=5),
        lbfgs_run('rosen10d-wolfe-lr-small', x10, 4, line_search_fn='strong_wolfe', lr=0.01, max_iter=10),
    ]
    M = torch.rand(4, 4, dtype=torch.float64) - 0.5
    A = (M @ M.T + 0.5 * torch.eye(4, dtype=torch.float64)).tolist()
    b = (torch.rand(4, dtype=torch.float64) - 0.5).tolist()
    x0 = (torch.rand(4, dtype=torch.float64) - 0.5).tolist()
    adam = [
        adam_run('adam', A, b, x0, 40, [15, 25, 35]),
        adam_run('adam-signed', A, b, x0, 40, [15, 25, 35], signed=True),
        adam_run('adam-signed-box', A, b, x0, 40, [15, 25, 35], signed=True, box=[[-0.2] * 4, [0.1, 0.3, 0.2, 0.25]]),
    ]
    with open(OUT, 'w') as fh:
        json.dump({'torch': torch.__version__, 'lbfgs': lbfgs, 'adam': adam}, fh, indent=1)
    print('wrote', OUT, file=sys.stderr)


if __name__ == '__main__':
    main()
