/**
 * Plain-data records of the federated-learning loop (FedAvg, Soteria arXiv 2012.06043 §3.1
 * eq. 10–13 and Algorithm 2; McMahan et al. 2017; Li et al. 2020): learning-rate schedules,
 * sampling/aggregation schemes, the FL hyper-parameters and the per-round record.
 */
import type { DefenseStats } from '../defenses/types.js';

/**
 * Learning-rate schedule of local SGD.
 * - `constant`: η_t = eta (Soteria §6.1: SGD 0.01).
 * - `inverseRound`: η = eta0 / (1 + round), round counted from 0 (Li et al. 2020, §6 experiments).
 * - `strongConvex`: η_t = 2 / (μ (γ + t)) with t the GLOBAL local-step counter
 *   t = round · I + s, I = E · ⌈max_k n_k / B⌉ local steps per round (one clock shared by all
 *   devices, as Li et al.'s synchronisation every I steps), s the step within the round
 *   (Li et al. 2020, Thm 1–3; Soteria Thm 2).
 */
export type LrSchedule =
  | { readonly kind: 'constant'; readonly eta: number }
  | { readonly kind: 'inverseRound'; readonly eta0: number }
  | { readonly kind: 'strongConvex'; readonly mu: number; readonly gamma: number };

/**
 * How the server picks devices and weights their models (named, never implied):
 * - `uniform`: K of N without replacement, weights n_k / Σ_{k∈S} n_k (McMahan et al.; default).
 * - `schemeI`: K draws with replacement by p_k = n_k / n, weights (1/K)·multiplicity (Li et al. Scheme I).
 * - `eq13`: K draws with replacement by p_k, weights (N/K)·p_k·multiplicity — Soteria eq. (13) as
 *   printed; the weights sum to (N/K) Σ_{k∈S} p_k, which is ≠ 1 for unbalanced p (model inflation).
 */
export type SamplingScheme = 'uniform' | 'schemeI' | 'eq13';

/** The FedAvg hyper-parameters (Soteria §6.1: N 100, K 10, E 1, B 32, SGD 0.01). */
export interface FlConfig {
  /** N, the number of devices. */
  readonly numClients: number;
  /** K, devices (or draws, with replacement) per round. */
  readonly clientsPerRound: number;
  /** Number of communication rounds. */
  readonly rounds: number;
  /** E, local epochs per round. */
  readonly localEpochs: number;
  /** B, local mini-batch size (the last partial batch of an epoch is kept). */
  readonly batchSize: number;
  readonly lr: LrSchedule;
  /** λ of the (λ/2)‖θ‖² penalty on every trainable parameter (0 = none). */
  readonly l2: number;
  readonly sampling: SamplingScheme;
}

/** One completed round, as written to `rounds.jsonl`. */
export interface RoundRecord {
  /** 1-based number of the completed round (its rng streams use the 0-based index round − 1). */
  readonly round: number;
  /** Test accuracy of the global model after this round; null when not evaluated this round. */
  readonly accuracy: number | null;
  /** Test mean cross entropy of the global model; null when not evaluated this round. */
  readonly loss: number | null;
  /** Mean local training objective (CE + λ/2‖θ‖²) over the round's local steps, weighted by steps. */
  readonly trainLoss: number;
  /** Device indices drawn this round, in draw order (repeats possible with replacement). */
  readonly clients: readonly number[];
  /** Σ of the aggregation weights used: 1 for uniform/schemeI, (N/K)Σ_{k∈S} p_k for eq13. */
  readonly aggregateWeightSum: number;
  /** Learning rate at the round's first local step. */
  readonly lr: number;
  /** Local SGD steps run this round, summed over the distinct devices trained. */
  readonly steps: number;
  /** Defense statistics averaged over all local steps of the round (numbers) or last value. */
  readonly defense: DefenseStats;
  /** Wall time of the round including evaluation, ms. */
  readonly ms: number;
}
