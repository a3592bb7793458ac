/**
 * Distribution tests for the seeded samplers.
 *
 * Statistical thresholds (all seeds are fixed, so each test is deterministic; the thresholds say
 * how unlikely a failure would be for a correct sampler):
 * - KS: the asymptotic Kolmogorov critical value sqrt(-ln(α/2)/2)/sqrt(n). This file and
 *   rng.test.ts run about 10 KS tests, so α = 0.001 per test (Bonferroni for a family-wise 1%),
 *   i.e. 1.95/sqrt(n) instead of the single-test 1.63/sqrt(n) at α = 0.01.
 * - Moments: |estimate − truth| < 4 standard errors (two-sided normal p ≈ 6e-5). The SE of a
 *   sample variance is sqrt((μ4 − σ⁴)/n) (delta method), with μ4 known in closed form.
 * - Chi-square: critical values at α = 0.001 from standard tables.
 * The exact CDFs come from the regularised incomplete gamma function below, itself checked
 * against closed forms and tabulated normal quantiles.
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from './rng.js';
import { bernoulli, categorical, dirichlet, gamma, gaussian, laplace, uniform } from './samplers.js';
import { TOL } from './tolerances.js';

const KS_ALPHA = 0.001;
const Z_MAX = 4;
const CHI2_CRIT_DF3_ALPHA001 = 16.266;

function ksCritical(n: number): number {
  return Math.sqrt(-Math.log(KS_ALPHA / 2) / 2) / Math.sqrt(n);
}
function ksStatistic(sample: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(sample).sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, (i + 1) / s.length - f, f - i / s.length);
  }
  return d;
}
function moments(x: Float64Array): { mean: number; variance: number; m4: number } {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  let m2 = 0;
  let m4 = 0;
  for (const v of x) {
    m2 += (v - mean) ** 2;
    m4 += (v - mean) ** 4;
  }
  return { mean, variance: m2 / (x.length - 1), m4: m4 / x.length };
}

// ---- Reference CDFs (independent of the code under test) ----
const LANCZOS = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
function lnGamma(a: number): number {
  const x = a - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}
/** Regularised lower incomplete gamma P(a, x): series for x < a+1, Lentz continued fraction otherwise. */
function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a));
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; Math.abs(term) > Math.abs(sum) * 1e-16 && k < 10_000; k++) sum += term *= x / (a + k);
    return sum * front;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = Math.abs(d) < tiny ? tiny : d;
    c = b + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    h *= d * c;
    if (Math.abs(d * c - 1) < 1e-16) break;
  }
  return 1 - front * h;
}
const erf = (x: number): number => Math.sign(x) * gammaP(0.5, x * x);
const normalCdf = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));

describe('reference CDFs used by these tests', () => {
  it('agree with closed forms and tabulated normal values', () => {
    // Arrange
    const xs = [0.01, 0.5, 1, 2.9, 4, 7.5, 20];
    // Act / Assert: P(1,x) = 1 − e^−x; P(3,x) = 1 − e^−x(1 + x + x²/2); Φ from tables.
    for (const x of xs) {
      expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 12);
      expect(gammaP(3, x)).toBeCloseTo(1 - Math.exp(-x) * (1 + x + (x * x) / 2), 12);
    }
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalCdf(0)).toBe(0.5);
  });
});

describe('uniform / gaussian / laplace', () => {
  const n = 50_000;
  it('uniform(lo, hi) matches the U[lo, hi) CDF (KS) and stays in range', () => {
    // Arrange
    const [lo, hi] = [-0.5, 0.5];
    // Act
    const x = uniform(makeRng(11, 'uniform'), n, lo, hi);
    // Assert
    expect(x.every((v) => v >= lo && v <= hi)).toBe(true);
    expect(ksStatistic(x, (v) => Math.min(1, Math.max(0, (v - lo) / (hi - lo))))).toBeLessThan(ksCritical(n));
  });
  it('gaussian(mean, std) matches the normal CDF (KS) and its mean and variance', () => {
    // Arrange
    const [mean, std] = [1.5, 2];
    // Act
    const x = gaussian(makeRng(12, 'gaussian'), n, mean, std);
    const m = moments(x);
    // Assert
    expect(ksStatistic(x, (v) => normalCdf((v - mean) / std))).toBeLessThan(ksCritical(n));
    expect(Math.abs(m.mean - mean)).toBeLessThan(Z_MAX * std / Math.sqrt(n));
    expect(Math.abs(m.variance - std ** 2)).toBeLessThan(Z_MAX * std ** 2 * Math.sqrt(2 / n));
  });
  it('laplace(loc, b) matches the Laplace CDF (KS) and has variance 2b²', () => {
    // Arrange
    const [loc, b] = [-1, 0.7];
    const cdf = (v: number): number => (v < loc ? 0.5 * Math.exp((v - loc) / b) : 1 - 0.5 * Math.exp(-(v - loc) / b));
    // Act
    const x = laplace(makeRng(13, 'laplace'), n, loc, b);
    const m = moments(x);
    // Assert: μ4 = 24b⁴, so Var(s²) ≈ (24 − 4)b⁴ / n.
    expect(x.every(Number.isFinite)).toBe(true);
    expect(ksStatistic(x, cdf)).toBeLessThan(ksCritical(n));
    expect(Math.abs(m.variance - 2 * b * b)).toBeLessThan(Z_MAX * Math.sqrt((20 * b ** 4) / n));
  });
});

describe('gamma', () => {
  const n = 40_000;
  it.each([0.1, 0.5, 1, 3])('shape %s matches the Gamma CDF (KS) and its mean and variance', (k) => {
    // Arrange
    const theta = 2;
    // Act
    const x = gamma(makeRng(14, 'gamma', k), n, k, theta);
    const m = moments(x);
    // Assert: mean kθ, variance kθ², μ4 = (3k² + 6k)θ⁴ so Var(s²) ≈ (2k² + 6k)θ⁴ / n.
    expect(x.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(ksStatistic(x, (v) => gammaP(k, v / theta))).toBeLessThan(ksCritical(n));
    expect(Math.abs(m.mean - k * theta)).toBeLessThan(Z_MAX * Math.sqrt((k * theta ** 2) / n));
    expect(Math.abs(m.variance - k * theta ** 2)).toBeLessThan(Z_MAX * Math.sqrt(((2 * k * k + 6 * k) * theta ** 4) / n));
  });
  it('tiny shapes give finite non-negative values', () => {
    // Arrange / Act
    const x = gamma(makeRng(15, 'gamma-tiny'), 1000, 1e-3);
    // Assert
    expect(x.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});

describe('dirichlet', () => {
  function drawMany(seed: number, alpha: number[], m: number): Float64Array[] {
    const rng = makeRng(seed, 'dirichlet');
    return Array.from({ length: m }, () => dirichlet(rng, alpha));
  }
  function expectOnSimplex(draws: Float64Array[]): void {
    const bad = draws.filter(
      (p) => !p.every((v) => Number.isFinite(v) && v >= 0) || !(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < TOL.float64),
    );
    expect(bad.map((p) => Array.from(p))).toEqual([]);
  }
  it('component means α_i/α0 and variances α_i(α0−α_i)/(α0²(α0+1))', () => {
    // Arrange
    const alpha = [0.3, 1, 2.5, 5];
    const a0 = alpha.reduce((a, b) => a + b, 0);
    const m = 20_000;
    // Act
    const draws = drawMany(16, alpha, m);
    // Assert: SE of the variance from the sample fourth moment (delta method).
    expectOnSimplex(draws);
    alpha.forEach((a, i) => {
      const st = moments(Float64Array.from(draws, (p) => p[i]));
      const v = (a * (a0 - a)) / (a0 * a0 * (a0 + 1));
      expect(Math.abs(st.mean - a / a0)).toBeLessThan(Z_MAX * Math.sqrt(v / m));
      expect(Math.abs(st.variance - v)).toBeLessThan(Z_MAX * Math.sqrt((st.m4 - st.variance ** 2) / m));
    });
  });
  it('tiny alpha (1e-3) stays on the simplex and keeps the mean α_i/α0', () => {
    // Arrange
    const alpha = [1e-3, 3e-3];
    const m = 20_000;
    // Act
    const draws = drawMany(17, alpha, m);
    const st = moments(Float64Array.from(draws, (p) => p[1]));
    // Assert
    expectOnSimplex(draws);
    expectOnSimplex(drawMany(18, Array(10).fill(1e-3), 200));
    expect(Math.abs(st.mean - 0.75)).toBeLessThan(Z_MAX * Math.sqrt((0.75 * 0.25) / 1.004 / m));
  });
  it('alphas so small that every log-gamma is -Infinity fall back to a vertex with P = α_i/α0', () => {
    // Arrange
    const m = 4000;
    // Act
    const draws = drawMany(19, [1e-310, 3e-310], m);
    const onSecond = draws.filter((p) => p[1] === 1).length / m;
    // Assert
    expect(draws.every((p) => (p[0] === 1 && p[1] === 0) || (p[0] === 0 && p[1] === 1))).toBe(true);
    expect(Math.abs(onSecond - 0.75)).toBeLessThan(Z_MAX * Math.sqrt((0.75 * 0.25) / m));
  });
});

describe('bernoulli / categorical', () => {
  it('bernoulli(p) gives 0/1 with mean p', () => {
    // Arrange
    const [n, p] = [20_000, 0.3];
    // Act
    const x = bernoulli(makeRng(20, 'bern'), n, p);
    // Assert
    expect(x.every((v) => v === 0 || v === 1)).toBe(true);
    expect(Math.abs(x.reduce((a, b) => a + b, 0) / n - p)).toBeLessThan(Z_MAX * Math.sqrt((p * (1 - p)) / n));
  });
  it('categorical(weights) matches the normalised weights (chi-square) and skips zero weights', () => {
    // Arrange
    const w = [1, 2, 3, 4];
    const n = 20_000;
    const rng = makeRng(21, 'cat');
    // Act
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[categorical(rng, w)]++;
    const chi2 = counts.reduce((s, c, i) => s + (c - (n * w[i]) / 10) ** 2 / ((n * w[i]) / 10), 0);
    const sparse = Array.from({ length: 500 }, () => categorical(rng, [0, 1, 0, 2]));
    // Assert
    expect(chi2).toBeLessThan(CHI2_CRIT_DF3_ALPHA001);
    expect(sparse.every((i) => i === 1 || i === 3)).toBe(true);
  });
});

describe('determinism and streams', () => {
  const samplers: Record<string, (seed: number, path: string) => Float64Array> = {
    uniform: (s, p) => uniform(makeRng(s, p), 257),
    gaussian: (s, p) => gaussian(makeRng(s, p), 257),
    laplace: (s, p) => laplace(makeRng(s, p), 257),
    gamma: (s, p) => gamma(makeRng(s, p), 257, 0.7),
    dirichlet: (s, p) => dirichlet(makeRng(s, p), Array(257).fill(0.5)),
  };
  it.each(Object.keys(samplers))('%s: same seed → identical values; other stream → different values', (name) => {
    // Arrange / Act
    const [a, b, c] = [samplers[name](7, 'a'), samplers[name](7, 'a'), samplers[name](7, 'b')];
    // Assert
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(a.filter((v, i) => v === c[i]).length).toBe(0);
  });
  it('gaussian keeps no spare between calls: each call starts from the stream position', () => {
    // Arrange
    const r1 = makeRng(8, 'g');
    const r2 = makeRng(8, 'g');
    const r3 = makeRng(8, 'g');
    r3.next();
    r3.next();
    // Act
    const first = gaussian(r1, 1)[0];
    const second = gaussian(r1, 1)[0];
    const pair = gaussian(r2, 2);
    // Assert: odd n consumes a whole pair of uniforms, and the next call does not reuse the sine.
    expect(pair[0]).toBe(first);
    expect(second).not.toBe(pair[1]);
    expect(second).toBe(gaussian(r3, 1)[0]);
  });
});

describe('parameter validation', () => {
  const rng = makeRng(9);
  it.each([
    ['uniform n', () => uniform(rng, -1)],
    ['uniform n', () => uniform(rng, 1.5)],
    ['uniform lo<hi', () => uniform(rng, 3, 1, 1)],
    ['uniform width', () => uniform(rng, 3, -Number.MAX_VALUE, Number.MAX_VALUE)],
    ['gaussian std', () => gaussian(rng, 3, 0, -1)],
    ['gaussian mean', () => gaussian(rng, 3, Number.NaN)],
    ['laplace scale', () => laplace(rng, 3, 0, 0)],
    ['gamma shape', () => gamma(rng, 3, 0)],
    ['gamma scale', () => gamma(rng, 3, 1, Number.POSITIVE_INFINITY)],
    ['dirichlet empty', () => dirichlet(rng, [])],
    ['dirichlet alpha', () => dirichlet(rng, [1, 0])],
    ['bernoulli p', () => bernoulli(rng, 3, 1.5)],
    ['categorical negative', () => categorical(rng, [1, -1])],
    ['categorical zero sum', () => categorical(rng, [0, 0])],
  ])('%s is rejected with a RangeError naming the value', (_label, call) => {
    // Arrange / Act / Assert
    expect(call).toThrow(RangeError);
    expect(call).toThrow(/^\w+: .+ \(got .+, expected .+\)$/);
  });
  it('n = 0 gives an empty array', () => {
    // Arrange / Act / Assert
    expect(gaussian(rng, 0).length).toBe(0);
    expect(gamma(rng, 0, 2).length).toBe(0);
  });
});
