/**
 * Sampling (X, r') pairs for Theorem 1 (theory-spec §4.4): random direction, tight direction
 * r − r' ∝ J(X)v₁, adversarial X' (gradient ascent on ‖f(X') − f(X)‖₂/‖X' − X‖₂), and
 * Soteria-pruned r' = r ⊙ (1 − 1_S) with S the top-|S| exact scores |r_i|·‖J^{-1}e_i‖₂.
 */
import { column, matVec, subVec, vecNorm } from './dense.js';
import { makeTheoryRng, type TheoryRng } from './random.js';
import { pinv, svd } from './svd.js';
import type { TheoryMap, Vec } from './types.js';

/** How r' is drawn. */
export type SamplingMode = 'random' | 'tight' | 'adversarial' | 'pruned';

/** A sampled pair with X' = f^{-1}(r'). */
export interface Theorem1Pair {
  readonly X: number[];
  readonly Xp: number[];
  readonly r: number[];
  readonly rp: number[];
}

/** Radii ρ_r·‖r‖ with ρ_r ∈ logspace(−4, 0, 9), indexed 0..8. */
export const radiusFactor = (i: number): number => Math.pow(10, -4 + 0.5 * i);
/** Pruned fractions |S|/L: one entry, 5, 10, 20, 40, 80 %, indexed 0..5. */
export const PRUNE_FRACTIONS = [0, 0.05, 0.1, 0.2, 0.4, 0.8] as const;

/** Algorithm 1's exact score |r_i|·‖J^{-1}e_i‖₂ (J^+ when J is not square). */
export function exactScores(J: number[][], r: Vec): number[] {
  const Jp = pinv(J);
  return r.map((ri, i) => Math.abs(ri) * vecNorm(column(Jp, i), 2));
}

/** Indices of the k largest entries (ties: lowest index first). */
export function topK(scores: Vec, k: number): number[] {
  return scores.map((s, i) => i).sort((a, b) => scores[b] - scores[a] || a - b).slice(0, k);
}

function adversarial(map: TheoryMap, X: Vec, start: number[], steps = 40): number[] {
  const r = map.f(X);
  const g = (Xp: Vec): number => vecNorm(subVec(map.f(Xp), r), 2) / vecNorm(subVec(Xp, X), 2);
  let Xp = start;
  let best = g(Xp);
  let eta = 0.1 * vecNorm(subVec(Xp, X), 2);
  for (let it = 0; it < steps && eta > 1e-12; it++) {
    const dr = subVec(map.f(Xp), r);
    const dx = subVec(Xp, X);
    const [nr, nx] = [vecNorm(dr, 2), vecNorm(dx, 2)];
    const Jt = map.jacobian(Xp);
    const grad = dx.map((v, j) => dr.reduce((s, di, i) => s + Jt[i][j] * di, 0) / (nr * nx) - (nr * v) / nx ** 3);
    const gn = vecNorm(grad, 2) || 1;
    const cand = Xp.map((v, j) => v + (eta * grad[j]) / gn);
    const gc = g(cand);
    if (gc > best) [Xp, best, eta] = [cand, gc, eta * 1.5];
    else eta /= 2;
  }
  return Xp;
}

function randomUnit(rng: TheoryRng, d: number): number[] {
  const v = rng.normals(d);
  const n = vecNorm(v, 2);
  return v.map((x) => x / n);
}

/** Draw r' for `mode` at X; a string is the reason the pair is skipped. */
export function sampleRPrime(map: TheoryMap, X: Vec, mode: SamplingMode, radiusIndex: number, pruneIndex: number, seed: number): Theorem1Pair | string {
  const rng = makeTheoryRng(seed, 'rprime', mode);
  const r = map.f(X);
  const rad = radiusFactor(radiusIndex) * Math.max(vecNorm(r, 2), 1e-12);
  const J = map.jacobian(X);
  let rp: number[];
  if (mode === 'adversarial') {
    const start = X.map((v, i) => v + radiusFactor(radiusIndex) * Math.max(1, vecNorm(X, 2)) * randomUnit(rng, X.length)[i]);
    const Xp = adversarial(map, X, start);
    return { X: X.slice(), Xp, r, rp: map.f(Xp) };
  }
  if (mode === 'random') rp = subVec(r, randomUnit(rng, r.length).map((v) => rad * v));
  else if (mode === 'tight') {
    const Jv = matVec(J, column(svd(J).V, 0));
    rp = subVec(r, Jv.map((v) => (rad * v) / vecNorm(Jv, 2)));
  } else {
    const k = Math.max(1, Math.round(PRUNE_FRACTIONS[pruneIndex] * r.length));
    const S = new Set(topK(exactScores(J, r), k));
    rp = r.map((v, i) => (S.has(i) ? 0 : v));
  }
  if (vecNorm(subVec(r, rp), 2) === 0) return 'r′ = r';
  if (map.inRange && !map.inRange(rp)) return 'r′ outside the range of f';
  if (!map.inverse) return 'map has no inverse';
  const Xp = map.inverse(rp);
  if (!(vecNorm(subVec(map.f(Xp), rp), 2) <= 1e-8 * Math.max(1, vecNorm(rp, 2)))) return 'inverse inaccurate at r′';
  return { X: X.slice(), Xp, r, rp };
}
