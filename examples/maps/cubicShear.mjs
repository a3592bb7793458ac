// A worked example for `soteria-lab check theorem1|lemma1 --map examples/maps/cubicShear.mjs`.
// f(x) = (x0 + x0³, x1 + tanh(x0)): a smooth bijection of R² whose Jacobian is never singular
// (det = 1 + 3·x0² ≥ 1), so Assumption 1 of Soteria's Theorem 1 holds everywhere.

/** Input dimension (f: R^dim → R^dim here; non-square maps are allowed and reported as such). */
export const dim = 2;

/** Optional display name. */
export const name = 'cubicShear';

/** The map. */
export function f(x) {
  return [x[0] + x[0] ** 3, x[1] + Math.tanh(x[0])];
}

/** Optional exact inverse (Cardano's formula for the first coordinate). */
export function inverse(r) {
  const s = Math.sqrt((r[0] * r[0]) / 4 + 1 / 27);
  const x0 = Math.cbrt(r[0] / 2 + s) + Math.cbrt(r[0] / 2 - s);
  return [x0, r[1] - Math.tanh(x0)];
}

/** Optional Jacobian, rows = outputs. */
export function jacobian(x) {
  return [
    [1 + 3 * x[0] ** 2, 0],
    [1 - Math.tanh(x[0]) ** 2, 1],
  ];
}
