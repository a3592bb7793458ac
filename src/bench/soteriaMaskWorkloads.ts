/**
 * Soteria's per-feature Jacobian row norms ‖∂r_i/∂x‖ on DLG's LeNet (32×32×3, batch 1, L = 768
 * features): the cost of computing the defense's mask (Soteria, arXiv 2012.06043, Alg. 1). Two
 * entries: the batched passes of `jacobianRowNorms` (128 features per pass, 6 passes) and the
 * official code's one-backward-pass-per-feature loop (`jacobianRowNormsLoop`, 768 passes).
 */
import { disposeParams, makeRng, randomUniformTensor, tf } from '../tensor/index.js';
import { jacobianRowNorms } from '../sim/defenses/jacobianRowNorms.js';
import { jacobianRowNormsLoop } from '../sim/defenses/jacobianRowNormsLoop.js';
import { lenetDlg } from '../sim/models/lenetDlg.js';
import type { ParamMap } from '../tensor/index.js';
import type { Model } from '../sim/types.js';
import type { BenchWorkload, PreparedWorkload } from './types.js';

/** Features per batched pass (fixed, so tools/bench-torch.py can use the same chunks). */
export const MASK_FEATURES_PER_PASS = 128;

function maskWorkload(name: string, description: string, norms: (m: Model, p: ParamMap, x: tf.Tensor4D) => void): BenchWorkload {
  return {
    name,
    description,
    iterationsPerPass: 1,
    warmup: 1,
    setup: (seed): PreparedWorkload => {
      const model = lenetDlg();
      const params = model.init(seed);
      const x = randomUniformTensor(makeRng(seed, 'bench', name, 'x'), [1, 32, 32, 3]) as tf.Tensor4D;
      return { run: () => norms(model, params, x), dispose: () => { disposeParams(params); x.dispose(); } };
    },
  };
}

/** `soteria-mask-lenet-batched`: 6 batched passes of 128 features. */
export const soteriaMaskBatched = maskWorkload(
  'soteria-mask-lenet-batched',
  `Jacobian row norms, LeNet 32×32×3 batch 1, L = 768, batched (${MASK_FEATURES_PER_PASS} features per pass)`,
  (m, p, x) => void jacobianRowNorms(m, p, x, { featuresPerPass: MASK_FEATURES_PER_PASS }),
);

/** `soteria-mask-lenet-loop`: 768 backward passes (the official code's loop). */
export const soteriaMaskLoop = maskWorkload(
  'soteria-mask-lenet-loop',
  'Jacobian row norms, LeNet 32×32×3 batch 1, L = 768, one backward pass per feature (official code)',
  (m, p, x) => void jacobianRowNormsLoop(m, p, x),
);
