/**
 * The float64 reference net is itself trustworthy: its hand-written ∇_θ L agrees with float64
 * central differences of L on random small nets, and its forward pass meets closed forms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOL, FD_STEP_FLOAT64, FD_STEP_FLOAT64_OBJECTIVE } from '../../src/tensor/tolerances.js';
import { smallNetArb, smallNetCase } from '../arbitraries/smallNetArb.js';
import type { SmallNetSpec } from '../arbitraries/smallNetArb.js';
import { float64Net, softmaxRows } from './float64Net.js';

/** ∇f(at) by float64 central differences with step h, one coordinate at a time. */
function centralDifferenceGradient(f: (v: Float64Array) => number, at: Float64Array, h: number): Float64Array {
  const g = new Float64Array(at.length);
  const v = Float64Array.from(at);
  for (let i = 0; i < at.length; i++) {
    v[i] = at[i] + h;
    const up = f(v);
    v[i] = at[i] - h;
    g[i] = (up - f(v)) / (2 * h);
    v[i] = at[i];
  }
  return g;
}

/** ‖a − b‖ / ‖b‖ (0 when both are zero). */
function relativeL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return num === 0 ? 0 : Math.sqrt(num / den);
}

const dominates = (big: Float64Array, small: Float64Array): boolean => small.every((v, i) => Math.abs(v) <= big[i] * (1 + TOL.float64) + TOL.float64);

describe('float64Net', () => {
  it('with all parameters zero, L = log K and ∇ fc.bias = mean_b(1/K − labels)', () => {
    // Arrange
    const c = smallNetCase({ input: [2, 4, 6, 2], layers: [{ kind: 'conv', k: 3, stride: 2, pad: 1, out: 2 }, { kind: 'act', fn: 'tanh' }], classes: 3, seed: 7 });
    const zeros = Object.fromEntries(Object.entries(c.params).map(([n, v]) => [n, new Float64Array(v.length)]));
    const labels = softmaxRows(c.z, 3);
    const net = float64Net(c.spec);
    // Act
    const loss = net.loss(zeros, c.x, labels);
    const gb = net.gradients(zeros, c.x, labels)['fc.bias'];
    // Assert
    expect(Math.abs(loss - Math.log(3))).toBeLessThan(TOL.float64);
    for (let k = 0; k < 3; k++) expect(Math.abs(gb[k] - (1 / 3 - (labels[k] + labels[3 + k]) / 2))).toBeLessThan(TOL.float64);
  });

  it('a delta-kernel conv (k 3, pad 1) and a 2×2 max pool of a 2×2-upsampled input are identities', () => {
    // Arrange: the same dense head on [1, 2, 2, 1] features, reached three ways
    const head: SmallNetSpec = { input: [1, 2, 2, 1], layers: [], classes: 2, seed: 3 };
    const base = smallNetCase(head);
    const denseHead = { 'fc.weight': base.params['fc.weight'], 'fc.bias': base.params['fc.bias'] };
    const conv = smallNetCase({ ...head, layers: [{ kind: 'conv', k: 3, stride: 1, pad: 1, out: 1 }] });
    const delta = new Float64Array(9);
    delta[4] = 1;
    const pool = smallNetCase({ ...head, input: [1, 4, 4, 1], layers: [{ kind: 'maxPool2' }] });
    const up = new Float64Array(16).map((_, i) => base.x[Math.floor(i / 8) * 2 + (Math.floor(i / 2) % 2)]);
    const labels = softmaxRows(base.z, 2);
    // Act
    const plain = float64Net(head).loss(denseHead, base.x, labels);
    const viaConv = float64Net(conv.spec).loss({ ...denseHead, 'conv0.weight': delta, 'conv0.bias': new Float64Array(1) }, base.x, labels);
    const viaPool = float64Net(pool.spec).loss(denseHead, up, labels);
    // Assert
    expect(Math.abs(viaConv - plain)).toBeLessThan(TOL.float64);
    expect(Math.abs(viaPool - plain)).toBeLessThan(TOL.float64);
  });

  it('∇_θ L agrees with float64 central differences of L on random small nets', () => {
    fc.assert(
      fc.property(smallNetArb(), (c) => {
        // Arrange
        const net = float64Net(c.spec);
        fc.pre(net.kinkMargin(c.params, c.x) > TOL.kinkMargin);
        const labels = softmaxRows(c.z, c.spec.classes);
        // Act
        const analytic = net.gradients(c.params, c.x, labels);
        // Assert
        for (const name of Object.keys(c.params)) {
          const f = (v: Float64Array): number => net.loss({ ...c.params, [name]: v }, c.x, labels);
          const fd = centralDifferenceGradient(f, c.params[name], FD_STEP_FLOAT64);
          expect(relativeL2(analytic[name], fd), name).toBeLessThan(TOL.float64FiniteDifference);
        }
      }),
    );
  });

  it('the summand magnitudes bound the gradients entrywise', () => {
    fc.assert(
      fc.property(smallNetArb(), (c) => {
        // Arrange
        const net = float64Net(c.spec);
        const labels = softmaxRows(c.z, c.spec.classes);
        // Act
        const g = net.gradients(c.params, c.x, labels);
        const m = net.gradientMagnitudes(c.params, c.x, labels);
        // Assert
        for (const name of Object.keys(g)) expect(dominates(m[name], g[name]), name).toBe(true);
      }),
    );
  });

  it('the chain-rule ∇_x D64, ∇_z D64 agree with central differences of D64 itself', () => {
    // smooth nets only: the larger step of FD_STEP_FLOAT64_OBJECTIVE must not cross a ReLU/max-pool kink
    fc.assert(
      fc.property(smallNetArb({ activations: ['sigmoid', 'tanh'], kinds: ['act', 'conv'] }), (c) => {
        // Arrange
        const net = float64Net(c.spec);
        const d64 = (x: Float64Array, z: Float64Array): number => net.dlgObjective(c.params, c.targets, x, z);
        // Act
        const ref = net.dlgGradients(c.params, c.targets, c.x, c.z, FD_STEP_FLOAT64);
        const fdX = centralDifferenceGradient((v) => d64(v, c.z), c.x, FD_STEP_FLOAT64_OBJECTIVE);
        const fdZ = centralDifferenceGradient((v) => d64(c.x, v), c.z, FD_STEP_FLOAT64_OBJECTIVE);
        // Assert
        expect(relativeL2(ref.gradX, fdX)).toBeLessThan(TOL.float64FiniteDifference);
        expect(relativeL2(ref.gradZ, fdZ)).toBeLessThan(TOL.float64FiniteDifference);
        expect(dominates(ref.magX, ref.gradX) && dominates(ref.magZ, ref.gradZ)).toBe(true);
      }),
    );
  });

  it('D64 is 0 when the targets are the gradients themselves, and positive for other targets', () => {
    fc.assert(
      fc.property(smallNetArb(), (c) => {
        // Arrange
        const net = float64Net(c.spec);
        const own = net.gradients(c.params, c.x, softmaxRows(c.z, c.spec.classes));
        // Act
        const atOwn = net.dlgObjective(c.params, own, c.x, c.z);
        const atRandom = net.dlgObjective(c.params, c.targets, c.x, c.z);
        // Assert
        expect(atOwn).toBe(0);
        expect(atRandom).toBeGreaterThan(0);
      }),
    );
  });
});
