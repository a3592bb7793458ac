/**
 * The one mathjs instance of the project (style.md R2) and the few helpers that use it: a
 * reference solver and the symmetric eigen-solver. Hot paths use lu.ts / svd.ts (plain loops).
 */
import { all, create } from 'mathjs';
import type { Mat } from './types.js';

const math = create(all, { matrix: 'Array', number: 'number', predictable: true });

/** Eigenvalues of a symmetric matrix, ascending (mathjs `eigs`). */
export function eigsSym(A: Mat): number[] {
  const { values } = math.eigs(A as number[][]);
  return (values as number[]).slice().sort((a, b) => a - b);
}

/** Inverse of a square matrix (mathjs `inv`; reference implementation for tests). */
export function invReference(A: Mat): number[][] {
  return math.inv(A as number[][]) as number[][];
}
