/**
 * The "up to 160×" part of Fig. 5: a table of Soteria's no-loss MSE over each baseline's, for
 * min-MSE and final MSE, the text saying how it was computed, and the empirical claim.
 */
import { decide } from '../../theory/index.js';
import type { ReportBlock } from '../../report/schema.js';
import { defenseLabel, FAMILY_LABEL } from './defenseFor.js';
import type { MseRatioResult } from './mseRatio.js';
import { sig, type EmpiricalClaim } from './sectionKit.js';

/** The paper's headline ratio (§6.2: "up to 160× MSE over baselines at no accuracy loss"). */
export const PAPER_RATIO = 160;

/** Which attack and dataset a ratio belongs to, and which MSE the claim is judged on. */
export interface RatioTag {
  /** Suffix of block ids and of the claim name, e.g. 'mnist' (DLG) or 'gs-mnist-lenetDlg-paper'. */
  readonly id: string;
  /** Human label, e.g. 'DLG on mnist'. */
  readonly label: string;
  /** The MSE the claim uses: 'min' (running minimum, DLG notebook) or 'final' (last dummy, GS script). */
  readonly primary: 'min' | 'final';
  /** The space of the MSE, e.g. '[0, 1] pixels' or 'normalised'. */
  readonly space: string;
}

const KIND_LABEL = { min: 'min-MSE (ground truth)', final: 'final MSE' } as const;

/**
 * Blocks and claim of the ratio for one attack and dataset.
 * @param tag - attack/dataset tag and the MSE the claim uses.
 * @param ratios - ratios from min-MSE and final MSE, or null without an undefended accuracy.
 * @param tolerance - the no-loss tolerance used.
 * @returns blocks and claims.
 */
export function fig5RatioBlocks(tag: RatioTag, ratios: { min: MseRatioResult; final: MseRatioResult } | null, tolerance: number): { blocks: ReportBlock[]; claims: EmpiricalClaim[] } {
  if (ratios === null) return { blocks: [{ kind: 'text', text: `No undefended accuracy for ${tag.label} yet: the MSE ratio cannot be computed.` }], claims: [] };
  const rows = (['min', 'final'] as const).flatMap((kind) => ratios[kind].perBaseline.map((b) => [
    KIND_LABEL[kind],
    FAMILY_LABEL[b.baseline],
    b.soteria === null ? null : defenseLabel('soteria', b.soteria.value), sig(b.soteria?.mse),
    b.other === null ? null : defenseLabel(b.baseline, b.other.value), sig(b.other?.mse),
    sig(b.ratio),
  ]));
  const text = [
    `How the ratio is computed (${tag.label}, MSE in ${tag.space} space): a setting has "no accuracy loss" when its accuracy ≥ undefended accuracy − ${tolerance} (threshold ${ratios.min.threshold.toFixed(4)}).`,
    'For each defense, take the largest mean MSE among its no-loss settings; the ratio is Soteria\'s over each baseline\'s, and the paper\'s "up to" figure is the largest of these ratios.',
    `Measured: up to ${fmt(ratios.min.upTo)}× with min-MSE (running minimum, uses the ground truth), up to ${fmt(ratios.final.upTo)}× with final MSE (the last dummy; diverging dummies make this one explode, PAPER.md §7). Paper: up to ${PAPER_RATIO}×. The verdict uses ${KIND_LABEL[tag.primary]}.`,
  ].join(' ');
  const other = tag.primary === 'min' ? 'final' : 'min';
  const claim: EmpiricalClaim = {
    name: `fig5.ratio.${tag.id}`,
    statement: `Soteria reaches up to ${PAPER_RATIO}× the MSE of the baselines at no accuracy loss (§6.2); measured with ${KIND_LABEL[tag.primary]} (${tag.space}), ${tag.label}`,
    section: 'fig5',
    verdict: decide({ lhs: ratios[tag.primary].upTo ?? Number.NaN, rhs: PAPER_RATIO, relation: '>=', details: { [`${other}MseUpTo`]: ratios[other].upTo, tolerance } }),
  };
  return {
    blocks: [
      { kind: 'table', id: `fig5-ratio-${tag.id}`, title: `${tag.label}: Soteria's MSE over the baselines' at no accuracy loss (${tag.space})`, columns: ['MSE', 'baseline', 'Soteria setting', 'Soteria MSE', 'baseline setting', 'baseline MSE', 'ratio'], rows },
      { kind: 'text', text },
    ],
    claims: [claim],
  };
}

function fmt(x: number | null): string {
  return x === null ? 'n/a' : x.toPrecision(3);
}
