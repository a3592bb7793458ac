import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TOL } from '../../../tensor/tolerances.js';
import { Lbfgs } from './lbfgs.js';
import type { LbfgsOptions } from './resolveLbfgsOptions.js';
import { rosenbrock } from './testFunctions.js';

// PyTorch float64 torch.optim.LBFGS traces on Rosenbrock (tools/make-lbfgs-fixture.py; the
// closure there computes f and ∇f in the same operation order as testFunctions.ts). The only
// arithmetic difference left is PyTorch's summation order in dot products and norms (~1e-16),
// which Rosenbrock's curved valley amplifies over dozens of iterations: measured ≤ 5e-14 after
// the first step() and ≤ 5e-8 over whole runs. So: counters exactly at every step, the first
// step to TOL.float64, every step to TORCH_TRACE_TOL. A semantic difference (a termination test,
// step length, line-search branch or history rule) changes the counters or moves iterates O(1).

/** Relative agreement of whole traces with PyTorch (roundoff-amplified; see above). */
const TORCH_TRACE_TOL = 1e-6;

interface TraceEntry { loss: number; x: number[]; funcEvals: number; nIter: number; history: number }
interface Run { name: string; x0: number[]; options: LbfgsOptions; trace: TraceEntry[] }

const FIXTURE = fileURLToPath(new URL('./fixtures/lbfgs-torch.json', import.meta.url));
const runs = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { lbfgs: Run[] }).lbfgs;

function relErr(a: ArrayLike<number>, b: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1));
}

describe('Lbfgs matches torch.optim.LBFGS (float64 fixture)', () => {
  it.each(runs.map((r) => [r.name, r] as const))('%s', (_name, run) => {
    // Arrange
    const opt = new Lbfgs(run.x0, run.options);
    for (const [k, expected] of run.trace.entries()) {
      const tol = k === 0 ? TOL.float64 : TORCH_TRACE_TOL;
      // Act
      const loss = opt.step(rosenbrock);
      // Assert
      expect(opt.counters.evaluations).toBe(expected.funcEvals);
      expect(opt.counters.iterations).toBe(expected.nIter);
      expect(opt.historyLength).toBe(expected.history);
      expect(Math.abs(loss - expected.loss)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(expected.loss)));
      expect(relErr(opt.x, expected.x)).toBeLessThanOrEqual(tol);
    }
  });
});
