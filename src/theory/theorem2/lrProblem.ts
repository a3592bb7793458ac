/**
 * L2-regularised multinomial logistic regression split over devices (theory-spec §5.1), float64.
 * W is C×dt row-major (dt = d + 1 with a bias column, or d). F_k(W) = mean_j CE(W x̃_j, y_j) + (λ/2)‖W‖²,
 * F = Σ_k p_k F_k. Soteria's defended gradient replaces x̃_j by x̃'_j (top-ε |x_i| zeroed, bias kept)
 * in the weight gradient; p_j = softmax(W x̃_j) still uses the clean x̃_j.
 */

/** One device's data: rows of X (clean) and X' (defended), labels. */
export interface LrDevice {
  readonly n: number;
  readonly X: Float64Array;
  readonly Xd: Float64Array;
  readonly y: Int32Array;
}

/** The whole instance. */
export interface LrProblem {
  readonly C: number;
  readonly dt: number;
  readonly lambda: number;
  readonly devices: readonly LrDevice[];
  /** p_k = n_k / n. */
  readonly p: readonly number[];
}

/** Write softmax(W x_j) into out (length C). */
export function softmaxRow(W: Float64Array, X: Float64Array, j: number, C: number, dt: number, out: Float64Array): void {
  let m = -Infinity;
  for (let c = 0; c < C; c++) {
    let s = 0;
    const wo = c * dt;
    const xo = j * dt;
    for (let i = 0; i < dt; i++) s += W[wo + i] * X[xo + i];
    out[c] = s;
    if (s > m) m = s;
  }
  let z = 0;
  for (let c = 0; c < C; c++) z += out[c] = Math.exp(out[c] - m);
  for (let c = 0; c < C; c++) out[c] /= z;
}

const sqNorm = (W: Float64Array): number => W.reduce((s, v) => s + v * v, 0);

/**
 * Mean loss over `idx` of device `dev` (+ λ/2‖W‖²) and, when `grad` is given, add
 * `scale`·(its gradient) into it; `defended` uses X' in the weight gradient.
 */
export function deviceLossGrad(P: LrProblem, W: Float64Array, dev: LrDevice, idx: ArrayLike<number> | null, grad: Float64Array | null, scale = 1, defended = false): number {
  const { C, dt } = P;
  const prob = new Float64Array(C);
  const n = idx ? idx.length : dev.n;
  const G = defended ? dev.Xd : dev.X;
  let loss = 0;
  for (let t = 0; t < n; t++) {
    const j = idx ? idx[t] : t;
    softmaxRow(W, dev.X, j, C, dt, prob);
    loss -= Math.log(Math.max(prob[dev.y[j]], 1e-300));
    if (!grad) continue;
    for (let c = 0; c < C; c++) {
      const a = (scale * (prob[c] - (c === dev.y[j] ? 1 : 0))) / n;
      if (a === 0) continue;
      const go = c * dt;
      const xo = j * dt;
      for (let i = 0; i < dt; i++) grad[go + i] += a * G[xo + i];
    }
  }
  if (grad) for (let i = 0; i < W.length; i++) grad[i] += scale * P.lambda * W[i];
  return loss / n + (P.lambda / 2) * sqNorm(W);
}

/** F(W) = Σ p_k F_k(W), with its gradient added into `grad` when given (clean or defended mean field). */
export function globalLossGrad(P: LrProblem, W: Float64Array, grad: Float64Array | null, defended = false, weights: readonly number[] = P.p): number {
  if (grad) grad.fill(0);
  return P.devices.reduce((s, dev, k) => s + weights[k] * deviceLossGrad(P, W, dev, null, grad, weights[k], defended), 0);
}

/**
 * Jacobian-vector product of the (clean or defended) mean-field gradient at W along V:
 * Σ_k w_k (1/n_k) Σ_j (diag p_j − p_j p_jᵀ)(V x̃_j) g_jᵀ + λV, with g_j = x̃_j (clean: the Hessian) or x̃'_j.
 */
export function gradJvp(P: LrProblem, W: Float64Array, V: Float64Array, defended = false, weights: readonly number[] = P.p): Float64Array {
  const { C, dt } = P;
  const out = new Float64Array(W.length);
  const prob = new Float64Array(C);
  const v = new Float64Array(C);
  P.devices.forEach((dev, k) => {
    if (weights[k] === 0) return;
    const G = defended ? dev.Xd : dev.X;
    for (let j = 0; j < dev.n; j++) {
      softmaxRow(W, dev.X, j, C, dt, prob);
      let pv = 0;
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let i = 0; i < dt; i++) s += V[c * dt + i] * dev.X[j * dt + i];
        v[c] = s;
        pv += prob[c] * s;
      }
      for (let c = 0; c < C; c++) {
        const a = (weights[k] * prob[c] * (v[c] - pv)) / dev.n;
        for (let i = 0; i < dt; i++) out[c * dt + i] += a * G[j * dt + i];
      }
    }
  });
  for (let i = 0; i < W.length; i++) out[i] += P.lambda * V[i];
  return out;
}

/** Restrict the instance to one device (for F_k* and Γ). */
export function singleDevice(P: LrProblem, k: number): LrProblem {
  return { ...P, devices: [P.devices[k]], p: [1] };
}
