/**
 * FedAvg with Soteria's defended local SGD as Theorem 2 states it (theory-spec §5.4): global
 * counter t over local steps, η_t = 2/(μ(γ + t)); each round draws devices, each runs I local
 * steps (minibatch B or full batch), then aggregates. Sampling/aggregation variants:
 * `eq13` (K with replacement by p_k, W ← (N/K)Σ p_k W^k: the paper as printed), `schemeI`
 * (same draws, W ← (1/K)ΣW^k), `schemeII` (K uniform without replacement, eq. 13 aggregator),
 * `full` (every device, W ← Σ p_k W^k).
 */
import { makeTheoryRng, type TheoryRng } from '../random.js';
import { deviceLossGrad, globalLossGrad, type LrProblem } from './lrProblem.js';

/** Sampling and aggregation scheme. */
export type FedScheme = 'eq13' | 'schemeI' | 'schemeII' | 'full';

/** Options of one simulated run. */
export interface FedAvgOptions {
  readonly scheme: FedScheme;
  readonly K: number;
  /** Local steps per round. */
  readonly I: number;
  /** Minibatch size, or 'full' for full-batch local GD (σ_k = 0). */
  readonly batch: number | 'full';
  readonly gamma: number;
  readonly rounds: number;
  /** Rounds after which F(W) is recorded (ascending). */
  readonly checkpoints: readonly number[];
  readonly defended: boolean;
  readonly seed: number;
}

/** Trajectory summary of one run. */
export interface FedAvgRun {
  /** F(W) at each checkpoint. */
  readonly F: number[];
  readonly finalW: Float64Array;
  /** sup_t ‖W_t‖ over the aggregated iterates. */
  readonly maxNorm: number;
  /** Aggregated iterates at the checkpoints (for empirical constants). */
  readonly snapshots: Float64Array[];
}

function drawDevices(P: LrProblem, o: FedAvgOptions, rng: TheoryRng): number[] {
  const N = P.devices.length;
  if (o.scheme === 'full') return Array.from({ length: N }, (_, k) => k);
  if (o.scheme === 'schemeII') {
    const all = Array.from({ length: N }, (_, k) => k);
    for (let i = 0; i < o.K; i++) {
      const j = i + rng.nextInt(N - i);
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all.slice(0, o.K);
  }
  return Array.from({ length: o.K }, () => {
    let u = rng.next();
    for (let k = 0; k < N; k++) if ((u -= P.p[k]) < 0) return k;
    return N - 1;
  });
}

function batchOf(n: number, B: number | 'full', rng: TheoryRng): Int32Array | null {
  if (B === 'full' || B >= n) return null;
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < B; i++) {
    const j = i + rng.nextInt(n - i);
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx.subarray(0, B);
}

/** Simulate one run from W_0 = 0. */
export function simulateFedAvg(P: LrProblem, o: FedAvgOptions): FedAvgRun {
  const rng = makeTheoryRng(o.seed, 'fedavg', o.scheme);
  const N = P.devices.length;
  let W = new Float64Array(P.C * P.dt);
  const F: number[] = [];
  const snapshots: Float64Array[] = [];
  let maxNorm = 0;
  let t = 0;
  let next = 0;
  const g = new Float64Array(W.length);
  for (let round = 1; round <= o.rounds; round++) {
    const S = drawDevices(P, o, rng);
    const agg = new Float64Array(W.length);
    for (const k of S) {
      const Wk = W.slice();
      for (let s = 0; s < o.I; s++) {
        g.fill(0);
        deviceLossGrad(P, Wk, P.devices[k], batchOf(P.devices[k].n, o.batch, rng), g, 1, o.defended);
        const eta = 2 / (P.lambda * (o.gamma + t + s));
        for (let i = 0; i < Wk.length; i++) Wk[i] -= eta * g[i];
      }
      const w = o.scheme === 'schemeI' ? 1 / o.K : o.scheme === 'full' ? P.p[k] : (N / o.K) * P.p[k];
      for (let i = 0; i < agg.length; i++) agg[i] += w * Wk[i];
    }
    t += o.I;
    W = agg;
    maxNorm = Math.max(maxNorm, Math.sqrt(W.reduce((s, v) => s + v * v, 0)));
    if (round === o.checkpoints[next]) {
      F.push(globalLossGrad(P, W, null));
      snapshots.push(W.slice());
      next++;
    }
  }
  return { F, finalW: W, maxNorm, snapshots };
}
