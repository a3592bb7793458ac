/**
 * The sigmoid LeNet of DLG (Zhu et al. 2019, official `mit-han-lab/dlg` `models/vision.py`),
 * used by Soteria (arXiv 2012.06043) §6 for the DLG experiments:
 *
 *   conv1 C→12, k5, pad 2, stride 2 – sigmoid
 *   conv2 12→12, k5, pad 2, stride 2 – sigmoid
 *   conv3 12→12, k5, pad 2, stride 1 – sigmoid
 *   conv4 12→12, k5, pad 2, stride 1 – sigmoid
 *   flatten (h, w, c order) = r, size 12·⌈H/4⌉·⌈W/4⌉ (768 for 32×32)
 *   fc    r → numClasses
 *
 * Every weight and bias is U(−0.5, 0.5) (DLG's `weights_init`). Padding is PyTorch's (2 on every
 * side), not tfjs 'same'. PyTorch names the layers `body.0/2/4/6` and `fc.0`; here they are
 * `conv1`–`conv4` and `fc`. PyTorch flattens (c, h, w): importing its weights needs
 * `fcWeightFromTorch` (torchImport.ts).
 *
 * The model declares its `layers` (sequentialLayers.ts), so the attacks can take their
 * hand-derived double-backprop path on it.
 *
 * MNIST: the model accepts any [H, W, C]. The convention for the paper's DLG-on-MNIST runs is to
 * zero-pad the 28×28 digits by 2 pixels per side to 32×32 and keep 1 channel (inputShape
 * [32, 32, 1]); r then has the paper's 768 features. The padding is the data layer's job.
 */
import type { LenetDlgConfig, Model } from '../types.js';
import { defineModel } from './defineModel.js';
import { convSpecs, denseSpecs } from './layerSpecs.js';
import { resolveCommonOptions } from './resolveCommonOptions.js';
import { sequentialForward } from './sequentialLayers.js';
import type { SequentialLayer } from './sequentialLayers.js';

const DLG_INIT = { kind: 'uniform', low: -0.5, high: 0.5 } as const;
const STRIDES = [2, 2, 1, 1] as const;

/**
 * Build DLG's LeNet. Zhu et al. 2019 (DLG), official notebook model.
 * @param options - input shape @default [32, 32, 3]; numClasses @default 10.
 */
export function lenetDlg(options: Omit<LenetDlgConfig, 'kind'> = {}): Model {
  const { inputShape, numClasses } = resolveCommonOptions('lenetDlg', options, [32, 32, 3]);
  const [h, w, c] = inputShape;
  const representationSize = 12 * Math.ceil(h / 4) * Math.ceil(w / 4);
  const params = [
    ...convSpecs('conv1', 5, c, 12, DLG_INIT),
    ...convSpecs('conv2', 5, 12, 12, DLG_INIT),
    ...convSpecs('conv3', 5, 12, 12, DLG_INIT),
    ...convSpecs('conv4', 5, 12, 12, DLG_INIT),
    ...denseSpecs('fc', representationSize, numClasses, DLG_INIT),
  ];
  const layers: SequentialLayer[] = STRIDES.flatMap((stride, i): SequentialLayer[] => [{ kind: 'conv', name: `conv${i + 1}`, stride, pad: 2 }, { kind: 'sigmoid' }]);
  layers.push({ kind: 'flatten' }, { kind: 'dense', name: 'fc' });
  const forward = sequentialForward(layers, 'fc');
  return defineModel({ name: 'lenetDlg', inputShape, numClasses, params, representationLayer: 'fc', representationSize, forward, layers });
}
