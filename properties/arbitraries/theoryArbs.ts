/**
 * fast-check arbitraries of plain theory data (matrices as number[][], map specs, cases).
 * Names end in Arb (style.md §6). Built by construction, not by filtering.
 */
import fc from 'fast-check';
import { lemma1CaseArb, theorem1CaseArb, type Lemma1Case, type MapFamily, type Theorem1Case } from '../../src/theory/index.js';

/** Small sizes keep the quick tier within the time budget. */
export const SMALL_DIMS = [2, 3, 5] as const;

/** A dense matrix with entries in [−10, 10] (no NaN/∞), rows×cols in 1..6. */
export const denseMatrixArb: fc.Arbitrary<number[][]> = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
  .chain(([m, n]) => fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }), { minLength: m, maxLength: m }));

/** A vector p-norm exponent of theory-spec §4.1. */
export const pNormArb = fc.constantFrom(1, 2, 4, Infinity);

/** Lemma-1 cases of one family on small dimensions. */
export const lemma1SmallCaseArb = (family: MapFamily): fc.Arbitrary<Lemma1Case> => lemma1CaseArb(family, SMALL_DIMS, [1, 1e2, 1e4, 1e6]);

/** Theorem-1 cases of one family on small dimensions. */
export const theorem1SmallCaseArb = (family: MapFamily): fc.Arbitrary<Theorem1Case> => theorem1CaseArb(family, SMALL_DIMS, [1, 1e2, 1e4]);
