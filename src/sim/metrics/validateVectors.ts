/** Entry-point validation shared by the vector metrics. */

/** Throw unless `a` and `b` are non-empty, of equal length and hold only finite numbers. */
export function validateVectorPair(fn: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length === 0 || a.length !== b.length) {
    throw new RangeError(`${fn}: inputs must be non-empty and of equal length (got ${a.length} and ${b.length}, expected equal lengths ≥ 1)`);
  }
  for (const [name, v] of [['a', a], ['b', b]] as const) {
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) {
        throw new RangeError(`${fn}: ${name}[${i}] is not finite (got ${v[i]}, expected a finite number)`);
      }
    }
  }
}
