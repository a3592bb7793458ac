/**
 * The searched families of the Theorem-1 checker: one fast-check search per
 * (map family, p, reading) for the printed bound and per (map family, form, p) for the corrected
 * bounds. All searches of one map family share the same draws, so each case is measured once
 * (memoised by its JSON).
 */
import fc from 'fast-check';
import type { FamilyResult } from './claimReport.js';
import { affineMap, buildMap, samplePoint, type MapFamily, type MapSpec } from './maps/buildMap.js';
import { searchFamily, type CaseOutcome } from './searchFamily.js';
import { measureTheorem1, P_VALUES, ratioKey, READINGS, type Theorem1Measurement } from './theorem1Measure.js';
import { sampleRPrime, type SamplingMode } from './theorem1Pair.js';
import type { TheoryMap } from './types.js';

/** A Theorem-1 case: map spec, point, sampling mode and its parameters (plain JSON). */
export interface Theorem1Case extends MapSpec {
  readonly point: number;
  readonly mode: SamplingMode;
  readonly radius: number;
  readonly prune: number;
  /** Affine only: Haar-conditioned, 1·1ᵀ + 0.01·I, or 1·e₁ᵀ + 0.01·I (the §4.2 structures). */
  readonly structure: 'haar' | 'ones' | 'column';
}

const TOL = 1e-9;
const PARAMS: Readonly<Record<MapFamily, readonly number[]>> = {
  affine: [0],
  leakyReluMlp: [0.1, 0.01, 0.5],
  tanhMlp: [0],
  smoothMlp: [0.5, -0.5, 2, 3, -0.9],
  coupling: [0],
};

/** Arbitrary of Theorem-1 cases for one map family. */
export function theorem1CaseArb(family: MapFamily, dims: readonly number[], kappas: readonly number[]): fc.Arbitrary<Theorem1Case> {
  return fc.record({
    family: fc.constant(family),
    dim: fc.constantFrom(...dims.filter((d) => family !== 'coupling' || d >= 2)),
    kappa: family === 'coupling' ? fc.constant(1) : fc.constantFrom(...kappas),
    depth: family === 'affine' ? fc.constant(1) : fc.integer({ min: family === 'coupling' ? 2 : 1, max: 3 }),
    param: fc.constantFrom(...PARAMS[family]),
    seed: fc.nat({ max: 1_000_000 }),
    point: fc.nat({ max: 1_000_000 }),
    mode: fc.constantFrom<SamplingMode>('random', 'tight', 'adversarial', 'pruned'),
    radius: fc.integer({ min: 0, max: 8 }),
    prune: fc.integer({ min: 0, max: 5 }),
    structure: family === 'affine' ? fc.constantFrom('haar' as const, 'ones' as const, 'column' as const) : fc.constant('haar' as const),
  });
}

/** The map of a case (structured affine matrices included). */
export function theorem1Map(c: Theorem1Case): TheoryMap {
  if (c.family !== 'affine' || c.structure === 'haar') return buildMap(c);
  const A = Array.from({ length: c.dim }, (_, i) =>
    Array.from({ length: c.dim }, (__, j) => (c.structure === 'ones' || j === 0 ? 1 : 0) + (i === j ? 0.01 : 0)),
  );
  return affineMap(`affine/${c.structure}(d=${c.dim})`, A, new Array<number>(c.dim).fill(0));
}

/** Options of `theorem1Families`. */
export interface Theorem1FamilyOptions {
  readonly samples: number;
  readonly seed: number;
  readonly dims: readonly number[];
  readonly kappas: readonly number[];
  readonly families: readonly MapFamily[];
  readonly corrected: boolean;
  readonly examples: readonly Theorem1Case[];
}

function makeMeasurer(corrected: boolean): (c: Theorem1Case) => Theorem1Measurement | string {
  const cache = new Map<string, Theorem1Measurement | string>();
  return (c) => {
    const key = JSON.stringify(c);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const map = theorem1Map(c);
    const pair = sampleRPrime(map, samplePoint(c, c.point), c.mode, c.radius, c.prune, c.seed + c.point);
    const m = typeof pair === 'string' ? pair : measureTheorem1(map, pair, corrected && c.family !== 'affine');
    cache.set(key, m);
    return m;
  };
}

function printedOutcome(m: Theorem1Measurement | string, key: string, c: Theorem1Case): CaseOutcome {
  if (typeof m === 'string') return { skip: m };
  const q = m.ratios[key];
  if (!Number.isFinite(q.rhoUpper)) return { skip: 'non-finite ρ' };
  const state = q.rhoUpper < 1 - TOL ? 'violated' : q.rhoLower < 1 - TOL ? 'uncertified' : 'ok';
  return { lhs: q.rhoUpper, rhs: 1, stat: q.rhoUpper, flag: `${c.mode}:${state}`, details: { ...q } };
}

function correctedOutcome(m: Theorem1Measurement | string, key: string): CaseOutcome {
  if (typeof m === 'string') return { skip: m };
  const v = m.corrected[key];
  if (typeof v === 'string') return { skip: v };
  return { lhs: v.lhs / v.rhs, rhs: 1, stat: v.lhs / v.rhs, details: { ...v } };
}

/** Run every (family, p, reading) and (family, corrected form, p) search. */
export function theorem1Families(o: Theorem1FamilyOptions): FamilyResult[] {
  const out: FamilyResult[] = [];
  for (const family of o.families) {
    const measure = makeMeasurer(o.corrected);
    const arb = theorem1CaseArb(family, o.dims, o.kappas);
    const common = { arb, relation: '>=' as const, tolerance: TOL, seed: o.seed, numRuns: o.samples, examples: o.examples.filter((c) => c.family === family), statName: 'rho' };
    for (const p of P_VALUES) {
      for (const reading of READINGS) {
        const key = ratioKey(p, reading);
        out.push(searchFamily({ ...common, name: `${family}/${key}`, evaluate: (c) => printedOutcome(measure(c), key, c) }));
      }
    }
    if (!o.corrected || family === 'affine') continue;
    for (const form of ['meanValue', 'lipschitz', 'secondOrder']) {
      for (const p of P_VALUES) {
        const key = `${form}/p=${p}`;
        out.push(searchFamily({ ...common, name: `${family}/corrected/${key}`, evaluate: (c) => correctedOutcome(measure(c), key) }));
      }
    }
  }
  return out;
}
