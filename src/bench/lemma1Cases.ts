/**
 * The fixed cases of the `theory-lemma1` workload (Soteria, arXiv 2012.06043, Lemma 1) and their
 * export for tools/bench-torch.py: every case's map parameters (the very layer objects the JS map
 * is built from), its point x0, r = f(x0) and the JS measurement, as one JSON file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { lemma1CaseArb, lemma1Residual, samplePoint } from '../theory/index.js';
import type { Lemma1Case, MapFamily, TheoryMap } from '../theory/index.js';
import { mapFromParameters, mapParameters, type MapParameters } from '../theory/maps/buildMap.js';

const FAMILIES: readonly MapFamily[] = ['affine', 'leakyReluMlp', 'tanhMlp', 'smoothMlp', 'coupling'];
/** Cases drawn per family. */
export const CASES_PER_FAMILY = 4;

/** The fixed cases: CASES_PER_FAMILY per family, interleaved, from the seed. */
export function lemma1BenchCases(seed: number): Lemma1Case[] {
  const per = FAMILIES.map((f, i) => fc.sample(lemma1CaseArb(f, [2, 5, 20, 100], [1, 1e2, 1e4, 1e6]), { seed: seed + i, numRuns: CASES_PER_FAMILY }));
  return Array.from({ length: CASES_PER_FAMILY }, (_, k) => per.map((cases) => cases[k])).flat();
}

/** One case ready to check: the map is built from `params` (same objects), x0 from the case's point seed. */
export interface Lemma1BenchMap {
  readonly spec: Lemma1Case;
  readonly params: MapParameters;
  readonly map: TheoryMap;
  readonly x0: number[];
}

/** Build every case's map and point once (the timed iteration is `lemma1Residual(map, x0)`). */
export function lemma1BenchMaps(seed: number): Lemma1BenchMap[] {
  return lemma1BenchCases(seed).map((spec) => {
    const params = mapParameters(spec);
    return { spec, params, map: mapFromParameters(params, spec.family), x0: samplePoint(spec, spec.point) };
  });
}

/** The JS side of one case, as exported: a measurement or the reason the case is skipped. */
export type Lemma1JsResult =
  | { readonly e: number; readonly relDiff: number; readonly kappa: number; readonly threshold: number; readonly lhsMethod: string }
  | { readonly skipped: string };

/** One exported case (JSON). */
export interface Lemma1ExportedCase {
  readonly spec: Lemma1Case;
  readonly params: MapParameters;
  readonly x0: readonly number[];
  /** f(x0) computed by the JS map. */
  readonly r: readonly number[];
  readonly js: Lemma1JsResult;
}

/** The cases as plain data, with the JS measurement of each (computed here, untimed). */
export function lemma1CasesExport(seed: number): Lemma1ExportedCase[] {
  return lemma1BenchMaps(seed).map(({ spec, params, map, x0 }) => {
    const m = lemma1Residual(map, x0);
    return { spec, params, x0, r: map.f(x0), js: typeof m === 'string' ? { skipped: m } : m };
  });
}

/**
 * Write `{ "seed", "cases" }` to a fresh temp directory.
 * @returns the file path and the exported cases.
 */
export function writeLemma1Cases(seed: number): { path: string; cases: Lemma1ExportedCase[] } {
  const cases = lemma1CasesExport(seed);
  const path = join(mkdtempSync(join(tmpdir(), 'soteria-lemma1-')), 'lemma1-cases.json');
  writeFileSync(path, JSON.stringify({ seed, cases }));
  return { path, cases };
}
