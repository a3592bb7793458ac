/**
 * Oracle property for the patched tfjs stack: on random small nets, first-order ∇_θ L and the
 * second-order DLG gradients ∇_x D, ∇_z D (nested tf.grads, via the project's own
 * `parameterGradients` / `dlgValueAndGrads`) agree with a plain-JS float64 reference, on the cpu
 * and wasm backends; with the input-saving gradient patches off, the same comparison fails.
 *
 * Metrics and tolerances (TOL.float32 = TOL.finiteDifference = 1e-4):
 *  - ∇_θ L, ∇_x D, ∇_z D: `scaledError`, ‖tfjs − ref‖ in units of the float64 summand magnitudes.
 *    Plain relative L2 is not a sound float32 test: when softmax(z) ≈ the prediction, ∇_θ L ∝
 *    p − labels cancels and plain errors reached 1.7e-4 on correct code (wasm, 1,000 nets).
 *  - D: plain relative error (a sum of squares does not cancel).
 *  - directional: |fd − ⟨∇D, v⟩| / (‖∇D‖‖v‖), fd the float64 central difference of D64 along v.
 * The float64 side is accurate to ~1e-9 (float64Net.test.ts), so what is measured is tfjs float32.
 * Worst cases measured over 2,300 (cpu) and 1,600 (wasm) random nets: ∇_θ L 2.9e-7 / 3.6e-7,
 * D 1.1e-6 / 1.2e-6, ∇_x D 1.2e-6 / 1.1e-6, ∇_z D 2.1e-6 / 3.2e-6, directional 1.4e-6 / 4.0e-6,
 * so 1e-4 leaves a margin of ≥ 25×; with the input-saving patches off, ∇_x D errs by 0.03–1.7
 * (median 0.8) on sigmoid/tanh nets.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, setPatches, fromFloat64, toFloat64, toScalar, expectNoNewTensors, makeRng, TOL, FD_STEP_FLOAT64 } from '../../src/tensor/index.js';
import type { ParamMap } from '../../src/tensor/index.js';
import { conv2dPt, dense, maxPool2d } from '../../src/tensor/ops.js';
import { gaussian } from '../../src/tensor/samplers.js';
import { dlgValueAndGrads, parameterGradients } from '../../src/sim/attacks/dlgObjective.js';
import type { Model } from '../../src/sim/types.js';
import { smallNetArb, smallNetShapes } from '../arbitraries/smallNetArb.js';
import type { Float64Params, SmallNetCase, SmallNetSpec } from '../arbitraries/smallNetArb.js';
import { float64Net, scaledError, softmaxRows } from './float64Net.js';

const DIRECTIONS = 3;

/** The spec as a project `Model` (tfjs ops with PyTorch padding, reshape+max pooling). */
function tfjsModel(spec: SmallNetSpec): Model {
  const { params, features } = smallNetShapes(spec);
  const apply = (p: ParamMap, x: tf.Tensor4D): { logits: tf.Tensor2D; representation: tf.Tensor2D } => tf.tidy(() => {
    let a = x;
    spec.layers.forEach((l, i) => {
      if (l.kind === 'conv') a = conv2dPt(a, p[`conv${i}.weight`] as tf.Tensor4D, p[`conv${i}.bias`] as tf.Tensor1D, l.stride, l.pad);
      else if (l.kind === 'maxPool2') a = maxPool2d(a, 2);
      else a = tf[l.fn](a);
    });
    const r = tf.reshape(a, [spec.input[0], features]) as tf.Tensor2D;
    return { logits: dense(r, p['fc.weight'] as tf.Tensor2D, p['fc.bias'] as tf.Tensor1D), representation: r };
  });
  return {
    name: 'smallNet', inputShape: [spec.input[1], spec.input[2], spec.input[3]], numClasses: spec.classes,
    params: params.map(([name, shape]) => ({ name, shape, init: { kind: 'constant', value: 0 }, trainable: true })),
    representationLayer: 'fc', representationSize: features,
    init: () => { throw new Error('tfjsModel: parameters come from the case, not init'); },
    apply,
  };
}

interface TfjsResult { grads: Record<string, Float64Array>; D: number; gradX: Float64Array; gradZ: Float64Array }

/** ∇_θ L(x, softmax(z)), D, ∇_x D, ∇_z D on the active tfjs backend, as float64 copies. */
function tfjsSide(c: SmallNetCase): TfjsResult {
  const model = tfjsModel(c.spec);
  const toTensors = (ps: Float64Params): ParamMap => Object.fromEntries(Object.entries(ps).map(([n, v]) => [n, fromFloat64(v, c.shapes[n])]));
  const [params, targets] = [toTensors(c.params), toTensors(c.targets)];
  const x = fromFloat64(c.x, c.spec.input) as tf.Tensor4D;
  const z = fromFloat64(c.z, [c.spec.input[0], c.spec.classes]) as tf.Tensor2D;
  try {
    const g = tf.tidy(() => parameterGradients(model, params, x, tf.softmax(z)));
    const grads = Object.fromEntries(Object.entries(g).map(([n, t]) => [n, toFloat64(t)]));
    const ev = dlgValueAndGrads(model, params, targets, x, z);
    const out = { grads, D: toScalar(ev.value), gradX: toFloat64(ev.gradX), gradZ: toFloat64(ev.gradZ) };
    tf.dispose([...Object.values(g), ev.value, ev.gradX, ev.gradZ]);
    return out;
  } finally {
    tf.dispose([...Object.values(params), ...Object.values(targets), x, z]);
  }
}

interface Errors { firstOrder: number; D: number; gradX: number; gradZ: number; directional: number }

/** Max over `v` of |fd − ⟨∇D, v⟩| / (‖∇D‖‖v‖), fd the float64 central difference of D64 along v. */
function directionalError(c: SmallNetCase, d64: (x: Float64Array, z: Float64Array) => number, grad: number[]): number {
  let worst = 0;
  for (let d = 0; d < DIRECTIONS; d++) {
    const v = gaussian(makeRng(c.spec.seed, 'direction', d), grad.length);
    const at = (s: number): number => d64(c.x.map((xi, i) => xi + s * v[i]), c.z.map((zi, i) => zi + s * v[c.x.length + i]));
    const fd = (at(FD_STEP_FLOAT64) - at(-FD_STEP_FLOAT64)) / (2 * FD_STEP_FLOAT64); // h ≪ TOL.kinkMargin: no kink crossed
    const dot = grad.reduce((s, g, i) => s + g * v[i], 0);
    worst = Math.max(worst, Math.abs(fd - dot) / (Math.hypot(...grad) * Math.hypot(...v)));
  }
  return worst;
}

/**
 * All errors of one case, tfjs vs the float64 reference. Gradients are compared by `scaledError`
 * (‖tfjs − ref‖ in units of the float64 summand magnitudes): plain relative errors blow up when the
 * result cancels (labels ≈ prediction makes ∇_θ L ∝ p − labels tiny), which is float32, not a bug.
 */
function caseErrors(c: SmallNetCase): Errors {
  const net = float64Net(c.spec);
  const tfjs = expectNoNewTensors(() => tfjsSide(c));
  const labels = softmaxRows(c.z, c.spec.classes);
  const [ref, mag] = [net.gradients(c.params, c.x, labels), net.gradientMagnitudes(c.params, c.x, labels)];
  const second = net.dlgGradients(c.params, c.targets, c.x, c.z, FD_STEP_FLOAT64);
  const d64 = (x: Float64Array, z: Float64Array): number => net.dlgObjective(c.params, c.targets, x, z);
  return {
    firstOrder: Math.max(...Object.keys(ref).map((n) => scaledError(tfjs.grads[n], ref[n], mag[n]))),
    D: Math.abs(tfjs.D - d64(c.x, c.z)) / d64(c.x, c.z),
    gradX: scaledError(tfjs.gradX, second.gradX, second.magX),
    gradZ: scaledError(tfjs.gradZ, second.gradZ, second.magZ),
    directional: directionalError(c, d64, [...tfjs.gradX, ...tfjs.gradZ]),
  };
}

/** Cases whose forward pass is safely away from ReLU / max-pool kinks (see TOL.kinkMargin). */
const smoothCase = (c: SmallNetCase): boolean => float64Net(c.spec).kinkMargin(c.params, c.x) > TOL.kinkMargin;

describe('second-order gradients of the patched stack vs float64 on random small nets', () => {
  afterAll(() => setPatches());

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    beforeAll(async () => {
      await initBackend(backend);
    });

    it('∇_θ L, D, ∇_x D, ∇_z D and directional derivatives agree with float64', () => {
      fc.assert(
        fc.property(smallNetArb(), (c) => {
          // Arrange
          fc.pre(smoothCase(c));
          // Act
          const err = caseErrors(c);
          // Assert
          expect(err.firstOrder).toBeLessThan(TOL.float32);
          expect(err.D).toBeLessThan(TOL.float32);
          expect(err.gradX).toBeLessThan(TOL.float32);
          expect(err.gradZ).toBeLessThan(TOL.float32);
          expect(err.directional).toBeLessThan(TOL.finiteDifference);
        }),
      );
    });
  });

  describe('negative control: stock Sigmoid/Exp/Tanh/Softmax gradients (cpu)', () => {
    beforeAll(async () => {
      await initBackend('cpu');
    });

    it('the second-order comparison fails by more than TOL.clearlyWrong on some sigmoid/tanh nets', () => {
      // Arrange
      setPatches({ inputSavingGrads: false });
      try {
        const arb = smallNetArb({ activations: ['sigmoid', 'tanh'], kinds: ['act', 'conv'] });
        const secondOrder = (c: SmallNetCase): number => { const e = caseErrors(c); return Math.max(e.gradX, e.gradZ); };
        // Act
        const run = fc.check(fc.property(arb, (c) => secondOrder(c) <= TOL.clearlyWrong), { endOnFailure: true });
        // Assert: a counterexample exists, and it is a wrong value (not a throw)
        expect(run.failed).toBe(true);
        expect(secondOrder(run.counterexample![0])).toBeGreaterThan(TOL.clearlyWrong);
        // and first order is still right on it (the error is only in double backprop)
        expect(caseErrors(run.counterexample![0]).firstOrder).toBeLessThan(TOL.float32);
      } finally {
        setPatches();
      }
    });
  });
});
