/**
 * Plain-JSON records a checker returns: one `FamilyResult` per (family, setting) and one
 * `ClaimReport` per claim (what `soteria-lab check --json` prints).
 */
import type { Verdict } from './verdict.js';

/** Names of the claims the CLI can check. */
export type ClaimName = 'lemma1' | 'theorem1' | 'theorem2' | 'algorithm1';

/** The outcome of one family of cases (e.g. `tanhMlp`, or `affine/p=4/entrywise`). */
export interface FamilyResult {
  readonly name: string;
  readonly verdict: Verdict;
  /** Cases evaluated (excluding skipped ones). */
  readonly cases: number;
  /** Cases whose inequality failed beyond the tolerance. */
  readonly violations: number;
  /** Cases skipped, with the reasons and their counts. */
  readonly skipped: Readonly<Record<string, number>>;
  /** Summary statistics of the per-case statistic (e.g. min ρ, quantiles of e/(uκ)). */
  readonly stats: Readonly<Record<string, number>>;
  readonly notes?: readonly string[];
}

/** The report of one claim. */
export interface ClaimReport {
  readonly claim: ClaimName;
  /** The claim as printed in the paper (restated). */
  readonly statement: string;
  /** Verdict on the claim as printed. */
  readonly verdict: Verdict;
  readonly cases: number;
  readonly violations: number;
  /** The smallest counterexample against the printed claim, or null. */
  readonly counterexample: unknown;
  readonly families: readonly FamilyResult[];
  readonly seed: number;
  readonly samples: number;
  readonly runtimeMs: number;
  readonly notes: readonly string[];
}

/** Common options of every claim checker. */
export interface CheckOptions {
  /** Cases per family. @default 200 */
  readonly samples?: number;
  /** Seed of every draw (fast-check and the map weights). @default 0 */
  readonly seed?: number;
}
