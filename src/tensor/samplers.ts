/**
 * Seeded samplers on plain float64 data (no tensors). Every draw comes from the `Rng` passed in,
 * so the same stream state always gives the same values, and nothing is cached between calls
 * (no hidden spare Gaussian). Parameters are validated at entry; bad values throw
 * `RangeError("<sampler>: <what> (got <actual>, expected <accepted>)")`.
 *
 * Used by the DP defenses (Gaussian / Laplace noise), model initialisation (uniform) and the
 * non-IID Dirichlet partitioner (Hsu et al. 2019). Methods: Box–Muller (gaussian), inverse CDF
 * (laplace), Marsaglia & Tsang 2000 with the U^(1/a) boost for a < 1 (gamma), normalised
 * gammas computed in log space (dirichlet).
 */
import type { Rng } from './rng.js';

function fail(where: string, what: string, got: unknown, expected: string): never {
  throw new RangeError(`${where}: ${what} (got ${String(got)}, expected ${expected})`);
}
function checkCount(where: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) fail(where, 'n must be a non-negative integer', n, 'n >= 0');
}
function checkFinite(where: string, name: string, x: number): void {
  if (!Number.isFinite(x)) fail(where, `${name} must be finite`, x, 'a finite number');
}
function checkPositive(where: string, name: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) fail(where, `${name} must be positive and finite`, x, `${name} > 0`);
}

/** `n` draws from U[lo, hi) (hi itself can appear, rarely, through rounding; never more). */
export function uniform(rng: Rng, n: number, lo = 0, hi = 1): Float64Array {
  checkCount('uniform', n);
  checkFinite('uniform', 'lo', lo);
  checkFinite('uniform', 'hi', hi);
  if (!(lo < hi) || !Number.isFinite(hi - lo)) fail('uniform', 'need lo < hi with finite width', `[${lo}, ${hi})`, 'lo < hi');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.min(hi, lo + (hi - lo) * rng.next()); // lo + (hi-lo) may round above hi
  return out;
}

/**
 * `n` draws from N(mean, std²) by Box–Muller. Draws come in pairs (cos, sin) from two uniforms;
 * for odd `n` the last pair's second value is discarded, so a call always consumes
 * 2·ceil(n/2) uniforms and the stream position after the call depends only on `n`.
 * `std = 0` gives the constant `mean`.
 */
export function gaussian(rng: Rng, n: number, mean = 0, std = 1): Float64Array {
  checkCount('gaussian', n);
  checkFinite('gaussian', 'mean', mean);
  if (!(Number.isFinite(std) && std >= 0)) fail('gaussian', 'std must be finite and non-negative', std, 'std >= 0');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng.next())); // 1 - u in (0, 1]: log is finite
    const theta = 2 * Math.PI * rng.next();
    out[i] = mean + std * r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = mean + std * r * Math.sin(theta);
  }
  return out;
}

/**
 * `n` draws from Laplace(loc, scale) by the inverse CDF. Density exp(-|x-loc|/b)/(2b) with
 * b = `scale`, so the variance is 2b² (the Laplace mechanism with sensitivity Δ and budget ε
 * uses b = Δ/ε; Dwork & Roth 2014, Def. 3.3).
 */
export function laplace(rng: Rng, n: number, loc = 0, scale = 1): Float64Array {
  checkCount('laplace', n);
  checkFinite('laplace', 'loc', loc);
  checkPositive('laplace', 'scale', scale);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = rng.next() + 2 ** -54; // u in (0, 1): both logs below are finite
    out[i] = u < 0.5 ? loc + scale * Math.log(2 * u) : loc - scale * Math.log(2 * (1 - u));
  }
  return out;
}

/** One standard normal from two uniforms (Box–Muller, cosine branch). */
function standardNormal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Marsaglia & Tsang (2000) sampler of Gamma(a, 1) for a >= 1. */
function marsagliaTsang(rng: Rng, a: number): number {
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.next();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * log of one Gamma(a, 1) draw. For a < 1 uses G = G'·U^(1/a) with G' ~ Gamma(a+1) (Marsaglia &
 * Tsang 2000, §6), i.e. log G = log G' + log(U)/a, which stays finite where G itself underflows.
 * Returns -Infinity only when log(U)/a overflows (a below ~1e-306).
 */
function logStandardGamma(rng: Rng, a: number): number {
  if (a >= 1) return Math.log(marsagliaTsang(rng, a));
  const g = marsagliaTsang(rng, a + 1);
  return Math.log(g) + Math.log(1 - rng.next()) / a; // 1 - u in (0, 1]
}

/**
 * `n` draws from Gamma(shape k, scale θ): mean kθ, variance kθ². For small shapes many draws
 * underflow to exactly 0 (the true value is below the smallest double); use `dirichlet` for
 * normalised gammas, which works in log space.
 */
export function gamma(rng: Rng, n: number, shape: number, scale = 1): Float64Array {
  checkCount('gamma', n);
  checkPositive('gamma', 'shape', shape);
  checkPositive('gamma', 'scale', scale);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = shape >= 1 ? scale * marsagliaTsang(rng, shape) : scale * Math.exp(logStandardGamma(rng, shape));
  }
  return out;
}

/** Index drawn with probability weights[i] / sum(weights) (weights need not be normalised). */
export function categorical(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0 || weights.some((w) => !(Number.isFinite(w) && w >= 0)) || !(total > 0 && Number.isFinite(total))) {
    fail('categorical', 'weights must be finite, non-negative, with a positive sum', `[${weights.join(', ')}]`, 'weights[i] >= 0, sum > 0');
  }
  const target = rng.next() * total;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (target < acc && weights[i] > 0) return i;
  }
  return weights.findLastIndex((w) => w > 0); // rounding left target >= acc
}

/** `n` draws from Bernoulli(p) as 0/1 values. */
export function bernoulli(rng: Rng, n: number, p: number): Float64Array {
  checkCount('bernoulli', n);
  if (!(p >= 0 && p <= 1)) fail('bernoulli', 'p must lie in [0, 1]', p, '0 <= p <= 1');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.next() < p ? 1 : 0;
  return out;
}

/**
 * One draw from Dirichlet(alpha): gammas G_i ~ Gamma(alpha_i, 1) normalised to sum 1, computed
 * as softmax(log G_i) so that tiny alphas (1e-3, where every G_i may underflow) still give a
 * finite point of the simplex. Fallback rule: if every log G_i is -Infinity (only possible for
 * alphas below ~1e-306), all mass goes to one vertex drawn with probability alpha_i / sum(alpha)
 * — the limit of Dirichlet(t·alpha) as t → 0. The result sums to 1 up to rounding.
 */
export function dirichlet(rng: Rng, alpha: readonly number[]): Float64Array {
  if (alpha.length === 0) fail('dirichlet', 'alpha must be non-empty', '[]', 'at least one component');
  alpha.forEach((a, i) => checkPositive('dirichlet', `alpha[${i}]`, a));
  const logs = alpha.map((a) => logStandardGamma(rng, a));
  const out = new Float64Array(alpha.length);
  const m = logs.reduce((a, b) => Math.max(a, b), -Infinity);
  if (m === -Infinity) {
    out[categorical(rng, alpha)] = 1;
    return out;
  }
  let total = 0;
  for (let i = 0; i < logs.length; i++) total += out[i] = Math.exp(logs[i] - m);
  for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;
}
