import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { torchRatios } from './torchCompare.js';
import type { BenchResult } from './types.js';
import { acceptedNames, selectWorkloads, WORKLOADS, WORKLOAD_GROUPS } from './workloads.js';
import { median } from './runBench.js';
import { lemma1BenchCases } from './lemma1Workload.js';

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
      { ...row, name: 'a', torchName: 'a', medianMs: 6, minMs: 4 },
      { ...row, name: 'a-2w', torchName: 'a', medianMs: 3, minMs: 3, threads: 2 },
      { ...row, name: 'b', torchName: 'b', medianMs: 1, minMs: 1 },
    ];
    const torch = [{ name: 'a', medianMs: 2, minMs: 1, iterations: 3, backend: 'torch' }];
    // Act
    const r = torchRatios(ours, torch);
    // Assert
    expect(r).toEqual([{ name: 'a', medianRatio: 3, minRatio: 4 }, { name: 'a-2w', medianRatio: 1.5, minRatio: 3 }]);
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
