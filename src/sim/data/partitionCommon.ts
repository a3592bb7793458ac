/**
 * Helpers shared by the partitioners: parameter validation (bad values are `InputError`s,
 * since partition parameters come from user configs), grouping indices by class, and the
 * canonical output form (each client's indices in ascending order).
 */
import { InputError } from '../../errors.js';
import type { Partition } from './types.js';

/** Throw unless `value` is an integer >= `min`. */
export function checkInt(where: string, name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new InputError(`${where}: bad ${name} (got ${value}, expected an integer >= ${min})`);
  }
}

/** Indices of each class in ascending order, keyed by class; classes in ascending order. */
export function groupByClass(where: string, labels: ArrayLike<number>): Map<number, number[]> {
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isSafeInteger(c) || c < 0) {
      throw new InputError(`${where}: bad label at index ${i} (got ${c}, expected a non-negative integer)`);
    }
    const group = groups.get(c);
    if (group) group.push(i);
    else groups.set(c, [i]);
  }
  return new Map([...groups.entries()].sort((a, b) => a[0] - b[0]));
}

/** The canonical form of a partition: every client's indices sorted ascending. */
export function sortClients(parts: number[][]): Partition {
  return parts.map((p) => p.sort((a, b) => a - b));
}

/** `[0, 1, …, n-1]`. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
