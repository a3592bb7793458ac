import { InputError } from '../../errors.js';

/**
 * How representation inference decides which classes a client's update contains, from the
 * norms of the last layer's per-class weight-update columns (Soteria arXiv 2012.06043 §3.2: "rows
 * with much larger norm"; PyTorch rows are tfjs columns).
 * - `largestGap` (default): sort the norms n₁ ≥ n₂ ≥ …; cut where the ratio n_k / n_{k+1} is
 *   largest; if that ratio is at least `minRatio` the top k classes are present, otherwise no class
 *   stands out and all classes are declared present (an IID-like update).
 * - `topK`: the k largest norms (the attacker knows each device holds k classes).
 */
export type ClassRule =
  | { readonly kind: 'largestGap'; /** @default 2 */ readonly minRatio?: number }
  | { readonly kind: 'topK'; readonly k: number };

/** The default class rule, `largestGap` with minRatio 2. */
export const DEFAULT_CLASS_RULE: ClassRule = { kind: 'largestGap', minRatio: 2 };

/**
 * Apply a {@link ClassRule} to per-class column norms.
 * @returns the present classes, by decreasing norm (ties: lower class first).
 * @throws InputError on a bad rule or an empty/non-finite norm list.
 */
export function detectClasses(norms: readonly number[], rule: ClassRule = DEFAULT_CLASS_RULE): number[] {
  if (norms.length === 0 || !norms.every((n) => Number.isFinite(n) && n >= 0)) {
    throw new InputError(`detectClasses: norms must be finite and >= 0 (got [${norms.join(', ')}])`);
  }
  const order = norms.map((_, c) => c).sort((a, b) => norms[b] - norms[a] || a - b);
  if (rule.kind === 'topK') {
    if (!(Number.isInteger(rule.k) && rule.k >= 1 && rule.k <= norms.length)) {
      throw new InputError(`detectClasses: topK.k (got ${rule.k}, expected an integer in [1, ${norms.length}])`);
    }
    return order.slice(0, rule.k);
  }
  if (rule.kind !== 'largestGap') throw new InputError(`detectClasses: unknown rule (got ${JSON.stringify(rule)}, expected largestGap or topK)`);
  const minRatio = rule.minRatio ?? 2;
  if (!(Number.isFinite(minRatio) && minRatio > 1)) throw new InputError(`detectClasses: largestGap.minRatio (got ${minRatio}, expected a finite number > 1)`);
  let cut = order.length;
  let best = 0;
  for (let k = 1; k < order.length; k++) {
    const hi = norms[order[k - 1]];
    const lo = norms[order[k]];
    const ratio = lo === 0 ? (hi === 0 ? 1 : Number.POSITIVE_INFINITY) : hi / lo;
    if (ratio > best) {
      best = ratio;
      cut = k;
    }
  }
  return order.slice(0, best >= minRatio ? cut : order.length);
}
