/**
 * What every section builder shares: the cell lookup it reads results from, the empirical claims
 * it hands to the verdict table, and small number helpers. Builders are pure: cell results in,
 * report blocks out.
 */
import type { Verdict } from '../../theory/index.js';
import type { ReportSection } from '../../report/schema.js';
import type { CellSpec } from './cellSpec.js';
import { cellId } from './cellSpec.js';
import type { CellRecord } from './cellRecord.js';

/** Finished cells by id. */
export type CellResults = ReadonlyMap<string, CellRecord>;

/** An empirical claim of the paper that a section measured (goes to the verdict table). */
export interface EmpiricalClaim {
  /** Short id, e.g. 'fig3.clgFails'. */
  readonly name: string;
  /** The claim, restated, with the quantities compared. */
  readonly statement: string;
  readonly verdict: Verdict;
  /** Where the numbers come from (section id). */
  readonly section: string;
}

/** A built section and the claims it measured. */
export interface SectionOutput {
  readonly section: ReportSection;
  readonly claims: readonly EmpiricalClaim[];
  /** Ids of the cells the section used (for provenance). */
  readonly cellIds: readonly string[];
}

/**
 * The result of a cell, or undefined when it has not run.
 * @param cells - finished cells.
 * @param spec - the cell wanted.
 * @returns its result.
 */
export function resultOf<R>(cells: CellResults, spec: CellSpec): R | undefined {
  return cells.get(cellId(spec))?.result as R | undefined;
}

/**
 * Mean of the finite values (null/NaN/±∞ skipped); null when none is finite.
 * @param xs - values.
 * @returns the mean or null.
 */
export function meanFinite(xs: readonly (number | null | undefined)[]): number | null {
  const ok = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return ok.length === 0 ? null : ok.reduce((s, x) => s + x, 0) / ok.length;
}

/**
 * Round for display (4 significant digits), null kept.
 * @param x - value.
 * @returns the rounded value.
 */
export function sig(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? Number(x.toPrecision(4)) : null;
}

/**
 * A text block saying which cells are missing (a partial sweep still renders).
 * @param missing - how many cells of the section have no result.
 * @returns the block text, or null when none is missing.
 */
export function missingNote(missing: number): string | null {
  return missing === 0 ? null : `${missing} cell(s) of this section have no result yet (partial sweep); their entries are blank.`;
}
