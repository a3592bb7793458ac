/**
 * The attack-closure workloads: one evaluation of the DLG closure (Zhu et al. 2019) and of the
 * GS closure (Geiping et al. 2020) on DLG's LeNet, 32×32×3, batch 1 — the unit of work an
 * L-BFGS / Adam attack repeats thousands of times.
 */
import { disposeParams, gaussian, makeRng, randomUniformTensor, tf } from '../tensor/index.js';
import { makeDlgClosure } from '../sim/attacks/dlgClosure.js';
import { targetGradients } from '../sim/attacks/dlgObjective.js';
import { makeGsClosure } from '../sim/attacks/gsClosure.js';
import { lenetDlg } from '../sim/models/lenetDlg.js';
import { trainableParamNames } from '../sim/models/trainableParamNames.js';
import type { ParamMap } from '../tensor/index.js';
import type { Model } from '../sim/types.js';
import type { BenchWorkload, PreparedWorkload } from './types.js';

const X_SHAPE = [1, 32, 32, 3] as const;
const LABEL = 3;
/** GS's TV weight (inversefed code default for the 'sim' cost on CIFAR). */
const GS_TV_WEIGHT = 1e-4;

interface AttackSetup {
  readonly model: Model;
  readonly params: ParamMap;
  readonly targets: ParamMap;
  readonly names: string[];
}

/** LeNet, its parameters and the target gradients of one uniform image with label 3. */
function attackSetup(seed: number, name: string): AttackSetup {
  const model = lenetDlg();
  const params = model.init(seed);
  const targets = tf.tidy(() => {
    const x = randomUniformTensor(makeRng(seed, 'bench', name, 'x'), X_SHAPE) as tf.Tensor4D;
    return targetGradients(model, params, x, tf.tensor1d([LABEL], 'int32'));
  });
  return { model, params, targets, names: trainableParamNames(model) };
}

function prepared(s: AttackSetup, run: () => void): PreparedWorkload {
  return { run, dispose: () => { disposeParams(s.params); disposeParams(s.targets); } };
}

/** `dlg-closure-lenet-b1`: forward, parameter gradients with graph, squared distance, backprop to x and z. */
export const dlgClosureLenet: BenchWorkload = {
  name: 'dlg-closure-lenet-b1',
  description: 'DLG closure on LeNet 32×32×3, batch 1: D(x, z) and ∇x, ∇z (makeDlgClosure, float64 in/out)',
  iterationsPerPass: 10,
  warmup: 3,
  setup: (seed) => {
    const s = attackSetup(seed, 'dlg');
    const closure = makeDlgClosure(s.model, s.params, s.targets, s.names, { xShape: X_SHAPE, zShape: [1, s.model.numClasses] });
    const v = gaussian(makeRng(seed, 'bench', 'dlg', 'dummy'), 32 * 32 * 3 + s.model.numClasses);
    return prepared(s, () => void closure(v));
  },
};

/** `gs-closure-lenet-b1`: 1 − cos over all tensors + 1e-4·TV(x), backprop to x (makeGsClosure). */
export const gsClosureLenet: BenchWorkload = {
  name: 'gs-closure-lenet-b1',
  description: 'GS closure on LeNet 32×32×3, batch 1: 1 − cos(∇θ, T) + 1e-4·TV(x) and ∇x (makeGsClosure, float64 in/out)',
  iterationsPerPass: 10,
  warmup: 3,
  setup: (seed) => {
    const s = attackSetup(seed, 'gs');
    const closure = makeGsClosure(s.model, s.params, s.targets, s.names, { xShape: X_SHAPE, labels: [LABEL] }, GS_TV_WEIGHT);
    const v = gaussian(makeRng(seed, 'bench', 'gs', 'dummy'), 32 * 32 * 3);
    return prepared(s, () => void closure(v));
  },
};
