/**
 * The defense contract shared by local training (`src/sim/fl`) and the defenses
 * (Soteria Algorithm 2: the defended layer's gradient is replaced, all others untouched).
 */
import type { tf, ParamMap, Rng } from '../../tensor/index.js';
import type { Model } from '../types.js';

/**
 * Soteria's score variants (PAPER.md §3, theory-spec.md §1.2); every rule prunes the LOWEST
 * scores. 'notebook' ‖∂r_i/∂X‖/r_i; 'gsScript' ‖∂r_i/∂X‖/(r_i + 0.1); 'pinv' 1/(|r_i|·‖J⁺e_i‖),
 * i.e. it prunes the largest whole-Jacobian pseudo-inverse score |r_i|·‖J⁺e_i‖ (Alg. 1).
 */
export type SoteriaScore = 'notebook' | 'gsScript' | 'pinv';
/** Soteria's pruning rules: numpy percentile + strict `<` (official) or exactly ⌊pL/100⌋ (exact). */
export type SoteriaRule = 'official' | 'exact';
/** Soteria's mask granularity: one mask per batch (official code) or per sample (Algorithm 2). */
export type SoteriaGranularity = 'batch' | 'sample';

/** DP noise distribution: Gaussian by standard deviation, Laplace by scale b (variance 2b²). */
export type NoiseConfig =
  | { readonly distribution: 'gaussian'; readonly std: number }
  | { readonly distribution: 'laplace'; readonly scale: number };

/** Optional L2 clipping for `dpNoise`: per sample (before averaging) or of the whole update. */
export interface ClipConfig {
  readonly norm: number;
  readonly mode: 'perSample' | 'perUpdate';
}

/** Serializable defense configs (percent in [0, 100]). */
export type DefenseConfig =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'soteria';
      readonly percent: number;
      /** @default 'notebook' */
      readonly score?: SoteriaScore;
      /**
       * @default 'official': prune |score| < percentile(score, p) (numpy linear percentile,
       * strict <; the official code's `np.where(abs(s) < thresh, 0, 1)`); 'exact': prune exactly
       * floor(p·L/100) lowest |score|, ties broken by lower feature index, NaN last.
       */
      readonly rule?: SoteriaRule;
      /**
       * @default 'batch' (official code: scores summed over the batch); 'sample' = Algorithm 2
       * as printed (each sample's own mask on its own per-sample gradient).
       */
      readonly granularity?: SoteriaGranularity;
      /** @default model.representationLayer */
      readonly layer?: string;
    }
  | { readonly kind: 'gradientPruning'; readonly percent: number }
  | { readonly kind: 'dpNoise'; readonly noise: NoiseConfig; readonly clip?: ClipConfig }
  | { readonly kind: 'compose'; readonly defenses: readonly DefenseConfig[] };

/** What local training hands a defense for one batch (client-side: it may see its own batch). */
export interface DefenseContext {
  readonly model: Model;
  readonly params: ParamMap;
  /** The batch: x [B, H, W, C], y int32 labels [B]. */
  readonly x: tf.Tensor4D;
  readonly y: tf.Tensor1D;
  /** Stream for this (round, client, step, 'defense'). */
  readonly rng: Rng;
}

/** Per-batch statistics, e.g. {prunedFeatures: 307, representationSize: 768}. */
export interface DefenseStats {
  readonly [key: string]: number | string | boolean;
}

/** What a defense returns for one batch. */
export interface DefenseResult {
  readonly grads: ParamMap;
  readonly stats: DefenseStats;
}

/** A gradient defense applied once per local SGD step. */
export interface Defense {
  readonly config: DefenseConfig;
  /** One-line human description incl. units, e.g. "DP-Laplace, scale b = 0.01 (variance 2b²)". */
  readonly description: string;
  /**
   * Defended gradients for this batch (trainable params only, same names/shapes as `grads`).
   * Never disposes its inputs. Caller owns returned tensors.
   */
  apply(grads: ParamMap, ctx: DefenseContext): DefenseResult;
}
