/**
 * The simulator's contract: every record that crosses a boundary inside `src/sim` or between
 * `sim` and `experiments`. Imports only `tensor/`.
 */
import type { tf, ParamMap } from '../tensor/index.js';

// ───────────────────────────── Models ─────────────────────────────

/** How a parameter is initialised (plain data, so specs can be printed and compared). */
export type ParamInit =
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'constant'; readonly value: number };

/** One named parameter of a model. */
export interface ParamSpec {
  /** PyTorch-`state_dict`-style key, e.g. `conv1.weight`, `bn0.running_var`, `fc.bias`. */
  readonly name: string;
  /** tfjs layout: conv weight [kh, kw, in, out], dense weight [in, out], bias [out]. */
  readonly shape: readonly number[];
  readonly init: ParamInit;
  /**
   * False for buffers that the forward pass reads but training never updates (BatchNorm running
   * statistics, PyTorch `register_buffer`). Gradients, updates, defenses and attacks use only
   * trainable parameters; PyTorch's `parameters()` count equals the trainable count.
   */
  readonly trainable: boolean;
}

/** What a forward pass returns. */
export interface ModelOutput {
  /** [batch, numClasses] unnormalised class scores. */
  readonly logits: tf.Tensor2D;
  /**
   * [batch, representationSize]: the INPUT of the defended layer `representationLayer`
   * (Soteria's `r = f(X)`), the very tensor the forward pass multiplies by its weight.
   */
  readonly representation: tf.Tensor2D;
}

/** A model as a pure function of its parameters (no hidden state). */
export interface Model {
  /** 'lenetDlg' | 'convNet' | 'mlp3' | 'logReg' | 'fedAvgCnn'. */
  readonly name: string;
  /** Per-image input shape [H, W, C] (NHWC). */
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  /** Names, shapes and inits, in forward order (fixed). */
  readonly params: readonly ParamSpec[];
  /**
   * The dense layer whose input is the representation r (Soteria's defended layer). Its weight
   * is `${representationLayer}.weight` with shape [representationSize, out]; pruning feature i of
   * r zeroes row i of that weight's gradient.
   */
  readonly representationLayer: string;
  readonly representationSize: number;
  /** Fresh parameters; each tensor drawn from `makeRng(seed, 'init', name, paramName)`. Caller owns returned tensors. */
  init(seed: number): ParamMap;
  /** Forward pass on x: [batch, H, W, C]. Pure; never disposes its inputs. Caller owns returned tensors. */
  apply(params: ParamMap, x: tf.Tensor4D): ModelOutput;
}

/** Options every model takes. */
export interface CommonModelOptions {
  /** Per-image input shape [H, W, C]. @default model-specific (see each model) */
  readonly inputShape?: readonly [number, number, number];
  /** @default 10 */
  readonly numClasses?: number;
}

/** DLG's sigmoid LeNet (Zhu et al. 2019). */
export interface LenetDlgConfig extends CommonModelOptions {
  readonly kind: 'lenetDlg';
}

/** Geiping et al. 2020's ConvNet (BatchNorm in eval mode). */
export interface ConvNetConfig extends CommonModelOptions {
  readonly kind: 'convNet';
  /** Channel width multiplier w. @default 64 */
  readonly width?: number;
}

/** Three fully connected layers (Soteria Table 1). */
export interface Mlp3Config extends CommonModelOptions {
  readonly kind: 'mlp3';
  /** Widths of fc1 and fc2 outputs. @default [256, 128] */
  readonly hidden?: readonly [number, number];
  /** @default 'relu' */
  readonly activation?: 'relu' | 'sigmoid';
  /** Which layer's input is the representation. @default 'fc3' */
  readonly representationLayer?: 'fc1' | 'fc2' | 'fc3';
}

/** Multinomial logistic regression (Soteria §6.3, Li et al. 2020). */
export interface LogRegConfig extends CommonModelOptions {
  readonly kind: 'logReg';
  /** 'zeros' (Li et al.: w₀ = 0) or 'uniform' (PyTorch `nn.Linear` default). @default 'zeros' */
  readonly init?: 'zeros' | 'uniform';
}

/** McMahan et al. 2017's CNN for MNIST. */
export interface FedAvgCnnConfig extends CommonModelOptions {
  readonly kind: 'fedAvgCnn';
  /** @default 'fc2' */
  readonly representationLayer?: 'fc1' | 'fc2';
}

/** Which model to build (`makeModel`). JSON-serialisable. */
export type ModelConfig = LenetDlgConfig | ConvNetConfig | Mlp3Config | LogRegConfig | FedAvgCnnConfig;
