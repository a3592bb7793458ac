/**
 * The cells of a report plan (the union of every section's cells, one per id, sorted by id) and
 * the plan with the run's `--seed` added to every seed in it.
 */
import { cellId, type CellSpec } from './cellSpec.js';
import { fig3Cells } from './fig3Section.js';
import { fig5Cells } from './fig5Section.js';
import { fig6Cells } from './fig6Section.js';
import { fig7Cells } from './fig7Section.js';
import type { ReportPlan } from './reportPlan.js';
import { table1Cells } from './table1Section.js';
import { verdictCells } from './verdictSection.js';

/**
 * Every cell of a plan, deduplicated by id and sorted by id.
 * @param plan - the report plan.
 * @returns the cells.
 */
export function planCells(plan: ReportPlan): CellSpec[] {
  const all = [...fig3Cells(plan.fig3), ...fig5Cells(plan.fig5), ...fig6Cells(plan.fig6), ...fig7Cells(plan.fig7), ...table1Cells(plan.table1), ...verdictCells(plan.verdicts)];
  const byId = new Map(all.map((s) => [cellId(s), s]));
  return [...byId.keys()].sort().map((id) => byId.get(id) as CellSpec);
}

/**
 * The plan with `offset` added to every `seed` (number) and every entry of `seeds` (number
 * array) at any depth, so `--seed S` reseeds the whole sweep (and changes every cell id).
 * @param plan - the report plan.
 * @param offset - the run seed.
 * @returns a new plan (the input is not changed).
 */
export function reseedPlan(plan: ReportPlan, offset: number): ReportPlan {
  const walk = (v: unknown, key: string): unknown => {
    if (key === 'seed' && typeof v === 'number') return v + offset;
    if (key === 'seeds' && Array.isArray(v)) return v.map((s: number) => s + offset);
    if (Array.isArray(v)) return v.map((x) => walk(x, ''));
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(plan, '') as ReportPlan;
}
