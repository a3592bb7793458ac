/**
 * Fig. 6 of Soteria (arXiv 2012.06043 §6.2): one image reconstructed by GS (inverting gradients,
 * as the paper's Fig. 6) against increasing pruning rates, Soteria (defended layer only, GS
 * script scores) vs GC (every tensor), with PSNR / SSIM under each image.
 */
import { decide } from '../../theory/index.js';
import type { GalleryBlock, GalleryImage, ReportBlock } from '../../report/schema.js';
import { cellId, type GsCellSpec } from './cellSpec.js';
import type { GsCellResult } from './cellRecord.js';
import { defenseFor, defenseLabel } from './defenseFor.js';
import { gsCellSpec } from './fig5GsBlocks.js';
import type { Fig6Config } from './reportPlan.js';
import { missingNote, resultOf, type CellResults, type EmpiricalClaim, type SectionOutput } from './sectionKit.js';

type Family = 'soteria' | 'gc';

function spec(cfg: Fig6Config, family: Family | null, value: number): GsCellSpec {
  return gsCellSpec(cfg.gs, cfg.imageIndex, cfg.seed, family === null ? { kind: 'none' } : defenseFor(family, value));
}

/**
 * The cells of Fig. 6: no defense, then each Soteria and GC rate.
 * @param cfg - the section config.
 * @returns the cell specs.
 */
export function fig6Cells(cfg: Fig6Config): GsCellSpec[] {
  return [spec(cfg, null, 0), ...cfg.soteria.map((p) => spec(cfg, 'soteria', p)), ...cfg.gc.map((p) => spec(cfg, 'gc', p))];
}

const fixed = (x: number | null, digits: number): string => (x === null ? 'n/a' : x.toFixed(digits));

function image(r: GsCellResult | undefined, label: string): GalleryImage[] {
  return r === undefined ? [] : [{ src: r.reconstructionPng, label: `${label} · PSNR ${fixed(r.pixels01.finalPsnr, 1)} · SSIM ${fixed(r.pixels01.finalSsim, 3)} · MSE ${fixed(r.normalised.finalMse, 3)}` }];
}

/**
 * Build the Fig. 6 section.
 * @param cfg - the section config.
 * @param cells - finished cells.
 * @returns the section, its claim and cell ids.
 */
export function buildFig6(cfg: Fig6Config, cells: CellResults): SectionOutput {
  const get = (family: Family | null, p: number): GsCellResult | undefined => resultOf<GsCellResult>(cells, spec(cfg, family, p));
  const none = get(null, 0);
  const row = (family: Family, rates: readonly number[]) => ({ label: family === 'soteria' ? 'Soteria (defended layer pruned)' : 'GC (every tensor pruned)', images: rates.flatMap((p) => image(get(family, p), defenseLabel(family, p))) });
  const g = cfg.gs;
  const gallery: GalleryBlock = {
    kind: 'gallery', id: 'fig6-gallery', title: `GS (${g.preset} preset, ${g.iterations} Adam iterations, ${g.model}) on ${g.dataset} test image ${cfg.imageIndex}, seed ${cfg.seed}`,
    rows: [
      { label: 'original and undefended', images: none === undefined ? [] : [{ src: none.truthPng, label: `original (label ${none.label})` }, ...image(none, 'no defense')] },
      row('soteria', cfg.soteria),
      row('gc', cfg.gc),
    ],
    caption: 'Each image is the FINAL GS iterate, de-normalised and clamped to [0, 1]. PSNR (dB, range 1) and SSIM (Wang et al. 2004, 11×11 Gaussian σ 1.5, per channel) are in [0, 1] pixel space; MSE is the final MSE in the NORMALISED space, as the GS script reports it. Labels from iDLG; Soteria uses the GS script\'s scores and prunes exactly ⌊p·L/100⌋ features. The paper\'s Fig. 6 uses GS on CIFAR-10 with ConvNet; the dataset and model of this preset are in the title.',
  };
  const note = missingNote(fig6Cells(cfg).filter((s) => !cells.has(cellId(s))).length);
  const blocks: ReportBlock[] = [gallery, ...(note === null ? [] : [{ kind: 'text' as const, text: note }])];
  return { section: { id: 'fig6', title: 'Fig. 6 — GS reconstructions against pruning rate, Soteria vs GC', config: cfg, seed: cfg.seed, blocks }, claims: fig6Claims(cfg, get), cellIds: fig6Cells(cfg).map(cellId) };
}

function fig6Claims(cfg: Fig6Config, get: (f: Family, p: number) => GsCellResult | undefined): EmpiricalClaim[] {
  if (cfg.soteria.length === 0 || cfg.gc.length === 0) return [];
  const sMax = Math.max(...cfg.soteria);
  const gMax = Math.max(...cfg.gc);
  const s = get('soteria', sMax)?.pixels01.finalSsim;
  const g = get('gc', gMax)?.pixels01.finalSsim;
  if (s == null || g == null) return [];
  return [{
    name: 'fig6.soteriaHidesMore', section: 'fig6',
    statement: `Soteria at ${sMax} % hides the image from GS better than GC at ${gMax} % (Fig. 6: unrecognisable at 50–60 % FC pruning, GC still recognisable at 80 %): SSIM(Soteria) ≤ SSIM(GC)`,
    verdict: decide({ lhs: s, rhs: g, relation: '<=', details: { metric: 'SSIM of the final GS iterate, [0, 1] pixels', soteriaPercent: sMax, gcPercent: gMax } }),
  }];
}
