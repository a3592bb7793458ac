/**
 * The verdict table: every claim the toolkit checked in this run — Lemma 1, Theorem 1,
 * Algorithm 1 (float64 checkers via `runCheck`), Theorem 2 (the Fig. 7 cell) and the paper's
 * empirical claims the figures measured — each with its margin and counterexample.
 */
import type { ClaimReport, Verdict } from '../../theory/index.js';
import type { TableBlock } from '../../report/schema.js';
import { cellId, type CheckCellSpec } from './cellSpec.js';
import type { Fig7Config, VerdictConfig } from './reportPlan.js';
import { fig7Theorem2Spec } from './fig7Section.js';
import type { Theorem2CellResult } from './runTheoryCell.js';
import { resultOf, sig, type CellResults, type EmpiricalClaim, type SectionOutput } from './sectionKit.js';

const CLAIMS = ['lemma1', 'theorem1', 'algorithm1'] as const;

/**
 * The check cells of the verdict table.
 * @param cfg - samples and seed.
 * @returns one cell per float64 claim.
 */
export function verdictCells(cfg: VerdictConfig): CheckCellSpec[] {
  return CLAIMS.map((claim) => ({ kind: 'check', claim, samples: cfg.samples, seed: cfg.seed }));
}

const MAX_COUNTEREXAMPLE = 400;

function row(claim: string, kind: string, statement: string, v: Verdict, cases: string, counterexample: unknown): (string | number | null)[] {
  const cx = counterexample === undefined || counterexample === null ? '' : JSON.stringify(counterexample);
  const decided = v.status !== 'inapplicable';
  return [claim, kind, statement, v.status, decided ? sig(v.lhs) : null, decided ? v.relation : v.reason, decided ? sig(v.rhs) : null, decided ? sig(v.margin) : null, cases, cx.length > MAX_COUNTEREXAMPLE ? `${cx.slice(0, MAX_COUNTEREXAMPLE)}…` : cx];
}

function theoremRow(r: ClaimReport): (string | number | null)[] {
  return row(r.claim, 'theorem (float64)', r.statement, r.verdict, `${r.violations}/${r.cases}`, r.counterexample);
}

/**
 * Build the verdict section.
 * @param cfg - samples and seed of the float64 checks.
 * @param fig7 - the Fig. 7 config (its Theorem-2 cell).
 * @param claims - empirical claims measured by the other sections.
 * @param cells - finished cells.
 * @returns the section and cell ids.
 */
export function buildVerdicts(cfg: VerdictConfig, fig7: Fig7Config, claims: readonly EmpiricalClaim[], cells: CellResults): SectionOutput {
  const theory = verdictCells(cfg).map((s) => resultOf<ClaimReport>(cells, s)).filter((r): r is ClaimReport => r !== undefined);
  const t2 = resultOf<Theorem2CellResult>(cells, fig7Theorem2Spec(fig7));
  const rows = [
    ...theory.map(theoremRow),
    ...(t2 === undefined ? [] : [theoremRow(t2.report)]),
    ...claims.map((c) => row(c.name, `empirical (${c.section})`, c.statement, c.verdict, '1', c.verdict.status === 'violated' ? c.verdict.details : null)),
  ];
  const table: TableBlock = {
    kind: 'table', id: 'verdict-table', title: 'Claims checked in this run',
    columns: ['claim', 'kind', 'statement', 'verdict', 'lhs', 'relation', 'rhs', 'margin', 'violations/cases', 'counterexample'],
    rows,
    caption: 'margin > 0 means the claim holds with that slack, whatever the direction of the inequality; "inapplicable" gives the reason instead of the relation. Theorem verdicts are on the claim as printed; the checkers\' families and notes are in results.json. Empirical claims compare the quantities named in the statement.',
  };
  const specs = [...verdictCells(cfg), fig7Theorem2Spec(fig7)];
  return { section: { id: 'verdicts', title: 'Verdicts', config: cfg, seed: cfg.seed, blocks: [table] }, claims: [], cellIds: specs.map(cellId) };
}
