/**
 * Build an LrProblem from plain per-device features (theory-spec §5.1): append the bias column,
 * compute Soteria's defended features x' (the ε largest |x_i| zeroed, lowest index first on ties,
 * bias untouched; f = identity so every score reduces to |x_i|), and the weights p_k = n_k/n.
 * Also the synthetic non-IID generator of the §5.6 pilot.
 */
import { makeTheoryRng } from '../random.js';
import type { LrDevice, LrProblem } from './lrProblem.js';

/** Plain data of one device: rows of d features and labels. */
export interface DeviceData {
  readonly x: readonly (readonly number[])[] | Float64Array;
  readonly y: readonly number[];
}

/** Options of `makeLrProblem`. */
export interface LrProblemOptions {
  readonly C: number;
  readonly d: number;
  readonly lambda: number;
  /** Number of pruned entries per sample (q = 0: ε is a count). */
  readonly eps: number;
  readonly bias: boolean;
}

function rowOf(x: DeviceData['x'], j: number, d: number): ArrayLike<number> {
  return x instanceof Float64Array ? x.subarray(j * d, (j + 1) * d) : x[j];
}

/** Indices of the ε largest |x_i| (ties: lowest index first). */
export function prunedIndices(row: ArrayLike<number>, eps: number): number[] {
  return Array.from({ length: row.length }, (_, i) => i)
    .sort((a, b) => Math.abs(row[b]) - Math.abs(row[a]) || a - b)
    .slice(0, eps);
}

/** Build the instance. */
export function makeLrProblem(devices: readonly DeviceData[], o: LrProblemOptions): LrProblem {
  const dt = o.d + (o.bias ? 1 : 0);
  const built: LrDevice[] = devices.map((dev) => {
    const n = dev.y.length;
    const X = new Float64Array(n * dt);
    const Xd = new Float64Array(n * dt);
    for (let j = 0; j < n; j++) {
      const row = rowOf(dev.x, j, o.d);
      for (let i = 0; i < o.d; i++) X[j * dt + i] = Xd[j * dt + i] = row[i];
      if (o.bias) X[j * dt + o.d] = Xd[j * dt + o.d] = 1;
      for (const i of prunedIndices(row, o.eps)) Xd[j * dt + i] = 0;
    }
    return { n, X, Xd, y: Int32Array.from(dev.y) };
  });
  const total = built.reduce((s, d) => s + d.n, 0);
  return { C: o.C, dt, lambda: o.lambda, devices: built, p: built.map((d) => d.n / total) };
}

/** Options of the synthetic generator. */
export interface SyntheticLrOptions {
  readonly devices: number;
  readonly samplesPerDevice: number;
  readonly d: number;
  readonly C: number;
  /** Power-law device sizes n_k ∝ (k+1)^{-1} (same total) instead of equal sizes. @default false */
  readonly unbalanced?: boolean;
  readonly seed: number;
}

/** Non-IID synthetic data: each device holds 2 of C classes and a device-specific shift; features clipped to [−1, 1]. */
export function syntheticLrData(o: SyntheticLrOptions): DeviceData[] {
  const rng = makeTheoryRng(o.seed, 'theorem2', 'synthetic');
  const means = Array.from({ length: o.C }, () => rng.normals(o.d));
  const total = o.devices * o.samplesPerDevice;
  const weights = Array.from({ length: o.devices }, (_, k) => (o.unbalanced ? 1 / (k + 1) : 1));
  const wsum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w, k) => {
    const n = Math.max(10, Math.round((total * w) / wsum));
    const shift = rng.normals(o.d).map((v) => 0.5 * v);
    const classes = [k % o.C, (k + 1) % o.C];
    const y = Array.from({ length: n }, (_, j) => classes[j % 2]);
    const x = y.map((c) => means[c].map((m, i) => Math.max(-1, Math.min(1, (m + shift[i] + 0.5 * rng.normal()) / 3))));
    return { x, y };
  });
}
