/**
 * The second-order-gradient patch set for tfjs 4.22 (see the project's design notes).
 *
 * Stock tfjs gets double backprop wrong in three independent ways; DLG/GS attacks differentiate
 * the parameter gradient w.r.t. the input, so every attack result depends on these patches:
 *  1. `Conv2DBackpropFilter` has no gradient (throws under double backprop through a conv layer).
 *  2. Comparison ops (`Equal`, …) have no gradient, and `Max`/`Min` gradients use them, so
 *     `logSumExp` throws under double backprop.
 *  3. `Sigmoid`, `Exp`, `Tanh`, `Softmax` gradients use the kernel's saved *output*, whose clone is
 *     pushed on the tape before the kernel's own node; the outer gradient prunes that path and is
 *     silently wrong whenever another path exists. We recompute the output from the saved input
 *     whenever a tape is recording (gradient depth ≥ 1); at depth 0 (plain training steps, where no
 *     outer gradient exists) Sigmoid's gradient uses its saved output and skips the recomputation.
 * Kernel patches (performance and availability, not correctness):
 *  - wasm lacks `Conv2DBackpropFilter` entirely; we register it as one dilated conv2d with the
 *    conv's own padding, or as identity-filter patches + one matMul when kh·kw·Ci ≤ 2·Co.
 *  - wasm `Conv2DBackpropInput` as one stride-1 conv2d on polyphase components (the stock kernel
 *    is a plain loop: 8× slower at stride 1, 5× at stride 2 and batch 32).
 *  - wasm `Tile` as one concat per repeated axis (the stock kernel is 30–70× slower).
 *  - wasm `BatchMatMul` with materialised transposes (10× faster than its transposed paths).
 *  - wasm `Sum` over leading axes as a matMul with ones (bias gradients; 10× faster).
 *  - wasm `Identity` sharing its input's data (the engine clones every tensor it saves for a
 *    backward pass; the stock kernel copies).
 *  - cpu `Conv2DBackpropFilter` as a typed-array loop (the stock kernel is per-element `get`).
 *  - `SoteriaMaxPoolGradTies` (cpu, wasm): typed-array first-order max-pool gradient used by
 *    `maxPool2d`'s fast path (without it, the op-built gradient runs).
 *  - `SoteriaConv2DBias` (cpu, wasm): conv2d + bias as FusedConv2D with a double-differentiable
 *    gradient, used by `conv2dPt` (without it, conv2d + add runs).
 *  - `SoteriaSigmoidBackward`/`SoteriaSigmoidAdjoint` (cpu, wasm): the sigmoid steps of the
 *    attacks' hand-derived double backprop as one loop each (fusedSigmoid.ts; without them, tf ops).
 *
 * `setPatches` switches each group on or off (the patches-off tests show they matter).
 */
import { tf } from './tf.js';
import { registerWasmKernels, unregisterWasmKernels } from './kernels/wasmKernels.js';
import { registerCpuKernels, unregisterCpuKernels } from './kernels/cpuKernels.js';
import { registerMaxPoolGradTies, unregisterMaxPoolGradTies } from './kernels/maxPoolGradTies.js';
import { registerConv2dBias, unregisterConv2dBias } from './kernels/conv2dBias.js';
import { registerFusedSigmoid, unregisterFusedSigmoid } from './fusedSigmoid.js';

/** Which patch groups are active. */
export interface PatchState {
  /** Gradient of `Conv2DBackpropFilter` (bilinear in x and dy). */
  readonly conv2dBackpropFilterGrad: boolean;
  /** Zero gradients for Equal, NotEqual, Greater, GreaterEqual, Less, LessEqual. */
  readonly comparisonGrads: boolean;
  /** Sigmoid, Exp, Tanh, Softmax gradients recomputed from the saved input. */
  readonly inputSavingGrads: boolean;
  /** Fast/missing kernels on wasm and cpu. */
  readonly kernels: boolean;
}

export const ALL_PATCHES: PatchState = {
  conv2dBackpropFilterGrad: true,
  comparisonGrads: true,
  inputSavingGrads: true,
  kernels: true,
};

type GradConfig = Parameters<typeof tf.registerGradient>[0];
type T4 = tf.Tensor4D;

const COMPARISONS = ['Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual'];

const conv2dBackpropFilterGrad: GradConfig = {
  kernelName: 'Conv2DBackpropFilter',
  inputsToSave: ['x', 'dy'],
  gradFunc: (g, saved, attrs) => {
    const [x, dy] = saved as T4[];
    const a = attrs as unknown as { strides: [number, number]; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil' };
    const G = g as T4;
    return {
      x: () => tf.conv2dTranspose(dy, G, x.shape, a.strides, a.pad, a.dimRoundingMode),
      dy: () => tf.conv2d(x, G, a.strides, a.pad, 'NHWC', 1, a.dimRoundingMode),
    };
  },
};

const comparisonGrads: GradConfig[] = COMPARISONS.map((kernelName) => ({
  kernelName,
  inputsToSave: ['a', 'b'],
  gradFunc: (_dy, saved) => {
    const [a, b] = saved;
    return { a: () => tf.zerosLike(a), b: () => tf.zerosLike(b) };
  },
}));

const inputSavingGrads: GradConfig[] = [
  {
    kernelName: 'Sigmoid',
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: (dy, saved) => {
      const [x, y] = saved;
      // No tape records this backward pass (first order): the saved output is exact and saves
      // a Sigmoid per layer (Jacobians, training steps). Otherwise recompute, as above.
      const s = (): tf.Tensor => (tf.engine().state.gradientDepth === 0 && y !== undefined ? y : tf.sigmoid(x));
      return { x: () => { const t = s(); return tf.mul(dy as tf.Tensor, tf.mul(t, tf.sub(1, t))); } };
    },
  },
  {
    kernelName: 'Exp',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      return { x: () => tf.mul(dy as tf.Tensor, tf.exp(x)) };
    },
  },
  {
    kernelName: 'Tanh',
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      return { x: () => { const t = tf.tanh(x); return tf.mul(dy as tf.Tensor, tf.sub(1, tf.square(t))); } };
    },
  },
  {
    kernelName: 'Softmax',
    inputsToSave: ['logits'],
    gradFunc: (dy, saved, attrs) => {
      const [logits] = saved;
      const { dim } = attrs as unknown as { dim: number };
      return {
        logits: () => {
          const y = tf.softmax(logits, dim);
          const dyY = tf.mul(dy as tf.Tensor, y);
          return tf.sub(dyY, tf.mul(tf.sum(dyY, [dim], true), y));
        },
      };
    },
  },
];

/** Stock gradient configs, captured before the first override so patches can be switched off. */
const stock = new Map<string, GradConfig | undefined>();
let state: PatchState = { conv2dBackpropFilterGrad: false, comparisonGrads: false, inputSavingGrads: false, kernels: false };

function setGradGroup(configs: GradConfig[], on: boolean): void {
  for (const cfg of configs) {
    if (!stock.has(cfg.kernelName)) stock.set(cfg.kernelName, tf.getGradient(cfg.kernelName));
    const original = stock.get(cfg.kernelName);
    if (on) tf.registerGradient(cfg);
    else if (original !== undefined) tf.registerGradient(original);
    else unregisterGradient(cfg.kernelName);
  }
}

/** tfjs exports no `unregisterGradient`; a gradient-less kernel is restored by a config that throws like stock. */
function unregisterGradient(kernelName: string): void {
  tf.registerGradient({
    kernelName,
    gradFunc: () => {
      throw new Error(`gradient function not found for ${kernelName} (soteria-lab patches are switched off)`);
    },
  });
}

/**
 * Make exactly the given patch groups active (missing fields default to on). Idempotent.
 * Kernel patches apply to the wasm and cpu backends whether or not they are the active one.
 */
export function setPatches(want: Partial<PatchState> = {}): PatchState {
  const next: PatchState = { ...ALL_PATCHES, ...want };
  if (next.conv2dBackpropFilterGrad !== state.conv2dBackpropFilterGrad) setGradGroup([conv2dBackpropFilterGrad], next.conv2dBackpropFilterGrad);
  if (next.comparisonGrads !== state.comparisonGrads) setGradGroup(comparisonGrads, next.comparisonGrads);
  if (next.inputSavingGrads !== state.inputSavingGrads) setGradGroup(inputSavingGrads, next.inputSavingGrads);
  if (next.kernels !== state.kernels) {
    if (next.kernels) { registerWasmKernels(); registerCpuKernels(); registerMaxPoolGradTies(); registerConv2dBias(); registerFusedSigmoid(); }
    else { unregisterWasmKernels(); unregisterCpuKernels(); unregisterMaxPoolGradTies(); unregisterConv2dBias(); unregisterFusedSigmoid(); }
  }
  state = next;
  return state;
}

/** The currently active patch groups. */
export function patchState(): PatchState {
  return state;
}
