import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { torchRatios } from './torchCompare.js';
import type { BenchResult } from './types.js';
import { acceptedNames, selectWorkloads, WORKLOADS, WORKLOAD_GROUPS } from './workloads.js';
import { median } from './runBench.js';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildMap, samplePoint } from '../theory/index.js';
import { lemma1Agreement, LEMMA1_AGREE_REL } from './lemma1Agreement.js';
import type { TorchLemma1Check } from './lemma1Agreement.js';
import { lemma1BenchCases, lemma1BenchMaps, lemma1CasesExport, writeLemma1Cases } from './lemma1Cases.js';
import type { Lemma1ExportedCase } from './lemma1Cases.js';

describe('bench workload selection', () => {
  it('no --only selects every workload in report order; names are unique', () => {
    // Act
    const all = selectWorkloads(undefined);
    // Assert
    expect(all.map((w) => w.name)).toEqual(WORKLOADS.map((w) => w.name));
    expect(new Set(all.map((w) => w.name)).size).toBe(all.length);
  });

  it('a group name selects its members, repeats collapse, order is the report order', () => {
    // Act
    const picked = selectWorkloads(' theory-lemma1 , soteria-mask-lenet,theory-lemma1');
    // Assert
    const expected = WORKLOADS.map((w) => w.name).filter((n) => n === 'theory-lemma1' || WORKLOAD_GROUPS['soteria-mask-lenet'].includes(n));
    expect(picked.map((w) => w.name)).toEqual(expected);
    expect(expected).toHaveLength(3);
  });

  it('unknown or empty lists are InputErrors that list every accepted name', () => {
    // Act / Assert
    for (const bad of ['nope', ',,']) {
      expect(() => selectWorkloads(bad)).toThrow(InputError);
      try {
        selectWorkloads(bad);
      } catch (e) {
        for (const n of acceptedNames()) expect((e as Error).message).toContain(n);
      }
    }
  });
});

describe('bench helpers', () => {
  it('median of odd and even lists', () => {
    // Act / Assert
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('torchRatios pairs each workload with its PyTorch counterpart and divides tfjs by PyTorch', () => {
    // Arrange: 'a-2w' times the same work as 'a' on two threads; 'b' has no PyTorch side.
    const row = { iterations: 3, passes: 1, backend: 'wasm', perSecond: 1, threads: 1 };
    const ours: BenchResult[] = [
      { ...row, name: 'a', torchName: 'a', medianMs: 6, minMs: 4, meanMs: 8 },
      { ...row, name: 'a-2w', torchName: 'a', medianMs: 3, minMs: 3, meanMs: 2, threads: 2 },
      { ...row, name: 'b', torchName: 'b', medianMs: 1, minMs: 1, meanMs: 1 },
    ];
    const torch = [{ name: 'a', medianMs: 2, minMs: 1, meanMs: 4, iterations: 3, backend: 'torch' }];
    // Act
    const r = torchRatios(ours, torch);
    // Assert
    expect(r).toEqual([{ name: 'a', medianRatio: 3, minRatio: 4, meanRatio: 2 }, { name: 'a-2w', medianRatio: 1.5, minRatio: 3, meanRatio: 0.5 }]);
  });

  it('every PyTorch counterpart a workload names is itself a workload', () => {
    // Act
    const names = new Set(WORKLOADS.map((w) => w.name));
    // Assert
    for (const w of WORKLOADS) expect(names.has(w.torchName ?? w.name)).toBe(true);
  });

  it('the Lemma-1 bench cases are a pure function of the seed and cover every family', () => {
    // Act
    const a = lemma1BenchCases(5);
    const b = lemma1BenchCases(5);
    // Assert
    expect(a).toEqual(b);
    expect(new Set(a.map((c) => c.family)).size).toBe(5);
  });
});

describe('theory-lemma1 export for tools/bench-torch.py', () => {
  let exported: Lemma1ExportedCase[] | undefined;
  const cases = (): Lemma1ExportedCase[] => (exported ??= lemma1CasesExport(3));

  it('the bench maps are the maps `check lemma1` builds (same f at the same x0)', () => {
    // Act
    const maps = lemma1BenchMaps(3);
    // Assert
    for (const { spec, map, x0 } of maps) {
      const x = samplePoint(spec, spec.point);
      expect(x0).toEqual(x);
      expect(map.f(x0)).toEqual(buildMap(spec).f(x));
    }
  });

  it('the exported cases survive JSON exactly, cover every family, and carry a JS result each', () => {
    // Act
    const c = cases();
    const round = JSON.parse(JSON.stringify(c)) as Lemma1ExportedCase[];
    // Assert
    expect(round).toEqual(c);
    expect(new Set(c.map((x) => x.params.family)).size).toBe(5);
    for (const x of c) {
      expect(x.params.family).toBe(x.spec.family);
      expect(x.x0).toHaveLength(x.spec.dim);
      expect(x.r).toHaveLength(x.spec.dim);
      expect('e' in x.js || 'skipped' in x.js).toBe(true);
    }
  });

  it('writeLemma1Cases writes {seed, cases} that parse back to the returned cases', () => {
    // Act
    const { path, cases: written } = writeLemma1Cases(3);
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { seed: number; cases: Lemma1ExportedCase[] };
      // Assert
      expect(parsed.seed).toBe(3);
      expect(parsed.cases).toEqual(written);
      expect(written).toEqual(cases());
    } finally {
      rmSync(dirname(path), { recursive: true, force: true });
    }
    expect(existsSync(path)).toBe(false);
  });

  it('lemma1Agreement: equal values agree; a difference above threshold and rounding level does not; lengths must match', () => {
    // Arrange: a PyTorch side that reproduces the JS values, and one case moved by 1e4 thresholds
    const c = cases();
    const same: TorchLemma1Check[] = c.map((x) => ('e' in x.js ? { ...x.js, rRelErr: 0 } : { skipped: x.js.skipped, rRelErr: 0 }));
    const k = c.findIndex((x) => 'e' in x.js);
    const js = c[k].js as { e: number; threshold: number };
    const moved = same.map((t, i) => (i === k && 'e' in t ? { ...t, e: js.e + 1e4 * js.threshold } : t));
    const tiny = same.map((t, i) => (i === k && 'e' in t ? { ...t, e: js.threshold * (1 - LEMMA1_AGREE_REL) } : t));
    const skip = same.map((t, i) => (i === k ? { skipped: 'r outside the range of f', rRelErr: 0 } : t));
    // Act
    const rows = lemma1Agreement(c, same);
    // Assert
    expect(rows.every((r) => r.agree)).toBe(true);
    expect(lemma1Agreement(c, moved)[k].agree).toBe(false);
    expect(lemma1Agreement(c, tiny)[k].agree).toBe(true);
    expect(lemma1Agreement(c, skip)[k].agree).toBe(false);
    expect(() => lemma1Agreement(c, same.slice(1))).toThrow(/expected one per case/);
  });
});
