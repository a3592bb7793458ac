import { describe, expect, it } from 'vitest';
import type { FigureBlock, GalleryBlock, TableBlock } from '../../report/schema.js';
import { cellId, type CellSpec, type GsCellSpec } from './cellSpec.js';
import { buildFig5, fig5Cells } from './fig5Section.js';
import { buildFig6, fig6Cells } from './fig6Section.js';
import type { Fig5Config, Fig6Config, GsSetup } from './reportPlan.js';
import { cellsFor, gsResult, trainResult } from './sectionFixtures.js';

const SETUP: GsSetup = { dataset: 'mnist', model: 'lenetDlg', preset: 'paper', iterations: 2 };
const key = (s: CellSpec): string => ('defense' in s ? (s.defense.kind === 'dpNoise' ? s.defense.noise.distribution : s.defense.kind) : 'none');

describe('Fig. 5 GS rows on hand-built cells', () => {
  // Arrange: no DLG grid, one GS grid; final normalised MSE: none 0.1, Soteria 10 % 3.0, GC 20 % 0.5,
  // DP-Gaussian 2.0 (loses accuracy), DP-Laplace 0.2. Min-MSE and pixel MSE are different numbers on purpose.
  const cfg: Fig5Config = {
    attacks: [], gs: [{ ...SETUP, images: [0], seeds: [0, 1] }],
    grid: { soteria: [10], gc: [20], dpGaussian: [0.1], dpLaplace: [0.01] },
    train: { presets: { mnist: 'quick' }, rounds: 2, seeds: [0] }, noLossTolerance: 0.01,
  };
  const final: Record<string, number> = { none: 0.1, soteria: 3, gradientPruning: 0.5, gaussian: 2, laplace: 0.2 };
  const acc: Record<string, number> = { none: 0.9, soteria: 0.9, gradientPruning: 0.9, gaussian: 0.5, laplace: 0.9 };
  const cells = cellsFor(fig5Cells(cfg), (s) => (s.kind === 'gs' ? gsResult({ finalMse: final[key(s)], minMse: final[key(s)] / 100, pixelMse: 0.05, ssim: 0.3 }) : trainResult(acc[key(s)])));

  it('has one GS and one training cell set per setting; Soteria gets the GS script scores', () => {
    // Act
    const specs = fig5Cells(cfg);
    // Assert
    const gs = specs.filter((s): s is GsCellSpec => s.kind === 'gs');
    expect(gs).toHaveLength(5 * 2); // 5 settings × 2 seeds
    expect(gs.filter((s) => s.defense.kind === 'soteria').every((s) => s.defense.kind === 'soteria' && s.defense.score === 'gsScript')).toBe(true);
    expect(specs.filter((s) => s.kind === 'train')).toHaveLength(5);
  });

  it('plots the final normalised MSE against accuracy and judges the ratio on it (6× vs GC)', () => {
    // Act
    const out = buildFig5(cfg, cells);
    // Assert
    const fig = out.section.blocks.find((b): b is FigureBlock => b.kind === 'figure');
    expect(fig?.id).toBe('fig5-gs-mnist-lenetDlg-paper');
    expect(fig?.traces.find((t) => t.name === 'Soteria')?.x).toEqual([3]);
    expect(fig?.caption).toMatch(/FINAL MSE.*NORMALISED/);
    const claim = out.claims.find((c) => c.name === 'fig5.ratio.gs-mnist-lenetDlg-paper');
    if (claim === undefined || claim.verdict.status === 'inapplicable') throw new Error('expected a decided claim');
    expect(claim.verdict.lhs).toBeCloseTo(15, 10); // 3 / 0.2 (DP-Laplace); DP-Gaussian loses accuracy
    expect(claim.verdict.status).toBe('violated');
    const table = out.section.blocks.find((b): b is TableBlock => b.kind === 'table' && b.id === 'fig5-gs-mnist-lenetDlg-paper-table');
    const gc = table?.rows.find((r) => r[0] === 'GC 20 %');
    expect(gc?.slice(1, 5)).toEqual([0.5, 0.005, 0.05, 0.3]);
  });

  it('counts a training cell shared by the DLG and GS rows once in the missing-cells note', () => {
    // Arrange: a DLG grid on the same dataset; drop the undefended training cell
    const both: Fig5Config = { ...cfg, attacks: [{ dataset: 'mnist', images: [0], seeds: [0], steps: 1 }] };
    const all = cellsFor(fig5Cells(both), (s) => (s.kind === 'train' ? trainResult(0.9) : gsResult({ finalMse: 1, minMse: 1, pixelMse: 0.1, ssim: 0.1 })));
    const victim = fig5Cells(both).find((s) => s.kind === 'train' && s.defense.kind === 'none');
    const partial = new Map([...all].filter(([id]) => victim === undefined || id !== cellId(victim)));
    // Act
    const out = buildFig5(both, partial);
    // Assert
    expect(partial.size).toBe(all.size - 1);
    expect(out.section.blocks.some((b) => b.kind === 'text' && b.text.startsWith('1 cell(s) of this section'))).toBe(true);
  });
});

describe('Fig. 6 with GS on hand-built cells', () => {
  const cfg: Fig6Config = { gs: SETUP, imageIndex: 4, seed: 2, soteria: [10, 40], gc: [20, 80] };
  // Arrange: SSIM falls with the Soteria rate (0.5 → 0.1) and stays high under GC (0.7 → 0.6).
  const ssim = (s: CellSpec): number => {
    if (s.kind !== 'gs' || s.defense.kind === 'none') return 0.9;
    if (s.defense.kind === 'soteria') return s.defense.percent === 40 ? 0.1 : 0.5;
    return s.defense.kind === 'gradientPruning' && s.defense.percent === 80 ? 0.6 : 0.7;
  };
  const cells = cellsFor(fig6Cells(cfg), (s) => gsResult({ finalMse: 1.25, minMse: 1, pixelMse: 0.02, ssim: ssim(s), psnr: 17.04 }));

  it('runs one GS cell per rate on the configured image and shows pixel PSNR/SSIM and normalised MSE', () => {
    // Act
    const out = buildFig6(cfg, cells);
    // Assert
    expect(fig6Cells(cfg).every((s) => s.kind === 'gs' && s.imageIndex === 4 && s.seed === 2 && s.iterations === 2)).toBe(true);
    const gallery = out.section.blocks.find((b): b is GalleryBlock => b.kind === 'gallery');
    expect(gallery?.rows.map((r) => r.images.length)).toEqual([2, 2, 2]);
    expect(gallery?.rows[1].images[1].label).toBe('Soteria 40 % · PSNR 17.0 · SSIM 0.100 · MSE 1.250');
    expect(gallery?.caption).toMatch(/NORMALISED/);
  });

  it('decides "Soteria hides more than GC" on SSIM at the largest rates', () => {
    // Act
    const v = buildFig6(cfg, cells).claims.find((c) => c.name === 'fig6.soteriaHidesMore')?.verdict;
    // Assert
    if (v === undefined || v.status === 'inapplicable') throw new Error('expected a decided claim');
    expect(v.status).toBe('holds');
    expect(v.margin).toBeCloseTo(0.5, 12); // 0.6 − 0.1
  });
});
