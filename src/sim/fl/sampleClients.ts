/**
 * Device sampling and aggregation weights of one FedAvg round, by named scheme (see
 * `SamplingScheme`). Symbols: N devices, K per round, n_k device sizes, p_k = n_k / n.
 * Soteria (arXiv 2012.06043) eq. (13); Li et al. 2020 Schemes I and II; McMahan et al. 2017 Alg. 1.
 */
import { categorical, shuffled } from '../../tensor/index.js';
import type { Rng } from '../../tensor/index.js';
import type { SamplingScheme } from './types.js';

/** Who takes part in a round and with which aggregation weight. Plain data. */
export interface ClientSelection {
  /** Device indices in draw order (K entries; repeats possible with replacement). */
  readonly draws: readonly number[];
  /** Distinct devices, ascending (each is trained once; repeats only change its weight). */
  readonly clients: readonly number[];
  /** Aggregation weight of each entry of `clients`. */
  readonly weights: readonly number[];
  /** Σ weights: 1 for uniform and schemeI, (N/K) Σ_{draws} p_k for eq13. */
  readonly weightSum: number;
}

function check(sizes: readonly number[], k: number, scheme: SamplingScheme): void {
  const n = sizes.length;
  if (n === 0) throw new RangeError('sampleClients: no devices (got 0, expected N >= 1)');
  if (sizes.some((s) => !(Number.isSafeInteger(s) && s >= 0))) throw new RangeError(`sampleClients: device sizes must be integers >= 0 (got [${sizes.join(', ')}])`);
  if (!(sizes.reduce((a, b) => a + b, 0) > 0)) throw new RangeError('sampleClients: every device is empty (got total 0, expected > 0)');
  const max = scheme === 'uniform' ? n : Number.MAX_SAFE_INTEGER;
  if (!(Number.isSafeInteger(k) && k >= 1 && k <= max)) {
    throw new RangeError(`sampleClients: clientsPerRound out of range for ${scheme} (got ${k}, expected 1..${scheme === 'uniform' ? n : 'any'})`);
  }
}

/**
 * Draw the round's devices and their aggregation weights.
 * @param scheme - 'uniform' (K of N without replacement, weights n_k / Σ_S n_k), 'schemeI'
 *   (K draws ∝ p_k with replacement, weights multiplicity / K) or 'eq13' (same draws, weights
 *   (N/K)·p_k·multiplicity).
 * @param sizes - n_k for every device.
 * @param k - K.
 * @param rng - the round's sampling stream, `makeRng(seed, 'round', r, 'sample')`.
 */
export function sampleClients(scheme: SamplingScheme, sizes: readonly number[], k: number, rng: Rng): ClientSelection {
  check(sizes, k, scheme);
  const nDevices = sizes.length;
  const total = sizes.reduce((a, b) => a + b, 0);
  const draws = scheme === 'uniform'
    ? shuffled(rng, Array.from({ length: nDevices }, (_, i) => i)).slice(0, k)
    : Array.from({ length: k }, () => categorical(rng, sizes));
  const multiplicity = new Map<number, number>();
  for (const d of draws) multiplicity.set(d, (multiplicity.get(d) ?? 0) + 1);
  const clients = [...multiplicity.keys()].sort((a, b) => a - b);
  const selectedTotal = clients.reduce((s, c) => s + sizes[c], 0);
  if (scheme === 'uniform' && selectedTotal === 0) throw new RangeError(`sampleClients: uniform sampling drew only empty devices (got [${clients.join(', ')}])`);
  const weightOf = (c: number): number => {
    const m = multiplicity.get(c) ?? 0;
    switch (scheme) {
      case 'uniform': return sizes[c] / selectedTotal;
      case 'schemeI': return m / k;
      case 'eq13': return (nDevices / k) * (sizes[c] / total) * m;
      default: throw new Error(`sampleClients: unknown scheme (got ${JSON.stringify(scheme)}, expected uniform, schemeI or eq13)`);
    }
  };
  const weights = clients.map(weightOf);
  return { draws, clients, weights, weightSum: weights.reduce((a, b) => a + b, 0) };
}
