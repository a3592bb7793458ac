/**
 * BRIDGE property (style.md §7 item 7): simulator measurements (tfjs, float32) fed into the
 * Theorem 1 / Lemma 1 checks (float64). Tolerance float32 → float64: J has relative error ~1e-6;
 * rank decided at σ_max·max(L, D)·2⁻²³; float64 solves checked against TOL.float32 (1e-4);
 * finite differences in float32 with h = 1e-2 (roundoff ≈ 1e-7/h relative, truncation O(h²)).
 *
 * A small DLG LeNet (16×16×1 → r ∈ R^192, X ∈ R^256) keeps it fast; rank ≤ 192 < 256 still holds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, expectNoNewTensors, initBackend, makeRng, TOL } from '../../src/tensor/index.js';
import { vecNorm } from '../../src/theory/index.js';
import { lenetDlg } from '../../src/sim/models/lenetDlg.js';
import { bridgeLenetTheorem1, type BridgeReport } from '../../src/experiments/theoryBridgeLenet.js';
import { gramFactor } from '../../src/experiments/theoryBridgeGram.js';
import { representationAt, representationJacobian } from '../../src/experiments/theoryBridgeJacobian.js';
import { bridgeInput } from '../../src/experiments/theoryBridgeSample.js';
import { TIGHT_CONTROL_MAX_RESIDUAL } from '../../src/experiments/theoryBridgeReport.js';
import { assertCheckerLaws } from '../laws/checkerLaws.js';

const SHAPE = [16, 16, 1] as const;
const [L, D] = [192, 256];
const FD_STEP = 1e-2;

const norm = (a: ArrayLike<number>): number => vecNorm(Array.from(a), 2);
const sub = (a: ArrayLike<number>, b: ArrayLike<number>): number[] => Array.from(a, (v, i) => v - b[i]);
const unit = (a: ArrayLike<number>): Float64Array => Float64Array.from(a, (v) => v / norm(a));

let report: BridgeReport;

beforeAll(async () => {
  await initBackend('cpu');
  // the whole bridge run must not leak tensors (it owns its model parameters and every pass)
  report = await expectNoNewTensors(() => bridgeLenetTheorem1({ inputShape: SHAPE, samples: 2, seed: 3, backend: 'cpu' }));
});

describe('bridge: DLG LeNet → Theorem 1 (float32 → float64)', () => {
  it('reports Assumption 1 as inapplicable with rank ≤ L and null space ≥ D − L, and obeys the checker laws', () => {
    // Arrange
    const samples = report.bridge.perSample;
    // Assert
    assertCheckerLaws(report);
    expect(report.verdict.status).toBe('inapplicable');
    expect(samples).toHaveLength(2);
    for (const s of samples) {
      expect([s.jacobian.rows, s.jacobian.cols]).toEqual([L, D]);
      expect(s.jacobian.rank).toBeLessThanOrEqual(L);
      expect(s.jacobian.nullity).toBe(D - s.jacobian.rank);
      expect(s.jacobian.nullity).toBeGreaterThanOrEqual(D - L);
    }
  });

  it('sigmoid features lie in (0, 1) and every Soteria-pruned r′ (zeros) lies outside that range', () => {
    for (const s of report.bridge.perSample) {
      // Assert
      expect(s.features.min).toBeGreaterThan(0);
      expect(s.features.max).toBeLessThan(1);
      for (const p of s.pruned) {
        expect(p.count).toBe(Math.floor((p.percent * L) / 100));
        expect(p.targetMin).toBe(0);
        expect(p.targetInRange).toBe(false);
      }
    }
  });

  it('tight control: the step solves J δX = r′ − r to float32 tolerance and the Gauss–Newton residual is < 0.1', () => {
    for (const s of report.bridge.perSample) {
      // Assert
      expect(s.tight.targetInRange).toBe(true);
      expect(s.tight.rangeResidual).toBeLessThan(TOL.float32);
      expect(s.tight.linearisationResidual).toBeLessThan(TIGHT_CONTROL_MAX_RESIDUAL);
      expect(s.tight.ratios['p=2/operator'].rho).toBeGreaterThan(1 - TIGHT_CONTROL_MAX_RESIDUAL);
      expect(s.tight.ratios['p=2/operator'].rho).toBeLessThan(1 + TIGHT_CONTROL_MAX_RESIDUAL);
    }
  });

  it('pruned steps are truncated least-squares solutions: ‖Jᵀ(JδX − d)‖ ≤ tol·‖JδX − d‖ (only σ ≤ tol dropped)', () => {
    for (const s of report.bridge.perSample) {
      const rtol = s.jacobian.rankTolerance / s.jacobian.sigmaMax;
      for (const p of s.pruned) {
        // Assert
        expect(p.normalResidual).toBeLessThanOrEqual(rtol * p.rangeResidual * (1 + 1e-6) + TOL.float64);
        expect(p.rangeResidual).toBeGreaterThanOrEqual(0);
        expect(p.rangeResidual).toBeLessThanOrEqual(1 + TOL.float32);
        expect(Number.isFinite(p.ratios['p=2/operator'].rho)).toBe(true);
      }
    }
  });
});

describe('bridge: a computed null vector of J is a null direction of f (tfjs finite differences)', () => {
  it('J v ≈ 0 in float64, and f moves at second order along v but at first order along v₁', () => {
    // Arrange
    const model = lenetDlg({ inputShape: SHAPE });
    const params = model.init(5);
    const x = bridgeInput(model, 5, 0);
    const jac = representationJacobian(model, params, x);
    const g = gramFactor(jac.J, jac.L, jac.D);
    const rng = makeRng(5, 'bridgeTest', 'w');
    const w = Array.from({ length: D }, () => rng.next() - 0.5);
    const f = (dir: ArrayLike<number>, h: number): Float64Array => representationAt(model, params, Array.from(x, (v, k) => v + h * dir[k]));
    // Act
    const v = unit(g.nullProject(w));
    const v1 = unit(g.applyJt(g.topLeftSingular()));
    const alongNull = norm(sub(f(v, FD_STEP), jac.r));
    const alongTop = sub(f(v1, FD_STEP), f(v1, -FD_STEP)).map((d) => d / (2 * FD_STEP));
    disposeParams(params);
    // Assert
    expect(norm(g.applyJ(v))).toBeLessThanOrEqual(g.rankTolerance * (norm(w) / norm(g.nullProject(w))) * (1 + 1e-9));
    expect(norm(sub(alongTop, g.applyJ(v1))) / g.sigma[0]).toBeLessThan(TOL.fd32BestStep);
    expect(alongNull).toBeLessThan(0.01 * FD_STEP * g.sigma[0]);
  });
});
