import { describe, expect, it } from 'vitest';
import type { FigureBlock, TableBlock } from '../../report/schema.js';
import type { CellSpec } from './cellSpec.js';
import { buildFig3, fig3Cells, REP_SLACK } from './fig3Section.js';
import { buildFig5, fig5Cells } from './fig5Section.js';
import type { Fig3Config, Fig5Config } from './reportPlan.js';
import { cellsFor, dlgResult as dlg, trainResult as train } from './sectionFixtures.js';
import { buildVerdicts } from './verdictSection.js';

describe('Fig. 5 section on hand-built cells', () => {
  // Arrange: undefended accuracy 0.9; Soteria 10 % keeps it with min-MSE 0.8, GC 20 % keeps it with 0.01,
  // DP-Gaussian loses accuracy; DP-Laplace keeps it with 0.04. Final MSEs are 10× the min-MSEs.
  const cfg: Fig5Config = {
    attacks: [{ dataset: 'mnist', images: [0, 1], seeds: [0], steps: 5 }], gs: [],
    grid: { soteria: [10], gc: [20], dpGaussian: [0.1], dpLaplace: [0.01] },
    train: { presets: { mnist: 'quick' }, rounds: 2, seeds: [0] }, noLossTolerance: 0.01,
  };
  const minMse: Record<string, number> = { none: 0.005, soteria: 0.8, gradientPruning: 0.01, gaussian: 0.5, laplace: 0.04 };
  const acc: Record<string, number> = { none: 0.9, soteria: 0.895, gradientPruning: 0.9, gaussian: 0.5, laplace: 0.9 };
  const key = (s: CellSpec): string => ('defense' in s ? (s.defense.kind === 'dpNoise' ? s.defense.noise.distribution : s.defense.kind) : 'none');
  const cells = cellsFor(fig5Cells(cfg), (s) => (s.kind === 'dlg' ? dlg(minMse[key(s)], 10 * minMse[key(s)]) : train(acc[key(s)])));

  it('plots one point per setting and computes the ratio from the no-loss settings (80× with min-MSE)', () => {
    // Act
    const out = buildFig5(cfg, cells);
    // Assert
    const fig = out.section.blocks.find((b): b is FigureBlock => b.kind === 'figure');
    expect(fig?.traces.find((t) => t.name === 'Soteria')?.x).toEqual([0.8]);
    expect(fig?.traces.find((t) => t.name === 'DP-Gaussian')?.y).toEqual([0.5]);
    const claim = out.claims.find((c) => c.name === 'fig5.ratio.mnist');
    expect(claim?.verdict.status).toBe('violated'); // 0.8 / 0.01 = 80 < 160
    if (claim?.verdict.status !== 'violated') throw new Error('unreachable');
    expect(claim.verdict.lhs).toBeCloseTo(80, 10);
    const ratios = out.section.blocks.find((b): b is TableBlock => b.kind === 'table' && b.id === 'fig5-ratio-mnist');
    const gaussian = ratios?.rows.find((r) => r[0] === 'min-MSE (ground truth)' && r[1] === 'DP-Gaussian');
    expect(gaussian?.[6]).toBeNull(); // DP-Gaussian has no setting without accuracy loss
    const laplaceFinal = ratios?.rows.find((r) => r[0] === 'final MSE' && r[1] === 'DP-Laplace');
    expect(laplaceFinal?.[6]).toBe(20); // 8 / 0.4
  });
});

describe('Fig. 3 section and the verdict table', () => {
  const cfg: Fig3Config = { attack: { dataset: 'mnist', images: [0], seeds: [0, 1], steps: 3 }, soteriaPercent: 40 };
  const specs: CellSpec[] = (['all', 'conv', 'allButDefended', 'rep'] as const).flatMap((selection) => [0, 1].flatMap((seed) => [
    { kind: 'dlg' as const, dataset: 'mnist' as const, imageIndex: 0, defense: { kind: 'none' as const }, selection, steps: 3, seed },
    { kind: 'dlg' as const, dataset: 'mnist' as const, imageIndex: 0, defense: { kind: 'soteria' as const, percent: 40, rule: 'exact' as const }, selection, steps: 3, seed },
  ]));
  // WG 0.01, CLG 0.3 / 0.5 (mean 0.4), Rep 0.9 / 1.1 (mean 1.0, repCor 0.2 / 0.4), Soteria 0.6, adaptive 0.02.
  const cells = cellsFor(specs, (s) => {
    if (s.kind !== 'dlg') throw new Error('dlg only');
    const defended = s.defense.kind === 'soteria';
    if (s.selection === 'rep') return dlg(s.seed === 0 ? 0.9 : 1.1, 1, { repCor: s.seed === 0 ? 0.2 : 0.4 });
    const v = s.selection === 'conv' ? (s.seed === 0 ? 0.3 : 0.5) : s.selection === 'allButDefended' ? 0.02 : defended ? 0.6 : 0.01;
    return dlg(v, v);
  });

  it('averages over seeds and decides the three claims with their margins', () => {
    // Act
    const out = buildFig3(cfg, cells);
    // Assert
    const clg = out.claims.find((c) => c.name === 'fig3.clgFails')?.verdict;
    expect(clg?.status).toBe('holds');
    if (clg === undefined || clg.status === 'inapplicable') throw new Error('unreachable');
    expect(clg.lhs).toBeCloseTo(0.4, 12);
    expect(clg.margin).toBeCloseTo(0.39, 12);
    expect(out.claims.find((c) => c.name === 'fig3.adaptiveBreaks')?.verdict.status).toBe('holds');
    const gallery = out.section.blocks.find((b) => b.kind === 'gallery');
    expect(gallery?.kind === 'gallery' && gallery.rows[0].images).toHaveLength(6); // original + 5 attacks
  });

  it('runs Rep as a no-defense dlg cell and judges "about as well as WG" with the slack (violated here)', () => {
    // Act
    const out = buildFig3(cfg, cells);
    // Assert
    const rep = fig3Cells(cfg).filter((s) => s.selection === 'rep');
    expect(rep.map((s) => s.defense.kind)).toEqual(['none', 'none']);
    const v = out.claims.find((c) => c.name === 'fig3.repLikeWg')?.verdict;
    expect(v?.status).toBe('violated');
    if (v === undefined || v.status === 'inapplicable') throw new Error('unreachable');
    expect(v.lhs).toBeCloseTo(1.0, 12);
    expect(v.margin).toBeCloseTo(0.01 + REP_SLACK - 1.0, 12);
    const table = out.section.blocks.find((b): b is TableBlock => b.kind === 'table');
    const repRow = table?.rows.find((r) => r[0] === 'Rep');
    expect(repRow?.[3]).toBe(1); // mean min-MSE
    expect(repRow?.[6]).toBeCloseTo(0.3, 12); // mean cor
    expect(table?.rows.find((r) => r[0] === 'WG')?.[6]).toBeNull();
  });

  it('says Rep holds when its min-MSE is within the slack of WG\'s', () => {
    // Arrange: Rep at WG + half the slack
    const near = cellsFor(specs, (s) => (s.kind === 'dlg' && s.selection === 'rep' ? dlg(0.01 + REP_SLACK / 2, 1) : dlg(0.01, 0.01)));
    // Act
    const v = buildFig3(cfg, near).claims.find((c) => c.name === 'fig3.repLikeWg')?.verdict;
    // Assert
    expect(v?.status).toBe('holds');
    if (v === undefined || v.status === 'inapplicable') throw new Error('unreachable');
    expect(v.margin).toBeCloseTo(REP_SLACK / 2, 12);
  });

  it('lists every empirical claim in the verdict table with its verdict and margin', () => {
    // Arrange
    const claims = buildFig3(cfg, cells).claims;
    // Act
    const out = buildVerdicts({ samples: 1, seed: 0 }, { theorem2: {}, seedCount: 1, seed: 0, train: null }, claims, cells);
    // Assert
    const table = out.section.blocks[0] as TableBlock;
    expect(table.rows.map((r) => r[0])).toEqual(['fig3.repLikeWg', 'fig3.clgFails', 'fig3.soteriaDefends', 'fig3.adaptiveBreaks']);
    expect(table.rows[0][3]).toBe('violated');
    expect(table.rows[2][3]).toBe('holds');
    expect(table.rows[2][7]).toBeCloseTo(0.59, 3); // 0.6 − 0.01
  });
});
