/**
 * Fig. 5 of Soteria (arXiv 2012.06043 §6.2): accuracy vs MSE for each defense of Table 2 over
 * its parameter range, per attack and dataset. Privacy = mean DLG MSE over images × seeds
 * (min-MSE in the figure, final MSE in the table); utility = final test accuracy of a short
 * FedAvg run with that defense (mean over training seeds). Plus the "up to 160×" ratio. The GS
 * rows (Table 2 GS ranges, normalised-space MSE as the GS script) come from `fig5GsBlocks`.
 */
import type { FigureBlock, ReportBlock, TableBlock } from '../../report/schema.js';
import { cellId, type CellSpec, type DlgCellSpec } from './cellSpec.js';
import type { DlgCellResult, TrainCellResult } from './cellRecord.js';
import { defenseLabel, FAMILY_LABEL } from './defenseFor.js';
import { mseRatio, type DefensePoint } from './mseRatio.js';
import { fig5RatioBlocks } from './fig5RatioBlocks.js';
import { fig5GsBlocks, fig5GsCells } from './fig5GsBlocks.js';
import { FIG5_FAMILIES as FAMILIES, fig5Defense, fig5Settings as settings, fig5TrainSpecs as trainSpecs, type Fig5Setting as Setting } from './fig5Settings.js';
import type { AttackGrid, Fig5Config } from './reportPlan.js';
import { meanFinite, missingNote, resultOf, sig, type CellResults, type EmpiricalClaim, type SectionOutput } from './sectionKit.js';

function dlgSpecs(a: AttackGrid, s: Setting): DlgCellSpec[] {
  return a.images.flatMap((imageIndex) => a.seeds.map((seed): DlgCellSpec => ({ kind: 'dlg', dataset: a.dataset, imageIndex, defense: fig5Defense(s), selection: 'all', steps: a.steps, seed })));
}

/**
 * The cells of Fig. 5: DLG per attack grid × setting × image × seed, training per dataset ×
 * setting × seed, and the GS cells (`fig5GsCells`).
 * @param cfg - the section config.
 * @returns the cell specs.
 */
export function fig5Cells(cfg: Fig5Config): CellSpec[] {
  return [...cfg.attacks.flatMap((a) => settings(cfg).flatMap((s) => [...dlgSpecs(a, s), ...trainSpecs(cfg, a.dataset, s)])), ...fig5GsCells(cfg)];
}

interface Measured { readonly setting: Setting; readonly finalMse: number | null; readonly minMse: number | null; readonly accuracy: number | null }

function measure(cfg: Fig5Config, a: AttackGrid, cells: CellResults): Measured[] {
  return settings(cfg).map((setting) => {
    const dlg = dlgSpecs(a, setting).map((s) => resultOf<DlgCellResult>(cells, s));
    const train = trainSpecs(cfg, a.dataset, setting).map((s) => resultOf<TrainCellResult>(cells, s));
    return { setting, finalMse: meanFinite(dlg.map((r) => r?.finalMse)), minMse: meanFinite(dlg.map((r) => r?.minMse)), accuracy: meanFinite(train.map((r) => r?.accuracy)) };
  });
}

function figure(a: AttackGrid, rows: readonly Measured[]): FigureBlock {
  const traces = FAMILIES.map((family) => {
    const pts = rows.filter((r) => r.setting?.family === family && r.minMse !== null && r.accuracy !== null);
    return { name: FAMILY_LABEL[family], x: pts.map((r) => r.minMse as number), y: pts.map((r) => r.accuracy as number), text: pts.map((r) => defenseLabel(family, r.setting?.value ?? 0)) };
  });
  const none = rows.filter((r) => r.setting === null && r.minMse !== null && r.accuracy !== null);
  return {
    kind: 'figure', id: `fig5-dlg-${a.dataset}`, title: `DLG on ${a.dataset}: accuracy vs MSE`, xLabel: 'min-MSE of the DLG reconstruction in [0, 1] pixels (uses the ground truth), log scale', yLabel: 'test accuracy after FedAvg with the defense', xLog: true,
    traces: [...traces, { name: 'no defense', x: none.map((r) => r.minMse as number), y: none.map((r) => r.accuracy as number), mode: 'markers' }],
    caption: `Each point is one defense setting: x = mean min-MSE in [0, 1] pixel space (notebook MSE_min, running minimum over ${a.steps} L-BFGS steps, uses the ground truth) over ${a.images.length} image(s) × ${a.seeds.length} seed(s); y = mean final test accuracy of FedAvg training with the same defense. Hover shows the parameter. The final-MSE values are in the table.`,
  };
}

function table(a: AttackGrid, rows: readonly Measured[], base: number | null): TableBlock {
  return {
    kind: 'table', id: `fig5-dlg-${a.dataset}-table`, title: `DLG on ${a.dataset}: every setting`,
    columns: ['defense', 'final MSE', 'min MSE (ground truth)', 'accuracy', 'accuracy loss'],
    rows: rows.map((r) => [r.setting === null ? 'none' : defenseLabel(r.setting.family, r.setting.value), sig(r.finalMse), sig(r.minMse), sig(r.accuracy), r.accuracy === null || base === null ? null : sig(base - r.accuracy)]),
  };
}

/**
 * Build the Fig. 5 section.
 * @param cfg - the section config.
 * @param cells - finished cells.
 * @returns the section, its claims ("up to N×" per dataset, min- and final-MSE) and cell ids.
 */
export function buildFig5(cfg: Fig5Config, cells: CellResults): SectionOutput {
  const blocks: ReportBlock[] = [];
  const claims: EmpiricalClaim[] = [];
  for (const a of cfg.attacks) {
    const rows = measure(cfg, a, cells);
    const base = rows.find((r) => r.setting === null)?.accuracy ?? null;
    const points = (key: 'minMse' | 'finalMse'): DefensePoint[] => rows.flatMap((r) => (r.setting === null ? [] : [{ ...r.setting, mse: r[key], accuracy: r.accuracy }]));
    const ratios = base === null ? null : { min: mseRatio(points('minMse'), base, cfg.noLossTolerance), final: mseRatio(points('finalMse'), base, cfg.noLossTolerance) };
    blocks.push(figure(a, rows), table(a, rows, base));
    const out = fig5RatioBlocks({ id: a.dataset, label: `DLG on ${a.dataset}`, primary: 'min', space: '[0, 1] pixel' }, ratios, cfg.noLossTolerance);
    blocks.push(...out.blocks);
    claims.push(...out.claims);
  }
  const gs = fig5GsBlocks(cfg, cells);
  blocks.push(...gs.blocks);
  claims.push(...gs.claims);
  const ids = [...new Set(fig5Cells(cfg).map(cellId))]; // DLG and GS rows share the training cells
  const note = missingNote(ids.filter((id) => !cells.has(id)).length);
  if (note !== null) blocks.push({ kind: 'text', text: note });
  return {
    section: { id: 'fig5', title: 'Fig. 5 — accuracy vs MSE per defense (Table 2 ranges; DLG and GS)', config: cfg, seed: cfg.attacks[0]?.seeds[0] ?? cfg.gs[0]?.seeds[0] ?? 0, blocks },
    claims,
    cellIds: ids,
  };
}
