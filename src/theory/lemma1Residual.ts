/**
 * One Lemma-1 case (theory-spec §3.2): LHS = J_{f^{-1}}(r) through the inverse (forward mode, or
 * central differences for Newton inverses), RHS = J_f(x)^{-1} at x = f^{-1}(r) by LU solve,
 * residual e = ‖LHS·J_f(x) − I‖_F/√d, pass threshold 50·d·u·κ (forward mode) or 1e-6·κ (FD).
 */
import { allFinite, frobenius, identity, matMul, subMat } from './dense.js';
import { fdJacobianWithError, UNIT_ROUNDOFF } from './finiteDifference.js';
import { luFactor } from './lu.js';
import { singularValuesGk } from './singularValuesGk.js';
import type { TheoryMap, Vec } from './types.js';

/** The measurement of one Lemma-1 case. */
export interface Lemma1Measurement {
  /** ‖LHS·J − I‖_F/√d. */
  readonly e: number;
  /** ‖LHS − RHS‖_F/‖RHS‖_F. */
  readonly relDiff: number;
  /** κ_2(J_f(x)). */
  readonly kappa: number;
  /** Pass threshold for e. */
  readonly threshold: number;
  readonly lhsMethod: 'forwardMode' | 'finiteDifference';
}

/** Minimum distance of a leaky-ReLU pre-activation from its kink (theory-spec §3.1). */
export const KINK_REJECT = 1e-6;
/** Cases with u·κ above this are numerically singular in float64 and are skipped. */
const MAX_U_KAPPA = 1e-3;

/** Measure one case at the point x0 (r = f(x0)); a string is the reason the case is skipped. */
export function lemma1Residual(map: TheoryMap, x0: Vec): Lemma1Measurement | string {
  if (map.inDim !== map.outDim) return `J is ${map.outDim}×${map.inDim}: not square, (∇_X f)^{-1} does not exist`;
  const inverse = map.inverse;
  if (!inverse) return 'map has no inverse';
  if (map.kinkDistance && map.kinkDistance(x0) < KINK_REJECT) return 'point within 1e-6 of a kink';
  const r = map.f(x0);
  if (map.inRange && !map.inRange(r)) return 'r outside the range of f';
  const x = inverse(r);
  const J = map.jacobian(x);
  const s = singularValuesGk(J);
  const kappa = s[0] / s[s.length - 1];
  if (!allFinite(J) || !(kappa * UNIT_ROUNDOFF < MAX_U_KAPPA)) return 'J numerically singular (u·κ > 1e-3) or non-finite';
  const invJac = map.inverseJacobian;
  const forward = invJac !== undefined;
  const fd = forward ? undefined : fdJacobianWithError(inverse, r);
  const lhs = fd?.J ?? (invJac ? invJac(r) : []);
  if (!allFinite(lhs)) return 'non-finite inverse Jacobian';
  const d = map.inDim;
  const threshold = forward ? 50 * d * UNIT_ROUNDOFF * kappa : 1e-6 * kappa;
  // the FD estimate's own error, propagated to e, must be below the threshold for the case to decide anything
  if (fd && (fd.errorEstimate * s[0]) / Math.sqrt(d) > threshold) return 'finite-difference error estimate exceeds the pass threshold (undecidable by FD)';
  const rhs = luFactor(J).solveMat(identity(d));
  const e = frobenius(subMat(matMul(lhs, J), identity(d))) / Math.sqrt(d);
  const relDiff = frobenius(subMat(lhs, rhs)) / frobenius(rhs);
  return { e, relDiff, kappa, threshold, lhsMethod: forward ? 'forwardMode' : 'finiteDifference' };
}
