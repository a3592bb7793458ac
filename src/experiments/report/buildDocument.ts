/**
 * Cell results → the report document (src/report/schema.ts): every section builder in paper
 * order, the verdict table with the empirical claims they measured, and the provenance.
 */
import { REPORT_SCHEMA, type ReportDocument, type ReportSection, type TableBlock } from '../../report/schema.js';
import { configHash, type Provenance } from '../provenance.js';
import { buildFig3 } from './fig3Section.js';
import { buildFig5 } from './fig5Section.js';
import { buildFig6 } from './fig6Section.js';
import { buildFig7 } from './fig7Section.js';
import { planCells } from './planCells.js';
import type { ReportPlan } from './reportPlan.js';
import { buildTable1 } from './table1Section.js';
import { buildVerdicts } from './verdictSection.js';
import { sig, type CellResults, type SectionOutput } from './sectionKit.js';
import { cellId } from './cellSpec.js';

/** What the document says about the run besides the cells. */
export interface DocumentMeta {
  readonly provenance: Provenance;
  /** Wall-clock seconds of this invocation. */
  readonly wallSeconds: number;
  readonly createdAt: string;
}

function cellsTable(plan: ReportPlan, cells: CellResults): TableBlock {
  return {
    kind: 'table', id: 'sweep-cells', title: 'Every cell of the sweep',
    columns: ['cell id', 'kind', 'config', 'backend', 'seconds'],
    rows: planCells(plan).map((s) => {
      const r = cells.get(cellId(s));
      const { kind: _kind, ...rest } = s;
      return [cellId(s), s.kind, JSON.stringify(rest), r?.backend ?? 'not run', r === undefined ? null : sig(r.timing.ms / 1000)];
    }),
    caption: 'A cell is identified by the sha256 of its canonical JSON config (first 16 hex digits); its result is cells/<id>.json. Seconds are the cell\'s own compute time (cells shared between sections are computed once).',
  };
}

/**
 * Build the report document.
 * @param plan - the report plan.
 * @param cells - finished cells by id (missing ones leave blanks and a note).
 * @param meta - provenance, wall time, creation time.
 * @returns the document (plain JSON).
 */
export function buildDocument(plan: ReportPlan, cells: CellResults, meta: DocumentMeta): ReportDocument {
  const outs: SectionOutput[] = [buildFig3(plan.fig3, cells), buildFig5(plan.fig5, cells), buildFig6(plan.fig6, cells), buildFig7(plan.fig7, cells), buildTable1(plan.table1, cells)];
  outs.push(buildVerdicts(plan.verdicts, plan.fig7, outs.flatMap((o) => o.claims), cells));
  const seconds = (ids: readonly string[]): number => sig(ids.reduce((s, id) => s + (cells.get(id)?.timing.ms ?? 0), 0) / 1000) ?? 0;
  const sweep: ReportSection = { id: 'sweep', title: 'Sweep: cells and their configs', config: { preset: plan.name, cells: planCells(plan).length }, seed: meta.provenance.seed, blocks: [cellsTable(plan, cells)] };
  const sections = [...outs.map((o) => o.section), sweep];
  const runSeconds: Record<string, number> = Object.fromEntries(outs.map((o) => [o.section.id, seconds(o.cellIds)]));
  runSeconds.cells = seconds([...cells.keys()]);
  runSeconds.total = sig(meta.wallSeconds) ?? 0;
  const seeds = [...new Set(planCells(plan).map((s) => s.seed))].sort((a, b) => a - b);
  return {
    schema: REPORT_SCHEMA,
    title: plan.title,
    preset: plan.name,
    sections,
    provenance: {
      command: meta.provenance.command,
      packages: meta.provenance.versions,
      backend: `${meta.provenance.backend.used} (requested ${meta.provenance.backend.requested})`,
      node: process.versions.node,
      seeds,
      configHashes: { plan: configHash(plan), ...Object.fromEntries(outs.map((o) => [o.section.id, configHash(o.section.config)])) },
      runSeconds,
      createdAt: meta.createdAt,
    },
  };
}
