/**
 * Negative controls of Lemma 1 (theory-spec §3.3): cases where "∇_r f^{-1} = (∇_X f)^{-1}" has no
 * meaning or is false. Each returns a verdict with the reason; none may ever count as a pass.
 */
import { frobenius, identity, matMul, matVec, subMat, subVec, vecNorm } from './dense.js';
import { makeTheoryRng } from './random.js';
import { pinv } from './svd.js';
import type { FamilyResult } from './claimReport.js';
import { decide, inapplicable, type Verdict } from './verdict.js';
import type { Mat, Vec } from './types.js';

const control = (name: string, verdict: Verdict): FamilyResult => ({
  name: `control/${name}`,
  verdict,
  cases: 1,
  violations: verdict.status === 'violated' ? 1 : 0,
  skipped: {},
  stats: {},
});

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** f(x) = tanh(W·tanh(x)), W L×D with L < D: J has a null space; right inverses are not unique. */
function nonSquare(seed: number): Verdict {
  const [L, D] = [3, 6];
  const rng = makeTheoryRng(seed, 'control', 'nonSquare');
  const W = Array.from({ length: L }, () => rng.normals(D));
  const f = (x: Vec): number[] => matVec(W, x.map(Math.tanh)).map(Math.tanh);
  const jac = (x: Vec): number[][] => {
    const y = f(x);
    return W.map((row, i) => row.map((w, j) => (1 - y[i] ** 2) * w * (1 - Math.tanh(x[j]) ** 2)));
  };
  const X = rng.normals(D).map((v) => 0.5 * v);
  const J = jac(X);
  const Jp = pinv(J);
  const P = subMat(identity(D), matMul(Jp, J));
  const N = matMul(P, Array.from({ length: D }, () => rng.normals(L)));
  const witness = nullWalk(f, jac, X, rng.normals(D));
  return inapplicable(`J is ${L}×${D} (L < D): (∇_X f)^{-1} does not exist; J^+ is only a right inverse and f is not injective`, {
    JJplusMinusI: frobenius(subMat(matMul(J, Jp), identity(L))),
    JplusJMinusI: frobenius(subMat(matMul(Jp, J), identity(D))),
    sqrtDMinusL: Math.sqrt(D - L),
    secondRightInverseGap: frobenius(N),
    JTimesGap: frobenius(matMul(J, N)),
    nullWalk: witness,
  });
}

/** Move X along null directions of J and re-project by Gauss–Newton so f(X') = f(X). */
function nullWalk(f: (x: Vec) => number[], jac: (x: Vec) => number[][], X: Vec, g: Vec): Record<string, number> {
  const r = f(X);
  let Xp = X.slice();
  let prev: number[] | undefined;
  const step = 0.05 * vecNorm(X, 2);
  for (let k = 0; k < 20; k++) {
    const J = jac(Xp);
    const P = subMat(identity(X.length), matMul(pinv(J), J));
    let n = matVec(P, prev ?? g);
    n = n.map((v) => v / vecNorm(n, 2));
    prev = n;
    Xp = Xp.map((v, i) => v + step * n[i]);
    for (let it = 0; it < 50 && vecNorm(subVec(f(Xp), r), 2) > 1e-13; it++) {
      Xp = subVec(Xp, matVec(pinv(jac(Xp)), subVec(f(Xp), r)));
    }
  }
  return { distance: vecNorm(subVec(X, Xp), 2), normX: vecNorm(X, 2), outputGap: vecNorm(subVec(f(Xp), r), 2) };
}

/** f(x) = x³ at 0: bijective, J = 0; FD quotients of cbrt grow like h^{-2/3}. */
function cubeAtZero(): Verdict {
  const hs = [1e-2, 1e-4, 1e-6, 1e-8];
  const q = hs.map((h) => (Math.cbrt(h) - Math.cbrt(-h)) / (2 * h));
  const slope = Math.log(q[3] / q[0]) / Math.log(hs[3] / hs[0]);
  return inapplicable("f(x) = x³ at x = 0: f'(0) = 0, (∇_X f)^{-1} does not exist while f^{-1} = cbrt exists with an infinite derivative", {
    h: hs,
    fdQuotientOfCbrt: q,
    logLogSlope: slope,
  });
}

/** f(x) = x², x = −1, inverse taken as the principal root: (f^{-1})'(1) = 1/2 but 1/f'(−1) = −1/2. */
function squareNonInjective(): Verdict {
  const x = -1;
  const r = x * x;
  const h = 1e-5;
  const lhs = (Math.sqrt(r + h) - Math.sqrt(r - h)) / (2 * h);
  const rhs = 1 / (2 * x);
  return decide({
    lhs: Math.abs(lhs - rhs),
    rhs: 1e-6,
    relation: '<=',
    details: { inverseDerivative: lhs, inverseOfDerivative: rhs, note: 'f is not injective: "f^{-1}" picks a branch' },
    counterexample: { map: 'x^2', x, inverse: 'principal square root' },
  });
}

/** ReLU layer with a dead unit: J singular on an open set, two inputs with one output. */
function deadRelu(): Verdict {
  const W: Mat = [[1, 0.5], [0.3, 1]];
  const b = [0, -5];
  const f = (x: Vec): number[] => matVec(W, x).map((z, i) => Math.max(0, z + b[i]));
  const x1 = [0.2, 0.1];
  const x2 = subVec(x1, [-0.5, 1]); // W[0]·(−0.5, 1)ᵀ = 0 and unit 2 stays dead
  return inapplicable('ReLU layer with a dead unit: J has a zero row on an open set and f is not injective', {
    x1,
    x2,
    fx1: f(x1),
    fx2: f(x2),
  });
}

/** Sigmoid features lie in (0,1): a pruned r' with zeros has no preimage. */
function sigmoidRange(seed: number): Verdict {
  const rng = makeTheoryRng(seed, 'control', 'sigmoid');
  const d = 5;
  const W = Array.from({ length: d }, () => rng.normals(d));
  const r = matVec(W, rng.normals(d)).map(sigmoid);
  const rPruned = r.map((v, i) => (i < 2 ? 0 : v));
  return inapplicable('sigmoid features lie in (0,1)^L: the Soteria-pruned r\' (zeros) has no preimage, Assumption 1 fails', {
    rMin: Math.min(...r),
    rMax: Math.max(...r),
    prunedMin: Math.min(...rPruned),
  });
}

/** All negative controls of theory-spec §3.3. */
export function lemma1Controls(seed: number): FamilyResult[] {
  return [
    control('nonSquare', nonSquare(seed)),
    control('cubeAtZero', cubeAtZero()),
    control('squareNonInjective', squareNonInjective()),
    control('deadRelu', deadRelu()),
    control('sigmoidRange', sigmoidRange(seed)),
  ];
}
