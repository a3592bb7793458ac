/**
 * The attacker's contract (threat model: an honest-but-curious server that sees only the wire).
 * An attack receives the public architecture, the global parameters the server sent, and the
 * client's shared update; NO field of {@link AttackInput} can hold the ground-truth image or the
 * true labels unless the protocol itself reveals them (`SharedUpdate.labels`, declared
 * knowledge). Metrics against the truth are computed outside the attack, through
 * {@link IterateHook} (style.md §2.3, the breaching layout).
 */
import type { ParamMap } from '../../tensor/index.js';
import type { Model } from '../types.js';

/** What the client sends: its (possibly defended) gradients, by parameter name. */
export interface SharedUpdate {
  /** ∇θ of the batch loss (or the defended version), keyed like `model.params` (trainable only). */
  readonly grads: ParamMap;
  /** Batch size the client reports (FedAvg weight). */
  readonly numExamples: number;
  /** Labels, only when the protocol reveals them (declared knowledge, never inferred truth). */
  readonly labels?: readonly number[];
}

/** What the attacker knows beyond the wire (declared, so reports can state it). */
export interface AttackKnowledge {
  /** Known labels (iDLG-inferred or revealed); when absent the attack optimises a soft label. */
  readonly labels?: readonly number[];
  readonly batchSize: number;
}

/** Everything an attack may read. There is deliberately no place for the ground truth. */
export interface AttackInput {
  /** Public architecture. */
  readonly model: Model;
  /** The server's global model, at which the client computed `shared.grads`. */
  readonly params: ParamMap;
  readonly shared: SharedUpdate;
  readonly knowledge: AttackKnowledge;
}

/** A batch of images as plain data, NHWC row-major (structurally a metrics `ImageBatch`). */
export interface Reconstruction {
  readonly data: Float32Array;
  /** [N, H, W, C]. */
  readonly shape: readonly [number, number, number, number];
}

/**
 * Per-iteration snapshot hook, called by the attack with its current dummy; lets the CALLER
 * (outside the attack) compute ground-truth metrics such as the notebook's min-MSE. The view is a
 * fresh copy the caller may keep.
 */
export type IterateHook = (iteration: number, reconstruction: Reconstruction) => void;

/** One entry of the attack's loss curve. */
export interface HistoryEntry {
  readonly iteration: number;
  readonly loss: number;
}

/** What an attack returns: plain data only (no tensors, nothing to dispose). */
export interface AttackResult {
  /** The final dummy. */
  readonly reconstruction: Reconstruction;
  /** Labels the attack ends with (known ones, or argmax of the dummy soft label). */
  readonly labels: readonly number[];
  /** Attack loss at iteration 0 (the init) … `steps` (after the last step). */
  readonly history: readonly HistoryEntry[];
  /** Optimizer `step()` calls made. */
  readonly steps: number;
  /** Objective evaluations (closure calls), including the final one. */
  readonly evaluations: number;
  /** Wall-clock milliseconds of the attack. */
  readonly ms: number;
  /** The dummy with the smallest attack loss (an attacker-side choice: needs no ground truth). */
  readonly best: { readonly reconstruction: Reconstruction; readonly loss: number; readonly iteration: number };
  /** True when the loss or the dummy became non-finite; the run stopped there. */
  readonly diverged: boolean;
}

/**
 * Which shared gradients the attacker matches: 'all' (whole model, WG); 'conv' (parameters whose
 * name starts with 'conv', CLG, Soteria Fig. 3); 'allButDefended' (the adaptive attack of
 * Balunović et al., ICLR 2022: drop every `${model.representationLayer}.*` tensor); or a list.
 */
export type GradientSelection = 'all' | 'conv' | 'allButDefended' | { readonly names: readonly string[] };
