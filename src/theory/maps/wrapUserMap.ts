/**
 * Wrap a theorist's own map (`dim`, `f`, optional `inverse` and `jacobian`) as a TheoryMap.
 * Missing parts are computed numerically and listed in `notes`: the Jacobian by central
 * differences (with one Richardson step), the inverse by damped Newton with that Jacobian.
 */
import { subVec, vecNorm } from '../dense.js';
import { fdJacobian } from '../finiteDifference.js';
import { luFactor } from '../lu.js';
import type { TheoryMap, Vec } from '../types.js';

/** The parts a user module provides (already validated by the caller). */
export interface UserMapParts {
  readonly name: string;
  readonly dim: number;
  readonly f: (x: number[]) => number[];
  readonly inverse?: (r: number[]) => number[];
  readonly jacobian?: (x: number[]) => number[][];
}

/** Newton iterations and residual target of the numerical inverse. */
const NEWTON_STEPS = 100;
const NEWTON_TOL = 1e-13;

function newtonInverse(f: (x: Vec) => number[], jac: (x: Vec) => number[][], r: Vec, start: Vec): number[] {
  let x = start.slice();
  let res = vecNorm(subVec(f(x), r), 2);
  for (let it = 0; it < NEWTON_STEPS && res > NEWTON_TOL * Math.max(1, vecNorm(r, 2)); it++) {
    const lu = luFactor(jac(x));
    if (lu.singular) break;
    const step = lu.solve(subVec(f(x), r));
    let t = 1;
    let next = subVec(x, step);
    let nres = vecNorm(subVec(f(next), r), 2);
    while (!(nres < res) && t > 1e-6) {
      t /= 2;
      next = x.map((v, i) => v - t * step[i]);
      nres = vecNorm(subVec(f(next), r), 2);
    }
    if (!(nres < res)) break;
    [x, res] = [next, nres];
  }
  return x;
}

/** Build the TheoryMap; `start` is the Newton starting point when no inverse is given. */
export function wrapUserMap(parts: UserMapParts, start: Vec = new Array<number>(parts.dim).fill(0)): TheoryMap {
  const f = (x: Vec): number[] => parts.f(x.slice());
  const userJac = parts.jacobian;
  const jacobian = userJac ? (x: Vec): number[][] => userJac(x.slice()) : (x: Vec): number[][] => fdJacobian(f, x);
  const userInv = parts.inverse;
  const notes = [
    userJac ? 'jacobian: provided by the module' : 'jacobian: central differences (Richardson), not provided by the module',
    userInv ? 'inverse: provided by the module' : 'inverse: damped Newton with the Jacobian, not provided by the module',
    'inverse Jacobian: central differences through the inverse (never by inverting J)',
  ];
  return {
    name: parts.name,
    inDim: parts.dim,
    outDim: f(new Array<number>(parts.dim).fill(0)).length,
    inverseKind: userInv ? 'newton' : 'numeric',
    smoothness: 'smooth',
    f,
    jacobian,
    inverse: userInv ? (r) => userInv(r.slice()) : (r) => newtonInverse(f, jacobian, r, start),
    notes,
  };
}
