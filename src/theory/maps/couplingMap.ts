/**
 * Stack of affine coupling layers (RealNVP-type, theory-spec §3.1): permute, split x = (a, b),
 * y_a = a, y_b = b ⊙ exp(s(a)) + t(a), with one-hidden-layer tanh networks s, t. The inverse is
 * analytic; both Jacobians come from forward-mode tangent propagation.
 */
import { matMul, matVec, scaleRows } from '../dense.js';
import type { Mat, TheoryMap, Vec } from '../types.js';

/** A small tanh network u ↦ W2·tanh(W1·u + c1). */
export interface TanhNet {
  readonly W1: Mat;
  readonly c1: Vec;
  readonly W2: Mat;
}

/** One coupling layer: permutation then coupling with `split` pass-through coordinates. */
export interface CouplingLayer {
  readonly perm: readonly number[];
  readonly split: number;
  readonly s: TanhNet;
  readonly t: TanhNet;
}

function netValueAndJac(net: TanhNet, u: Vec): { v: number[]; J: number[][] } {
  const h = matVec(net.W1, u).map((z, i) => Math.tanh(z + net.c1[i]));
  return { v: matVec(net.W2, h), J: matMul(net.W2, scaleRows(net.W1, h.map((x) => 1 - x * x))) };
}

function addMat(A: Mat, B: Mat): number[][] {
  return A.map((row, i) => row.map((x, j) => x + B[i][j]));
}

function forward(layer: CouplingLayer, x: Vec, T: Mat): { y: number[]; T: number[][] } {
  const xp = layer.perm.map((i) => x[i]);
  const Tp = layer.perm.map((i) => T[i]);
  const a = xp.slice(0, layer.split);
  const b = xp.slice(layer.split);
  const [Ta, Tb] = [Tp.slice(0, layer.split), Tp.slice(layer.split)];
  const s = netValueAndJac(layer.s, a);
  const t = netValueAndJac(layer.t, a);
  const es = s.v.map(Math.exp);
  const yb = b.map((v, i) => v * es[i] + t.v[i]);
  const dyb = addMat(addMat(scaleRows(Tb, es), scaleRows(matMul(s.J, Ta), b.map((v, i) => v * es[i]))), matMul(t.J, Ta));
  return { y: [...a, ...yb], T: [...Ta.map((r) => r.slice()), ...dyb] };
}

function backward(layer: CouplingLayer, y: Vec, T: Mat): { x: number[]; T: number[][] } {
  const a = y.slice(0, layer.split);
  const [Ta, Tyb] = [T.slice(0, layer.split), T.slice(layer.split)];
  const s = netValueAndJac(layer.s, a);
  const t = netValueAndJac(layer.t, a);
  const ems = s.v.map((v) => Math.exp(-v));
  const b = y.slice(layer.split).map((v, i) => (v - t.v[i]) * ems[i]);
  const db = addMat(scaleRows(addMat(Tyb, scaleRows(matMul(t.J, Ta), t.v.map(() => -1))), ems), scaleRows(matMul(s.J, Ta), b.map((v) => -v)));
  const xp = [...a, ...b];
  const Tp = [...Ta.map((r) => r.slice()), ...db];
  const x = new Array<number>(xp.length);
  const Tx = new Array<number[]>(xp.length);
  layer.perm.forEach((src, i) => {
    x[src] = xp[i];
    Tx[src] = Tp[i];
  });
  return { x, T: Tx };
}

function eye(d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (__, j) => (i === j ? 1 : 0)));
}

/** Build the coupling stack as a TheoryMap. */
export function couplingMap(name: string, dim: number, layers: readonly CouplingLayer[]): TheoryMap {
  const run = (x: Vec): { y: number[]; T: number[][] } =>
    layers.reduce((acc, l) => forward(l, acc.y, acc.T), { y: x.slice(), T: eye(dim) });
  const runInverse = (r: Vec): { x: number[]; T: number[][] } =>
    layers.reduceRight((acc, l) => backward(l, acc.x, acc.T), { x: r.slice(), T: eye(dim) });
  return {
    name,
    inDim: dim,
    outDim: dim,
    inverseKind: 'analytic',
    smoothness: 'smooth',
    f: (x) => run(x).y,
    jacobian: (x) => run(x).T,
    inverse: (r) => runInverse(r).x,
    inverseJacobian: (r) => runInverse(r).T,
  };
}
