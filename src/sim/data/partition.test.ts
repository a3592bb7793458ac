import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { dirichletPartition } from './dirichletPartition.js';
import { iidPartition } from './iidPartition.js';
import { partition } from './partition.js';
import { pathologicalPartition } from './pathologicalPartition.js';
import { shardsPartition } from './shardsPartition.js';

/** `perClass` samples of each of `numClasses` classes, interleaved (0, 1, …, 0, 1, …). */
function balancedLabels(numClasses: number, perClass: number): number[] {
  return Array.from({ length: numClasses * perClass }, (_, i) => i % numClasses);
}

function classesOf(labels: readonly number[], indices: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const i of indices) m.set(labels[i], (m.get(labels[i]) ?? 0) + 1);
  return m;
}

describe('pathologicalPartition', () => {
  it('the paper setting: 100 clients × 2 classes × 100 samples, disjoint', () => {
    // Arrange
    const labels = balancedLabels(10, 6000);
    // Act
    const parts = pathologicalPartition(labels, { numClients: 100, classesPerClient: 2, samplesPerClass: 100, seed: 1 });
    // Assert
    expect(parts).toHaveLength(100);
    for (const p of parts) expect([...classesOf(labels, p).values()]).toEqual([100, 100]);
    expect(new Set(parts.flat()).size).toBe(100 * 200);
  });

  it('too few samples of a class is an InputError naming the class and the numbers', () => {
    // Arrange: 150 per class cannot feed ~20 clients × 100 samples
    const labels = balancedLabels(10, 150);
    // Act / Assert
    const run = (): unknown => pathologicalPartition(labels, { numClients: 100, classesPerClient: 2, samplesPerClass: 100, seed: 1 });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/class \d+ has too few samples \(got 150, expected at least \d+ = \d+ clients × 100 samplesPerClass\)/);
  });

  it('more classes per client than classes present is an InputError', () => {
    // Arrange / Act / Assert
    expect(() => pathologicalPartition([0, 1, 1], { numClients: 1, classesPerClient: 3, samplesPerClass: 1, seed: 0 })).toThrow(
      /classesPerClient \(got 3, expected at most 2/,
    );
  });
});

describe('dirichletPartition', () => {
  it('alpha 0.01 with a minimum size terminates and honours it', () => {
    // Arrange
    const labels = balancedLabels(10, 100);
    // Act
    const parts = dirichletPartition(labels, { numClients: 50, alpha: 0.01, minSize: 20, seed: 5 });
    // Assert
    expect(Math.min(...parts.map((p) => p.length))).toBeGreaterThanOrEqual(20);
    expect(parts.flat().sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
  });

  it('small alpha gives label skew, large alpha near-uniform classes', () => {
    // Arrange
    const labels = balancedLabels(10, 200);
    // Act
    const skewed = dirichletPartition(labels, { numClients: 10, alpha: 0.05, seed: 2 });
    const uniform = dirichletPartition(labels, { numClients: 10, alpha: 1000, seed: 2 });
    // Assert
    const meanClasses = (parts: number[][]): number => parts.reduce((s, p) => s + classesOf(labels, p).size, 0) / parts.length;
    expect(meanClasses(skewed)).toBeLessThan(5);
    expect(meanClasses(uniform)).toBe(10);
  });

  it('an impossible minimum size is an InputError', () => {
    // Arrange / Act / Assert
    expect(() => dirichletPartition([0, 1, 2], { numClients: 2, alpha: 1, minSize: 2, seed: 0 })).toThrow(/minSize/);
  });
});

describe('shardsPartition', () => {
  it('McMahan: 60000 samples, 100 clients × 2 shards of 300, at most 2 classes each', () => {
    // Arrange
    const labels = balancedLabels(10, 6000);
    // Act
    const parts = shardsPartition(labels, { numClients: 100, shardsPerClient: 2, seed: 4 });
    // Assert
    for (const p of parts) {
      expect(p).toHaveLength(600);
      expect(classesOf(labels, p).size).toBeLessThanOrEqual(2);
    }
  });
});

describe('partition dispatcher', () => {
  it('routes each kind to its partitioner', () => {
    // Arrange
    const labels = balancedLabels(5, 40);
    // Act / Assert
    expect(partition(labels, { kind: 'iid', numClients: 4, seed: 9 })).toEqual(iidPartition(labels, { numClients: 4, seed: 9 }));
    expect(partition(labels, { kind: 'shards', numClients: 4, shardsPerClient: 2, seed: 9 })).toEqual(
      shardsPartition(labels, { numClients: 4, shardsPerClient: 2, seed: 9 }),
    );
    expect(partition(labels, { kind: 'dirichlet', numClients: 4, alpha: 0.5, seed: 9 })).toEqual(
      dirichletPartition(labels, { numClients: 4, alpha: 0.5, seed: 9 }),
    );
    const path = { numClients: 4, classesPerClient: 2, samplesPerClass: 5, seed: 9 };
    expect(partition(labels, { kind: 'pathological', ...path })).toEqual(pathologicalPartition(labels, path));
  });

  it('an unknown kind from untyped JSON is rejected', () => {
    // Arrange
    const config = JSON.parse('{"kind":"byWriter","numClients":2,"seed":0}') as Parameters<typeof partition>[1];
    // Act / Assert
    expect(() => partition([0, 1], config)).toThrow(/unknown kind/);
  });
});
