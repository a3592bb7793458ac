import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellRecord, DlgCellResult, GsCellResult } from './cellRecord.js';
import { readCells } from './cellStore.js';
import { runReport, type ReportOptions } from './runReport.js';

const root = mkdtempSync(join(tmpdir(), 'soteria-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const options = (outDir: string, extra: Partial<ReportOptions> = {}): ReportOptions => ({
  preset: 'tiny', outDir, workers: 0, backend: 'cpu', seed: 0, argv: ['report', '--preset', 'tiny'], log: () => undefined, ...extra,
});

const TIMING_KEYS = new Set(['timing', 'runtimeMs', 'ms', 'msPerRound']);

/** A copy without wall-clock fields (the only parts allowed to differ between runs). */
function withoutTimings(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutTimings);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !TIMING_KEYS.has(k)).map(([k, x]) => [k, withoutTimings(x)]));
}

/** Every cell record of a sweep directory, timings removed. */
function untimed(dir: string): Record<string, unknown> {
  return Object.fromEntries([...readCells(dir)].map(([id, record]: [string, CellRecord]) => [id, withoutTimings(record)]));
}

/** The document's sections without the sweep table (it lists seconds). */
function sections(dir: string): unknown {
  const doc = (JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { document: { sections: { id: string }[] } }).document;
  return doc.sections.filter((s) => s.id !== 'sweep');
}

describe('runReport on the tiny preset (in-process cells)', () => {
  const whole = join(root, 'whole');
  let first: Awaited<ReturnType<typeof runReport>>;
  beforeAll(async () => {
    first = await runReport(options(whole));
  }, 120_000);

  it('computes every cell once and writes cells/<id>.json, results.json and index.html', () => {
    // Assert
    expect(first.cells.computed).toBe(first.cells.total);
    expect(readCells(whole).size).toBe(first.cells.total);
    expect(existsSync(join(whole, 'index.html'))).toBe(true);
    expect(readFileSync(join(whole, 'index.html'), 'utf8')).toContain('<html');
  });

  it('runs the GS cell (Fig. 6) and the Rep cell (Fig. 3) and judges the Rep claim in the verdict table', () => {
    // Arrange
    const records = [...readCells(whole).values()];
    const gs = records.find((r) => r.spec.kind === 'gs');
    const rep = records.find((r) => r.spec.kind === 'dlg' && r.spec.selection === 'rep');
    const doc = (JSON.parse(readFileSync(join(whole, 'results.json'), 'utf8')) as { document: { sections: { id: string; blocks: { kind: string; rows: unknown[][] }[] }[] } }).document;
    // Assert
    const g = gs?.result as GsCellResult;
    expect(g.iterations).toBe(2);
    expect(g.normalised.finalMse).toBeGreaterThan(0);
    expect(g.pixels01.finalMse).toBeLessThanOrEqual(1); // clamped [0, 1] pixels
    expect(g.reconstructionPng).toMatch(/^data:image\/png;base64,/);
    const r = rep?.result as DlgCellResult;
    expect(r.repCor === null || (r.repCor !== undefined && Math.abs(r.repCor) <= 1)).toBe(true);
    expect(r.minMse).toBeGreaterThan(0);
    const verdicts = doc.sections.find((s) => s.id === 'verdicts')?.blocks[0].rows ?? [];
    expect(verdicts.some((row) => row[0] === 'fig3.repLikeWg' && (row[3] === 'holds' || row[3] === 'violated'))).toBe(true);
    const fig6 = doc.sections.find((s) => s.id === 'fig6')?.blocks.find((b) => b.kind === 'gallery') as unknown as { rows: { images: unknown[] }[] };
    expect(fig6.rows[0].images).toHaveLength(2); // original + undefended GS reconstruction
  });

  it('resumes: after deleting one result, a rerun recomputes only that cell, to the same result', async () => {
    // Arrange
    const before = untimed(whole);
    const victim = Object.keys(before).sort()[1];
    rmSync(join(whole, 'cells', `${victim}.json`));
    // Act
    const again = await runReport(options(whole));
    // Assert
    expect(again.cells.computed).toBe(1);
    expect(again.cells.reused).toBe(first.cells.total - 1);
    expect(untimed(whole)).toEqual(before);
  });

  it('shard 0/2 + shard 1/2, merged, equal the unsharded sweep (ignoring timings)', async () => {
    // Arrange
    const [a, b, merged] = ['shard0', 'shard1', 'merged'].map((d) => join(root, d));
    // Act
    const r0 = await runReport(options(a, { shard: { index: 0, count: 2 } }));
    const r1 = await runReport(options(b, { shard: { index: 1, count: 2 } }));
    const m = await runReport(options(merged, { merge: [a, b] }));
    // Assert
    expect(r0.htmlFile).toBeNull();
    expect(r0.cells.inShard + r1.cells.inShard).toBe(first.cells.total);
    expect(Math.abs(r0.cells.inShard - r1.cells.inShard)).toBeLessThanOrEqual(1);
    expect(m.cells.computed).toBe(0);
    expect(untimed(merged)).toEqual(untimed(whole));
    expect(sections(merged)).toEqual(sections(whole));
  });

  it('refuses to merge when a shard is missing (InputError naming the count)', async () => {
    // Act / Assert
    await expect(runReport(options(join(root, 'partial'), { merge: [join(root, 'shard0')] }))).rejects.toThrow(/cell\(s\) of preset tiny missing/);
  });
});
