/**
 * Closed-form 1-D witnesses against Theorem 1 with the Jacobian at X (theory-spec §4.2):
 * f(x) = x + x³ (X=0, X'=1), f = tanh (X=3, X'=0), leaky-ReLU slope 0.1 (X=−1, X'=1).
 * All three are bijective with nonzero derivative, so Assumption 1 holds.
 */
import type { TheoryMap } from '../types.js';

/** Names of the 1-D witnesses. */
export type WitnessName = 'cubicPlus' | 'tanh' | 'leakyRelu';

/** A witness: the map and the pair (X, X') of the spec. */
export interface Witness {
  readonly name: WitnessName;
  readonly map: TheoryMap;
  readonly X: number;
  readonly Xprime: number;
}

function scalarMap(name: string, f: (x: number) => number, df: (x: number) => number, inv: (y: number) => number, lip: number, pl: boolean): TheoryMap {
  return {
    name,
    inDim: 1,
    outDim: 1,
    inverseKind: 'analytic',
    smoothness: pl ? 'piecewiseLinear' : 'smooth',
    f: (x) => [f(x[0])],
    jacobian: (x) => [[df(x[0])]],
    inverse: (r) => [inv(r[0])],
    inverseJacobian: (r) => [[1 / df(inv(r[0]))]],
    ...(Number.isFinite(lip) ? { lipschitzUpper: () => lip } : {}),
    ...(pl ? { kinks: (a, b) => (a[0] * b[0] < 0 ? [a[0] / (a[0] - b[0])] : []) } : {}),
  };
}

/** x + x³: inverse by Cardano's formula (the real root of x³ + x − y = 0). */
function cubicPlusInverse(y: number): number {
  const s = Math.sqrt(y * y / 4 + 1 / 27);
  return Math.cbrt(y / 2 + s) + Math.cbrt(y / 2 - s);
}

/** The three witnesses of theory-spec §4.2. */
export function theorem1Witnesses(): Witness[] {
  return [
    { name: 'cubicPlus', map: scalarMap('x+x³', (x) => x + x ** 3, (x) => 1 + 3 * x * x, cubicPlusInverse, Infinity, false), X: 0, Xprime: 1 },
    { name: 'tanh', map: scalarMap('tanh', Math.tanh, (x) => 1 - Math.tanh(x) ** 2, Math.atanh, 1, false), X: 3, Xprime: 0 },
    {
      name: 'leakyRelu',
      map: scalarMap('leakyRelu(0.1)', (x) => (x >= 0 ? x : 0.1 * x), (x) => (x >= 0 ? 1 : 0.1), (y) => (y >= 0 ? y : y / 0.1), 1, true),
      X: -1,
      Xprime: 1,
    },
  ];
}
