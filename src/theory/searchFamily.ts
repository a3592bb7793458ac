/**
 * Run one family of cases through fast-check: a first pass records every case (counts, worst
 * margin, statistics); if some case fails, a second `fc.check` with the same seed meets that case
 * again and shrinks it to the smallest counterexample. A violation is data (a Verdict), never an exception.
 */
import fc from 'fast-check';
import type { FamilyResult } from './claimReport.js';
import { decide, inapplicable } from './verdict.js';

/** What evaluating one case gives: the two sides of the inequality, or a reason to skip it. */
export type CaseOutcome =
  | {
      readonly lhs: number;
      readonly rhs: number;
      readonly stat?: number;
      /** A label counted in `stats` (e.g. `uncertified`). */
      readonly flag?: string;
      /** Further per-case statistics, summarised as mean and min in `stats`. */
      readonly extra?: Readonly<Record<string, number>>;
      readonly details?: Readonly<Record<string, unknown>>;
    }
  | { readonly skip: string };

/** Options of `searchFamily`. */
export interface SearchOptions<C> {
  readonly name: string;
  readonly arb: fc.Arbitrary<C>;
  readonly evaluate: (c: C) => CaseOutcome;
  readonly relation: '>=' | '<=';
  readonly tolerance: number;
  readonly seed: number;
  readonly numRuns: number;
  /** Pinned cases tried first (regression corpus). */
  readonly examples?: readonly C[];
  /** Name of the per-case statistic summarised in `stats` (quantiles). */
  readonly statName?: string;
  readonly notes?: readonly string[];
}

const marginOf = (o: { lhs: number; rhs: number }, rel: '>=' | '<='): number => (rel === '>=' ? o.lhs - o.rhs : o.rhs - o.lhs);
/** Margin relative to |rhs| (scale-free, used to rank cases). */
const relMargin = (o: { lhs: number; rhs: number }, rel: '>=' | '<='): number => marginOf(o, rel) / (Math.abs(o.rhs) || 1);

function quantiles(xs: number[], name: string): Record<string, number> {
  if (xs.length === 0) return {};
  const s = xs.slice().sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
  return { [`${name}.min`]: s[0], [`${name}.median`]: q(0.5), [`${name}.p90`]: q(0.9), [`${name}.max`]: s[s.length - 1] };
}

function summarise(extras: Record<string, number[]>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, xs] of Object.entries(extras)) {
    out[`${k}.mean`] = xs.reduce((a, b) => a + b, 0) / xs.length;
    out[`${k}.min`] = Math.min(...xs);
  }
  return out;
}

/** Search a family for violations of `lhs relation rhs` (within `tolerance`). */
export function searchFamily<C>(o: SearchOptions<C>): FamilyResult {
  const skipped: Record<string, number> = {};
  const statValues: number[] = [];
  const flags: Record<string, number> = {};
  const extras: Record<string, number[]> = {};
  let cases = 0;
  let violations = 0;
  let worst: { c: C; lhs: number; rhs: number; details?: Readonly<Record<string, unknown>> } | undefined;
  let firstViolation: C | undefined;
  const failing = (c: C): boolean => {
    const out = o.evaluate(c);
    return !('skip' in out) && !(marginOf(out, o.relation) >= -o.tolerance);
  };
  fc.check(
    fc.property(o.arb, (c) => {
      const out = o.evaluate(c);
      if ('skip' in out) {
        skipped[out.skip] = (skipped[out.skip] ?? 0) + 1;
        return true;
      }
      cases++;
      if (out.stat !== undefined) statValues.push(out.stat);
      if (out.flag !== undefined) flags[out.flag] = (flags[out.flag] ?? 0) + 1;
      for (const [k, v] of Object.entries(out.extra ?? {})) (extras[k] ??= []).push(v);
      const m = marginOf(out, o.relation);
      if (!(m >= -o.tolerance)) {
        violations++;
        firstViolation ??= c;
      }
      if (worst === undefined || !(relMargin(out, o.relation) >= relMargin(worst, o.relation))) worst = { c, lhs: out.lhs, rhs: out.rhs, details: out.details };
      return true;
    }),
    { seed: o.seed, numRuns: o.numRuns, examples: (o.examples ?? []).map((c) => [c] as [C]) },
  );
  const base = { name: o.name, cases, violations, skipped, stats: { ...quantiles(statValues, o.statName ?? 'stat'), ...flags, ...summarise(extras) }, ...(o.notes ? { notes: o.notes } : {}) };
  if (worst === undefined) return { ...base, verdict: inapplicable(`every case was skipped: ${JSON.stringify(skipped)}`) };
  if (firstViolation === undefined) {
    return { ...base, verdict: decide({ lhs: worst.lhs, rhs: worst.rhs, relation: o.relation, tolerance: o.tolerance, details: { worstCase: worst.c, ...worst.details } }) };
  }
  // same seed ⇒ same draws: the replay meets the first violation again and shrinks it with context
  const shrunk = fc.check(fc.property(o.arb, (c) => !failing(c)), { seed: o.seed, numRuns: o.numRuns, examples: (o.examples ?? []).map((c) => [c] as [C]) });
  const cex = (shrunk.counterexample?.[0] ?? firstViolation) as C;
  const out = o.evaluate(cex);
  const sides = 'skip' in out ? worst : out;
  return {
    ...base,
    verdict: decide({ lhs: sides.lhs, rhs: sides.rhs, relation: o.relation, tolerance: o.tolerance, details: { ...sides.details, shrinks: shrunk.numShrinks }, counterexample: cex }),
  };
}
