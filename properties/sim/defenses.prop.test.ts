/**
 * Properties of the gradient defenses (Soteria arXiv 2012.06043 §6.1: Soteria, GC, DP noise):
 * the law bundle for every kind, the identity at strength 0, Soteria's pruning counts under both
 * rules against scores recomputed independently (per-feature loop + a separate percentile), GC's
 * per-tensor counts, the noise distributions' scale, and L2 clipping.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoNewTensors, initBackend, makeRng, tf, toFloat64 } from '../../src/tensor/index.js';
import type { ParamMap } from '../../src/tensor/index.js';
import { jacobianRowNormsLoop, makeDefense } from '../../src/sim/defenses/index.js';
import type { DefenseConfig } from '../../src/sim/defenses/index.js';
import { assertDefenseLaws, assertIdentityAtZero, defenseCaseArb, seedArb, withCase } from '../laws/defenseLaws.js';
import type { CaseTensors } from '../laws/defenseLaws.js';

/** Scores within this relative distance of the threshold may fall either way (batched vs loop float32 norms). */
const NEAR_THRESHOLD_REL = 1e-5;
/** Allowed overshoot of the L2 clip (float32 rescaling), as specified for the defenses. */
const CLIP_SLACK = 1e-6;
/** Noise-scale checks on N draws allow 6 standard errors of the estimator. */
const NOISE_DRAWS = 40_000;
const STD_ERR_GAUSS_STD = 1 / Math.sqrt(2 * NOISE_DRAWS); // relative s.e. of the sample std
const STD_ERR_LAPLACE_MEAN_ABS = 1 / Math.sqrt(NOISE_DRAWS); // relative s.e. of mean |z| (Var|z| = b²)

const percentArb = fc.integer({ min: 0, max: 100 });
const soteriaArb = fc.record({
  kind: fc.constant('soteria' as const), percent: percentArb,
  score: fc.constantFrom('notebook' as const, 'gsScript' as const, 'pinv' as const),
  rule: fc.constantFrom('official' as const, 'exact' as const), granularity: fc.constantFrom('batch' as const, 'sample' as const),
});
const gcArb = fc.record({ kind: fc.constant('gradientPruning' as const), percent: percentArb });
const levelArb = fc.integer({ min: -4, max: -1 }).map((e) => 10 ** e);
const noiseArb = fc.oneof(levelArb.map((std) => ({ distribution: 'gaussian' as const, std })), levelArb.map((scale) => ({ distribution: 'laplace' as const, scale })));
const clipArb = fc.option(fc.record({ norm: fc.double({ min: 0.01, max: 10, noNaN: true }), mode: fc.constantFrom('perSample' as const, 'perUpdate' as const) }), { nil: undefined });
const dpArb = fc.record({ kind: fc.constant('dpNoise' as const), noise: noiseArb, clip: clipArb }).map(({ clip, ...rest }) => (clip === undefined ? rest : { ...rest, clip }));
const leafArb: fc.Arbitrary<DefenseConfig> = fc.oneof(fc.constant({ kind: 'none' as const }), soteriaArb, gcArb, dpArb);
const anyDefenseArb: fc.Arbitrary<DefenseConfig> = fc.oneof(leafArb, fc.array(leafArb, { maxLength: 3 }).map((defenses) => ({ kind: 'compose' as const, defenses })));
const zeroArb: fc.Arbitrary<DefenseConfig> = fc.oneof(
  fc.constant({ kind: 'none' as const }), soteriaArb.map((c) => ({ ...c, percent: 0 })), gcArb.map((c) => ({ ...c, percent: 0 })),
  fc.constantFrom({ kind: 'dpNoise' as const, noise: { distribution: 'gaussian' as const, std: 0 } }, { kind: 'dpNoise' as const, noise: { distribution: 'laplace' as const, scale: 0 } }),
);
/** Models whose per-feature loop is cheap enough to recompute scores independently. */
const smallCaseArb = defenseCaseArb(['lenet8', 'mlp3', 'mlp3fc2', 'logReg']);

beforeAll(async () => {
  await initBackend('wasm');
});

/** np.percentile 'linear', written independently of src (plain a_j + (a_{j+1} − a_j)·γ). */
function refPercentile(v: readonly number[], p: number): number {
  if (v.some(Number.isNaN)) return NaN;
  const a = [...v].sort((x, y) => x - y);
  const pos = ((a.length - 1) * p) / 100;
  const j = Math.min(Math.floor(pos), a.length - 1);
  const k = Math.min(j + 1, a.length - 1);
  return a[j] + (a[k] - a[j]) * (pos - j);
}

/** Batch-summed scores from the official per-feature loop. */
function loopScores(t: CaseTensors, score: 'notebook' | 'gsScript'): number[] {
  const L = t.model.representationSize;
  const rep = t.model.apply(t.params, t.x);
  const r = toFloat64(rep.representation);
  tf.dispose([rep.logits, rep.representation]);
  const norms = jacobianRowNormsLoop(t.model, t.params, t.x);
  const s = new Array<number>(L).fill(0);
  norms.forEach((n, j) => (s[j % L] += n / (r[j] + (score === 'gsScript' ? 0.1 : 0))));
  return s;
}

/** Rows of the defended weight gradient before/after, as float64 rows. */
function rowsOf(g: tf.Tensor): number[][] {
  const v = toFloat64(g);
  const [L, out] = g.shape;
  return Array.from({ length: L }, (_, i) => Array.from(v.subarray(i * out, (i + 1) * out)));
}

function applySoteria(cfg: DefenseConfig, t: CaseTensors): { before: number[][]; after: number[][]; pruned: number } {
  const w = `${t.model.representationLayer}.weight`;
  const r = makeDefense(cfg).apply(t.grads, { ...t, rng: makeRng(0) });
  const out = { before: rowsOf(t.grads[w]), after: rowsOf(r.grads[w]), pruned: Number(r.stats.prunedFeatures) };
  tf.dispose(Object.values(r.grads));
  return out;
}

describe('defense laws', () => {
  it('every defense (and compositions) preserves names/shapes, changes only what it may, is deterministic, leaks nothing', () => {
    assertDefenseLaws(anyDefenseArb);
  });

  it('every defense at strength 0 is the identity, bit for bit', () => {
    assertIdentityAtZero(zeroArb);
  });
});

describe('soteria pruning counts', () => {
  it("'exact' (batch) prunes ⌊p·L/100⌋ rows, the lowest |scores|; other rows are untouched", () => {
    fc.assert(fc.property(smallCaseArb, percentArb, fc.constantFrom('notebook' as const, 'gsScript' as const), (c, p, score) => {
      withCase(c, (t) => {
        // Arrange
        const L = t.model.representationSize;
        const s = loopScores(t, score).map(Math.abs);
        // Act
        const { before, after, pruned } = applySoteria({ kind: 'soteria', percent: p, score, rule: 'exact' }, t);
        // Assert
        expect(pruned).toBe(Math.floor((p * L) / 100));
        const zeroed = after.map((row, i) => row.every((v) => v === 0) && before[i].some((v) => v !== 0));
        after.forEach((row, i) => expect(zeroed[i] || row.every((v, k) => v === before[i][k]) || row.every((v) => v === 0)).toBe(true));
        expect(zeroed.filter(Boolean).length).toBeLessThanOrEqual(pruned);
        const finite = (v: number): number => (Number.isNaN(v) ? Infinity : v);
        const maxPruned = Math.max(-Infinity, ...s.filter((_, i) => zeroed[i]).map(finite));
        const minKept = Math.min(Infinity, ...s.filter((_, i) => !after[i].every((v) => v === 0)).map(finite));
        expect(maxPruned).toBeLessThanOrEqual(minKept * (1 + NEAR_THRESHOLD_REL));
      });
    }));
  });

  it("'official' (batch) prunes exactly the features with |S_i| < np.percentile(S, p)", () => {
    fc.assert(fc.property(smallCaseArb, percentArb, fc.constantFrom('notebook' as const, 'gsScript' as const), (c, p, score) => {
      withCase(c, (t) => {
        // Arrange
        const S = loopScores(t, score);
        const thr = refPercentile(S, p);
        const expected = S.map((v) => Math.abs(v) < thr);
        // Exact ties with the threshold are decided (kept); only near-misses may differ by float32 noise.
        const ambiguous = S.map((v) => Math.abs(v) !== thr && Math.abs(Math.abs(v) - thr) <= NEAR_THRESHOLD_REL * Math.abs(thr));
        // Act
        const { before, after, pruned } = applySoteria({ kind: 'soteria', percent: p, score, rule: 'official' }, t);
        // Assert
        const nAmbiguous = ambiguous.filter(Boolean).length;
        expect(Math.abs(pruned - expected.filter(Boolean).length)).toBeLessThanOrEqual(nAmbiguous);
        after.forEach((row, i) => {
          if (ambiguous[i] || before[i].every((v) => v === 0)) return;
          if (expected[i]) expect(row.every((v) => v === 0)).toBe(true);
          else expect(row).toEqual(before[i]);
        });
      });
    }));
  });

  it("'sample' granularity with the exact rule prunes ⌊p·L/100⌋ features of every sample", () => {
    fc.assert(fc.property(defenseCaseArb(), percentArb, (c, p) => {
      withCase(c, (t) => {
        // Act
        const { pruned } = applySoteria({ kind: 'soteria', percent: p, score: 'gsScript', rule: 'exact', granularity: 'sample' }, t);
        // Assert
        expect(pruned).toBe(Math.floor((p * t.model.representationSize) / 100));
      });
    }));
  });
});

describe('gradientPruning (GC)', () => {
  it('zeroes, per tensor, exactly the entries with |g| < np.percentile(|g|, p) and keeps the rest bit for bit', () => {
    fc.assert(fc.property(smallCaseArb, percentArb, (c, p) => {
      withCase(c, (t) => {
        // Act
        const r = makeDefense({ kind: 'gradientPruning', percent: p }).apply(t.grads, { ...t, rng: makeRng(0) });
        // Assert
        for (const name of Object.keys(t.grads)) {
          const g = Array.from(toFloat64(t.grads[name]));
          const out = toFloat64(r.grads[name]);
          const thr = refPercentile(g.map(Math.abs), p);
          g.forEach((v, i) => expect(out[i]).toBe(Math.abs(v) < thr ? 0 : v));
          const distinct = new Set(g.map(Math.abs)).size === g.length;
          const zeroed = g.filter((v) => Math.abs(v) < thr).length;
          if (distinct && p < 100) expect(zeroed).toBeGreaterThanOrEqual(Math.floor((p * g.length) / 100));
        }
        tf.dispose(Object.values(r.grads));
      });
    }));
  });
});

describe('dpNoise', () => {
  const zerosCase = (fn: (t: CaseTensors, grads: ParamMap) => void): void => withCase({ model: 'logReg', batch: 1, seed: 1 }, (t) => {
    const grads = { w: tf.zeros([NOISE_DRAWS]) };
    try {
      fn(t, grads);
    } finally {
      tf.dispose(Object.values(grads));
    }
  });

  it('Gaussian noise has standard deviation σ and Laplace noise has scale b (mean |z| = b)', () => {
    fc.assert(fc.property(seedArb, levelArb, (seed, level) => {
      expectNoNewTensors(() => zerosCase((t, grads) => {
        // Act
        const g = makeDefense({ kind: 'dpNoise', noise: { distribution: 'gaussian', std: level } }).apply(grads, { ...t, rng: makeRng(seed) });
        const l = makeDefense({ kind: 'dpNoise', noise: { distribution: 'laplace', scale: level } }).apply(grads, { ...t, rng: makeRng(seed) });
        const zg = toFloat64(g.grads.w);
        const zl = toFloat64(l.grads.w);
        tf.dispose([g.grads.w, l.grads.w]);
        // Assert
        const std = Math.sqrt(zg.reduce((a, v) => a + v * v, 0) / NOISE_DRAWS);
        const meanAbs = zl.reduce((a, v) => a + Math.abs(v), 0) / NOISE_DRAWS;
        expect(Math.abs(std / level - 1)).toBeLessThan(6 * STD_ERR_GAUSS_STD);
        expect(Math.abs(meanAbs / level - 1)).toBeLessThan(6 * STD_ERR_LAPLACE_MEAN_ABS);
      }));
    }));
  });

  it('different streams give different noise', () => {
    fc.assert(fc.property(seedArb, seedArb, noiseArb, (s1, s2, noise) => {
      fc.pre(s1 !== s2);
      withCase({ model: 'mlp3', batch: 2, seed: 3 }, (t) => {
        // Act
        const d = makeDefense({ kind: 'dpNoise', noise });
        const a = d.apply(t.grads, { ...t, rng: makeRng(s1) });
        const b = d.apply(t.grads, { ...t, rng: makeRng(s2) });
        const va = toFloat64(a.grads['fc1.weight']);
        const vb = toFloat64(b.grads['fc1.weight']);
        tf.dispose([...Object.values(a.grads), ...Object.values(b.grads)]);
        // Assert
        expect(va.some((v, i) => v !== vb[i])).toBe(true);
      });
    }));
  });

  it('clipping bounds the L2 norm by C (per update and per sample) and large C changes nothing essential', () => {
    const norm = (g: ParamMap): number => Math.sqrt(Object.values(g).reduce((a, t) => a + toFloat64(t).reduce((s, v) => s + v * v, 0), 0));
    fc.assert(fc.property(defenseCaseArb(['mlp3', 'mlp3fc2', 'logReg', 'lenet8']), fc.double({ min: 1e-3, max: 3, noNaN: true }), fc.constantFrom('perSample' as const, 'perUpdate' as const), (c, C, mode) => {
      expectNoNewTensors(() => withCase(c, (t) => {
        // Act
        const zero = { distribution: 'gaussian' as const, std: 0 };
        const clipped = makeDefense({ kind: 'dpNoise', noise: zero, clip: { norm: C, mode } }).apply(t.grads, { ...t, rng: makeRng(0) });
        const loose = makeDefense({ kind: 'dpNoise', noise: zero, clip: { norm: 1e9, mode } }).apply(t.grads, { ...t, rng: makeRng(0) });
        // Assert
        expect(norm(clipped.grads)).toBeLessThanOrEqual(C * (1 + CLIP_SLACK));
        const ref = norm(t.grads);
        const diff = Math.sqrt(Object.keys(t.grads).reduce((a, n) => {
          const u = toFloat64(loose.grads[n]);
          return a + toFloat64(t.grads[n]).reduce((s, v, i) => s + (v - u[i]) ** 2, 0);
        }, 0));
        expect(diff).toBeLessThanOrEqual(NEAR_THRESHOLD_REL * Math.max(ref, 1e-30));
        tf.dispose([...Object.values(clipped.grads), ...Object.values(loose.grads)]);
      }));
    }));
  });
});
