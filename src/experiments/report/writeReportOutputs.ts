/**
 * The outputs of a report run: for a whole sweep (or a merge), the document built from the
 * cells, `results.json` (plan, provenance, every cell, the document) and `index.html` rendered
 * by src/report; for one shard of several, only its cells and manifest (merge renders).
 */
import { join, resolve } from 'node:path';
import { REPORT_SCHEMA, renderHtml } from '../../report/index.js';
import { atomicWrite } from '../../sim/fl/index.js';
import type { Provenance } from '../provenance.js';
import { buildDocument } from './buildDocument.js';
import type { CellResults } from './sectionKit.js';
import { cellId } from './cellSpec.js';
import { planCells } from './planCells.js';
import type { ReportPlan } from './reportPlan.js';
import type { Shard } from './shard.js';

/** Version tag of results.json. */
export const RESULTS_SCHEMA = 'soteria-lab/report-results@1';

/** What `runReport` returns (the `--json` object). */
export interface ReportRunResult {
  readonly preset: string;
  readonly outDir: string;
  readonly shard: Shard | null;
  readonly cells: { readonly total: number; readonly inShard: number; readonly computed: number; readonly reused: number };
  /** index.html and results.json, when this run rendered the report. */
  readonly htmlFile: string | null;
  readonly resultsFile: string | null;
  readonly wallSeconds: number;
  /** Verdict counts of the verdict table (holds / violated / inapplicable), when rendered. */
  readonly verdicts: Readonly<Record<string, number>> | null;
  readonly planHash: string;
  readonly provenance: Provenance;
}

/** Inputs of `writeReportOutputs`. */
export interface OutputInput {
  readonly plan: ReportPlan;
  readonly cells: CellResults;
  readonly provenance: Provenance;
  readonly outDir: string;
  readonly shard: Shard | undefined;
  readonly computed: number;
  readonly inShard: number;
  readonly total: number;
  readonly wallSeconds: number;
  readonly planHash: string;
}

function countVerdicts(rows: readonly (readonly (string | number | null)[])[]): Record<string, number> {
  const out: Record<string, number> = { holds: 0, violated: 0, inapplicable: 0 };
  for (const r of rows) out[String(r[3])] = (out[String(r[3])] ?? 0) + 1;
  return out;
}

/**
 * Write the document, results.json and index.html (not for one shard of several).
 * @param i - plan, cells, provenance, counts.
 * @returns the run result.
 */
export function writeReportOutputs(i: OutputInput): ReportRunResult {
  const base = { preset: i.plan.name, outDir: resolve(i.outDir), shard: i.shard ?? null, cells: { total: i.total, inShard: i.inShard, computed: i.computed, reused: i.inShard - i.computed }, wallSeconds: Number(i.wallSeconds.toFixed(1)), planHash: i.planHash, provenance: i.provenance };
  if (i.shard !== undefined && i.shard.count > 1) return { ...base, htmlFile: null, resultsFile: null, verdicts: null };
  const document = buildDocument(i.plan, i.cells, { provenance: i.provenance, wallSeconds: i.wallSeconds, createdAt: new Date().toISOString() });
  const cells = planCells(i.plan).map((s) => i.cells.get(cellId(s))).filter((r) => r !== undefined);
  const resultsFile = join(i.outDir, 'results.json');
  atomicWrite(resultsFile, `${JSON.stringify({ schema: RESULTS_SCHEMA, reportSchema: REPORT_SCHEMA, preset: i.plan.name, planHash: i.planHash, plan: i.plan, provenance: i.provenance, cells, document })}\n`);
  const htmlFile = join(i.outDir, 'index.html');
  atomicWrite(htmlFile, renderHtml(document));
  const table = document.sections.find((s) => s.id === 'verdicts')?.blocks.find((b) => b.kind === 'table');
  return { ...base, htmlFile: resolve(htmlFile), resultsFile: resolve(resultsFile), verdicts: table?.kind === 'table' ? countVerdicts(table.rows) : null };
}
