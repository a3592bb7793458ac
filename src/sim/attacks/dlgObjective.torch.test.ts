import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { tf, initBackend, setPatches, fromFloat64, toFloat64, toScalar, disposeParams, TOL } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { lenetDlg } from '../models/lenetDlg.js';
import { dlgValueAndGrads, targetGradients } from './dlgObjective.js';
import { readTorchFixture, torchImageToTf, torchStateToTf } from './torchFixture.js';
import { makeDlgClosure } from './dlgClosure.js';
import { trainableParamNames } from '../models/trainableParamNames.js';

// The DLG LeNet's double-backprop path against PyTorch float64 (tools/make-torch-fixtures.py).
// Tolerance TOL.torchFixture = 1e-4 relative L2: float32 accumulation over the 4-conv LeNet
// gives ~1e-5 (measured), the stock tfjs errors this guards against are O(1).

const FIXTURE = fileURLToPath(new URL('../models/fixtures/dlg-lenet-torch.json', import.meta.url));
const fx = readTorchFixture(FIXTURE);
const FC_INPUT = [12, 8, 8] as const; // [C, H, W] of the LeNet representation on 32×32 input

function relL2(actual: Float64Array, expected: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < actual.length; i++) {
    num += (actual[i] - expected[i]) ** 2;
    den += expected[i] ** 2;
  }
  return Math.sqrt(num / den);
}

interface Comparison { D: number; gradX: number; gradZ: number; targets: number }

/** The closure (hand-derived double backprop on LeNet) at the fixture's (x, z), against PyTorch. */
function compareClosureWithTorch(): Omit<Comparison, 'targets'> {
  const model = lenetDlg({ inputShape: [32, 32, 3] });
  const params = torchStateToTf(fx.params, 'fc', FC_INPUT);
  const refTargets = torchStateToTf(fx.targets, 'fc', FC_INPUT);
  const x = torchImageToTf(fx.x);
  try {
    const closure = makeDlgClosure(model, params, refTargets, trainableParamNames(model), { xShape: [1, 32, 32, 3], zShape: [1, 10] });
    const nx = 32 * 32 * 3;
    const ev = closure(Float64Array.from([...toFloat64(x), ...fx.z.values]));
    const grad = Float64Array.from(ev.grad);
    const nchw = tf.tidy(() => tf.transpose(fromFloat64(grad.subarray(0, nx), [1, 32, 32, 3]), [0, 3, 1, 2]));
    const gx = toFloat64(nchw);
    nchw.dispose();
    return { D: Math.abs(ev.value - fx.D) / Math.abs(fx.D), gradX: relL2(gx, fx.gradX.values), gradZ: relL2(grad.subarray(nx), fx.gradZ.values) };
  } finally {
    for (const p of [params, refTargets]) disposeParams(p);
    x.dispose();
  }
}

function compareWithTorch(): Comparison {
  const model = lenetDlg({ inputShape: [32, 32, 3] });
  const params = torchStateToTf(fx.params, 'fc', FC_INPUT);
  const refTargets = torchStateToTf(fx.targets, 'fc', FC_INPUT);
  const xTrue = torchImageToTf(fx.xTrue);
  const x = torchImageToTf(fx.x);
  const z = tf.tensor2d(fx.z.values, fx.z.shape as [number, number]);
  const label = tf.tensor1d([fx.label], 'int32');
  const ours: ParamMap = targetGradients(model, params, xTrue, label);
  try {
    const targetErr = Math.max(...Object.keys(refTargets).map((n) => relL2(toFloat64(ours[n]), toFloat64(refTargets[n]))));
    const ev = dlgValueAndGrads(model, params, refTargets, x, z);
    const gx = tf.transpose(ev.gradX, [0, 3, 1, 2]); // back to NCHW
    const result = {
      D: Math.abs(toScalar(ev.value) - fx.D) / Math.abs(fx.D),
      gradX: relL2(toFloat64(gx), fx.gradX.values),
      gradZ: relL2(toFloat64(ev.gradZ), fx.gradZ.values),
      targets: targetErr,
    };
    tf.dispose([ev.value, ev.gradX, ev.gradZ, gx]);
    return result;
  } finally {
    for (const p of [params, refTargets, ours]) disposeParams(p);
    tf.dispose([xTrue, x, z, label]);
  }
}

describe('DLG LeNet double backprop vs PyTorch float64', () => {
  afterAll(() => setPatches());

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    beforeAll(async () => {
      await initBackend(backend);
    });

    it('D, ∇x D, ∇z D and the target gradients agree with PyTorch', () => {
      // Arrange / Act
      const err = compareWithTorch();
      // Assert
      expect(err.targets).toBeLessThan(TOL.torchFixture);
      expect(err.D).toBeLessThan(TOL.torchFixture);
      expect(err.gradX).toBeLessThan(TOL.torchFixture);
      expect(err.gradZ).toBeLessThan(TOL.torchFixture);
    });

    it('the DLG closure (hand-derived double backprop) agrees with PyTorch too', () => {
      // Arrange / Act
      const err = compareClosureWithTorch();
      // Assert
      expect(err.D).toBeLessThan(TOL.torchFixture);
      expect(err.gradX).toBeLessThan(TOL.torchFixture);
      expect(err.gradZ).toBeLessThan(TOL.torchFixture);
    });
  });

  describe('with the patches switched off (cpu)', () => {
    beforeAll(async () => {
      await initBackend('cpu');
    });

    it('stock Sigmoid/Exp/Tanh/Softmax gradients make ∇x D silently and grossly wrong', () => {
      // Arrange
      setPatches({ inputSavingGrads: false });
      // Act
      const err = compareWithTorch();
      setPatches();
      // Assert: it runs, first-order gradients are still right, the second-order one is not
      expect(err.targets).toBeLessThan(TOL.torchFixture);
      expect(err.gradX).toBeGreaterThan(TOL.clearlyWrong);
    });

    it('without any gradient patch the comparison cannot even run', () => {
      // Arrange
      setPatches({ conv2dBackpropFilterGrad: false, comparisonGrads: false, inputSavingGrads: false });
      // Act / Assert
      try {
        expect(() => compareWithTorch()).toThrow(/gradient/i);
      } finally {
        setPatches();
      }
    });
  });
});
