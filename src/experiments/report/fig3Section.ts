/**
 * Fig. 3 of Soteria (arXiv 2012.06043 §3.3): DLG from the whole-model gradient (WG), from the
 * conv-layer gradients only (CLG), from the representation inferred from the update (Rep: §3.2
 * inference + matching, batch 1, the truth kept on the analysis side), against Soteria, and the
 * adaptive attack that drops the defended layer from the matching loss (Balunović et al., ICLR
 * 2022): a gallery per image and a table of mean metrics over images × seeds.
 */
import { decide } from '../../theory/index.js';
import type { GalleryBlock, ReportBlock, TableBlock } from '../../report/schema.js';
import { cellId, type DlgCellSpec } from './cellSpec.js';
import type { DlgCellResult } from './cellRecord.js';
import { defenseFor } from './defenseFor.js';
import type { Fig3Config } from './reportPlan.js';
import { meanFinite, missingNote, resultOf, sig, type CellResults, type EmpiricalClaim, type SectionOutput } from './sectionKit.js';

/** The four attack variants of the figure. */
export const FIG3_VARIANTS = ['WG', 'CLG', 'Rep', 'Soteria', 'Adaptive'] as const;
type Variant = (typeof FIG3_VARIANTS)[number];

function variantSpec(cfg: Fig3Config, v: Variant, imageIndex: number, seed: number): DlgCellSpec {
  const defended = v === 'Soteria' || v === 'Adaptive';
  const selection = v === 'CLG' ? 'conv' : v === 'Rep' ? 'rep' : v === 'Adaptive' ? 'allButDefended' : 'all';
  return { kind: 'dlg', dataset: cfg.attack.dataset, imageIndex, defense: defended ? defenseFor('soteria', cfg.soteriaPercent) : { kind: 'none' }, selection, steps: cfg.attack.steps, seed };
}

const variantsOf = (cfg: Fig3Config): readonly Variant[] => cfg.variants ?? FIG3_VARIANTS;

/**
 * The cells of Fig. 3: every variant × image × seed.
 * @param cfg - the section config.
 * @returns the cell specs.
 */
export function fig3Cells(cfg: Fig3Config): DlgCellSpec[] {
  return cfg.attack.images.flatMap((i) => cfg.attack.seeds.flatMap((s) => variantsOf(cfg).map((v) => variantSpec(cfg, v, i, s))));
}

const DESCRIPTION: Readonly<Record<Variant, string>> = {
  WG: 'whole-model gradient, no defense',
  CLG: 'conv-layer gradients only, no defense',
  Rep: 'representation inferred from the whole update (batch 1), no defense',
  Soteria: 'whole gradient vs Soteria',
  Adaptive: 'all but the defended layer vs Soteria',
};

/**
 * Build the Fig. 3 section.
 * @param cfg - the section config.
 * @param cells - finished cells.
 * @returns the section, its claims and cell ids.
 */
export function buildFig3(cfg: Fig3Config, cells: CellResults): SectionOutput {
  const a = cfg.attack;
  const results = (v: Variant): (DlgCellResult | undefined)[] => a.images.flatMap((i) => a.seeds.map((s) => resultOf<DlgCellResult>(cells, variantSpec(cfg, v, i, s))));
  const stat = (v: Variant, key: 'finalMse' | 'minMse' | 'finalPsnr' | 'finalSsim'): number | null => meanFinite(results(v).map((r) => r?.[key]));
  const table: TableBlock = {
    kind: 'table', id: 'fig3-table', title: `DLG on ${a.dataset}: mean over ${a.images.length} image(s) × ${a.seeds.length} seed(s), ${a.steps} L-BFGS steps`,
    columns: ['attack', 'what is matched', 'final MSE', 'min MSE (ground truth)', 'PSNR (final)', 'SSIM (final)', 'cor(inferred, true rep)'],
    rows: variantsOf(cfg).map((v) => [v, DESCRIPTION[v], sig(stat(v, 'finalMse')), sig(stat(v, 'minMse')), sig(stat(v, 'finalPsnr')), sig(stat(v, 'finalSsim')), v === 'Rep' ? sig(meanFinite(results(v).map((r) => r?.repCor))) : null]),
    caption: 'MSE in [0, 1] pixel space. "final" is the last dummy; "min" is the notebook\'s running minimum over iterations, which uses the ground truth. Soteria prunes exactly ⌊p·L/100⌋ of the defended layer\'s features. Rep runs the same L-BFGS on a distance between the dummy\'s representation and the one inferred from the update (l2 when the bias update fixes its scale), with the label of the inferred class; its cor column (Soteria §3.2) compares the inferred representation with the true one (uses the ground truth).',
  };
  const seed = a.seeds[0] ?? 0;
  const gallery: GalleryBlock = {
    kind: 'gallery', id: 'fig3-gallery', title: `Reconstructions (seed ${seed})`,
    rows: a.images.map((i) => {
      const truth = resultOf<DlgCellResult>(cells, variantSpec(cfg, 'WG', i, seed));
      const images = variantsOf(cfg).flatMap((v) => {
        const r = resultOf<DlgCellResult>(cells, variantSpec(cfg, v, i, seed));
        return r === undefined ? [] : [{ src: r.reconstructionPng, label: `${v} · MSE ${fmt(r.finalMse)} · SSIM ${fmt(r.finalSsim)}` }];
      });
      return { label: `test image ${i}`, images: truth === undefined ? images : [{ src: truth.truthPng, label: `original (label ${truth.label})` }, ...images] };
    }),
  };
  const note = missingNote(fig3Cells(cfg).filter((s) => !cells.has(cellId(s))).length);
  const blocks: ReportBlock[] = [gallery, table, ...(note === null ? [] : [{ kind: 'text' as const, text: note }])];
  return {
    section: { id: 'fig3', title: 'Fig. 3 — DLG from whole, conv-only and defended gradients, from inferred representations, and the adaptive attack', config: cfg, seed, blocks },
    claims: fig3Claims(stat),
    cellIds: fig3Cells(cfg).map(cellId),
  };
}

function fmt(x: number | null): string {
  return x === null ? 'n/a' : x.toPrecision(3);
}

/**
 * "About as well" for Rep vs WG: mean min-MSE within this much of WG's, in [0, 1] pixel MSE (an
 * MSE of 0.01 is a PSNR of 20 dB: the digit is still recognisable).
 */
export const REP_SLACK = 0.01;

function fig3Claims(stat: (v: Variant, key: 'minMse') => number | null): EmpiricalClaim[] {
  const claim = (name: string, statement: string, lhs: Variant, relation: '>=' | '<=', rhs: Variant, slack = 0): EmpiricalClaim[] => {
    const [l, r] = [stat(lhs, 'minMse'), stat(rhs, 'minMse')];
    const details = { metric: 'mean min-MSE over images × seeds', lhs, rhs, ...(slack === 0 ? {} : { rhsValue: r, slack }) };
    return l === null || r === null ? [] : [{ name, statement, section: 'fig3', verdict: decide({ lhs: l, rhs: r + slack, relation, details }) }];
  };
  return [
    claim('fig3.repLikeWg', `With the inferred representations DLG reconstructs about as well as with the whole gradient (Fig. 3, §3.2): min-MSE(Rep) ≤ min-MSE(WG) + ${REP_SLACK}`, 'Rep', '<=', 'WG', REP_SLACK),
    claim('fig3.clgFails', 'DLG from conv-layer gradients only does worse than from the whole gradient: min-MSE(CLG) ≥ min-MSE(WG) (Fig. 3)', 'CLG', '>=', 'WG'),
    claim('fig3.soteriaDefends', 'Soteria raises the DLG error: min-MSE(Soteria) ≥ min-MSE(WG) (Fig. 3, §6)', 'Soteria', '>=', 'WG'),
    claim('fig3.adaptiveBreaks', 'Dropping the defended layer undoes Soteria: min-MSE(adaptive) ≤ min-MSE(Soteria) (PAPER.md §7; Balunović et al. 2022)', 'Adaptive', '<=', 'Soteria'),
  ].flat();
}
