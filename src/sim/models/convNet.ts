/**
 * The ConvNet of Geiping et al. 2020 ("Inverting Gradients", `inversefed/nn/models.py`), used by
 * Soteria (arXiv 2012.06043) §6 for the GS experiments, with width w (paper: 64):
 *
 *   conv0 C→w, conv1 w→2w, conv2 2w→2w, conv3 2w→4w, conv4 4w→4w, conv5 4w→4w, MaxPool(3),
 *   conv6 4w→4w, conv7 4w→4w, MaxPool(3), flatten (h, w, c order) = r, fc r → numClasses.
 *
 * Every conv is 3×3, pad 1, stride 1, followed by BatchNorm (`bnK`) and ReLU. The reference code
 * lists `conv6` twice under the same OrderedDict key, which keeps one block: 8 conv blocks.
 * MaxPool(3) is kernel 3, stride 3, floor mode (32 → 10 → 3, so r has 9·4w = 36w features; 2304
 * at w = 64). The reference names the last layer `linear`; here it is `fc`.
 *
 * BatchNorm is in EVAL mode, as in the GS attack (untrained model, `model.eval()`): it uses the
 * running statistics, stored in the ParamMap as non-trainable `bnK.running_mean` (init 0) and
 * `bnK.running_var` (init 1), eps 1e-5; `bnK.weight` (gamma, init 1) and `bnK.bias` (beta, 0) are
 * trainable. Convs and fc use PyTorch's default init, U(±1/√fan_in).
 */
import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { batchNormEval, conv2dPt, dense, maxPool2d } from '../../tensor/ops.js';
import type { ConvNetConfig, Model, ParamSpec } from '../types.js';
import { defineModel } from './defineModel.js';
import { bnSpecs, convSpecs, denseSpecs } from './layerSpecs.js';
import { checkInt, resolveCommonOptions } from './resolveCommonOptions.js';
import { InputError } from '../../errors.js';

/** Output-channel multipliers of conv0..conv7 and whether MaxPool(3) follows. */
const BLOCKS: readonly { readonly mult: number; readonly pool: boolean }[] = [
  { mult: 1, pool: false }, { mult: 2, pool: false }, { mult: 2, pool: false }, { mult: 4, pool: false },
  { mult: 4, pool: false }, { mult: 4, pool: true }, { mult: 4, pool: false }, { mult: 4, pool: true },
];

function block(p: ParamMap, k: number, x: tf.Tensor4D, pool: boolean): tf.Tensor4D {
  const t = (n: string): tf.Tensor1D => p[n] as tf.Tensor1D;
  const conv = conv2dPt(x, p[`conv${k}.weight`] as tf.Tensor4D, t(`conv${k}.bias`), 1, 1);
  const bn = batchNormEval(conv, t(`bn${k}.weight`), t(`bn${k}.bias`), t(`bn${k}.running_mean`), t(`bn${k}.running_var`));
  const y = tf.relu(bn);
  return pool ? maxPool2d(y, 3, 'floor') : y;
}

/**
 * Build the GS ConvNet. Geiping et al. 2020, `ConvNet(width)`.
 * @param options - width @default 64; inputShape @default [32, 32, 3]; numClasses @default 10.
 */
export function convNet(options: Omit<ConvNetConfig, 'kind'> = {}): Model {
  const { inputShape, numClasses } = resolveCommonOptions('convNet', options, [32, 32, 3]);
  const width = options.width ?? 64;
  checkInt('convNet', 'width', width);
  const [h, w, c] = inputShape;
  const side = (n: number): number => Math.floor(Math.floor(n / 3) / 3);
  if (side(h) < 1 || side(w) < 1) throw new InputError(`convNet: input too small for two MaxPool(3) (got ${h}x${w}, expected H, W >= 9)`);
  const representationSize = 4 * width * side(h) * side(w);
  const params: ParamSpec[] = [];
  BLOCKS.forEach((b, k) => {
    const cin = k === 0 ? c : BLOCKS[k - 1].mult * width;
    params.push(...convSpecs(`conv${k}`, 3, cin, b.mult * width), ...bnSpecs(`bn${k}`, b.mult * width));
  });
  params.push(...denseSpecs('fc', representationSize, numClasses));
  const forward = (p: ParamMap, x: tf.Tensor4D): { logits: tf.Tensor2D; representation: tf.Tensor2D } => {
    const a = BLOCKS.reduce((acc, b, k) => block(p, k, acc, b.pool), x);
    const representation = tf.reshape(a, [a.shape[0], representationSize]) as tf.Tensor2D;
    const logits = dense(representation, p['fc.weight'] as tf.Tensor2D, p['fc.bias'] as tf.Tensor1D);
    return { logits, representation };
  };
  return defineModel({ name: 'convNet', inputShape, numClasses, params, representationLayer: 'fc', representationSize, forward });
}
