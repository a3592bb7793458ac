/**
 * The GS rows of Fig. 5 (Soteria arXiv 2012.06043 §6.2, Table 2 GS ranges): for each GS grid,
 * accuracy vs MSE per defense, a table of every setting and the "up to 160×" ratio. Privacy =
 * mean final MSE in the normalised space, as Soteria's GS script reports it (min-MSE and pixel
 * metrics in the table); utility = the same training cells as the DLG rows of that dataset.
 */
import type { FigureBlock, ReportBlock, TableBlock } from '../../report/schema.js';
import type { DefenseConfig } from '../../sim/defenses/index.js';
import type { CellSpec, GsCellSpec } from './cellSpec.js';
import type { GsCellResult, TrainCellResult } from './cellRecord.js';
import { defenseLabel, FAMILY_LABEL, gsDefense } from './defenseFor.js';
import { fig5RatioBlocks } from './fig5RatioBlocks.js';
import { FIG5_FAMILIES, fig5Defense, fig5Settings, fig5TrainSpecs, type Fig5Setting } from './fig5Settings.js';
import { mseRatio, type DefensePoint } from './mseRatio.js';
import type { Fig5Config, GsGrid, GsSetup } from './reportPlan.js';
import { meanFinite, resultOf, sig, type CellResults, type EmpiricalClaim } from './sectionKit.js';

/**
 * The GS cell of a setup on one image and seed (Soteria gets the GS script's scores).
 * @param g - dataset, model, preset, iterations.
 * @param imageIndex - test image.
 * @param seed - attack seed.
 * @param defense - the defense before `gsDefense`.
 * @returns the cell spec.
 */
export function gsCellSpec(g: GsSetup, imageIndex: number, seed: number, defense: DefenseConfig): GsCellSpec {
  return { kind: 'gs', dataset: g.dataset, model: g.model, imageIndex, defense: gsDefense(defense), preset: g.preset, iterations: g.iterations, seed };
}

const gsSpecs = (g: GsGrid, s: Fig5Setting): GsCellSpec[] => g.images.flatMap((i) => g.seeds.map((seed) => gsCellSpec(g, i, seed, fig5Defense(s))));

/**
 * The GS cells of Fig. 5 (every grid × setting × image × seed) and the training cells they read.
 * @param cfg - the section config.
 * @returns the cell specs.
 */
export function fig5GsCells(cfg: Fig5Config): CellSpec[] {
  return cfg.gs.flatMap((g) => fig5Settings(cfg).flatMap((s) => [...gsSpecs(g, s), ...fig5TrainSpecs(cfg, g.dataset, s)]));
}

interface GsMeasured {
  readonly setting: Fig5Setting;
  readonly finalMse: number | null; readonly minMse: number | null; readonly pixelMse: number | null; readonly ssim: number | null;
  readonly accuracy: number | null;
}

function measure(cfg: Fig5Config, g: GsGrid, cells: CellResults): GsMeasured[] {
  return fig5Settings(cfg).map((setting) => {
    const rs = gsSpecs(g, setting).map((s) => resultOf<GsCellResult>(cells, s));
    const train = fig5TrainSpecs(cfg, g.dataset, setting).map((s) => resultOf<TrainCellResult>(cells, s));
    return {
      setting, finalMse: meanFinite(rs.map((r) => r?.normalised.finalMse)), minMse: meanFinite(rs.map((r) => r?.normalised.minMse)),
      pixelMse: meanFinite(rs.map((r) => r?.pixels01.finalMse)), ssim: meanFinite(rs.map((r) => r?.pixels01.finalSsim)), accuracy: meanFinite(train.map((r) => r?.accuracy)),
    };
  });
}

const tagOf = (g: GsGrid): string => `gs-${g.dataset}-${g.model}-${g.preset}`;
const labelOf = (g: GsGrid): string => `GS (${g.preset} preset, ${g.iterations} iterations) on ${g.dataset}, ${g.model}`;

function figure(g: GsGrid, rows: readonly GsMeasured[]): FigureBlock {
  const ok = (r: GsMeasured): boolean => r.finalMse !== null && r.accuracy !== null;
  const trace = (name: string, pts: readonly GsMeasured[], family?: (typeof FIG5_FAMILIES)[number]) => ({
    name, x: pts.map((r) => r.finalMse as number), y: pts.map((r) => r.accuracy as number),
    ...(family === undefined ? { mode: 'markers' as const } : { text: pts.map((r) => defenseLabel(family, r.setting?.value ?? 0)) }),
  });
  return {
    kind: 'figure', id: `fig5-${tagOf(g)}`, title: `${labelOf(g)}: accuracy vs MSE`,
    xLabel: 'final MSE of the GS reconstruction in the normalised space (as the GS script), log scale', yLabel: 'test accuracy after FedAvg with the defense', xLog: true,
    traces: [...FIG5_FAMILIES.map((f) => trace(FAMILY_LABEL[f], rows.filter((r) => r.setting?.family === f && ok(r)), f)), trace('no defense', rows.filter((r) => r.setting === null && ok(r)))],
    caption: `Each point is one defense setting: x = mean FINAL MSE (the last GS iterate, ${g.iterations} Adam steps) in the NORMALISED space (image minus the dataset mean, over its std, as Soteria's GS script reports Table 2) over ${g.images.length} image(s) × ${g.seeds.length} seed(s); y = mean final test accuracy of the same FedAvg training cells as the DLG rows. Soteria runs with the GS script's scores. Labels from iDLG. Min-MSE and [0, 1]-pixel metrics are in the table.`,
  };
}

function table(g: GsGrid, rows: readonly GsMeasured[], base: number | null): TableBlock {
  return {
    kind: 'table', id: `fig5-${tagOf(g)}-table`, title: `${labelOf(g)}: every setting`,
    columns: ['defense', 'final MSE (normalised)', 'min MSE (normalised, ground truth)', 'final MSE ([0, 1] pixels, clamped)', 'SSIM (final, pixels)', 'accuracy', 'accuracy loss'],
    rows: rows.map((r) => [r.setting === null ? 'none' : defenseLabel(r.setting.family, r.setting.value), sig(r.finalMse), sig(r.minMse), sig(r.pixelMse), sig(r.ssim), sig(r.accuracy), r.accuracy === null || base === null ? null : sig(base - r.accuracy)]),
  };
}

/**
 * Figure, table and ratio of every GS grid.
 * @param cfg - the section config.
 * @param cells - finished cells.
 * @returns blocks and claims (`fig5.ratio.gs-…`, judged on the final normalised MSE).
 */
export function fig5GsBlocks(cfg: Fig5Config, cells: CellResults): { blocks: ReportBlock[]; claims: EmpiricalClaim[] } {
  const blocks: ReportBlock[] = [];
  const claims: EmpiricalClaim[] = [];
  for (const g of cfg.gs) {
    const rows = measure(cfg, g, cells);
    const base = rows.find((r) => r.setting === null)?.accuracy ?? null;
    const points = (key: 'minMse' | 'finalMse'): DefensePoint[] => rows.flatMap((r) => (r.setting === null ? [] : [{ ...r.setting, mse: r[key], accuracy: r.accuracy }]));
    const ratios = base === null ? null : { min: mseRatio(points('minMse'), base, cfg.noLossTolerance), final: mseRatio(points('finalMse'), base, cfg.noLossTolerance) };
    const out = fig5RatioBlocks({ id: tagOf(g), label: labelOf(g), primary: 'final', space: 'normalised' }, ratios, cfg.noLossTolerance);
    blocks.push(figure(g, rows), table(g, rows, base), ...out.blocks);
    claims.push(...out.claims);
  }
  return { blocks, claims };
}
