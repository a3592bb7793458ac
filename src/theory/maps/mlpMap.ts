/**
 * Invertible MLP f = σ∘(W_depth·+b_depth)∘…∘σ∘(W_1·+b_1) with square, conditioned W_l
 * (theory-spec §3.1). Jacobian and inverse Jacobian by forward-mode tangent propagation; the
 * inverse Jacobian goes through the analytic inverse (LU solves of W_l, σ^{-1}), never through J^{-1}.
 */
import { identity, matMul, matVec, scaleRows } from '../dense.js';
import { luFactor } from '../lu.js';
import { operatorNorm } from '../matrixNorms.js';
import type { Mat, PNorm, TheoryMap, Vec } from '../types.js';
import type { Activation } from './activations.js';

/** One affine layer of the MLP. */
export interface MlpLayer {
  readonly W: Mat;
  readonly b: Vec;
}

function preActivations(layers: readonly MlpLayer[], act: Activation, x: Vec): number[][] {
  const zs: number[][] = [];
  let h: Vec = x;
  for (const { W, b } of layers) {
    const z = matVec(W, h).map((v, i) => v + b[i]);
    zs.push(z);
    h = z.map(act.apply);
  }
  return zs;
}

function segmentKinks(layers: readonly MlpLayer[], act: Activation, a: Vec, b: Vec): number[] {
  let cuts = [0, 1];
  const at = (t: number): number[][] => preActivations(layers, act, a.map((v, i) => v + t * (b[i] - v)));
  for (let l = 0; l < layers.length; l++) {
    const next = new Set<number>(cuts);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const [t0, t1] = [cuts[k], cuts[k + 1]];
      const z0 = at(t0)[l];
      const z1 = at(t1)[l];
      z0.forEach((v, i) => {
        if ((v < 0 && z1[i] > 0) || (v > 0 && z1[i] < 0)) next.add(t0 + ((t1 - t0) * v) / (v - z1[i]));
      });
    }
    cuts = [...next].sort((x, y) => x - y);
  }
  return cuts.slice(1, -1);
}

/** Build the map from its layers and activation. */
export function mlpMap(name: string, layers: readonly MlpLayer[], act: Activation): TheoryMap {
  const d = layers[0].W.length;
  const lus = layers.map((l) => luFactor(l.W));
  const inverse = (r: Vec): number[] => {
    let h = r.slice();
    for (let l = layers.length - 1; l >= 0; l--) h = lus[l].solve(h.map((y, i) => act.inverse(y) - layers[l].b[i]));
    return h;
  };
  const invDeriv = act.inverseDerivative;
  const map: TheoryMap = {
    name,
    inDim: d,
    outDim: d,
    inverseKind: invDeriv ? 'analytic' : 'newton',
    smoothness: act.smooth ? 'smooth' : 'piecewiseLinear',
    f: (x) => preActivations(layers, act, x)[layers.length - 1].map(act.apply),
    jacobian: (x) => {
      const zs = preActivations(layers, act, x);
      let T: number[][] = identity(d);
      layers.forEach((l, i) => (T = scaleRows(matMul(l.W, T), zs[i].map(act.derivative))));
      return T;
    },
    inverse,
    inRange: (r) => r.every(act.inRange),
    lipschitzUpper: (p: PNorm) => layers.reduce((acc, l) => acc * operatorNorm(l.W, p).upper * act.lipschitz, 1),
    ...(act.smooth
      ? {}
      : {
          kinks: (a: Vec, b: Vec) => segmentKinks(layers, act, a, b),
          kinkDistance: (x: Vec) => Math.min(...preActivations(layers, act, x).flat().map(Math.abs)),
        }),
  };
  if (!invDeriv) return map;
  return {
    ...map,
    inverseJacobian: (r) => {
      let h = r.slice();
      let T: number[][] = identity(d);
      for (let l = layers.length - 1; l >= 0; l--) {
        T = lus[l].solveMat(scaleRows(T, h.map(invDeriv)));
        h = lus[l].solve(h.map((y, i) => act.inverse(y) - layers[l].b[i]));
      }
      return T;
    },
  };
}
