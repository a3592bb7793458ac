import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, makeRng, uniform, gaussian, fromFloat64, toFloat64, toScalar, disposeParams, mapParams, expectNoNewTensors, TOL, FD_STEP_FLOAT64 } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { logReg } from '../models/logReg.js';
import { lenetDlg } from '../models/lenetDlg.js';
import { gsObjective, gsSimilarity } from './gsObjective.js';
import { makeGsClosure } from './gsClosure.js';
import { selectGradients } from './selectGradients.js';
import { disposeCase, makeClientCase } from './attackTestKit.js';

// float64 reference of the GS cost on logistic regression (H, W, C) = (3, 3, 2), K = 3:
// g_W = r ⊗ (p − y), g_b = p − y; cost = 1 − ⟨g, t⟩/(‖g‖‖t‖) over both tensors jointly + λ·TV.
const [H, W, C, K] = [3, 3, 2, 3];
const D = H * W * C;
const TV_WEIGHT = 0.05; // large enough that a wrong TV gradient would show
/** Precondition of the scaling test: a cost this far from 0 makes a relative comparison meaningful. */
const NONTRIVIAL_COST = 0.01;

function tv64(x: ArrayLike<number>): number {
  let dx = 0;
  let dy = 0;
  const at = (i: number, j: number, c: number): number => x[(i * W + j) * C + c];
  for (let i = 0; i < H; i++) for (let j = 0; j + 1 < W; j++) for (let c = 0; c < C; c++) dx += Math.abs(at(i, j + 1, c) - at(i, j, c));
  for (let i = 0; i + 1 < H; i++) for (let j = 0; j < W; j++) for (let c = 0; c < C; c++) dy += Math.abs(at(i + 1, j, c) - at(i, j, c));
  return dx / (H * (W - 1) * C) + dy / ((H - 1) * W * C);
}

function cost64(x: ArrayLike<number>, w: Float64Array, b: Float64Array, label: number, tW: Float64Array, tb: Float64Array): number {
  const logits = Array.from({ length: K }, (_, k) => b[k] + Array.from(x).reduce((s, r, i) => s + r * w[i * K + k], 0));
  const m = Math.max(...logits);
  const z = logits.reduce((s, l) => s + Math.exp(l - m), 0);
  const e = logits.map((l, k) => Math.exp(l - m) / z - (k === label ? 1 : 0));
  let [dot, gg, tt] = [0, 0, 0];
  for (let i = 0; i < D; i++) for (let k = 0; k < K; k++) {
    const g = x[i] * e[k];
    [dot, gg, tt] = [dot + g * tW[i * K + k], gg + g * g, tt + tW[i * K + k] ** 2];
  }
  for (let k = 0; k < K; k++) [dot, gg, tt] = [dot + e[k] * tb[k], gg + e[k] ** 2, tt + tb[k] ** 2];
  return 1 - dot / Math.sqrt(gg) / Math.sqrt(tt) + TV_WEIGHT * tv64(x);
}

/** Smallest |neighbour difference| of x: TV's kinks are where one is 0. */
function minNeighbourGap(x: ArrayLike<number>): number {
  let gap = Infinity;
  for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) for (let c = 0; c < C; c++) {
    const v = x[(i * W + j) * C + c];
    if (j + 1 < W) gap = Math.min(gap, Math.abs(x[(i * W + j + 1) * C + c] - v));
    if (i + 1 < H) gap = Math.min(gap, Math.abs(x[((i + 1) * W + j) * C + c] - v));
  }
  return gap;
}

const relativeL2 = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let [num, den] = [0, 0];
  for (let i = 0; i < b.length; i++) [num, den] = [num + (a[i] - b[i]) ** 2, den + b[i] ** 2];
  return Math.sqrt(num / den);
};

describe('gsObjective (inverting gradients, cost sim + TV)', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });
  const lenet = lenetDlg({ inputShape: [8, 8, 1] });

  it('is 0 at the true image with undefended gradients and no TV', () => {
    // Arrange
    const c = makeClientCase(lenet, 1, uniform(makeRng(1, 'test', 'image'), 64), 4);
    const names = selectGradients(lenet, 'all');
    // Act
    const cost = tf.tidy(() => toScalar(gsSimilarity(lenet, c.params, c.grads, names, c.x, tf.oneHot(c.y, 10).toFloat() as tf.Tensor2D)));
    disposeCase(c);
    // Assert
    expect(Math.abs(cost)).toBeLessThan(TOL.float32);
  });

  it('is invariant to scaling the target gradients by c > 0', () => {
    // Arrange: target from another image, so the cost is far from 0
    const c = makeClientCase(lenet, 2, uniform(makeRng(2, 'test', 'image'), 64), 1);
    const other = makeClientCase(lenet, 2, uniform(makeRng(3, 'test', 'image'), 64), 6);
    const names = selectGradients(lenet, 'all');
    const at = (t: ParamMap): number => tf.tidy(() => toScalar(gsObjective(lenet, c.params, t, names, c.x, tf.oneHot(c.y, 10).toFloat() as tf.Tensor2D, 1e-4)));
    const scaled = [0.5, 3, 1e3].map((s) => mapParams(other.grads, (t) => tf.mul(t, s)));
    // Act
    const base = at(other.grads);
    const costs = scaled.map(at);
    scaled.forEach(disposeParams);
    disposeCase(c);
    disposeCase(other);
    // Assert
    expect(base).toBeGreaterThan(NONTRIVIAL_COST);
    for (const v of costs) expect(Math.abs(v - base)).toBeLessThan(TOL.float32 * base);
  });

  it('closure value and ∇x match a float64 reference and its central differences (logReg)', () => {
    // Arrange
    const model = logReg({ inputShape: [H, W, C], numClasses: K, init: 'uniform' });
    const params = model.init(5);
    const x = Float32Array.from(gaussian(makeRng(5, 'test', 'x'), D)); // float32-representable inputs
    const [tW, tb] = [Float32Array.from(gaussian(makeRng(5, 'test', 'tW'), D * K)), Float32Array.from(gaussian(makeRng(5, 'test', 'tb'), K))];
    const targets: ParamMap = { 'fc.weight': fromFloat64(tW, [D, K]), 'fc.bias': fromFloat64(tb, [K]) };
    const [w, b] = [toFloat64(params['fc.weight']), toFloat64(params['fc.bias'])];
    const f64 = (v: ArrayLike<number>): number => cost64(v, w, b, 2, Float64Array.from(tW), Float64Array.from(tb));
    const closure = makeGsClosure(model, params, targets, ['fc.weight', 'fc.bias'], { xShape: [1, H, W, C], labels: [2] }, TV_WEIGHT);
    // Act
    const ev = expectNoNewTensors(() => closure(Float64Array.from(x)));
    const fd = Array.from(x, (_, i) => {
      const [up, dn] = [Float64Array.from(x), Float64Array.from(x)];
      up[i] += FD_STEP_FLOAT64;
      dn[i] -= FD_STEP_FLOAT64;
      return (f64(up) - f64(dn)) / (2 * FD_STEP_FLOAT64);
    });
    disposeParams(params);
    disposeParams(targets);
    // Assert: no TV kink within the FD step, then value and gradient agree to float32 accuracy
    expect(minNeighbourGap(x)).toBeGreaterThan(TOL.kinkMargin);
    expect(Math.abs(ev.value - f64(x))).toBeLessThan(TOL.float32 * Math.abs(f64(x)));
    expect(Math.abs(ev.value - (ev.cost + TV_WEIGHT * ev.tv))).toBeLessThan(TOL.float64);
    expect(Math.abs(ev.tv - tv64(x))).toBeLessThan(TOL.float32 * tv64(x));
    expect(relativeL2(ev.grad, fd)).toBeLessThan(TOL.float32);
  });

  it('closure gradient matches float32 directional differences on the sigmoid LeNet', () => {
    // Arrange: the target comes from another image AND label, so that cos is far from 1. Near
    // cos ≈ 1 (same label: C ≈ 1e-3, ‖∇C‖ ≈ 1e-3) float32 roundoff in 1 − cos swamps any FD step;
    // here C ≈ 1, ‖∇C‖ ≈ 1e-2, and the smooth sigmoid net allows steps up to 3e-2 (measured on cpu,
    // seeds 7–10: best error ≤ 3e-4).
    const c = makeClientCase(lenet, 7, uniform(makeRng(7, 'test', 'image'), 64), 3);
    const other = makeClientCase(lenet, 7, uniform(makeRng(8, 'test', 'image'), 64), 6);
    const closure = makeGsClosure(lenet, c.params, other.grads, selectGradients(lenet, 'all'), { xShape: [1, 8, 8, 1], labels: [3] }, 1e-4);
    const x0 = Float64Array.from(toFloat64(c.x));
    // Act
    const ev = closure(x0);
    const norm = Math.hypot(...ev.grad);
    const dir = ev.grad.map((g) => g / norm);
    const errors = [3e-2, 1e-2, 3e-3].map((h) => {
      const at = (s: number): number => closure(x0.map((v, i) => v + s * dir[i])).value;
      return Math.abs((at(h) - at(-h)) / (2 * h) - norm) / norm;
    });
    disposeCase(c);
    disposeCase(other);
    // Assert
    expect(Math.min(...errors)).toBeLessThan(TOL.fd32BestStep);
  });
});
