import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TOL } from '../../../tensor/tolerances.js';
import { Adam } from './adam.js';
import { invertingGradientsMilestones, multiStepMilestones } from './multiStepMilestones.js';
import { quadratic } from './testFunctions.js';

// torch.optim.Adam + MultiStepLR traces in float64 (tools/make-lbfgs-fixture.py); elementwise
// arithmetic only, so iterates agree to TOL.float64.
interface AdamRun {
  name: string; A: number[][]; b: number[]; x0: number[]; lr: number; milestones: number[];
  signed: boolean; box: [number[], number[]] | null; trace: number[][];
}
const FIXTURE = fileURLToPath(new URL('./fixtures/lbfgs-torch.json', import.meta.url));
const runs = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { adam: AdamRun[] }).adam;

describe('Adam matches torch.optim.Adam + MultiStepLR (float64 fixture)', () => {
  it.each(runs.map((r) => [r.name, r] as const))('%s', (_name, run) => {
    // Arrange
    const f = quadratic(run.A, run.b);
    const box = run.box === null ? undefined : { lo: run.box[0], hi: run.box[1] };
    const opt = new Adam(run.x0, { lr: run.lr, milestones: run.milestones, signed: run.signed, box });
    for (const expected of run.trace) {
      // Act
      opt.step(f(opt.x).grad);
      // Assert
      expected.forEach((e, i) => expect(Math.abs(opt.x[i] - e)).toBeLessThanOrEqual(TOL.float64));
    }
  });
});

describe('Adam', () => {
  it('moves each coordinate by lr·g/(|g| + ε) on the first step (bias correction)', () => {
    // Arrange
    const g = [3, -0.5, 1e-3];
    const opt = new Adam([0, 0, 0], { lr: 0.1 });
    // Act
    opt.step(g);
    // Assert: m̂ = g, v̂ = g², so Δx = −lr·g/(|g| + ε)
    g.forEach((gi, i) => expect(opt.x[i]).toBeCloseTo((-0.1 * gi) / (Math.abs(gi) + 1e-8), 14));
  });

  it('signed: iterates do not depend on the gradient scale', () => {
    // Arrange
    const f = quadratic([[2, 0.5], [0.5, 1]], [1, -1]);
    const a = new Adam([0.3, -0.2], { lr: 0.1, signed: true });
    const b = new Adam([0.3, -0.2], { lr: 0.1, signed: true });
    // Act
    for (let k = 0; k < 20; k++) {
      a.step(f(a.x).grad);
      b.step(Array.from(f(b.x).grad, (v) => 1e3 * v));
    }
    // Assert
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
  });

  it('decays lr by γ exactly at each milestone (MultiStepLR)', () => {
    // Arrange
    const opt = new Adam([0], { lr: 0.1, milestones: [2, 4], gamma: 0.5 });
    const seen: number[] = [];
    // Act
    for (let k = 0; k < 6; k++) {
      seen.push(opt.lr);
      opt.step([1]);
    }
    // Assert: steps 0–1 at η, 2–3 at η/2, 4–5 at η/4
    expect(seen).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('keeps every coordinate inside a per-channel box', () => {
    // Arrange: 2 channels (index mod 2), gradients pushing both ways
    const lo = [-0.1, 0];
    const hi = [0.2, 0.05];
    const opt = new Adam([0, 0, 0, 0, 0, 0], { lr: 0.1, box: { lo, hi } });
    // Act / Assert
    for (let k = 0; k < 30; k++) {
      opt.step([1, -1, -1, 1, k % 2 ? 1 : -1, -1]);
      opt.x.forEach((x, i) => {
        expect(x).toBeGreaterThanOrEqual(lo[i % 2]);
        expect(x).toBeLessThanOrEqual(hi[i % 2]);
      });
    }
  });

  it('rejects bad options and gradients', () => {
    // Arrange / Act / Assert
    expect(() => new Adam([0], { lr: 0 })).toThrow(/lr must be a positive number/);
    expect(() => new Adam([0, 0, 0], { box: { lo: [0, 0], hi: 1 } })).toThrow(/per channel/);
    expect(() => new Adam([0], { box: { lo: 1, hi: 0 } })).toThrow(/lo must not exceed hi/);
    expect(() => new Adam([0], { milestones: [1.5] })).toThrow(/non-negative integers/);
    expect(() => new Adam([0, 0]).step([1])).toThrow(/wrong length/);
  });
});

describe('MultiStepLR milestones', () => {
  it('match Python float floor division of the inverting-gradients code', () => {
    // Arrange / Act / Assert: values printed by Python 3 for t // 2.667, t // 1.6, t // 1.142
    expect(invertingGradientsMilestones(120)).toEqual([44, 74, 105]);
    expect(invertingGradientsMilestones(24000)).toEqual([8998, 14999, 21015]);
  });

  it('put fractions 3/8, 5/8, 7/8 at floor(f·total)', () => {
    // Arrange / Act / Assert
    expect(multiStepMilestones(120, [3 / 8, 5 / 8, 7 / 8])).toEqual([45, 75, 105]);
    expect(() => multiStepMilestones(120, [1])).toThrow(/fractions must be in/);
  });
});
