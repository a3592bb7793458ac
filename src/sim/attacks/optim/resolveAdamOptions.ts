/**
 * Options of {@link Adam} with PyTorch's defaults, resolved (and the box expanded) once.
 */

/** A box per coordinate, or per channel (arrays of length C, channel = index mod C: NHWC/NWC). */
export interface BoxBounds {
  readonly lo: number | ArrayLike<number>;
  readonly hi: number | ArrayLike<number>;
}

/** Adam options. */
export interface AdamOptions {
  /** Initial learning rate η (PyTorch default; GS uses 0.1). @default 1e-3 */
  readonly lr?: number;
  /** @default 0.9 */
  readonly beta1?: number;
  /** @default 0.999 */
  readonly beta2?: number;
  /** @default 1e-8 */
  readonly eps?: number;
  /** Use sign(g) instead of g (inverting gradients, Geiping et al. 2020). @default false */
  readonly signed?: boolean;
  /** MultiStepLR: step counts (integers) after which η is multiplied by γ. @default [] */
  readonly milestones?: readonly number[];
  /** MultiStepLR decay factor γ. @default 0.1 */
  readonly gamma?: number;
  /** Projection onto [lo, hi] after each step. @default undefined (none) */
  readonly box?: BoxBounds;
}

/** Every option filled in; the box expanded to per-coordinate arrays. */
export interface ResolvedAdamOptions {
  readonly lr: number; readonly beta1: number; readonly beta2: number; readonly eps: number;
  readonly signed: boolean; readonly milestones: readonly number[]; readonly gamma: number;
  readonly box?: { readonly lo: Float64Array; readonly hi: Float64Array };
}

/**
 * Fill in defaults and validate.
 * @param n - parameter count (to expand and check the box).
 * @returns The resolved options.
 */
export function resolveAdamOptions(o: AdamOptions, n: number): ResolvedAdamOptions {
  const where = 'resolveAdamOptions';
  const r = {
    lr: o.lr ?? 1e-3, beta1: o.beta1 ?? 0.9, beta2: o.beta2 ?? 0.999, eps: o.eps ?? 1e-8,
    signed: o.signed ?? false, milestones: [...(o.milestones ?? [])], gamma: o.gamma ?? 0.1,
  };
  if (!(r.lr > 0 && Number.isFinite(r.lr))) throw new RangeError(`${where}: lr must be a positive number (got ${r.lr}, expected > 0)`);
  for (const k of ['beta1', 'beta2'] as const) {
    if (!(r[k] >= 0 && r[k] < 1)) throw new RangeError(`${where}: ${k} must be in [0, 1) (got ${r[k]}, expected 0 ≤ β < 1)`);
  }
  if (!(r.eps >= 0)) throw new RangeError(`${where}: eps must be non-negative (got ${r.eps}, expected ≥ 0)`);
  if (!(r.gamma > 0)) throw new RangeError(`${where}: gamma must be positive (got ${r.gamma}, expected > 0)`);
  const bad = r.milestones.find((m) => !Number.isInteger(m) || m < 0);
  if (bad !== undefined) throw new RangeError(`${where}: milestones must be non-negative integers (got ${bad}, expected e.g. Math.floor(fraction·total))`);
  return o.box === undefined ? r : { ...r, box: expandBox(o.box, n) };
}

function expandBox(box: BoxBounds, n: number): { lo: Float64Array; hi: Float64Array } {
  const lo = expand(box.lo, n, 'lo');
  const hi = expand(box.hi, n, 'hi');
  const i = lo.findIndex((l, j) => !(l <= hi[j]));
  if (i >= 0) throw new RangeError(`resolveAdamOptions: box lo must not exceed hi (got lo ${lo[i]} > hi ${hi[i]} at ${i}, expected lo ≤ hi)`);
  return { lo, hi };
}

function expand(b: number | ArrayLike<number>, n: number, name: string): Float64Array {
  if (typeof b === 'number') return new Float64Array(n).fill(b);
  const c = b.length;
  if (c === 0 || n % c !== 0) {
    throw new RangeError(`resolveAdamOptions: box ${name} needs one value per coordinate or per channel (got length ${c}, expected a divisor of ${n})`);
  }
  return Float64Array.from({ length: n }, (_, i) => b[i % c]);
}
